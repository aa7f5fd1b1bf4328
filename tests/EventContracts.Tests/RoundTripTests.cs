using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventContracts.Tests.Support;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests;

/// <summary>
/// The generated readers and writers keep every documented example intact.
/// </summary>
/// <remarks>
/// One documented loss: an optional property whose value is JSON <c>null</c> is read as a C# <see langword="null"/>
/// and, like any null optional member, omitted on write. So <c>{"userId":null}</c> round-trips to a body without
/// <c>userId</c>; for the contracts the two mean the same (a nullable optional property that is absent or null). A
/// <c>null</c> inside a free-form object (<c>properties</c>, <c>metadata</c>, ...) is data and is kept.
/// </remarks>
public class RoundTripTests
{
    /// <summary>Every (vendor, example) pair.</summary>
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (Vendor vendor in Vendor.All)
        {
            foreach (ContractExample example in vendor.Descriptor.Examples)
            {
                data.Add(vendor.Name, example.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Reading_then_writing_an_example_gives_the_example_without_its_null_optional_properties(string vendorName, string exampleName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        string example = vendor.Example(exampleName);

        byte[] written = vendor.Write(vendor.Read(Encoding.UTF8.GetBytes(example)));

        JsonNode? expected = WithoutNullMembers(JsonNode.Parse(example));
        JsonNode? actual = JsonNode.Parse(written);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            vendorName + "/" + exampleName + "\nexpected " + expected?.ToJsonString() + "\nwritten  " + Encoding.UTF8.GetString(written));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Reading_what_was_written_gives_an_equal_record(string vendorName, string exampleName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        object model = vendor.Read(Encoding.UTF8.GetBytes(vendor.Example(exampleName)));

        object again = vendor.Read(vendor.Write(model));

        Assert.NotSame(model, again);
        Assert.Equal(model, again);
        Assert.Equal(model.GetHashCode(), again.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Written_json_is_compact_and_validates(string vendorName, string exampleName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        byte[] written = vendor.Write(vendor.Read(Encoding.UTF8.GetBytes(vendor.Example(exampleName))));

        ValidationAssert.Valid(vendor.ValidateRequest(written));
        Assert.Equal(Payloads.CompactSize(Encoding.UTF8.GetString(written)), written.Length);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void JsonSerializer_uses_the_generated_converter(string vendorName, string exampleName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        object model = vendor.Read(Encoding.UTF8.GetBytes(vendor.Example(exampleName)));
        byte[] generated = vendor.Write(model);

        // Naming and null-handling options would change a reflection-based contract; the generated converter ignores them.
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        };
        byte[] serialized = JsonSerializer.SerializeToUtf8Bytes(model, vendor.ModelType);
        byte[] serializedWithOptions = JsonSerializer.SerializeToUtf8Bytes(model, vendor.ModelType, options);

        Assert.Equal(Encoding.UTF8.GetString(generated), Encoding.UTF8.GetString(serialized));
        Assert.Equal(Encoding.UTF8.GetString(generated), Encoding.UTF8.GetString(serializedWithOptions));
        Assert.Equal(model, JsonSerializer.Deserialize(generated, vendor.ModelType));
        Assert.Equal(model, JsonSerializer.Deserialize(generated, vendor.ModelType, options));
    }

    [Fact]
    public void Enum_members_convert_to_and_from_their_wire_values_exactly()
    {
        Assert.True(CourierContract.TryParseWireValue("track", out CourierRequest.TypeKind track));
        Assert.Equal(CourierRequest.TypeKind.Track, track);
        Assert.Equal("invalid_request_error", CourierResponse400.TypeKind.InvalidRequestError.ToWireValue());
        Assert.True(CourierContract.TryParseWireValue("invalid_request_error", out CourierResponse400.TypeKind error));
        Assert.Equal(CourierResponse400.TypeKind.InvalidRequestError, error);
        foreach (string? other in new[] { "Track", "TRACK", " track", "InvalidRequestError", "", null })
        {
            Assert.False(CourierContract.TryParseWireValue(other, out CourierRequest.TypeKind _), other);
        }

        foreach (ShapeSample.LevelKind level in Enum.GetValues<ShapeSample.LevelKind>())
        {
            Assert.True(TypedChecksContract.TryParseWireValue(level.ToWireValue(), out ShapeSample.LevelKind parsed));
            Assert.Equal(level, parsed);
        }

        Assert.False(TypedChecksContract.TryParseWireValue("medium", out ShapeSample.LevelKind unknown));
        Assert.Equal(default, unknown);
    }

    [Fact]
    public void JsonSerializer_uses_the_converter_for_records_nested_in_other_types()
    {
        var request = new CourierRequest { Event = "E", MessageId = "m", Properties = new Dictionary<string, JsonElement>(), UserId = "u" };
        var batch = new List<CourierRequest> { request, request with { MessageId = "n", UserId = null } };

        string json = JsonSerializer.Serialize(batch);

        Assert.Equal(
            """[{"event":"E","messageId":"m","properties":{},"type":"track","userId":"u"},{"event":"E","messageId":"n","properties":{},"type":"track"}]""",
            json);
        Assert.Equal(batch, JsonSerializer.Deserialize<List<CourierRequest>>(json));
    }

    [Fact]
    public void Null_optional_property_is_omitted_on_write()
    {
        Vendor courier = Vendor.Get("Courier");
        var model = (CourierRequest)courier.Read(Encoding.UTF8.GetBytes(courier.Example("nullUser")));

        Assert.Null(model.UserId);
        Assert.DoesNotContain("userId", Encoding.UTF8.GetString(model.ToUtf8Json()), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_inside_a_free_form_object_is_kept()
    {
        const string Json = """{"event":"E","messageId":"m","type":"track","properties":{"coupon":null,"items":[null,{"a":null}]}}""";

        var model = CourierRequest.FromUtf8Json(Encoding.UTF8.GetBytes(Json));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), JsonNode.Parse(model.ToUtf8Json())));
    }

    [Fact]
    public void FromUtf8Json_skips_a_leading_byte_order_mark_as_ValidateJson_does()
    {
        const string Json = """{"event":"E","messageId":"m","type":"track","properties":{}}""";
        byte[] withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Json)).ToArray();

        Assert.Equal(CourierRequest.FromUtf8Json(Encoding.UTF8.GetBytes(Json)), CourierRequest.FromUtf8Json(withMark));
        Assert.True(CourierRequest.ValidateJson(withMark).IsValid);
        Assert.ThrowsAny<JsonException>(() => CourierRequest.FromUtf8Json(withMark.Concat(withMark).ToArray()));
    }

    [Fact]
    public void Strings_with_escapes_and_non_ascii_text_round_trip()
    {
        var model = new PushEngageRequest
        {
            EventName = "Ürün \"görüntülendi\" \\ 🛒\n",
            ProfileId = "p",
            Data = new Dictionary<string, JsonElement> { ["note"] = Json.Element("\"<b>&'😀\\u0000\"") },
        };

        var again = PushEngageRequest.FromUtf8Json(model.ToUtf8Json());

        Assert.Equal(model, again);
        Assert.Equal("Ürün \"görüntülendi\" \\ 🛒\n", again.EventName);
    }

    [Fact]
    public void Record_equality_is_structural_for_maps_lists_and_json_values()
    {
        var a = new TranthorRequest
        {
            MessageId = "m",
            Event = "E",
            UserId = "u",
            Properties = new Dictionary<string, JsonElement> { ["price"] = Json.Element("29.99"), ["tags"] = Json.Element("[\"a\",{\"b\":1,\"c\":2}]") },
            Files = new[] { new TranthorEventFile { Name = "a.txt", MimeType = "text/plain", Data = "QQ==" } },
        };
        var b = a with
        {
            // Other instances, other key order, 29.990 is the same JSON number as 29.99, members in another order.
            Properties = new Dictionary<string, JsonElement> { ["tags"] = Json.Element("[\"a\",{\"c\":2,\"b\":1}]"), ["price"] = Json.Element("29.990") },
            Files = new List<TranthorEventFile> { new() { Name = "a.txt", MimeType = "text/plain", Data = "QQ==" } },
        };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Files = new[] { new TranthorEventFile { Name = "b.txt", MimeType = "text/plain", Data = "QQ==" } } });
        Assert.NotEqual(a, b with { Properties = new Dictionary<string, JsonElement> { ["price"] = Json.Element("29.99") } });
    }

