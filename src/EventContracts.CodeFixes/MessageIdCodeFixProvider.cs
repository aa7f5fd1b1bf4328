using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>
/// Replaces a constant message id (EC5002) written as a string literal with a new one per evaluation,
/// <c>Guid.NewGuid().ToString()</c>: the destination then tells a new event from a repeat, and a sender's retries still
/// reuse the id it was given. A constant declared elsewhere is not rewritten.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MessageIdCodeFixProvider)), Shared]
public sealed class MessageIdCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConstantMessageId.Id);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            if (node is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.ContainsDiagnostics)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Use a new message id for each event (Guid.NewGuid())", ct => Replace(context.Document, literal, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Guid when it is in scope as System.Guid (a using, global usings, ImplicitUsings), else fully qualified.
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var guid = model?.Compilation.GetTypeByMetadataName("System.Guid");
        bool inScope = guid is not null && model!.LookupNamespacesAndTypes(literal.SpanStart, name: "Guid").Any(s => SymbolEqualityComparer.Default.Equals(s, guid));
        var newId = SyntaxFactory.ParseExpression((inScope ? "Guid" : "global::System.Guid") + ".NewGuid().ToString()").WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, newId));
    }
}
