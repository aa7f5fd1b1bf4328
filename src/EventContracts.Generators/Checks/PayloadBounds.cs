using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;

namespace EventContracts.Generators.Checks;

/// <summary>
/// The smallest and largest UTF-8 size of a value valid against a schema, as the generated
/// serializer writes it (compact JSON, non-ASCII escaped as <c>\uXXXX</c>). An object counts every
/// property its record has: its own and those its <c>$ref</c>/<c>allOf</c> parts and <c>anyOf</c>/<c>oneOf</c>
/// branches declare. The largest is null when the schema does not bound it (no <c>maxLength</c>, no
/// <c>maxItems</c>, an object without <c>additionalProperties: false</c>, whose record keeps undeclared
/// properties), and then <see cref="Bounds.Unbounded"/> says where.
/// </summary>
internal static class PayloadBounds
{
    // A code point outside the BMP is written as two \uXXXX escapes: 12 bytes.
    private const int MaxBytesPerCodePoint = 12;

    // decimal: up to 29 digits, a sign and a decimal point; long: 19 digits and a sign.
    private const int MaxNumberBytes = 31;
    private const int MaxIntegerBytes = 20;

    /// <summary>The bounds of a value valid against the schema <paramref name="schemaId"/>.</summary>
    public static Bounds Of(IReadOnlyList<SchemaSpec> schemas, int schemaId) => Compute(schemas, schemaId, string.Empty, new HashSet<int>());

    /// <param name="schemas">The contract's schemas.</param>
    /// <param name="schemaId">The schema of the value.</param>
    /// <param name="path">Where the value is in the properties, for the message.</param>
    /// <param name="enclosing">The schemas of the values that contain this one.</param>
    private static Bounds Compute(IReadOnlyList<SchemaSpec> schemas, int schemaId, string path, HashSet<int> enclosing)
    {
        var s = SchemaGraph.Resolve(schemas, schemaId);

        // A value that can contain itself has no largest size; and walking it again level after level would repeat the
        // work once per property (or branch) that recurs, at every level.
        if (enclosing.Contains(s.Id))
        {
            return new Bounds(1, null, Where(path) + " can contain itself (a recursive $ref)");
        }

        if (enclosing.Count > 32)
        {
            return new Bounds(1, null, Where(path) + " nests more than 32 levels deep");
        }

        enclosing.Add(s.Id);
        var bounds = ComputeCore(schemas, s, schemaId, path, enclosing);
        enclosing.Remove(s.Id);
        return bounds;
    }

