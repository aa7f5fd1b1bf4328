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
/// Invalid request bodies for each vendor, each with the exact error it must produce: the JSON Pointer of the offending
/// value (<c>""</c> is the root; <c>required</c> and <c>anyOf</c> are reported at the object), the failed keyword, and
/// the offending value (or property name, or size) named in the message.
/// </summary>
public class InvalidPayloadTests
{
    private static readonly string Long65 = new('e', 65);
    private static readonly string Long256 = new('v', 256);

    /// <summary>One invalid payload and the single error it must produce.</summary>
    public sealed record Case(string Vendor, string Name, string Json, string Path, string Keyword, params string[] MessageNames);

    private static readonly Case[] s_cases =
    {
        // ---------------------------------------------------------------- Courier
        new("Courier", "missing event", """{"messageId":"m-1","type":"track","properties":{}}""", "", "required", "\"event\""),
        new("Courier", "missing messageId", """{"event":"E","type":"track","properties":{}}""", "", "required", "\"messageId\""),
        new("Courier", "missing properties", """{"event":"E","messageId":"m-1","type":"track"}""", "", "required", "\"properties\""),
        new("Courier", "missing type", """{"event":"E","messageId":"m-1","properties":{}}""", "", "required", "\"type\""),
        new("Courier", "type identify", """{"event":"E","messageId":"m-1","type":"identify","properties":{}}""", "/type", "enum", "\"identify\""),
        new("Courier", "type Track (case matters)", """{"event":"E","messageId":"m-1","type":"Track","properties":{}}""", "/type", "enum", "\"Track\""),
        new("Courier", "type null", """{"event":"E","messageId":"m-1","type":null,"properties":{}}""", "/type", "type", "null"),
        new("Courier", "properties array", """{"event":"E","messageId":"m-1","type":"track","properties":[]}""", "/properties", "type", "array"),
        new("Courier", "properties string", """{"event":"E","messageId":"m-1","type":"track","properties":"{}"}""", "/properties", "type", "\"{}\""),
        new("Courier", "properties null", """{"event":"E","messageId":"m-1","type":"track","properties":null}""", "/properties", "type", "null"),
        new("Courier", "event number", """{"event":42,"messageId":"m-1","type":"track","properties":{}}""", "/event", "type", "42"),
        new("Courier", "messageId boolean", """{"event":"E","messageId":true,"type":"track","properties":{}}""", "/messageId", "type", "true"),
        new("Courier", "userId number", """{"event":"E","messageId":"m-1","type":"track","properties":{},"userId":1234}""", "/userId", "type", "1234"),
        new("Courier", "userId object", """{"event":"E","messageId":"m-1","type":"track","properties":{},"userId":{"id":"1"}}""", "/userId", "type", "object"),
        new("Courier", "root array", """[{"event":"E","messageId":"m-1","type":"track","properties":{}}]""", "", "type", "array"),
        new("Courier", "root string", "\"track\"", "", "type", "\"track\""),
        new("Courier", "malformed: unterminated object", """{"event":"E","messageId":"m-1","type":"track","properties":{}""", "", "json"),
        new("Courier", "malformed: single quotes", """{'event':'E'}""", "", "json"),
        new("Courier", "empty input", "", "", "json"),
        new("Courier", "trailing garbage", """{"event":"E","messageId":"m-1","type":"track","properties":{}} x""", "", "json"),
        new("Courier", "a second document", """{"event":"E","messageId":"m-1","type":"track","properties":{}}{}""", "", "json"),

        // ---------------------------------------------------------------- Userpilot
        new("Userpilot", "missing user_id", """{"event_name":"purchase_completed"}""", "", "required", "\"user_id\""),
        new("Userpilot", "missing event_name", """{"user_id":"user_42"}""", "", "required", "\"event_name\""),
        new("Userpilot", "user_id number", """{"user_id":1043,"event_name":"e"}""", "/user_id", "type", "1043"),
        new("Userpilot", "user_id null", """{"user_id":null,"event_name":"e"}""", "/user_id", "type", "null"),
        new("Userpilot", "user_id object", """{"user_id":{},"event_name":"e"}""", "/user_id", "type", "object"),
        new("Userpilot", "event_name array", """{"user_id":"u","event_name":["e"]}""", "/event_name", "type", "array"),
        new("Userpilot", "event_name boolean", """{"user_id":"u","event_name":false}""", "/event_name", "type", "false"),
        new("Userpilot", "metadata string", """{"user_id":"u","event_name":"e","metadata":"plan=pro"}""", "/metadata", "type", "\"plan=pro\""),
        new("Userpilot", "metadata array", """{"user_id":"u","event_name":"e","metadata":[{"plan":"pro"}]}""", "/metadata", "type", "array"),
        new("Userpilot", "metadata null", """{"user_id":"u","event_name":"e","metadata":null}""", "/metadata", "type", "null"),
        new("Userpilot", "metadata number", """{"user_id":"u","event_name":"e","metadata":5}""", "/metadata", "type", "5"),
        new("Userpilot", "root null", "null", "", "type", "null"),
        new("Userpilot", "root number", "17", "", "type", "17"),
        new("Userpilot", "malformed: trailing comma", """{"user_id":"u","event_name":"e",}""", "", "json"),
        new("Userpilot", "malformed: unquoted name", """{user_id:"u","event_name":"e"}""", "", "json"),
        new("Userpilot", "empty input", "", "", "json"),
        new("Userpilot", "whitespace only", " \n\t ", "", "json"),
        new("Userpilot", "trailing garbage", """{"user_id":"u","event_name":"e"}]""", "", "json"),

        // ---------------------------------------------------------------- Tranthor
        new("Tranthor", "missing messageId", """{"event":"E","userId":"u"}""", "", "required", "\"messageId\""),
        new("Tranthor", "missing event", """{"messageId":"m","userId":"u"}""", "", "required", "\"event\""),
        new("Tranthor", "neither userId nor anonymousId", """{"messageId":"m","event":"E"}""", "", "anyOf"),
        new("Tranthor", "userId number", """{"messageId":"m","event":"E","userId":1043}""", "/userId", "type", "1043"),
        new("Tranthor", "anonymousId null", """{"messageId":"m","event":"E","anonymousId":null}""", "/anonymousId", "type", "null"),
        new("Tranthor", "timestamp not a date", """{"messageId":"m","event":"E","userId":"u","timestamp":"yesterday"}""", "/timestamp", "format", "\"yesterday\"", "date-time"),
        new("Tranthor", "timestamp date only", """{"messageId":"m","event":"E","userId":"u","timestamp":"2025-07-15"}""", "/timestamp", "format", "\"2025-07-15\""),
        new("Tranthor", "timestamp 30 February", """{"messageId":"m","event":"E","userId":"u","timestamp":"2025-02-30T10:30:00Z"}""", "/timestamp", "format", "\"2025-02-30T10:30:00Z\""),
        new("Tranthor", "timestamp without offset", """{"messageId":"m","event":"E","userId":"u","timestamp":"2025-07-15T10:30:00"}""", "/timestamp", "format", "\"2025-07-15T10:30:00\""),
        new("Tranthor", "timestamp epoch number", """{"messageId":"m","event":"E","userId":"u","timestamp":1752575400}""", "/timestamp", "type", "1752575400"),
        new("Tranthor", "context string", """{"messageId":"m","event":"E","userId":"u","context":"en-GB"}""", "/context", "type", "\"en-GB\""),
        new("Tranthor", "context.locale number", """{"messageId":"m","event":"E","userId":"u","context":{"locale":44}}""", "/context/locale", "type", "44"),
        new("Tranthor", "properties array", """{"messageId":"m","event":"E","userId":"u","properties":[1,2]}""", "/properties", "type", "array"),
        new("Tranthor", "files object", """{"messageId":"m","event":"E","userId":"u","files":{"type":"Base64Encoded","name":"a","mimeType":"text/plain","data":"QQ=="}}""", "/files", "type", "object"),
        new("Tranthor", "files item with wrong type", """{"messageId":"m","event":"E","userId":"u","files":[{"type":"Base64","name":"a.txt","mimeType":"text/plain","data":"QQ=="}]}""", "/files/0/type", "enum", "\"Base64\""),
        new("Tranthor", "files item without data", """{"messageId":"m","event":"E","userId":"u","files":[{"type":"Base64Encoded","name":"a.txt","mimeType":"text/plain"}]}""", "/files/0", "required", "\"data\""),
        new("Tranthor", "second files item name number", """{"messageId":"m","event":"E","userId":"u","files":[{"type":"Base64Encoded","name":"a.txt","mimeType":"text/plain","data":"QQ=="},{"type":"Base64Encoded","name":7,"mimeType":"text/plain","data":"QQ=="}]}""", "/files/1/name", "type", "7"),
        new("Tranthor", "files item string", """{"messageId":"m","event":"E","userId":"u","files":["receipt.txt"]}""", "/files/0", "type", "\"receipt.txt\""),
        new("Tranthor", "malformed: missing colon", """{"messageId" "m"}""", "", "json"),
        new("Tranthor", "empty input", "", "", "json"),
        new("Tranthor", "trailing garbage", """{"messageId":"m","event":"E","userId":"u"} {""", "", "json"),

        // ---------------------------------------------------------------- Customer.io
        new("CustomerIo", "missing event", """{"type":"track","userId":"u"}""", "", "required", "\"event\""),
        new("CustomerIo", "missing type", """{"event":"E","userId":"u"}""", "", "required", "\"type\""),
        new("CustomerIo", "type page", """{"type":"page","event":"E","userId":"u"}""", "/type", "enum", "\"page\""),
        new("CustomerIo", "neither userId nor anonymousId", """{"type":"track","event":"E","properties":{"a":1}}""", "", "anyOf"),
        new("CustomerIo", "userId null beside anonymousId", """{"type":"track","event":"E","userId":null,"anonymousId":"a"}""", "/userId", "type", "null"),
        new("CustomerIo", "revenue as a string", """{"type":"track","event":"Order Completed","userId":"u","properties":{"revenue":"19.99","currency":"USD"}}""", "/properties/revenue", "type", "\"19.99\""),
        new("CustomerIo", "currency lower case", """{"type":"track","event":"Order Completed","userId":"u","properties":{"revenue":19.99,"currency":"usd"}}""", "/properties/currency", "pattern", "\"usd\""),
        new("CustomerIo", "currency four letters", """{"type":"track","event":"Order Completed","userId":"u","properties":{"currency":"USDT"}}""", "/properties/currency", "pattern", "\"USDT\""),
        new("CustomerIo", "currency number", """{"type":"track","event":"Order Completed","userId":"u","properties":{"currency":840}}""", "/properties/currency", "type", "840"),
        new("CustomerIo", "value as a string", """{"type":"track","event":"Signed Up","userId":"u","properties":{"value":"5"}}""", "/properties/value", "type", "\"5\""),
        new("CustomerIo", "properties array", """{"type":"track","event":"E","userId":"u","properties":[]}""", "/properties", "type", "array"),
        new("CustomerIo", "timestamp with a space", """{"type":"track","event":"E","userId":"u","timestamp":"2015-12-12 19:11:01Z"}""", "/timestamp", "format", "\"2015-12-12 19:11:01Z\""),
        new("CustomerIo", "sentAt month 13", """{"type":"track","event":"E","userId":"u","sentAt":"2015-13-12T19:11:01.169Z"}""", "/sentAt", "format", "\"2015-13-12T19:11:01.169Z\""),
        new("CustomerIo", "originalTimestamp hour 24", """{"type":"track","event":"E","userId":"u","originalTimestamp":"2015-12-12T24:00:00Z"}""", "/originalTimestamp", "format", "\"2015-12-12T24:00:00Z\""),
        new("CustomerIo", "integrations value not boolean", """{"type":"track","event":"E","userId":"u","integrations":{"All":true,"Salesforce":"yes"}}""", "/integrations/Salesforce", "type", "\"yes\""),
        new("CustomerIo", "integrations All number", """{"type":"track","event":"E","userId":"u","integrations":{"All":1}}""", "/integrations/All", "type", "1"),
        new("CustomerIo", "integrations array", """{"type":"track","event":"E","userId":"u","integrations":["Salesforce"]}""", "/integrations", "type", "array"),
        new("CustomerIo", "context.channel unknown", """{"type":"track","event":"E","userId":"u","context":{"channel":"tv"}}""", "/context/channel", "enum", "\"tv\""),
        new("CustomerIo", "context.campaign extra key not a string", """{"type":"track","event":"E","userId":"u","context":{"campaign":{"name":"spring","utm_id":42}}}""", "/context/campaign/utm_id", "type", "42"),
        new("CustomerIo", "context.page.keywords item number", """{"type":"track","event":"E","userId":"u","context":{"page":{"keywords":["a",2]}}}""", "/context/page/keywords/1", "type", "2"),
        new("CustomerIo", "context.page.referrer number (nullable string)", """{"type":"track","event":"E","userId":"u","context":{"page":{"referrer":0}}}""", "/context/page/referrer", "type", "0"),
        new("CustomerIo", "version string", """{"type":"track","event":"E","userId":"u","version":"2"}""", "/version", "type", "\"2\""),
        new("CustomerIo", "property name with escapes in the path", """{"type":"track","event":"E","userId":"u","integrations":{"a/b~c":"on"}}""", "/integrations/a~1b~0c", "type", "\"on\""),
        new("CustomerIo", "malformed: truncated", """{"type":"track","event":"E","use""", "", "json"),
        new("CustomerIo", "empty input", "", "", "json"),
        new("CustomerIo", "trailing garbage", """{"type":"track","event":"E","userId":"u"}null""", "", "json"),

        // ---------------------------------------------------------------- PushEngage
        new("PushEngage", "missing event_name", """{"profile_id":"p"}""", "", "required", "\"event_name\""),
        new("PushEngage", "neither profile_id nor device_token_hash", """{"event_name":"add_to_cart","data":{"a":1}}""", "", "anyOf"),
        new("PushEngage", "event_name of 65 characters", "{\"event_name\":\"" + Long65 + "\",\"profile_id\":\"p\"}", "/event_name", "maxLength", "65", "64"),
        new("PushEngage", "event_name with the PushEngage. prefix", """{"event_name":"PushEngage.order","profile_id":"p"}""", "/event_name", "pattern", "\"PushEngage.order\""),
        new("PushEngage", "event_name number", """{"event_name":7,"profile_id":"p"}""", "/event_name", "type", "7"),
        new("PushEngage", "profile_id number", """{"event_name":"e","profile_id":1043}""", "/profile_id", "type", "1043"),
        new("PushEngage", "device_token_hash null", """{"event_name":"e","device_token_hash":null}""", "/device_token_hash", "type", "null"),
        new("PushEngage", "data array", """{"event_name":"e","profile_id":"p","data":[["k","v"]]}""", "/data", "type", "array"),
        new("PushEngage", "data key starting with -", """{"event_name":"e","profile_id":"p","data":{"-bad":1}}""", "/data/-bad", "pattern", "\"-bad\""),
        new("PushEngage", "data key starting with _", """{"event_name":"e","profile_id":"p","data":{"_internal":1}}""", "/data/_internal", "pattern", "\"_internal\""),
        new("PushEngage", "data key with a space", """{"event_name":"e","profile_id":"p","data":{"order id":1}}""", "/data/order id", "pattern", "\"order id\""),
        new("PushEngage", "data key with a non-ASCII letter", """{"event_name":"e","profile_id":"p","data":{"prénom":"Zoé"}}""", "/data/prénom", "pattern", "\"prénom\""),
        new("PushEngage", "empty data key", """{"event_name":"e","profile_id":"p","data":{"":1}}""", "/data/", "pattern", "\"\""),
        new("PushEngage", "data key of 256 characters", "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":{\"" + new string('k', 256) + "\":1}}", "/data/" + new string('k', 256), "maxLength", "256", "255"),
        new("PushEngage", "data value object", """{"event_name":"e","profile_id":"p","data":{"product":{"name":"Running Shoes"}}}""", "/data/product", "type", "object"),
        new("PushEngage", "data value array", """{"event_name":"e","profile_id":"p","data":{"sizes":[42,43]}}""", "/data/sizes", "type", "array"),
        new("PushEngage", "data value null", """{"event_name":"e","profile_id":"p","data":{"coupon":null}}""", "/data/coupon", "type", "null"),
        new("PushEngage", "data string value of 256 characters", "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":{\"note\":\"" + Long256 + "\"}}", "/data/note", "maxLength", "256", "255"),
        new("PushEngage", "data of 4,001 bytes", "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + Payloads.PushEngageData(4001) + "}", "/data", "x-ec-max-bytes", "4001", "4000"),
        new("PushEngage", "malformed: bad literal", """{"event_name":"e","profile_id":"p","data":{"a":tru}}""", "", "json", "tru"),
        new("PushEngage", "empty input", "", "", "json"),
        new("PushEngage", "trailing garbage", """{"event_name":"e","profile_id":"p"},""", "", "json"),
    };

    /// <summary>Every case, by vendor and name.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (Case c in s_cases)
        {
            data.Add(c.Vendor, c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_payload_reports_the_exact_error(string vendorName, string caseName)
    {
        Case c = s_cases.Single(x => x.Vendor == vendorName && x.Name == caseName);

        ValidationResult result = Vendor.Get(vendorName).Validate(c.Json);

        ValidationAssert.Single(result, c.Path, c.Keyword, c.MessageNames);
    }

    [Theory]
    [InlineData("Courier")]
    [InlineData("Userpilot")]
    [InlineData("Tranthor")]
    [InlineData("CustomerIo")]
    [InlineData("PushEngage")]
    public void Each_vendor_has_at_least_15_invalid_cases(string vendorName)
    {
        Assert.True(s_cases.Count(c => c.Vendor == vendorName) >= 15);
    }

    [Fact]
    public void Names_of_cases_are_unique()
    {
        Assert.Equal(s_cases.Length, s_cases.Select(c => (c.Vendor, c.Name)).Distinct().Count());
    }

    // ---------------------------------------------------------------- boundaries that must stay valid

    [Fact]
    public void PushEngage_data_of_exactly_4000_bytes_is_valid_and_4001_is_not()
    {
        Vendor pushEngage = Vendor.Get("PushEngage");
        string at = "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + Payloads.PushEngageData(4000) + "}";
        string over = "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + Payloads.PushEngageData(4001) + "}";

        ValidationAssert.Valid(pushEngage.Validate(at), "4,000 bytes is the limit itself");
        ValidationAssert.Single(pushEngage.Validate(over), "/data", "x-ec-max-bytes", "4001");
    }

    [Fact]
    public void CustomerIo_call_of_exactly_32000_bytes_is_valid_and_32001_is_not()
    {
        // x-ec-max-bytes 32000 on TrackEvent bounds the whole call, serialized compactly.
        string Body(int bytes)
        {
            const string head = "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"blob\":\"";
            const string tail = "\"}}";
            return head + new string('x', bytes - head.Length - tail.Length) + tail;
        }

        Vendor customerIo = Vendor.Get("CustomerIo");
        Assert.Equal(32000, Payloads.CompactSize(Body(32000)));

        ValidationAssert.Valid(customerIo.Validate(Body(32000)));
        ValidationAssert.Single(customerIo.Validate(Body(32001)), "", "x-ec-max-bytes", "32001", "32000");
    }

    [Fact]
    public void PushEngage_event_name_of_exactly_64_characters_is_valid()
        => ValidationAssert.Valid(Vendor.Get("PushEngage").Validate("{\"event_name\":\"" + new string('e', 64) + "\",\"device_token_hash\":\"d\"}"));

    [Fact]
    public void PushEngage_data_key_and_value_of_exactly_255_characters_are_valid()
        => ValidationAssert.Valid(Vendor.Get("PushEngage").Validate(
            "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":{\"" + new string('k', 255) + "\":\"" + new string('v', 255) + "\"}}"));

    [Theory]
    [InlineData("pushengage.order", "the prefix check is case-sensitive, as written on the vendor page")]
    [InlineData("PushEngage", "only the prefix with its dot is reserved")]
    [InlineData("PushEngageX.order", "the dot is literal, not any character")]
    [InlineData("my.PushEngage.order", "the prefix is only reserved at the start")]
    public void PushEngage_event_names_that_only_resemble_the_reserved_prefix_are_valid(string eventName, string because)
        => ValidationAssert.Valid(Vendor.Get("PushEngage").Validate("{\"event_name\":\"" + eventName + "\",\"profile_id\":\"p\"}"), because);

    [Theory]
    [InlineData("""{"event_name":"e","profile_id":"p","data":{"n":-1.5e3,"b":false,"s":"","d":"2024-06-01","0":0,"A-_z9":true}}""")]
    [InlineData("""{"event_name":"","profile_id":"p"}""")]
    [InlineData("""{"event_name":"e","profile_id":"p","device_token_hash":"d"}""")]
    public void PushEngage_payloads_at_the_edges_of_the_rules_are_valid(string json)
        => ValidationAssert.Valid(Vendor.Get("PushEngage").Validate(json));

    [Theory]
    [InlineData("""{"event":"E","messageId":"m","type":"track","properties":{},"userId":null}""")]
    [InlineData("""{"event":"E","messageId":"m","type":"track","properties":{"nested":{"deep":[1,{"x":null}]}},"extra":1}""")]
    [InlineData("""{"event":"","messageId":"","type":"track","properties":{}}""")]
    public void Courier_payloads_at_the_edges_of_the_rules_are_valid(string json)
        => ValidationAssert.Valid(Vendor.Get("Courier").Validate(json));

    [Theory]
    [InlineData("""{"type":"track","event":"E","anonymousId":"a","integrations":null,"context":{"page":{"referrer":null,"search":null}}}""")]
    [InlineData("""{"type":"track","event":"E","userId":"u","anonymousId":"a","properties":{"revenue":-3,"value":0,"currency":"EUR","other":"x"}}""")]
    [InlineData("""{"type":"track","event":"E","userId":"u","timestamp":"1998-12-31T23:59:60Z","sentAt":"2015-12-12t19:11:01.1+05:30"}""")]
    public void CustomerIo_payloads_at_the_edges_of_the_rules_are_valid(string json)
        => ValidationAssert.Valid(Vendor.Get("CustomerIo").Validate(json));

    [Fact]
    public void Tranthor_accepts_a_body_with_both_identifiers()
        => ValidationAssert.Valid(Vendor.Get("Tranthor").Validate("""{"messageId":"m","event":"E","userId":"u","anonymousId":"a"}"""));

    // ---------------------------------------------------------------- several errors at once

    [Fact]
    public void Userpilot_reports_both_missing_required_properties_in_schema_order()
        => ValidationAssert.Errors(Vendor.Get("Userpilot").Validate("{}"), ("", "required"), ("", "required"));

    [Fact]
    public void PushEngage_reports_every_problem_of_one_payload()
    {
        string json = "{\"event_name\":\"PushEngage." + new string('x', 60) + "\",\"data\":{\"-k\":[1],\"ok\":\"" + Long256 + "\"}}";

        ValidationResult result = Vendor.Get("PushEngage").Validate(json);

        Assert.Contains(result.Errors, e => e.Path == "" && e.Keyword == "anyOf");
        Assert.Contains(result.Errors, e => e.Path == "/event_name" && e.Keyword == "maxLength");
        Assert.Contains(result.Errors, e => e.Path == "/event_name" && e.Keyword == "pattern");
        Assert.Contains(result.Errors, e => e.Path == "/data/-k" && e.Keyword == "pattern");
        Assert.Contains(result.Errors, e => e.Path == "/data/-k" && e.Keyword == "type");
        Assert.Contains(result.Errors, e => e.Path == "/data/ok" && e.Keyword == "maxLength");
        Assert.Equal(6, result.Errors.Count);
    }

    // ---------------------------------------------------------------- malformed bytes

    [Theory]
    [InlineData("event", "a string the schema checks")]
    [InlineData("properties", "a value inside an open object, which the validator skips")]
    public void Invalid_utf8_is_malformed_json(string where, string because)
    {
        // RFC 8259 section 8.1: JSON text is UTF-8; a byte sequence that is not UTF-8 is not JSON text.
        string json = where == "event"
            ? "{\"event\":\"caf\u00e9\",\"messageId\":\"m\",\"type\":\"track\",\"properties\":{}}"
            : "{\"event\":\"E\",\"messageId\":\"m\",\"type\":\"track\",\"properties\":{\"note\":\"caf\u00e9\"}}";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF; // 0xFF never occurs in UTF-8

        ValidationResult result = Vendor.Get("Courier").ValidateRequest(bytes);

        ValidationAssert.Single(result, "", "json");
        _ = because;
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 }, "an overlong encoding of U+0000")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "an encoded surrogate")]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "a code point above U+10FFFF")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "a truncated sequence")]
    [InlineData(new byte[] { 0x80 }, "a lone continuation byte")]
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 }, "a byte that never starts a sequence")]
    public void Ill_formed_utf8_anywhere_is_malformed_json(byte[] sequence, string because)
    {
        byte[] before = Encoding.UTF8.GetBytes("{\"event_name\":\"e\",\"profile_id\":\"p\",\"extra\":\"");
        byte[] after = Encoding.UTF8.GetBytes("\"}");
        byte[] json = before.Concat(sequence).Concat(after).ToArray();

        ValidationAssert.Single(Vendor.Get("PushEngage").ValidateRequest(json), "", "json", "UTF-8");
        _ = because;
    }

    [Fact]
    public void Well_formed_multibyte_utf8_is_valid()
        => ValidationAssert.Valid(Vendor.Get("PushEngage").ValidateRequest(Encoding.UTF8.GetBytes("{\"event_name\":\"é中😀\",\"profile_id\":\"\u00ff\uFFFF\"}")));

    [Theory]
    [InlineData("Tranthor", """{"messageId":"m","event":"E","userId":"u","properties":{"a":[1,2""")]
    [InlineData("PushEngage", """{"event_name":"e","profile_id":"p","data":{"a":tru}}""")]
    [InlineData("CustomerIo", """{"type":"track","event":"E","userId":"u","context":{"page":{"keywords":["a" "b"]}}}""")]
    public void Malformed_json_inside_a_nested_value_is_one_error_at_the_document(string vendorName, string json)
    {
        // Malformed text has no JSON values to point at, so the error is reported at "" whichever value was being
        // read when the syntax error was found; the message gives the line and byte.
        ValidationAssert.Single(Vendor.Get(vendorName).Validate(json), "", "json", "line 1, byte ");
    }

    // ---------------------------------------------------------------- typed records give the same errors

    /// <summary>Typed records with invalid content, and the errors <c>ValidateJson</c> reports on their JSON.</summary>
    public static TheoryData<string> TypedCases() => new(s_typed.Keys);

    // The records below break their contracts on purpose; EC3009 reports their constants at build time, these tests check
    // what Validate() says of them at run time.
