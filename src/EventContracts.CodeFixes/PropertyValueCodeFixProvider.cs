using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>
/// Writes a tracking call's property value with the type its destination defines (EC3001): the string literal
/// <c>"19.99"</c> for Customer.io's numeric <c>revenue</c> becomes <c>19.99m</c>. The analyzer offers the literal only
/// where the value's type may change (an anonymous object's member, a value converted to <c>object</c>) and the string
/// spells a value of that type exactly, and it locates the string literal as the diagnostic's additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropertyValueCodeFixProvider)), Shared]
public sealed class PropertyValueCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PropertyTypeConflict.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.ReplacementProperty, out string? replacement)
                || string.IsNullOrEmpty(replacement)
                || diagnostic.AdditionalLocations.Count != 1
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.Token.ContainsDiagnostics)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Write the value as " + replacement, ct => Replace(context.Document, literal, replacement!, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, LiteralExpressionSyntax literal, string replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var updated = SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, updated));
    }
}
