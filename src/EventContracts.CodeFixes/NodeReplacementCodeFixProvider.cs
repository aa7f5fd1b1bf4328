using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EventContracts.CodeFixes;

/// <summary>
/// The shape of every EventContracts code fix: each diagnostic it can fix gets one action that replaces one node of
/// the document (keeping its trivia), with the diagnostic's ID as the equivalence key. Fix All applies each
/// diagnostic's own replacement, one document at a time, whatever action it started from: <c>dotnet format</c> takes
/// the key from the first diagnostic it finds, none when that one has no fix (an unknown event name nothing in the
/// plan resembles), and a batch filtered by that key would then fix nothing.
/// </summary>
public abstract class NodeReplacementCodeFixProvider : CodeFixProvider
{
    private static readonly FixAllProvider s_fixAll = FixAllProvider.Create(FixAllInDocumentAsync);

    /// <summary>Only this assembly's fixes derive from it.</summary>
    private protected NodeReplacementCodeFixProvider()
    {
    }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => s_fixAll;

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

    /// <summary>Replaces the node of every diagnostic in <paramref name="document"/> that has a fix (the first one per node).</summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || context.CodeFixProvider is not NodeReplacementCodeFixProvider provider)
        {
            return null;
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            if (provider.Plan(root, diagnostic) is { } edit && !replacements.ContainsKey(edit.Original))
            {
                replacements.Add(edit.Original, await edit.Replacement(document, context.CancellationToken).ConfigureAwait(false));
            }
        }

        return replacements.Count == 0
            ? null
            : document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original)));
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
