using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace EventContracts.Benchmarks;

/// <summary>
/// Entry point. Any BenchmarkDotNet command-line option works (<c>--filter</c>, <c>--job</c>, <c>--list flat</c>), plus:
/// <c>--short</c>  a quick in-process job (1 launch, 3 warmups, 7 iterations of about 150 ms) that runs everything in a few minutes;
/// <c>--timing [events] [--with-roslyn-jit]</c> the generator's first run (after a generator of no EventContracts code has run, so Roslyn's driver is compiled as in the SDK's ReadyToRun compiler; with the option, the process's very first run), then GeneratorDriver.GetTimingInfo() for the generator scenarios (a new driver, an unrelated edit, a one-event plan edit, such edits in a row), on a plan of that many events (default 200; no BenchmarkDotNet);
/// <c>--print-plan N</c> writes the N-event tracking plan of the generator benchmarks to standard output;
/// <c>--analyzer-load [calls] [files] [runs]</c> the EventContracts analyzers' and generator's share of a consumer's build (AnalyzerLoad/);
/// <c>--senders [N] [rounds]</c> the typed sender against raw HttpClient.PostAsync to the in-process emulator (Senders/);
/// <c>--budgets</c> every budget of the performance issue in one short run, then a table of measured figures against them (Budgets/).
/// </summary>
public static class Program
{
    /// <summary>The short mode's job: in-process, 1 launch, 3 warm-ups, 7 iterations of about 150 ms.</summary>
    public static Job ShortJob { get; } = Job.Default
        .WithId("ShortInProcess")
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(7)
        .WithIterationTime(TimeInterval.FromMilliseconds(150));

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

        if (args.Length > 0 && args[0] == "--timing")
        {
            string[] numbers = args.Skip(1).Where(a => a != "--with-roslyn-jit").ToArray();
            GeneratorTiming.Measure(numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 200, withRoslynJit: args.Contains("--with-roslyn-jit"));
            return 0;
        }

        if (args.Contains("--budgets"))
        {
            return Budgets.BudgetRunner.Run();
        }

        IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median);
        if (args.Contains("--short"))
        {
            args = args.Where(a => a != "--short").ToArray();
            config = config.AddJob(ShortJob);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

}
