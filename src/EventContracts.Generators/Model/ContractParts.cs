using System;
using System.Collections.Generic;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>
/// Builds <see cref="ContractPart"/>s from a <see cref="ContractSpec"/>: the whole of a vendor
/// contract, or (for <see cref="PlanPartitioner"/>) a chosen subset of a plan's types and schemas.
/// </summary>
internal static class ContractParts
{
    /// <summary>The longest joined enum name used for its mapping members before falling back to name and schema.</summary>
    private const int MaxJoinedEnumName = 256;

    /// <summary>All of a vendor contract, with the schema ids of its file (so its output does not depend on this split).</summary>
    public static ContractPart Whole(ContractSpec spec)
    {
        var reachable = Reachable(spec.Schemas, Roots(spec));
        var own = new List<int>();
        for (int id = 0; id < reachable.Length; id++)
        {
            if (reachable[id])
            {
                own.Add(id);
            }
        }

        var enumSuffixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in spec.Types)
        {
            if (type.Kind == TypeSpecKind.Enum)
            {
                enumSuffixes[type.FullName] = EnumSuffix(type, type.SchemaId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return Create(
            spec,
            spec.Name,
            ContractPartKind.WholeContract,
            new ContractHeader(spec.Kind, spec.Operation, spec.RequestSchemaId, spec.Responses),
            string.Empty,
            own,
            spec.Types,
            id => id,
            enumSuffixes,
            EventFacts(spec),
            ContractTypes.Of(spec));
    }

    /// <summary>Where the validators of a contract start: its request, its responses and its types.</summary>
    public static IEnumerable<int> Roots(ContractSpec spec)
    {
        if (spec.RequestSchemaId >= 0)
        {
            yield return spec.RequestSchemaId;
        }

        foreach (var response in spec.Responses)
        {
            if (response.SchemaId is int id)
            {
                yield return id;
            }
        }

        foreach (var type in spec.Types)
        {
            yield return type.SchemaId;
        }
    }

    /// <summary>The schemas whose validators are generated from these roots (indexed by schema id).</summary>
    public static bool[] Reachable(IReadOnlyList<SchemaSpec> schemas, IEnumerable<int> roots)
    {
        var seen = new bool[schemas.Count];
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen[id])
            {
                seen[id] = true;
                SchemaGraph.PushValidatorChildren(schemas, schemas[id], stack);
            }
        }

        return seen;
    }

    /// <summary>
    /// The name of an enum's mapping members: its containing names joined; a deeply nested enum
    /// (whose joined name would pass the 1,024-byte metadata limit, CS7013) uses its own name and
    /// schema token, which no joined name contains (<c>__</c>).
    /// </summary>
    public static string EnumSuffix(TypeSpec type, string schemaToken)
    {
        string joined = type.FullName.Replace(".", string.Empty);
        return joined.Length <= MaxJoinedEnumName ? joined : type.Name + "__" + schemaToken;
    }

    /// <summary>
    /// A part declaring the validators of <paramref name="ownSchemaIds"/> (contract ids, in emission
    /// order) and the types <paramref name="types"/>; <paramref name="map"/> turns a contract schema
    /// id into the part's numbering; <paramref name="contractTypes"/> describes all of the contract's types.
    /// </summary>
    public static ContractPart Create(
        ContractSpec spec,
        string hintName,
        ContractPartKind kind,
        ContractHeader? header,
        string memberSuffix,
        IReadOnlyList<int> ownSchemaIds,
        IReadOnlyList<TypeSpec> types,
        Func<int, int> map,
        IReadOnlyDictionary<string, string> enumSuffixes,
        IReadOnlyDictionary<string, EventFacts> eventFacts,
        ContractTypes contractTypes)
    {
        IReadOnlyList<SchemaSpec> all = spec.Schemas;
        var schemas = new PartSchema[ownSchemaIds.Count];
        for (int i = 0; i < schemas.Length; i++)
        {
            schemas[i] = Schema(all, all[ownSchemaIds[i]], map);
        }

        var checks = new TypedChecks(all, contractTypes, map);
        var partTypes = new TypeSpec[types.Count];
        var usedEnums = new SortedSet<string>(StringComparer.Ordinal);
        var events = new List<EventFacts>();
        for (int i = 0; i < partTypes.Length; i++)
        {
            var type = types[i];
            var members = new MemberSpec[type.Members.Count];
            for (int m = 0; m < members.Length; m++)
            {
                // The emitters name members by their types, not their schemas.
                members[m] = type.Members[m] with { SchemaId = 0 };
                AddEnums(members[m].Type, usedEnums);
            }

            var check = type.Kind == TypeSpecKind.Record ? checks.ForRecord(type) : null;
            partTypes[i] = type with { SchemaId = map(type.SchemaId), Members = Equatable(members), Check = check };
            if (type.Kind == TypeSpecKind.Enum)
            {
                usedEnums.Add(type.FullName);
            }

            AddEnums(type.AdditionalProperties, usedEnums);
            if (type.EventName is not null && eventFacts.TryGetValue(type.FullName, out var facts))
            {
                events.Add(facts);
            }
        }

        return new ContractPart(
            hintName,
            kind,
            spec.Name,
            spec.Namespace,
            System.IO.Path.GetFileName(spec.SourcePath),
            header,
            memberSuffix,
            Equatable(schemas),
            Equatable(partTypes),
            usedEnums.Select(name => new NameValue(name, enumSuffixes[name])).ToEquatableArray(),
            events.ToEquatableArray(),
            contractTypes.SizeBounds);
    }

