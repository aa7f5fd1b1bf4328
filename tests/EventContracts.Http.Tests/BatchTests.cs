using EventContracts.Http.Tests.Support;

namespace EventContracts.Http.Tests;

/// <summary>Customer.io's batch call over loopback HTTP: events split to fit the limit, invalid ones kept out, one result each.</summary>
public sealed class BatchTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public BatchTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_batch_contract_is_generated_from_the_same_file_as_track()
    {
        Assert.Equal("batch", CustomerIoBatchContract.Profile.BatchItemsProperty);
        Assert.Equal(500_000, CustomerIoBatchContract.Profile.MaxRequestBytes);
        Assert.Equal("/batch", CustomerIoBatchContract.Profile.Path);
        Assert.Null(CustomerIoContract.Profile.BatchItemsProperty);
    }

    [Fact]
    public async Task Events_go_out_in_one_request_and_each_is_recorded_once()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();
        var items = new[]
        {
            new BatchItem(Vendors.Order(marker + "-1"), "user-1"),
            new BatchItem(Vendors.Order(marker + "-2"), "user-2"),
#pragma warning disable EC5002 // A fixed id on purpose: the test finds this item's event by it.
            new BatchItem(Vendors.Order(marker + "-3"), "user-3", "fixed-id-3"),
#pragma warning restore EC5002
        };

        var results = await sender.SendBatchAsync(CustomerIoContract.Profile, items);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == SendOutcome.Accepted, r.ToString()));
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        Assert.Equal("fixed-id-3", results[2].MessageId);
        Assert.Equal(3, results.Select(r => r.MessageId).Distinct().Count());
        for (int i = 1; i <= 3; i++)
        {
            Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-" + i));
        }
    }

    [Fact]
    public async Task An_invalid_event_is_reported_alone_and_the_rest_are_sent()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();
        var items = new[]
        {
            new BatchItem(Vendors.Order(marker + "-ok"), "user-1"),
            new BatchItem(Vendors.Order(marker + "-bad", revenue: -1m), "user-2"),
            new BatchItem(Vendors.Order(marker + "-anonymous"), null),
        };

        var results = await sender.SendBatchAsync(CustomerIoContract.Profile, items);

        Assert.Equal(SendOutcome.Accepted, results[0].Outcome);
        Assert.Equal(SendOutcome.Invalid, results[1].Outcome);
        Assert.Contains(results[1].Errors, e => e.Path == "/properties/revenue" && e.Code == "minimum");

        // Neither userId nor anonymousId: Customer.io's anyOf, checked per call before sending.
        Assert.Equal(SendOutcome.Invalid, results[2].Outcome);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-ok"));
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-bad"));
    }

    [Fact]
    public async Task Events_that_do_not_fit_one_request_are_split_under_the_limit()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();

        // About 200 bytes a call: 3,000 calls are ~600,000 bytes, over the 500,000-byte batch limit. Every call being
        // accepted shows no request went over it (the sender validates the limit and the emulator enforces it).
        var items = Enumerable.Range(0, 3_000).Select(i => new BatchItem(Vendors.Order(marker + "-" + i), "user-" + i)).ToArray();

        var results = await sender.SendBatchAsync(CustomerIoContract.Profile, items);

        Assert.All(results, r => Assert.True(r.Outcome == SendOutcome.Accepted, r.ToString()));
        int requests = _fixture.Emulator.Events.Snapshot().Where(e => e.BodyText.Contains(marker, StringComparison.Ordinal)).Count();
        Assert.Equal(3_000, requests);

        // Calls carried by one request share its result; two distinct results mean at least two requests.
        Assert.True(results.Select(r => r.Elapsed).Distinct().Count() >= 2, "expected more than one batch request");
    }

    [Fact]
    public async Task Calls_that_make_a_body_one_byte_over_the_limit_are_split_rather_than_refused()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();
        int limit = CustomerIoBatchContract.Profile.MaxRequestBytes!.Value;

        // Seventeen calls of about 28,000 bytes (long user ids: plain ASCII, written as they are) and a last one sized
        // so that all eighteen in one request, {"batch":[call,call,...]}, are exactly one byte over the limit.
        var items = Enumerable.Range(0, 17).Select(i => Item(marker + "-" + i, 28_000)).ToList();
        int together = "{\"batch\":[]}".Length + items.Sum(CallSize) + items.Count;
        BatchItem last = Item(marker + "-last", 0);
        items.Add(Item(marker + "-last", limit + 1 - together - CallSize(last)));
        Assert.Equal(limit + 1, "{\"batch\":[]}".Length + items.Sum(CallSize) + items.Count - 1);

        var results = await sender.SendBatchAsync(CustomerIoContract.Profile, items);

        Assert.All(results, r => Assert.True(r.Outcome == SendOutcome.Accepted, r.ToString()));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-last"));

        static BatchItem Item(string user, int padding) => new BatchItem(Vendors.Order("A-1"), user + new string('x', padding), Guid.NewGuid().ToString());

        static int CallSize(BatchItem item)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                CustomerIoContract.Profile.WriteRequest(writer, item.Event, item.UserId, item.MessageId!);
            }

            return buffer.WrittenCount;
        }
    }

    [Fact]
    public async Task An_event_that_cannot_be_written_is_reported_alone_and_the_rest_are_sent()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();
        var items = new[]
        {
            new BatchItem(Vendors.Order(marker + "-1"), "user-1"),
            new BatchItem(new UnwritableEvent(), "user-2"),
            new BatchItem(Vendors.Order(marker + "-3"), "user-3"),
        };

        var results = await sender.SendBatchAsync(CustomerIoContract.Profile, items);

        Assert.Equal(SendOutcome.Accepted, results[0].Outcome);
        Assert.Equal(SendOutcome.Invalid, results[1].Outcome);
        Assert.Equal(0, results[1].Attempts);
        Assert.Contains(results[1].Errors, e => e.Code == "json" && e.Message.Contains("no properties today", StringComparison.Ordinal));
        Assert.Equal(SendOutcome.Accepted, results[2].Outcome);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-1"));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-3"));
    }

    [Fact]
    public async Task A_null_event_is_refused_before_anything_is_sent()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();

        // More than one request's worth before the null: without the check up front the first request went out and
        // the exception then lost its results.
        var items = Enumerable.Range(0, 3_000).Select(i => new BatchItem(Vendors.Order(marker + "-" + i), "user-" + i)).ToList();
        items.Add(new BatchItem(null!, "user-null"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendBatchAsync(CustomerIoContract.Profile, items));

        Assert.Contains("items[3000]", error.Message, StringComparison.Ordinal);
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker));
    }

    [Fact]
    public async Task Cancelling_keeps_the_results_of_the_requests_already_answered()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.ThroughFront("CustomerIo")));
        string marker = Vendors.Marker();

        // About 600,000 bytes: two requests. The front forwards the first at once and holds the second until it is cancelled.
        _fixture.Front.Enqueue("customerio", FrontAction.Slowly(TimeSpan.Zero), FrontAction.Slowly(TimeSpan.FromSeconds(30)));
        var items = Enumerable.Range(0, 3_000).Select(i => new BatchItem(Vendors.Order(marker + "-" + i + "-"), "user-" + i)).ToArray();
        using var cts = new CancellationTokenSource();

        Task<IReadOnlyList<SendResult>> sending = sender.SendBatchAsync(CustomerIoContract.Profile, items, cts.Token);
        await Eventually(() => Carrying(marker).Count == 2);
        cts.Cancel();
        var cancelled = await Assert.ThrowsAsync<SendCanceledException>(() => sending);

        Assert.Equal(cts.Token, cancelled.CancellationToken);
        Assert.Equal(3_000, cancelled.Results.Count);
        int answered = cancelled.Results.TakeWhile(r => r.Outcome == SendOutcome.Accepted).Count();
        Assert.InRange(answered, 1, 2_999);
        for (int i = 0; i < 3_000; i++)
        {
            SendResult result = cancelled.Results[i];
            if (i < answered)
            {
                RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker + "-" + i + "-"));
                Assert.Equal(recorded.MessageId, result.MessageId);
                continue;
            }

            // The held request: sent once, perhaps received; its events' ids are the ones in its body, to re-send with.
            Assert.Equal(SendOutcome.Failed, result.Outcome);
            Assert.Equal(1, result.Attempts);
            VendorError error = Assert.Single(result.Errors);
            Assert.Equal("cancelled", error.Code);
            Assert.Contains("may have received it", error.Message, StringComparison.Ordinal);
        }

        string held = System.Text.Encoding.UTF8.GetString(Carrying(marker)[1].Body);
        Assert.All(cancelled.Results.Skip(answered), r => Assert.Contains("\"" + r.MessageId + "\"", held, StringComparison.Ordinal));
        Assert.Equal(3_000, cancelled.Results.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Cancelling_before_a_request_goes_out_reports_its_events_as_not_sent()
    {
        using EventSender sender = EventSender.Create(CustomerIoBatchContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));
        string marker = Vendors.Marker();
        using var cts = new CancellationTokenSource();

        // The second event's Validate() cancels: the first request has not gone out yet, and nothing may be lost.
        var items = new[]
        {
            new BatchItem(Vendors.Order(marker + "-1"), "user-1"),
            new BatchItem(new CancellingEvent(cts, Vendors.Order(marker + "-2")), "user-2"),
            new BatchItem(Vendors.Order(marker + "-3"), "user-3"),
        };

        var cancelled = await Assert.ThrowsAsync<SendCanceledException>(() => sender.SendBatchAsync(CustomerIoContract.Profile, items, cts.Token));

        Assert.Equal(3, cancelled.Results.Count);
        Assert.All(cancelled.Results, r => Assert.Equal(0, r.Attempts));
        Assert.All(cancelled.Results, r => Assert.Equal("cancelled before it was sent", Assert.Single(r.Errors).Message));
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker));
    }

    [Fact]
    public async Task A_single_call_contract_cannot_send_batches()
    {
        using EventSender sender = EventSender.Create(CustomerIoContract.Profile, Vendors.Options("CustomerIo", _fixture.Emulator.ServerUrl("CustomerIo")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendBatchAsync(CustomerIoContract.Profile, new[] { new BatchItem(Vendors.Order(Vendors.Marker()), "u") }));
    }

    private IReadOnlyList<ReceivedRequest> Carrying(string marker)
        => _fixture.Front.ReceivedBy("customerio").Where(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(marker, StringComparison.Ordinal)).ToList();

    private static async Task Eventually(Func<bool> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the condition did not come true in 20 s");
            await Task.Delay(10);
        }
    }

    /// <summary>A generated event that cancels the batch's token when it is validated (as a caller may cancel at any moment).</summary>
    private sealed class CancellingEvent(CancellationTokenSource cancel, ITrackedEvent inner) : ITrackedEvent
    {
        public string EventName => inner.EventName;

        public IReadOnlyList<string> Destinations => inner.Destinations;

        public void WriteProperties(System.Text.Json.Utf8JsonWriter writer) => inner.WriteProperties(writer);

        public ValidationResult Validate()
        {
            cancel.Cancel();
            return inner.Validate();
        }

        public ValidationResult ValidatePropertiesJson(ReadOnlySpan<byte> utf8Json) => inner.ValidatePropertiesJson(utf8Json);
    }

    /// <summary>An event whose properties cannot be written (as a hand-written <see cref="ITrackedEvent"/> may fail).</summary>
    private sealed class UnwritableEvent : ITrackedEvent
    {
        public string EventName => "Unwritable";

        public IReadOnlyList<string> Destinations => new[] { "CustomerIo" };

        public void WriteProperties(System.Text.Json.Utf8JsonWriter writer) => throw new InvalidOperationException("no properties today");

        public ValidationResult Validate() => ValidationResult.Valid;

        public ValidationResult ValidatePropertiesJson(ReadOnlySpan<byte> utf8Json) => ValidationResult.Valid;
    }
}
