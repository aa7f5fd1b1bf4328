using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Perfolizer.Horology;

namespace EventContracts.Benchmarks;

/// <summary>
/// Entry point. Any BenchmarkDotNet command-line option works (<c>--filter</c>, <c>--job</c>, <c>--list flat</c>), plus:
/// <c>--short</c>  a quick in-process job (1 launch, 3 warmups, 7 iterations of about 150 ms) that runs everything in a few minutes;
/// <c>--timing</c> the generator's first run in the process, then GeneratorDriver.GetTimingInfo() for the three generator scenarios (no BenchmarkDotNet);
/// <c>--print-plan N</c> writes the N-event tracking plan of the generator benchmarks to standard output;
/// <c>--analyzer-load [calls] [files] [runs]</c> the EventContracts analyzers' and generator's share of a consumer's build (AnalyzerLoad/);
/// <c>--senders [N] [rounds]</c> the typed sender against raw HttpClient.PostAsync to the in-process emulator (Senders/).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--print-plan")
        {
            Console.Write(PlanFactory.Make(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200));
            return 0;
        }

        if (args.Length > 0 && args[0] == "--analyzer-load")
        {
            return AnalyzerLoad.AnalyzerLoadRunner.Run(args);
        }

        if (args.Length > 0 && args[0] == "--senders")
        {
            return Senders.SenderRunner.Run(args);
        }

        if (args.Contains("--timing"))
        {
            return Timing();
        }

        IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median);
        if (args.Contains("--short"))
        {
            args = args.Where(a => a != "--short").ToArray();
            config = config.AddJob(Job.Default
                .WithId("ShortInProcess")
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(7)
                .WithIterationTime(TimeInterval.FromMilliseconds(150)));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>
    /// The generator's first run in this process (its code not yet compiled by the JIT), then the median of
    /// GeneratorDriver.GetTimingInfo() (the generator's own time) and of wall-clock time over 21 runs of each scenario,
    /// each after a second of the same runs, so tiered compilation has settled as it has in a long-lived IDE or
    /// compiler-server process (without it, runs of well under a millisecond were measured at tier 0 in some processes).
    /// </summary>
    private static int Timing()
    {
        var setup = GeneratorSetup.Create(planEvents: 200);
        long start = Stopwatch.GetTimestamp();
        GeneratorDriver warm = setup.NewDriver().RunGenerators(setup.Compilation);
        double firstWall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        setup.Report(warm);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-32} GetTimingInfo {1,9:F3} ms   wall {2,9:F3} ms   (one run)", "first run in the process", warm.GetTimingInfo().ElapsedTime.TotalMilliseconds, firstWall));
        GeneratorDriver warmPlanEdited = warm.ReplaceAdditionalText(setup.Plan, setup.EditedPlan);
        Measure("cold run (new driver)", () => setup.NewDriver().RunGenerators(setup.Compilation));
        Measure("warm run, unrelated .cs edit", () => warm.RunGenerators(setup.EditedCompilation));
        Measure("warm run, one-event plan edit", () => warmPlanEdited.RunGenerators(setup.Compilation));
        return 0;
    }

    private static void Measure(string name, Func<GeneratorDriver> run)
    {
        const int Runs = 21;
        long warmUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUp).TotalSeconds < 1)
        {
            run();
        }

        var generator = new double[Runs];
        var wall = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            GeneratorDriver driver = run();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            generator[i] = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;
        }

        Array.Sort(generator);
        Array.Sort(wall);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-32} GetTimingInfo median {1,9:F3} ms   wall median {2,9:F3} ms   (min {3:F3}, max {4:F3})", name, generator[Runs / 2], wall[Runs / 2], wall[0], wall[Runs - 1]));
    }
}
