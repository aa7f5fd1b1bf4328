using System.Collections.Generic;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// One catalog row: enough to emit <c>EventContractCatalog</c> without the whole contract model. <see cref="Records"/>:
/// the qualified names of the contract's generated records (on a plan's first event only), for the JSON type resolver.
/// </summary>
internal sealed record CatalogEntry(
    string Name,
    string Kind,
    string? Vendor,
    string ModelType,
    string Source,
    string Validator,
    EquatableArray<ExampleSpec> Examples,
    EquatableArray<string> Records = default)
{
    /// <param name="contract">A generated contract.</param>
    /// <param name="skippedTypes">Its top-level types that are not generated (EC1016): their events have no entry.</param>
    public static IEnumerable<CatalogEntry> For(ContractSpec contract, EquatableArray<string> skippedTypes)
    {
        string ns = contract.Namespace;

        // A record is generated unless the top-level type it is declared in was skipped.
        var records = contract.Types
            .Where(t => t.Kind == TypeSpecKind.Record && !skippedTypes.Contains((t.ContainingType ?? t.Name).Split('.')[0], System.StringComparer.Ordinal))
            .Select(t => CSharpTypes.Qualify(t.FullName, ns))
            .ToEquatableArray();
        if (contract.Kind == ContractSourceKind.PlanEvent)
        {
            bool first = true;
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
                    EquatableArray<ExampleSpec>.Empty,
                    first ? records : EquatableArray<string>.Empty);
                first = false;
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
            contract.Examples,
            records);
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
        EmitResolver(writer, entries);
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A System.Text.Json type resolver that gives every generated record its own converter, so JsonSerializer needs no
    /// reflection for them: a JsonSerializerContext of the same project cannot see types another generator adds.
    /// </summary>
    private static void EmitResolver(SourceWriter writer, IEnumerable<CatalogEntry> entries)
    {
        const string Metadata = "global::System.Text.Json.Serialization.Metadata.";
        var records = entries.SelectMany(e => e.Records.AsImmutableArray()).Distinct(System.StringComparer.Ordinal).OrderBy(r => r, System.StringComparer.Ordinal).ToList();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// System.Text.Json metadata for every generated record, from its own converter and without reflection, for an app");
        writer.Line("/// published trimmed or as Native AOT: <c>new JsonSerializerOptions { TypeInfoResolver = EventContractCatalog.JsonTypeInfoResolver }</c>,");
        writer.Line("/// or <c>JsonTypeInfoResolver.Combine(EventContractCatalog.JsonTypeInfoResolver, MyJsonContext.Default)</c> beside a");
        writer.Line("/// <c>JsonSerializerContext</c> (which cannot see the generated records of its own project). Other types resolve to null.");
        writer.Line("/// </summary>");
        writer.Line("public static " + Metadata + "IJsonTypeInfoResolver JsonTypeInfoResolver { get; } = new RecordTypeInfoResolver();");
        writer.Line();
        writer.Open("private sealed class RecordTypeInfoResolver : " + Metadata + "IJsonTypeInfoResolver");
        writer.Open("public " + Metadata + "JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)");
        foreach (string record in records)
        {
            writer.Open("if (type == typeof(" + record + "))");
            writer.Line("return " + Metadata + "JsonMetadataServices.CreateValueInfo<" + record + ">(options, new " + record + ".Converter());");
            writer.Close();
            writer.Line();
        }

        writer.Line("return null;");
        writer.Close();
        writer.Close();
    }
}