    // ---------------------------------------------------------------- reading invalid shapes

    /// <summary>Each vendor's required properties.</summary>
    public static TheoryData<string, string> RequiredProperties() => new()
    {
        { "Courier", "event" }, { "Courier", "messageId" }, { "Courier", "properties" }, { "Courier", "type" },
        { "Userpilot", "user_id" }, { "Userpilot", "event_name" },
        { "Tranthor", "messageId" }, { "Tranthor", "event" },
        { "CustomerIo", "event" }, { "CustomerIo", "type" },
        { "PushEngage", "event_name" },
    };

    [Theory]
    [MemberData(nameof(RequiredProperties))]
    public void Reading_without_a_required_property_throws_JsonException_naming_it(string vendorName, string property)
    {
        Vendor vendor = Vendor.Get(vendorName);
        var example = (JsonObject)JsonNode.Parse(vendor.Descriptor.Examples[0].Json)!;
        Assert.True(example.Remove(property), vendorName + "'s first example has " + property);

        var ex = Assert.ThrowsAny<JsonException>(() => vendor.Read(Encoding.UTF8.GetBytes(example.ToJsonString())));

        Assert.Contains("\"" + property + "\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Courier", """{"event":42,"messageId":"m","type":"track","properties":{}}""", "event")]
    [InlineData("Courier", """{"event":"E","messageId":"m","type":"track","properties":[]}""", "properties")]
    [InlineData("Userpilot", """{"user_id":1043,"event_name":"e"}""", "user_id")]
    [InlineData("Tranthor", """{"messageId":"m","event":"E","userId":"u","files":[{"type":"Base64Encoded","name":5,"mimeType":"t","data":"d"}]}""", "name")]
    [InlineData("CustomerIo", """{"type":"track","event":"E","userId":"u","properties":{"revenue":"19.99"}}""", "revenue")]
    [InlineData("PushEngage", """{"event_name":"e","profile_id":["p"]}""", "profile_id")]
    public void Reading_a_value_of_the_wrong_type_throws_JsonException_naming_the_property(string vendorName, string json, string property)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => Vendor.Get(vendorName).Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Courier", """{"event":"E","messageId":"m","type":"identify","properties":{}}""", "identify")]
    [InlineData("Tranthor", """{"messageId":"m","event":"E","userId":"u","files":[{"type":"Base64","name":"a","mimeType":"t","data":"d"}]}""", "Base64")]
    public void Reading_a_value_outside_an_enum_throws_JsonException_naming_the_value(string vendorName, string json, string value)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => Vendor.Get(vendorName).Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"event_name":"e",""")]
    [InlineData("""{"event_name":"e"} x""")]
    [InlineData("""{"event_name":"e"}{}""")]
    [InlineData("""{"event_name":'e'}""")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Reading_malformed_or_non_object_json_throws_JsonException(string json)
        => Assert.ThrowsAny<JsonException>(() => PushEngageRequest.FromUtf8Json(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Reading_ill_formed_utf8_in_a_string_property_throws_JsonException_naming_it()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"user_id\":\"caf\u00e9\",\"event_name\":\"e\"}");
        json[Array.IndexOf(json, (byte)0xC3)] = 0xFF;

        var ex = Assert.ThrowsAny<JsonException>(() => UserpilotRequest.FromUtf8Json(json));

        Assert.Contains("user_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonSerializer_reports_a_missing_required_property_as_JsonException()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<UserpilotRequest>("""{"event_name":"e"}"""));

        Assert.Contains("\"user_id\"", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Removes every object member whose value is JSON null, except inside free-form values.</summary>
    private static JsonNode? WithoutNullMembers(JsonNode? node)
    {
        // The documented examples have no nulls inside free-form objects, so every null member is a null optional
        // property; Null_inside_a_free_form_object_is_kept covers the other case.
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj.ToArray())
                {
                    if (pair.Value is null)
                    {
                        obj.Remove(pair.Key);
                    }
                    else
                    {
                        WithoutNullMembers(pair.Value);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    WithoutNullMembers(item);
                }

                break;
        }

        return node;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_undeclared_property_the_schema_allows_is_kept_at_every_level(string vendorName, string exampleName)
    {
        // Each object of the example in turn gets a property no schema declares; where the contract accepts that, the
        // record must keep it: reading and writing back gives the same JSON (a vendor's nested objects included).
        Vendor vendor = Vendor.Get(vendorName);
        JsonNode example = JsonNode.Parse(vendor.Example(exampleName))!;
        int count = Objects(example).Count;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            JsonNode changed = example.DeepClone();
            JsonObject target = Objects(changed)[i];
            target.Add("zz_undeclared", new JsonObject { ["list"] = new JsonArray(1, "two", null), ["flag"] = true });
            string json = changed.ToJsonString();
            if (!vendor.Validate(json).IsValid)
            {
                continue;
            }

            byte[] written = vendor.Write(vendor.Read(Encoding.UTF8.GetBytes(json)));

            Assert.True(
                JsonNode.DeepEquals(WithoutNullMembers(JsonNode.Parse(json)), JsonNode.Parse(written)),
                vendorName + "/" + exampleName + " with an undeclared property at " + target.GetPath() + "\nwritten " + Encoding.UTF8.GetString(written));
            kept++;
        }

        Assert.True(kept > 0, vendorName + "/" + exampleName + ": " + kept + " of " + count + " objects accept an undeclared property");
    }

    /// <summary>Every object of the document, in document order.</summary>
    private static List<JsonObject> Objects(JsonNode? node, List<JsonObject>? objects = null)
    {
        objects ??= new List<JsonObject>();
        switch (node)
        {
            case JsonObject obj:
                objects.Add(obj);
                foreach (var pair in obj)
                {
                    Objects(pair.Value, objects);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Objects(item, objects);
                }

                break;
        }

        return objects;
    }

    [Theory]
    [InlineData(63)]
    [InlineData(200)]
    public void An_open_value_nested_as_deep_as_the_validator_accepts_is_read_and_written_back(int depth)
    {
        // The reader's own default depth is 64; FromUtf8Json reads what the validator accepts (256 levels).
        string nested = new string('[', depth) + "1" + new string(']', depth);
        byte[] json = Encoding.UTF8.GetBytes("{\"event\":\"E\",\"messageId\":\"m\",\"properties\":{\"deep\":" + nested + "},\"type\":\"track\",\"userId\":\"u\"}");
        var verdict = CourierContract.ValidateRequestJson(json);
        Assert.True(verdict.IsValid, verdict.ToString());

        var request = CourierRequest.FromUtf8Json(json);

        Assert.Equal(nested, request.Properties["deep"].GetRawText());
        Assert.Equal(json, request.ToUtf8Json());
    }

}
