using System;
using System.Collections.Generic;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>How typed validation checks one value: a record member, a list item, a map entry or a map key.</summary>
internal enum ValueCheckKind
{
    /// <summary>The schema accepts every non-null value of the member's type.</summary>
    None,

    /// <summary>A string, number, boolean or enum: <c>enum</c>, <c>const</c> and the string or number keywords, on the CLR value.</summary>
    Leaf,

    /// <summary>A generated record whose own schema is the value's: the record's typed check.</summary>
    Record,

    /// <summary>A list under an array schema: item count, and each item's check.</summary>
    List,

    /// <summary>A map under an object schema with only map keywords: entry count, each key's and each value's check.</summary>
    Map,

    /// <summary>An open JSON value (<c>JsonElement</c>) under a schema with keywords: the schema's JSON validator reads it.</summary>
    Element,

    /// <summary>Anything else: the value is written as JSON and checked by the schema's JSON validator.</summary>
    Written,
}

/// <summary>Which keyword rules a <see cref="ValueCheckKind.Leaf"/> check calls (each is a field of the contract class).</summary>
[Flags]
internal enum LeafRules
{
    None = 0,
    String = 1,
    Number = 2,
    Enum = 4,
    Const = 8,

    /// <summary>A C# enum value must be one of its declared members (a cast can make any number, which has no wire value).</summary>
    Declared = 16,
}

/// <summary>
/// A typed check of one value, decided at generation time from the schema and the C# type, so the emitted code only
/// does what the keywords ask. Ids are in the part's numbering (see <see cref="ContractPart"/>).
/// </summary>
/// <param name="Kind">What the check does.</param>
/// <param name="SchemaId">The leaf's rules, the record's schema, or the validator of a written value.</param>
/// <param name="NullTypes">The schema's types when they do not allow <c>null</c> (a null value is a type error); <see cref="JsonTypeSet.None"/> when null is allowed.</param>
/// <param name="Rules">The rules a leaf checks.</param>
/// <param name="MinCount">A list's <c>minItems</c> or a map's <c>minProperties</c>.</param>
/// <param name="MaxCount">A list's <c>maxItems</c> or a map's <c>maxProperties</c>.</param>
/// <param name="Element">A list item's or a map value's check.</param>
/// <param name="Key">A map key's check (<c>propertyNames</c>).</param>
/// <param name="MaxBytes">The schema's <c>x-ec-max-bytes</c>, checked after the rest (as its JSON validator does) against a size bound first.</param>
/// <param name="LeafElement">An <see cref="ValueCheckKind.Element"/> under only <c>type</c> and string or number keywords (<see cref="Rules"/>): its kind and text can prove it passes without its validator.</param>
/// <param name="ElementTypes">The types such an element may have (<see cref="JsonTypeSet.None"/>: any).</param>
internal sealed record ValueCheck(
    ValueCheckKind Kind,
    int SchemaId,
    JsonTypeSet NullTypes,
    LeafRules Rules,
    int? MinCount,
    int? MaxCount,
    ValueCheck? Element,
    ValueCheck? Key,
    int? MaxBytes = null,
    bool LeafElement = false,
    JsonTypeSet ElementTypes = JsonTypeSet.None)
{
    public static ValueCheck Nothing { get; } = new(ValueCheckKind.None, 0, JsonTypeSet.None, LeafRules.None, null, null, null, null);

    /// <summary>Whether the check can report anything for a value of this type (a null one too).</summary>
    public bool IsNeededFor(TypeRef type) => Kind != ValueCheckKind.None || MaxBytes is not null || (NullTypes != JsonTypeSet.None && type.MayBeNull);
}

/// <summary>A required name of a record's schema, and the member that writes it (-1 when no member does).</summary>
internal sealed record RequiredCheck(string Name, int Member);

/// <summary>An <c>anyOf</c>/<c>oneOf</c> of required-name lists, each name with the member that writes it.</summary>
internal sealed record PresenceCheck(string Keyword, EquatableArray<EquatableArray<RequiredCheck>> Branches);

