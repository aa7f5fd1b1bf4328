using System.Collections.Immutable;
using System.Composition;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EventContracts.CodeFixes;

/// <summary>
/// Rewrites the string literal of a tracking call's event name: to the tracking plan's nearest name
/// (EC2004), to the configured style (EC2005) or without surrounding whitespace (EC2007). The replacement comes from the diagnostic, so the
/// fix never re-reads the plan. A name that is not a literal (a constant elsewhere) is not rewritten.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EventNameCodeFixProvider)), Shared]
public sealed class EventNameCodeFixProvider : NodeReplacementCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownEventName.Id,
        DiagnosticDescriptors.EventNameStyle.Id,
        DiagnosticDescriptors.EventNameWhitespace.Id);

    /// <inheritdoc/>
    protected override NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(EventNameAnalyzer.ReplacementProperty, out string? replacement)
            || string.IsNullOrEmpty(replacement)
            || StringLiterals.At(root, diagnostic.Location) is not { } literal)
        {
            return null;
        }

        string title = diagnostic.Id == DiagnosticDescriptors.UnknownEventName.Id
            ? "Use the tracking plan's event '" + replacement + "'"
            : diagnostic.Id == DiagnosticDescriptors.EventNameWhitespace.Id
                ? "Remove the whitespace around the event name"
                : "Rename the event to '" + replacement + "'";
        return NodeEdit.To(title, literal, StringLiterals.Like(literal, replacement!));
    }
}
