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
/// Rewrites the string literal of a tracking call's event name: to the tracking plan's nearest name
/// (EC2004), to the configured style (EC2005) or without surrounding whitespace (EC2007). The replacement comes from the diagnostic, so the
/// fix never re-reads the plan. A name that is not a literal (a constant elsewhere) is not rewritten.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EventNameCodeFixProvider)), Shared]
public sealed class EventNameCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownEventName.Id,
        DiagnosticDescriptors.EventNameStyle.Id,
        DiagnosticDescriptors.EventNameWhitespace.Id);

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
            if (!diagnostic.Properties.TryGetValue(EventNameAnalyzer.ReplacementProperty, out string? replacement) || string.IsNullOrEmpty(replacement))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            // A literal with a syntax error (no closing quote: it runs to the end of the line) would take the code after it along.
            if (node is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.ContainsDiagnostics)
            {
                continue;
            }

            string title = diagnostic.Id == DiagnosticDescriptors.UnknownEventName.Id
                ? "Use the tracking plan's event '" + replacement + "'"
                : diagnostic.Id == DiagnosticDescriptors.EventNameWhitespace.Id
                    ? "Remove the whitespace around the event name"
                    : "Rename the event to '" + replacement + "'";
            // One key per ID: Fix All applies every action with the chosen key, and each writes its own diagnostic's replacement.
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, literal, replacement!, ct), equivalenceKey: diagnostic.Id),
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

        var updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, updated));
    }
}
