using System.Collections.Generic;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>Questions about the schema graph that both type mapping and destination checks ask.</summary>
internal static class SchemaGraph
{
    /// <summary>Follows <c>$ref</c> and single-member <c>allOf</c> wrappers that add no shape of their own.</summary>
    public static SchemaSpec Resolve(IReadOnlyList<SchemaSpec> schemas, int schemaId)
    {
        var schema = schemas[schemaId];
        for (int guard = 0; guard < 64 && ResolvesTo(schema) is int next; guard++)
        {
            schema = schemas[next];
        }

        return schema;
    }

    /// <summary>
    /// The schemas <see cref="Resolve"/> passes through, <paramref name="schemaId"/>'s first and the resolved one last:
    /// a wrapper (a <c>$ref</c> or a lone <c>allOf</c> part) can carry keywords of its own beside it.
    /// </summary>
    public static List<SchemaSpec> ResolutionChain(IReadOnlyList<SchemaSpec> schemas, int schemaId)
    {
        var chain = new List<SchemaSpec> { schemas[schemaId] };
        for (int guard = 0; guard < 64 && ResolvesTo(chain[chain.Count - 1]) is int next; guard++)
        {
            chain.Add(schemas[next]);
        }

        return chain;
    }

    /// <summary>The schema a shapeless wrapper stands for (its <c>$ref</c>, or its one <c>allOf</c> part); null for any other.</summary>
    private static int? ResolvesTo(SchemaSpec schema)
    {
        int? next = schema.RefId is int target && !HasShape(schema) && schema.AllOf.IsEmpty ? target
            : schema.RefId is null && schema.AllOf.Count == 1 && !HasShape(schema) ? schema.AllOf[0]
            : null;
        return next == schema.Id ? null : next;
    }

    /// <summary>
    /// The schema whose validator does all of this one's work, when this one is only a <c>$ref</c> or a
    /// one-branch <c>allOf</c>: its validator delegates, so a value is read once, not twice.
    /// </summary>
    public static int? DelegateTarget(SchemaSpec s)
    {
        bool onlyPointer = s.Types == JsonTypeSet.None && !s.HasEnum && s.Const is null && !s.HasStringRule && !s.HasNumberRule
            && !s.HasObjectKeywords && !s.HasArrayKeywords && s.MaxBytes is null && s.AnyOf.IsEmpty && s.OneOf.IsEmpty && s.Assertions is null;
        if (!onlyPointer)
        {
            return null;
        }

        if (s.RefId is int target && s.AllOf.IsEmpty)
        {
            return target;
        }

        return s.RefId is null && s.AllOf.Count == 1 ? s.AllOf[0] : null;
    }

    /// <summary>
    /// The required-name lists of the branches when every branch of an object schema's combinator
    /// only says which properties must be present (and the schema itself only accepts objects): such
    /// a combinator is decided from the object walk's own bookkeeping. Otherwise null, and the
    /// branches are validated by probing.
    /// </summary>
    public static List<EquatableArray<string>>? PresenceBranches(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, EquatableArray<int> branches)
    {
        if (branches.IsEmpty || s.Types != JsonTypeSet.Object || !s.HasObjectKeywords)
        {
            return null;
        }

        var result = new List<EquatableArray<string>>();
        foreach (int id in branches)
        {
            var b = Resolve(schemas, id);
            bool onlyRequired = !b.AlwaysFails && (b.Types is JsonTypeSet.None or JsonTypeSet.Object) && !b.Required.IsEmpty
                && b.Properties.IsEmpty && b.PatternProperties.IsEmpty && b.AdditionalPropertiesId is null && !b.AdditionalPropertiesForbidden && b.PropertyNamesId is null
                && b.MinProperties is null && b.MaxProperties is null && !b.HasEnum && b.Const is null && !b.HasStringRule && !b.HasNumberRule
                && !b.HasArrayKeywords && b.AllOf.IsEmpty && b.AnyOf.IsEmpty && b.OneOf.IsEmpty && b.RefId is null && b.MaxBytes is null
                && b.Assertions is null;
            if (!onlyRequired)
            {
                return null;
            }

            result.Add(b.Required);
        }

        return result;
    }

