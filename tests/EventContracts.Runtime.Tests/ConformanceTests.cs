using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// Data-driven cases in Conformance/*.json (written for this project from the JSON Schema 2020-12 specification),
/// run through <see cref="SchemaInterpreter"/>, a small validator built on <see cref="ValidationContext"/> the way
/// generated code uses it. Each case may list the expected errors as "path keyword".
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Conformance"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            int group = 0;
            foreach (JsonElement g in document.RootElement.EnumerateArray())
            {
                int test = 0;
                foreach (JsonElement _ in g.GetProperty("tests").EnumerateArray())
                {
                    data.Add(Path.GetFileName(file), group + ": " + g.GetProperty("description").GetString(), test);
                    test++;
                }

                group++;
            }
        }

        return data;
    }

    [Fact]
    public void There_are_enough_cases() => Assert.True(Cases().Count() >= 150, Cases().Count().ToString(CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string file, string group, int test)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", file)));
        int groupIndex = int.Parse(group.Substring(0, group.IndexOf(':')), CultureInfo.InvariantCulture);
        JsonElement g = document.RootElement[groupIndex];
        JsonElement schema = g.GetProperty("schema");
        JsonElement testCase = g.GetProperty("tests")[test];
        string description = testCase.GetProperty("description").GetString()!;
        bool valid = testCase.GetProperty("valid").GetBoolean();
        byte[] data = Encoding.UTF8.GetBytes(testCase.GetProperty("data").GetRawText());

        ValidationResult result = SchemaInterpreter.Validate(schema, data);
        Assert.True(valid == result.IsValid, description + ": " + result);
        if (testCase.TryGetProperty("errors", out JsonElement errors))
        {
            string[] expected = errors.EnumerateArray().Select(e => e.GetString()!).ToArray();
            string[] actual = result.Errors.Select(e => e.Path + " " + e.Keyword).ToArray();
            Assert.True(expected.SequenceEqual(actual), description + ": expected [" + string.Join(", ", expected) + "] but got [" + string.Join(", ", actual) + "]\n" + result);
        }

        if (ModelMode.TryValidate(schema, testCase.GetProperty("data"), out bool modelValid))
        {
            Assert.True(valid == modelValid, description + " (model mode)");
        }
    }
}

/// <summary>A tiny JSON Schema interpreter over <see cref="ValidationContext"/>, shaped like generated validators.</summary>
internal static class SchemaInterpreter
{
    public static ValidationResult Validate(JsonElement schema, byte[] utf8Json)
    {
        var ctx = new ValidationContext(utf8Json);
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                ctx.AddError("json", "the input is empty");
            }
            else
            {
                Value(schema, ref reader, ref ctx);
                ctx.CheckEndOfInput(ref reader);
            }

