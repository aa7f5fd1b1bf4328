using System;
using System.Globalization;

namespace EventContracts.Benchmarks.Budgets;

/// <summary>One budget of the performance issue and the figure measured for it.</summary>
/// <param name="Area">What is measured (serialize, validate, generator, analyzers, sender).</param>
/// <param name="What">The budget's figure, in words.</param>
/// <param name="Measured">The figure; <see cref="double.NaN"/> when it could not be measured.</param>
/// <param name="Limit">The budget's bound.</param>
/// <param name="AtLeast">Whether the figure must be at least <paramref name="Limit"/> (a speed-up) rather than at most.</param>
/// <param name="Unit">How the figure is written: <c>x</c> (a ratio), <c>ms</c>, <c>%</c> (a share, 0.05 is 5%), <c>B</c> (bytes) or <c>n</c> (a count).</param>
public sealed record Budget(string Area, string What, double Measured, double Limit, bool AtLeast, string Unit)
{
    /// <summary>Whether the figure was measured and is within the bound.</summary>
    public bool Met => !double.IsNaN(Measured) && (AtLeast ? Measured >= Limit : Measured <= Limit);

    /// <summary>The figure as the table prints it.</summary>
    public string MeasuredText => Format(Measured);

    /// <summary>The bound as the table prints it.</summary>
    public string LimitText => (AtLeast ? "≥ " : Limit == 0 ? "" : "≤ ") + (Unit == "%" ? Format(Limit) : Limit.ToString("0.###", CultureInfo.InvariantCulture) + (Unit == "n" ? "" : Unit == "x" ? "x" : " " + Unit));

    /// <summary>"met", "not measured", or how far the figure is from the bound.</summary>
    public string Status
    {
        get
        {
            if (double.IsNaN(Measured))
            {
                return "not measured";
            }

            if (Met)
            {
                return "met";
            }

            // A zero bound has no ratio to miss it by: the excess is the distance.
            if (Limit == 0)
            {
                return "missed by " + Format(Measured);
            }

            double factor = AtLeast ? Limit / Measured : Measured / Limit;
            return "missed by " + (factor - 1).ToString("P1", CultureInfo.InvariantCulture) + (factor >= 2 ? " (" + factor.ToString("F1", CultureInfo.InvariantCulture) + "x)" : "");
        }
    }

    private string Format(double value) => double.IsNaN(value) ? "—" : Unit switch
    {
        "x" => value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F3", CultureInfo.InvariantCulture) + "x",
        "ms" => value.ToString(value >= 100 ? "F0" : value >= 1 ? "F1" : "F3", CultureInfo.InvariantCulture) + " ms",
        "%" => value.ToString("P1", CultureInfo.InvariantCulture),
        "B" => value.ToString("F0", CultureInfo.InvariantCulture) + " B",
        "n" => value.ToString("F0", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("Unknown unit " + Unit),
    };
}
