using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Emitting;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventContracts.Generators;

/// <summary>
/// Reads <c>EventContract</c> items (OpenAPI 3.0/3.1 or JSON Schema, YAML or JSON) and emits typed
/// records, validators, serializers and the <c>EventContractCatalog</c>.
/// Flow: AdditionalFiles -> <see cref="ProjectFile"/> -> <see cref="ContractInput"/> ->
/// <see cref="ContractSpec"/> (cached per input) -> sources and diagnostics (separate outputs). A tracking
/// plan's text is parsed in chunks cached per event (<see cref="PlanChunks"/>), and its spec is split further
/// (<see cref="PlanPartitioner"/>) into <see cref="ContractPart"/>s cached per event.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventContractGenerator : IIncrementalGenerator
{
    /// <summary>
    /// A vendor contract's sources by its spec. The compiler server runs a new driver for every build of a project, and
    /// the spec of a file that did not change is the object <see cref="RecentReads"/> kept from the last build: its
    /// sources (a megabyte for the five built-in vendors) are not written again.
    /// </summary>
    private static readonly ConditionalWeakTable<ContractSpec, ContractSources> s_contractSources = new();

    /// <summary>A tracking plan's parts by its spec, for the same reason.</summary>
    private static readonly ConditionalWeakTable<ContractSpec, PlanPartList> s_planParts = new();

    /// <summary>A plan part's source by the part.</summary>
    private static readonly ConditionalWeakTable<ContractPart, string> s_partSources = new();

    /// <summary>Each plan's last parts, which a new split takes in place of equal parts (see <see cref="PlanParts"/>).</summary>
    private static readonly LastPerPlan<PlanPartList> s_lastParts = new();

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ProjectFiles.Settings(options))
            .WithTrackingName(TrackingNames.Settings);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => ProjectFiles.Read(pair.Left, pair.Right, ct))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.Files);

        var documents = files
            .Select(static (file, _) => file.File)
            .Collect()
            .Select(static (all, _) => PipelineList.Sorted(all, static f => f.Path))
            .WithTrackingName(TrackingNames.Documents);

        var contracts = files
            .Where(static file => file.Kind is ProjectFileKind.Contract or ProjectFileKind.TrackingPlan)
            .SelectMany(static (file, _) => ProjectFiles.PerOperation(file));

        var contractNames = contracts
            .Select(static (file, _) => new ContractName(Naming.ContractName(file.Vendor, file.File.Path), file.File.Path, file.Kind, file.BuiltIn))
            .Collect()
            .Select(static (names, _) => PipelineList.Sorted(names, static n => n.Path))
            .WithTrackingName(TrackingNames.ContractNames);

        var inputs = contracts
            .Combine(documents)
            .Combine(settings)
            .Combine(contractNames)
            .Select(static (pair, _) => CreateInput(pair.Left.Left.Left, pair.Left.Left.Right.Items, pair.Left.Right, pair.Right.Items))
            .WithTrackingName(TrackingNames.Inputs);

        // A plan's text is parsed in chunks, one per event, each cached on its own (YAML parsing is most of reading a
        // plan); its input then carries the parsed chunks and where they start. Other inputs pass through equal, so
        // their models stay cached.
        var planSplits = inputs
            .Where(static input => input.IsTrackingPlan && input.DuplicateOf is null)
            .Select(static (input, _) => PlanChunks.Split(input.Contract.File));

        var planChunks = planSplits
            .SelectMany(static (split, _) => split.Chunks)
            .Select(static (chunk, _) => PlanChunks.Parse(chunk))
            .WithTrackingName(TrackingNames.PlanChunks)
            .Collect();

        var planPositions = planSplits
            .Select(static (split, _) => new PlanPositions(split.Path, split.Positions))
            .Collect();

        var readInputs = inputs
            .Combine(planChunks.Combine(planPositions).Select(static (pair, _) => new PlanChunkSet(pair.Left, pair.Right)))
            .Select(static (pair, _) => WithChunks(pair.Left, pair.Right));

        var models = readInputs
            .Select(static (input, ct) => input.DuplicateOf is not null ? new ContractReadResult(null, EquatableArray<DiagnosticInfo>.Empty) : Read(input, ct))
            .WithTrackingName(TrackingNames.Models);

        var duplicates = inputs
            .Where(static input => input.DuplicateOf is not null)
            .Select(static (input, _) =>
            {
                // A built-in vendor that yields its name is reported on the project's own file, the one the user edits.
                string name = Naming.ContractName(input.Contract.Vendor, input.Contract.File.Path);
                return DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateContractName,
                    FileLocation.StartOf(input.ShadowedBy ?? input.Contract.File.Path),
                    name,
                    input.DuplicateOf!,
                    input.ShadowedBy is null ? "this one is skipped" : "the built-in one is skipped: leave " + name + " out of EventContractsVendors");
            });

        // One step, not Select/Where/Select: each step compares its output with the last run's, and a plan's
        // spec is large. The models step has compared the spec by value already (keeping the last run's object when
        // equal), so this step and the next, which pass it through, compare it by reference.
        var readSpecs = models
            .SelectMany(static (result, _) => result.Spec is { } spec ? ImmutableArray.Create(spec) : ImmutableArray<ContractSpec>.Empty)
            .WithComparer(SameSpec.Instance);

        // Two contracts must not generate one type name; the later one is reported and skipped (EC1016), or for a tracking
        // plan only the types that need a taken name. The names are collected per contract, so only a change of some
        // contract's top-level names (or of which of its types they refer to) re-runs the check.
        var collisions = readSpecs
            .Select(static (spec, _) => ContractTypeNames.From(spec))
            .Collect()
            .Select(static (all, _) => TypeNameCollisions.Find(all))
            .WithTrackingName(TrackingNames.TypeNameCollisions);

        context.RegisterSourceOutput(collisions, static (output, found) =>
        {
            foreach (var diagnostic in found.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var generated = readSpecs
            .Combine(collisions)
            .SelectMany(static (pair, _) => pair.Right.Skips(pair.Left.Name)
                ? ImmutableArray<GeneratedContract>.Empty
                : ImmutableArray.Create(new GeneratedContract(pair.Left, pair.Right.SkippedTypesOf(pair.Left.Name))))
            .WithComparer(GeneratedContract.Comparer)
            .WithTrackingName(TrackingNames.Sources);
        var specs = generated.Select(static (contract, _) => contract.Spec).WithComparer(SameSpec.Instance);

        // Generated code needs C# 11 (required members, UTF-8 literals); below it EC1012 is reported
        // instead of sources that could only fail to compile.
        var language = context.ParseOptionsProvider.Select(static (options, _) => LanguageGate.For(options));

        context.RegisterSourceOutput(
            specs.Where(static spec => spec.Kind == ContractSourceKind.VendorContract).Combine(language),
            static (output, pair) =>
            {
                if (pair.Right.IsOpen)
                {
                    EmitContract(output, pair.Left);
                }
            });

        // A tracking plan is split into parts (what its events share, then each event) that are emitted and
        // cached one by one: an edit to one event re-emits that event's file only.
        // (The language check comes before the split, so no step is kept per part just to carry it.)
        var plans = specs.Where(static spec => spec.Kind == ContractSourceKind.PlanEvent);
        var planParts = generated
            .Where(static contract => contract.Spec.Kind == ContractSourceKind.PlanEvent)
            .Combine(language)
            .SelectMany(static (pair, _) => pair.Right.IsOpen ? PlanParts(pair.Left) : EquatableArray<ContractPart>.Empty)
            .WithTrackingName(TrackingNames.PlanParts);

        context.RegisterSourceOutput(planParts, static (output, part) => output.AddSource(PartEmitter.HintName(part), s_partSources.GetValue(part, PartEmitter.Emit)));

        // Each operation of a document reads the schemas they share: a problem in one is reported once, not per operation.
        var readDiagnostics = models
            .Select(static (result, _) => result.Diagnostics.ToPipelineList())
            .Collect()
            .Select(static (all, _) => all.SelectMany(static list => list.Items).Distinct().ToEquatableArray().ToPipelineList())
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(readDiagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics.Items)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(duplicates, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var destinations = specs
            .Select(static (spec, _) => DestinationSpec.From(spec))
            .Where(static destination => destination is not null)
            .Select(static (destination, _) => destination!)
            .Collect()
            .Select(static (all, _) => PipelineList.Sorted(all, static d => d.Name))
            .WithTrackingName(TrackingNames.Destinations);

        var vendorNames = specs
            .Where(static spec => spec.Kind == ContractSourceKind.VendorContract)
            .Select(static (spec, _) => spec.Name)
            .Collect()
            .Select(static (all, _) => PipelineList.Sorted(all, static n => n));

        var destinationChecks = plans
            .Combine(destinations)
            .Combine(vendorNames)
            .Select(static (pair, _) => DestinationChecks.Check(pair.Left.Left, pair.Left.Right.Items, pair.Right.Items).ToPipelineList())
            .WithTrackingName(TrackingNames.DestinationChecks);

        context.RegisterSourceOutput(destinationChecks, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics.Items)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var catalog = generated
            .SelectMany(static (contract, _) => CatalogEntry.For(contract.Spec, contract.SkippedTypes))
            .Collect()
            .Select(static (entries, _) => PipelineList.Sorted(entries, static e => e.Name))
            .WithTrackingName(TrackingNames.CatalogEntries)
            .Combine(settings)
            .Combine(language);

        context.RegisterSourceOutput(catalog, static (output, pair) =>
        {
            var (entries, settings) = pair.Left;
            if (!entries.IsEmpty && pair.Right.IsOpen)
            {
                output.AddSource("EventContractCatalog.g.cs", CatalogEmitter.Emit(settings.Namespace, entries.Items));
            }
        });

        // The namespace the user set is not the one generated code is in: say so once, where a project has contracts.
        context.RegisterSourceOutput(
            settings.Combine(contractNames),
            static (output, pair) =>
            {
                if (pair.Left.RewrittenFrom is { } configured && !pair.Right.IsEmpty)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceRewritten, Location.None, configured, pair.Left.Namespace));
                }
            });

        // The generated records' init accessors and required members need attribute types that .NET Standard, .NET
        // Framework and .NET before 7 lack: told by the framework's preprocessor symbols, less those the project's own
        // code declares (found by syntax, per file).
        var declaredPolyfills = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => Polyfills.MayDeclare(node), static (syntax, _) => LanguageSupportSet.Of(Polyfills.Declared(syntax.Node)))
            .Collect()
            .Select(static (all, _) => LanguageSupportSet.Of(all.Aggregate(LanguageSupportTypes.None, static (sum, set) => sum | set.Types)));
        var polyfills = context.ParseOptionsProvider
            .Select(static (options, _) => LanguageSupportSet.Of(Polyfills.MissingFor(options.PreprocessorSymbolNames)))
            .Combine(declaredPolyfills)
            .Select(static (pair, _) => LanguageSupportSet.Of(pair.Left.Types & ~pair.Right.Types))
            .WithTrackingName(TrackingNames.Polyfills);
        context.RegisterSourceOutput(
            polyfills.Combine(settings).Combine(contractNames).Combine(language),
            static (output, pair) =>
            {
                var ((missing, settings), names) = pair.Left;
                if (missing.Types != LanguageSupportTypes.None && settings.Polyfills && !names.IsEmpty && pair.Right.IsOpen)
                {
                    output.AddSource(Polyfills.HintName, Polyfills.Emit(missing.Types));
                }
            });

        context.RegisterSourceOutput(
            language.Combine(contractNames),
            static (output, pair) =>
            {
                if (!pair.Right.IsEmpty && pair.Left.TooLow is { } version)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooLow, Location.None, version.ToDisplayString()));
                }
            });
    }

    private static ContractReadResult Read(PipelineInput input, CancellationToken cancellationToken)
    {
        // The compiler server runs a new driver for every build of a project: files that did not change since the last
        // build are not read again.
        if (RecentReads.TryGet(input.Contract, input.IsTrackingPlan, out var recent))
        {
            return recent;
        }

        var result = input.IsTrackingPlan
            ? PlanReader.Read(input.Contract, input.Chunks, input.ChunkPositions, cancellationToken)
            : ContractReader.Read(input.Contract, cancellationToken);

        // The call-site analyzers of the same compilation read these files too.
        RecentReads.Remember(input.Contract, input.IsTrackingPlan, result);
        return result;
    }

    private static PipelineInput CreateInput(ProjectFile file, EquatableArray<SourceFile> documents, GeneratorSettings settings, EquatableArray<ContractName> names)
    {
        // The first item in path order keeps a name, except that a built-in vendor yields it to the project's own contract.
        string name = Naming.ContractName(file.Vendor, file.File.Path);
        var keeper = names.FirstOrDefault(n => n.Name == name && n.Path != file.File.Path
            && (file.BuiltIn ? !n.BuiltIn || string.CompareOrdinal(n.Path, file.File.Path) < 0 : !n.BuiltIn && string.CompareOrdinal(n.Path, file.File.Path) < 0));
        string? duplicateOf = keeper is null
            ? null
            : file.BuiltIn && !keeper.BuiltIn
                ? System.IO.Path.GetFileName(file.File.Path) + ", the built-in " + name + " contract that EventContractsVendors adds"
                : string.Equals(System.IO.Path.GetFileName(keeper.Path), System.IO.Path.GetFileName(file.File.Path), StringComparison.Ordinal) ? keeper.Path : System.IO.Path.GetFileName(keeper.Path);
        var input = new ContractInput(file.File, file.Vendor, file.Operation, settings.Namespace, ProjectFiles.ReferencedFiles(file.File, documents), file.EventNameStyle);
        return new PipelineInput(input, duplicateOf, file.Kind == ProjectFileKind.TrackingPlan, ShadowedBy: file.BuiltIn && keeper is { BuiltIn: false } ? keeper.Path : null);
    }

    private static PipelineInput WithChunks(PipelineInput input, PlanChunkSet plans)
    {
        if (!input.IsTrackingPlan || input.DuplicateOf is not null)
        {
            return input;
        }

        string path = input.Contract.File.Path;
        return input with
        {
            Chunks = plans.Chunks.Where(c => c.Path == path).ToEquatableArray(),
            ChunkPositions = plans.Positions.FirstOrDefault(p => p.Path == path)?.Positions ?? default,
        };
    }

    private static void EmitContract(SourceProductionContext output, ContractSpec spec)
    {
        foreach (var (hintName, text) in s_contractSources.GetValue(spec, WriteContract).Files)
        {
            output.AddSource(hintName, text);
        }
    }

    /// <summary>
    /// A plan's parts, the same objects for the same spec (see <see cref="s_contractSources"/>), so that their sources are
    /// found in <see cref="s_partSources"/>; a plan some of whose types are skipped (EC1016) is split each time. A part
    /// equal to the plan's last part at its place is that part: an edit to one event keeps one new part, and the others,
    /// made anew by the split, die young instead of living as long as the spec.
    /// </summary>
    private static EquatableArray<ContractPart> PlanParts(GeneratedContract plan)
        => plan.SkippedTypes.IsEmpty
            ? s_planParts.GetValue(plan.Spec, static spec => new PlanPartList(WithLastParts(spec.SourcePath, PlanPartitioner.Split(spec, EquatableArray<string>.Empty)))).Parts
            : PlanPartitioner.Split(plan.Spec, plan.SkippedTypes);

    /// <summary>The parts, each one equal to the plan's last part at its place replaced by that part; kept as the plan's last parts.</summary>
    internal static EquatableArray<ContractPart> WithLastParts(string path, EquatableArray<ContractPart> parts)
    {
        if (s_lastParts.Get(path) is { } last)
        {
            var kept = new ContractPart[parts.Count];
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = i < last.Parts.Count && last.Parts[i].Equals(parts[i]) ? last.Parts[i] : parts[i];
            }

            parts = new EquatableArray<ContractPart>(ImmutableArray.Create(kept));
        }

        s_lastParts.Set(path, new PlanPartList(parts));
        return parts;
    }

    private static ContractSources WriteContract(ContractSpec spec)
    {
        var part = ContractParts.Whole(spec);
        var files = ImmutableArray.CreateBuilder<(string, string)>(4);
        files.Add((spec.Name + ".Types.g.cs", SourceWriter.File(part, RecordEmitter.Write)));
        files.Add((spec.Name + ".Serialization.g.cs", SourceWriter.File(part, SerializerEmitter.Write)));
        files.Add((spec.Name + ".Validation.g.cs", SourceWriter.File(part, ValidatorEmitter.Write)));
        if (ProfileEmitter.CanEmit(spec))
        {
            files.Add((spec.Name + ".Profile.g.cs", ProfileEmitter.Emit(spec)));
        }

        return new ContractSources(files.ToImmutable());
    }

    /// <summary>A vendor contract's generated files: hint name and text.</summary>
    private sealed record ContractSources(ImmutableArray<(string HintName, string Text)> Files);

    /// <summary>A plan's parts (a class, as <see cref="ConditionalWeakTable{TKey, TValue}"/> values are).</summary>
    private sealed record PlanPartList(EquatableArray<ContractPart> Parts);

    private sealed record ContractName(string Name, string Path, ProjectFileKind Kind, bool BuiltIn);

    /// <summary>
    /// Whether generated code can compile: C# 11 or later, or not C#; below it, the version EC1012 names. A class, not a
    /// <see cref="bool"/>, for the reason <see cref="PipelineList{T}"/> gives.
    /// </summary>
    private sealed record LanguageGate(LanguageVersion? TooLow)
    {
        private static readonly LanguageGate s_open = new((LanguageVersion?)null);

        public bool IsOpen => TooLow is null;

        public static LanguageGate For(ParseOptions options)
            => options is CSharpParseOptions cs && cs.LanguageVersion < LanguageVersion.CSharp11 ? new LanguageGate(cs.LanguageVersion) : s_open;
    }

    /// <summary>Where a plan's chunks start, by plan path; the chunks' text is not part of its equality.</summary>
    private sealed record PlanPositions(string Path, EquatableArray<ChunkPosition> Positions);

    /// <summary>Every plan's parsed chunks and their positions, which each plan's input takes its own from.</summary>
    private sealed record PlanChunkSet(ImmutableArray<ParsedChunk> Chunks, ImmutableArray<PlanPositions> Positions)
    {
        public bool Equals(PlanChunkSet? other)
            => ReferenceEquals(this, other) || (other is not null && Chunks.SequenceEqual(other.Chunks) && Positions.SequenceEqual(other.Positions));

        public override int GetHashCode() => Chunks.Length ^ (Positions.Length << 16);
    }

    /// <summary>A contract that is generated, and the top-level types of it that are not (a plan's types that need a name EC1016 reports).</summary>
    private sealed record GeneratedContract(ContractSpec Spec, EquatableArray<string> SkippedTypes)
    {
        /// <summary>The spec by identity (see <see cref="SameSpec"/>), the skipped types by value.</summary>
        public static readonly IEqualityComparer<GeneratedContract> Comparer = new SpecAndSkips();

        private sealed class SpecAndSkips : IEqualityComparer<GeneratedContract>
        {
            public bool Equals(GeneratedContract? x, GeneratedContract? y)
                => ReferenceEquals(x, y) || (x is not null && y is not null && ReferenceEquals(x.Spec, y.Spec) && x.SkippedTypes.Equals(y.SkippedTypes));

            public int GetHashCode(GeneratedContract obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Spec);
        }
    }

    /// <summary>Spec identity: for steps that pass on a spec the models step compared by value.</summary>
    private sealed class SameSpec : IEqualityComparer<ContractSpec>
    {
        public static readonly SameSpec Instance = new();

        public bool Equals(ContractSpec? x, ContractSpec? y) => ReferenceEquals(x, y);

        public int GetHashCode(ContractSpec obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private sealed record PipelineInput(
        ContractInput Contract,
        string? DuplicateOf,
        bool IsTrackingPlan,
        EquatableArray<ParsedChunk> Chunks = default,
        EquatableArray<ChunkPosition> ChunkPositions = default,
        string? ShadowedBy = null);
}
