using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using EventContracts.Tests.Support;
using NJsonSchema;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Tests;

/// <summary>
/// Differential test of the generated request validators against NJsonSchema 11.6.2 on the same schemas: 10,000 seeded
/// random payloads per vendor must get the same valid/invalid answer from both, except in the categories where
/// NJsonSchema departs from the JSON Schema specification (<see cref="NJsonSchemaDepartures"/>). Those are excluded by a
/// named predicate, counted in the assertion message, checked against the specification's answer where the category
/// alone decides it, and each has its own test below asserting what the specification says.
/// </summary>
public class DifferentialTests
{
    private const int PayloadsPerVendor = 10_000;

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, ulong> s_seeds = new()
    {
        ["Courier"] = 0x5EED_0001UL,
        ["Userpilot"] = 0x5EED_0002UL,
        ["Tranthor"] = 0x5EED_0003UL,
        ["CustomerIo"] = 0x5EED_0004UL,
        ["PushEngage"] = 0x5EED_0005UL,
    };

    /// <summary>The five vendors.</summary>
    public static TheoryData<string> VendorNames() => new(Vendor.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Generated_validator_agrees_with_NJsonSchema_on_10000_random_payloads(string vendorName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        Reference reference = Reference.For(vendor);
        Gen<string> payloads = PayloadGenerator.For(vendor, reference.DeclaredNames);
        var pcg = new PCG(1, s_seeds[vendorName]);

        int valid = 0, invalid = 0, compared = 0;
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var disagreements = new List<string>();
        var specMisses = new List<string>();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < PayloadsPerVendor; i++)
        {
            string json = payloads.Generate(pcg, null, out _);
            ValidationResult ours = vendor.Validate(json);
            if (ours.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            var (categories, specInvalid) = NJsonSchemaDepartures.Of(vendor, JsonNode.Parse(json), reference.MaxLengths, reference.DateTimeProperties, reference.HasPatternWithDollar);
            if (categories.Count > 0)
            {
                foreach (string category in categories)
                {
                    excluded[category] = excluded.GetValueOrDefault(category) + 1;
                }

                if (specInvalid && ours.IsValid)
                {
                    specMisses.Add("#" + i + " [" + string.Join("; ", categories) + "] " + Shorten(json));
                }

                continue;
            }

            compared++;
            bool theirs = reference.IsValid(json);
            if (theirs != ours.IsValid)
            {
                disagreements.Add("#" + i + " ours=" + (ours.IsValid ? "valid" : ours.ToString().Replace("\n", " ", StringComparison.Ordinal)) + " njs=" + (theirs ? "valid" : "invalid") + " " + Shorten(json));
            }
        }

        string report = vendorName + " (seed 0x" + s_seeds[vendorName].ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "): "
            + PayloadsPerVendor + " payloads, " + valid + " valid / " + invalid + " invalid by the generated validator; "
            + compared + " compared with NJsonSchema, " + disagreements.Count + " disagreements; excluded by departure: "
            + (excluded.Count == 0 ? "none" : string.Join(", ", excluded.Select(e => e.Key + " = " + e.Value)))
            + "; spec-decided exclusions the generated validator accepted: " + specMisses.Count
            + "; " + watch.ElapsedMilliseconds + " ms"
            + string.Concat(disagreements.Take(8).Select(d => "\n  " + d))
            + string.Concat(specMisses.Take(8).Select(d => "\n  spec says invalid: " + d));

        _output.WriteLine(report);
        Assert.True(disagreements.Count == 0 && specMisses.Count == 0, report);
        Assert.True(valid >= PayloadsPerVendor / 10 && invalid >= PayloadsPerVendor / 10, "the mix must have both valid and invalid payloads: " + report);
        Assert.True(compared >= PayloadsPerVendor * 6 / 10, "departure exclusions must not swallow the comparison: " + report);
    }

    // ---------------------------------------------------------------- one test per NJsonSchema departure

    [Fact]
    public void MaxLength_counts_code_points_not_utf16_units()
    {
        // 64 emoji are 64 code points (JSON Schema's unit) but 128 UTF-16 units (NJsonSchema's unit).
        string sixtyFourEmoji = string.Concat(Enumerable.Repeat("😀", 64));
        string sixtyFiveEmoji = sixtyFourEmoji + "😀";
        string Body(string name) => "{\"event_name\":\"" + name + "\",\"profile_id\":\"p\"}";
        Vendor pushEngage = Vendor.Get("PushEngage");
        Reference reference = Reference.For(pushEngage);

        ValidationAssert.Valid(pushEngage.Validate(Body(sixtyFourEmoji)), "64 code points is within maxLength 64");
        ValidationAssert.Single(pushEngage.Validate(Body(sixtyFiveEmoji)), "/event_name", "maxLength", "65");
        Assert.False(reference.IsValid(Body(sixtyFourEmoji)), "NJsonSchema counts 128 UTF-16 units (the departure this test documents)");

        // The same rule for a data string value (maxLength 255) and a data key (propertyNames.maxLength 255).
        string value255 = string.Concat(Enumerable.Repeat("😀", 255));
        ValidationAssert.Valid(pushEngage.Validate("{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":{\"note\":\"" + value255 + "\"}}"));
        ValidationAssert.Single(pushEngage.Validate("{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":{\"note\":\"" + value255 + "é\"}}"), "/data/note", "maxLength", "256");
    }

    [Fact]
    public void MaxLength_counts_escaped_characters_once()
    {
        // "\u00e9" and "\ud83d\ude00" in JSON text are one code point each, however they are written.
        string escaped = string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 64));
        Vendor pushEngage = Vendor.Get("PushEngage");

        ValidationAssert.Valid(pushEngage.Validate("{\"event_name\":\"" + escaped + "\",\"profile_id\":\"p\"}"));
        ValidationAssert.Single(pushEngage.Validate("{\"event_name\":\"" + escaped + "\\u00e9\",\"profile_id\":\"p\"}"), "/event_name", "maxLength", "65");
    }

    [Fact]
    public void PropertyNames_is_enforced_though_NJsonSchema_ignores_it()
    {
        Vendor pushEngage = Vendor.Get("PushEngage");
        string body = """{"event_name":"e","profile_id":"p","data":{"-bad":1}}""";

        ValidationAssert.Single(pushEngage.Validate(body), "/data/-bad", "pattern", "\"-bad\"");
        Assert.True(Reference.For(pushEngage).IsValid(body), "NJsonSchema ignores propertyNames (the departure this test documents)");
    }

    [Theory]
    [InlineData("PushEngage", """{"event_name":"e","profile_id":"p","data":{"key\n":1}}""", "/data/key\n", "pattern")]
    [InlineData("CustomerIo", """{"type":"track","event":"E","userId":"u","properties":{"currency":"USD\n"}}""", "/properties/currency", "pattern")]
    public void Pattern_dollar_does_not_match_before_a_final_newline(string vendorName, string json, string path, string keyword)
    {
        // ECMA-262 (JSON Schema's regex dialect): without the m flag, $ matches only at the end of the input.
        // A .NET Regex's $ also matches before a final "\n", so NJsonSchema accepts "USD\n" for ^[A-Z]{3}$.
        Vendor vendor = Vendor.Get(vendorName);

        ValidationAssert.Single(vendor.Validate(json), path, keyword);
        if (vendorName == "CustomerIo")
        {
            Assert.True(Reference.For(vendor).IsValid(json), "NJsonSchema's .NET $ matches before the newline (the departure this test documents)");
        }
    }

    [Theory]
    [InlineData("2015-12-12")]
    [InlineData("2015")]
    [InlineData("20151212")]
    [InlineData("2015-12-12T19:11:01")]
    [InlineData("2015-12-12 19:11:01")]
    [InlineData("2015-12-12_19:11:01Z")]
    [InlineData("2015-13-45T99:99:99Z")]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("1998-12-31T22:59:60Z")]
    public void Date_time_is_RFC_3339_not_every_form_NJsonSchema_accepts(string timestamp)
    {
        Vendor customerIo = Vendor.Get("CustomerIo");
        string body = "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"timestamp\":\"" + timestamp + "\"}";

        Assert.False(SpecOracles.IsRfc3339DateTime(timestamp));
        ValidationAssert.Single(customerIo.Validate(body), "/timestamp", "format", timestamp);
        Assert.True(NJsonSchemaDepartures.NJsonSchemaAcceptsDateTime(timestamp), "NJsonSchema accepts " + timestamp + " (the departure this test documents)");
    }

