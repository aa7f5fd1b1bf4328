using System.Collections.Generic;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>One catalog row: enough to emit <c>EventContractCatalog</c> without the whole contract model.</summary>
internal sealed record CatalogEntry(
    string Name,
    string Kind,
    string? Vendor,
    string ModelType,
    string Source,
    string Validator,
    EquatableArray<ExampleSpec> Examples)
{
    /// <param name="contract">A generated contract.</param>
    /// <param name="skippedTypes">Its top-level types that are not generated (EC1016): their events have no entry.</param>
    public static IEnumerable<CatalogEntry> For(ContractSpec contract, EquatableArray<string> skippedTypes)
    {
        string ns = contract.Namespace;
        if (contract.Kind == ContractSourceKind.PlanEvent)
        {
            foreach (var evt in contract.Events)
            {
                if (skippedTypes.Contains(evt.TypeName, System.StringComparer.Ordinal))
                {
                    continue;
                }

                string model = CSharpTypes.Qualify(evt.TypeName, ns);
                yield return new CatalogEntry(
                    evt.Name,
                    "PlanEvent",
                    null,
                    model,
                    System.IO.Path.GetFileName(contract.SourcePath),
                    model + ".ValidateJson",
                    EquatableArray<ExampleSpec>.Empty);
            }

            yield break;
        }

        yield return new CatalogEntry(
            contract.Name,
            "VendorRequest",
            contract.Name,
            contract.RequestTypeName.Length > 0 ? CSharpTypes.Qualify(contract.RequestTypeName, ns) : CSharpTypes.JsonElement,
            System.IO.Path.GetFileName(contract.SourcePath),
            CSharpTypes.Qualify(contract.ContractClassName, ns) + ".ValidateRequestJson",
            contract.Examples);
    }
}

/// <summary>Emits <c>EventContractCatalog</c>: every contract and plan event of the assembly, ordered by name.</summary>
internal static class CatalogEmitter
{
    public static string Emit(string @namespace, IEnumerable<CatalogEntry> entries)
    {
        var writer = SourceWriter.File(@namespace);
        writer.Summary("Every event contract of this assembly: vendor requests and tracking-plan events, ordered by name. Tools such as the emulator validate payloads through it.");
        writer.Line(CSharpTypes.GeneratedCode);
        writer.Open("public static partial class EventContractCatalog");
        writer.Line("/// <summary>The contracts, ordered by name (ordinal).</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::EventContracts.EventContractDescriptor> Contracts { get; } = new global::EventContracts.EventContractDescriptor[]");
        writer.Line("{");
        foreach (var entry in entries.OrderBy(e => e.Name, System.StringComparer.Ordinal))
        {
            writer.Line("    new global::EventContracts.EventContractDescriptor(");
            writer.Line("        " + Naming.Literal(entry.Name) + ",");
            writer.Line("        global::EventContracts.ContractKind." + entry.Kind + ",");
            writer.Line("        " + (entry.Vendor is null ? "null" : Naming.Literal(entry.Vendor)) + ",");
            writer.Line("        typeof(" + entry.ModelType + "),");
            writer.Line("        " + Naming.Literal(entry.Source) + ",");
            if (entry.Examples.IsEmpty)
            {
                writer.Line("        global::System.Array.Empty<global::EventContracts.ContractExample>(),");
            }
            else
            {
                writer.Line("        new global::EventContracts.ContractExample[]");
                writer.Line("        {");
                foreach (var example in entry.Examples)
                {
                    writer.Line("            new(" + Naming.Literal(example.Name) + ", " + Naming.Literal(example.Json) + "),");
                }

                writer.Line("        },");
            }

            writer.Line("        " + entry.Validator + "),");
        }

        writer.Line("};");
        writer.Line();
        writer.Line("/// <summary>Finds a contract by name (ordinal), or returns null.</summary>");
        writer.Open("public static global::EventContracts.EventContractDescriptor? Find(string name)");
        writer.Open("foreach (var contract in Contracts)");
        writer.Open("if (string.Equals(contract.Name, name, global::System.StringComparison.Ordinal))");
        writer.Line("return contract;");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line("return null;");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
