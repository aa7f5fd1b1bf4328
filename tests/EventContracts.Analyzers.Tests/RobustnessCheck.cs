using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RoslynProject = Microsoft.CodeAnalysis.Project;

namespace EventContracts.Analyzers.Tests;

/// <summary>What one analysis of a project found: the EC diagnostics, and every way the analyzers or code fixes broke.</summary>
public sealed class RobustnessResult
{
    public List<Diagnostic> Diagnostics { get; } = new();

    public List<string> Failures { get; } = new();

    /// <summary>Code actions whose operations were computed and checked.</summary>
    public int FixesChecked { get; set; }

    public bool CompilerErrors { get; set; }

    /// <summary>An exception of Roslyn itself (its parser or compiler) before any analyzer ran; nothing of ours was checked.</summary>
    public string? RoslynFailure { get; set; }
}

/// <summary>
/// Runs every analyzer of the package over a project as an editor does (the document's syntax and semantic analyzer
/// diagnostics, optionally the whole compilation's) with an exception callback, and every code fix of the package
/// on each EC diagnostic it fixes, and checks: no analyzer throws (no callback, no AD0001), every EC diagnostic lies in a
/// source tree of the compilation and its message formats, every fix registers and computes its operations without
/// throwing, and a fix's change stays inside its diagnostic's span, replaces only complete code and adds no syntax error.
/// </summary>
public static class RobustnessCheck
{
    public static async Task<RobustnessResult> RunAsync(RoslynProject project, DocumentId documentId, bool wholeCompilation, bool applyFixes, CancellationToken ct)
    {
        var result = new RobustnessResult();
        var exceptions = new ConcurrentQueue<string>();
        Compilation compilation;
        SyntaxTree tree;
        try
        {
            compilation = (await project.GetCompilationAsync(ct).ConfigureAwait(false))!;
            tree = (await project.GetDocument(documentId)!.GetSyntaxTreeAsync(ct).ConfigureAwait(false))!;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Roslyn 4.14's incremental parser throws on a few edits (InvalidOperationException "Unexpected value
            // 'QualifiedName'" in LanguageParser.GetPrecedence, after inserting '::'): not the package's to check.
            result.RoslynFailure = ex.GetType().Name + ": " + ex.Message;
            return result;
        }

        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Enqueue(analyzer.GetType().Name + " threw " + ex),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerWorkspace.Analyzers, options);
        var model = compilation.GetSemanticModel(tree);
        result.CompilerErrors = model.GetDiagnostics(cancellationToken: ct).Any(d => d.Severity == DiagnosticSeverity.Error);
        var diagnostics = new List<Diagnostic>();
        diagnostics.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, ct).ConfigureAwait(false));
        diagnostics.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, ct).ConfigureAwait(false));
        if (wholeCompilation)
        {
            diagnostics.AddRange(await withAnalyzers.GetAnalyzerDiagnosticsAsync(ct).ConfigureAwait(false));
        }

        result.Failures.AddRange(exceptions);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                result.Failures.Add("AD0001: " + diagnostic.GetMessage(CultureInfo.InvariantCulture));
                continue;
            }

            if (!diagnostic.Id.StartsWith("EC", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                _ = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            }
            catch (Exception ex)
            {
                result.Failures.Add(diagnostic.Id + " message does not format: " + ex.Message);
            }

            var location = diagnostic.Location;
            if (!location.IsInSource
                || location.SourceTree is not { } where
                || !compilation.SyntaxTrees.Contains(where)
                || location.SourceSpan.End > where.Length)
            {
                result.Failures.Add(diagnostic.Id + " is not in a source tree of the compilation: " + location);
                continue;
            }

            result.Diagnostics.Add(diagnostic);
        }

        // The same diagnostic from the document and the whole compilation is one diagnostic.
        var distinct = result.Diagnostics.GroupBy(d => (d.Id, d.Location.SourceTree, d.Location.SourceSpan, d.GetMessage(CultureInfo.InvariantCulture))).Select(g => g.First()).ToList();
        result.Diagnostics.Clear();
        result.Diagnostics.AddRange(distinct);
        if (applyFixes)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                foreach (var provider in AnalyzerWorkspace.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    await CheckFixAsync(project, provider, diagnostic, result, ct).ConfigureAwait(false);
                }
            }
        }

        return result;
    }

    private static async Task CheckFixAsync(RoslynProject project, CodeFixProvider provider, Diagnostic diagnostic, RobustnessResult result, CancellationToken ct)
    {
        string what = provider.GetType().Name + " on " + diagnostic.Id + " at " + diagnostic.Location.GetLineSpan();
        var document = project.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            result.Failures.Add(what + ": the diagnostic's tree is not a document of the project");
            return;
        }

        var actions = new List<CodeAction>();
        try
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), ct);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result.Failures.Add(what + ": RegisterCodeFixesAsync threw " + ex);
            return;
        }

        var before = await document.GetTextAsync(ct).ConfigureAwait(false);
        var span = diagnostic.Location.SourceSpan;
        int syntaxErrorsBefore = CountSyntaxErrors(before, document);
        foreach (var action in actions)
        {
            ImmutableArray<CodeActionOperation> operations;
            try
            {
                operations = await action.GetOperationsAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result.Failures.Add(what + ": '" + action.Title + "' threw " + ex);
                continue;
            }

            result.FixesChecked++;
            foreach (var apply in operations.OfType<ApplyChangesOperation>())
            {
                var changed = apply.ChangedSolution.GetDocument(document.Id);
                if (changed is null)
                {
                    result.Failures.Add(what + ": '" + action.Title + "' removed the document");
                    continue;
                }

                // A fix edits the diagnostic's span, or the place an additional location points at (a key written before
                // the call, whose problem is reported on the call's argument).
                var after = (await changed.GetTextAsync(ct).ConfigureAwait(false)).ToString();
                string original = before.ToString();
                var allowed = new[] { span }.Concat(diagnostic.AdditionalLocations.Where(l => l.SourceTree == diagnostic.Location.SourceTree).Select(l => l.SourceSpan));
                if (!allowed.Any(edited => Within(original, after, edited)))
                {
                    result.Failures.Add(what + ": '" + action.Title + "' changed code outside the diagnostic's span and additional locations");
                    continue;
                }

                // The replaced code must be complete: an unterminated literal runs to the end of the line, and replacing it deletes
                // what follows. So no token with text that the fix's edits touch may have a syntax error (a missing token the
                // parser put beside the edit has none to lose).
                var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                var changes = (await changed.GetTextChangesAsync(document, ct).ConfigureAwait(false)).ToList();
                foreach (var change in changes)
                {
                    var touched = change.Span.IsEmpty ? new[] { root!.FindToken(change.Span.Start) } : root!.DescendantTokens(change.Span).ToArray();
                    if (touched.FirstOrDefault(t => t.Span.Length > 0 && t.ContainsDiagnostics) is { RawKind: not 0 } broken)
                    {
                        result.Failures.Add(what + ": '" + action.Title + "' rewrote code with a syntax error in it (" + broken + " in " + original.Substring(span.Start, span.Length) + ")");
                    }
                }

                int syntaxErrorsAfter = CountSyntaxErrors(SourceText.From(after), document);
                if (syntaxErrorsAfter > syntaxErrorsBefore)
                {
                    result.Failures.Add(what + ": '" + action.Title + "' added syntax errors (" + syntaxErrorsBefore + " -> " + syntaxErrorsAfter + "): "
                        + string.Join(" | ", changes.Select(c => c.NewText)));
                }
            }
        }
    }

    private static int CountSyntaxErrors(SourceText text, Document document)
        => CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)document.Project.ParseOptions!).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether <paramref name="after"/> differs from <paramref name="original"/> only within <paramref name="edited"/>.</summary>
    private static bool Within(string original, string after, TextSpan edited)
    {
        string head = original.Substring(0, edited.Start), tail = original.Substring(edited.End);
        return after.Length >= head.Length + tail.Length && after.StartsWith(head, StringComparison.Ordinal) && after.EndsWith(tail, StringComparison.Ordinal);
    }
}
