using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RoslynProject = Microsoft.CodeAnalysis.Project;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// An in-memory consumer project as an editor holds it: an <see cref="AdhocWorkspace"/> project with the tracking plan
/// and the vendor contracts as additional documents, their item metadata in a global config, the runtime and HTTP
/// packages referenced, and the package's generator as an analyzer reference, so the workspace runs it (its records
/// are source-generated documents of the compilation) before the analyzers look at the code.
/// </summary>
public sealed class AnalyzerWorkspace : IDisposable
{
    public const string SourcePath = EventContracts.Analyzers.Tests.Project.Directory + "Consumer.cs";

    private AnalyzerWorkspace(AdhocWorkspace workspace, RoslynProject project, DocumentId document)
    {
        Workspace = workspace;
        Project = project;
        DocumentId = document;
    }

    public AdhocWorkspace Workspace { get; }

    /// <summary>The project with the unmutated source.</summary>
    public RoslynProject Project { get; }

    /// <summary>The document a test edits (<see cref="SourcePath"/>).</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Every analyzer of the package (the Generators assembly's <c>[DiagnosticAnalyzer]</c> types).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(EventContractGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every code fix provider of the package.</summary>
    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = typeof(EventContracts.CodeFixes.EventNameCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>
    /// A project holding <paramref name="source"/> at <see cref="SourcePath"/>, <see cref="Project.Tracker"/> and
    /// <paramref name="otherSources"/>; <paramref name="style"/> is the source file's <c>eventcontracts.event_name_style</c>.
    /// </summary>
    public static async Task<AnalyzerWorkspace> CreateAsync(
        string source,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        string? style = "title_case",
        IEnumerable<string>? otherSources = null,
        IEnumerable<MetadataReference>? extraReferences = null,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        CancellationToken cancellationToken = default)
    {
        var references = (await EventContracts.Analyzers.Tests.Project.Net100.ResolveAsync(LanguageNames.CSharp, cancellationToken)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(EventContracts.Delivery.EventNameAttribute).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(EventContracts.Http.IEventTracker).Assembly.Location));
        if (extraReferences is not null)
        {
            references.AddRange(extraReferences);
        }

        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("Consumer");
        var info = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Consumer",
                "Consumer",
                LanguageNames.CSharp,
                filePath: EventContracts.Analyzers.Tests.Project.Directory + "Consumer.csproj",
                compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: nullable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: references,
                analyzerReferences: new AnalyzerReference[] { new GeneratorReference() });
        var solution = workspace.CurrentSolution.AddProject(info);
        var documentId = DocumentId.CreateNewId(projectId, "Consumer.cs");
        solution = solution.AddDocument(documentId, "Consumer.cs", SourceText.From(source, Encoding.UTF8), filePath: SourcePath);
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "Tracker.cs", SourceText.From(EventContracts.Analyzers.Tests.Project.Tracker, Encoding.UTF8), filePath: EventContracts.Analyzers.Tests.Project.Directory + "Tracker.cs");
        int n = 0;
        foreach (string other in otherSources ?? Array.Empty<string>())
        {
            string name = "Other" + n++ + ".cs";
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(other, Encoding.UTF8), filePath: EventContracts.Analyzers.Tests.Project.Directory + name);
        }

        var config = new StringBuilder("is_global = true\nbuild_property.EventContractsNamespace = ").Append(ConsumerSources.GeneratedNamespace).Append('\n');
        var files = EventContracts.Analyzers.Tests.Project.Files();
        foreach (var file in files)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(file.Path), SourceText.From(file.Text, Encoding.UTF8), filePath: file.Path);
        }

        foreach (var file in files)
        {
            config.Append('[').Append(file.Path).Append("]\n");
            config.Append("build_metadata.AdditionalFiles.EventContractsKind = ").Append(file.Kind).Append('\n');
            if (file.Vendor is not null)
            {
                config.Append("build_metadata.AdditionalFiles.Vendor = ").Append(file.Vendor).Append('\n');
            }

            if (file.Operation is not null)
            {
                config.Append("build_metadata.AdditionalFiles.Operation = ").Append(file.Operation).Append('\n');
            }
        }

        if (style is not null)
        {
            config.Append('[').Append(SourcePath).Append("]\neventcontracts.event_name_style = ").Append(style).Append('\n');
        }

        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(config.ToString(), Encoding.UTF8), filePath: "/.globalconfig");
        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("The workspace did not take the project.");
        }

        return new AnalyzerWorkspace(workspace, workspace.CurrentSolution.GetProject(projectId)!, documentId);
    }

    /// <summary>The project with <paramref name="text"/> as the edited document's text.</summary>
    public RoslynProject WithSource(string text)
        => Project.Solution.WithDocumentText(DocumentId, SourceText.From(text, Encoding.UTF8)).GetProject(Project.Id)!;

    public void Dispose() => Workspace.Dispose();

    /// <summary>The package's generator, as an analyzer reference of the project (the workspace runs it).</summary>
    private sealed class GeneratorReference : AnalyzerReference
    {
        private readonly ImmutableArray<ISourceGenerator> _generators = ImmutableArray.Create(new EventContractGenerator().AsSourceGenerator());

        public override string FullPath => typeof(EventContractGenerator).Assembly.Location;

        public override object Id => "EventContracts.Generators";

        public override string Display => "EventContracts.Generators";

        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => ImmutableArray<DiagnosticAnalyzer>.Empty;

        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => ImmutableArray<DiagnosticAnalyzer>.Empty;

        public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;

        public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => language == LanguageNames.CSharp ? _generators : ImmutableArray<ISourceGenerator>.Empty;
    }
}
