using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using EventContracts.Tests.Support;
using EventContracts.Tests.Vendors;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Tests;

/// <summary>
/// Typed <c>Validate()</c> checks a record's CLR values without writing JSON; it must report exactly what
/// <c>ValidateJson</c> reports for the JSON the record is written as: the same errors, paths, keywords, messages and
/// order. Compared on every random payload of the differential generator that reads into a record.
/// </summary>
public class TypedValidationTests
{
    private const int PayloadsPerVendor = 10_000;

    private const int PlanPayloads = 40_000;

    private readonly ITestOutputHelper _output;

    public TypedValidationTests(ITestOutputHelper output) => _output = output;

    /// <summary>The five vendors.</summary>
    public static TheoryData<string> VendorNames() => new(Vendor.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Typed_Validate_reports_what_ValidateJson_reports_on_10000_random_records(string vendorName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        Gen<string> payloads = PayloadGenerator.For(vendor, DifferentialTests.Reference.For(vendor).DeclaredNames);
        var pcg = new PCG(7, 0x7E7E_0000UL + (ulong)vendorName.Length);

        int unreadable = 0, valid = 0, invalid = 0, nullNotWritable = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < PayloadsPerVendor; i++)
        {
            string json = payloads.Generate(pcg, null, out _);
            object record;
            try
            {
                record = vendor.Read(Encoding.UTF8.GetBytes(json));
            }
            catch (JsonException)
            {
                // Not the record's shape (a retyped member, say): there is no record to validate.
                unreadable++;
                continue;
            }

            // Every other record gets one member set to null: a value JSON cannot carry in a required member.
            string? nulled = i % 2 == 1 ? SetRandomMemberToNull(record, pcg) : null;
            ValidationResult typed = vendor.ValidateModel(record);
            byte[] body;
            try
            {
                body = vendor.Write(record);
            }
            catch (NullReferenceException)
            {
                // The serializer cannot write a null record, list or map member; typed validation reports its type.
                Assert.Contains(typed.Errors, e => e.Keyword == "type" && e.Message.EndsWith("but found null", StringComparison.Ordinal));
                nullNotWritable++;
                continue;
            }

            ValidationResult written = vendor.ValidateRequest(body);
            string[] expected = written.Errors.Select(e => e.ToString()).ToArray();
            string[] actual = typed.Errors.Select(e => e.ToString()).ToArray();
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add("#" + i + (nulled is null ? string.Empty : " (" + nulled + " = null)") + " json: [" + string.Join("; ", expected) + "] typed: [" + string.Join("; ", actual) + "] " + json);
            }

            if (written.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
        }

        string report = vendorName + ": " + PayloadsPerVendor + " payloads, " + unreadable + " not readable as a record, "
            + valid + " valid / " + invalid + " invalid records, " + nullNotWritable + " with a null the serializer cannot write, " + mismatches.Count + " mismatches"
            + string.Concat(mismatches.Take(5).Select(m => "\n  " + m));
        _output.WriteLine(report);
        Assert.True(mismatches.Count == 0, report);
        Assert.True(valid >= 500 && invalid >= 500, "the records must include valid and invalid ones: " + report);
    }

