using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// A generated-looking file of 10,000 tracking calls (every shape the analyzers check, most of them reported): the
/// analyzers' own time (the compiler's binding is not theirs) grows linearly with the calls.
/// </summary>
public sealed class LongFileTests
{
    private readonly ITestOutputHelper _output;

    public LongFileTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// In methods of 100 calls, and in one method that holds them all (a check that looked through the whole method at each
    /// call was linear in the first and quadratic in the second).
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public async Task Ten_thousand_calls_take_the_analyzers_linear_time(int callsPerMethod)
    {
        var (small, smallCount) = await AnalyzerTimeAsync(1_000, callsPerMethod);
        var (large, largeCount) = await AnalyzerTimeAsync(10_000, callsPerMethod);
        _output.WriteLine($"1,000 calls: {small.TotalSeconds:F3} s of analyzer time, {smallCount} diagnostics; 10,000 calls: {large.TotalSeconds:F3} s, {largeCount} diagnostics");
        Assert.Equal(10 * smallCount, largeCount);

        // Linear is 10x; quadratic would be 100x. The floor keeps a tiny, noisy small run from failing the ratio.
        Assert.True(large.TotalSeconds < 30 * Math.Max(small.TotalSeconds, 0.1), $"{large.TotalSeconds:F3} s for 10,000 calls against {small.TotalSeconds:F3} s for 1,000");
    }

    private static async Task<(TimeSpan Time, int Diagnostics)> AnalyzerTimeAsync(int calls, int callsPerMethod)
    {
        var source = new StringBuilder("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using EventContracts.Http;
            using Consumer.Contracts;

            namespace Consumer
            {
                public static class Calls
                {
            """);
        for (int i = 0; i < calls; i++)
        {
            if (i % callsPerMethod == 0)
            {
                source.Append(i == 0 ? string.Empty : "        }\n").Append("        public static async Task M").Append(i).Append("(IEventTracker tracker, string user)\n        {\n");
            }

            source.Append((i % 5) switch
            {
                0 => "            Tracker.Track(\"Order Complete\", new { revenue = \"x\" }, null, \"m\");\n",
                1 => "            Tracker.Track(\"Cart Viewed\", new Dictionary<string, object> { [\"-k\"] = 1, [\"ok\"] = new[] { 1 } });\n",
                2 => "            await tracker.TrackAsync(new SignedUp(), null, \"fixed\");\n",
                3 => $"            var props{i} = new Dictionary<string, object?> {{ [\"revenue\"] = \"1\" }};\n            props{i}[\"currency\"] = \"EURO\";\n            Tracker.Track(\"Order Completed\", props{i}, user);\n",
                _ => "            Tracker.Track(\"Signed Up\", userId: user);\n",
            });
        }

        source.Append("        }\n    }\n}\n");
        using var workspace = await AnalyzerWorkspace.CreateAsync(source.ToString());
        var compilation = (await workspace.Project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(workspace.Project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerWorkspace.Analyzers, options);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == AnalyzerWorkspace.SourcePath);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None);
        var time = TimeSpan.Zero;
        foreach (var analyzer in AnalyzerWorkspace.Analyzers)
        {
            time += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return (time, diagnostics.Count(d => d.Id.StartsWith("EC", StringComparison.Ordinal)));
    }
}
