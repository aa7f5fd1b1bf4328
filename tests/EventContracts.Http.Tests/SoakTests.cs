using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EventContracts.Http.Tests.Support;
using Xunit.Abstractions;

namespace EventContracts.Http.Tests;

/// <summary>
/// Reliability under faults, over loopback HTTP: many events through the scripted fault front and an emulator that
/// drops connections itself, with about 20% of requests faulted. Every event must be recorded exactly once by the
/// vendor (counted by messageId), memory must stay bounded, a dead endpoint must fail cleanly and trip the circuit
/// breaker, an endpoint down for 30 s must fail cleanly and then recover without losing or doubling an event, and
/// cancellation must be prompt.
/// </summary>
/// <remarks>
/// CI sends <see cref="DefaultEvents"/> events (about 15 s here); a longer soak is
/// <c>EVENTCONTRACTS_SOAK_EVENTS=50000 dotnet test tests/EventContracts.Http.Tests --filter FullyQualifiedName~SoakTests</c>.
/// The faults are seeded (<see cref="Seed"/>): which requests are faulted depends on the order concurrent requests reach
/// the front and emulator, but how many faults each vendor's script holds does not. The outage test runs in this
/// class so that it never shares the machine with the soak: its recovery time is measured against a bound.
/// </remarks>
public sealed class SoakTests : IClassFixture<EmulatorFixture>
{
    public const int DefaultEvents = 10_000;

    public const int Seed = 424242;

