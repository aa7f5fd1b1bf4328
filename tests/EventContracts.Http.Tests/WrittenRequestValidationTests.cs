using System.Buffers;
using System.Text;
using System.Text.Json;
using EventContracts.Http.Tests.Support;

namespace EventContracts.Http.Tests;

/// <summary>
/// <see cref="VendorProfile.ValidateWrittenRequest"/>: for contracts that accept any object as the event's properties it
/// validates the envelope alone, and its verdict on what <see cref="VendorProfile.WriteRequest"/> writes is the whole
/// body's.
/// </summary>
public sealed class WrittenRequestValidationTests
{
    private const string MessageId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    public static TheoryData<string, string?, string?, string> Cases()
    {
        var data = new TheoryData<string, string?, string?, string>();
        string?[] names = { "Order Completed", null, string.Empty, new string('n', 300), "tab\there \u00e9\U0001F600" };
        string?[] users = { "user-42", null, string.Empty, "\"quoted\" \\ </script>" };
        string[] properties =
        {
            "{}",
            "{\"order_id\":\"A-1\",\"revenue\":19.99,\"tags\":[true,null,{\"deep\":[1,2]}]}",
            "[]",
            "null",
            "\"text\"",
            "42",
            "{\"currency\":\"eur\",\"revenue\":-5}",
        };
        foreach (VendorProfile profile in Vendors.All)
        {
            for (int i = 0; i < names.Length; i++)
            {
                // Every name with every properties value under one user (the users in turn), and once more under the next user: 40 bodies per vendor.
                foreach (string props in properties)
                {
                    data.Add(profile.Name, names[i], users[i % users.Length], props);
                }

                data.Add(profile.Name, names[i], users[(i + 1) % users.Length], properties[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verdict_on_a_written_request_is_the_whole_bodys(string vendor, string? name, string? userId, string properties)
    {
        VendorProfile profile = Vendors.Profile(vendor);
        var trackedEvent = new RawEvent(name, properties);
        byte[] body = Write(profile, trackedEvent, userId);

        ValidationResult whole = profile.ValidateRequest(body);
        ValidationResult written = profile.ValidateWrittenRequest(body, trackedEvent, userId, MessageId);

        Assert.Equal(Describe(whole), Describe(written));
    }

    [Theory]
    [InlineData("Courier", true)]
    [InlineData("Userpilot", true)]
    [InlineData("Tranthor", true)]
    [InlineData("CustomerIo", false)]
    [InlineData("PushEngage", false)]
    public void Only_the_envelope_is_read_when_the_contract_accepts_any_properties_object(string vendor, bool envelopeOnly)
    {
        VendorProfile profile = Vendors.Profile(vendor);
        var trackedEvent = new RawEvent("Order Completed", "{\"a\":1}");
        byte[] written = Write(profile, trackedEvent, "user-42");

        // Not what WriteRequest writes: the properties object is not even JSON. Only a reader of the properties sees it.
        byte[] body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(written).Replace("{\"a\":1}", "{\"a\":1,,}", StringComparison.Ordinal));

        Assert.Equal(envelopeOnly, profile.PropertiesAcceptAnyObject);
        Assert.False(profile.ValidateRequest(body).IsValid);
        Assert.Equal(envelopeOnly, profile.ValidateWrittenRequest(body, trackedEvent, "user-42", MessageId).IsValid);
    }

    [Fact]
    public void A_body_written_for_other_arguments_is_validated_whole()
    {
        VendorProfile profile = Vendors.Profile("Userpilot");
        var trackedEvent = new RawEvent("Order Completed", "{}");
        byte[] body = Write(profile, trackedEvent, "user-42");

        // The envelope of these arguments lacks user_id; the body has it, so the body's verdict stands.
        Assert.False(profile.ValidateWrittenRequest(Write(profile, trackedEvent, null), trackedEvent, null, MessageId).IsValid);
        Assert.True(profile.ValidateWrittenRequest(body, trackedEvent, null, MessageId).IsValid);
    }

    [Fact]
    public async Task A_sender_reports_properties_that_are_not_an_object_for_a_contract_that_accepts_any_object()
    {
        using EventSender sender = EventSender.Create(CourierContract.Profile, Vendors.Options("Courier", new Uri("http://127.0.0.1:9/courier")));

        SendResult result = await sender.SendAsync(new RawEvent("Order Completed", "[1]"), "user-42");

        Assert.Equal(SendOutcome.Invalid, result.Outcome);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("/properties", error.Path);
        Assert.Equal("type", error.Code);
        Assert.Equal(0, result.Attempts);
    }

    private static byte[] Write(VendorProfile profile, ITrackedEvent trackedEvent, string? userId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            profile.WriteRequest(writer, trackedEvent, userId, MessageId);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Describe(ValidationResult result)
        => result.IsValid ? "valid" : string.Join("\n", result.Errors.Select(e => e.Path + " " + e.Keyword + " " + e.Message));

    /// <summary>A hand-written event: any name, any properties JSON, no plan of its own.</summary>
    private sealed class RawEvent : ITrackedEvent
    {
        private readonly string _properties;

        public RawEvent(string? name, string properties)
        {
            EventName = name!;
            _properties = properties;
        }

        public string EventName { get; }

        public IReadOnlyList<string> Destinations => Array.Empty<string>();

        public void WriteProperties(Utf8JsonWriter writer) => writer.WriteRawValue(_properties);

        public ValidationResult Validate() => ValidationResult.Valid;

        public ValidationResult ValidatePropertiesJson(ReadOnlySpan<byte> utf8Json) => ValidationResult.Valid;
    }
}
