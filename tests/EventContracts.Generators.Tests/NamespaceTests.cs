using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// <c>EventContractsNamespace</c> (else <c>RootNamespace</c>) as generated code writes it: keywords escaped, a value
/// that is not a namespace rewritten and reported (EC1019), and the generated code compiles either way.
/// </summary>
public class NamespaceTests
{
    private const string Contract = """
        type: object
        required: [order_id]
        properties:
          order_id: { type: string }
        """;

    [Theory]
    [InlineData("My.class.Events", "My.@class.Events")]
    [InlineData("My.@class.Events", "My.@class.Events")]
    [InlineData("int.namespace", "@int.@namespace")]
    [InlineData(" My.Events ", "My.Events")]
    public void A_keyword_part_is_escaped_and_is_no_rewrite(string configured, string written)
    {
        var (diagnostics, output) = Run(("build_property.EventContractsNamespace", configured));

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("namespace " + written + ";", StringComparison.Ordinal));
        Assert.NotNull(output.GetTypeByMetadataName(written.Replace("@", string.Empty, StringComparison.Ordinal) + ".ShopRequest"));
    }

    [Theory]
    [InlineData("1abc", "_1abc")]
    [InlineData("a..b", "a.b")]
    [InlineData("Foo.Bar-Baz", "Foo.BarBaz")]
    public void A_value_that_is_not_a_namespace_is_rewritten_and_EC1019_says_so(string configured, string written)
    {
        var (diagnostics, output) = Run(("build_property.EventContractsNamespace", configured));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EC1019", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Equal("EventContractsNamespace '" + configured + "' is not a valid C# namespace; the generated code is in namespace '" + written + "'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName(written + ".ShopRequest"));
    }

    [Fact]
    public void A_RootNamespace_from_the_project_name_is_rewritten_without_a_warning()
    {
        // The SDK's default RootNamespace is the project name ("my-app"); the user wrote no namespace to be told about.
        var (diagnostics, output) = Run(("build_property.RootNamespace", "my-app"));

        Assert.Empty(diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("MyApp.ShopRequest"));
    }

    [Theory]
    [InlineData("build_property._EventContractsRootNamespace", "C\\23Tools", "CTools", null)]
    [InlineData("build_property._EventContractsRootNamespace", "Foo\\3BBar", "FooBar", null)]
    [InlineData("build_property._EventContractsNamespace", "Shop.Contracts\\23x\\3By", "Shop.ContractsXY", "Shop.Contracts#x;y")]
    public void A_namespace_the_targets_encoded_is_read_whole(string key, string encoded, string written, string? reported)
    {
        // The compiler's analyzer config ends a value at '#' or ';', so the package's targets write them \23 and \3B.
        var (diagnostics, output) = Run((key, encoded));

        Assert.Equal(reported, diagnostics.SingleOrDefault(d => d.Id == "EC1019")?.GetMessage(CultureInfo.InvariantCulture).Split('\'')[1]);
        Assert.NotNull(output.GetTypeByMetadataName(written + ".ShopRequest"));
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, Compilation Output) Run((string Key, string Value) global)
    {
        var file = new TestFile("/app/contracts/shop.yaml", Contract, "EventContract", "Shop");
        var items = new ItemMetadataOptionsProvider(new Dictionary<string, ItemMetadata> { [file.Path] = new(file.Kind, file.Vendor, file.Operation) }, string.Empty);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            new[] { GeneratorHarness.ToAdditionalText(file) },
            new CSharpParseOptions(LanguageVersion.CSharp12),
            new GlobalOptionsProvider(items, global));
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out var output, out var diagnostics, CancellationToken.None);
        return (diagnostics, output);
    }

    /// <summary>The items' metadata, with one MSBuild property as the only global option.</summary>
    private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _items;

        public GlobalOptionsProvider(AnalyzerConfigOptionsProvider items, (string Key, string Value) global)
        {
            _items = items;
            GlobalOptions = new Single(global.Key, global.Value);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _items.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _items.GetOptions(textFile);

        private sealed class Single : AnalyzerConfigOptions
        {
            private readonly string _key;
            private readonly string _value;

            public Single(string key, string value) => (_key, _value) = (key, value);

            public override bool TryGetValue(string key, out string value)
            {
                value = key == _key ? _value : string.Empty;
                return key == _key;
            }
        }
    }
}
