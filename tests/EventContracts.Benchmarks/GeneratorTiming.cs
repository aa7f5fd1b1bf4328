using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EventContracts.Benchmarks;

/// <summary>
/// <c>--timing</c>: the generator's first run in the process (JIT of the generator and its readers included, Roslyn's
/// driver compiled before it unless asked), which a BenchmarkDotNet job cannot measure because its warm-up runs first, then the median of 21 runs per scenario as
/// <see cref="GeneratorDriver.GetTimingInfo"/> (the generator's own time) and the wall clock see them. Each scenario first
/// runs for a second and at least <see cref="WarmUpRuns"/> times, so tiered compilation has settled as it has in a
/// long-lived IDE or compiler-server process; the median of its first <see cref="Runs"/> runs, before that, is printed too,
/// and the garbage collector's pauses during the timed runs (a run pays for the collections its allocations cause) and the
/// bytes they allocated (in every thread: a run's own, and what Roslyn's driver allocates for it).
/// </summary>
public static class GeneratorTiming
{
    /// <summary>Timed runs per scenario.</summary>
    public const int Runs = 21;

    /// <summary>
    /// Tiered PGO optimizes a method after 30 calls at tier 0 and 30 more at its instrumented tier, so code the generator
    /// runs once per run (reading a plan) needs about 60 runs; a second holds only a dozen plan edits, which were measured
    /// at the instrumented tier, 40 % slower than once settled.
    /// </summary>
    public const int WarmUpRuns = 100;

    /// <summary>
    /// Runs every scenario on the five vendor contracts and a plan of <paramref name="planEvents"/> events. The generator's
    /// first run follows <see cref="GeneratorSetup.WarmUpRoslyn"/> unless <paramref name="withRoslynJit"/> (then it also
    /// pays for compiling Roslyn's driver, which no <c>dotnet build</c> does).
    /// </summary>
    public static GeneratorFigures Measure(int planEvents = 200, bool withRoslynJit = false)
    {
        var setup = GeneratorSetup.Create(planEvents);
        if (!withRoslynJit)
        {
            setup.WarmUpRoslyn();
        }

        long start = Stopwatch.GetTimestamp();
        GeneratorDriver warm = setup.NewDriver().RunGenerators(setup.Compilation);
        double firstWall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        setup.Report(warm);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-32} GetTimingInfo {1,9:F3} ms   wall {2,9:F3} ms   (one run)", withRoslynJit ? "first run in the process" : "first run (Roslyn warmed up)", warm.GetTimingInfo().ElapsedTime.TotalMilliseconds, firstWall));
        double cold = Median("cold run (new driver)", () => () => setup.NewDriver().RunGenerators(setup.Compilation)).Settled;
        double unrelated = Median("warm run, unrelated .cs edit", () => () => warm.RunGenerators(setup.EditedCompilation)).Settled;
        int edits = 0;
        var planEdit = Median("warm run, one-event plan edit", () =>
        {
            GeneratorDriver edited = warm.ReplaceAdditionalText(setup.Plan, setup.EditPlan(++edits));
            return () => edited.RunGenerators(setup.Compilation);
        });

        // As an editor session makes them: each edit on the driver the last one left, so what a run keeps (the last
        // parts, the last read's trees) lives on into the next, as it does in an IDE.
        GeneratorDriver session = warm;
        AdditionalText current = setup.Plan;
        var editing = Median("plan edits in a row (a session)", () =>
        {
            AdditionalText next = setup.EditPlan(++edits);
            GeneratorDriver edited = session.ReplaceAdditionalText(current, next);
            current = next;
            return () => session = edited.RunGenerators(setup.Compilation);
        });
        return new GeneratorFigures(firstWall, cold, unrelated, planEdit.Settled, planEdit.FirstRuns, editing.Settled, setup.UncachedStepsAfterUnrelatedEdit());
    }

    /// <summary>
    /// Prints the scenario's medians and returns the wall-clock medians in milliseconds, settled and of the first runs.
    /// <paramref name="prepare"/> makes each run (untimed: the plan edit makes a text of its own for each), and the run it
    /// returns is timed.
    /// </summary>
    private static (double Settled, double FirstRuns) Median(string name, Func<Func<GeneratorDriver>> prepare)
    {
        var first = new double[Runs];
        int warmUpRuns = 0;
        long warmUp = Stopwatch.GetTimestamp();
        while (warmUpRuns < WarmUpRuns || Stopwatch.GetElapsedTime(warmUp).TotalSeconds < 1)
        {
            double wall = Time(prepare(), out _);
            if (warmUpRuns < Runs)
            {
                first[warmUpRuns] = wall;
            }

            warmUpRuns++;
        }

        var generator = new double[Runs];
        var settled = new double[Runs];
        TimeSpan pausedBefore = GC.GetTotalPauseDuration();
        long allocated = 0;
        for (int i = 0; i < Runs; i++)
        {
            // Preparing a run (the edited plan's text) is not the generator's allocation.
            Func<GeneratorDriver> run = prepare();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            settled[i] = Time(run, out generator[i]);
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        }

        double paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / Runs;

        Array.Sort(first);
        Array.Sort(generator);
        Array.Sort(settled);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0,-32} GetTimingInfo median {1,9:F3} ms   wall median {2,9:F3} ms   (min {3:F3}, max {4:F3}; first {5} runs {6:F3} ms; GC pauses {7:F3} ms and {8:F2} MB allocated a run)",
            name,
            generator[Runs / 2],
            settled[Runs / 2],
            settled[0],
            settled[Runs - 1],
            Runs,
            first[Runs / 2],
            paused,
            allocated / (double)Runs / (1 << 20)));
        return (settled[Runs / 2], first[Runs / 2]);
    }

    private static double Time(Func<GeneratorDriver> run, out double generator)
    {
        long start = Stopwatch.GetTimestamp();
        GeneratorDriver driver = run();
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        generator = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;
        return wall;
    }
}

/// <summary>The generator's figures in milliseconds (wall clock; medians except the first run).</summary>
/// <param name="FirstRun">The first run in the process.</param>
/// <param name="NewDriver">A new driver in the warm process.</param>
/// <param name="UnrelatedEdit">A warm driver after an unrelated C# edit.</param>
/// <param name="PlanEdit">A warm driver after one plan event changed.</param>
/// <param name="PlanEditFirstRuns">The same in the process's first runs of it, before tiered compilation settled.</param>
/// <param name="PlanEditsInARow">One-event plan edits each made on the driver the last one left, as in an editor session.</param>
/// <param name="UncachedSteps">The tracked steps whose outputs were not cached or unchanged after the unrelated edit.</param>
public sealed record GeneratorFigures(double FirstRun, double NewDriver, double UnrelatedEdit, double PlanEdit, double PlanEditFirstRuns, double PlanEditsInARow, string[] UncachedSteps);
