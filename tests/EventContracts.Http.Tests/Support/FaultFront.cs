using System.Collections.Concurrent;
using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventContracts.Http.Tests.Support;

/// <summary>What the front does with the next request to one vendor.</summary>
public abstract record FrontAction
{
    /// <summary>Answer with a status (and an optional body and Retry-After) without reaching the vendor.</summary>
    public static FrontAction Status(int status, string? json = null, int? retryAfterSeconds = null) => new Answer(status, json, retryAfterSeconds);

    /// <summary>Deliver the request to the vendor, then lose its answer and reply with <paramref name="status"/> instead.</summary>
    public static FrontAction DeliverThenAnswer(int status) => new LoseAnswer(status);

    /// <summary>Wait, then forward (a slow vendor).</summary>
    public static FrontAction Slowly(TimeSpan delay) => new Slow(delay);

    /// <summary>Answer 200 with a body of which only the start arrives, the rest after <paramref name="stall"/> (a vendor that stalls mid-answer).</summary>
    public static FrontAction StallBody(TimeSpan stall) => new Stall(stall);

    internal sealed record Answer(int StatusCode, string? Json, int? RetryAfterSeconds) : FrontAction;

    internal sealed record Stall(TimeSpan Delay) : FrontAction;

    internal sealed record LoseAnswer(int StatusCode) : FrontAction;

    internal sealed record Slow(TimeSpan Delay) : FrontAction;
}

/// <summary>One request the front received.</summary>
public sealed record ReceivedRequest(string Vendor, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

/// <summary>
/// A scripted Kestrel front on 127.0.0.1:0 between the senders and the emulator: for each vendor (first path
/// segment) it plays queued actions (500, 429 with Retry-After, slow answers, lost answers), then forwards every
/// other request unchanged to the emulator and relays its answer. It records every request it gets.
/// </summary>
public sealed class FaultFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FrontAction>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private int _inFlight;
    private int _maxInFlight;

    private FaultFront(WebApplication app, Uri baseAddress, Uri upstream)
    {
        _app = app;
        BaseAddress = baseAddress;
        _upstream = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The front's address, ending with '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    public static async Task<FaultFront> StartAsync(Uri upstream)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        FaultFront? front = null;
        app.Run(context => front!.HandleAsync(context));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        front = new FaultFront(app, new Uri(address.TrimEnd('/') + "/"), upstream);
        return front;
    }

    /// <summary>The front's stand-in for a vendor's server URL: same path as the emulator's.</summary>
    public Uri ServerUrl(Uri emulatorServerUrl) => new Uri(BaseAddress, emulatorServerUrl.AbsolutePath.TrimStart('/'));

    /// <summary>Queues actions for the next requests to a vendor (its lowercase path prefix, for example <c>courier</c>).</summary>
    public void Enqueue(string vendor, params FrontAction[] actions)
    {
        ConcurrentQueue<FrontAction> queue = _scripts.GetOrAdd(vendor, _ => new ConcurrentQueue<FrontAction>());
        foreach (FrontAction action in actions)
        {
            queue.Enqueue(action);
        }
    }

    /// <summary>The most requests the front was answering at once since the last <see cref="ResetMaxInFlight"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void ResetMaxInFlight() => Volatile.Write(ref _maxInFlight, 0);

    public IReadOnlyList<ReceivedRequest> ReceivedBy(string vendor) => Received.Where(r => string.Equals(r.Vendor, vendor, StringComparison.OrdinalIgnoreCase)).ToList();

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            await PlayAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task PlayAsync(HttpContext context)
    {
        using var memory = new MemoryStream();
        await context.Request.Body.CopyToAsync(memory, context.RequestAborted);
        byte[] body = memory.ToArray();
        string path = context.Request.Path.Value ?? "/";
        string vendor = path.TrimStart('/').Split('/')[0];
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedRequest(vendor, path, headers, body, DateTimeOffset.UtcNow));

        FrontAction? action = null;
        if (_scripts.TryGetValue(vendor, out ConcurrentQueue<FrontAction>? queue))
        {
            queue.TryDequeue(out action);
        }

        switch (action)
        {
            case FrontAction.Answer answer:
                context.Response.StatusCode = answer.StatusCode;
                if (answer.RetryAfterSeconds is int seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (answer.Json is not null)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(answer.Json, context.RequestAborted);
                }

                return;
            case FrontAction.LoseAnswer lose:
                using (HttpResponseMessage lost = await ForwardAsync(context, body, path))
                {
                    context.Response.StatusCode = lose.StatusCode;
                }

                return;
            case FrontAction.Stall stall:
                byte[] start = "{\"error_code\":0,\"data\":"u8.ToArray();
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = start.Length + 3;
                await context.Response.Body.WriteAsync(start, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(stall.Delay, context.RequestAborted);
                await context.Response.Body.WriteAsync("{}}"u8.ToArray(), context.RequestAborted);
                return;
            case FrontAction.Slow slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                break;
        }

        using HttpResponseMessage response = await ForwardAsync(context, body, path);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString();
        }

        byte[] answerBody = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (response.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        if (answerBody.Length > 0)
        {
            await context.Response.Body.WriteAsync(answerBody, context.RequestAborted);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context, byte[] body, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), path.TrimStart('/') + context.Request.QueryString.Value)
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var header in context.Request.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        return await _upstream.SendAsync(request, context.RequestAborted);
    }
}