            return ctx.ToResult();
        }
        catch (JsonException ex)
        {
            ctx.ReportInvalidJson(ex);
            return ctx.ToResult();
        }
        finally
        {
            ctx.Dispose();
        }
    }

    /// <summary>Validates the value at the reader; leaves the reader on the value's last token.</summary>
    private static void Value(JsonElement schema, ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            ctx.AddError("false", "no value is allowed here");
            reader.Skip();
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            reader.Skip();
            return;
        }

        Utf8JsonReader start = reader;
        if (schema.TryGetProperty("type", out JsonElement type))
        {
            ctx.CheckType(ref reader, Types(type));
        }

        if (Rules.String(schema) is StringRule stringRule)
        {
            ctx.CheckString(ref reader, stringRule);
        }

        if (Rules.Number(schema) is NumberRule numberRule)
        {
            ctx.CheckNumber(ref reader, numberRule);
        }

        if (schema.TryGetProperty("enum", out JsonElement values))
        {
            ctx.CheckEnum(ref reader, new EnumRule("enum", values.EnumerateArray().Select(v => v.GetRawText()).ToArray()));
        }

        if (schema.TryGetProperty("const", out JsonElement constant))
        {
            ctx.CheckConst(ref reader, new EnumRule("const", constant.GetRawText()));
        }

        if (schema.TryGetProperty("allOf", out JsonElement allOf))
        {
            foreach (JsonElement alternative in allOf.EnumerateArray())
            {
                Utf8JsonReader copy = start;
                Value(alternative, ref copy, ref ctx);
            }
        }

        foreach (string keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out JsonElement alternatives))
            {
                int matched = 0;
                foreach (JsonElement alternative in alternatives.EnumerateArray())
                {
                    Utf8JsonReader copy = start;
                    int token = ctx.BeginProbe();
                    Value(alternative, ref copy, ref ctx);
                    matched += ctx.EndProbe(token) ? 1 : 0;
                }

                if (keyword == "anyOf" ? matched == 0 : matched != 1)
                {
                    ctx.ReportCombinator(keyword, matched);
                }
            }
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            Object(schema, ref reader, ref ctx);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            Array(schema, ref reader, ref ctx);
        }
    }

    private static void Object(JsonElement schema, ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        schema.TryGetProperty("properties", out JsonElement properties);
        bool hasAdditional = schema.TryGetProperty("additionalProperties", out JsonElement additional);
        StringRule? names = schema.TryGetProperty("propertyNames", out JsonElement propertyNames) ? Rules.String(propertyNames) : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            string name = reader.GetString()!;
            seen.Add(name);
            bool known = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out _);
            if (!known && hasAdditional && additional.ValueKind == JsonValueKind.False)
            {
                ctx.ReportAdditionalProperty(ref reader);
                reader.Read();
                reader.Skip();
                continue;
            }

            ctx.PushProperty(ref reader);
            if (names is not null)
            {
                ctx.CheckString(ref reader, names);
            }

            reader.Read();
            if (known)
            {
                Value(properties.GetProperty(name), ref reader, ref ctx);
            }
            else if (hasAdditional)
            {
                Value(additional, ref reader, ref ctx);
            }
            else
            {
                reader.Skip();
            }

            ctx.Pop();
        }

        int? min = schema.TryGetProperty("minProperties", out JsonElement m1) ? m1.GetInt32() : null;
        int? max = schema.TryGetProperty("maxProperties", out JsonElement m2) ? m2.GetInt32() : null;
        if (min is not null || max is not null)
        {
            ctx.CheckPropertyCount(count, min, max);
        }

        if (schema.TryGetProperty("required", out JsonElement required))
        {
            foreach (JsonElement r in required.EnumerateArray())
            {
                if (!seen.Contains(r.GetString()!))
                {
                    ctx.ReportMissing(r.GetString()!);
                }
            }
        }
    }

    private static void Array(JsonElement schema, ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        if (schema.TryGetProperty("uniqueItems", out JsonElement unique) && unique.ValueKind == JsonValueKind.True)
        {
            ctx.CheckUniqueItems(ref reader);
        }

        bool hasItems = schema.TryGetProperty("items", out JsonElement items);
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ctx.PushIndex(index++);
            if (hasItems)
            {
                Value(items, ref reader, ref ctx);
            }
            else
            {
                reader.Skip();
            }

            ctx.Pop();
        }

        int? min = schema.TryGetProperty("minItems", out JsonElement m1) ? m1.GetInt32() : null;
        int? max = schema.TryGetProperty("maxItems", out JsonElement m2) ? m2.GetInt32() : null;
        if (min is not null || max is not null)
        {
            ctx.CheckItemCount(index, min, max);
        }
    }

    private static JsonTypes Types(JsonElement type)
    {
        JsonTypes types = JsonTypes.None;
        IEnumerable<JsonElement> names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray() : new[] { type };
        foreach (JsonElement name in names)
        {
            types |= name.GetString() switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "string" => JsonTypes.String,
                "integer" => JsonTypes.Integer,
                _ => throw new InvalidOperationException("unknown type"),
            };
        }

        return types;
    }
}