    private static Bounds ComputeCore(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, int schemaId, string path, HashSet<int> enclosing)
    {

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

        // A value of more than one kind (type: [number, string]) is held as a JsonElement, which keeps a number's text as
        // it was read: any number of digits (1.000...0 stays within any bounds). A decimal or long member writes at most
        // 31 or 20 bytes.
        var kinds = types & ~JsonTypeSet.Null;
        if ((kinds & JsonTypeSet.Number) != 0)
        {
            kinds &= ~JsonTypeSet.Integer;
        }

        bool heldAsJson = (kinds & (kinds - 1)) != 0;
        var numberAsText = new Bounds(1, null, Where(path) + " is a number kept as its JSON text (a value of more than one type), whose digits nothing bounds");

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
                JsonTypeSet.Integer => heldAsJson ? numberAsText : new Bounds(1, IntegerBytes(s), null),
                JsonTypeSet.Number => heldAsJson ? numberAsText : new Bounds(1, MaxNumberBytes, null),
                JsonTypeSet.String => s.MaxLength is int ml
                    ? new Bounds(2L + (s.MinLength ?? 0), 2L + ((long)ml * MaxBytesPerCodePoint), null)
                    : new Bounds(2L + (s.MinLength ?? 0), null, Where(path) + " is a string without maxLength"),
                JsonTypeSet.Array => ArrayBounds(schemas, s, path, enclosing),
                _ => ObjectBounds(schemas, s, path, enclosing),
            };
            min = Math.Min(min, bounds.Min);
            max = max is null || bounds.Max is null ? null : Math.Max(max.Value, bounds.Max.Value);
            unbounded ??= bounds.Unbounded;
        }

        // A value valid here is valid against every allOf part and one anyOf/oneOf branch too: a bounded part bounds it,
        // and so do branches that are all bounded (a oneOf of consts, each with its description, is an enum). Only for
        // values that cannot be containers: an object's or array's bounds already walk its parts and branches, and walking
        // them again here at every level would double the work per level of nesting.
        if (max is null && (types & (JsonTypeSet.Object | JsonTypeSet.Array)) == 0)
        {
            max = CombinatorMax(schemas, s, path, enclosing);
        }

        return new Bounds(min == long.MaxValue ? 1 : min, max, max is null ? unbounded : null);
    }

    private static long? CombinatorMax(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, string path, HashSet<int> enclosing)
    {
        long? max = null;
        foreach (int part in s.AllOf)
        {
            if (Compute(schemas, part, path, enclosing).Max is long m)
            {
                max = max is null ? m : Math.Min(max.Value, m);
            }
        }

        foreach (var branches in new[] { s.AnyOf, s.OneOf })
        {
            if (branches.IsEmpty)
            {
                continue;
            }

            long? widest = 0;
            foreach (int branch in branches)
            {
                widest = Compute(schemas, branch, path, enclosing).Max is long m && widest is long w ? Math.Max(w, m) : null;
            }

            if (widest is long bound)
            {
                max = max is null ? bound : Math.Min(max.Value, bound);
            }
        }

        return max;
    }

    /// <summary>A size for a message: past 2^62 bytes (sizes saturate), "more than 4611686018427387904".</summary>
    public static string Text(long bytes)
        => bytes >= 1L << 62 ? "more than " + (1L << 62).ToString(CultureInfo.InvariantCulture) : bytes.ToString(CultureInfo.InvariantCulture);

    // Sizes saturate at long.MaxValue: nested arrays with large maxItems would wrap around and look small.
    private static long Sum(long a, long b, long c)
    {
        long ab = a > long.MaxValue - b ? long.MaxValue : a + b;
        return ab > long.MaxValue - c ? long.MaxValue : ab + c;
    }

    private static long Product(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

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

    private static Bounds ArrayBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, string path, HashSet<int> enclosing)
    {
        var item = s.ItemsId is int items ? Compute(schemas, items, path + "[]", enclosing) : new Bounds(1, null, Where(path) + " has items of any JSON value");
        for (int i = 0; i < s.PrefixItems.Count; i++)
        {
            // Any item may be one of the prefix's: bound each item by the largest and smallest of them all.
            var prefix = Compute(schemas, s.PrefixItems[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", enclosing);
            item = new Bounds(Math.Min(item.Min, prefix.Min), item.Max is long a && prefix.Max is long b ? Math.Max(a, b) : null, item.Unbounded ?? prefix.Unbounded);
        }

        int minItems = s.MinItems ?? 0;
        long min = Sum(2, Product(minItems, item.Min), Math.Max(0, minItems - 1));
        if (s.MaxItems is not int maxItems)
        {
            return new Bounds(min, null, Where(path) + " is an array without maxItems");
        }

        return item.Max is long itemMax ? new Bounds(min, Sum(2, Product(maxItems, itemMax), Math.Max(0, maxItems - 1)), null) : new Bounds(min, null, item.Unbounded);
    }

    private static Bounds ObjectBounds(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, string path, HashSet<int> enclosing)
    {
        long min = 2;
        long? max = 2;
        string? unbounded = !s.PatternProperties.IsEmpty ? Where(path) + " has patternProperties"
            : s.AdditionalPropertiesForbidden || SchemaGraph.UnevaluatedAsAdditional(s)?.UnevaluatedPropertiesForbidden == true ? null
            : Where(path) + " keeps undeclared properties, without additionalProperties: false";
        int requiredCount = 0;
        var (properties, required) = Declared(schemas, s);
        foreach (var property in properties)
        {
            var bounds = PropertyBounds(schemas, property, path.Length == 0 ? property.JsonName : path + "." + property.JsonName, enclosing);
            long key = EncodedLength(JsonText.Quote(property.JsonName)) + 1;
            if (required.Contains(property.JsonName))
            {
                min = Sum(min, key, Sum(bounds.Min, requiredCount > 0 ? 1 : 0, 0));
                requiredCount++;
            }

            max = max is null || bounds.Max is null ? null : Sum(max.Value, key, Sum(bounds.Max.Value, 1, 0));
            unbounded ??= bounds.Unbounded;
        }

        // One comma fewer than properties.
        if (max is not null && properties.Count > 0)
        {
            max--;
        }

        return unbounded is null ? new Bounds(min, max, null) : new Bounds(min, null, unbounded);
    }

    /// <summary>
    /// The bounds of a property declared in one or more places. A value satisfies every declaration of the object's own,
    /// <c>$ref</c> and <c>allOf</c> parts, so the tightest of those bounds it; declared only in <c>anyOf</c>/<c>oneOf</c>
    /// branches, it satisfies one branch's, so the loosest does.
    /// </summary>
    private static Bounds PropertyBounds(IReadOnlyList<SchemaSpec> schemas, DeclaredProperty property, string path, HashSet<int> enclosing)
    {
        bool inParts = property.Parts.Count > 0;
        long min = inParts ? long.MinValue : long.MaxValue;
        long? max = null;
        string? unbounded = null;
        bool anyUnbounded = false;
        foreach (int id in inParts ? property.Parts : property.Branches)
        {
            var bounds = Compute(schemas, id, path, enclosing);
            min = inParts ? Math.Max(min, bounds.Min) : Math.Min(min, bounds.Min);
            if (bounds.Max is long m)
            {
                max = max is null ? m : inParts ? Math.Min(max.Value, m) : Math.Max(max.Value, m);
            }
            else
            {
                anyUnbounded = true;
                unbounded ??= bounds.Unbounded;
            }
        }

        // One unbounded branch leaves the property unbounded; one bounded part bounds it.
        if (!inParts && anyUnbounded)
        {
            max = null;
        }

        return new Bounds(min, max, max is null ? unbounded : null);
    }

    /// <summary>
    /// The properties an object's record has, as <see cref="TypeModelBuilder"/> collects them: the object's own, those of
    /// its <c>$ref</c> and <c>allOf</c> parts (whose <c>required</c> names count), and those of <c>anyOf</c>/<c>oneOf</c>
    /// branches, <c>then</c>/<c>else</c> and <c>dependentSchemas</c> at any of these levels (never required: a branch may
    /// not apply); each with the schemas that declare it.
    /// </summary>
    private static (List<DeclaredProperty> Properties, HashSet<string> Required) Declared(IReadOnlyList<SchemaSpec> schemas, SchemaSpec root)
    {
        var properties = new List<DeclaredProperty>();
        var byName = new Dictionary<string, DeclaredProperty>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<(int, bool)>();
        Collect(root, branch: false);
        return (properties, required);

        void Collect(SchemaSpec schema, bool branch)
        {
            // A schema seen in a branch is seen again as a part, whose declarations and required names count as such.
            if (visited.Contains((schema.Id, false)) || !visited.Add((schema.Id, branch)))
            {
                return;
            }

            foreach (var property in schema.Properties)
            {
                if (!byName.TryGetValue(property.JsonName, out var declared))
                {
                    byName[property.JsonName] = declared = new DeclaredProperty(property.JsonName);
                    properties.Add(declared);
                }

                var ids = branch ? declared.Branches : declared.Parts;
                int id = SchemaGraph.Resolve(schemas, property.SchemaId).Id;
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }

            if (!branch)
            {
                required.UnionWith(schema.Required);
            }

            if (schema.RefId is int target)
            {
                Collect(SchemaGraph.Resolve(schemas, target), branch);
            }

            foreach (int part in schema.AllOf)
            {
                Collect(SchemaGraph.Resolve(schemas, part), branch);
            }

            // Subschemas that apply only to some values: anyOf/oneOf branches, then/else and dependentSchemas.
            var conditional = schema.Assertions?.ConditionalChildren() ?? Enumerable.Empty<int>();
            foreach (int alternative in schema.AnyOf.Concat(schema.OneOf).Concat(conditional))
            {
                Collect(SchemaGraph.Resolve(schemas, alternative), branch: true);
            }
        }
    }

    /// <summary>A property of an object's record and the schemas that declare it, in parts and in branches.</summary>
    private sealed class DeclaredProperty
    {
        public DeclaredProperty(string jsonName) => JsonName = jsonName;

        public string JsonName { get; }

        public List<int> Parts { get; } = new();

        public List<int> Branches { get; } = new();
    }

    /// <summary>
    /// Bytes of JSON text (as <see cref="JsonText"/> writes it) as the default encoder writes it: non-ASCII (DEL
    /// included) and HTML-sensitive characters escaped as <c>\uXXXX</c>, and so is a quote inside a string, which the
    /// text has as <c>\"</c> and the serializer writes as <c>\u0022</c>.
    /// </summary>
    private static int EncodedLength(string json)
    {
        int length = 0;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (c == '\\' && i + 1 < json.Length)
            {
                // An escape of the text: \" is written \u0022; \\, \n and the others as they are (\uXXXX: its digits follow).
                length += json[++i] == '"' ? 6 : 2;
                continue;
            }

            length += c < 0x7F && c != '<' && c != '>' && c != '&' && c != '\'' && c != '+' && c != '`' ? 1 : 6;
        }

        return length;
    }
}

/// <summary>The smallest and largest size of a valid value, and what leaves it without a largest.</summary>
/// <param name="Min">The smallest size in bytes.</param>
/// <param name="Max">The largest size in bytes; null when unbounded.</param>
/// <param name="Unbounded">When <paramref name="Max"/> is null: the first part of the value that has no bound.</param>
internal readonly record struct Bounds(long Min, long? Max, string? Unbounded);
