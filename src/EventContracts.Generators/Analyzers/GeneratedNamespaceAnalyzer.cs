using System;
using System.Collections.Immutable;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Two projects that generate into one namespace, one referencing the other (a shared <c>EventContractsNamespace</c>
/// in a <c>Directory.Build.props</c>): the compiler reports a CS0436 warning for every use of every type both generate
/// and says nothing of why. EC1025 says it once, naming the assembly, when this compilation's generated
/// <c>EventContractCatalog</c> has a namesake from EventContracts in a reference.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratedNamespaceAnalyzer : DiagnosticAnalyzer
{
    private const string CatalogName = "EventContractCatalog";
    private const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.NamespaceGeneratedTwice);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(static compilation =>
        {
            // The settings carry C#'s escapes ("My.@class"); metadata names have none.
            string ns = ProjectFiles.Settings(compilation.Options.AnalyzerConfigOptionsProvider).Namespace.Replace("@", string.Empty);
            var catalogs = compilation.Compilation.GetTypesByMetadataName(ns + "." + CatalogName);
            var here = compilation.Compilation.Assembly;
            var referenced = catalogs.Where(c => !SymbolEqualityComparer.Default.Equals(c.ContainingAssembly, here) && IsGenerated(c))
                .Select(c => c.ContainingAssembly.Name)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();
            if (referenced.Count > 0 && catalogs.Any(c => SymbolEqualityComparer.Default.Equals(c.ContainingAssembly, here) && IsGenerated(c)))
            {
                // Every such assembly: two libraries in the app's namespace clash with each other too (CS0433).
                compilation.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceGeneratedTwice, Location.None, ns, string.Join("', '", referenced)));
            }
        });
    }

    private static bool IsGenerated(INamedTypeSymbol type)
        => type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratedCodeAttribute
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is "EventContracts");
}
