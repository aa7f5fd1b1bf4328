using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Checks;

/// <summary>A top-level C# name one contract generates, where it comes from, and where to report it.</summary>
internal sealed record GeneratedName(string Name, string Origin, FileLocation Location);

/// <summary>The top-level C# names of one contract (its contract class and its top-level types).</summary>
internal sealed record ContractTypeNames(string Contract, string SourcePath, bool IsPlan, EquatableArray<GeneratedName> Names)
{
    public static ContractTypeNames From(ContractSpec spec)
    {
        string file = System.IO.Path.GetFileName(spec.SourcePath);
        var start = FileLocation.StartOf(spec.SourcePath);
        var names = new List<GeneratedName> { new(spec.ContractClassName, "the contract class of " + file, start) };

        // One lookup table, not a search of the plan's events per type: this runs on every plan edit.
        var events = new Dictionary<string, PlanEventSpec>(StringComparer.Ordinal);
        foreach (var planEvent in spec.Events)
        {
            if (!events.ContainsKey(planEvent.TypeName))
            {
                events[planEvent.TypeName] = planEvent;
            }
        }

        foreach (var type in spec.Types.Where(t => t.ContainingType is null))
        {
            var planEvent = type.EventName is not null && events.TryGetValue(type.FullName, out var found) ? found : null;
            string pointer = type.SchemaId >= 0 && type.SchemaId < spec.Schemas.Count ? spec.Schemas[type.SchemaId].Pointer : string.Empty;
            names.Add(planEvent is not null
                ? new GeneratedName(type.Name, "event '" + planEvent.Name + "' of " + file, planEvent.NameLocation)
                : new GeneratedName(type.Name, file + "#" + pointer, start));
        }

        return new ContractTypeNames(spec.Name, spec.SourcePath, spec.Kind == ContractSourceKind.PlanEvent, names.ToEquatableArray());
    }
}

/// <summary>
/// Generated type names are the contract name followed by the schema's name (<c>A</c> + <c>BC</c>), and plan types are
/// bare, so two contracts can generate one name (<c>AB</c> + <c>C</c>; a plan event called <c>Courier Request</c>).
/// Vendor contracts come first, then tracking plans (whose names have no prefix), each in ordinal path order: the first
/// keeps its names, and a later contract that would generate a taken name is reported (EC1016, once per name) and not
/// generated, as for a duplicate contract name.
/// </summary>
internal sealed record TypeNameCollisions(EquatableArray<string> SkippedContracts, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static TypeNameCollisions Find(ImmutableArray<ContractTypeNames> contracts)
    {
        var claimed = new Dictionary<string, (ContractTypeNames Owner, GeneratedName Name)>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var contract in contracts.OrderBy(c => c.IsPlan).ThenBy(c => c.SourcePath, StringComparer.Ordinal).ThenBy(c => c.Contract, StringComparer.Ordinal))
        {
            var clashes = contract.Names
                .Where(n => claimed.TryGetValue(n.Name, out var taken) && taken.Owner.Contract != contract.Contract)
                .ToList();
            if (clashes.Count == 0)
            {
                foreach (var name in contract.Names)
                {
                    claimed[name.Name] = (contract, name);
                }

                continue;
            }

            skipped.Add(contract.Contract);
            foreach (var clash in clashes)
            {
                var (owner, taken) = claimed[clash.Name];
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameTaken, clash.Location, clash.Name, clash.Origin, contract.Contract, owner.Contract, taken.Origin));
            }
        }

        return new TypeNameCollisions(skipped.OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    public bool Skips(string contract) => SkippedContracts.Contains(contract, StringComparer.Ordinal);
}
