using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EventContracts.CodeFixes;

/// <summary>
/// The shape of every EventContracts code fix: each diagnostic it can fix gets one action that replaces one node of
/// the document (keeping its trivia), with the diagnostic's ID as the equivalence key, so Fix All applies each
/// diagnostic's own replacement.
/// </summary>
public abstract class NodeReplacementCodeFixProvider : CodeFixProvider
{
    /// <summary>Only this assembly's fixes derive from it.</summary>
    private protected NodeReplacementCodeFixProvider()
    {
    }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, diagnostic) is not { } edit)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(edit.Title, ct => ApplyAsync(document, edit, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    /// <summary>The replacement for one diagnostic, or null when this fix does not apply to it.</summary>
    /// <param name="root">The document's syntax root.</param>
    /// <param name="diagnostic">A diagnostic with one of <see cref="CodeFixProvider.FixableDiagnosticIds"/>.</param>
    /// <returns>The action's title, the node to replace and how to make its replacement.</returns>
    protected abstract NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic);

    private static async Task<Document> ApplyAsync(Document document, NodeEdit edit, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var replacement = await edit.Replacement(document, cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root.ReplaceNode(edit.Original, replacement.WithTriviaFrom(edit.Original)));
    }

    /// <summary>One planned replacement: the action's title, the node, and a function that makes the new node.</summary>
    /// <param name="Title">The code action's title.</param>
    /// <param name="Original">The node to replace.</param>
    /// <param name="Replacement">Makes the new node (it may read the document's semantic model).</param>
    protected sealed record NodeEdit(string Title, SyntaxNode Original, Func<Document, CancellationToken, Task<SyntaxNode>> Replacement)
    {
        /// <summary>A replacement known without the semantic model.</summary>
        /// <param name="title">The code action's title.</param>
        /// <param name="original">The node to replace.</param>
        /// <param name="replacement">The new node.</param>
        /// <returns>The edit.</returns>
        public static NodeEdit To(string title, SyntaxNode original, SyntaxNode replacement)
            => new(title, original, (_, _) => Task.FromResult(replacement));
    }
}