/// <summary>Builds rules from schema keywords.</summary>
internal static class Rules
{
    public static StringRule? String(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        int? minLength = schema.TryGetProperty("minLength", out JsonElement a) ? a.GetInt32() : null;
        int? maxLength = schema.TryGetProperty("maxLength", out JsonElement b) ? b.GetInt32() : null;
        string? pattern = schema.TryGetProperty("pattern", out JsonElement c) ? c.GetString() : null;
        string? format = schema.TryGetProperty("format", out JsonElement d) ? d.GetString() : null;
        return minLength is null && maxLength is null && pattern is null && format is null ? null : new StringRule(minLength, maxLength, pattern, format);
    }

    public static NumberRule? Number(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        decimal? Get(string name) => schema.TryGetProperty(name, out JsonElement e) ? decimal.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        decimal? minimum = Get("minimum");
        decimal? maximum = Get("maximum");
        decimal? exclusiveMinimum = Get("exclusiveMinimum");
        decimal? exclusiveMaximum = Get("exclusiveMaximum");
        decimal? multipleOf = Get("multipleOf");
        return minimum is null && maximum is null && exclusiveMinimum is null && exclusiveMaximum is null && multipleOf is null
            ? null
            : new NumberRule(minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf);
    }
}

/// <summary>Runs the same scalar cases through the model-mode overloads, where the schema only has scalar keywords.</summary>
internal static class ModelMode
{
    private static readonly HashSet<string> Scalar = new(StringComparer.Ordinal)
    {
        "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "enum", "const",
    };

    public static bool TryValidate(JsonElement schema, JsonElement data, out bool valid)
    {
        valid = false;
        if (schema.ValueKind != JsonValueKind.Object || schema.EnumerateObject().Any(p => !Scalar.Contains(p.Name)))
        {
            return false;
        }

        StringRule? stringRule = Rules.String(schema);
        NumberRule? numberRule = Rules.Number(schema);
        EnumRule? enumRule = schema.TryGetProperty("enum", out JsonElement values)
            ? new EnumRule("enum", values.EnumerateArray().Select(v => v.GetRawText()).ToArray())
            : schema.TryGetProperty("const", out JsonElement constant) ? new EnumRule("const", constant.GetRawText()) : null;

        var ctx = new ValidationContext(default);
        try
        {
            switch (data.ValueKind)
            {
                case JsonValueKind.String:
                    string text = data.GetString()!;
                    if (stringRule is not null)
                    {
                        ctx.CheckString(text, stringRule);
                    }

                    if (enumRule is not null)
                    {
                        ctx.CheckEnum(text, enumRule);
                        ctx.CheckEnum(data, enumRule);
                    }

                    break;
                case JsonValueKind.Number:
                    string raw = data.GetRawText();
                    if (raw.Replace("-", "").Replace(".", "").TrimStart('0').Length > 28 || !decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) || (number == 0 && raw.Trim('-', '0', '.').Length > 0 && !raw.Contains('e')))
                    {
                        return false;
                    }

                    if (numberRule is not null)
                    {
                        ctx.CheckNumber(number, numberRule);
                    }

                    if (enumRule is not null)
                    {
                        ctx.CheckEnum(number, enumRule);
                        ctx.CheckEnum(data, enumRule);
                    }

                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    if (enumRule is not null)
                    {
                        ctx.CheckEnum(data.GetBoolean(), enumRule);
                    }

                    break;
                default:
                    if (enumRule is null)
                    {
                        return false;
                    }

                    if (data.ValueKind == JsonValueKind.Null)
                    {
                        ctx.CheckEnum((string?)null, enumRule);
                    }

                    ctx.CheckEnum(data, enumRule);
                    break;
            }

            // each overload ran at most twice for one keyword family; validity is what is compared
            valid = !ctx.HasErrors;
            return true;
        }
        finally
        {
            ctx.Dispose();
        }
    }
}