/// <summary>
/// How typed validation checks a record against its own schema: each member's value, the required names the
/// optional members leave out, presence combinators and the property count. The JSON validator reports the same
/// errors in the same order when it reads what the serializer writes.
/// </summary>
/// <param name="Members">Each member's check, in member order.</param>
/// <param name="Additional">The check of each <c>AdditionalProperties</c> entry's value; null when the record has no such map.</param>
/// <param name="DeclaredNames">The schema's property names: an additional entry with one of them is checked written, as its JSON would be.</param>
/// <param name="Required">The schema's required names.</param>
/// <param name="Presence">Combinators decided by which names are present.</param>
/// <param name="MinProperties">The schema's <c>minProperties</c>.</param>
/// <param name="MaxProperties">The schema's <c>maxProperties</c>.</param>
/// <param name="MaxBytes">The schema's <c>x-ec-max-bytes</c>: checked against an upper bound of the size, and measured by writing only when the bound is over it.</param>
internal sealed record RecordCheck(
    EquatableArray<ValueCheck> Members,
    ValueCheck? Additional,
    EquatableArray<string> DeclaredNames,
    EquatableArray<RequiredCheck> Required,
    EquatableArray<PresenceCheck> Presence,
    int? MinProperties,
    int? MaxProperties,
    int? MaxBytes);

/// <summary>What typed checks need to know of a whole contract: its types by name, and whether any schema has a size limit.</summary>
internal sealed class ContractTypes
{
    private ContractTypes(Dictionary<string, TypeSpec> byName, bool sizeBounds)
    {
        ByName = byName;
        SizeBounds = sizeBounds;
    }

    /// <summary>The contract's types by full name (the first of a name wins; EC1016 reports the others).</summary>
    public IReadOnlyDictionary<string, TypeSpec> ByName { get; }

    /// <summary>Whether a schema has <c>x-ec-max-bytes</c>, so records get size-bound methods.</summary>
    public bool SizeBounds { get; }

    public static ContractTypes Of(ContractSpec spec)
    {
        var byName = new Dictionary<string, TypeSpec>(StringComparer.Ordinal);
        bool sizeBounds = false;
        foreach (var type in spec.Types)
        {
            if (!byName.ContainsKey(type.FullName))
            {
                byName[type.FullName] = type;
            }

        }

        foreach (var schema in spec.Schemas)
        {
            sizeBounds |= schema.MaxBytes is not null;
        }

        return new ContractTypes(byName, sizeBounds);
    }
}

/// <summary>
/// Decides the typed checks of records. A schema feature that typed checks do not cover makes that value (or the
/// whole record) <see cref="ValueCheckKind.Written"/>: exact, just slower.
/// </summary>
internal sealed class TypedChecks
{
    private readonly IReadOnlyList<SchemaSpec> _schemas;
    private readonly IReadOnlyDictionary<string, TypeSpec> _types;
    private readonly Func<int, int> _map;

    /// <param name="schemas">The contract's schemas.</param>
    /// <param name="types">The contract's types.</param>
    /// <param name="map">Turns a contract schema id into the part's numbering.</param>
    public TypedChecks(IReadOnlyList<SchemaSpec> schemas, ContractTypes types, Func<int, int> map)
    {
        _schemas = schemas;
        _types = types.ByName;
        _map = map;
    }

    /// <summary>The record's typed check (contract ids in <paramref name="type"/>), or null when it is checked written.</summary>
    public RecordCheck? ForRecord(TypeSpec type)
    {
        var s = _schemas[type.SchemaId];
        if (s.AlwaysFails || !Allows(s, JsonTypeSet.Object) || s.HasEnum || s.Const is not null
            || s.RefId is not null || !s.AllOf.IsEmpty || s.PropertyNamesId is not null || s.Assertions is not null
            || !s.PatternProperties.IsEmpty)
        {
            return null;
        }

        var anyOf = SchemaGraph.PresenceBranches(_schemas, s, s.AnyOf);
        var oneOf = SchemaGraph.PresenceBranches(_schemas, s, s.OneOf);
        if ((!s.AnyOf.IsEmpty && anyOf is null) || (!s.OneOf.IsEmpty && oneOf is null))
        {
            return null;
        }

        var members = new ValueCheck[type.Members.Count];
        for (int i = 0; i < members.Length; i++)
        {
            var member = type.Members[i];
            var property = s.Properties.FirstOrDefault(p => p.JsonName == member.JsonName);

            // A member the schema does not declare (merged from elsewhere) is an additional property to its validator.
            if (property is null || property.SchemaId != member.SchemaId)
            {
                return null;
            }

            members[i] = ForValue(member.Type, member.SchemaId);
        }

        ValueCheck? additional = null;
        var declared = EquatableArray<string>.Empty;
        if (type.AdditionalProperties is { } entries)
        {
            additional = s.AdditionalPropertiesId is int id ? ForValue(entries, id) : ValueCheck.Nothing;
            declared = s.Properties.Select(p => p.JsonName).ToEquatableArray();
        }

        var required = s.Required.Select(name => Required(type, name)).ToEquatableArray();
        var presence = new List<PresenceCheck>();
        Add("anyOf", anyOf);
        Add("oneOf", oneOf);
        return new RecordCheck(members.ToEquatableArray(), additional, declared, required, presence.ToEquatableArray(), s.MinProperties, s.MaxProperties, s.MaxBytes);

        void Add(string keyword, List<EquatableArray<string>>? branches)
        {
            if (branches is not null)
            {
                var names = branches.Select(branch => branch.Select(name => Required(type, name)).ToEquatableArray()).ToEquatableArray();
                presence.Add(new PresenceCheck(keyword, names));
            }
        }
    }

