using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EventContracts.Benchmarks.AnalyzerLoad;
using EventContracts.Benchmarks.Senders;

namespace EventContracts.Benchmarks.Budgets;

/// <summary>
/// <c>--budgets</c>: every budget of the performance issue measured in one short run (about 4 minutes on 2 cores), then
/// one table of the figures against their budgets. The generator goes first, so its first run is the process's first
/// after <see cref="GeneratorSetup.WarmUpRoslyn"/>; then BenchmarkDotNet's short in-process job on the contenders the
/// serialize and validate budgets compare; then the loopback senders (5,000 events per contender and round, 5 rounds)
/// and the analyzers' share of a 1,000-call-site consumer build (3 builds without and 3 with the compiler server).
/// Budgets are reported, never asserted: the exit code is 0 whatever the figures say.
/// </summary>
public static class BudgetRunner
{
    private static readonly string[] s_serializePayloads = { "Courier", "CustomerIo", "PushEngage", "PlanCart" };

    private static readonly string[] s_methods =
    {
        nameof(SerializeBenchmarks.Generated), nameof(SerializeBenchmarks.StjSourceGen), nameof(SerializeBenchmarks.ByteCopyFloor),
        nameof(ValidateBenchmarks.Typed), nameof(ValidateBenchmarks.Json), nameof(ValidateBenchmarks.NJsonSchemaText), nameof(ValidateBenchmarks.ReaderWalk),
    };

    /// <summary>Measures everything, prints the table, and returns 0.</summary>
    public static int Run()
    {
        var clock = Stopwatch.StartNew();
        DateTime started = DateTime.UtcNow;
        GeneratorFigures generator = GeneratorTiming.Measure();
        IConfig config = DefaultConfig.Instance
            .AddJob(Program.ShortJob)
            .AddFilter(new SimpleFilter(b => s_methods.Contains(b.Descriptor.WorkloadMethod.Name)));
        Results results = Results.Of(BenchmarkRunner.Run(new[] { typeof(SerializeBenchmarks), typeof(ValidateBenchmarks) }, config));
        SenderRunner.SenderFigures senders = SenderRunner.Measure(5000, 5);
        AnalyzerLoadRunner.AnalyzerShares analyzers = AnalyzerLoadRunner.Measure(1000, 20, 3);

        var budgets = new List<Budget>();
        foreach (string payload in s_serializePayloads)
        {
            double generated = results.Median(nameof(SerializeBenchmarks.Generated), payload);
            budgets.Add(new Budget("serialize " + payload, "throughput vs STJ source-gen", results.Median(nameof(SerializeBenchmarks.StjSourceGen), payload) / generated, 1.5, AtLeast: true, "x"));
            budgets.Add(new Budget("serialize " + payload, "allocated per event", results.Allocated(nameof(SerializeBenchmarks.Generated), payload), 0, AtLeast: false, "B"));
            budgets.Add(new Budget("serialize " + payload, "time vs copying the output bytes", generated / results.Median(nameof(SerializeBenchmarks.ByteCopyFloor), payload), 3, AtLeast: false, "x"));
        }

        foreach (string payload in s_serializePayloads)
        {
            double typed = results.Median(nameof(ValidateBenchmarks.Typed), payload);
            double json = results.Median(nameof(ValidateBenchmarks.Json), payload);
            double njsonschema = results.Median(nameof(ValidateBenchmarks.NJsonSchemaText), payload);
            budgets.Add(new Budget("validate " + payload, "typed Validate() speed vs NJsonSchema", njsonschema / typed, 200, AtLeast: true, "x"));
            budgets.Add(new Budget("validate " + payload, "ValidateJson speed vs NJsonSchema", njsonschema / json, 20, AtLeast: true, "x"));
            budgets.Add(new Budget("validate " + payload, "ValidateJson time vs a bare Utf8JsonReader walk", json / results.Median(nameof(ValidateBenchmarks.ReaderWalk), payload), 2, AtLeast: false, "x"));
            budgets.Add(new Budget("validate " + payload, "allocated when valid (typed + ValidateJson)", results.Allocated(nameof(ValidateBenchmarks.Typed), payload) + results.Allocated(nameof(ValidateBenchmarks.Json), payload), 0, AtLeast: false, "B"));
        }

        budgets.Add(new Budget("generator", "first run in a process (cold; Roslyn's driver compiled)", generator.FirstRun, 1000, AtLeast: false, "ms"));
        budgets.Add(new Budget("generator", "warm run after an unrelated .cs edit", generator.UnrelatedEdit, 1, AtLeast: false, "ms"));
        budgets.Add(new Budget("generator", "steps that did work after that edit", generator.UncachedSteps.Length, 0, AtLeast: false, "n"));
        budgets.Add(new Budget("generator", "warm run after a one-event plan edit", generator.PlanEdit, 50, AtLeast: false, "ms"));
        budgets.Add(new Budget("analyzers", "share of the build, compiler server (default)", analyzers.Server, 0.05, AtLeast: false, "%"));
        budgets.Add(new Budget("analyzers", "share of the build, no compiler server", analyzers.NoServer, 0.05, AtLeast: false, "%"));
        budgets.Add(new Budget("sender", "typed SendAsync time per event vs raw PostAsync", senders.Typed, 1.05, AtLeast: false, "x"));

        Print(budgets, generator, senders, analyzers, started, clock.Elapsed);
        return 0;
    }

