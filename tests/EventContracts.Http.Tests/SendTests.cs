using EventContracts.Http.Tests.Support;

namespace EventContracts.Http.Tests;

/// <summary>Each vendor over real loopback HTTP to the emulator: accepted, invalid (nothing sent), rejected with the vendor's parsed errors.</summary>
public sealed class SendTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SendTests(EmulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Accepted_event_is_recorded_once_with_the_vendor_envelope(string vendor)
    {
        using EventSender sender = _fixture.Sender(vendor);
        string marker = Vendors.Marker();

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-42");

        Assert.True(result.Outcome == SendOutcome.Accepted, result.ToString());
        Assert.Equal(vendor, result.Destination);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(result.Errors);
        Assert.True(UuidV7.IsVersion7(Guid.Parse(result.MessageId)));
        RecordedEvent recorded = Assert.Single(Vendors.Recorded(_fixture.Emulator, vendor, marker));
        Assert.Contains("\"Order Completed\"", recorded.BodyText);
        Assert.Contains("\"user-42\"", recorded.BodyText);
        VendorProfile profile = Vendors.Profile(vendor);
        if (profile.MessageIdProperty is not null)
        {
            Assert.Equal(result.MessageId, recorded.MessageId);
        }

        int expectedStatus = vendor switch { "Courier" or "Userpilot" => 202, "Tranthor" => 204, _ => 200 };
        Assert.Equal(expectedStatus, result.StatusCode);
    }

    [Fact]
    public async Task A_record_with_a_null_user_and_a_message_id_is_sent_as_a_tracked_event()
    {
        // The typed request overload once had the same name, so these arguments bound to it with a null writer.
        using EventSender sender = _fixture.Sender("Courier");
        string messageId = UuidV7.NewString();

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), null, messageId);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(messageId, result.MessageId);
    }

    [Fact]
    public async Task Courier_202_body_gives_the_vendor_message_id()
    {
        using EventSender sender = _fixture.Sender("Courier");
        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), null);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.NotNull(result.VendorMessageId);
        Assert.StartsWith("1-", result.VendorMessageId);
        Assert.NotEqual(result.MessageId, result.VendorMessageId);
    }

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Event_that_breaks_the_plan_is_invalid_and_not_sent(string vendor)
    {
        using EventSender sender = _fixture.FrontSender(vendor);
        string marker = Vendors.Marker();
        int before = _fixture.Front.ReceivedBy(Vendors.Id(vendor)).Count;

        // revenue has minimum 0 in the tracking plan; currency must be three capitals (EC3007 says so at build time; the
        // test sends it anyway, for the sender's own check).
#pragma warning disable EC3007
        SendResult result = await sender.SendAsync(Vendors.Order(marker, revenue: -5m) with { Currency = "eur" }, "user-1");
#pragma warning restore EC3007

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        Assert.Equal(0, result.Attempts);
        Assert.Null(result.StatusCode);
        string properties = "/" + Vendors.Profile(vendor).PropertiesProperty;
        Assert.Contains(result.Errors, e => e.Path == properties + "/revenue" && e.Code == "minimum");
        Assert.Contains(result.Errors, e => e.Path == properties + "/currency" && e.Code == "pattern");
        Assert.Equal(before, _fixture.Front.ReceivedBy(Vendors.Id(vendor)).Count);
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, vendor, marker));
    }

    [Theory]
    [InlineData("Userpilot")]
    [InlineData("Tranthor")]
    [InlineData("CustomerIo")]
    [InlineData("PushEngage")]
    public async Task Missing_required_user_is_invalid_against_the_vendor_contract_and_not_sent(string vendor)
    {
        using EventSender sender = _fixture.FrontSender(vendor);
        int before = _fixture.Front.ReceivedBy(Vendors.Id(vendor)).Count;

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), userId: null);

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Code is "required" or "anyOf");
        Assert.Equal(before, _fixture.Front.ReceivedBy(Vendors.Id(vendor)).Count);
    }

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Wrong_key_is_rejected_with_the_vendors_parsed_error(string vendor)
    {
        using EventSender sender = _fixture.Sender(vendor, o => o.ApiKey = "wrong-key-for-" + vendor);
        string marker = Vendors.Marker();

        SendResult result = await sender.SendAsync(Vendors.Order(marker), "user-9");

        Assert.True(result.Outcome == SendOutcome.Rejected, result.ToString());
        Assert.Equal(401, result.StatusCode);
        Assert.Equal(1, result.Attempts);
        VendorError error = Assert.Single(result.Errors);
        switch (vendor)
        {
            case "Courier":
                Assert.Equal("authentication_error", error.Code);
                Assert.Contains("not valid", error.Message);
                break;
            case "Userpilot":
                Assert.Equal("401", error.Code);
                Assert.Contains("Invalid API key", error.Message);
                break;
            case "Tranthor":
                Assert.Equal("Invalid write key", error.Message);
                break;
            case "CustomerIo":
                // Strict mode (sent by default) makes the vendor answer 401 with no body.
                Assert.Equal("401", error.Code);
                Assert.Contains("no error body", error.Message);
                break;
            case "PushEngage":
                Assert.Equal("401000", error.Code);
                Assert.Contains("Invalid API key", error.Message);
                break;
        }

        Assert.Empty(Vendors.Recorded(_fixture.Emulator, vendor, marker));
    }

    [Fact]
    public async Task PushEngage_400_details_become_errors_with_json_pointer_paths()
    {
        using EventSender sender = _fixture.Sender("PushEngage", o => o.ValidateBeforeSend = false);
        byte[] body = """{"event_name":"PushEngage.cart","profile_id":"p-1","data":{"-price":"1"}}"""u8.ToArray();

        SendResult result = await sender.SendJsonAsync(body, "corr-1");

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        Assert.All(result.Errors, e => Assert.Equal("1003", e.Code));
        Assert.Contains(result.Errors, e => e.Path == "/event_name");
        Assert.Contains(result.Errors, e => e.Path.StartsWith("/data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Same_body_is_invalid_before_sending_when_validation_is_on()
    {
        using EventSender sender = _fixture.FrontSender("PushEngage");
        int before = _fixture.Front.ReceivedBy("pushengage").Count;
        byte[] body = """{"event_name":"PushEngage.cart","profile_id":"p-1","data":{"-price":"1"}}"""u8.ToArray();

        SendResult result = await sender.SendJsonAsync(body, "corr-2");

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "/event_name" && e.Code == "pattern");
        Assert.Contains(result.Errors, e => e.Path == "/data/-price" && e.Code == "pattern");
        Assert.Equal(before, _fixture.Front.ReceivedBy("pushengage").Count);
    }

    [Fact]
    public async Task Userpilot_400_errors_are_parsed()
    {
        using EventSender sender = _fixture.Sender("Userpilot", o => o.ValidateBeforeSend = false);
        SendResult result = await sender.SendJsonAsync("""{"event_name":"x"}"""u8.ToArray(), "corr-3");

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("400", error.Code);
        Assert.Contains("user_id", error.Message);
    }

    [Fact]
    public async Task CustomerIo_400_meta_errors_are_parsed()
    {
        using EventSender sender = _fixture.Sender("CustomerIo", o => o.ValidateBeforeSend = false);
        SendResult result = await sender.SendJsonAsync("""{"type":"track","event":"x","userId":"u","messageId":"m-1","properties":{"revenue":"12"}}"""u8.ToArray(), "m-1");

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(result.Errors, e => e.Message.Contains("/properties/revenue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Courier_repeated_message_id_is_a_duplicate_not_a_failure()
    {
        using EventSender sender = _fixture.Sender("Courier");
        string marker = Vendors.Marker();
        string messageId = UuidV7.NewString();

        SendResult first = await sender.SendAsync(Vendors.Order(marker), "u-1", messageId);
        SendResult second = await sender.SendAsync(Vendors.Order(marker), "u-1", messageId);

        Assert.Equal(SendOutcome.Accepted, first.Outcome);
        Assert.Equal(SendOutcome.Duplicate, second.Outcome);
        Assert.Equal(409, second.StatusCode);
        Assert.True(second.IsDelivered);
        Assert.Equal(1, second.Attempts);
        Assert.Contains(second.Errors, e => e.Code == "invalid_request_error");
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", marker));
    }

    [Theory]
    [InlineData("Tranthor")]
    [InlineData("CustomerIo")]
    public async Task Vendors_that_ignore_repeats_accept_them_and_record_once(string vendor)
    {
        using EventSender sender = _fixture.Sender(vendor);
        string marker = Vendors.Marker();
        string messageId = UuidV7.NewString();

        SendResult first = await sender.SendAsync(Vendors.Order(marker), "u-1", messageId);
        SendResult second = await sender.SendAsync(Vendors.Order(marker), "u-1", messageId);

        Assert.Equal(SendOutcome.Accepted, first.Outcome);
        Assert.Equal(SendOutcome.Accepted, second.Outcome);
        Assert.Single(Vendors.Recorded(_fixture.Emulator, vendor, marker));
    }

    [Fact]
    public async Task Typed_vendor_request_is_sent_with_its_own_message_id()
    {
        using EventSender sender = _fixture.Sender("Courier");
        string messageId = UuidV7.NewString();
        var request = new CourierRequest
        {
            Event = "Order Completed",
            MessageId = messageId,
            UserId = "u-typed",
            Properties = new Dictionary<string, System.Text.Json.JsonElement>(),
        };

        SendResult result = await sender.SendRequestAsync(request, static (w, r) => r.WriteTo(w), messageId);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(messageId, result.MessageId);
        Assert.Contains(_fixture.Emulator.Events.Snapshot("courier"), e => e.MessageId == messageId);
    }

    [Fact]
    public async Task Json_body_after_a_byte_order_mark_is_checked_and_sent_without_it()
    {
        using EventSender sender = _fixture.FrontSender("Courier");
        string messageId = UuidV7.NewString();
        var request = new CourierRequest { Event = "Marked", MessageId = messageId, Properties = new Dictionary<string, System.Text.Json.JsonElement>() };
        byte[] marked = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(request.ToUtf8Json()).ToArray();

        SendResult result = await sender.SendJsonAsync(marked, messageId);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(request.ToUtf8Json(), _fixture.Front.ReceivedBy("courier").Last().Body);
        Assert.Contains(_fixture.Emulator.Events.Snapshot("courier"), e => e.MessageId == messageId);
    }

    [Fact]
    public async Task Json_body_whose_message_id_differs_from_the_argument_is_invalid()
    {
        using EventSender sender = _fixture.FrontSender("Courier");
        int before = _fixture.Front.ReceivedBy("courier").Count;
        string inBody = UuidV7.NewString();
        var request = new CourierRequest { Event = "E", MessageId = inBody, Properties = new Dictionary<string, System.Text.Json.JsonElement>() };

        SendResult result = await sender.SendJsonAsync(request.ToUtf8Json(), "another-id");

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "/messageId");
        Assert.Equal(before, _fixture.Front.ReceivedBy("courier").Count);
    }

    [Fact]
    public async Task Json_body_without_the_message_id_its_vendor_deduplicates_by_is_invalid()
    {
        // Customer.io's schema lets messageId out. Sent without it, a retry after a lost answer would be recorded twice,
        // while the result named an id the vendor never saw.
        using EventSender sender = _fixture.FrontSender("CustomerIo");
        int before = _fixture.Front.ReceivedBy("customerio").Count;

        SendResult result = await sender.SendJsonAsync("""{"type":"track","event":"E","userId":"u","properties":{}}"""u8.ToArray(), "m-absent");

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("/messageId", error.Path);
        Assert.Equal("messageId", error.Code);
        Assert.Equal(before, _fixture.Front.ReceivedBy("customerio").Count);
    }

    [Theory]
    [MemberData(nameof(Vendors.Names), MemberType = typeof(Vendors))]
    public async Task Auth_headers_follow_the_contract(string vendor)
    {
        using EventSender sender = _fixture.FrontSender(vendor);
        string marker = Vendors.Marker();
        SendResult result = await sender.SendAsync(Vendors.Order(marker), "u-h");
        Assert.Equal(SendOutcome.Accepted, result.Outcome);

        ReceivedRequest request = _fixture.Front.ReceivedBy(Vendors.Id(vendor)).Last(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(marker, StringComparison.Ordinal));
        string key = Vendors.Key(vendor);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        switch (vendor)
        {
            case "Courier":
                Assert.Equal("Bearer " + key, request.Headers["Authorization"]);
                break;
            case "Userpilot":
                Assert.Equal("Token " + key, request.Headers["Authorization"]);
                break;
            case "Tranthor":
                Assert.Equal("Bearer " + key, request.Headers["PublicWriteKey"]);
                Assert.Equal("Bearer " + key, request.Headers["authorization"]);
                break;
            case "CustomerIo":
                Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key + ":")), request.Headers["Authorization"]);
                Assert.Equal("1", request.Headers["X-Strict-Mode"]);
                break;
            case "PushEngage":
                Assert.Equal(key, request.Headers["Api-Key"]);
                break;
        }
    }
}