    /// <summary>
    /// Pushes the schemas whose validators the validator of <paramref name="s"/> calls: properties,
    /// items, additional properties, property names, <c>$ref</c>, combinator branches and assertions, except
    /// branches decided by presence bookkeeping (<see cref="PresenceBranches"/>), which need no validator.
    /// </summary>
    public static void PushValidatorChildren(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, Stack<int> children)
    {
        foreach (var p in s.Properties)
        {
            children.Push(p.SchemaId);
        }

        foreach (var p in s.PatternProperties)
        {
            children.Push(p.SchemaId);
        }

        Push(s.AdditionalPropertiesId, children);
        Push(s.PropertyNamesId, children);
        foreach (int id in s.PrefixItems)
        {
            children.Push(id);
        }

        Push(s.ItemsId, children);
        Push(s.RefId, children);
        foreach (int id in s.AllOf)
        {
            children.Push(id);
        }

        if (!s.AnyOf.IsEmpty && PresenceBranches(schemas, s, s.AnyOf) is null)
        {
            foreach (int id in s.AnyOf)
            {
                children.Push(id);
            }
        }

        if (!s.OneOf.IsEmpty && PresenceBranches(schemas, s, s.OneOf) is null)
        {
            foreach (int id in s.OneOf)
            {
                children.Push(id);
            }
        }

        if (s.Assertions is { } assertions)
        {
            foreach (int id in assertions.Children())
            {
                children.Push(id);
            }
        }

        static void Push(int? id, Stack<int> children)
        {
            if (id is int value)
            {
                children.Push(value);
            }
        }
    }

    /// <summary>
    /// Whether every JSON object is valid as the value of the request's <paramref name="member"/> and no other rule of
    /// the request looks into that value: the member's schema only ever says "object" (through <c>$ref</c> and
    /// <c>allOf</c>), and the request has no <c>enum</c>, <c>const</c>, <c>x-ec-max-bytes</c> or combinator (other than
    /// one whose branches only require members) that would see the whole body. Then a request is valid exactly when the same request with <c>{}</c> there is.
    /// </summary>
    public static bool AcceptsAnyObjectAt(IReadOnlyList<SchemaSpec> schemas, int requestSchemaId, string member)
    {
        int resolved = Resolve(schemas, requestSchemaId).Id;
        for (var s = schemas[requestSchemaId]; ; s = schemas[s.RefId ?? s.AllOf[0]])
        {
            // The wrappers Resolve follows, then the request itself; combinators whose branches only require members
            // (Tranthor's userId or anonymousId) do not look into them.
            if (s.AlwaysFails || s.HasEnum || s.Const is not null || s.MaxBytes is not null || s.Assertions is not null
                || (!s.AnyOf.IsEmpty && PresenceBranches(schemas, s, s.AnyOf) is null)
                || (!s.OneOf.IsEmpty && PresenceBranches(schemas, s, s.OneOf) is null))
            {
                return false;
            }

            if (s.Id == resolved)
            {
                var property = s.Properties.FirstOrDefault(p => p.JsonName == member);
                return s.AllOf.IsEmpty && s.RefId is null && property is not null && AcceptsAnyObject(schemas, property.SchemaId, 0);
            }
        }
    }

    private static bool AcceptsAnyObject(IReadOnlyList<SchemaSpec> schemas, int schemaId, int depth)
    {
        var s = schemas[schemaId];
        bool objectsAllowed = s.Types == JsonTypeSet.None || (s.Types & JsonTypeSet.Object) != 0;
        if (depth > 16 || !objectsAllowed || !AddsNothing(s, objectKeywords: false)
            || (s.AdditionalPropertiesId is int extra && !AcceptsAnything(schemas, extra, depth + 1))
            || (s.RefId is int target && !AcceptsAnyObject(schemas, target, depth + 1)))
        {
            return false;
        }

        return s.AllOf.All(part => AcceptsAnyObject(schemas, part, depth + 1));
    }

