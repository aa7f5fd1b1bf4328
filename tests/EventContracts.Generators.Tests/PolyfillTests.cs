using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EventContracts.Generators.Emitting;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// The attribute types that <c>init</c> accessors and <c>required</c> members need are declared (internal) where the
/// target framework lacks them (.NET Standard 2.0, .NET Framework, .NET before 7), never twice, and not at all with
/// <c>EventContractsPolyfills=false</c>. The SDK's framework symbols tell the framework (here given to a compilation
/// without references). The package tests build a real netstandard2.0 library.
/// </summary>
public class PolyfillTests
{
    private const string OwnIsExternalInit = "namespace System.Runtime.CompilerServices { internal static class IsExternalInit { } }";

    private static readonly string[] s_netStandard = { "NETSTANDARD", "NETSTANDARD2_0" };

    private static readonly TestFile s_contract = new("/app/contracts/shop.yaml", "type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n", "EventContract", "Shop");

    [Fact]
    public void Without_framework_symbols_none_are_declared()
        => Assert.Null(PolyfillSource(Bare()));

    [Fact]
    public void A_netstandard_compilation_gets_each_as_an_internal_type_in_its_namespace()
    {
        Assert.Equal(
            new[]
            {
                "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
                "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute",
                "System.Runtime.CompilerServices.IsExternalInit",
                "System.Runtime.CompilerServices.RequiredMemberAttribute",
            },
            InternalTypes(PolyfillSource(Bare(), symbols: s_netStandard)));
    }

    [Theory]
    [InlineData("NETSTANDARD;NETSTANDARD2_0", 4)]
    [InlineData("NETFRAMEWORK;NET472", 4)]
    [InlineData("NETCOREAPP;NETCOREAPP3_1", 4)]
    [InlineData("NETCOREAPP;NET6_0;NET5_0_OR_GREATER;NET6_0_OR_GREATER", 3)]
    [InlineData("NETCOREAPP;NET8_0;NET5_0_OR_GREATER;NET7_0_OR_GREATER;NET8_0_OR_GREATER", 0)]
    public void The_framework_symbols_tell_what_is_missing_without_looking_into_the_references(string symbols, int declared)
    {
        // A .NET 10 compilation with .NET Standard's symbols still gets them: the symbols decide, not a lookup.
        string? source = PolyfillSource(GeneratorHarness.CreateCompilation(), symbols: symbols.Split(';'));

        Assert.Equal(declared, source is null ? 0 : InternalTypes(source).Count());
        if (declared == 3)
        {
            Assert.DoesNotContain("System.Runtime.CompilerServices.IsExternalInit", InternalTypes(source));
        }
    }

    [Theory]
    [InlineData(OwnIsExternalInit)]
    [InlineData("namespace System { namespace Runtime.CompilerServices { internal static class IsExternalInit { } } }")]
    [InlineData("namespace System.Runtime.CompilerServices;\ninternal static class IsExternalInit { }")]
    public void Types_the_project_declares_itself_are_not_declared_again(string declaration)
    {
        var declared = InternalTypes(PolyfillSource(Bare(declaration), symbols: s_netStandard));

        Assert.Equal(3, declared.Count());
        Assert.DoesNotContain("System.Runtime.CompilerServices.IsExternalInit", declared);
    }

    [Fact]
    public void A_class_of_that_name_in_another_namespace_or_nested_is_not_the_type()
    {
        const string Elsewhere = "namespace Consumer { internal static class IsExternalInit { } }\nnamespace System.Runtime.CompilerServices { internal static class Outer { internal static class IsExternalInit { } } }";

        Assert.Contains("System.Runtime.CompilerServices.IsExternalInit", InternalTypes(PolyfillSource(Bare(Elsewhere), symbols: s_netStandard)));
    }

    [Theory]
    [InlineData("false")]
    [InlineData(" False ")]
    public void EventContractsPolyfills_false_turns_them_off(string value)
        => Assert.Null(PolyfillSource(Bare(), new Dictionary<string, string> { ["EventContractsPolyfills"] = value }, s_netStandard));

    [Fact]
    public void A_project_without_contracts_gets_none()
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: s_netStandard)).RunGenerators(Bare(), CancellationToken.None);

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>A compilation with no references: none of the types exists.</summary>
    private static CSharpCompilation Bare(string source = "namespace Consumer { }")
        => CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) });

    private static string? PolyfillSource(Compilation compilation, IReadOnlyDictionary<string, string>? properties = null, string[]? symbols = null)
    {
        var options = new ItemMetadataOptionsProvider(new Dictionary<string, ItemMetadata> { [s_contract.Path] = new(s_contract.Kind, s_contract.Vendor, s_contract.Operation) }, GeneratorHarness.Namespace, properties);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            new[] { GeneratorHarness.ToAdditionalText(s_contract) },
            new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: symbols),
            options);
        var result = driver.RunGenerators(compilation, CancellationToken.None).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Contains(result.GeneratedSources, s => s.HintName.StartsWith("Shop.", System.StringComparison.Ordinal));
        return result.GeneratedSources.Where(s => s.HintName == Polyfills.HintName).Select(s => s.SourceText.ToString()).SingleOrDefault();
    }

    /// <summary>The full names of the internal types a source declares, ordered.</summary>
    private static IEnumerable<string> InternalTypes(string? source)
    {
        Assert.NotNull(source);
        return CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Select(c => (Declaration: c, Namespace: c.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Single().Name.ToString()))
            .Select(t =>
            {
                Assert.Contains(t.Declaration.Modifiers, m => m.IsKind(SyntaxKind.InternalKeyword));
                return t.Namespace + "." + t.Declaration.Identifier.Text;
            })
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();
    }
}
