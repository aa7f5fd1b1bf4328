using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Benchmarks.Contracts;
using EventContracts.Emulator;
using EventContracts.Http;
using Microsoft.Extensions.Http.Resilience;

namespace EventContracts.Benchmarks.Senders;

/// <summary>
/// <c>--senders [N] [rounds]</c>: the typed sender against raw <see cref="HttpClient.PostAsync(Uri, HttpContent)"/> on loopback.
/// Starts the vendor emulator in-process (127.0.0.1, random port) and sends the benchmark plan's <c>Cart Viewed</c> event
/// (5 items with nested arrays, about 1.2 KB as a Courier body) to its Courier endpoint, sequentially, N times per run:
/// (a) <c>EventSender.SendAsync(cartViewed, userId)</c>: a new UUID v7 messageId, the Courier envelope written into a
///     pooled buffer, contract + plan validation (<c>ValidateBeforeSend</c>, the default), the resilience pipeline, the POST,
///     the response body read and mapped to a <see cref="SendResult"/>;
/// (b) raw <c>HttpClient.PostAsync</c> of bodies serialized before the timed loop by the same <c>VendorProfile.WriteRequest</c>
///     (one per messageId, so Courier accepts every one instead of answering 409), with the headers the sender sends
///     (captured from one sender request), the response body read.
/// Three more contenders split the difference: (c) SendAsync with <c>ValidateBeforeSend = false</c>, (d) SendJsonAsync of
/// pre-serialized bytes like (b)'s (the sender's HTTP path alone: resilience pipeline, telemetry, result mapping), and
/// (e) (b)'s raw post through the sender's resilience pipeline (<c>EventContractsResilience.Build</c> as a
/// <c>ResilienceHandler</c>): the pipeline alone. All use a SocketsHttpHandler with the sender's settings.
/// Each round: fresh bodies, a warm-up of every contender, then the contenders take turns in blocks of 500 events (the
/// first of each turn rotating) until each has sent N, so drift on a shared machine meets all of them alike; then a check
/// that the emulator accepted every event and <c>DELETE /_emulator/events</c> (events and remembered ids). Round 0 is
/// untimed.
/// </summary>
public static class SenderRunner
{
    private const string Key = "key-courier-bench-0123456789";
    private const string UserId = "user-42";
    private const int Block = 500;

    public static int Run(string[] args)
    {
        int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Measure(n, rounds);
        return 0;
    }

    /// <summary>Runs the contenders for <paramref name="rounds"/> timed rounds of <paramref name="n"/> events each.</summary>
    public static SenderFigures Measure(int n, int rounds) => RunAsync(n, rounds).GetAwaiter().GetResult();

