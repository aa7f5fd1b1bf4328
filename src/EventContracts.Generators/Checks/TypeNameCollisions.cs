using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Checks;

/// <summary>
/// A top-level C# name one contract generates, where it comes from, and where to report it. For a tracking plan's
/// type, <see cref="Event"/> is the wire name of the event whose record it is, and <see cref="Uses"/> the plan's other
/// top-level types its members (and its nested types' members) refer to.
/// </summary>
internal sealed record GeneratedName(string Name, string Origin, FileLocation Location, string? Event = null, EquatableArray<string> Uses = default);

/// <summary>The top-level C# names of one contract (its contract class first, then its top-level types).</summary>
internal sealed record ContractTypeNames(string Contract, string SourcePath, bool IsPlan, EquatableArray<GeneratedName> Names)
{
    public static ContractTypeNames From(ContractSpec spec)
    {
        string file = System.IO.Path.GetFileName(spec.SourcePath);
        var start = FileLocation.StartOf(spec.SourcePath);
        var names = new List<GeneratedName> { new(spec.ContractClassName, "the contract class of " + file, start) };
        bool isPlan = spec.Kind == ContractSourceKind.PlanEvent;

        // One lookup table, not a search of the plan's events per type: this runs on every plan edit.
        var events = new Dictionary<string, PlanEventSpec>(StringComparer.Ordinal);
        foreach (var planEvent in spec.Events)
        {
            if (!events.ContainsKey(planEvent.TypeName))
            {
                events[planEvent.TypeName] = planEvent;
            }
        }

        // A plan's types are skipped one by one (with what uses them), so which of its top-level types each one needs.
        var uses = isPlan ? Uses(spec) : null;
        foreach (var type in spec.Types.Where(t => t.ContainingType is null))
        {
            var planEvent = type.EventName is not null && events.TryGetValue(type.FullName, out var found) ? found : null;
            string pointer = type.SchemaId >= 0 && type.SchemaId < spec.Schemas.Count ? spec.Schemas[type.SchemaId].Pointer : string.Empty;
            var used = uses is not null && uses.TryGetValue(type.Name, out var set) ? set.ToEquatableArray() : EquatableArray<string>.Empty;
            names.Add(planEvent is not null
                ? new GeneratedName(type.Name, "event '" + planEvent.Name + "' of " + file, planEvent.NameLocation, planEvent.Name, used)
                : new GeneratedName(type.Name, file + "#" + pointer, start, null, used));
        }

        return new ContractTypeNames(spec.Name, spec.SourcePath, isPlan, names.ToEquatableArray());
    }

    /// <summary>For each top-level type, the other top-level types that it or a type nested in it refers to (ordinal order).</summary>
    private static Dictionary<string, SortedSet<string>> Uses(ContractSpec spec)
    {
        var uses = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in spec.Types)
        {
            string owner = TopLevel(type.FullName);
            foreach (var member in type.Members)
            {
                Add(owner, member.Type);
            }

            Add(owner, type.AdditionalProperties);
        }

        return uses;

        void Add(string owner, TypeRef? type)
        {
            for (; type is not null; type = type.Element)
            {
                if (type.Kind is TypeRefKind.Record or TypeRefKind.Enum && type.Name is not null && TopLevel(type.Name) is var used && used != owner)
                {
                    if (!uses.TryGetValue(owner, out var set))
                    {
                        uses[owner] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(used);
                }
            }
        }
    }

    private static string TopLevel(string fullName)
    {
        int dot = fullName.IndexOf('.');
        return dot < 0 ? fullName : fullName.Substring(0, dot);
    }
}

/// <summary>The top-level types of a tracking plan that are not generated because of EC1016.</summary>
internal sealed record SkippedPlanTypes(string Contract, EquatableArray<string> TypeNames);

