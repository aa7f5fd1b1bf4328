using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EventContracts.Benchmarks;

/// <summary>
/// A generator that uses the incremental pipeline the way the EventContracts generator does (additional texts with their
/// options, syntax and parse options, Select/Where/SelectMany/Collect/Combine, tracking names, comparers, sources) without
/// any EventContracts code. Running it first JIT-compiles Roslyn's driver, which a benchmark takes from NuGet as IL only,
/// while the SDK's compiler ships it ReadyToRun-compiled: the generator's first run that follows is then measured as
/// <c>dotnet build</c> runs it.
/// </summary>
public sealed class RoslynWarmUpGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => (Path: pair.Left.Path, Text: pair.Left.GetText(ct)?.ToString() ?? string.Empty, Kind: pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.EventContractsKind", out string? kind) ? kind : null))
            .Where(static file => file.Kind is not null)
            .WithTrackingName("Files");
        var lines = files
            .SelectMany(static (file, _) => file.Text.Split('\n').Take(20).Select(line => line.Trim()).ToImmutableArray())
            .Where(static line => line.Length > 0)
            .Collect()
            .Select(static (all, _) => all.Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToImmutableArray())
            .WithComparer(new LinesComparer());
        var language = context.ParseOptionsProvider.Select(static (options, _) => options.Language);
        // Any predicate: what counts is that the syntax provider walks the trees.
        var declarations = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node.RawKind % 97 == 0, static (syntax, _) => syntax.Node.RawKind)
            .Collect();

        context.RegisterSourceOutput(files.Combine(language), static (output, pair) =>
            output.AddSource(System.IO.Path.GetFileNameWithoutExtension(pair.Left.Path) + ".WarmUp.g.cs", SourceText.From("// " + pair.Left.Path.Length + "\n", Encoding.UTF8)));
        context.RegisterSourceOutput(lines.Combine(declarations), static (output, pair) =>
            output.AddSource("Lines.WarmUp.g.cs", SourceText.From("// " + (pair.Left.Length + pair.Right.Length) + "\n", Encoding.UTF8)));
    }

    private sealed class LinesComparer : System.Collections.Generic.IEqualityComparer<ImmutableArray<string>>
    {
        public bool Equals(ImmutableArray<string> x, ImmutableArray<string> y) => x.SequenceEqual(y);

        public int GetHashCode(ImmutableArray<string> obj) => obj.Length;
    }
}