    private ValueCheck ForValue(TypeRef type, int schemaId)
    {
        int id = Follow(schemaId);
        var s = _schemas[id];
        if (s.AlwaysFails || s.RefId is not null || !s.AllOf.IsEmpty || !s.AnyOf.IsEmpty || !s.OneOf.IsEmpty || s.Assertions is not null)
        {
            return Written(id);
        }

        var check = ForShape(type, id, s);
        return s.MaxBytes is int maxBytes && check.Kind is not (ValueCheckKind.Written or ValueCheckKind.Element)
            ? check with { MaxBytes = maxBytes }
            : check;
    }

    /// <summary>The check of every keyword but <c>x-ec-max-bytes</c>, of a schema without combinators.</summary>
    private ValueCheck ForShape(TypeRef type, int id, SchemaSpec s)
    {

        var nullTypes = Allows(s, JsonTypeSet.Null) ? JsonTypeSet.None : s.Types;
        bool containerKeywords = s.HasEnum || s.Const is not null;
        switch (type.Kind)
        {
            case TypeRefKind.String:
                return Allows(s, JsonTypeSet.String) ? Leaf(id, nullTypes, s, LeafRules.String) : Written(id);
            case TypeRefKind.Int64:
                return Allows(s, JsonTypeSet.Integer | JsonTypeSet.Number) ? Leaf(id, nullTypes, s, LeafRules.Number) : Written(id);
            case TypeRefKind.Decimal:
                return Allows(s, JsonTypeSet.Number) ? Leaf(id, nullTypes, s, LeafRules.Number) : Written(id);
            case TypeRefKind.Boolean:
                return Allows(s, JsonTypeSet.Boolean) ? Leaf(id, nullTypes, s, LeafRules.None) : Written(id);
            case TypeRefKind.Enum:
                if (!Allows(s, JsonTypeSet.String))
                {
                    return Written(id);
                }

                return Leaf(id, nullTypes, s, LeafRules.String, enumCovered: EnumCovers(s, type), declared: true);
            case TypeRefKind.Json:
                {
                    if (IsUnconstrained(s))
                    {
                        return ValueCheck.Nothing;
                    }

                    var element = ValueCheck.Nothing with { Kind = ValueCheckKind.Element, SchemaId = _map(id) };
                    bool leaf = !containerKeywords && !s.HasObjectKeywords && !s.HasArrayKeywords && s.MaxBytes is null;
                    var rules = (s.HasStringRule ? LeafRules.String : LeafRules.None) | (s.HasNumberRule ? LeafRules.Number : LeafRules.None);
                    return leaf ? element with { LeafElement = true, ElementTypes = s.Types, Rules = rules } : element;
                }

            case TypeRefKind.Record:
                return !containerKeywords && type.Name is not null && _types.TryGetValue(type.Name, out var target)
                    && target.Kind == TypeSpecKind.Record && target.SchemaId == id
                    ? ValueCheck.Nothing with { Kind = ValueCheckKind.Record, SchemaId = _map(id), NullTypes = nullTypes }
                    : Written(id);
            case TypeRefKind.List:
                if (containerKeywords || s.UniqueItems || !s.PrefixItems.IsEmpty || !Allows(s, JsonTypeSet.Array))
                {
                    return Written(id);
                }

                var item = s.ItemsId is int items ? ForValue(type.Element!, items) : ValueCheck.Nothing;
                if (!item.IsNeededFor(type.Element!) && s.MinItems is null && s.MaxItems is null)
                {
                    return ValueCheck.Nothing with { NullTypes = nullTypes };
                }

                return new ValueCheck(ValueCheckKind.List, _map(id), nullTypes, LeafRules.None, s.MinItems, s.MaxItems, item, null);
            case TypeRefKind.Map:
                if (containerKeywords || !Allows(s, JsonTypeSet.Object) || !s.Properties.IsEmpty || !s.Required.IsEmpty || s.AdditionalPropertiesForbidden
                    || !s.PatternProperties.IsEmpty)
                {
                    return Written(id);
                }

                var key = s.PropertyNamesId is int names ? ForValue(new TypeRef(TypeRefKind.String, null, null, false), names) : ValueCheck.Nothing;
                if (key.Kind is not (ValueCheckKind.None or ValueCheckKind.Leaf))
                {
                    return Written(id);
                }

                var value = s.AdditionalPropertiesId is int additional ? ForValue(type.Element!, additional) : ValueCheck.Nothing;
                if (!value.IsNeededFor(type.Element!) && key.Kind == ValueCheckKind.None && s.MinProperties is null && s.MaxProperties is null)
                {
                    return ValueCheck.Nothing with { NullTypes = nullTypes };
                }

                return new ValueCheck(ValueCheckKind.Map, _map(id), nullTypes, LeafRules.None, s.MinProperties, s.MaxProperties, value, key);
            default:
                return Written(id);
        }
    }