    private static bool AcceptsAnything(IReadOnlyList<SchemaSpec> schemas, int schemaId, int depth)
    {
        var s = schemas[schemaId];
        return depth <= 16 && s.Types == JsonTypeSet.None && AddsNothing(s, objectKeywords: true)
            && (s.RefId is not int target || AcceptsAnything(schemas, target, depth + 1))
            && s.AllOf.All(part => AcceptsAnything(schemas, part, depth + 1));
    }

    /// <summary>
    /// The assertions whose <c>unevaluatedProperties</c> judges exactly the names <c>additionalProperties</c> would: those
    /// of an object without <c>additionalProperties</c>, <c>patternProperties</c> and subschemas applied in place (whose
    /// names would count as evaluated); <see langword="null"/> for any other object.
    /// </summary>
    public static AssertionSpec? UnevaluatedAsAdditional(SchemaSpec s)
        => s.AdditionalPropertiesId is null && !s.AdditionalPropertiesForbidden && s.PatternProperties.IsEmpty
            && s.RefId is null && s.AllOf.IsEmpty && s.AnyOf.IsEmpty && s.OneOf.IsEmpty
            && s.Assertions is { } a && a.If is null && a.DependentSchemas.IsEmpty
            ? a
            : null;

    /// <summary>No keyword that can fail a value, apart from <c>type</c>, <c>$ref</c>, <c>allOf</c> and (unless <paramref name="objectKeywords"/>) <c>additionalProperties</c>.</summary>
    private static bool AddsNothing(SchemaSpec s, bool objectKeywords)
        => !s.AlwaysFails && !s.HasEnum && s.Const is null && !s.HasStringRule && !s.HasNumberRule && !s.HasArrayKeywords
            && s.MaxBytes is null && s.AnyOf.IsEmpty && s.OneOf.IsEmpty && s.CodeList is null && s.Assertions is null
            && s.Properties.IsEmpty && s.PatternProperties.IsEmpty && s.Required.IsEmpty && !s.AdditionalPropertiesForbidden && s.PropertyNamesId is null
            && s.MinProperties is null && s.MaxProperties is null && (!objectKeywords || s.AdditionalPropertiesId is null);

    /// <summary>
    /// Whether no value is valid against the schema, as far as its own keywords, <c>$ref</c> and <c>allOf</c> show:
    /// <c>false</c>, a <c>not</c> of a schema that accepts everything (<c>not: {}</c>), or declared types that exclude
    /// each other (<c>type: string</c> with an <c>allOf</c> part of <c>type: number</c>). A property declared so is a
    /// name no valid object carries.
    /// </summary>
    public static bool AcceptsNothing(IReadOnlyList<SchemaSpec> schemas, int schemaId, int depth = 0)
    {
        var s = schemas[schemaId];
        if (depth > 16)
        {
            return false;
        }

        if (s.AlwaysFails || (s.Assertions?.Not is int not && AcceptsEverything(schemas[not])))
        {
            return true;
        }

        var types = s.Types;
        IEnumerable<int> parts = s.RefId is int r ? s.AllOf.Concat(new[] { r }) : s.AllOf;
        foreach (int part in parts)
        {
            if (AcceptsNothing(schemas, part, depth + 1))
            {
                return true;
            }

            var partTypes = ValueTypes(schemas, part, depth + 1);
            if (types != JsonTypeSet.None && partTypes != JsonTypeSet.None && Intersect(types, partTypes) == JsonTypeSet.None)
            {
                return true;
            }

            types = Intersect(types, partTypes);
        }

        return false;
    }

