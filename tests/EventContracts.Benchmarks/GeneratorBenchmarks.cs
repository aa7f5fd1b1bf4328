using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using EventContracts.Generators;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventContracts.Benchmarks;

/// <summary>
/// The generator on the five built-in vendor contracts plus a 200-event tracking plan (<see cref="PlanFactory"/>), driven
/// with <see cref="CSharpGeneratorDriver"/> over in-memory additional texts: a cold run (new driver) and a warm run after
/// an unrelated C# edit. Drivers are immutable, so every invocation of a warm benchmark starts from the same warmed state.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorSetup _setup = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _setup = GeneratorSetup.Create(planEvents: 200);
        _warm = _setup.NewDriver().RunGenerators(_setup.Compilation);
        _setup.Report(_warm);
    }

    [Benchmark(Description = "Cold run (new driver)")]
    public GeneratorDriver Cold() => _setup.NewDriver().RunGenerators(_setup.Compilation);

    [Benchmark(Description = "Warm run, unrelated .cs edit")]
    public GeneratorDriver WarmUnrelatedEdit() => _warm.RunGenerators(_setup.EditedCompilation);
}

/// <summary>
/// The warm run after one plan event changed, on the setup of <see cref="GeneratorBenchmarks"/>: one invocation per
/// iteration, each after an edit of its own (<see cref="GeneratorSetup.EditPlan"/>), made before the iteration. As many
/// warm-up iterations as <c>--timing</c> makes (see <see cref="GeneratorTiming"/>), so tiered compilation has settled.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(GeneratorTiming.WarmUpRuns)]
public class GeneratorPlanEditBenchmarks
{
    private GeneratorSetup _setup = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _edited = null!;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        _setup = GeneratorSetup.Create(planEvents: 200);
        _warm = _setup.NewDriver().RunGenerators(_setup.Compilation);
        _setup.Report(_warm);
    }

    [IterationSetup]
    public void Edit() => _edited = _warm.ReplaceAdditionalText(_setup.Plan, _setup.EditPlan(++_edits));

    [Benchmark(Description = "Warm run, one-event plan edit")]
    public GeneratorDriver WarmPlanEdit() => _edited.RunGenerators(_setup.Compilation);
}

/// <summary>The generator inputs: compilations before and after an unrelated edit, the vendor contracts and the plan.</summary>
public sealed class GeneratorSetup
{
    private const string Source = "namespace Consumer { public static class Program { public static int Answer() => 42; } }";
    private const string EditedSource = "namespace Consumer { public static class Program { public static int Answer() => 43; } }";

    private readonly ImmutableArray<AdditionalText> _texts;
    private readonly ItemMetadataOptionsProvider _options;
    private readonly int _planEvents;

    private GeneratorSetup(int planEvents)
    {
        var references = Net100.References.All.Cast<MetadataReference>().ToImmutableArray()
            .Add(MetadataReference.CreateFromFile(typeof(ValidationResult).Assembly.Location));
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var tree = CSharpSyntaxTree.ParseText(Source, parse, path: "Program.cs");
        Compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { tree },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        EditedCompilation = Compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(EditedSource, parse, path: "Program.cs"));
        ParseOptions = parse;

