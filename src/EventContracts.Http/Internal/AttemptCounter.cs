using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace EventContracts.Http.Internal;

/// <summary>Counts the HTTP attempts of one send; carried on the request's options.</summary>
internal sealed class AttemptCounter
{
    public static readonly HttpRequestOptionsKey<AttemptCounter> Key = new HttpRequestOptionsKey<AttemptCounter>("EventContracts.AttemptCounter");

    private readonly string _destination;
    private int _count;

    public AttemptCounter(string destination)
    {
        _destination = destination;
    }

    public int Count => Volatile.Read(ref _count);

    public void OnAttempt()
    {
        if (Interlocked.Increment(ref _count) > 1)
        {
            EventContractsTelemetry.Retried.Add(1, new KeyValuePair<string, object?>("eventcontracts.destination", _destination));
        }
    }
}

/// <summary>
/// Sits inside the resilience handler (between it and the network), so it sees every attempt the retry
/// strategy makes, and counts it on the send's <see cref="AttemptCounter"/>.
/// </summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    public AttemptCountingHandler()
    {
    }

    public AttemptCountingHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AttemptCounter.Key, out AttemptCounter? counter))
        {
            counter.OnAttempt();
        }

        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AttemptCounter.Key, out AttemptCounter? counter))
        {
            counter.OnAttempt();
        }

        return base.Send(request, cancellationToken);
    }
}
