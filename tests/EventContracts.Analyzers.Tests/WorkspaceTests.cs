using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Xunit;
using Xunit.Abstractions;
using RoslynProject = Microsoft.CodeAnalysis.Project;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// The analyzers and the code fix as an editor sees them: a real consumer project on disk, opened through
/// MSBuildWorkspace (design-time build of the project, its project references and analyzer references),
/// diagnostics from <c>compilation.WithAnalyzers</c> over the project's own analyzer references, and the
/// EC2004 and EC3001 fixes applied to the workspace's solution.
/// </summary>
public sealed class WorkspaceTests : IDisposable
{
    private const string Plan = """
        events:
          - name: Order Completed
            destinations: [CustomerIo]
            properties:
              type: object
              properties:
                revenue: { type: number }
          - name: Cart Viewed
            destinations: [Courier]
        """;

    private const string Source = """
        using EventContracts.Delivery;

        namespace Consumer
        {
            public static class Tracker
            {
                public static void Track([EventName] string name, [EventProperties] object properties = null, [UserId] string userId = "user-1")
                {
                }
            }

            public static class Checkout
            {
                public static void Pay()
                {
                    Tracker.Track("Order Complete", new { revenue = 19.99 });
                    Tracker.Track("Order Completed", new { revenue = 5.0 }, userId: null);
                    Tracker.Track("Order Completed", new { revenue = "12.50" });
                }
            }
        }
        """;

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ec-workspace-" + Guid.NewGuid().ToString("N"));