/// <summary>
/// Generated type names are the contract name followed by the schema's name (<c>A</c> + <c>BC</c>), and plan types are
/// bare, so two contracts can generate one name (<c>AB</c> + <c>C</c>; a plan event called <c>Courier Request</c>).
/// Vendor contracts come first, then tracking plans (whose names have no prefix), each in ordinal path order: the first
/// keeps its names. A later vendor contract that would generate a taken name is reported (EC1016, once per name) and not
/// generated, as for a duplicate contract name. A later tracking plan loses only what needs a taken name: the types whose
/// names are taken and every type that refers to one of them, directly or through others (so no generated code refers
/// to a type that is not generated). Each event so skipped is reported at its name, once per taken name it needs; the
/// rest of the plan is generated as it would be without the collision. Only a taken contract class skips the whole plan,
/// as every part of the plan declares members of it.
/// </summary>
internal sealed record TypeNameCollisions(EquatableArray<string> SkippedContracts, EquatableArray<SkippedPlanTypes> SkippedTypes, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static TypeNameCollisions Find(ImmutableArray<ContractTypeNames> contracts)
    {
        var claimed = new Dictionary<string, (ContractTypeNames Owner, GeneratedName Name)>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var skippedTypes = new List<SkippedPlanTypes>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var contract in contracts.OrderBy(c => c.IsPlan).ThenBy(c => c.SourcePath, StringComparer.Ordinal).ThenBy(c => c.Contract, StringComparer.Ordinal))
        {
            var clashes = contract.Names
                .Where(n => claimed.TryGetValue(n.Name, out var taken) && taken.Owner.Contract != contract.Contract)
                .ToList();
            if (clashes.Count == 0)
            {
                Claim(contract, contract.Names);
                continue;
            }

            if (!contract.IsPlan || clashes.Any(c => c.Name == contract.Names[0].Name))
            {
                skipped.Add(contract.Contract);
                foreach (var clash in clashes)
                {
                    Report(contract, clash, clash.Location, "contract '" + contract.Contract + "' is skipped");
                }

                continue;
            }

            var lost = Closure(contract, clashes);
            skippedTypes.Add(new SkippedPlanTypes(contract.Contract, lost.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray()));
            Claim(contract, contract.Names.Where(n => !lost.Contains(n.Name)));
            foreach (var clash in clashes)
            {
                bool reported = false;
                foreach (var name in contract.Names.Where(n => n.Event is not null && lost.Contains(n.Name)))
                {
                    if (name.Name == clash.Name)
                    {
                        Report(contract, clash, name.Location, "event '" + name.Event + "' is skipped");
                        reported = true;
                    }
                    else if (Needs(contract, name.Name, clash.Name))
                    {
                        Report(contract, clash, name.Location, "event '" + name.Event + "', which uses it, is skipped");
                        reported = true;
                    }
                }

                if (!reported)
                {
                    // Every plan type is reached from an event, so this is a safeguard: a taken name is never silent.
                    Report(contract, clash, clash.Location, "type '" + clash.Name + "' is skipped");
                }
            }
        }

        return new TypeNameCollisions(
            skipped.OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray(),
            skippedTypes.OrderBy(s => s.Contract, StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());

        void Claim(ContractTypeNames contract, IEnumerable<GeneratedName> names)
        {
            foreach (var name in names)
            {
                claimed[name.Name] = (contract, name);
            }
        }

        void Report(ContractTypeNames contract, GeneratedName clash, FileLocation location, string consequence)
        {
            var (owner, taken) = claimed[clash.Name];
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameTaken, location, clash.Name, clash.Origin, contract.Contract, owner.Contract, taken.Origin, consequence));
        }
    }

    /// <summary>Whether the contract is skipped whole (a vendor contract with a taken name, or a plan whose contract class name is taken).</summary>
    public bool Skips(string contract) => SkippedContracts.Contains(contract, StringComparer.Ordinal);

    /// <summary>The top-level types of a tracking plan that are not generated (empty for every other contract).</summary>
    public EquatableArray<string> SkippedTypesOf(string contract)
    {
        foreach (var entry in SkippedTypes)
        {
            if (entry.Contract == contract)
            {
                return entry.TypeNames;
            }
        }

        return EquatableArray<string>.Empty;
    }

    /// <summary>The taken names and every top-level type of the plan that refers to one of them, directly or not.</summary>
    private static HashSet<string> Closure(ContractTypeNames plan, List<GeneratedName> clashes)
    {
        var lost = new HashSet<string>(clashes.Select(c => c.Name), StringComparer.Ordinal);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var name in plan.Names)
            {
                if (!lost.Contains(name.Name) && name.Uses.Any(lost.Contains))
                {
                    lost.Add(name.Name);
                    grew = true;
                }
            }
        }

        return lost;
    }

    /// <summary>Whether the plan's type <paramref name="from"/> refers to <paramref name="target"/>, directly or through other types.</summary>
    private static bool Needs(ContractTypeNames plan, string from, string target)
    {
        var byName = new Dictionary<string, GeneratedName>(StringComparer.Ordinal);
        foreach (var name in plan.Names)
        {
            byName[name.Name] = name;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Stack<string>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            if (!byName.TryGetValue(pending.Pop(), out var name))
            {
                continue;
            }

            foreach (string used in name.Uses)
            {
                if (used == target)
                {
                    return true;
                }

                if (seen.Add(used))
                {
                    pending.Push(used);
                }
            }
        }

        return false;
    }
}
