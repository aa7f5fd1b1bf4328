using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace EventContracts.Http.Internal;

/// <summary>Counts the HTTP attempts of one send and keeps the last answer's status; carried on the request's options.</summary>
internal sealed class AttemptCounter
{
    public static readonly HttpRequestOptionsKey<AttemptCounter> Key = new HttpRequestOptionsKey<AttemptCounter>("EventContracts.AttemptCounter");

    private readonly string _destination;
    private int _count;
    private int _lastStatus;

    public AttemptCounter(string destination)
    {
        _destination = destination;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The status of the last answer, or null when none came. A send that ends without one in hand (the total timeout
    /// during a retry's wait, an open circuit on the retry) still reports what the vendor last said.
    /// </summary>
    public int? LastStatus => Volatile.Read(ref _lastStatus) is int status and > 0 ? status : null;

    public void OnAnswer(HttpResponseMessage response) => Volatile.Write(ref _lastStatus, (int)response.StatusCode);

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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AttemptCounter.Key, out AttemptCounter? counter))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        counter.OnAttempt();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        counter.OnAnswer(response);
        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AttemptCounter.Key, out AttemptCounter? counter))
        {
            return base.Send(request, cancellationToken);
        }

        counter.OnAttempt();
        HttpResponseMessage response = base.Send(request, cancellationToken);
        counter.OnAnswer(response);
        return response;
    }
}