#pragma warning disable EC3009
    private static readonly Dictionary<string, Func<object>> s_typed = new()
    {
        ["PushEngage event_name too long and reserved"] = () => new PushEngageRequest { EventName = "PushEngage." + new string('x', 60), ProfileId = "p" },
        ["PushEngage no identifier"] = () => new PushEngageRequest { EventName = "e" },
        ["PushEngage bad data key and nested value"] = () => new PushEngageRequest
        {
            EventName = "e",
            DeviceTokenHash = "d",
            Data = new Dictionary<string, JsonElement> { ["-key"] = Json.Element("1"), ["nested"] = Json.Element("{\"a\":1}"), ["long"] = Json.Element("\"" + Long256 + "\"") },
        },
        ["PushEngage data over 4,000 bytes"] = () => new PushEngageRequest
        {
            EventName = "e",
            ProfileId = "p",
            Data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Payloads.PushEngageData(4001))!,
        },
        ["CustomerIo currency and timestamp"] = () => new CustomerIoRequest
        {
            Event = "Order Completed",
            UserId = "u",
            Timestamp = "2015-12-12",
            Properties = new CustomerIoEventProperties { Revenue = 19.99m, Currency = "usd" },
        },
        ["CustomerIo no identifier"] = () => new CustomerIoRequest { Event = "E" },
        ["Courier properties with a null event"] = () => new CourierRequest { Event = null!, MessageId = "m", Properties = new Dictionary<string, JsonElement>() },
        ["Courier null properties"] = () => new CourierRequest { Event = "E", MessageId = "m", Properties = null! },
        ["Tranthor a null file"] = () => new TranthorRequest { MessageId = "m", Event = "E", AnonymousId = "a", Files = new TranthorEventFile[] { null! } },
        ["Tranthor file with a null name"] = () => new TranthorRequest
        {
            MessageId = "m",
            Event = "E",
            AnonymousId = "a",
            Timestamp = "not a time",
            Files = new[] { new TranthorEventFile { Name = null!, MimeType = "text/plain", Data = "QQ==" } },
        },
        ["Userpilot null user_id"] = () => new UserpilotRequest { UserId = null!, EventName = "e" },
    };

    [Theory]
    [MemberData(nameof(TypedCases))]
    public void Validate_on_a_record_reports_what_ValidateJson_reports_on_its_json(string caseName)
    {
        object model = s_typed[caseName]();
        Vendor vendor = Vendor.All.Single(v => v.ModelType == model.GetType());

        ValidationResult typed = vendor.ValidateModel(model);
        ValidationResult json = vendor.ValidateRequest(vendor.Write(model));

        Assert.False(typed.IsValid, caseName + " should be invalid");
        ValidationAssert.SameErrors(json, typed);
    }

    [Fact]
    public void Validate_on_a_record_names_the_same_paths_as_the_raw_payload()
    {
        var record = new CustomerIoRequest
        {
            Event = "Order Completed",
            UserId = "u",
            Properties = new CustomerIoEventProperties { Currency = "usd" },
        };

        ValidationAssert.Single(record.Validate(), "/properties/currency", "pattern", "\"usd\"");
        ValidationAssert.Single(
            Vendor.Get("CustomerIo").Validate("""{"type":"track","event":"Order Completed","userId":"u","properties":{"currency":"usd"}}"""),
            "/properties/currency", "pattern", "\"usd\"");
    }

    [Fact]
    public void A_default_JsonElement_is_a_validation_error_and_a_clear_exception_when_written()
    {
        var record = new PushEngageRequest { EventName = "e", ProfileId = "p", Data = new Dictionary<string, JsonElement> { ["price"] = default } };

        ValidationAssert.Single(record.Validate(), "/data/price", "type", "a default JsonElement holds no JSON value");
        var thrown = Assert.Throws<EventContracts.Serialization.UndefinedJsonValueException>(() => record.ToUtf8Json());
        Assert.Contains("default JsonElement", thrown.Message, StringComparison.Ordinal);
    }
#pragma warning restore EC3009
}
