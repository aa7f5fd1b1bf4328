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
/// when the schema does not bound it (no <c>maxLength</c>, no <c>maxItems</c>, an object without
/// <c>additionalProperties: false</c>, whose record keeps undeclared properties), and then
/// <see cref="Bounds.Unbounded"/> says where.
/// </summary>
internal static class PayloadBounds
{
    // A code point outside the BMP is written as two \uXXXX escapes: 12 bytes.
    private const int MaxBytesPerCodePoint = 12;

    // decimal: up to 29 digits, a sign and a decimal point; long: 19 digits and a sign.
    private const int MaxNumberBytes = 31;
    private const int MaxIntegerBytes = 20;

    /// <summary>The bounds of a value valid against the schema <paramref name="schemaId"/>.</summary>
    public static Bounds Of(IReadOnlyList<SchemaSpec> schemas, int schemaId) => Compute(schemas, schemaId, string.Empty, 0);

    private static Bounds Compute(IReadOnlyList<SchemaSpec> schemas, int schemaId, string path, int depth)
    {
        var s = SchemaGraph.Resolve(schemas, schemaId);
        if (depth > 32)
        {
            return new Bounds(1, null, Where(path) + " nests more than 32 levels deep (a recursive $ref)");
        }

        if (s.HasEnum || s.Const is not null)
        {
            var values = s.HasEnum ? s.Enum.ToList() : new List<string> { s.Const! };
            return new Bounds(values.Min(v => (long)EncodedLength(v)), values.Max(v => (long)EncodedLength(v)), null);
        }

        var types = SchemaGraph.ValueTypes(schemas, schemaId);
        if (types == JsonTypeSet.None)
        {
            return new Bounds(1, null, Where(path) + " allows any JSON value");
        }

        long min = long.MaxValue;
        long? max = 0;
        string? unbounded = null;
        foreach (var type in new[] { JsonTypeSet.Null, JsonTypeSet.Boolean, JsonTypeSet.Integer, JsonTypeSet.Number, JsonTypeSet.String, JsonTypeSet.Array, JsonTypeSet.Object })
        {
            if ((types & type) == 0)
            {
                continue;
            }

            var bounds = type switch
            {
                JsonTypeSet.Null => new Bounds(4, 4, null),
                JsonTypeSet.Boolean => new Bounds(4, 5, null),
                JsonTypeSet.Integer => new Bounds(1, IntegerBytes(s), null),
                JsonTypeSet.Number => new Bounds(1, MaxNumberBytes, null),
                JsonTypeSet.String => s.MaxLength is int ml
                    ? new Bounds(2L + (s.MinLength ?? 0), 2L + ((long)ml * MaxBytesPerCodePoint), null)
                    : new Bounds(2L + (s.MinLength ?? 0), null, Where(path) + " is a string without maxLength"),
                JsonTypeSet.Array => ArrayBounds(schemas, s, path, depth),
                _ => ObjectBounds(schemas, s, path, depth),
            };
            min = Math.Min(min, bounds.Min);
            max = max is null || bounds.Max is null ? null : Math.Max(max.Value, bounds.Max.Value);
            unbounded ??= bounds.Unbounded;
        }

        return new Bounds(min == long.MaxValue ? 1 : min, max, max is null ? unbounded : null);
    }

    private static string Where(string path) => path.Length == 0 ? "the properties object" : "'" + path + "'";

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

    private static Bounds ArrayBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, string path, int depth)
    {
        var item = s.ItemsId is int items ? Compute(schemas, items, path + "[]", depth + 1) : new Bounds(1, null, Where(path) + " has items of any JSON value");
        for (int i = 0; i < s.PrefixItems.Count; i++)
        {
            // Any item may be one of the prefix's: bound each item by the largest and smallest of them all.
            var prefix = Compute(schemas, s.PrefixItems[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
            item = new Bounds(Math.Min(item.Min, prefix.Min), item.Max is long a && prefix.Max is long b ? Math.Max(a, b) : null, item.Unbounded ?? prefix.Unbounded);
        }

        int minItems = s.MinItems ?? 0;
        long min = 2 + (minItems * item.Min) + Math.Max(0, minItems - 1);
        if (s.MaxItems is not int maxItems)
        {
            return new Bounds(min, null, Where(path) + " is an array without maxItems");
        }

        return item.Max is long itemMax ? new Bounds(min, 2 + (maxItems * itemMax) + Math.Max(0, maxItems - 1), null) : new Bounds(min, null, item.Unbounded);
    }

    private static Bounds ObjectBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, string path, int depth)
    {
        long min = 2;
        long? max = 2;
        string? unbounded = !s.PatternProperties.IsEmpty ? Where(path) + " has patternProperties"
            : s.AdditionalPropertiesForbidden ? null
            : Where(path) + " keeps undeclared properties, without additionalProperties: false";
        int requiredCount = 0;
        foreach (var property in s.Properties)
        {
            var bounds = Compute(schemas, property.SchemaId, path.Length == 0 ? property.JsonName : path + "." + property.JsonName, depth + 1);
            long key = EncodedLength(JsonText.Quote(property.JsonName)) + 1;
            if (s.Required.Contains(property.JsonName))
            {
                min += key + bounds.Min + (requiredCount > 0 ? 1 : 0);
                requiredCount++;
            }

            max = max is null || bounds.Max is null ? null : max + key + bounds.Max.Value + 1;
            unbounded ??= bounds.Unbounded;
        }

        // One comma fewer than properties.
        if (max is not null && s.Properties.Count > 0)
        {
            max--;
        }

        return unbounded is null ? new Bounds(min, max, null) : new Bounds(min, null, unbounded);
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

/// <summary>The smallest and largest size of a valid value, and what leaves it without a largest.</summary>
/// <param name="Min">The smallest size in bytes.</param>
/// <param name="Max">The largest size in bytes; null when unbounded.</param>
/// <param name="Unbounded">When <paramref name="Max"/> is null: the first part of the value that has no bound.</param>
internal readonly record struct Bounds(long Min, long? Max, string? Unbounded);
