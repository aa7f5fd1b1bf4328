using System.Diagnostics;
using System.Net.Http;
using System.Text;
using EventContracts.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventContracts.Http.Tests;

/// <summary>An emulator whose every vendor accepts one known secret key, and a fault front before it.</summary>
public sealed class SecretEmulatorFixture : IAsyncLifetime
{
    public const string Secret = "sk_live_S3CR3T_7f3a9c1e5b2d";
    public const string WrongSecret = "sk_live_WR0NG_0a1b2c3d4e5f";

    public RunningEmulator Emulator { get; private set; } = null!;

    public FaultFront Front { get; private set; } = null!;

    /// <summary>Every text form in which the two keys could leak.</summary>
    public static IReadOnlyList<string> SecretForms { get; } = new[]
    {
        Secret,
        WrongSecret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret + ":")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(WrongSecret + ":")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)),
        "S3CR3T",
        "WR0NG",
    };

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=Warning" }, o =>
        {
            foreach (VendorProfile profile in Vendors.All)
            {
                o.Keys[profile.Name] = Secret;
            }
        });
        Front = await FaultFront.StartAsync(Emulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Front.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>
/// Credentials never leave the headers they belong in: not in logs (at Trace, the HTTP client factory's and
/// Polly's included), activities, metrics, results, exception messages or ToString(); CR/LF credentials and ids
/// are refused before any request; http:// is refused for non-loopback hosts.
/// </summary>
public sealed class SecurityTests : IClassFixture<SecretEmulatorFixture>
{
    private readonly SecretEmulatorFixture _fixture;

    public SecurityTests(SecretEmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Known_key_appears_in_no_log_activity_metric_result_or_message()
    {
        using var capture = new TelemetryCapture();
        var texts = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture.Provider));
        services.AddEventContracts(b =>
        {
            foreach (VendorProfile profile in Vendors.All)
            {
                b.AddVendor(profile, o =>
                {
                    o.BaseAddress = _fixture.Front.ServerUrl(_fixture.Emulator.ServerUrl(profile.Name));
                    o.Credentials[profile.Auth[0].SchemeName] = SecretEmulatorFixture.Secret;
                    o.ApiKey = SecretEmulatorFixture.Secret;
                    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
                    o.Resilience.UseJitter = false;
                });
            }
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var tracker = provider.GetRequiredService<IEventTracker>();
        IEventSenderProvider senders = provider.GetRequiredService<IEventSenderProvider>();

        // Accepted everywhere, after a 500 and a 429 on two vendors (retry logs and metrics).
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Status(500, """{"type":"api_error","message":"boom"}"""));
        _fixture.Front.Enqueue("customerio", FrontAction.Status(429, retryAfterSeconds: 0));
        TrackResult tracked = await tracker.TrackAsync(Vendors.Order(marker), "user-secret-test");
        Assert.True(tracked.AllDelivered, tracked.ToString());
        Assert.Equal(2, tracked["Courier"].Attempts);
        Assert.Equal(2, tracked["CustomerIo"].Attempts);
        texts.Add(tracked.ToString());

        // The keys did reach the vendors, in the headers the contracts name.
        ReceivedRequest courierCall = _fixture.Front.ReceivedBy("courier").Last();
        Assert.Equal("Bearer " + SecretEmulatorFixture.Secret, courierCall.Headers["Authorization"]);

        // Invalid (nothing sent), and a vendor error body that echoes the key (redacted in the result).
        texts.Add((await senders.GetSender("PushEngage").SendAsync(Vendors.Order(Vendors.Marker()), null)).ToString());
        _fixture.Front.Enqueue("courier", FrontAction.Status(400, "{\"type\":\"invalid_request_error\",\"message\":\"bad key " + SecretEmulatorFixture.Secret + "\"}"));
        SendResult echoed = await senders.GetSender("Courier").SendAsync(Vendors.Order(Vendors.Marker()), "u");
        Assert.Equal(SendOutcome.Rejected, echoed.Outcome);
        Assert.Equal("bad key ***", Assert.Single(echoed.Errors).Message);
        texts.Add(echoed.ToString());

        // Rejected: a sender with another known key (non-DI path, same logger).
        foreach (VendorProfile profile in Vendors.All)
        {
            VendorSenderOptions wrong = Vendors.Options(profile.Name, _fixture.Emulator.ServerUrl(profile.Name), SecretEmulatorFixture.WrongSecret);
            texts.Add(wrong.ToString());
            using EventSender sender = EventSender.Create(profile, wrong, loggerFactory: capture.LoggerFactory);
            texts.Add(sender.ToString());
            SendResult rejected = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "u-wrong");
            Assert.True(rejected.Outcome == SendOutcome.Rejected, rejected.ToString());
            texts.Add(rejected.ToString());
            texts.AddRange(rejected.Errors.Select(e => e.ToString()));
        }

        // Failed after retries, and cancelled.
        using (EventSender failing = EventSender.Create(CourierContract.Profile, Vendors.Options("Courier", _fixture.Front.ServerUrl(_fixture.Emulator.ServerUrl("Courier")), SecretEmulatorFixture.Secret), loggerFactory: capture.LoggerFactory))
        {
            for (int i = 0; i < 4; i++)
            {
                _fixture.Front.Enqueue("courier", FrontAction.Status(503));
            }

            SendResult failed = await failing.SendAsync(Vendors.Order(Vendors.Marker()), "u");
            Assert.Equal(SendOutcome.Failed, failed.Outcome);
            texts.Add(failed.ToString());

            _fixture.Front.Enqueue("courier", FrontAction.Slowly(TimeSpan.FromSeconds(5)));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failing.SendAsync(Vendors.Order(Vendors.Marker()), "u", cancellationToken: cts.Token));
            texts.Add(cancelled.ToString());
        }

        // Configuration errors: the exception names the scheme, never the value.
        var crlf = Vendors.Options("Courier", _fixture.Emulator.ServerUrl("Courier"), SecretEmulatorFixture.Secret + "\r\nX-Injected: 1");
        texts.Add(crlf.ToString());
        var thrown = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, crlf));
        texts.Add(thrown.ToString());
        var plain = Vendors.Options("Courier", new Uri("http://example.com/"), SecretEmulatorFixture.Secret);
        texts.Add(Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, plain)).ToString());

        // The capture worked: our logs, activities and metrics are there (so their absence of keys means something).
        Assert.Contains(capture.Logs, l => l.Contains("EventContracts.Http.EventSender", StringComparison.Ordinal) && l.Contains("Rejected", StringComparison.Ordinal) || l.Contains("rejected", StringComparison.Ordinal));
        Assert.Contains(capture.Logs, l => l.Contains("System.Net.Http.HttpClient.EventContracts.Courier", StringComparison.Ordinal));
        Assert.Contains(capture.Logs, l => l.Contains(tracked.MessageId, StringComparison.Ordinal));
        Assert.Contains(capture.Activities, a => a.Contains("eventcontracts.send", StringComparison.Ordinal) && a.Contains(tracked.MessageId, StringComparison.Ordinal));
        Assert.Contains(capture.Activities, a => a.Contains("eventcontracts.track", StringComparison.Ordinal));
        Assert.Contains(capture.Metrics, m => m.Contains("eventcontracts.sent", StringComparison.Ordinal));
        Assert.Contains(capture.Metrics, m => m.Contains("eventcontracts.rejected", StringComparison.Ordinal));
        Assert.Contains(capture.Metrics, m => m.Contains("eventcontracts.retried", StringComparison.Ordinal));
        Assert.Contains(capture.Metrics, m => m.Contains("eventcontracts.latency", StringComparison.Ordinal));

        foreach (string text in capture.All.Concat(texts))
        {
            foreach (string secret in SecretEmulatorFixture.SecretForms)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), "a credential leaked into: " + text);
            }
        }
    }

    [Fact]
    public async Task Send_activities_are_children_of_the_track_activity_and_carry_the_outcome()
    {
        using var capture = new TelemetryCapture();
        var senders = Vendors.All.Select(p => EventSender.Create(p, Vendors.Options(p.Name, _fixture.Emulator.ServerUrl(p.Name), SecretEmulatorFixture.Secret))).ToArray();
        try
        {
            var tracker = new EventTracker(new EventSenderCollection(senders));
            TrackResult result = await tracker.TrackAsync(new SignedUp { Plan = SignedUp.PlanKind.Pro, Seats = 3 }, "user-act");
            Assert.True(result.AllDelivered, result.ToString());

            Activity track = capture.StoppedActivities.Single(a => a.OperationName == "eventcontracts.track" && Equals(a.GetTagItem("eventcontracts.message_id"), result.MessageId));
            var sends = capture.StoppedActivities.Where(a => a.OperationName == "eventcontracts.send" && Equals(a.GetTagItem("eventcontracts.message_id"), result.MessageId)).ToList();
            Assert.Equal(5, sends.Count);
            Assert.All(sends, s =>
            {
                Assert.Equal(track.SpanId, s.ParentSpanId);
                Assert.Equal(ActivityKind.Client, s.Kind);
                Assert.Equal("accepted", s.GetTagItem("eventcontracts.outcome"));
                Assert.Equal("Signed Up", s.GetTagItem("eventcontracts.event"));
                Assert.Equal(1, s.GetTagItem("eventcontracts.attempts"));
                Assert.NotNull(s.GetTagItem("http.response.status_code"));
            });
        }
        finally
        {
            foreach (EventSender sender in senders)
            {
                sender.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("\r\nX-Injected: 1")]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\0")]
    public async Task Credential_with_cr_or_lf_is_refused_before_any_request(string injection)
    {
        string key = SecretEmulatorFixture.Secret + injection;
        int before = _fixture.Front.Received.Count;

        foreach (VendorProfile profile in Vendors.All)
        {
            var options = Vendors.Options(profile.Name, _fixture.Front.ServerUrl(_fixture.Emulator.ServerUrl(profile.Name)), key);
            var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(profile, options));
            Assert.Contains("control character", error.Message);
            Assert.Contains(profile.Auth[0].SchemeName, error.Message);
            Assert.DoesNotContain(SecretEmulatorFixture.Secret, error.Message);
        }

        // Through DI, the tracker reports the destination as misconfigured and still sends nothing.
        var services = new ServiceCollection();
        services.AddEventContracts(b => b.AddVendor(CourierContract.Profile, o =>
        {
            o.BaseAddress = _fixture.Front.ServerUrl(_fixture.Emulator.ServerUrl("Courier"));
            o.Credentials["BearerAuth"] = key;
        }));
        await using ServiceProvider provider = services.BuildServiceProvider();
        TrackResult result = await provider.GetRequiredService<IEventTracker>().TrackAsync(Vendors.Order(Vendors.Marker()), "u");
        SendResult courier = result["Courier"];
        Assert.Equal(SendOutcome.Failed, courier.Outcome);
        Assert.Equal("configuration", Assert.Single(courier.Errors).Code);
        Assert.DoesNotContain(SecretEmulatorFixture.Secret, courier.ToString());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEventSenderProvider>().GetSender("Courier"));

        Assert.Equal(before, _fixture.Front.Received.Count);
    }

    [Theory]
    [InlineData("user\r\nX-Injected: 1", null)]
    [InlineData("user", "id\nX: 1")]
    [InlineData("user", "")]
    public async Task Ids_with_control_characters_are_invalid_and_not_sent(string userId, string? messageId)
    {
        var options = Vendors.Options("Courier", _fixture.Front.ServerUrl(_fixture.Emulator.ServerUrl("Courier")), SecretEmulatorFixture.Secret);
        using EventSender sender = EventSender.Create(CourierContract.Profile, options);
        int before = _fixture.Front.Received.Count;

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), userId, messageId);

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        Assert.Equal(0, result.Attempts);
        Assert.Contains(result.Errors, e => e.Code is "userId" or "messageId");
        Assert.Equal(before, _fixture.Front.Received.Count);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://10.1.2.3:8080/courier")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("ftp://127.0.0.1/")]
    public void Clear_text_or_non_http_address_of_a_remote_host_is_refused(string address)
    {
        var options = new VendorSenderOptions { BaseAddress = new Uri(address), ApiKey = SecretEmulatorFixture.Secret };

        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));

        Assert.Contains("https://", error.Message);
        Assert.DoesNotContain(SecretEmulatorFixture.Secret, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/courier")]
    [InlineData("http://127.8.9.10:9/")]
    [InlineData("http://localhost:9/")]
    [InlineData("http://[::1]:9/")]
    [InlineData("https://api.courier.com")]
    public void Loopback_http_and_any_https_address_are_accepted(string address)
    {
        var options = new VendorSenderOptions { BaseAddress = new Uri(address), ApiKey = "k" };

        using EventSender sender = EventSender.Create(CourierContract.Profile, options);

        Assert.Equal(address.TrimEnd('/') + "/inbound/courier", sender.Endpoint.ToString().Replace("[::1]", "[::1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Base_url_from_the_environment_is_checked_the_same_way()
    {
        var variables = new Dictionary<string, string>
        {
            ["EVENTCONTRACTS_COURIER_API_KEY"] = SecretEmulatorFixture.Secret,
            ["EVENTCONTRACTS_COURIER_BASE_URL"] = "http://example.com",
        };
        var options = new VendorSenderOptions().BindEnvironment("Courier", name => variables.GetValueOrDefault(name));

        Assert.Equal(SecretEmulatorFixture.Secret, options.ApiKey);
        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));
        Assert.Contains("loopback", error.Message);
    }

    [Fact]
    public void Base_address_with_user_info_is_refused_and_not_shown()
    {
        var options = new VendorSenderOptions { BaseAddress = new Uri("https://user:" + SecretEmulatorFixture.Secret + "@api.courier.com/"), ApiKey = "k" };

        Assert.DoesNotContain(SecretEmulatorFixture.Secret, options.ToString());
        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));
        Assert.DoesNotContain(SecretEmulatorFixture.Secret, error.Message);
    }

    [Fact]
    public void Options_text_masks_every_credential()
    {
        var options = new VendorSenderOptions { ApiKey = SecretEmulatorFixture.Secret };
        options.Credentials["PublicWriteKey"] = SecretEmulatorFixture.WrongSecret;
        options.Headers["X-Strict-Mode"] = "1";

        string text = options.ToString();

        Assert.Contains("ApiKey = ***", text);
        Assert.Contains("PublicWriteKey = ***", text);
        Assert.Contains("X-Strict-Mode", text);
        Assert.DoesNotContain(SecretEmulatorFixture.Secret, text);
        Assert.DoesNotContain(SecretEmulatorFixture.WrongSecret, text);
    }
}