    /// <summary>What each event record says about its event: the first plan event mapped to it.</summary>
    public static Dictionary<string, EventFacts> EventFacts(ContractSpec spec)
    {
        var facts = new Dictionary<string, EventFacts>(StringComparer.Ordinal);
        foreach (var planEvent in spec.Events)
        {
            if (!facts.ContainsKey(planEvent.TypeName))
            {
                facts[planEvent.TypeName] = new EventFacts(planEvent.TypeName, planEvent.Name, planEvent.Destinations);
            }
        }

        return facts;
    }

    private static EquatableArray<T> Equatable<T>(T[] items)
        where T : IEquatable<T>
        => items.Length == 0 ? EquatableArray<T>.Empty : new EquatableArray<T>(System.Collections.Immutable.ImmutableArray.Create(items));

    private static void AddEnums(TypeRef? type, SortedSet<string> names)
    {
        for (; type is not null; type = type.Element)
        {
            if (type.Kind == TypeRefKind.Enum && type.Name is not null)
            {
                names.Add(type.Name);
            }
        }
    }

    /// <summary>
    /// A schema with its references renumbered for the part, presence-decided combinators replaced by
    /// their required-name lists, and the annotations no validator reads (title, description, vendor
    /// extensions) dropped, so the part changes only when its generated code does.
    /// </summary>
    private static PartSchema Schema(IReadOnlyList<SchemaSpec> schemas, SchemaSpec s, Func<int, int> map)
    {
        var anyOfPresence = SchemaGraph.PresenceBranches(schemas, s, s.AnyOf);
        var oneOfPresence = SchemaGraph.PresenceBranches(schemas, s, s.OneOf);
        var remapped = s with
        {
            Id = map(s.Id),
            Properties = Map(s.Properties, map),
            AdditionalPropertiesId = Map(s.AdditionalPropertiesId, map),
            PropertyNamesId = Map(s.PropertyNamesId, map),
            ItemsId = Map(s.ItemsId, map),
            PrefixItems = Map(s.PrefixItems, map),
            PatternProperties = Map(s.PatternProperties, map),
            AllOf = Map(s.AllOf, map),
            AnyOf = anyOfPresence is null ? Map(s.AnyOf, map) : EquatableArray<int>.Empty,
            OneOf = oneOfPresence is null ? Map(s.OneOf, map) : EquatableArray<int>.Empty,
            RefId = Map(s.RefId, map),
            Assertions = s.Assertions is { } a ? a with
            {
                Not = Map(a.Not, map),
                If = Map(a.If, map),
                Then = Map(a.Then, map),
                Else = Map(a.Else, map),
                DependentSchemas = Map(a.DependentSchemas, map),
                Contains = Map(a.Contains, map),
                UnevaluatedProperties = Map(a.UnevaluatedProperties, map),
                UnevaluatedItems = Map(a.UnevaluatedItems, map),
            } : null,
            Title = null,
            Description = null,
            Envelope = null,
            Reserved = null,
            CodeList = null,
        };
        return new PartSchema(
            remapped,
            anyOfPresence?.ToEquatableArray() ?? EquatableArray<EquatableArray<string>>.Empty,
            oneOfPresence?.ToEquatableArray() ?? EquatableArray<EquatableArray<string>>.Empty);
    }

    private static int? Map(int? id, Func<int, int> map) => id is int value ? map(value) : null;

    private static EquatableArray<PatternPropertySpec> Map(EquatableArray<PatternPropertySpec> patterns, Func<int, int> map)
        => Map(patterns, map, static (pattern, renumber) => pattern with { SchemaId = renumber(pattern.SchemaId) });

    private static EquatableArray<PropertySpec> Map(EquatableArray<PropertySpec> properties, Func<int, int> map)
        => Map(properties, map, static (property, renumber) => renumber(property.SchemaId) is var id && id != property.SchemaId ? property with { SchemaId = id } : property);

    private static EquatableArray<int> Map(EquatableArray<int> ids, Func<int, int> map)
        => Map(ids, map, static (id, renumber) => renumber(id));

    // The id map is handed to a static lambda, not captured: a capturing lambda would cost an allocation for every schema
    // of every part, and most of their lists are empty.
    private static EquatableArray<T> Map<T>(EquatableArray<T> items, Func<int, int> map, Func<T, Func<int, int>, T> remap)
        where T : IEquatable<T>
    {
        if (items.IsEmpty)
        {
            return items;
        }

        var mapped = new T[items.Count];
        for (int i = 0; i < mapped.Length; i++)
        {
            mapped[i] = remap(items[i], map);
        }

        return Equatable(mapped);
    }
}