    private static void Print(List<Budget> budgets, GeneratorFigures generator, SenderRunner.SenderFigures senders, AnalyzerLoadRunner.AnalyzerShares analyzers, DateTime started, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "## Budgets: --budgets, {0:yyyy-MM-dd HH:mm} UTC, {1:F1} min; {2} cores, {3}, {4}",
            started, elapsed.TotalMinutes, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription));
        Console.WriteLine();
        Console.WriteLine("| area | budget | measured | bound | status |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (Budget budget in budgets)
        {
            Console.WriteLine("| " + budget.Area + " | " + budget.What + " | " + budget.MeasuredText + " | " + budget.LimitText + " | " + budget.Status + " |");
        }

        Console.WriteLine();
        Console.WriteLine(budgets.Count(b => b.Met) + " of " + budgets.Count + " budgets met.");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Also measured: the raw post through the sender's resilience pipeline alone, {0:F3}x raw; the generator in a new driver of a warm process, {1:F1} ms, and after a one-event plan edit in the process's first {4} edits (before tiered compilation settled), {5:F1} ms, and in a row of such edits each on the driver the last left (an editor session), {6:F1} ms; the diagnostic analyzers alone (without the generator), {2:P1} of the build without the compiler server and {3:P1} with it.", senders.Pipeline, generator.NewDriver, analyzers.NoServerAnalyzersAlone, analyzers.ServerAnalyzersAlone, GeneratorTiming.Runs, generator.PlanEditFirstRuns, generator.PlanEditsInARow));
        foreach (string step in generator.UncachedSteps)
        {
            Console.WriteLine("Did work after the unrelated edit: " + step);
        }
    }

    /// <summary>The BenchmarkDotNet medians (ns) and allocations (bytes per operation) by method and payload.</summary>
    private sealed class Results
    {
        private readonly Dictionary<(string Method, string Payload), (double Median, long? Allocated)> _figures = new();

        public static Results Of(IEnumerable<Summary> summaries)
        {
            var results = new Results();
            foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null))
            {
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                string payload = Convert.ToString(report.BenchmarkCase.Parameters["Event"], CultureInfo.InvariantCulture)!;
                results._figures[(method, payload)] = (report.ResultStatistics!.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
            }

            return results;
        }

        /// <summary>The median in nanoseconds; NaN when the benchmark did not run or failed.</summary>
        public double Median(string method, string payload) => _figures.TryGetValue((method, payload), out var f) ? f.Median : double.NaN;

        /// <summary>Bytes allocated per operation; NaN when not measured.</summary>
        public double Allocated(string method, string payload) => _figures.TryGetValue((method, payload), out var f) && f.Allocated is long bytes ? bytes : double.NaN;
    }
}
