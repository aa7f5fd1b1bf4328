using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EventContracts.Benchmarks;

/// <summary>
/// <c>--timing</c>: the generator's first run in the process (JIT of the generator and its readers included), which a
/// BenchmarkDotNet job cannot measure because its warm-up runs first, then the median of 21 runs per scenario as
/// <see cref="GeneratorDriver.GetTimingInfo"/> (the generator's own time) and the wall clock see them. Each scenario runs
/// for a second first, so tiered compilation has settled as it has in a long-lived IDE or compiler-server process
/// (without it, runs of well under a millisecond were measured at tier 0 in some processes).
/// </summary>
public static class GeneratorTiming
{
    private const int Runs = 21;

    /// <summary>Runs every scenario on the five vendor contracts and a plan of <paramref name="planEvents"/> events.</summary>
    public static GeneratorFigures Measure(int planEvents = 200)
    {
        var setup = GeneratorSetup.Create(planEvents);
        long start = Stopwatch.GetTimestamp();
        GeneratorDriver warm = setup.NewDriver().RunGenerators(setup.Compilation);
        double firstWall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        setup.Report(warm);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-32} GetTimingInfo {1,9:F3} ms   wall {2,9:F3} ms   (one run)", "first run in the process", warm.GetTimingInfo().ElapsedTime.TotalMilliseconds, firstWall));
        double cold = Median("cold run (new driver)", () => () => setup.NewDriver().RunGenerators(setup.Compilation));
        double unrelated = Median("warm run, unrelated .cs edit", () => () => warm.RunGenerators(setup.EditedCompilation));
        int edits = 0;
        double planEdit = Median("warm run, one-event plan edit", () =>
        {
            GeneratorDriver edited = warm.ReplaceAdditionalText(setup.Plan, setup.EditPlan(++edits));
            return () => edited.RunGenerators(setup.Compilation);
        });
        return new GeneratorFigures(firstWall, cold, unrelated, planEdit, setup.UncachedStepsAfterUnrelatedEdit());
    }

    /// <summary>
    /// Prints the scenario's medians and returns the wall-clock median in milliseconds. <paramref name="prepare"/> makes
    /// each run (untimed: the plan edit makes a text of its own for each), and the run it returns is timed.
    /// </summary>
    private static double Median(string name, Func<Func<GeneratorDriver>> prepare)
    {
        long warmUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUp).TotalSeconds < 1)
        {
            prepare()();
        }

        var generator = new double[Runs];
        var wall = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            Func<GeneratorDriver> run = prepare();
            long start = Stopwatch.GetTimestamp();
            GeneratorDriver driver = run();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            generator[i] = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;
        }

        Array.Sort(generator);
        Array.Sort(wall);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-32} GetTimingInfo median {1,9:F3} ms   wall median {2,9:F3} ms   (min {3:F3}, max {4:F3})", name, generator[Runs / 2], wall[Runs / 2], wall[0], wall[Runs - 1]));
        return wall[Runs / 2];
    }
}

/// <summary>The generator's figures in milliseconds (wall clock; medians except the first run).</summary>
/// <param name="FirstRun">The first run in the process.</param>
/// <param name="NewDriver">A new driver in the warm process.</param>
/// <param name="UnrelatedEdit">A warm driver after an unrelated C# edit.</param>
/// <param name="PlanEdit">A warm driver after one plan event changed.</param>
/// <param name="UncachedSteps">The tracked steps whose outputs were not cached or unchanged after the unrelated edit.</param>
public sealed record GeneratorFigures(double FirstRun, double NewDriver, double UnrelatedEdit, double PlanEdit, string[] UncachedSteps);
