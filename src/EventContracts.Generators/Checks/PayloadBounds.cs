using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;

namespace EventContracts.Generators.Checks;

/// <summary>
/// The smallest and largest UTF-8 size of a value valid against a schema, as the generated
/// serializer writes it (compact JSON, non-ASCII escaped as <c>\uXXXX</c>). The largest is null
/// when the schema does not bound it (no <c>maxLength</c>, no <c>maxItems</c>, open objects).
/// </summary>
internal static class PayloadBounds
{
    // A code point outside the BMP is written as two \uXXXX escapes: 12 bytes.
    private const int MaxBytesPerCodePoint = 12;

    // decimal: up to 29 digits, a sign and a decimal point; long: 19 digits and a sign.
    private const int MaxNumberBytes = 31;
    private const int MaxIntegerBytes = 20;

    public static (long Min, long? Max) Of(IReadOnlyList<SchemaSpec> schemas, int schemaId, bool extraPropertiesKept)
        => Compute(schemas, schemaId, extraPropertiesKept, 0);

    private static (long Min, long? Max) Compute(IReadOnlyList<SchemaSpec> schemas, int schemaId, bool extraPropertiesKept, int depth)
    {
        var s = SchemaGraph.Resolve(schemas, schemaId);
        if (depth > 32)
        {
            return (1, null);
        }

        if (s.HasEnum || s.Const is not null)
        {
            var values = s.HasEnum ? s.Enum.ToList() : new List<string> { s.Const! };
            return (values.Min(v => (long)EncodedLength(v)), values.Max(v => (long)EncodedLength(v)));
        }

        var types = SchemaGraph.ValueTypes(schemas, schemaId);
        if (types == JsonTypeSet.None)
        {
            return (1, null);
        }

        long min = long.MaxValue;
        long? max = 0;
        foreach (var type in new[] { JsonTypeSet.Null, JsonTypeSet.Boolean, JsonTypeSet.Integer, JsonTypeSet.Number, JsonTypeSet.String, JsonTypeSet.Array, JsonTypeSet.Object })
        {
            if ((types & type) == 0)
            {
                continue;
            }

            var (lo, hi) = type switch
            {
                JsonTypeSet.Null => (4L, (long?)4),
                JsonTypeSet.Boolean => (4L, 5L),
                JsonTypeSet.Integer => (1L, IntegerBytes(s)),
                JsonTypeSet.Number => (1L, MaxNumberBytes),
                JsonTypeSet.String => (2L + (s.MinLength ?? 0), s.MaxLength is int ml ? 2L + ((long)ml * MaxBytesPerCodePoint) : null),
                JsonTypeSet.Array => ArrayBounds(schemas, s, extraPropertiesKept, depth),
                _ => ObjectBounds(schemas, s, extraPropertiesKept, depth),
            };
            min = Math.Min(min, lo);
            max = max is null || hi is null ? null : Math.Max(max.Value, hi.Value);
        }

        return (min == long.MaxValue ? 1 : min, max);
    }

    private static long? IntegerBytes(SchemaSpec s)
    {
        decimal? lo = Parse(s.Minimum) ?? Parse(s.ExclusiveMinimum);
        decimal? hi = Parse(s.Maximum) ?? Parse(s.ExclusiveMaximum);
        if (lo is null || hi is null)
        {
            return MaxIntegerBytes;
        }

        return Math.Max(Digits(lo.Value), Digits(hi.Value));
    }

    private static int Digits(decimal value) => decimal.Truncate(value).ToString(CultureInfo.InvariantCulture).Length;

    private static decimal? Parse(string? value)
        => value is not null && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) ? d : null;

    private static (long, long?) ArrayBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, bool extraPropertiesKept, int depth)
    {
        var item = s.ItemsId is int items ? Compute(schemas, items, extraPropertiesKept, depth + 1) : (1, null);
        int minItems = s.MinItems ?? 0;
        long min = 2 + (minItems * item.Item1) + Math.Max(0, minItems - 1);
        long? max = s.MaxItems is int maxItems && item.Item2 is long itemMax ? 2 + (maxItems * itemMax) + Math.Max(0, maxItems - 1) : null;
        return (min, max);
    }

    private static (long, long?) ObjectBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, bool extraPropertiesKept, int depth)
    {
        long min = 2;
        long? max = 2;
        int requiredCount = 0;
        foreach (var property in s.Properties)
        {
            var (lo, hi) = Compute(schemas, property.SchemaId, extraPropertiesKept, depth + 1);
            long key = EncodedLength(JsonText.Quote(property.JsonName)) + 1;
            if (s.Required.Contains(property.JsonName))
            {
                min += key + lo + (requiredCount > 0 ? 1 : 0);
                requiredCount++;
            }

            max = max is null || hi is null ? null : max + key + hi.Value + 1;
        }

        // One comma fewer than properties.
        if (max is not null && s.Properties.Count > 0)
        {
            max--;
        }

        bool open = !s.AdditionalPropertiesForbidden && (s.AdditionalPropertiesId is not null || extraPropertiesKept);
        return (min, open ? null : max);
    }

    /// <summary>Bytes of JSON text as the default encoder writes it: non-ASCII and HTML-sensitive characters escaped.</summary>
    private static int EncodedLength(string json)
    {
        int length = 0;
        foreach (char c in json)
        {
            length += c < 0x80 && c != '<' && c != '>' && c != '&' && c != '\'' && c != '+' && c != '`' ? 1 : 6;
        }

        return length;
    }
}
