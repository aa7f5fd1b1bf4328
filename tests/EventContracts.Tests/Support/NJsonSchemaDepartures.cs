using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation.FormatValidators;

namespace EventContracts.Tests.Support;

/// <summary>
/// The places where NJsonSchema 11.6.2 gives a different answer than the JSON Schema specification (and the
/// EventContracts extensions) for the vendor request schemas. A generated payload that falls in a category is left
/// out of the NJsonSchema comparison (and counted); each category has a named test in <c>DifferentialTests</c> that
/// asserts the specification's answer.
/// </summary>
public static class NJsonSchemaDepartures
{
    /// <summary><c>x-ec-max-bytes</c> is an EventContracts extension; NJsonSchema ignores it.</summary>
    public const string MaxBytes = "x-ec-max-bytes (unknown to NJsonSchema)";

    /// <summary>NJsonSchema ignores <c>propertyNames</c> (it only knows draft 4 keywords and <c>patternProperties</c>).</summary>
    public const string PropertyNames = "propertyNames (ignored by NJsonSchema)";

    /// <summary>NJsonSchema counts <c>maxLength</c> in UTF-16 code units (<c>string.Length</c>); JSON Schema counts code points.</summary>
    public const string MaxLengthUtf16 = "maxLength in UTF-16 units (NJsonSchema) vs code points";

    /// <summary>NJsonSchema runs <c>pattern</c> as a .NET regex, whose <c>$</c> also matches before a final "\n"; ECMA-262's does not.</summary>
    public const string DollarBeforeNewline = "pattern '$' before a final newline (.NET regex)";

    /// <summary>NJsonSchema's <c>date-time</c> accepts ISO 8601 forms RFC 3339 does not (and impossible dates); see <see cref="SpecOracles.IsRfc3339DateTime"/>.</summary>
    public const string DateTime = "date-time accepted by NJsonSchema but not RFC 3339 (or the reverse)";

    private static readonly DateTimeFormatValidator s_njsDateTime = new();

    /// <summary>Which departures a payload falls in, and whether the specification's answer is decided by them alone.</summary>
    /// <param name="vendor">The vendor contract.</param>
    /// <param name="payload">The parsed payload.</param>
    /// <param name="maxLengths">Every <c>maxLength</c> in the vendor's schema.</param>
    /// <param name="dateTimeProperties">The top-level properties with <c>format: date-time</c>.</param>
    /// <returns>The categories, and <see langword="true"/> when one of them alone makes the payload invalid by the specification.</returns>
    /// <param name="hasPatternWithDollar">Whether the vendor's schema has a <c>pattern</c> (or <c>propertyNames</c> pattern) that uses <c>$</c>.</param>
    public static (IReadOnlyList<string> Categories, bool SpecInvalid) Of(Vendor vendor, JsonNode? payload, IReadOnlyList<int> maxLengths, IReadOnlyList<string> dateTimeProperties, bool hasPatternWithDollar)
    {
        var categories = new List<string>();
        bool specInvalid = false;

        // x-ec-max-bytes: PushEngage data (4,000) and the whole Customer.io call (32,000), on the compact serialization.
        JsonNode? bounded = vendor.Name switch
        {
            "PushEngage" => (payload as JsonObject)?["data"] is JsonObject data ? data : null,
            "CustomerIo" => payload as JsonObject,
            _ => null,
        };
        int limit = vendor.Name == "PushEngage" ? 4000 : 32000;
        if (bounded is not null && Payloads.CompactSize(JsonSerializer.SerializeToElement(bounded)) > limit)
        {
            categories.Add(MaxBytes);
            specInvalid = true;
        }

        if (vendor.Name == "PushEngage" && (payload as JsonObject)?["data"] is JsonObject keys && keys.Any(k => !SpecOracles.IsPushEngageDataKey(k.Key)))
        {
            categories.Add(PropertyNames);
            specInvalid = true;
        }

        bool utf16 = false, newline = false;
        Visit(payload, s =>
        {
            int units = s.Length, points = SpecOracles.CodePoints(s);
            utf16 |= units != points && maxLengths.Any(m => points <= m && m < units);
            newline |= hasPatternWithDollar && s.EndsWith('\n');
        });
        if (utf16)
        {
            categories.Add(MaxLengthUtf16);
        }

        if (newline)
        {
            categories.Add(DollarBeforeNewline);
        }

        if (payload is JsonObject root)
        {
            foreach (string name in dateTimeProperties)
            {
                if (root[name] is JsonValue value && value.TryGetValue(out string? text))
                {
                    bool spec = SpecOracles.IsRfc3339DateTime(text);
                    if (spec != NJsonSchemaAcceptsDateTime(text))
                    {
                        categories.Add(DateTime);
                        specInvalid |= !spec;
                        break;
                    }
                }
            }
        }

        return (categories, specInvalid);
    }

    /// <summary>NJsonSchema's own <c>date-time</c> check, as its validator calls it for a JSON string.</summary>
    public static bool NJsonSchemaAcceptsDateTime(string value) => s_njsDateTime.IsValid(value, JTokenType.String);

    /// <summary>Calls <paramref name="visit"/> for every string value and every property name in a JSON tree.</summary>
    public static void Visit(JsonNode? node, Action<string> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    visit(pair.Key);
                    Visit(pair.Value, visit);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Visit(item, visit);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                visit(value.GetValue<string>());
                break;
        }
    }
}