    public WorkspaceTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task EC2004_and_EC3001_are_reported_in_an_MSBuildWorkspace_and_their_fixes_compile()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        string projectPath = WriteConsumer();
        string configuration = typeof(WorkspaceTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        // MSBuildWorkspace does not restore (an IDE restores first), and evaluation needs project.assets.json.
        await RunAsync("dotnet", $"restore \"{projectPath}\" -p:Configuration={configuration} --nologo -v:q", ct);
        _output.WriteLine($"restore: {clock.Elapsed.TotalSeconds:F1} s");

        using var workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["Configuration"] = configuration });
        RoslynProject project = await workspace.OpenProjectAsync(projectPath, cancellationToken: ct);
        var failures = workspace.Diagnostics.Select(d => d.Kind + ": " + d.Message).ToList();
        _output.WriteLine($"opened: {clock.Elapsed.TotalSeconds:F1} s; {project.Documents.Count()} documents, {project.AnalyzerReferences.Count} analyzer references, {project.ProjectReferences.Count()} project references");
        foreach (string failure in failures)
        {
            _output.WriteLine("workspace: " + failure);
        }

        Assert.DoesNotContain(failures, f => f.StartsWith("Failure", StringComparison.Ordinal));
        Assert.Contains(project.AnalyzerReferences, r => Path.GetFileName(r.FullPath) == "EventContracts.Generators.dll");
        Assert.Contains(project.AdditionalDocuments, d => Path.GetFileName(d.FilePath) == "tracking-plan.yaml");

        // Before: EC2004 at the misspelt literal, with the plan's nearest name as the replacement.
        var (compilation, diagnostics) = await AnalyzeAsync(project, ct);
        _output.WriteLine($"analyzed: {clock.Elapsed.TotalSeconds:F1} s; {string.Join("; ", diagnostics.Select(d => d.Id + " " + d.GetMessage()))}");
        Assert.Empty(compilation.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error));
        Diagnostic ec2004 = Assert.Single(diagnostics, d => d.Id == "EC2004");
        Assert.Equal("\"Order Complete\"", ec2004.Location.SourceTree!.GetText(ct).ToString(ec2004.Location.SourceSpan));
        Assert.EndsWith("Checkout.cs", ec2004.Location.SourceTree.FilePath, StringComparison.Ordinal);

        // The package's targets declare Customer.io as Operation="track,batch": the call-site analyzers read it per
        // operation, as the generator does, so Customer.io's identity rule applies at the call.
        Diagnostic ec5001 = Assert.Single(diagnostics, d => d.Id == "EC5001");
        Assert.Contains("needs a user identifier for CustomerIo (userId or anonymousId)", ec5001.GetMessage(), StringComparison.Ordinal);

        // EC3001: the string revenue, with the literal its fix writes and the string's location.
        Diagnostic ec3001 = Assert.Single(diagnostics, d => d.Id == "EC3001");
        Assert.Equal("\"12.50\"", ec3001.AdditionalLocations.Single().SourceTree!.GetText(ct).ToString(ec3001.AdditionalLocations[0].SourceSpan));

        // The fixes, as the light bulb gets them: registered through a CodeFixContext, applied as an ApplyChangesOperation.
        Document document = project.Documents.Single(d => d.FilePath == ec2004.Location.SourceTree.FilePath);
        // The later one in the file first, so the earlier diagnostic's span still holds in the changed document.
        Solution changed = await FixAsync(new PropertyCodeFixProvider(), document, ec3001, "Write the value as 12.50m", ct);
        changed = await FixAsync(new EventNameCodeFixProvider(), changed.GetDocument(document.Id)!, ec2004, "Use the tracking plan's event 'Order Completed'", ct);

        // After: the literal is the plan's name, the revenue a number, nothing else is reported, and the project compiles.
        RoslynProject fixedProject = changed.GetProject(project.Id)!;
        string fixedText = (await fixedProject.GetDocument(document.Id)!.GetTextAsync(ct)).ToString();
        Assert.Contains("Tracker.Track(\"Order Completed\", new { revenue = 19.99 });", fixedText);
        Assert.Contains("Tracker.Track(\"Order Completed\", new { revenue = 12.50m });", fixedText);
        var (fixedCompilation, fixedDiagnostics) = await AnalyzeAsync(fixedProject, ct);
        Assert.Equal("EC5001", Assert.Single(fixedDiagnostics, d => d.Id.StartsWith("EC", StringComparison.Ordinal)).Id);
        Assert.Empty(fixedCompilation.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error));
        using (var pe = new MemoryStream())
        {
            var emit = fixedCompilation.Emit(pe, cancellationToken: ct);
            Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        }

        // The generator ran inside the workspace (its records are in the compilation).
        Assert.NotNull(fixedCompilation.GetTypeByMetadataName("Consumer.Contracts.OrderCompleted"));
        _output.WriteLine($"fixed and compiled: {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Registers <paramref name="provider"/>'s fixes for <paramref name="diagnostic"/> in <paramref name="document"/>, checks there is one with <paramref name="title"/>, and applies it.</summary>
    private static async Task<Solution> FixAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic, string title, CancellationToken ct)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), ct));
        CodeAction fix = Assert.Single(actions);
        Assert.Equal(title, fix.Title);
        var operations = await fix.GetOperationsAsync(ct);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    /// <summary>The diagnostics an editor shows: the compiler's plus every analyzer of the project's analyzer references.</summary>
    private static async Task<(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(RoslynProject project, CancellationToken ct)
    {
        Compilation compilation = (await project.GetCompilationAsync(ct))!;
        var analyzers = project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(project.Language)).ToImmutableArray();
        Assert.Contains(analyzers, a => a.GetType().FullName == "EventContracts.Generators.Analyzers.EventNameAnalyzer");
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        return (compilation, await withAnalyzers.GetAnalyzerDiagnosticsAsync(ct));
    }

    private string WriteConsumer()
    {
        string root = Project.RepositoryRoot;
        Directory.CreateDirectory(_directory);
        string project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{root}/build/EventContracts.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <EventContractsNamespace>Consumer.Contracts</EventContractsNamespace>
                <Nullable>disable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <TrackingPlan Include="tracking-plan.yaml" />
                <ProjectReference Include="{root}/src/EventContracts/EventContracts.csproj" />
                <ProjectReference Include="{root}/src/EventContracts.Generators/EventContracts.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{root}/build/EventContracts.targets" />
            </Project>
            """;
        string path = Path.Combine(_directory, "Consumer.csproj");
        File.WriteAllText(path, project);
        File.WriteAllText(Path.Combine(_directory, "tracking-plan.yaml"), Plan);
        File.WriteAllText(Path.Combine(_directory, "Checkout.cs"), Source);
        return path;
    }

    private async Task RunAsync(string file, string arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
    }
}
