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
/// Renames a tracking call's property that a destination's rules for names refuse (EC3002) to the name the analyzer
/// found that every destination of the event accepts (<c>"bad key"</c> becomes <c>"bad_key"</c>, <c>_tag</c> becomes
/// <c>tag</c>): a string literal key, or an anonymous object's member name, located as the diagnostic's additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropertyNameCodeFixProvider)), Shared]
public sealed class PropertyNameCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PropertyNameNotAllowed.Id);

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
            if (!diagnostic.Properties.TryGetValue(EventPropertiesAnalyzer.ReplacementProperty, out string? name)
                || string.IsNullOrEmpty(name)
                || diagnostic.AdditionalLocations.Count != 1)
            {
                continue;
            }

            var original = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
            ExpressionSyntax? replacement = original switch
            {
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.ContainsDiagnostics
                    => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name!)),
                IdentifierNameSyntax identifier when !identifier.Identifier.ContainsDiagnostics => SyntaxFactory.IdentifierName(name!),
                _ => null,
            };
            if (original is null || replacement is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Rename the property to '" + name + "'", ct => Replace(context.Document, original, replacement.WithTriviaFrom(original), ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, ExpressionSyntax original, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(original, replacement));
    }
}