    // true, {}: no keyword that can fail a value.
    private static bool AcceptsEverything(SchemaSpec s)
        => s.Types == JsonTypeSet.None && s.RefId is null && s.AllOf.IsEmpty && AddsNothing(s, objectKeywords: true);

    public static bool HasShape(SchemaSpec s)
        => s.Types != JsonTypeSet.None || s.HasObjectKeywords || s.HasArrayKeywords || s.HasEnum || s.Const is not null
            || !s.AnyOf.IsEmpty || !s.OneOf.IsEmpty;

    /// <summary>
    /// The JSON types a value valid against the schema can have; <see cref="JsonTypeSet.None"/> when
    /// the schema does not restrict them. Unions (<c>anyOf</c>/<c>oneOf</c>) give the union of their
    /// branches, <c>allOf</c> the intersection.
    /// </summary>
    public static JsonTypeSet ValueTypes(IReadOnlyList<SchemaSpec> schemas, int schemaId, int depth = 0)
    {
        var s = Resolve(schemas, schemaId);
        if (depth > 16)
        {
            return JsonTypeSet.None;
        }

        var types = s.Types;
        if (types == JsonTypeSet.None && s.HasEnum)
        {
            foreach (string json in s.Enum)
            {
                types |= OfJson(json);
            }
        }

        if (types == JsonTypeSet.None && s.Const is { } constant)
        {
            types = OfJson(constant);
        }

        if (types == JsonTypeSet.None && s.HasObjectKeywords)
        {
            types = JsonTypeSet.Object;
        }

        if (types == JsonTypeSet.None && s.HasArrayKeywords)
        {
            types = JsonTypeSet.Array;
        }

        int branches = s.AnyOf.Count + s.OneOf.Count;
        if (branches > 0)
        {
            var union = JsonTypeSet.None;
            for (int i = 0; i < branches; i++)
            {
                var b = ValueTypes(schemas, i < s.AnyOf.Count ? s.AnyOf[i] : s.OneOf[i - s.AnyOf.Count], depth + 1);
                if (b == JsonTypeSet.None)
                {
                    union = JsonTypeSet.None;
                    break;
                }

                union |= b;
            }

            types = Intersect(types, union);
        }

        foreach (int part in s.AllOf)
        {
            types = Intersect(types, ValueTypes(schemas, part, depth + 1));
        }

        if (s.RefId is int r)
        {
            types = Intersect(types, ValueTypes(schemas, r, depth + 1));
        }

        return types;
    }

    /// <summary>
    /// The types two declarations both allow (<see cref="JsonTypeSet.None"/> on one side: the other's); an integer is a
    /// number. <see cref="JsonTypeSet.None"/> also when they share none (see <see cref="AcceptsNothing"/>).
    /// </summary>
    public static JsonTypeSet Intersect(JsonTypeSet a, JsonTypeSet b)
    {
        if (a == JsonTypeSet.None)
        {
            return b;
        }

        if (b == JsonTypeSet.None)
        {
            return a;
        }

        // integer is a subset of number: keep it when the other side allows any number.
        var result = a & b;
        if ((a & JsonTypeSet.Integer) != 0 && (b & JsonTypeSet.Number) != 0)
        {
            result |= JsonTypeSet.Integer;
        }

        if ((b & JsonTypeSet.Integer) != 0 && (a & JsonTypeSet.Number) != 0)
        {
            result |= JsonTypeSet.Integer;
        }

        return result;
    }

    private static JsonTypeSet OfJson(string json) => json.Length == 0 ? JsonTypeSet.None : json[0] switch
    {
        '"' => JsonTypeSet.String,
        '{' => JsonTypeSet.Object,
        '[' => JsonTypeSet.Array,
        't' or 'f' => JsonTypeSet.Boolean,
        'n' => JsonTypeSet.Null,
        _ => JsonTypeSet.Number,
    };

