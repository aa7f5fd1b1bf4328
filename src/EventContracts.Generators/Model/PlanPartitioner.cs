using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>
/// Splits a tracking plan's <see cref="ContractSpec"/> into parts that are emitted and cached one by
/// one: the shared part first, then one part per event record in plan order, so editing one event
/// re-emits one file. Every generated type and validator is in exactly one part:
/// <list type="bullet">
/// <item>a type belongs to the event whose record declares it (the record and the types nested in
/// it); every other type (definitions, anything not under an event record) is shared;</item>
/// <item>a schema belongs to an event when only that event's types reach it; schemas reached from two
/// or more events, from the shared types or from <c>definitions</c> (and all they reach) are shared.</item>
/// </list>
/// Schema ids are renumbered per part in file order, so an edit that adds or removes schemas in one
/// event does not change the other parts. Types EC1016 skips (<see cref="Checks.TypeNameCollisions"/>) are left out
/// after the split: their events' parts are not returned and the shared part does not declare them, while every
/// schema keeps the part it has without the collision, so the parts that remain are the same as without it.
/// </summary>
internal static class PlanPartitioner
{
    private const int Unowned = -1;
    private const int Shared = -2;

    /// <param name="plan">The tracking plan.</param>
    /// <param name="skippedTypes">Top-level types not to generate; nothing generated refers to them (EC1016 skips what does).</param>
    public static EquatableArray<ContractPart> Split(ContractSpec plan, EquatableArray<string> skippedTypes)
    {
        var schemas = plan.Schemas;

        // The parts and their types: each event record (first occurrence, plan order) and its nested types.
        var eventTypes = new List<string>();
        var partOfTopLevel = new Dictionary<string, int>(StringComparer.Ordinal);
        var declared = new HashSet<string>(plan.Types.Where(t => t.ContainingType is null).Select(t => t.Name), StringComparer.Ordinal);
        foreach (var planEvent in plan.Events)
        {
            if (declared.Contains(planEvent.TypeName) && !partOfTopLevel.ContainsKey(planEvent.TypeName))
            {
                eventTypes.Add(planEvent.TypeName);
                partOfTopLevel[planEvent.TypeName] = eventTypes.Count;
            }
        }

        int partCount = eventTypes.Count + 1;
        var types = new List<TypeSpec>[partCount];
        for (int p = 0; p < partCount; p++)
        {
            types[p] = new List<TypeSpec>();
        }

        foreach (var type in plan.Types)
        {
            string topLevel = type.ContainingType is { } containing ? FirstSegment(containing) : type.Name;
            types[partOfTopLevel.TryGetValue(topLevel, out int part) ? part : 0].Add(type);
        }

        var owner = Owners(plan, types);

        // Renumber each part's schemas from 0 in file (id) order.
        var local = new int[schemas.Count];
        var own = new List<int>[partCount];
        for (int p = 0; p < partCount; p++)
        {
            own[p] = new List<int>();
        }

        for (int id = 0; id < schemas.Count; id++)
        {
            int part = owner[id] switch
            {
                Unowned => -1,
                Shared => 0,
                int e => e,
            };
            if (part >= 0)
            {
                local[id] = own[part].Count;
                own[part].Add(id);
            }
        }

        var suffixes = new string[partCount];
        var hintNames = new string[partCount];
        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        suffixes[0] = string.Empty;
        hintNames[0] = Claim(plan.Name + ".Shared", claimed);
        for (int p = 1; p < partCount; p++)
        {
            string bare = Naming.Bare(eventTypes[p - 1]);
            suffixes[p] = "_" + bare;

            // Hint names are unique ignoring case, while type names are not: OrderCompleted and Ordercompleted.
            hintNames[p] = Claim(plan.Name + "." + bare, claimed);
        }

        // Enum members are named after the part that declares the enum (its schema token) when the name is too long to join.
        var enumSuffixes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int p = 0; p < partCount; p++)
        {
            foreach (var type in types[p].Where(t => t.Kind == TypeSpecKind.Enum))
            {
                enumSuffixes[type.FullName] = ContractParts.EnumSuffix(type, Token(type.SchemaId, p));
            }
        }

