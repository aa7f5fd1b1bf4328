using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.CodeFixes;
using EventContracts.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using RoslynProject = Microsoft.CodeAnalysis.Project;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// The code fixes applied in batches the way <c>dotnet format analyzers</c> applies them: per diagnostic ID, after
/// analyzing the project again, every provider that fixes the ID runs Fix All in the solution over the diagnostics
/// found before the first provider changed anything, with the equivalence key of the first action registered for the
/// first diagnostic (none when that diagnostic has no fix). The light bulb and the editor's Fix All are checked by
/// <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}"/>.
/// </summary>
public sealed class BatchFixTests
{
    private const string Source = """
        namespace Consumer
        {
            public static class Calls
            {
                public static void Run()
                {
                    Tracker.Track("Zzzzz Qqqq");
                    Tracker.Track("Order Complted", new { revenue = 1m });
                    Tracker.Track("Payment Submitted", new { metod = "card", amount = 5 });
                    Tracker.Track("Payment Submitted", new { method = "cadr", amount = 5 });
                    Tracker.Track("Payment Submitted", new { method = "paypla", amount = 5, cuopon = "ABCD1234" });
                    Tracker.Track("Order Completed", new { revenue = "19.99" });
                    Tracker.Track("Signed Upp");
                }
            }
        }
        """;

    private const string Fixed = """
        namespace Consumer
        {
            public static class Calls
            {
                public static void Run()
                {
                    Tracker.Track("Zzzzz Qqqq");
                    Tracker.Track("Order Completed", new { revenue = 1m });
                    Tracker.Track("Payment Submitted", new { method = "card", amount = 5 });
                    Tracker.Track("Payment Submitted", new { method = "card", amount = 5 });
                    Tracker.Track("Payment Submitted", new { method = "paypal", amount = 5, coupon = "ABCD1234" });
                    Tracker.Track("Order Completed", new { revenue = 19.99m });
                    Tracker.Track("Signed Up");
                }
            }
        }
        """;

    [Fact]
    public async Task Every_fix_is_applied_in_a_batch_even_when_the_first_diagnostic_of_its_id_has_none()
    {
        CancellationToken ct = CancellationToken.None;
        var (solution, documentId) = await CreateAsync(ct);
        var analyzers = Instances<DiagnosticAnalyzer>(typeof(EventNameAnalyzer).Assembly, typeof(DiagnosticAnalyzerAttribute));
        var providers = Instances<CodeFixProvider>(typeof(EventNameCodeFixProvider).Assembly, typeof(ExportCodeFixProviderAttribute));

        var before = await AnalyzeAsync(solution.GetProject(documentId.ProjectId)!, analyzers, ct);
        var ids = before.Select(d => d.Id).Distinct().ToList();
        // EC3008 (the misspelt name leaves the required 'method' out) has no fix; the rename ends it.
        Assert.Equal(new[] { "EC2004", "EC3008", "EC3007", "EC3001" }, ids);

        // What a batch would start from: the first EC2004 has no suggestion, the first EC3007 is a name, not a value.
        Assert.DoesNotContain(EventNameAnalyzer.ReplacementProperty, before.First(d => d.Id == "EC2004").Properties.Keys);
        Assert.Contains(EventPropertiesAnalyzer.NewNameProperty, before.First(d => d.Id == "EC3007").Properties.Keys);

        foreach (string id in ids)
        {
            var diagnostics = (await AnalyzeAsync(solution.GetProject(documentId.ProjectId)!, analyzers, ct)).Where(d => d.Id == id).ToImmutableArray();
            foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(id)))
            {
                solution = await FixAllAsync(solution, provider, id, diagnostics, ct);
            }
        }

        string text = (await solution.GetDocument(documentId)!.GetTextAsync(ct)).ToString();
        Assert.Equal(Fixed.ReplaceLineEndings(), text.ReplaceLineEndings());

        // Only the name nothing in the plan resembles is left.
        var after = await AnalyzeAsync(solution.GetProject(documentId.ProjectId)!, analyzers, ct);
        var left = Assert.Single(after);
        Assert.Equal("EC2004", left.Id);
        Assert.Contains("'Zzzzz Qqqq'", left.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>One provider's Fix All in the solution for <paramref name="id"/>, as <c>dotnet format</c> builds it.</summary>
    private static async Task<Solution> FixAllAsync(Solution solution, CodeFixProvider provider, string id, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var first = diagnostics.First();
        var document = solution.GetDocument(first.Location.SourceTree)!;
        CodeAction? firstAction = null;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => firstAction ??= action, ct));

        var context = new FixAllContext(document, provider, FixAllScope.Solution, firstAction?.EquivalenceKey!, new[] { id }, new KnownDiagnostics(diagnostics), ct);
        var fixAll = await provider.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);
        var operations = await fixAll.GetOperationsAsync(ct);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    private static async Task<(Solution Solution, DocumentId Document)> CreateAsync(CancellationToken ct)
    {
        var projectId = ProjectId.CreateNewId();
        var references = (await Project.Net100.ResolveAsync(LanguageNames.CSharp, ct))
            .AddRange(Project.RuntimeAssemblies.Select(path => MetadataReference.CreateFromFile(path)));
        var files = Project.FilesWithSchemaPlan();
        var workspace = new AdhocWorkspace();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp, metadataReferences: references)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)))
            .AddDocument(DocumentId.CreateNewId(projectId), "Tracker.cs", SourceText.From(Project.Tracker), filePath: Project.Directory + "Tracker.cs");
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Calls.cs", SourceText.From(Source), filePath: Project.Directory + "Calls.cs")
            .AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(Project.GlobalConfig(files, style: null)), filePath: Project.GlobalConfigPath);
        foreach (var file in files)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), file.Path.Substring(Project.Directory.Length), SourceText.From(file.Text), filePath: file.Path);
        }

        return (solution, documentId);
    }

    /// <summary>The EventContracts diagnostics of the project, in source order; the project must compile.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(RoslynProject project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken ct)
    {
        var compilation = (await project.GetCompilationAsync(ct))!;
        Assert.Empty(compilation.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync(ct);
        return diagnostics.Where(d => d.Id.StartsWith("EC", StringComparison.Ordinal) && d.Id != "EC5001")
            .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The assembly's exported types of <typeparamref name="T"/>, one instance each, ordered by name.</summary>
    private static ImmutableArray<T> Instances<T>(Assembly assembly, Type attribute)
        => assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes(attribute, inherit: false).Length > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>The diagnostics found before the batch, as <c>dotnet format</c> hands them to Fix All.</summary>
    private sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(RoslynProject project, CancellationToken cancellationToken)
            => GetProjectDiagnosticsAsync(project, cancellationToken);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(RoslynProject project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
