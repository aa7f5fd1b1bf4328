using System.Diagnostics;
using System.Net.Http;
using System.Text;
using EventContracts.Http.Tests.Support;

namespace EventContracts.Http.Tests;

/// <summary>
/// Retries through Microsoft.Extensions.Http.Resilience, over loopback HTTP: the scripted fault front answers
/// 500/429/slowly or loses an answer, then forwards to the emulator, which records what is delivered.
/// </summary>
public sealed class RetryTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public RetryTests(EmulatorFixture fixture) => _fixture = fixture;

    private static string ServerErrorBody(string vendor) => vendor switch
    {
        "Courier" => """{"type":"api_error","message":"boom"}""",
        "Userpilot" => """{"errors":[{"details":"d","error":"internal_error","error_code":"500","message":"boom"}]}""",
        "PushEngage" => """{"error":{"message":"Something went wrong.","code":1001}}""",
        "CustomerIo" => """{"meta":{"errors":["boom"]}}""",
        _ => """{"message":"boom"}""",
    };

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Server_error_then_success_delivers_once_with_the_same_bytes(string vendor)
    {
        string id = Vendors.Id(vendor);
        using EventSender sender = _fixture.FrontSender(vendor);
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue(id, FrontAction.Status(500, ServerErrorBody(vendor)));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-r");

        Assert.True(result.Outcome == SendOutcome.Accepted, result.ToString());
        Assert.Equal(2, result.Attempts);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, vendor, marker));
        ReceivedRequest[] attempts = Bodies(id, marker);
        Assert.Equal(2, attempts.Length);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        if (Vendors.Profile(vendor).MessageIdProperty is not null)
        {
            Assert.Contains("\"" + result.MessageId + "\"", Encoding.UTF8.GetString(attempts[1].Body));
        }
    }

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Too_many_requests_waits_as_long_as_retry_after_says(string vendor)
    {
        string id = Vendors.Id(vendor);
        using EventSender sender = _fixture.FrontSender(vendor);
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue(id, FrontAction.Status(429, retryAfterSeconds: 1));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-t");

        Assert.True(result.Outcome == SendOutcome.Accepted, result.ToString());
        Assert.Equal(2, result.Attempts);
        ReceivedRequest[] attempts = Bodies(id, marker);
        Assert.Equal(2, attempts.Length);

        // The configured base delay is 20 ms; only Retry-After explains a second's wait.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), "gap " + (attempts[1].At - attempts[0].At));
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(950));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, vendor, marker));
    }

    [Fact]
    public async Task Courier_answer_lost_after_delivery_retries_into_409_and_reports_a_duplicate()
    {
        using EventSender sender = _fixture.FrontSender("Courier");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.DeliverThenAnswer(503));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-d");

        Assert.Equal(SendOutcome.Duplicate, result.Outcome);
        Assert.True(result.IsDelivered);
        Assert.Equal(409, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", marker));
        Assert.Equal(result.MessageId, recorded.MessageId);
    }

    [Fact]
    public async Task CustomerIo_answer_lost_after_delivery_is_ignored_on_retry_and_recorded_once()
    {
        using EventSender sender = _fixture.FrontSender("CustomerIo");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("customerio", FrontAction.DeliverThenAnswer(502));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-c");

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker));
    }

    [Fact]
    public async Task Server_errors_after_every_retry_fail_with_the_parsed_body()
    {
        using EventSender sender = _fixture.FrontSender("PushEngage", o => o.Resilience.MaxRetryAttempts = 2);
        string marker = Vendors.Marker();
        for (int i = 0; i < 3; i++)
        {
            _fixture.Front.Enqueue("pushengage", FrontAction.Status(500, ServerErrorBody("PushEngage")));
        }

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-f");

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal(3, result.Attempts);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("1001", error.Code);
        Assert.Equal("Something went wrong.", error.Message);
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "PushEngage", marker));
    }

    [Fact]
    public async Task Slow_attempt_times_out_and_the_retry_delivers()
    {
        // 1.5 s: the retry must answer within one attempt timeout on a loaded machine too.
        using EventSender sender = _fixture.FrontSender("Tranthor", o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(1500));
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("tranthor", FrontAction.Slowly(TimeSpan.FromSeconds(5)));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-s");

        Assert.True(result.Outcome == SendOutcome.Accepted, result.ToString());
        Assert.Equal(2, result.Attempts);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Tranthor", marker));
    }

    [Fact]
    public async Task Total_timeout_ends_the_send_as_failed()
    {
        using EventSender sender = _fixture.FrontSender("Userpilot", o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(700);
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        });
        for (int i = 0; i < 4; i++)
        {
            _fixture.Front.Enqueue("userpilot", FrontAction.Slowly(TimeSpan.FromSeconds(5)));
        }

        var watch = Stopwatch.StartNew();
        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-tt");

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains(result.Errors, e => e.Code == "timeout");
        Assert.True(result.Attempts >= 2, result.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4.5), watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stalled_response_body_ends_the_send_at_its_timeout(bool givenClient)
    {
        // The sender's own client runs the resilience pipeline as a handler; with a given client it runs around the call.
        // The attempt timeout leaves the headers time to arrive on a loaded machine (a CI run timed out a 400 ms one
        // and retried); the total timeout is what ends the stalled body.
        var options = Vendors.Options("PushEngage", _fixture.ThroughFront("PushEngage"));
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(2500);
        using var client = new System.Net.Http.HttpClient();
        using EventSender sender = EventSender.Create(PushEngageContract.Profile, options, givenClient ? client : null);
        _fixture.Front.Enqueue("pushengage", FrontAction.StallBody(TimeSpan.FromSeconds(10)));

        var watch = Stopwatch.StartNew();
        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-stall");

        // The vendor answered 200 before it stalled, so the event may have been taken: not retried, reported failed.
        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(200, result.StatusCode);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("timeout", error.Code);
        Assert.Contains("did not arrive in time (total 3 s)", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retry_after_longer_than_the_time_left_reports_the_vendors_answer(bool givenClient)
    {
        // Long enough for the 429 to arrive on a loaded machine, far shorter than its Retry-After.
        var options = Vendors.Options("CustomerIo", _fixture.ThroughFront("CustomerIo"));
        options.Timeout = TimeSpan.FromSeconds(3);
        using var client = new HttpClient();
        using EventSender sender = EventSender.Create(CustomerIoContract.Profile, options, givenClient ? client : null);
        _fixture.Front.Enqueue("customerio", FrontAction.Status(429, retryAfterSeconds: 10));

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-ra");

        // The total timeout ends the wait for the retry; the result still says what the vendor answered.
        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(429, result.StatusCode);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("timeout", error.Code);
        Assert.Contains("the last answer was HTTP 429", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_error_is_retried_then_reported_failed()
    {
        // A loopback port nobody listens on: connection refused on every attempt.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = Vendors.Options("Courier", new Uri("http://127.0.0.1:" + port + "/courier"));
        options.Resilience.MaxRetryAttempts = 2;
        using EventSender sender = EventSender.Create(CourierContract.Profile, options);

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "u");

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Equal(3, result.Attempts);
        Assert.Contains(result.Errors, e => e.Code == "transport");
    }

    [Fact]
    public async Task Cancellation_stops_a_slow_send_promptly()
    {
        using EventSender sender = _fixture.FrontSender("Courier");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Slowly(TimeSpan.FromSeconds(10)));
        using var cts = new CancellationTokenSource();

        var watch = Stopwatch.StartNew();
        Task<SendResult> sending = sender.SendAsync(Vendors.Order(marker), "user-x", cancellationToken: cts.Token);

        // Cancelled once the front holds the request (a 300 ms timer could fire before it was sent on a loaded machine).
        while (Bodies("courier", marker).Length == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the request did not arrive in 5 s");
            await Task.Delay(10);
        }

        cts.Cancel();
        var cancelled = await Assert.ThrowsAsync<SendCanceledException>(() => sending);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), watch.Elapsed.ToString());
        ReceivedRequest sent = Assert.Single(Bodies("courier", marker));

        // The caller learns the generated messageId of a request the vendor may have, to re-send it with.
        SendResult result = Assert.Single(cancelled.Results);
        Assert.Equal((SendOutcome.Failed, 1, "cancelled"), (result.Outcome, result.Attempts, Assert.Single(result.Errors).Code));
        Assert.Contains("\"" + result.MessageId + "\"", Encoding.UTF8.GetString(sent.Body), StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "Courier", marker));
    }

    [Fact]
    public async Task Cancellation_during_a_retry_delay_is_honoured()
    {
        using EventSender sender = _fixture.FrontSender("PushEngage");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("pushengage", FrontAction.Status(429, retryAfterSeconds: 10));
        using var cts = new CancellationTokenSource();

        var watch = Stopwatch.StartNew();
        Task<SendResult> sending = sender.SendAsync(Vendors.Order(marker), "user-y", cancellationToken: cts.Token);

        // Cancelled once the 429 is answered (a fixed timer raced the first request on a loaded machine).
        while (Bodies("pushengage", marker).Length == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the request did not arrive in 5 s");
            await Task.Delay(10);
        }

        await Task.Delay(200);
        cts.Cancel();
        var cancelled = await Assert.ThrowsAsync<SendCanceledException>(() => sending);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(7), watch.Elapsed.ToString());
        Assert.Single(Bodies("pushengage", marker));
        SendResult result = Assert.Single(cancelled.Results);
        Assert.Equal((1, 429), (result.Attempts, result.StatusCode));
        Assert.Contains("the last answer: HTTP 429", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        using EventSender sender = _fixture.FrontSender("Userpilot");
        string marker = Vendors.Marker();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Vendors.Order(marker), "u", cancellationToken: cts.Token));

        Assert.Empty(Bodies("userpilot", marker));
    }

    [Fact]
    public async Task Already_cancelled_token_throws_before_any_check()
    {
        // The token is the caller's word that no result is wanted: it throws as documented, whatever the result would be.
        using EventSender sender = _fixture.FrontSender("Courier");
        using EventSender batch = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.ThroughFront("CustomerIo")));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Vendors.Order(Vendors.Marker()), "u\n", cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendJsonAsync("{}"u8.ToArray(), "m", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendRequestAsync(new object(), static (w, _) => w.WriteStartObject(), "m", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.SendBatchAsync(CustomerIoContract.Profile, new[] { new BatchItem(Vendors.Order(Vendors.Marker(), revenue: -1m), "u") }, cts.Token));
    }

    [Fact]
    public async Task Given_http_client_gets_the_same_pipeline_around_each_call()
    {
        using var client = new HttpClient();
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Status(503), FrontAction.Status(429, retryAfterSeconds: 0));
        using EventSender sender = EventSender.Create(CourierContract.Profile, Vendors.Options("Courier", _fixture.ThroughFront("Courier")), client);

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-g");

        Assert.True(result.Outcome == SendOutcome.Accepted, result.ToString());
        Assert.Equal(3, result.Attempts);
        ReceivedRequest[] attempts = Bodies("courier", marker);
        Assert.Equal(3, attempts.Length);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", marker));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using EventSender sender = _fixture.FrontSender("Courier");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Status(400, """{"type":"invalid_request_error","message":"bad"}"""));

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-n");

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(new VendorError("", "invalid_request_error", "bad"), Assert.Single(result.Errors));
        Assert.Single(Bodies("courier", marker));
    }

    [Fact]
    public async Task Open_circuit_fails_fast_without_a_request()
    {
        using EventSender sender = _fixture.FrontSender("Tranthor", o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitMinimumThroughput = 2;
            o.Resilience.CircuitFailureRatio = 0.5;
            o.Resilience.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        });
        _fixture.Front.Enqueue("tranthor", FrontAction.Status(500), FrontAction.Status(500));
        Assert.Equal(500, (await sender.SendAsync(Vendors.Order(Vendors.Marker()), "u")).StatusCode);
        Assert.Equal(500, (await sender.SendAsync(Vendors.Order(Vendors.Marker()), "u")).StatusCode);
        string marker = Vendors.Marker();

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "u");

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(0, result.Attempts);
        Assert.Equal("circuit_open", Assert.Single(result.Errors).Code);
        Assert.Empty(Bodies("tranthor", marker));
    }

    private ReceivedRequest[] Bodies(string vendorId, string marker)
        => _fixture.Front.ReceivedBy(vendorId).Where(r => Encoding.UTF8.GetString(r.Body).Contains(marker, StringComparison.Ordinal)).ToArray();
}