    [Theory]
    [InlineData("1963-06-19t08:30:06.283185z")]
    [InlineData("1998-12-31T23:59:60Z")]
    [InlineData("1998-12-31T15:59:60.123-08:00")]
    [InlineData("1937-01-01T12:00:27.87+00:20")]
    [InlineData("0000-02-29T00:00:00Z")]
    public void Date_time_accepts_every_RFC_3339_form(string timestamp)
    {
        Assert.True(SpecOracles.IsRfc3339DateTime(timestamp));
        ValidationAssert.Valid(Vendor.Get("Tranthor").Validate("{\"messageId\":\"m\",\"event\":\"E\",\"userId\":\"u\",\"timestamp\":\"" + timestamp + "\"}"));
    }

    [Fact]
    public void Max_bytes_is_enforced_though_NJsonSchema_does_not_know_it()
    {
        Vendor pushEngage = Vendor.Get("PushEngage");
        string over = "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + Payloads.PushEngageData(4001) + "}";

        ValidationAssert.Single(pushEngage.Validate(over), "/data", "x-ec-max-bytes", "4001");
        Assert.True(Reference.For(pushEngage).IsValid(over), "NJsonSchema ignores x-ec-max-bytes (the departure this test documents)");
    }

    [Fact]
    public void Max_bytes_measures_the_compact_serialization_not_the_input_text()
    {
        // x-ec-max-bytes is defined on the value serialized as compact UTF-8 JSON (schemas/README.md), so insignificant
        // whitespace in the input does not count, and escapes count as the generated serializer writes them.
        Vendor pushEngage = Vendor.Get("PushEngage");
        JsonNode data = JsonNode.Parse(Payloads.PushEngageData(4000))!;
        var body = new JsonObject { ["event_name"] = "e", ["profile_id"] = "p", ["data"] = data };
        string indented = Payloads.Indented(body);
        Assert.True(Payloads.Indented(data).Length > 4000, "the data text itself is over the limit");

        ValidationAssert.Valid(pushEngage.Validate(indented), "4,000 compact bytes written with whitespace");

        // "é" is 2 bytes of UTF-8 as input, but the generated serializer writes it as \u00E9 (6 bytes): 3,996 ASCII bytes
        // of data with one "a" replaced by "é" is 4,001 bytes serialized.
        var withAccent = new JsonObject { ["event_name"] = "e", ["profile_id"] = "p", ["data"] = JsonNode.Parse(Payloads.PushEngageData(3996))! };
        withAccent["data"]!["k000"] = "é" + withAccent["data"]!["k000"]!.GetValue<string>().Substring(1);
        Assert.Equal(4001, Payloads.CompactSize(withAccent["data"]!.ToJsonString()));
        ValidationAssert.Single(pushEngage.Validate(Payloads.Relaxed(withAccent)), "/data", "x-ec-max-bytes", "4001");
    }

    [Fact]
    public void Max_bytes_of_a_typed_record_and_of_its_raw_json_agree()
    {
        Vendor pushEngage = Vendor.Get("PushEngage");
        foreach (int size in new[] { 3999, 4000, 4001, 4002 })
        {
            string json = "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + Payloads.PushEngageData(size) + "}";
            object record = pushEngage.Read(Encoding.UTF8.GetBytes(json));
            string indented = Payloads.Indented(JsonNode.Parse(json)!);

            ValidationAssert.SameErrors(pushEngage.ValidateModel(record), pushEngage.Validate(json));
            ValidationAssert.SameErrors(pushEngage.ValidateModel(record), pushEngage.Validate(indented));
        }
    }

    [Fact]
    public void Trailing_content_after_the_document_is_malformed_though_NJsonSchema_reads_only_the_first_value()
    {
        // Newtonsoft's JToken.ReadFrom stops after the first value, so NJsonSchema validates {"...":...} and ignores the rest.
        Vendor userpilot = Vendor.Get("Userpilot");
        string json = """{"user_id":"u","event_name":"e"} trailing""";

        ValidationAssert.Single(userpilot.Validate(json), "", "json");
        Assert.True(Reference.For(userpilot).IsValid(json), "NJsonSchema ignores content after the first value (the departure this test documents)");
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_valid_though_NJsonSchema_cannot_read_it()
    {
        // JSON Schema sets no depth limit; Newtonsoft's reader stops at 64 levels, the generated validator at 256.
        string deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        Vendor userpilot = Vendor.Get("Userpilot");
        string json = "{\"user_id\":\"u\",\"event_name\":\"e\",\"metadata\":{\"deep\":" + deep + "}}";

        ValidationAssert.Valid(userpilot.Validate(json));
        Assert.False(Reference.For(userpilot).IsValid(json), "NJsonSchema throws on nesting deeper than 64 (the departure this test documents)");
    }

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("-98765432109876543210987654321")]
    public void Integers_beyond_64_bits_are_numbers_though_NJsonSchema_throws_on_them(string number)
    {
        // JSON numbers have no size limit (RFC 8259 section 6); Newtonsoft reads these as BigInteger and NJsonSchema's
        // number check throws InvalidCastException on them. The generator keeps integers within 64 bits for that reason.
        Vendor customerIo = Vendor.Get("CustomerIo");
        string json = "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"version\":" + number + ",\"properties\":{\"revenue\":" + number + "}}";

        ValidationAssert.Valid(customerIo.Validate(json));
        Assert.Throws<InvalidCastException>(() => Reference.For(customerIo).IsValid(json));
    }

    [Fact]
    public void Nullable_is_translated_to_a_null_type_for_NJsonSchema_and_both_accept_null()
    {
        // OpenAPI 3.0 nullable: true is written as type [X, "null"] in the reference document (OpenApiDocument.RequestSchema).
        Vendor courier = Vendor.Get("Courier");
        string nullUser = """{"event":"E","messageId":"m","type":"track","properties":{},"userId":null}""";
        string nullEvent = """{"event":null,"messageId":"m","type":"track","properties":{}}""";

        ValidationAssert.Valid(courier.Validate(nullUser));
        Assert.True(Reference.For(courier).IsValid(nullUser));
        ValidationAssert.Single(courier.Validate(nullEvent), "/event", "type", "null");
        Assert.False(Reference.For(courier).IsValid(nullEvent));
    }

    private static string Shorten(string json) => json.Length <= 300 ? json : json.Substring(0, 300) + "… (" + json.Length + " chars)";

    /// <summary>NJsonSchema loaded with the vendor's request schema, and facts of that schema the predicates need.</summary>
    internal sealed class Reference
    {
        private static readonly Dictionary<string, Reference> s_cache = new(StringComparer.Ordinal);

        private readonly JsonSchema _schema;

        private Reference(JsonSchema schema, IReadOnlyList<string> declaredNames, IReadOnlyList<int> maxLengths, IReadOnlyList<string> dateTimeProperties, bool hasPatternWithDollar)
        {
            HasPatternWithDollar = hasPatternWithDollar;
            _schema = schema;
            DeclaredNames = declaredNames;
            MaxLengths = maxLengths;
            DateTimeProperties = dateTimeProperties;
        }

        public IReadOnlyList<string> DeclaredNames { get; }

        public IReadOnlyList<int> MaxLengths { get; }

        public IReadOnlyList<string> DateTimeProperties { get; }

        public bool HasPatternWithDollar { get; }

        public static Reference For(Vendor vendor)
        {
            lock (s_cache)
            {
                if (!s_cache.TryGetValue(vendor.Name, out Reference? reference))
                {
                    JsonObject document = OpenApiDocument.RequestSchema(vendor.SchemaFile, vendor.OperationId);
                    JsonSchema schema = JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();

                    // The body schema is a $ref to one definition; its date-time properties are at the top level.
                    string bodyName = ((string)document["$ref"]!).Substring("#/definitions/".Length);
                    JsonObject body = document["definitions"]![bodyName]!.AsObject();
                    string[] dateTimes = body["properties"]!.AsObject()
                        .Where(p => (string?)p.Value?["format"] == "date-time")
                        .Select(p => p.Key)
                        .ToArray();

                    bool dollar = OpenApiDocument.Patterns(document).Any(p => p.Contains('$', StringComparison.Ordinal));
                    reference = new Reference(schema, OpenApiDocument.DeclaredPropertyNames(document), OpenApiDocument.MaxLengths(document), dateTimes, dollar);
                    s_cache.Add(vendor.Name, reference);
                }

                return reference;
            }
        }

        /// <summary>NJsonSchema's answer; input its reader cannot read is invalid.</summary>
        public bool IsValid(string json)
        {
            try
            {
                return _schema.Validate(json).Count == 0;
            }
            catch (Newtonsoft.Json.JsonReaderException)
            {
                return false;
            }
        }
    }
}