    /// <summary>
    /// A leaf's check: the value kind's keyword rule, with <c>enum</c> (unless it lists every value of the C# enum) and
    /// <c>const</c>; a C# enum value is first checked to be a declared member (<paramref name="declared"/>).
    /// </summary>
    private ValueCheck Leaf(int id, JsonTypeSet nullTypes, SchemaSpec s, LeafRules kindRule, bool enumCovered = false, bool declared = false)
    {
        var rules = declared ? LeafRules.Declared : LeafRules.None;
        if (kindRule == LeafRules.String && s.HasStringRule)
        {
            rules |= LeafRules.String;
        }

        if (kindRule == LeafRules.Number && s.HasNumberRule)
        {
            rules |= LeafRules.Number;
        }

        if (s.HasEnum && !enumCovered)
        {
            rules |= LeafRules.Enum;
        }

        if (s.Const is not null)
        {
            rules |= LeafRules.Const;
        }

        return rules == LeafRules.None
            ? ValueCheck.Nothing with { NullTypes = nullTypes }
            : new ValueCheck(ValueCheckKind.Leaf, _map(id), nullTypes, rules, null, null, null, null);
    }

    private ValueCheck Written(int id) => ValueCheck.Nothing with { Kind = ValueCheckKind.Written, SchemaId = _map(id) };

    /// <summary>Follows the schemas whose validators only call another's (<see cref="SchemaGraph.DelegateTarget"/>).</summary>
    private int Follow(int id)
    {
        for (int guard = 0; guard < 64 && !_schemas[id].AlwaysFails && SchemaGraph.DelegateTarget(_schemas[id]) is int next && next != id; guard++)
        {
            id = next;
        }

        return id;
    }

    /// <summary>Whether the schema's <c>enum</c> lists every wire value of the C# enum (then only a value outside the enum's members fails it).</summary>
    private bool EnumCovers(SchemaSpec s, TypeRef type)
        => s.HasEnum && type.Name is not null && _types.TryGetValue(type.Name, out var target) && target.Kind == TypeSpecKind.Enum
            && target.EnumMembers.All(member => s.Enum.Contains(Reading.JsonText.Quote(member.WireValue)));

    private static RequiredCheck Required(TypeSpec type, string jsonName)
    {
        for (int i = 0; i < type.Members.Count; i++)
        {
            if (type.Members[i].JsonName == jsonName)
            {
                return new RequiredCheck(jsonName, i);
            }
        }

        return new RequiredCheck(jsonName, -1);
    }

    private static bool Allows(SchemaSpec s, JsonTypeSet types) => s.Types == JsonTypeSet.None || (s.Types & types) != 0;

    private static bool IsUnconstrained(SchemaSpec s)
        => s.Types == JsonTypeSet.None && !s.HasEnum && s.Const is null && !s.HasStringRule && !s.HasNumberRule
            && !s.HasObjectKeywords && !s.HasArrayKeywords && s.MaxBytes is null && s.Assertions is null;
}
