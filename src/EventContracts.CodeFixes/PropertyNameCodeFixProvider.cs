using System.Collections.Immutable;
using System.Composition;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>
/// Renames a tracking call's property that a destination's rules for names refuse (EC3002) to the name the analyzer
/// found that every destination of the event accepts (<c>"bad key"</c> becomes <c>"bad_key"</c>, <c>_tag</c> becomes
/// <c>tag</c>), or one the tracking plan (EC3007) or a vendor contract (EC3009, a dictionary given to a generated record)
/// refuses to the declared name (or the <c>propertyNames</c> rule's) it looks like a typo of: a string literal key, or an
/// anonymous object's member name, located as the diagnostic's additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropertyNameCodeFixProvider)), Shared]
public sealed class PropertyNameCodeFixProvider : NodeReplacementCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PropertyNameNotAllowed.Id, DiagnosticDescriptors.PlanPropertyMismatch.Id, DiagnosticDescriptors.ContractRecordPropertyMismatch.Id);

    /// <inheritdoc/>
    protected override NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.NewNameProperty, out string? name)
            || string.IsNullOrEmpty(name)
            || diagnostic.AdditionalLocations.Count != 1)
        {
            return null;
        }

        string title = "Rename the property to '" + name + "'";
        var location = diagnostic.AdditionalLocations[0];
        if (StringLiterals.At(root, location) is { } literal)
        {
            return NodeEdit.To(title, literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name!)));
        }

        return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is IdentifierNameSyntax identifier && !identifier.Identifier.ContainsDiagnostics
            ? NodeEdit.To(title, identifier, SyntaxFactory.IdentifierName(name!))
            : null;
    }
}