    private static async Task<SenderFigures> RunAsync(int n, int rounds)
    {
        int warmup = Math.Max(500, n / 10);
        await using RunningEmulator emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=Warning" }, o => o.Keys["Courier"] = Key);
        Uri server = emulator.ServerUrl("Courier");
        var cart = (CartViewed)Payload.Get("PlanCart").Record;
        var options = new VendorSenderOptions { BaseAddress = server, ApiKey = Key };
        using EventSender sender = EventSender.Create(CourierContract.Profile, options);
        Uri endpoint = sender.Endpoint;

        // The exact request the sender makes (headers, body), from one send through a capturing handler.
        var capture = new CaptureHandler();
        using (var captureClient = new HttpClient(capture))
        using (EventSender capturing = EventSender.Create(CourierContract.Profile, options, captureClient))
        {
            SendResult captured = await capturing.SendAsync(cart, UserId);
            if (capture.Request is null)
            {
                throw new InvalidOperationException("The sender sent nothing: " + captured);
            }
        }

        using var raw = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var header in capture.Request.Headers)
        {
            raw.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        MediaTypeHeaderValue contentType = capture.ContentType!;
        Console.WriteLine($"emulator {emulator.BaseAddress}; POST {endpoint}; body {capture.Body!.Length} B (Cart Viewed, 5 items); N = {n} per run, warm-up {warmup}, {rounds} rounds; ValidateBeforeSend = {options.ValidateBeforeSend}");
        Console.WriteLine("headers (both): " + string.Join("; ", capture.Request.Headers.Select(h => h.Key + (h.Key == "Authorization" ? ": <redacted>" : ": " + string.Join(",", h.Value)))) + "; Content-Type: " + contentType);
        using var admin = new HttpClient { BaseAddress = emulator.BaseAddress };

        var noValidation = new VendorSenderOptions { BaseAddress = server, ApiKey = Key, ValidateBeforeSend = false };
        using EventSender unvalidated = EventSender.Create(CourierContract.Profile, noValidation);

        // The raw client's requests through the sender's own resilience pipeline (as a handler, as EventSender.Create
        // builds it): what the timeouts, retry and circuit breaker cost on their own.
        using var resilient = new HttpClient(new ResilienceHandler(EventContractsResilience.Build(options)) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false } }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var header in capture.Request.Headers)
        {
            resilient.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        // Pre-serialized bodies (each with its own messageId, so Courier accepts every one), per contender, made anew
        // before each round's timed blocks.
        var bodies = new (byte[] Body, string MessageId)[3][];
        var contenders = new (string Name, Func<int, Task> Send)[]
        {
            ("(a) typed SendAsync", async i => Expect((await sender.SendAsync(cart, UserId)).Outcome == SendOutcome.Accepted, "typed send " + i)),
            ("(b) raw PostAsync", i => PostRawAsync(raw, endpoint, bodies[0][i].Body, contentType)),
            ("(c) typed, no validation", async i => Expect((await unvalidated.SendAsync(cart, UserId)).Outcome == SendOutcome.Accepted, "unvalidated send " + i)),
            ("(d) SendJsonAsync of bytes", async i => Expect((await unvalidated.SendJsonAsync(bodies[1][i].Body, bodies[1][i].MessageId)).Outcome == SendOutcome.Accepted, "SendJsonAsync " + i)),
            ("(e) raw + resilience pipeline", i => PostRawAsync(resilient, endpoint, bodies[2][i].Body, contentType)),
        };
        var stats = contenders.Select(_ => new List<Stats>()).ToArray();
        int blocks = (n + Block - 1) / Block;

        // Round 0 is untimed: every contender sends N + warm-up events, so tiered JIT and connection pools settle first.
        for (int round = 0; round <= rounds; round++)
        {
            for (int b = 0; b < bodies.Length; b++)
            {
                bodies[b] = Enumerable.Range(0, n + warmup).Select(_ => Serialize(cart)).ToArray();
            }

            for (int c = 0; c < contenders.Length; c++)
            {
                for (int i = n; i < n + warmup; i++)
                {
                    await contenders[c].Send(i);
                }
            }

            // The contenders take turns in blocks of 500 events, the first of each turn rotating, so a change of
            // machine load within the round meets all of them alike.
            var latencies = contenders.Select(_ => new double[n]).ToArray();
            var elapsed = new double[contenders.Length];
            for (int block = 0; block < blocks; block++)
            {
                for (int k = 0; k < contenders.Length; k++)
                {
                    int c = (k + block + round) % contenders.Length;
                    long start = Stopwatch.GetTimestamp();
                    for (int i = block * Block; i < Math.Min(n, (block + 1) * Block); i++)
                    {
                        long t = Stopwatch.GetTimestamp();
                        await contenders[c].Send(i);
                        latencies[c][i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    }

                    elapsed[c] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
            }

            long expected = (long)contenders.Length * (n + warmup);
            Expect(Accepted(emulator) == expected, "the emulator accepted " + Accepted(emulator) + " events in round " + round + ", not " + expected);
            await ClearAsync(admin, emulator);
            if (round == 0)
            {
                continue;
            }

            for (int c = 0; c < contenders.Length; c++)
            {
                stats[c].Add(Stats.Of(contenders[c].Name, round, latencies[c], TimeSpan.FromSeconds(elapsed[c])));
                Console.WriteLine(stats[c][^1]);
            }
        }

        // Paired within each round (same minute of machine load): time per event of (a) over (b).
        double[] ratios = PairedRatios(stats, 0, rounds);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "per-round time-per-event ratio (a)/(b): {0}; median {1:F3} (budget <= 1.050)",
            string.Join(", ", ratios.Select(v => v.ToString("F3", CultureInfo.InvariantCulture))),
            Median(ratios)));
        Console.WriteLine($"median of {rounds} rounds:");
        double rawRate = Median(stats[1].Select(s => s.PerSecond));
        for (int c = 0; c < contenders.Length; c++)
        {
            double rate = Median(stats[c].Select(s => s.PerSecond));
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  {0,-28} {1,7:F0} events/s, p50 {2:F3} ms, p99 {3:F3} ms; raw/this throughput {4:F3} ({5:+0.0%;-0.0%} time per event vs raw; budget for (a): <= +5%)",
                contenders[c].Name,
                rate,
                Median(stats[c].Select(s => s.P50)),
                Median(stats[c].Select(s => s.P99)),
                rawRate / rate,
                (rawRate / rate) - 1));
        }

        return new SenderFigures(Median(ratios), Median(PairedRatios(stats, 4, rounds)));
    }

    /// <summary>A contender's time per event over raw's (b), per round, sorted.</summary>
    private static double[] PairedRatios(List<Stats>[] stats, int contender, int rounds)
        => Enumerable.Range(0, rounds).Select(r => stats[1][r].PerSecond / stats[contender][r].PerSecond).OrderBy(v => v).ToArray();

    private static (byte[] Body, string MessageId) Serialize(CartViewed cart)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        string messageId = UuidV7.NewString();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CourierContract.Profile.WriteRequest(writer, cart, UserId, messageId);
        }

        return (buffer.WrittenSpan.ToArray(), messageId);
    }

    private static async Task PostRawAsync(HttpClient client, Uri endpoint, byte[] body, MediaTypeHeaderValue contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        using HttpResponseMessage response = await client.PostAsync(endpoint, content);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("raw POST: HTTP " + (int)response.StatusCode + " " + System.Text.Encoding.UTF8.GetString(answer));
        }
    }

    private static long Accepted(RunningEmulator emulator) => emulator.Events.Counts().Single(c => c.Vendor == "courier").Accepted;

    private static async Task ClearAsync(HttpClient admin, RunningEmulator emulator)
    {
        using HttpResponseMessage response = await admin.DeleteAsync("_emulator/events");
        response.EnsureSuccessStatusCode();
        Expect(emulator.Events.Count == 0, "the emulator still holds events after DELETE /_emulator/events");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Stats(string Name, int Round, int Count, double Seconds, double P50, double P99, double Max)
    {
        public double PerSecond => Count / Seconds;

        public static Stats Of(string name, int round, double[] latencies, TimeSpan total)
        {
            Array.Sort(latencies);
            return new Stats(name, round, latencies.Length, total.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1]);
        }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "round {0} {1,-28} {2} events in {3:F3} s = {4,7:F0} events/s; p50 {5:F3} ms, p99 {6:F3} ms, max {7:F3} ms",
            Round, Name, Count, Seconds, PerSecond, P50, P99, Max);

        private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>The medians of the paired per-round ratios of time per event over raw's.</summary>
    /// <param name="Typed">(a) the typed sender.</param>
    /// <param name="Pipeline">(e) the raw post through the sender's resilience pipeline.</param>
    public sealed record SenderFigures(double Typed, double Pipeline);

    /// <summary>Records one request and answers as Courier does (202 with a requestId).</summary>
    private sealed class CaptureHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public byte[]? Body { get; private set; }

        public MediaTypeHeaderValue? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            ContentType = request.Content.Headers.ContentType;
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("{\"requestId\":\"r-1\"}", System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
