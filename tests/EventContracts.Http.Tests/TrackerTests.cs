using System.Diagnostics;
using System.Net.Http;
using EventContracts.Http.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventContracts.Http.Tests;

/// <summary>The fan-out tracker and the DI registration, against the emulator.</summary>
public sealed class TrackerTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public TrackerTests(EmulatorFixture fixture) => _fixture = fixture;

    private ServiceProvider Services(Func<string, Uri> address, IEnumerable<VendorProfile>? profiles = null, ILoggerProvider? logging = null, Action<string, IHttpClientBuilder>? configureClient = null)
    {
        var services = new ServiceCollection();
        if (logging is not null)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logging));
        }

        services.AddEventContracts(b =>
        {
            foreach (VendorProfile profile in profiles ?? Vendors.All)
            {
                b.AddVendor(
                    profile,
                    o =>
                    {
                        o.BaseAddress = address(profile.Name);
                        o.ApiKey = Vendors.Key(profile.Name);
                        o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
                        o.Resilience.UseJitter = false;
                    },
                    configureClient is null ? null : client => configureClient(profile.Name, client));
            }
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task One_event_reaches_all_five_vendors_with_one_message_id()
    {
        await using ServiceProvider provider = Services(_fixture.Direct);
        var tracker = provider.GetRequiredService<IEventTracker>();
        string marker = Vendors.Marker();

        TrackResult result = await tracker.TrackAsync(Vendors.Order(marker), "user-fan");

        Assert.True(result.AllDelivered, result.ToString());
        Assert.Equal(new[] { "Courier", "Userpilot", "Tranthor", "CustomerIo", "PushEngage" }, result.Results.Select(r => r.Destination));
        Assert.True(UuidV7.IsVersion7(Guid.Parse(result.MessageId)));
        Assert.All(result.Results, r => Assert.Equal(result.MessageId, r.MessageId));
        foreach (VendorProfile profile in Vendors.All)
        {
            RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, profile.Name, marker));
            if (profile.MessageIdProperty is not null)
            {
                Assert.Equal(result.MessageId, recorded.MessageId);
            }
        }
    }

    [Fact]
    public async Task Each_destination_s_request_carries_the_track_s_trace_and_the_package_s_user_agent()
    {
        using var telemetry = new TelemetryCapture();
        await using ServiceProvider provider = Services(_fixture.Direct);
        var tracker = provider.GetRequiredService<IEventTracker>();
        string marker = Vendors.Marker();
        using var parent = new Activity("checkout").Start();

        TrackResult result = await tracker.TrackAsync(Vendors.Order(marker), "user-trace");

        Assert.True(result.AllDelivered, result.ToString());
        Activity track = Assert.Single(telemetry.StoppedActivities, a => a.OperationName == "eventcontracts.track" && a.TraceId == parent.TraceId);
        Assert.Equal(parent.SpanId, track.ParentSpanId);
        string version = typeof(EventSender).Assembly.GetName().Version!.ToString(3);
        foreach (VendorProfile profile in Vendors.All)
        {
            RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, profile.Name, marker));
            string[] traceparent = recorded.Headers["traceparent"].Split('-');
            Assert.Equal(parent.TraceId.ToHexString(), traceparent[1]);
            Activity send = Assert.Single(telemetry.StoppedActivities, a => a.OperationName == "eventcontracts.send" && a.TraceId == parent.TraceId && (string?)a.GetTagItem("eventcontracts.destination") == profile.Name);
            Assert.Equal(track.SpanId, send.ParentSpanId);
            Assert.Equal("EventContracts/" + version, recorded.Headers["User-Agent"]);
        }
    }

    [Fact]
    public async Task Cancelling_a_track_keeps_each_destination_s_result()
    {
        // Courier through the front, which holds its request; PushEngage straight to the emulator, which answers at once.
        using var capture = new TelemetryCapture();
        await using ServiceProvider provider = Services(name => name == "Courier" ? _fixture.ThroughFront(name) : _fixture.Direct(name), new[] { CourierContract.Profile, PushEngageContract.Profile }, capture.Provider);
        string marker = Vendors.Marker();
        string messageId = UuidV7.NewString();
        _fixture.Front.Enqueue("courier", FrontAction.Slowly(TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource();

        Task<TrackResult> tracking = provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(marker), "user-cancel", messageId, cts.Token);

        // PushEngage's result is final once its sender logs it; Courier's request is then held at the front.
        var watch = Stopwatch.StartNew();
        while (!capture.Logs.Any(l => l.Contains("PushEngage: Order Completed Accepted (messageId " + messageId, StringComparison.Ordinal))
            || !_fixture.Front.ReceivedBy("courier").Any(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(marker, StringComparison.Ordinal)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the sends did not start in 20 s");
            await Task.Delay(10);
        }

        cts.Cancel();
        var cancelled = await Assert.ThrowsAsync<SendCanceledException>(() => tracking);

        Assert.Equal(OrderCompleted.Destinations.Count, cancelled.Results.Count);
        Assert.All(cancelled.Results, r => Assert.Equal(messageId, r.MessageId));
        SendResult courier = Assert.Single(cancelled.Results, r => r.Destination == "Courier");
        Assert.Equal((SendOutcome.Failed, 1, "cancelled"), (courier.Outcome, courier.Attempts, Assert.Single(courier.Errors).Code));
        SendResult pushEngage = Assert.Single(cancelled.Results, r => r.Destination == "PushEngage");
        Assert.Equal(SendOutcome.Accepted, pushEngage.Outcome);
        Assert.All(cancelled.Results.Where(r => r.Destination is not ("Courier" or "PushEngage")), r => Assert.Equal("unregistered", Assert.Single(r.Errors).Code));
    }

    [Fact]
    public async Task Given_message_id_is_used_for_every_destination()
    {
        await using ServiceProvider provider = Services(_fixture.Direct);
        string messageId = UuidV7.NewString();

        TrackResult result = await provider.GetRequiredService<EventTracker>().TrackAsync(new SignedUp { Plan = SignedUp.PlanKind.Team }, "u-given", messageId);

        Assert.Equal(messageId, result.MessageId);
        Assert.All(result.Results, r => Assert.Equal(messageId, r.MessageId));
        Assert.Contains(_fixture.Emulator.Events.Snapshot("customerio"), e => e.MessageId == messageId);
    }

    [Fact]
    public async Task Unregistered_destination_fails_by_name_and_the_others_are_sent()
    {
        await using ServiceProvider provider = Services(_fixture.Direct, new[] { CourierContract.Profile, PushEngageContract.Profile });
        string marker = Vendors.Marker();

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(marker), "user-part");

        Assert.False(result.AllDelivered);
        Assert.Equal(SendOutcome.Accepted, result["Courier"].Outcome);
        Assert.Equal(SendOutcome.Accepted, result["pushengage"].Outcome);
        foreach (string missing in new[] { "Userpilot", "Tranthor", "CustomerIo" })
        {
            SendResult failed = result[missing];
            Assert.Equal(SendOutcome.Failed, failed.Outcome);
            Assert.Equal(0, failed.Attempts);
            VendorError error = Assert.Single(failed.Errors);
            Assert.Equal("unregistered", error.Code);
            Assert.Contains(missing, error.Message);
            Assert.Empty(Vendors.Recorded(_fixture.Emulator, missing, marker));
        }

        Assert.Contains("not delivered everywhere", result.ToString());
    }

    [Fact]
    public async Task Destinations_are_sent_in_parallel()
    {
        await using ServiceProvider provider = Services(_fixture.ThroughFront);
        var tracker = provider.GetRequiredService<IEventTracker>();
        await tracker.TrackAsync(new SignedUp(), "warm-up");
        foreach (VendorProfile profile in Vendors.All)
        {
            _fixture.Front.Enqueue(Vendors.Id(profile.Name), FrontAction.Slowly(TimeSpan.FromMilliseconds(1500)));
        }

        _fixture.Front.ResetMaxInFlight();
        TrackResult result = await tracker.TrackAsync(Vendors.Order(Vendors.Marker()), "user-par");

        Assert.True(result.AllDelivered, result.ToString());
        Assert.Equal(5, _fixture.Front.MaxInFlight);
    }

    [Fact]
    public async Task Di_senders_retry_through_the_named_client_pipeline()
    {
        await using ServiceProvider provider = Services(_fixture.ThroughFront);
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("userpilot", FrontAction.Status(502), FrontAction.Status(503));

        SendResult result = await provider.GetRequiredKeyedService<EventSender>("Userpilot").SendAsync(Vendors.Order(marker), "user-di");

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Userpilot", marker));
    }

    [Fact]
    public async Task A_bad_base_url_variable_is_a_configuration_result_and_fails_ValidateOnStart()
    {
        var services = new ServiceCollection();
        services.AddEventContracts(b =>
        {
            b.AddVendor(CourierContract.Profile, o => o.BindEnvironment("Courier", n => n.EndsWith("_BASE_URL", StringComparison.Ordinal) ? "::not a url::" : "key"));
            b.AddVendor(TranthorContract.Profile, o =>
            {
                o.BaseAddress = _fixture.Direct("Tranthor");
                o.ApiKey = Vendors.Key("Tranthor");
            });
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(Vendors.Marker()), "user-env");
        var startup = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<VendorSenderOptions>>().Get("Courier"));

        Assert.Equal("configuration", Assert.Single(result.Results, r => r.Destination == "Courier").Errors[0].Code);
        Assert.Equal(SendOutcome.Accepted, Assert.Single(result.Results, r => r.Destination == "Tranthor").Outcome);
        Assert.Contains("EVENTCONTRACTS_COURIER_BASE_URL is not an absolute URL", startup.Message);
        Assert.All(provider.GetServices<IValidateOptions<VendorSenderOptions>>(), v => Assert.True(v.Validate("Other", new VendorSenderOptions()).Skipped));
    }

    [Fact]
    public async Task A_vendor_whose_configuration_throws_is_a_configuration_result_and_the_others_are_sent()
    {
        var services = new ServiceCollection();
        services.AddEventContracts(b =>
        {
            b.AddVendor(CourierContract.Profile, _ => throw new InvalidOperationException("no settings file"));
            b.AddVendor(TranthorContract.Profile, o =>
            {
                o.BaseAddress = _fixture.Direct("Tranthor");
                o.ApiKey = Vendors.Key("Tranthor");
            });
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(Vendors.Marker()), "user-config");

        VendorError error = Assert.Single(Assert.Single(result.Results, r => r.Destination == "Courier").Errors);
        Assert.Equal("configuration", error.Code);
        Assert.Contains("InvalidOperationException: no settings file", error.Message);
        Assert.Equal(SendOutcome.Accepted, Assert.Single(result.Results, r => r.Destination == "Tranthor").Outcome);
    }

    [Fact]
    public async Task A_destination_whose_send_throws_is_a_result_and_the_others_are_kept()
    {
        await using ServiceProvider provider = Services(_fixture.Direct, configureClient: (name, client) =>
        {
            if (name == "Userpilot")
            {
                client.AddHttpMessageHandler(() => new ThrowingHandler());
            }
        });
        string marker = Vendors.Marker();

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(marker), "user-throw");

        SendResult failed = Assert.Single(result.Results, r => r.Destination == "Userpilot");
        Assert.Equal(SendOutcome.Failed, failed.Outcome);
        Assert.Equal("exception", failed.Errors[0].Code);
        Assert.Contains("NotSupportedException: the application's handler broke", failed.Errors[0].Message);
        Assert.All(result.Results.Where(r => r.Destination != "Userpilot"), r => Assert.Equal(SendOutcome.Accepted, r.Outcome));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", marker));
    }

    [Fact]
    public void A_caller_that_blocks_on_TrackAsync_under_a_single_threaded_context_does_not_deadlock()
    {
        using ServiceProvider provider = Services(_fixture.Direct);
        var tracker = provider.GetRequiredService<IEventTracker>();
        var context = new BlockingContext();
        TrackResult? result = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            result = tracker.TrackAsync(Vendors.Order(Vendors.Marker()), "user-blocking").GetAwaiter().GetResult();
        });

        thread.Start();

        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "TrackAsync waited for the blocked caller's context");
        Assert.True(result!.AllDelivered, result.ToString());
        Assert.Equal(0, context.Posted);
    }

    /// <summary>A context like a UI thread's: what is posted to it would run only after the blocked caller returns.</summary>
    private sealed class BlockingContext : SynchronizationContext
    {
        private int _posted;

        public int Posted => _posted;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posted);
    }

    private sealed class ThrowingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new NotSupportedException("the application's handler broke");
    }

    [Fact]
    public async Task Provider_and_keyed_services_give_the_same_sender()
    {
        await using ServiceProvider provider = Services(_fixture.Direct);
        IEventSenderProvider senders = provider.GetRequiredService<IEventSenderProvider>();

        Assert.Same(senders.GetSender("courier"), provider.GetRequiredKeyedService<EventSender>("Courier"));
        Assert.Equal(5, senders.Names.Count);
        Assert.False(senders.TryGetSender("Segment", out _));
        var missing = Assert.Throws<KeyNotFoundException>(() => senders.GetSender("Segment"));
        Assert.Contains("Courier", missing.Message);
        Assert.Same(provider.GetRequiredService<EventTracker>(), provider.GetRequiredService<IEventTracker>());
    }

    [Fact]
    public async Task A_timeout_the_pipeline_cannot_take_is_a_configuration_failure_and_the_others_are_sent()
    {
        var services = new ServiceCollection();
        services.AddEventContracts(b => b
            .AddVendor(CourierContract.Profile, o => { o.BaseAddress = _fixture.Direct("Courier"); o.ApiKey = Vendors.Key("Courier"); o.Timeout = TimeSpan.FromDays(2); })
            .AddVendor(CustomerIoContract.Profile, o => { o.BaseAddress = _fixture.Direct("CustomerIo"); o.ApiKey = Vendors.Key("CustomerIo"); }));
        await using ServiceProvider misconfigured = services.BuildServiceProvider();
        string marker = Vendors.Marker();

        // Before, the pipeline's own check threw at the first send, out of TrackAsync, after Customer.io had the event.
        // (The other three destinations are not registered here.)
        TrackResult result = await misconfigured.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(marker), "user-days");

        Assert.Equal(SendOutcome.Failed, result["Courier"].Outcome);
        Assert.Equal("configuration", Assert.Single(result["Courier"].Errors).Code);
        Assert.Contains("Timeout", result["Courier"].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(SendOutcome.Accepted, result["CustomerIo"].Outcome);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "CustomerIo", marker));
    }

    [Fact]
    public async Task Named_options_configured_later_apply_and_environment_binding_works()
    {
        var variables = new Dictionary<string, string>
        {
            [VendorSenderOptions.ApiKeyVariable("CustomerIo")] = Vendors.Key("CustomerIo"),
            [VendorSenderOptions.BaseUrlVariable("CustomerIo")] = _fixture.Direct("CustomerIo").ToString(),
        };
        var services = new ServiceCollection();
        services.AddEventContracts(b => b.AddVendor(CustomerIoContract.Profile, o => o.BindEnvironment("CustomerIo", n => variables.GetValueOrDefault(n))));
        services.Configure<VendorSenderOptions>("CustomerIo", o => o.ValidateBeforeSend = false);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IOptionsMonitor<VendorSenderOptions>>().Get("CustomerIo").ValidateBeforeSend);
        SendResult result = await provider.GetRequiredService<IEventSenderProvider>().GetSender("CustomerIo").SendAsync(Vendors.Order(Vendors.Marker()), "user-env");

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal("EVENTCONTRACTS_CUSTOMERIO_API_KEY", VendorSenderOptions.ApiKeyVariable("CustomerIo"));
        Assert.Equal("EVENTCONTRACTS_PUSHENGAGE_BASE_URL", VendorSenderOptions.BaseUrlVariable("PushEngage"));
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        // appsettings.json's shape: "EventContracts": { "Courier": { ... } }.
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventContracts:Courier:BaseAddress"] = _fixture.Direct("Courier").ToString(),
            ["EventContracts:Courier:Credentials:BearerAuth"] = Vendors.Key("Courier"),
            ["EventContracts:Courier:Timeout"] = "00:00:20",
            ["EventContracts:Courier:Headers:X-Shop"] = "web",
            ["EventContracts:Courier:Resilience:MaxRetryAttempts"] = "1",
            ["EventContracts:Courier:Resilience:AttemptTimeout"] = "00:00:04",
        }).Build();
        var services = new ServiceCollection();
        services.AddEventContracts(b => b.AddVendor(CourierContract.Profile, o => configuration.GetSection("EventContracts:Courier").Bind(o)));
        await using ServiceProvider provider = services.BuildServiceProvider();

        VendorSenderOptions bound = provider.GetRequiredService<IOptionsMonitor<VendorSenderOptions>>().Get("Courier");
        Assert.Equal((TimeSpan.FromSeconds(20), 1, TimeSpan.FromSeconds(4), "web"), (bound.Timeout, bound.Resilience.MaxRetryAttempts, bound.Resilience.AttemptTimeout, bound.Headers["x-shop"]));
        SendResult result = await provider.GetRequiredService<IEventSenderProvider>().GetSender("Courier").SendAsync(Vendors.Order(Vendors.Marker()), "user-config");
        Assert.Equal(SendOutcome.Accepted, result.Outcome);
    }

    [Fact]
    public async Task Tracker_without_di_uses_a_sender_collection()
    {
        using EventSender courier = _fixture.Sender("Courier");
        using EventSender tranthor = _fixture.Sender("Tranthor");
        var tracker = new EventTracker(new EventSenderCollection(courier, tranthor));

        TrackResult result = await tracker.TrackAsync(Vendors.Order(Vendors.Marker()), "user-nodi");

        Assert.Equal(SendOutcome.Accepted, result["Courier"].Outcome);
        Assert.Equal(SendOutcome.Accepted, result["Tranthor"].Outcome);
        Assert.Equal(3, result.Results.Count(r => r.Outcome == SendOutcome.Failed));
        Assert.Throws<ArgumentException>(() => new EventSenderCollection(courier, courier));
    }

    [Fact]
    public async Task Invalid_event_is_invalid_for_every_destination_and_sent_nowhere()
    {
        await using ServiceProvider provider = Services(_fixture.ThroughFront);
        int before = _fixture.Front.Received.Count;

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(new string('x', 65)), "user-inv");

        Assert.All(result.Results, r =>
        {
            Assert.Equal(SendOutcome.Invalid, r.Outcome);
            Assert.Contains(r.Errors, e => e.Code == "maxLength" && e.Path.EndsWith("/order_id", StringComparison.Ordinal));
        });
        Assert.Equal(before, _fixture.Front.Received.Count);
    }

    [Theory]
    [InlineData(true, false, "the event's WriteProperties threw NullReferenceException: no cart")]
    [InlineData(false, true, "the event's Validate() threw NotSupportedException: no rules")]
    public async Task A_hand_written_event_whose_own_code_throws_is_invalid_for_each_destination_not_an_exception(bool throwOnWrite, bool throwOnValidate, string message)
    {
        await using ServiceProvider provider = Services(_fixture.ThroughFront);
        int before = _fixture.Front.Received.Count;
        var faulty = new FaultyEvent(throwOnWrite, throwOnValidate);

        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(faulty, "user-faulty");

        Assert.Equal(new[] { "Courier", "Tranthor" }, result.Results.Select(r => r.Destination));
        Assert.All(result.Results, r =>
        {
            Assert.Equal(SendOutcome.Invalid, r.Outcome);
            VendorError error = Assert.Single(r.Errors);
            Assert.Equal("event", error.Code);
            Assert.Equal(message, error.Message);
        });
        Assert.Equal(before, _fixture.Front.Received.Count);
    }

    /// <summary>A hand-written event whose own code fails in a way no JSON writer does.</summary>
    [Fact]
    public async Task An_event_whose_own_code_sends_another_event_on_the_same_thread_keeps_its_body_whole()
    {
        await using ServiceProvider provider = Services(_fixture.Direct);
        EventSender courier = provider.GetRequiredService<IEventSenderProvider>().GetSender("Courier");
        string outer = Vendors.Marker();
        string inner = Vendors.Marker();

        var nesting = new NestingEvent(courier, Vendors.Order(inner), outer);
        SendResult result = await courier.SendAsync(nesting, "user-nested");

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(SendOutcome.Accepted, (await nesting.Inner!).Outcome);
        RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", outer));
        Assert.Equal("nested", System.Text.Json.JsonDocument.Parse(recorded.Body).RootElement.GetProperty("properties").GetProperty("kind").GetString());
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", inner));
    }

    /// <summary>An event that, while its properties are written, sends another event through the same sender.</summary>
    private sealed class NestingEvent(EventSender sender, ITrackedEvent other, string marker) : ITrackedEvent
    {
        public Task<SendResult>? Inner { get; private set; }

        public string EventName => "Order Completed";

        public IReadOnlyList<string> Destinations => new[] { "Courier" };

        public void WriteProperties(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("order_id", marker);
            Inner ??= sender.SendAsync(other, "user-inner");
            writer.WriteString("kind", "nested");
            writer.WriteEndObject();
        }

        public ValidationResult Validate() => ValidationResult.Valid;

        public ValidationResult ValidatePropertiesJson(ReadOnlySpan<byte> utf8Json) => ValidationResult.Valid;
    }

    private sealed class FaultyEvent(bool throwOnWrite, bool throwOnValidate) : ITrackedEvent
    {
        public string EventName => "Cart Viewed";

        public IReadOnlyList<string> Destinations => new[] { "Courier", "Tranthor" };

        public void WriteProperties(System.Text.Json.Utf8JsonWriter writer)
        {
            if (throwOnWrite)
            {
                throw new NullReferenceException("no cart");
            }

            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        public ValidationResult Validate() => throwOnValidate ? throw new NotSupportedException("no rules") : ValidationResult.Valid;

        public ValidationResult ValidatePropertiesJson(ReadOnlySpan<byte> utf8Json) => ValidationResult.Valid;
    }
}