        string schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var files = new List<(AdditionalText Text, string Kind, string? Vendor, string? Operation)>
        {
            Vendor(schemas, "courier.openapi.yaml", "Courier", "inbound_track"),
            Vendor(schemas, "userpilot.openapi.yaml", "Userpilot", "track"),
            Vendor(schemas, "tranthor.openapi.yaml", "Tranthor", "track"),
            Vendor(schemas, "customerio.openapi.yaml", "CustomerIo", "track,batch"),
            Vendor(schemas, "pushengage.openapi.yaml", "PushEngage", "track"),
        };
        Plan = new InMemoryAdditionalText("/app/tracking-plan.yaml", PlanFactory.Make(planEvents));
        _planEvents = planEvents;
        files.Add((Plan, "TrackingPlan", null, null));
        _texts = files.Select(f => f.Text).ToImmutableArray();
        _options = new ItemMetadataOptionsProvider(files.ToDictionary(f => f.Text.Path, f => new ItemMetadata(f.Kind, f.Vendor, f.Operation)), "Consumer.Contracts");
    }

    public Compilation Compilation { get; }

    public Compilation EditedCompilation { get; }

    public CSharpParseOptions ParseOptions { get; }

    public AdditionalText Plan { get; }

    /// <summary>
    /// The plan with one event's <c>maxLength</c> changed to 96 + <paramref name="edit"/>: a text of its own for each edit,
    /// as each keystroke in an editor makes (the generator keeps the parses of chunks it saw in the process, so a repeated
    /// edit would not parse the event again).
    /// </summary>
    public AdditionalText EditPlan(int edit)
        => new InMemoryAdditionalText(Plan.Path, PlanFactory.Make(_planEvents, editedEvent: _planEvents / 2, editedMaxLength: 96 + edit));

    public static GeneratorSetup Create(int planEvents) => new(planEvents);

    /// <summary>A driver that has not run yet; step tracking (off for timing) records every step's outputs and reasons.</summary>
    public GeneratorDriver NewDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new EventContractGenerator().AsSourceGenerator() },
        _texts,
        ParseOptions,
        _options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs <see cref="RoslynWarmUpGenerator"/> on the same inputs, a full run and one after the unrelated edit, so that
    /// Roslyn's driver code is compiled as the SDK's ReadyToRun-compiled compiler has it (see that class).
    /// </summary>
    public void WarmUpRoslyn()
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new RoslynWarmUpGenerator().AsSourceGenerator() },
            _texts,
            ParseOptions,
            _options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver.RunGenerators(Compilation).RunGenerators(EditedCompilation).GetRunResult();
    }

    /// <summary>
    /// The named steps that did work when a warm driver saw the unrelated C# edit, as "step: reason" (empty when every step
    /// was cached or unchanged and every output cached), from a driver that tracks its steps.
    /// </summary>
    public string[] UncachedStepsAfterUnrelatedEdit()
    {
        GeneratorRunResult result = NewDriver(trackSteps: true).RunGenerators(Compilation).RunGenerators(EditedCompilation).GetRunResult().Results.Single();
        var steps = result.TrackedSteps.SelectMany(s => s.Value.SelectMany(step => step.Outputs)
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(o => s.Key + ": " + o.Reason));
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value.SelectMany(step => step.Outputs)
            .Where(o => o.Reason != IncrementalStepRunReason.Cached)
            .Select(o => s.Key + " (output): " + o.Reason));
        return steps.Concat(outputs).Distinct().ToArray();
    }

    /// <summary>Prints what the generator produced, so a broken input shows up in the benchmark log.</summary>
    public void Report(GeneratorDriver driver)
    {
        var result = driver.GetRunResult();
        int files = result.GeneratedTrees.Length;
        long chars = result.GeneratedTrees.Sum(t => (long)t.GetText().Length);
        var byId = result.Diagnostics.GroupBy(d => d.Id + "/" + d.Severity).Select(g => g.Key + " x" + g.Count());
        Console.WriteLine("// generator: " + files + " files, " + chars + " chars; diagnostics: " + (result.Diagnostics.IsEmpty ? "none" : string.Join(", ", byId)));
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || files < 6)
        {
            throw new InvalidOperationException("The generator inputs are broken: " + string.Join("; ", result.Diagnostics.Take(5)));
        }
    }

    private static (AdditionalText, string, string?, string?) Vendor(string directory, string file, string vendor, string operation)
    {
        string path = Path.Combine(directory, file);
        return (new InMemoryAdditionalText(path, File.ReadAllText(path)), "EventContract", vendor, operation);
    }
}
