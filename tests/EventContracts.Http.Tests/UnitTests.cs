using System.Net.Http;
using System.Text;
using EventContracts.Http.Internal;
using EventContracts.Http.Tests.Support;
using Microsoft.Extensions.Options;

namespace EventContracts.Http.Tests;

/// <summary>UUID v7, response-body parsing, endpoint resolution and options, without HTTP.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Uuid_v7_has_the_version_variant_and_current_time()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        Guid id = UuidV7.NewGuid();
        DateTimeOffset after = DateTimeOffset.UtcNow.AddMilliseconds(1);

        string text = id.ToString("D");
        Assert.Equal('7', text[14]);
        Assert.Contains(text[19], "89ab");
        Assert.True(UuidV7.IsVersion7(id));
        DateTimeOffset stamp = UuidV7.GetTimestamp(id);
        Assert.InRange(stamp, before.AddMilliseconds(-1), after.AddSeconds(1));
        Assert.False(UuidV7.IsVersion7(Guid.NewGuid()));
        Assert.Throws<ArgumentException>(() => UuidV7.GetTimestamp(Guid.NewGuid()));
    }

    [Fact]
    public void Uuid_v7_ids_strictly_increase_and_are_unique()
    {
        var ids = new string[20_000];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = UuidV7.NewString();
        }

        for (int i = 1; i < ids.Length; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, ids[i - 1] + " !< " + ids[i]);
        }

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Uuid_v7_carries_the_given_clock_to_the_millisecond()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));
        Guid id = UuidV7.NewGuid(time);

        Assert.Equal(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero), UuidV7.GetTimestamp(id));
        Assert.StartsWith(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString("x12"), id.ToString("N"));

        // Back to the real clock: the sequence restarts at the present instead of borrowing years.
        Assert.True(UuidV7.GetTimestamp(UuidV7.NewGuid()) < DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData("""{"type":"invalid_request_error","message":"messageId is required"}""", "", "invalid_request_error", "messageId is required")]
    [InlineData("""{"errors":[{"details":"user_id is required","error":"invalid_request","error_code":"400","message":"Bad request"}]}""", "", "400", "Bad request: user_id is required")]
    [InlineData("""{"error":{"message":"Invalid data","code":1003,"details":[{"message":"event_name is required","path":["event_name"]}]}}""", "/event_name", "1003", "event_name is required")]
    [InlineData("""{"error":{"message":"API key is required.","code":401002}}""", "", "401002", "API key is required.")]
    [InlineData("""{"meta":{"errors":["/event: required property \"event\" is missing"]}}""", "", "", "/event: required property \"event\" is missing")]
    [InlineData("""{"message":"Invalid write key"}""", "", "", "Invalid write key")]
    [InlineData("upstream connect error", "", "502", "upstream connect error")]
    public void Documented_error_bodies_are_parsed(string body, string path, string code, string message)
    {
        List<VendorError> errors = ResponseBodies.Errors(Encoding.UTF8.GetBytes(body), 502, "Bad Gateway", Redactor.None);

        Assert.Equal(new VendorError(path, code, message), Assert.Single(errors));
    }

    [Fact]
    public void PushEngage_paths_become_escaped_json_pointers_and_empty_bodies_name_the_status()
    {
        List<VendorError> errors = ResponseBodies.Errors(
            """{"error":{"message":"Invalid data","code":1003,"details":[{"message":"bad key","path":["data","a/b~c"]},{"message":"too long","path":["event_name"]}]}}"""u8,
            400,
            "Bad Request",
            Redactor.None);

        Assert.Equal(new[] { "/data/a~1b~0c", "/event_name" }, errors.Select(e => e.Path));
        Assert.Equal(new VendorError("", "401", "Unauthorized (no error body)"), Assert.Single(ResponseBodies.Errors(ReadOnlySpan<byte>.Empty, 401, "Unauthorized", Redactor.None)));
    }

    [Fact]
    public void Success_bodies_give_the_vendor_id_and_pushengage_error_codes()
    {
        Assert.Equal("1-65f0a1b2-abc", ResponseBodies.AcceptedId("""{"messageId":"1-65f0a1b2-abc"}"""u8));
        Assert.Null(ResponseBodies.AcceptedId("{}"u8));
        Assert.Null(ResponseBodies.AcceptedId("not json"u8));
        Assert.False(ResponseBodies.IsErrorInSuccess("""{"error_code":0,"data":{}}"""u8));
        Assert.True(ResponseBodies.IsErrorInSuccess("""{"error_code":1003,"error":"bad"}"""u8));
        Assert.False(ResponseBodies.IsErrorInSuccess(ReadOnlySpan<byte>.Empty));
        Assert.True(ResponseBodies.IsErrorInSuccess("""{"data":{"error_code":0},"error_code":"E1"}"""u8));
        Assert.False(ResponseBodies.IsErrorInSuccess("""{"error_code":1003,"error_code":"0"}"""u8)); // the last one counts
        Assert.False(ResponseBodies.IsErrorInSuccess("""{"error_code":1003"""u8)); // not well-formed: not an error report
        Assert.False(ResponseBodies.IsErrorInSuccess("""{"error_code":1003} x"""u8));
        Assert.False(ResponseBodies.IsErrorInSuccess("""[{"error_code":1003}]"""u8));
        Assert.False(ResponseBodies.IsErrorInSuccess("""{"error_code":""}"""u8));
    }

    [Fact]
    public void Vendor_text_that_echoes_a_credential_is_masked()
    {
        var redactor = new Redactor(new[] { "sk_abc_123456", "Bearer sk_abc_123456" });

        VendorError error = Assert.Single(ResponseBodies.Errors("""{"message":"bad header Bearer sk_abc_123456"}"""u8, 401, null, redactor));

        Assert.Equal("bad header ***", error.Message);
    }

    [Theory]
    [InlineData("k", "invalid key 'k' for this workspace", "invalid key '***' for this workspace")]
    [InlineData("k", "k", "***")]
    [InlineData("k", "k:k;kk", "***:***;kk")]
    [InlineData("ab", "table ab, abc, (ab)", "table ***, abc, (***)")]
    [InlineData("tok3n", "Token tok3n is unknown: tok3ns are 40 characters", "Token *** is unknown: tok3ns are 40 characters")]
    [InlineData("sk_live_long", "keys like sk_live_longer and sk_live_long", "keys like ***er and ***")]
    public void A_short_credential_is_masked_where_it_stands_alone(string key, string text, string expected)
    {
        // Masked wherever it occurred, a one-character key turned every such letter of an error text into ***.
        Assert.Equal(expected, new Redactor(new[] { key }).Redact(text));
    }

    [Fact]
    public void A_short_credential_in_a_header_value_is_masked_with_the_header_value()
    {
        var redactor = new Redactor(new[] { "k", "Bearer k" });

        Assert.Equal("header *** refused; kind: auth", redactor.Redact("header Bearer k refused; kind: auth"));
    }

    [Theory]
    [InlineData("Courier", null, null, "https://api.courier.com/inbound/courier")]
    [InlineData("Userpilot", null, null, "https://analytex.userpilot.io/v1/track")]
    [InlineData("Userpilot", "environment", "analytex-eu", "https://analytex-eu.userpilot.io/v1/track")]
    [InlineData("Tranthor", null, null, "https://app.tranthor.com/api/public/apps/track")]
    [InlineData("Tranthor", "base", "http://localhost:3000", "http://localhost:3000/api/public/apps/track")]
    [InlineData("CustomerIo", null, null, "https://cdp.customer.io/v1/track")]
    [InlineData("PushEngage", null, null, "https://s2s.pushengage.com/api/v1/events")]
    public void Endpoint_comes_from_the_profile_server_and_its_variables(string vendor, string? variable, string? value, string expected)
    {
        var options = new VendorSenderOptions { ApiKey = "k" };
        if (variable is not null)
        {
            options.ServerVariables[variable] = value!;
        }

        using EventSender sender = EventSender.Create(Support.Vendors.Profile(vendor), options);

        Assert.Equal(expected, sender.Endpoint.ToString());
        Assert.Equal("EventSender " + vendor + " -> " + expected, sender.ToString());
    }

    [Fact]
    public void Server_variable_without_value_or_default_is_a_clear_error()
    {
        var profile = new VendorProfile("Acme", "POST", "/v1/events", new[] { "https://{region}.acme.test" }, new[] { new VendorAuth("Key", VendorAuthKind.Header, "X-Key", null) }, "name", "props", null, Array.Empty<string>(), Array.Empty<KeyValuePair<string, string>>(), DuplicateHandling.None, _ => ValidationResult.Valid);

        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(profile, new VendorSenderOptions { ApiKey = "k" }));

        Assert.Contains("'region'", error.Message);
    }

    [Fact]
    public async Task A_user_id_for_a_contract_without_an_identity_field_is_invalid_and_not_sent()
    {
        // A contract without x-ec-identity has nowhere to write the user: the id used to be dropped without a word.
        var profile = new VendorProfile("Acme", "POST", "/v1/events", new[] { "https://api.acme.test" }, new[] { new VendorAuth("Key", VendorAuthKind.Header, "X-Key", null) }, "name", "props", null, Array.Empty<string>(), Array.Empty<KeyValuePair<string, string>>(), DuplicateHandling.None, _ => ValidationResult.Valid);
        var handler = new AcceptingHandler();
        using var client = new HttpClient(handler);
        using EventSender sender = EventSender.Create(profile, new VendorSenderOptions { ApiKey = "k" }, client);

        SendResult withUser = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-1");
        SendResult withoutUser = await sender.SendAsync(Vendors.Order(Vendors.Marker()), null);

        Assert.Equal(SendOutcome.Invalid, withUser.Outcome);
        VendorError error = Assert.Single(withUser.Errors);
        Assert.Equal(("userId", "the Acme contract names no field for a user id (x-ec-identity), so the userId would not be sent; pass null, or declare the field in the contract"), (error.Code, error.Message));
        Assert.Equal(SendOutcome.Accepted, withoutUser.Outcome);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task An_empty_user_id_is_invalid_where_the_contract_needs_one_as_EC5001_says_and_sent_where_it_is_optional()
    {
        var handler = new AcceptingHandler();
        using var client = new HttpClient(handler);
        using EventSender userpilot = EventSender.Create(UserpilotContract.Profile, new VendorSenderOptions { ApiKey = "k" }, client);
        using EventSender courier = EventSender.Create(CourierContract.Profile, new VendorSenderOptions { ApiKey = "k" }, client);

        SendResult refused = await userpilot.SendAsync(Vendors.Order(Vendors.Marker()), string.Empty);
        SendResult sent = await courier.SendAsync(Vendors.Order(Vendors.Marker()), string.Empty);

        Assert.Equal(SendOutcome.Invalid, refused.Outcome);
        VendorError error = Assert.Single(refused.Errors);
        Assert.Equal(("userId", "the userId is empty, and Userpilot needs a user identifier (user_id): an empty one identifies no one"), (error.Code, error.Message));
        Assert.Equal(SendOutcome.Accepted, sent.Outcome);
        Assert.Equal(1, handler.Requests);
        Assert.True(UserpilotContract.Profile.IdentityRequired);
        Assert.False(CourierContract.Profile.IdentityRequired);
    }

    [Fact]
    public void Missing_and_unknown_credentials_are_named()
    {
        var missing = Assert.Throws<OptionsValidationException>(() => EventSender.Create(TranthorContract.Profile, new VendorSenderOptions()));
        Assert.Contains("PublicWriteKey", missing.Message);
        Assert.Contains("authorization", missing.Message);
        Assert.Contains("EVENTCONTRACTS_TRANTHOR_API_KEY", missing.Message);

        // The variable is read only by BindEnvironment; naming it alone sent users to set a variable nothing reads.
        Assert.Contains("BindEnvironment(\"Tranthor\")", missing.Message);

        var options = new VendorSenderOptions { ApiKey = "k" };
        options.Credentials["Bearer"] = "k2";
        var unknown = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));
        Assert.Contains("unknown security scheme 'Bearer'", unknown.Message);
    }

    [Theory]
    [InlineData("Timeout", "0.00:00:00.005")]
    [InlineData("Timeout", "2.00:00:00")]
    [InlineData("AttemptTimeout", "0.00:00:00.005")]
    [InlineData("AttemptTimeout", "2.00:00:00")]
    [InlineData("BaseDelay", "2.00:00:00")]
    [InlineData("MaxDelay", "2.00:00:00")]
    [InlineData("CircuitSamplingDuration", "2.00:00:00")]
    [InlineData("CircuitBreakDuration", "2.00:00:00")]
    public void Times_outside_the_pipelines_ranges_are_option_errors_naming_the_setting(string setting, string value)
    {
        // The resilience strategies take 10 ms to 1 day (delays: up to 1 day, breaker windows: 0.5 s to 1 day). Left to
        // them, such a value threw their ValidationException, in DI only at the first send and out of the tracker.
        TimeSpan time = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var options = new VendorSenderOptions { ApiKey = "k" };
        switch (setting)
        {
            case "Timeout": options.Timeout = time; break;
            case "AttemptTimeout": options.Resilience.AttemptTimeout = time; break;
            case "BaseDelay": options.Resilience.BaseDelay = time; break;
            case "MaxDelay": options.Resilience.MaxDelay = time; break;
            case "CircuitSamplingDuration": options.Resilience.CircuitSamplingDuration = time; break;
            default: options.Resilience.CircuitBreakDuration = time; break;
        }

        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_outside_ascii_is_refused_where_a_header_carries_it_as_it_is()
    {
        // HttpClient refuses such a header at every attempt: the send was retried, then Failed as "transport".
        var courier = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, new VendorSenderOptions { ApiKey = "clé-1" }));
        Assert.Contains("'BearerAuth'", courier.Message, StringComparison.Ordinal);
        Assert.Contains("ASCII", courier.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clé-1", courier.Message, StringComparison.Ordinal);

        var options = new VendorSenderOptions { ApiKey = "k" };
        options.Headers["X-Trace"] = "é";
        var header = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));
        Assert.Contains("'X-Trace'", header.Message, StringComparison.Ordinal);

        // Basic sends base64 of the key's UTF-8 bytes, which any key survives.
        using EventSender customerIo = EventSender.Create(CustomerIoContract.Profile, new VendorSenderOptions { ApiKey = "clé-1" });
    }

    [Fact]
    public void Extra_headers_cannot_carry_credentials_or_line_breaks()
    {
        var options = new VendorSenderOptions { ApiKey = "k" };
        options.Headers["authorization"] = "Bearer sneaky";
        options.Headers["X-Trace"] = "a\r\nb";

        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, options));

        Assert.Contains("credential header 'authorization'", error.Message);
        Assert.Contains("'X-Trace'", error.Message);
        Assert.DoesNotContain("sneaky", error.Message);
    }

    [Fact]
    public void Environment_binding_leaves_unset_values_alone_and_a_bad_url_makes_the_options_unusable()
    {
        var options = new VendorSenderOptions { ApiKey = "from-code" }.BindEnvironment("Courier", _ => null);
        Assert.Equal("from-code", options.ApiKey);
        Assert.Null(options.BaseAddress);

        var bad = new VendorSenderOptions { ApiKey = "k" }.BindEnvironment("Courier", n => n.EndsWith("_BASE_URL", StringComparison.Ordinal) ? "not a url secret123" : null);
        var error = Assert.Throws<OptionsValidationException>(() => EventSender.Create(CourierContract.Profile, bad));
        Assert.Contains("EVENTCONTRACTS_COURIER_BASE_URL is not an absolute URL", error.Message);
        Assert.DoesNotContain("secret123", error.Message);
    }

    [Fact]
    public void Results_read_well()
    {
        var result = new SendResult(SendOutcome.Rejected, "PushEngage", "m-1", 400, null, new[] { new VendorError("/data/-x", "1003", "bad key") }, 1, TimeSpan.FromMilliseconds(12));

        Assert.Equal("PushEngage Rejected (HTTP 400) messageId=m-1 attempts=1 in 12 ms\n  /data/-x: bad key [1003]", result.ToString());
        Assert.False(result.IsDelivered);
        var track = new TrackResult("Order Completed", "m-1", new[] { result });
        Assert.Equal("Order Completed messageId=m-1: not delivered everywhere\n- PushEngage Rejected (HTTP 400) messageId=m-1 attempts=1 in 12 ms\n    /data/-x: bad key [1003]", track.ToString());
        Assert.Throws<KeyNotFoundException>(() => track["Courier"]);
    }

    /// <summary>Answers every request 202, counting them.</summary>
    private sealed class AcceptingHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Accepted) { Content = new StringContent("{}"), RequestMessage = request });
        }
    }
}
