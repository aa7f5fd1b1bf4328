using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EventContracts.Generators.Model;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// A generated type must not hide a namespace or type the generated code names: with the generated namespace
/// <c>EventContracts</c> (a project of that name) a plan event <c>Validation</c> would be the type
/// <c>EventContracts.Validation</c>, and every <c>global::EventContracts.Validation.ValidationContext</c> would stop
/// binding. Such an event is renamed (EC1014), and <see cref="ExternalNames"/> lists every name the code uses.
/// </summary>
public class ExternalNamesTests
{
    private static readonly Regex s_qualified = new(@"global::([A-Za-z_][A-Za-z0-9_.]*)", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_name_the_generated_code_qualifies_is_listed()
    {
        // The five vendors with the sample's plan, then with the benchmark's, and with .NET Standard's symbols the polyfills.
        var sources = new List<string>();
        foreach (string plan in new[] { Path.Combine("samples", "ShopTracker", "tracking-plan.yaml"), Path.Combine("tests", "EventContracts.Benchmarks", "tracking-plan.yaml") })
        {
            var files = GeneratorHarness.BuiltInVendors
                .Append(new TestFile("/app/tracking-plan.yaml", File.ReadAllText(Path.Combine(GeneratorHarness.RepositoryRoot, plan)), Kind: "TrackingPlan"))
                .ToList();
            sources.AddRange(Generate(files, GeneratorHarness.Namespace, new[] { "NETSTANDARD", "NETSTANDARD2_0" }).Sources);
        }

        var names = sources.SelectMany(s => s_qualified.Matches(s).Select(m => m.Groups[1].Value.TrimEnd('.')))
            .Where(name => !name.StartsWith(GeneratorHarness.Namespace + ".", System.StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains(sources, s => s.Contains("namespace System.Runtime.CompilerServices", System.StringComparison.Ordinal));
        Assert.True(names.Count > 40, string.Join(", ", names));
        Assert.All(names, name => Assert.True(
            ExternalNames.All.Any(listed => name == listed || name.StartsWith(listed + ".", System.StringComparison.Ordinal)),
            "generated code names global::" + name + ", which ExternalNames does not list"));
    }

    [Theory]
    [InlineData("EventContracts", "Validation", "EventContracts.Validation")]
    [InlineData("EventContracts", "Validation Result", "EventContracts.ValidationResult")]
    [InlineData("EventContracts", "Delivery", "EventContracts.Delivery")]
    [InlineData("System", "Text", "System.Text")]
    [InlineData("System", "Type", "System.Type")]
    [InlineData("System", "Runtime", "System.Runtime")]
    [InlineData("System.Text", "Json", "System.Text.Json")]
    [InlineData("System", "Exception", "System.Exception")]
    [InlineData("System.Text", "String Builder", "System.Text.StringBuilder")]
    [InlineData("System", "String", "System.String")]
    public void An_event_that_would_hide_a_name_the_generated_code_uses_is_renamed(string generatedNamespace, string eventName, string hidden)
    {
        string plan = "events:\n  - name: " + eventName + "\n    destinations: [Courier]\n    properties: { type: object, properties: { x: { type: string } } }\n"
            + "  - name: Order Completed\n    destinations: [Courier]\n";
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan"));

        var (diagnostics, _, output) = Generate(files.ToList(), generatedNamespace, symbols: null);

        var renamed = Assert.Single(diagnostics, d => d.Id == "EC1014");
        string typeName = eventName.Replace(" ", string.Empty, System.StringComparison.Ordinal);
        Assert.Equal(
            "Event '" + eventName + "' maps to the C# name '" + typeName + "', which in namespace " + generatedNamespace + " would hide " + hidden + ", which the generated code uses; it is generated as '" + typeName + "2'",
            renamed.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("/app/tracking-plan.yaml", renamed.Location.GetLineSpan().Path);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName(generatedNamespace + "." + typeName + "2"));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("Microsoft")]
    public void An_event_named_like_a_root_namespace_is_renamed_so_the_app_s_code_keeps_the_namespace(string eventName)
    {
        string plan = "events:\n  - name: " + eventName + "\n    destinations: [Courier]\n";
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan"));

        var (diagnostics, _, output) = Generate(files.ToList(), "Shop", symbols: null);

        string typeName = Naming.ToPascalCase(eventName);
        Assert.Equal(
            "Event '" + eventName + "' maps to the C# name '" + typeName + "', which would hide the namespace " + typeName + " from the code in namespace Shop (" + typeName + ".X would name a member of the type); it is generated as '" + typeName + "2'",
            Assert.Single(diagnostics, d => d.Id == "EC1014").GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Shop." + typeName + "2"));
    }

    [Fact]
    public void An_ordinary_namespace_reserves_the_root_namespaces_only()
    {
        Assert.Equal(new[] { "System", "Microsoft" }, ExternalNames.ReservedIn("Shop.Contracts"));
        Assert.Null(ExternalNames.HiddenBy("Shop.Contracts", "Validation"));
        Assert.Equal("System.Type", ExternalNames.HiddenBy("System", "Type"));
        Assert.Contains("Validation", ExternalNames.ReservedIn("EventContracts"));
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Sources, Compilation Output) Generate(IReadOnlyList<TestFile> files, string generatedNamespace, string[]? symbols)
    {
        var options = new ItemMetadataOptionsProvider(
            files.ToDictionary(f => f.Path, f => new ItemMetadata(f.Kind, f.Vendor, f.Operation, f.EventNameStyle, f.BuiltIn)),
            generatedNamespace);
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: symbols);
        var driver = CSharpGeneratorDriver.Create(new[] { new EventContractGenerator().AsSourceGenerator() }, files.Select(GeneratorHarness.ToAdditionalText), parse, options);
        var result = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out var output, out var diagnostics, CancellationToken.None).GetRunResult();
        return (diagnostics, result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList(), output);
    }
}