    [Fact]
    public void An_enum_value_outside_its_members_is_reported_instead_of_thrown()
    {
        var shape = ShapeSample.FromUtf8Json("{\"id\":\"abc\",\"count\":5,\"note\":null,\"child\":{\"name\":\"n\",\"age\":1},\"mode\":\"a\",\"level\":\"low\",\"flavours\":[\"sweet\"]}"u8);
        ValidationAssert.Valid(shape.Validate());

        // A cast makes a number no member has: there is no wire value to write, so typed validation says so.
        var cast = shape with
        {
            Mode = (ShapeSample.ModeKind)7,
            Level = (ShapeSample.LevelKind)9,
            Flavours = new[] { ShapeSample.FlavoursItemKind.Sweet, (ShapeSample.FlavoursItemKind)5 },
        };
        ValidationResult result = cast.Validate();
        Assert.Equal(new[] { "/mode enum", "/level enum", "/flavours enum" }, result.Errors.Select(e => e.Path + " " + e.Keyword));
        Assert.StartsWith("7 is not a member of ModeKind", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("5 is not a member of FlavoursItemKind", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => cast.ToUtf8Json());
    }

    // Candidate JSON values per property of Plans/typed-checks.yaml: mostly the right type, around every keyword's edge.
    private static readonly Dictionary<string, string[]> s_shapeValues = new(StringComparer.Ordinal)
    {
        ["id"] = new[] { "\"ab\"", "\"abc\"", "\"abcdefgh\"", "\"abcdefghi\"", "\"AB-c\"", "\"a-1\"", "\"é-é\"", "null" },
        ["count"] = new[] { "0", "1", "50", "100", "101", "-5" },
        ["amount"] = new[] { "0", "0.01", "0.005", "999.99", "1000", "1000.01", "12.3", "null" },
        ["mode"] = new[] { "\"a\"", "\"b\"", "\"c\"" },
        ["level"] = new[] { "\"low\"", "\"high\"" },
        ["note"] = new[] { "null", "\"\"", "\"abcde\"", "\"abcdef\"", "\"😀😀😀😀😀\"", "\"😀😀😀😀😀😀\"" },
        ["score"] = new[] { "null", "0", "-1", "7" },
        ["active"] = new[] { "true", "false", "null" },
        ["tags"] = new[] { "[]", "[\"a\"]", "[\"abcd\",\"abcde\"]", "[\"a\",\"b\",\"c\",\"d\"]", "[\"x\",null]" },
        ["unique_tags"] = new[] { "[\"a\",\"a\"]", "[\"a\",\"b\"]", "[]" },
        ["matrix"] = new[] { "[[1,2],[3]]", "[[1,2,3]]", "[[10]]", "[]", "[[]]" },
        ["attrs"] = new[] { "{}", "{\"a\":\"x\"}", "{\"A\":\"x\"}", "{\"a\":\"xxxx\"}", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}", "{\"a\":null}" },
        ["limits"] = new[] { "{\"x\":1}", "{\"x\":-1}", "{}" },
        ["blob"] = new[] { "{}", "{\"k\":\"" + new string('z', 50) + "\"}", "{\"k\":\"é\"}", "{\"a\":[1,2,3],\"b\":{\"c\":true}}", "{\"a\" : [ 1 , 2 ]}", "{\"k\":\"<>\"}" },
        ["extra"] = new[] { "\"ab\"", "\"abc\"", "12345", "[1,2,3]", "null", "{\"x\":1}", "\"\\u00e9\\u00e9\"" },
        ["child"] = new[] { "{\"name\":\"n\"}", "{\"name\":\"\",\"age\":1}", "{\"name\":\"n\",\"age\":-1}", "{\"name\":\"n\",\"kind\":\"adult\"}", "{\"name\":\"n\",\"kind\":\"child\",\"age\":3,\"x\":1}", "{\"age\":2}" },
        ["children"] = new[] { "[]", "[{\"name\":\"a\",\"age\":1},{\"name\":\"b\",\"age\":1},{\"name\":\"c\",\"age\":1}]", "[{\"name\":\"\"}]", "[null]" },
        ["choice"] = new[] { "\"s\"", "3", "true", "null", "1.5" },
        ["size_limited"] = new[] { "\"short\"", "\"exactly-10\"", "\"much too long text\"", "\"éé\"", "null" },
        ["first"] = new[] { "\"f\"", "null" },
        ["second"] = new[] { "\"s\"", "null" },
        // Its name is written escaped ("l\u00E4bel"); values land on both sides of the event's 80-byte limit.
        ["l\u00e4bel"] = new[] { "\"l\"", "\"" + new string('l', 38) + "\"", "\"" + new string('l', 39) + "\"", "\"" + new string('l', 51) + "\"", "\"" + new string('l', 52) + "\"", "\"" + new string('l', 60) + "\"" },
    };

    private static readonly string[] s_shapeNames =
    {
        "id", "count", "amount", "mode", "level", "note", "score", "active", "tags", "unique_tags", "matrix", "attrs", "limits",
        "blob", "extra", "child", "children", "choice", "size_limited",
    };

    [Fact]
    public void Typed_Validate_reports_what_ValidateJson_reports_for_every_plan_shape()
    {
        var random = new Random(20261123);
        int unreadable = 0, valid = 0, invalid = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < PlanPayloads; i++)
        {
            bool presence = i % 4 == 3;
            string json = RandomObject(random, presence ? new[] { "first", "second", "l\u00e4bel" } : s_shapeNames);
            object record;
            try
            {
                record = presence ? PresenceSample.FromUtf8Json(Encoding.UTF8.GetBytes(json)) : ShapeSample.FromUtf8Json(Encoding.UTF8.GetBytes(json));
            }
            catch (JsonException)
            {
                unreadable++;
                continue;
            }

            // Extra entries, one of them sometimes named like a declared property (its JSON would check it as that).
            if (random.Next(4) == 0)
            {
                string key = random.Next(2) == 0 ? "unknown" : presence ? "first" : "count";
                var extra = new Dictionary<string, JsonElement> { [key] = Json.Element(random.Next(2) == 0 ? "\"text\"" : "5") };
                record.GetType().GetProperty("AdditionalProperties")!.SetValue(record, extra);
            }

            if (random.Next(4) == 0)
            {
                SetRandomMemberToNull(record, new PCG((uint)i, 1));
            }

            ValidationResult typed, written;
            try
            {
                (typed, written) = record is ShapeSample shape
                    ? (shape.Validate(), ShapeSample.ValidateJson(shape.ToUtf8Json()))
                    : (((PresenceSample)record).Validate(), PresenceSample.ValidateJson(((PresenceSample)record).ToUtf8Json()));
            }
            catch (NullReferenceException)
            {
                // The serializer cannot write a null record, list or map member.
                unreadable++;
                continue;
            }

            string[] expected = written.Errors.Select(e => e.ToString()).ToArray();
            string[] actual = typed.Errors.Select(e => e.ToString()).ToArray();
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add("#" + i + " json: [" + string.Join("; ", expected) + "] typed: [" + string.Join("; ", actual) + "] " + Encoding.UTF8.GetString(record is ShapeSample s ? s.ToUtf8Json() : ((PresenceSample)record).ToUtf8Json()));
            }

            if (written.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
        }

        string report = PlanPayloads + " payloads, " + unreadable + " not readable or not writable, " + valid + " valid / " + invalid + " invalid records, "
            + mismatches.Count + " mismatches" + string.Concat(mismatches.Take(5).Select(m => "\n  " + m));
        _output.WriteLine(report);
        Assert.True(mismatches.Count == 0, report);
        Assert.True(valid >= 200 && invalid >= 2000, "the records must include valid and invalid ones: " + report);
    }

    private static string RandomObject(Random random, string[] names)
    {
        var members = new List<string>();
        foreach (string name in names)
        {
            // Required members are usually there; every member is left out sometimes.
            if (random.Next(5) > 0)
            {
                string[] values = s_shapeValues[name];
                members.Add("\"" + name + "\":" + values[random.Next(values.Length)]);
            }
        }

        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>Sets one nullable-at-run-time property of the record to null (init-only setters included); returns its name.</summary>
    private static string? SetRandomMemberToNull(object record, PCG pcg)
    {
        var properties = record.GetType().GetProperties()
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (properties.Length == 0)
        {
            return null;
        }

        var property = properties[(int)pcg.Next((uint)properties.Length)];
        property.SetValue(record, null);
        return property.Name;
    }
}
