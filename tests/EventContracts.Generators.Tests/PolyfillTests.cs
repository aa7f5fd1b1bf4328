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
/// <c>EventContractsPolyfills=false</c>. A compilation without references stands in for such a framework here; the
/// package tests build a real netstandard2.0 library.
/// </summary>
public class PolyfillTests
{
    private static readonly TestFile s_contract = new("/app/contracts/shop.yaml", "type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n", "EventContract", "Shop");

    [Fact]
    public void A_compilation_that_has_the_types_gets_none()
        => Assert.Null(PolyfillSource(GeneratorHarness.CreateCompilation()));

    [Fact]
    public void A_compilation_without_them_gets_each_as_an_internal_type_in_its_namespace()
    {
        Assert.Equal(
            new[]
            {
                "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
                "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute",
                "System.Runtime.CompilerServices.IsExternalInit",
                "System.Runtime.CompilerServices.RequiredMemberAttribute",
            },
            InternalTypes(PolyfillSource(Bare())));
    }

    [Fact]
    public void Types_the_project_declares_itself_are_not_declared_again()
    {
        var compilation = Bare("namespace System.Runtime.CompilerServices { internal static class IsExternalInit { } }");

        Assert.DoesNotContain("System.Runtime.CompilerServices.IsExternalInit", InternalTypes(PolyfillSource(compilation)));
        Assert.Equal(LanguageSupportTypes.RequiredMember | LanguageSupportTypes.CompilerFeatureRequired | LanguageSupportTypes.SetsRequiredMembers, Polyfills.Missing(compilation));
    }

    [Theory]
    [InlineData("false")]
    [InlineData(" False ")]
    public void EventContractsPolyfills_false_turns_them_off(string value)
        => Assert.Null(PolyfillSource(Bare(), new Dictionary<string, string> { ["EventContractsPolyfills"] = value }));

    [Fact]
    public void A_project_without_contracts_gets_none()
    {
        var driver = CSharpGeneratorDriver.Create(new EventContractGenerator()).RunGenerators(Bare(), CancellationToken.None);

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>A compilation with no references: none of the types exists.</summary>
    private static CSharpCompilation Bare(string source = "namespace Consumer { }")
        => CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) });

    private static string? PolyfillSource(Compilation compilation, IReadOnlyDictionary<string, string>? properties = null)
    {
        var options = new ItemMetadataOptionsProvider(new Dictionary<string, ItemMetadata> { [s_contract.Path] = new(s_contract.Kind, s_contract.Vendor, s_contract.Operation) }, GeneratorHarness.Namespace, properties);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            new[] { GeneratorHarness.ToAdditionalText(s_contract) },
            new CSharpParseOptions(LanguageVersion.CSharp12),
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
