using System.Collections.Immutable;
using System.Composition;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace EventContracts.CodeFixes;

/// <summary>
/// Writes a tracking call's property value with the type its destination defines (EC3001): the string literal
/// <c>"19.99"</c> for Customer.io's numeric <c>revenue</c> becomes <c>19.99m</c>. The analyzer offers the literal only
/// where the value's type may change (an anonymous object's member, a value converted to <c>object</c>) and the string
/// spells a value of that type exactly, and it locates the string literal as the diagnostic's additional location.
/// The same for a string the tracking plan's <c>enum</c> or <c>const</c> refuses (EC3007), or a vendor contract's (EC3009):
/// it becomes the schema's value it looks like a typo of.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropertyValueCodeFixProvider)), Shared]
public sealed class PropertyValueCodeFixProvider : NodeReplacementCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PropertyTypeConflict.Id, DiagnosticDescriptors.PlanPropertyMismatch.Id, DiagnosticDescriptors.ContractRecordPropertyMismatch.Id);

    /// <inheritdoc/>
    protected override NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.ReplacementProperty, out string? replacement)
            && !string.IsNullOrEmpty(replacement)
            && diagnostic.AdditionalLocations.Count == 1
            && StringLiterals.At(root, diagnostic.AdditionalLocations[0]) is { } literal
                ? NodeEdit.To("Write the value as " + replacement, literal, SyntaxFactory.ParseExpression(replacement!))
                : null;
}
