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
/// Fixes a tracking call's property (or a generated record's) where the analyzer found what to write instead, located
/// as the diagnostic's additional location:
/// <list type="bullet">
/// <item>a name a destination's rules refuse (EC3002) becomes the name the analyzer found every destination of the event
/// accepts (<c>"bad key"</c> becomes <c>"bad_key"</c>, <c>_tag</c> becomes <c>tag</c>); a name the tracking plan (EC3007) or a
/// vendor contract (EC3009, a dictionary given to a generated record) refuses becomes the declared name (or the
/// <c>propertyNames</c> rule's) it looks like a typo of: a string literal key, or an anonymous object's member name;</item>
/// <item>a value is written with the type its destination defines (EC3001): the string literal <c>"19.99"</c> for
/// Customer.io's numeric <c>revenue</c> becomes <c>19.99m</c>, offered only where the value's type may change (an anonymous
/// object's member, a value converted to <c>object</c>) and the string spells a value of that type exactly; a string the
/// plan's (EC3007) or a contract's (EC3009) <c>enum</c> or <c>const</c> refuses becomes the schema's value it looks like a
/// typo of.</item>
/// </list>
/// One provider for names and values: EC3007 and EC3009 report both, and <c>dotnet format</c> runs every provider of an
/// ID over the diagnostics found before the first one changed the file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropertyCodeFixProvider)), Shared]
public sealed class PropertyCodeFixProvider : NodeReplacementCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PropertyTypeConflict.Id,
        DiagnosticDescriptors.PropertyNameNotAllowed.Id,
        DiagnosticDescriptors.PlanPropertyMismatch.Id,
        DiagnosticDescriptors.ContractRecordPropertyMismatch.Id);

    /// <inheritdoc/>
    protected override NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count != 1)
        {
            return null;
        }

        var location = diagnostic.AdditionalLocations[0];
        if (diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.NewNameProperty, out string? name) && !string.IsNullOrEmpty(name))
        {
            string title = "Rename the property to '" + name + "'";
            if (StringLiterals.At(root, location) is { } key)
            {
                return NodeEdit.To(title, key, StringLiterals.Like(key, name!));
            }

            return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is IdentifierNameSyntax identifier && !identifier.Identifier.ContainsDiagnostics
                ? NodeEdit.To(title, identifier, SyntaxFactory.IdentifierName(name!))
                : null;
        }

        if (!diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.ReplacementProperty, out string? replacement)
            || string.IsNullOrEmpty(replacement)
            || StringLiterals.At(root, location) is not { } literal)
        {
            return null;
        }

        // A string written over a string keeps its form (verbatim, raw); a number replaces it as it is.
        var written = SyntaxFactory.ParseExpression(replacement!);
        return NodeEdit.To(
            "Write the value as " + replacement,
            literal,
            written is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } text ? StringLiterals.Like(literal, text.Token.ValueText) : written);
    }
}
