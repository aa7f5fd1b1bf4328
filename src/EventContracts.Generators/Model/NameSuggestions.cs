using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Model;

/// <summary>Did-you-mean suggestions for names the user wrote: events, destinations, operations.</summary>
internal static class NameSuggestions
{
    /// <summary>The closest known name by edit distance, when it is close enough to be a likely typo.</summary>
    public static string Suggest(string name, IEnumerable<string> candidates)
    {
        // Only a candidate within this many edits is suggested, so longer distances need not be computed: a
        // candidate whose length differs by more is skipped, and a distance stops growing once every row exceeds it.
        int limit = Math.Max(2, name.Length / 3);
        string lower = name.ToLowerInvariant();
        string best = string.Empty;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            int distance = Distance(lower, candidate.ToLowerInvariant(), Math.Min(limit, bestDistance));
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : string.Empty;
    }

    /// <summary>The edit distance of <paramref name="a"/> and <paramref name="b"/>, or a number over <paramref name="bound"/> once it must exceed it.</summary>
    private static int Distance(string a, string b, int bound)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > bound)
            {
                return rowMin;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