    /// <summary>Whether every type in <paramref name="actual"/> is allowed by <paramref name="allowed"/> (None means any).</summary>
    public static bool IsSubset(JsonTypeSet actual, JsonTypeSet allowed)
    {
        if (allowed == JsonTypeSet.None)
        {
            return true;
        }

        if (actual == JsonTypeSet.None)
        {
            return false;
        }

        var effectiveAllowed = (allowed & JsonTypeSet.Number) != 0 ? allowed | JsonTypeSet.Integer : allowed;
        return (actual & ~effectiveAllowed) == 0;
    }

    public static string Describe(JsonTypeSet types)
    {
        if (types == JsonTypeSet.None)
        {
            return "any JSON value";
        }

        var names = new List<string>();
        foreach (var (flag, name) in new[] { (JsonTypeSet.String, "string"), (JsonTypeSet.Number, "number"), (JsonTypeSet.Integer, "integer"), (JsonTypeSet.Boolean, "boolean"), (JsonTypeSet.Object, "object"), (JsonTypeSet.Array, "array"), (JsonTypeSet.Null, "null") })
        {
            if ((types & flag) != 0 && !(flag == JsonTypeSet.Integer && (types & JsonTypeSet.Number) != 0))
            {
                names.Add(name);
            }
        }

        return string.Join(" or ", names);
    }

    /// <summary>
    /// Names whose presence decides validity beyond the object's own <c>required</c> (see <see cref="CollectConditionalNames"/>):
    /// an optional member with such a name writes a null it was given.
    /// </summary>
    public static HashSet<string> ConditionalNames(IReadOnlyList<SchemaSpec> schemas, SchemaSpec schema)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        CollectConditionalNames(schemas, schema, names, conditional: false, new HashSet<(int, bool)>());
        return names;
    }

    /// <summary>
    /// Names whose presence decides validity beyond the object's own <c>required</c>: those an <c>anyOf</c>/<c>oneOf</c>
    /// branch, <c>if</c>, <c>then</c>, <c>else</c> or <c>not</c> requires, and those <c>dependentRequired</c> and
    /// <c>dependentSchemas</c> name. A null such a name holds is written back as <c>null</c>, or the branch or condition
    /// the JSON satisfied would no longer hold (Courier's element nodes require a nullable <c>locales</c> in one branch).
    /// </summary>
    private static void CollectConditionalNames(IReadOnlyList<SchemaSpec> schemas, SchemaSpec schema, HashSet<string> names, bool conditional, HashSet<(int, bool)> visited)
    {
        if (!visited.Add((schema.Id, conditional)))
        {
            return;
        }

        if (conditional)
        {
            foreach (string name in schema.Required)
            {
                names.Add(name);
            }
        }

        if (schema.RefId is int target)
        {
            CollectConditionalNames(schemas, Resolve(schemas, target), names, conditional, visited);
        }

        foreach (int part in schema.AllOf)
        {
            CollectConditionalNames(schemas, Resolve(schemas, part), names, conditional, visited);
        }

        // Plain loops: this runs for every record's schema, most of which have no branches.
        foreach (int branch in schema.AnyOf)
        {
            CollectConditionalNames(schemas, Resolve(schemas, branch), names, conditional: true, visited);
        }

        foreach (int branch in schema.OneOf)
        {
            CollectConditionalNames(schemas, Resolve(schemas, branch), names, conditional: true, visited);
        }

        if (schema.Assertions is { } assertions)
        {
            foreach (int? id in new[] { assertions.Not, assertions.If, assertions.Then, assertions.Else })
            {
                if (id is int condition)
                {
                    CollectConditionalNames(schemas, Resolve(schemas, condition), names, conditional: true, visited);
                }
            }

            foreach (var dependent in assertions.DependentRequired)
            {
                names.Add(dependent.Name);
                names.UnionWith(dependent.Required);
            }

            foreach (var dependent in assertions.DependentSchemas)
            {
                names.Add(dependent.JsonName);
                CollectConditionalNames(schemas, Resolve(schemas, dependent.SchemaId), names, conditional: true, visited);
            }
        }
    }
}