        var eventFacts = ContractParts.EventFacts(plan);
        var contractTypes = ContractTypes.Of(plan);
        var skipped = new HashSet<string>(skippedTypes, StringComparer.Ordinal);
        var parts = new List<ContractPart>(partCount);
        for (int p = 0; p < partCount; p++)
        {
            if (p > 0 && skipped.Contains(eventTypes[p - 1]))
            {
                continue;
            }

            int part = p;
            var partTypes = skipped.Count == 0 ? types[p] : types[p].Where(t => !skipped.Contains(FirstSegment(t.FullName))).ToList();
            parts.Add(ContractParts.Create(
                plan,
                hintNames[p],
                p == 0 ? ContractPartKind.PlanShared : ContractPartKind.PlanEvent,
                p == 0 ? new ContractHeader(plan.Kind, null, -1, EquatableArray<ResponseSpec>.Empty) : null,
                suffixes[p],
                own[p],
                partTypes,
                id => Map(id, part),
                enumSuffixes,
                eventFacts,
                contractTypes));
        }

        return parts.ToEquatableArray();

        // A part's schemas and types only reach its own schemas and shared ones: a schema two parts reach is
        // shared, and so is everything below a shared schema (Owners).
        int Map(int id, int part)
        {
            int ownerPart = owner[id] == Shared ? 0 : owner[id];
            return ownerPart == part ? local[id] : ~local[id];
        }

        string Token(int id, int part)
        {
            int mapped = Map(id, part);
            return mapped >= 0 ? mapped.ToString(CultureInfo.InvariantCulture) + suffixes[part] : (~mapped).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// For each schema, the event part (1…) that alone reaches it, <see cref="Shared"/>, or
    /// <see cref="Unowned"/> when no validator is generated for it.
    /// </summary>
    private static int[] Owners(ContractSpec plan, List<TypeSpec>[] types)
    {
        IReadOnlyList<SchemaSpec> schemas = plan.Schemas;
        var owner = new int[schemas.Count];
        for (int i = 0; i < owner.Length; i++)
        {
            owner[i] = Unowned;
        }

        // Each event walks what its types reach. A schema a second event reaches becomes shared, and the
        // walk stops there: what lies below it is marked shared afterwards.
        var stack = new Stack<int>();
        var sharedSeeds = new List<int>();
        for (int part = 1; part < types.Length; part++)
        {
            foreach (var type in types[part])
            {
                stack.Push(type.SchemaId);
            }

            while (stack.Count > 0)
            {
                int id = stack.Pop();
                if (owner[id] == part || owner[id] == Shared)
                {
                    continue;
                }

                if (owner[id] != Unowned)
                {
                    owner[id] = Shared;
                    sharedSeeds.Add(id);
                    continue;
                }

                owner[id] = part;
                SchemaGraph.PushValidatorChildren(schemas, schemas[id], stack);
            }
        }

        // Shared: the shared types, the definitions the plan's events reach, and everything below a shared schema.
        foreach (var type in types[0])
        {
            stack.Push(type.SchemaId);
        }

        foreach (int id in sharedSeeds)
        {
            stack.Push(id);
        }

        var definitions = new HashSet<int>(ComponentSchemas(schemas));
        foreach (int id in definitions)
        {
            if (owner[id] != Unowned)
            {
                stack.Push(id);
            }
        }

        var visited = new bool[schemas.Count];
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (visited[id])
            {
                continue;
            }

            visited[id] = true;
            owner[id] = Shared;
            SchemaGraph.PushValidatorChildren(schemas, schemas[id], stack);
        }

        return owner;
    }

    /// <summary>Schemas declared under <c>definitions</c>, <c>$defs</c> or <c>components/schemas</c>.</summary>
    private static IEnumerable<int> ComponentSchemas(IReadOnlyList<SchemaSpec> schemas)
    {
        for (int id = 0; id < schemas.Count; id++)
        {
            string pointer = schemas[id].Pointer;
            foreach (string prefix in s_componentPrefixes)
            {
                if (pointer.StartsWith(prefix, StringComparison.Ordinal) && pointer.IndexOf('/', prefix.Length) < 0)
                {
                    yield return id;
                    break;
                }
            }
        }
    }

    private static readonly string[] s_componentPrefixes = { "/definitions/", "/$defs/", "/components/schemas/" };

    private static string FirstSegment(string containing)
    {
        int dot = containing.IndexOf('.');
        return dot < 0 ? containing : containing.Substring(0, dot);
    }

    private static string Claim(string name, HashSet<string> claimed)
    {
        string candidate = name;
        for (int n = 2; !claimed.Add(candidate); n++)
        {
            // '-' is no identifier character, so no type name ends like this.
            candidate = name + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