    /// <summary>Vendors that de-duplicate by messageId: Courier (409, reported Duplicate), Customer.io (200, not recorded again), Tranthor (204, not recorded again).</summary>
    private static readonly string[] s_idempotent = { "Courier", "CustomerIo", "Tranthor" };

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SoakTests(EmulatorFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private static int EventCount => int.TryParse(Environment.GetEnvironmentVariable("EVENTCONTRACTS_SOAK_EVENTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultEvents;

    [Fact]
    public async Task Every_event_is_recorded_exactly_once_under_twenty_percent_faults()
    {
        int events = EventCount;

        // An emulator of its own that drops 3% of connections (seeded), behind a front of its own that plays a seeded
        // script: 8% 500, 4% 429 Retry-After 0, 1% 429 Retry-After 1, 4% delivered-then-answer-lost (502/503).
        await using RunningEmulator emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=None" }, o =>
        {
            Vendors.ConfigureKeys(o);
            o.Faults.DropRate = 0.03;
            o.Faults.Seed = Seed;
        });
        await using FaultFront front = await FaultFront.StartAsync(emulator.BaseAddress);
        var random = new Random(Seed);
        var scripts = new Dictionary<string, FrontAction[]>();
        foreach (string vendor in s_idempotent)
        {
            // Enough actions for every first attempt and its retries; the rest of the traffic passes through.
            int requests = (events / s_idempotent.Length + 1) * 13 / 10;
            var actions = new FrontAction[requests];
            for (int i = 0; i < requests; i++)
            {
                double roll = random.NextDouble();
                actions[i] = roll switch
                {
                    < 0.08 => FrontAction.Status(500, """{"message":"injected"}"""),
                    < 0.12 => FrontAction.Status(429, retryAfterSeconds: 0),
                    < 0.13 => FrontAction.Status(429, retryAfterSeconds: 1),
                    < 0.17 => FrontAction.DeliverThenAnswer(roll < 0.15 ? 502 : 503),
                    _ => FrontAction.Slowly(TimeSpan.Zero),
                };
            }

            scripts[vendor] = actions;
            front.Enqueue(Vendors.Id(vendor), actions);
        }

        var senders = s_idempotent.ToDictionary(v => v, v =>
        {
            VendorSenderOptions options = Vendors.Options(v, front.ServerUrl(emulator.ServerUrl(v)));
            options.Resilience.MaxRetryAttempts = 6;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
            options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(200);

            // The default breaker (opens at a 10% failure ratio) would open under a 20% fault rate by design; the soak
            // is about delivery, so it opens only at 60% here. Sends it stops anyway are re-sent below.
            options.Resilience.CircuitFailureRatio = 0.6;
            return EventSender.Create(Vendors.Profile(v), options);
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();

        // Each event: a vendor, its own messageId (kept for re-sends, as an outbox would), sent until delivered.
        var plan = Enumerable.Range(0, events).Select(i => (Index: i, Vendor: s_idempotent[i % s_idempotent.Length], MessageId: Guid.NewGuid().ToString())).ToArray();
        var outcomes = new ConcurrentDictionary<string, SendResult>();
        var pending = plan.ToList();
        int rounds = 0, resent = 0, duplicates = 0;
        long attempts = 0;
        using var gate = new SemaphoreSlim(16);
        while (pending.Count > 0 && rounds < 5)
        {
            rounds++;
            var failed = new ConcurrentBag<(int Index, string Vendor, string MessageId)>();
            await Task.WhenAll(pending.Select(async item =>
            {
                await gate.WaitAsync();
                try
                {
                    SendResult result = await senders[item.Vendor].SendAsync(Vendors.Order("soak-" + item.Index.ToString(CultureInfo.InvariantCulture)), "user-" + (item.Index % 97).ToString(CultureInfo.InvariantCulture), item.MessageId);
                    Interlocked.Add(ref attempts, result.Attempts);
                    if (result.Outcome == SendOutcome.Duplicate)
                    {
                        Interlocked.Increment(ref duplicates);
                    }

                    if (result.IsDelivered)
                    {
                        outcomes[item.MessageId] = result;
                    }
                    else
                    {
                        Assert.True(result.Outcome == SendOutcome.Failed, "only transient failures are expected: " + result);
                        failed.Add(item);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
            resent += failed.Count;
            pending = failed.ToList();
        }

        watch.Stop();
        foreach (EventSender sender in senders.Values)
        {
            sender.Dispose();
        }

        // What the vendors recorded, counted by messageId.
        var lost = new List<string>();
        var twice = new List<string>();
        foreach (string vendor in s_idempotent)
        {
            var recorded = emulator.Events.Snapshot(Vendors.Id(vendor)).GroupBy(e => e.MessageId ?? string.Empty).ToDictionary(g => g.Key, g => g.Count());
            foreach (var item in plan.Where(p => p.Vendor == vendor))
            {
                int count = recorded.GetValueOrDefault(item.MessageId);
                if (count == 0)
                {
                    lost.Add(vendor + " " + item.MessageId);
                }
                else if (count > 1)
                {
                    twice.Add(vendor + " " + item.MessageId + " x" + count);
                }
            }

            Assert.Equal(plan.Count(p => p.Vendor == vendor), recorded.Values.Sum());
        }

        int requestsSeen = front.Received.Count;

        // Faults the front played (its script is consumed one action per request) and connections the emulator dropped.
        int frontFaults = s_idempotent.Sum(v => scripts[v].Take(front.ReceivedBy(Vendors.Id(v)).Count).Count(a => a is not FrontAction.Slow));
        var counts = emulator.Events.Counts().Where(c => s_idempotent.Any(v => Vendors.Id(v) == c.Vendor)).ToList();
        long drops = counts.Sum(c => c.Faults);
        long vendorDuplicates = counts.Sum(c => c.Duplicates);
        string figures = string.Format(
            CultureInfo.InvariantCulture,
            "{0} events to {1} in {2:F1} s: {3} requests at the front, {4} faults injected ({5} scripted 500/429/lost-answer + {6} dropped connections upstream = {7:P1} of requests), "
            + "{8} retried attempts, {9} re-sent after Failed in {10} round(s), {11} duplicates absorbed by the vendors ({12} reported Duplicate), lost {13}, recorded twice {14}",
            events, string.Join("/", s_idempotent), watch.Elapsed.TotalSeconds, requestsSeen, frontFaults + drops, frontFaults, drops, (frontFaults + drops) / (double)requestsSeen,
            attempts - events, resent, rounds, vendorDuplicates, duplicates, lost.Count, twice.Count);
        _output.WriteLine(figures);
        Assert.True(lost.Count == 0, figures + "\nlost: " + string.Join(", ", lost.Take(10)));
        Assert.True(twice.Count == 0, figures + "\ntwice: " + string.Join(", ", twice.Take(10)));
        Assert.Equal(events, outcomes.Count);

        // About a fifth of the requests were faulted: more requests than events by at least the scripted share.
        Assert.True(requestsSeen >= events * 1.15, figures);

        // Memory: what stays is the recorded events (emulator) and every request the front keeps (body and headers),
        // both proportional to the events; the senders keep nothing. Bound: 20 KB per event plus 64 MB.
        long after = GC.GetTotalMemory(forceFullCollection: true);
        long growth = after - before;
        _output.WriteLine("managed heap: " + (before / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB before, " + (after / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB after");
        Assert.True(growth < 64L * 1048576 + events * 20_480L, "the managed heap grew by " + growth + " bytes");
    }

    [Fact]
    public async Task A_dead_endpoint_fails_cleanly_and_the_circuit_breaker_stops_hammering_it()
    {
        const string vendor = "Userpilot";
        string id = Vendors.Id(vendor);
        for (int i = 0; i < 200; i++)
        {
            _fixture.Front.Enqueue(id, FrontAction.Status(500, """{"errors":[{"details":"d","error":"down","error_code":"500","message":"down"}]}"""));
        }

        int before = _fixture.Front.ReceivedBy(id).Count;
        using EventSender sender = _fixture.FrontSender(vendor, o =>
        {
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
            o.Resilience.CircuitMinimumThroughput = 10;
            o.Resilience.CircuitFailureRatio = 0.5;
            o.Resilience.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        });

        var results = new List<SendResult>();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 30; i++)
        {
            results.Add(await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-down"));
        }

        watch.Stop();
        int requests = _fixture.Front.ReceivedBy(id).Count - before;
        _output.WriteLine(requests + " requests reached the front for 30 sends in " + watch.ElapsedMilliseconds + " ms; " + string.Join(", ", results.GroupBy(r => r.Errors.FirstOrDefault()?.Code ?? r.StatusCode?.ToString(CultureInfo.InvariantCulture)).Select(g => g.Key + " x" + g.Count())));

        Assert.All(results, r => Assert.Equal(SendOutcome.Failed, r.Outcome));
        Assert.False(results[0].IsDelivered);
        Assert.Equal(500, results[0].StatusCode);
        Assert.Equal(3, results[0].Attempts);
        Assert.Contains(results, r => r.Errors.Any(e => e.Code == "circuit_open"));

        // Without the breaker 30 sends x 3 attempts = 90 requests; with it, about the 10 it needs to open.
        Assert.True(requests <= 15, requests + " requests reached the dead endpoint");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.DoesNotContain(_fixture.Emulator.Events.Snapshot(id), e => e.BodyText.Contains("user-down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_connection_fails_cleanly_and_the_circuit_breaker_opens()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        VendorSenderOptions options = Vendors.Options("Tranthor", new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/tranthor"));
        options.Resilience.MaxRetryAttempts = 2;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Resilience.CircuitMinimumThroughput = 10;
        options.Resilience.CircuitFailureRatio = 0.5;
        options.Resilience.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        using EventSender sender = EventSender.Create(TranthorContract.Profile, options);

        var results = new List<SendResult>();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 30; i++)
        {
            results.Add(await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-refused"));
        }

        watch.Stop();
        int attempts = results.Sum(r => r.Attempts);
        _output.WriteLine(attempts + " attempts for 30 sends in " + watch.ElapsedMilliseconds + " ms");
        Assert.All(results, r => Assert.Equal(SendOutcome.Failed, r.Outcome));
        Assert.Contains(results[0].Errors, e => e.Code == "transport");
        Assert.Contains(results, r => r.Errors.Any(e => e.Code == "circuit_open"));
        Assert.True(attempts <= 15, attempts + " connection attempts");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task An_endpoint_down_for_thirty_seconds_fails_cleanly_then_recovers()
    {
        const string vendor = "Courier";
        const int Concurrent = 3;
        string id = Vendors.Id(vendor);
        TimeSpan outage = TimeSpan.FromSeconds(30);
        TimeSpan breakDuration = TimeSpan.FromSeconds(3);

        // The first delivery after the outage waits for the breaker's next probe: at most one break after the last
        // failed probe (which is before the end), plus a send interval; the rest is slack for a busy CI machine.
        TimeSpan recoveryBound = breakDuration + TimeSpan.FromSeconds(2);
        TimeSpan healthyBefore = TimeSpan.FromSeconds(3);
        TimeSpan healthyAfter = recoveryBound + TimeSpan.FromSeconds(3);

        await using RunningEmulator emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=None" }, Vendors.ConfigureKeys);
        VendorSenderOptions options = Vendors.Options(vendor, emulator.ServerUrl(vendor));
        options.Resilience.MaxRetryAttempts = 2;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(50);
        options.Resilience.CircuitMinimumThroughput = 10;
        options.Resilience.CircuitFailureRatio = 0.5;
        options.Resilience.CircuitSamplingDuration = TimeSpan.FromSeconds(2);
        options.Resilience.CircuitBreakDuration = breakDuration;
        using EventSender sender = EventSender.Create(Vendors.Profile(vendor), options);
        int attemptsPerSend = options.Resilience.MaxRetryAttempts + 1;

        // The event of each index is rebuilt for its re-send, with the messageId it was first sent with, as an outbox would.
        static OrderCompleted Event(int index) => Vendors.Order("outage-" + index.ToString(CultureInfo.InvariantCulture));
        var sends = new ConcurrentQueue<OutageSend>();
        var clock = Stopwatch.StartNew();
        async Task SendOneAsync(int index)
        {
            string messageId = Guid.NewGuid().ToString();
            TimeSpan started = clock.Elapsed;
            SendResult result = await sender.SendAsync(Event(index), "user-outage", messageId);
            sends.Enqueue(new OutageSend(index, messageId, started, clock.Elapsed, result));
        }

        // Healthy, down, healthy again: a few sends start every 100 ms throughout, whatever the earlier ones are doing.
        var running = new List<Task>();
        TimeSpan downFrom = TimeSpan.MaxValue, downCalled = TimeSpan.MaxValue;
        using (var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
        {
            int next = 0;
            do
            {
                if (downCalled == TimeSpan.MaxValue && clock.Elapsed >= healthyBefore)
                {
                    downFrom = clock.Elapsed;
                    emulator.StartOutage(vendor, outage);
                    downCalled = clock.Elapsed;
                }

                for (int i = 0; i < Concurrent; i++)
                {
                    running.Add(SendOneAsync(next++));
                }
            }
            while (await ticks.WaitForNextTickAsync() && (downCalled == TimeSpan.MaxValue || clock.Elapsed < downCalled + outage + healthyAfter));
        }

        // A send that threw (rather than returning a result) fails the test here.
        await Task.WhenAll(running);
        long refused = emulator.Events.Counts().Single(c => c.Vendor == id).Faults;

        // The emulator's outage ended between downFrom + 30 s and downCalled + 30 s (microseconds apart); sends that
        // straddle a boundary may go either way and are only counted.
        TimeSpan upAgain = downFrom + outage;
        OutageSend[] all = sends.OrderBy(s => s.Index).ToArray();
        OutageSend[] before = all.Where(s => s.Started < downFrom).ToArray();
        OutageSend[] during = all.Where(s => s.Started >= downFrom && s.Started < upAgain).ToArray();
        OutageSend[] after = all.Where(s => s.Started >= upAgain).ToArray();
        OutageSend[] failed = all.Where(s => !s.Result.IsDelivered).ToArray();
        OutageSend? firstBack = all.Where(s => s.Result.Outcome == SendOutcome.Accepted && s.Ended >= upAgain).MinBy(s => s.Ended);
        TimeSpan recovery = firstBack is null ? TimeSpan.MaxValue : firstBack.Ended - upAgain;

        // Re-send every failed event with its messageId until delivered (the breaker is closed again by now).
        var resent = new Dictionary<SendOutcome, int>();
        var pending = failed.ToList();
        for (int round = 0; pending.Count > 0 && round < 3; round++)
        {
            var stillFailed = new List<OutageSend>();
            foreach (OutageSend send in pending)
            {
                SendResult again = await sender.SendAsync(Event(send.Index), "user-outage", send.MessageId);
                Assert.Equal(send.MessageId, again.MessageId);
                resent[again.Outcome] = resent.GetValueOrDefault(again.Outcome) + 1;
                if (!again.IsDelivered)
                {
                    stillFailed.Add(send);
                }
            }

            pending = stillFailed;
        }

        // What the vendor recorded, counted by messageId.
        var recorded = emulator.Events.Snapshot(id).GroupBy(e => e.MessageId ?? string.Empty).ToDictionary(g => g.Key, g => g.Count());
        string[] lost = all.Where(s => recorded.GetValueOrDefault(s.MessageId) == 0).Select(s => s.MessageId).ToArray();
        string[] twice = all.Where(s => recorded.GetValueOrDefault(s.MessageId) > 1).Select(s => s.MessageId).ToArray();

        static string Outcomes(IEnumerable<OutageSend> phase)
            => string.Join(", ", phase.GroupBy(s => s.Result.Outcome == SendOutcome.Failed ? "failed " + Reason(s.Result) : s.Result.Outcome.ToString().ToLowerInvariant())
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " x" + g.Count().ToString(CultureInfo.InvariantCulture)));
        string figures = string.Format(
            CultureInfo.InvariantCulture,
            "{0}, {1} sends every 100 ms, {2} retries, breaker break {3:F0} s:\n"
            + "  before the outage: {4} sends ({5})\n"
            + "  during the {6:F0} s outage: {7} sends ({8}); slowest result {9:F0} ms; {10} requests refused by the emulator (without a breaker: {11})\n"
            + "  after it: {12} sends ({13}); first delivery {14:F2} s after the outage ended (bound {15:F0} s)\n"
            + "  re-sent with the same messageId: {16} ({17}); lost {18}, recorded twice {19}",
            vendor, Concurrent, options.Resilience.MaxRetryAttempts, breakDuration.TotalSeconds,
            before.Length, Outcomes(before),
            outage.TotalSeconds, during.Length, Outcomes(during), during.Max(s => s.Result.Elapsed.TotalMilliseconds), refused, during.Length * attemptsPerSend,
            after.Length, Outcomes(after), recovery.TotalSeconds, recoveryBound.TotalSeconds,
            failed.Length, string.Join(", ", resent.OrderBy(p => p.Key).Select(p => p.Key.ToString().ToLowerInvariant() + " x" + p.Value.ToString(CultureInfo.InvariantCulture))),
            lost.Length, twice.Length);
        _output.WriteLine(figures);

        // Healthy before: every send that ended before the outage was accepted.
        Assert.NotEmpty(before);
        Assert.All(all.Where(s => s.Ended <= downFrom), s => Assert.Equal(SendOutcome.Accepted, s.Result.Outcome));

        // Down: every send wholly inside the outage ended with a clear Failed result, 503 after the whole retry budget
        // or circuit_open, quickly (well before the 20 s send timeout), and nothing reached the vendor's log.
        OutageSend[] inside = all.Where(s => s.Started >= downCalled && s.Ended <= upAgain).ToArray();
        Assert.True(inside.Length >= during.Length * 9 / 10, figures);
        Assert.All(inside, s =>
        {
            Assert.Equal(SendOutcome.Failed, s.Result.Outcome);
            Assert.True(
                (s.Result.StatusCode == 503 && s.Result.Attempts == attemptsPerSend && s.Result.Errors.Count > 0)
                || s.Result.Errors.Any(e => e.Code == "circuit_open"),
                s.Result.ToString());
            Assert.True(s.Result.Elapsed < TimeSpan.FromSeconds(5), s.Result.ToString());
        });
        Assert.Contains(inside, s => s.Result.StatusCode == 503);
        Assert.Contains(inside, s => s.Result.Errors.Any(e => e.Code == "circuit_open"));

        // The breaker stopped the hammering: a small fraction of the requests the sends would have made without it.
        Assert.True(refused * 10 < during.Length * attemptsPerSend, figures);

        // Recovered: the first delivery came within a break (plus slack) of the end, and everything after was accepted.
        Assert.True(recovery <= recoveryBound, figures);
        OutageSend[] settled = all.Where(s => s.Started >= downCalled + outage + recoveryBound).ToArray();
        Assert.NotEmpty(settled);
        Assert.All(settled, s => Assert.Equal(SendOutcome.Accepted, s.Result.Outcome));

        // And the vendor has every event exactly once.
        Assert.Empty(pending);
        Assert.True(lost.Length == 0, figures + "\nlost: " + string.Join(", ", lost.Take(10)));
        Assert.True(twice.Length == 0, figures + "\ntwice: " + string.Join(", ", twice.Take(10)));
        Assert.Equal(all.Length, recorded.Values.Sum());
    }

    [Theory]
    [InlineData("slow answer")]
    [InlineData("retry delay")]
    public async Task Cancellation_is_honoured_promptly(string during)
    {
        using EventSender sender = _fixture.FrontSender("PushEngage");

        // Warm up (JIT, connection) so the measurement is of cancellation only.
        Assert.True((await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-warm")).IsDelivered);

        for (int trial = 0; trial < 3; trial++)
        {
            _fixture.Front.Enqueue("pushengage", during == "slow answer" ? FrontAction.Slowly(TimeSpan.FromSeconds(10)) : FrontAction.Status(429, retryAfterSeconds: 10));
            using var cts = new CancellationTokenSource();
            Task<SendResult> send = sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-cancel", cancellationToken: cts.Token);
            await Task.Delay(300);
            Assert.False(send.IsCompleted);

            var watch = Stopwatch.StartNew();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
            watch.Stop();
            _output.WriteLine(during + ": cancelled after " + watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms");
            // Prompt against the 10 s the vendor would take; the bound leaves room for a loaded CI machine's scheduling.
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), "cancellation took " + watch.Elapsed.TotalMilliseconds + " ms");
        }
    }

    /// <summary>The reason of a Failed result: the last HTTP status, or the sender's error code when no answer came.</summary>
    private static string Reason(SendResult result)
        => result.StatusCode is int status ? "HTTP " + status.ToString(CultureInfo.InvariantCulture) : result.Errors.FirstOrDefault()?.Code ?? "unknown";

    private sealed record OutageSend(int Index, string MessageId, TimeSpan Started, TimeSpan Ended, SendResult Result);
}
