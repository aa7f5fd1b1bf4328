using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Model;

/// <summary>Did-you-mean suggestions for names the user wrote: events, destinations, operations.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The closest known name by edit distance, when it is close enough to be a likely typo: within a third of the
    /// name's length, and, where both have the same number of words, no word replaced by another (<c>Signed Out</c> is
    /// not a misspelt <c>Signed Up</c>, nor <c>Product Removed</c> of <c>Product Added</c>; a code fix would send the
    /// other event).
    /// </summary>
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
            if ((distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
                && distance <= limit && WordsAlike(name, candidate))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : string.Empty;
    }

    /// <summary>
    /// Whether two names with as many words have each pair of differing words within a third of the longer one's length
    /// (at least one edit). Names with different numbers of words (a missing space) are left to the whole distance.
    /// </summary>
    private static bool WordsAlike(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count != right.Count)
        {
            return true;
        }

        for (int i = 0; i < left.Count; i++)
        {
            int bound = Math.Max(1, Math.Max(left[i].Length, right[i].Length) / 3);
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal) && Distance(left[i], right[i], bound) > bound)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name's words, lower case: runs of letters and digits, split where a lower-case letter meets an upper-case one.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= name.Length; i++)
        {
            bool inWord = i < name.Length && char.IsLetterOrDigit(name[i]);
            bool hump = inWord && start >= 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]);
            if (start >= 0 && (!inWord || hump))
            {
                words.Add(name.Substring(start, i - start).ToLowerInvariant());
                start = -1;
            }

            if (inWord && start < 0)
            {
                start = i;
            }
        }

        return words;
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
