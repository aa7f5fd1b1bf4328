using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Model;

/// <summary>Did-you-mean suggestions for names the user wrote: events, destinations, operations.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The closest known name by edit distance (two neighbouring letters swapped count as one edit), when it is close
    /// enough to be a likely typo: within a third of the name's length, no word replaced by another (<c>Signed Out</c> is
    /// not a misspelt <c>Signed Up</c>, nor <c>Product Removed</c> of <c>Product Added</c>) and no word that is another
    /// with a prefix or suffix (<c>Unsubscribed</c> is not <c>Subscribed</c>): a code fix would send the other event.
    /// </summary>
    public static string Suggest(string name, IEnumerable<string> candidates)
    {
        // Accents count for nothing: "Urun Eklendi" typed on a keyboard without them is "Ürün Eklendi", and a name saved
        // decomposed (NFD) is the composed one.
        string plain = UnicodeText.Unaccented(name);

        // Only a candidate within this many edits is suggested, so longer distances need not be computed: a
        // candidate whose length differs by more is skipped, and a distance stops growing once every row exceeds it.
        int limit = Math.Max(2, plain.Length / 3);
        string lower = UnicodeText.Lower(plain);
        string best = string.Empty;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            string plainCandidate = UnicodeText.Unaccented(candidate);
            if (Math.Abs(plainCandidate.Length - plain.Length) > limit)
            {
                continue;
            }

            int distance = Distance(lower, UnicodeText.Lower(plainCandidate), Math.Min(limit, bestDistance));
            if ((distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
                && distance <= limit && WordsAlike(plain, plainCandidate))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : string.Empty;
    }

    /// <summary>
    /// Whether two names with as many words have each pair of differing words within a third of the longer one's length
    /// (at least one edit), neither being the other with two or more letters added at its start or end (<c>un</c>,
    /// <c>de</c>, <c>re</c>, <c>ed</c>). Names with different numbers of words are alike only as a space missed or
    /// added: their letters and digits within one edit.
    /// </summary>
    private static bool WordsAlike(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count != right.Count)
        {
            return Distance(string.Concat(left), string.Concat(right), 1) <= 1;
        }

        for (int i = 0; i < left.Count; i++)
        {
            string x = left[i], y = right[i];
            if (string.Equals(x, y, StringComparison.Ordinal))
            {
                continue;
            }

            int bound = Math.Max(1, Math.Max(x.Length, y.Length) / 3);
            if (Distance(x, y, bound) > bound || Affixed(x, y) || Affixed(y, x))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="longer"/> is <paramref name="word"/> with two or more letters added before or after it.</summary>
    private static bool Affixed(string longer, string word)
        => longer.Length >= word.Length + 2 && word.Length >= 3
            && (longer.EndsWith(word, StringComparison.Ordinal) || longer.StartsWith(word, StringComparison.Ordinal));

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
                words.Add(UnicodeText.Lower(name.Substring(start, i - start)));
                start = -1;
            }

            if (inWord && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>
    /// The edit distance of <paramref name="a"/> and <paramref name="b"/>, two neighbouring letters swapped counting as one
    /// edit (optimal string alignment), or a number over <paramref name="bound"/> once it must exceed it.
    /// </summary>
    private static int Distance(string a, string b, int bound)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        int previousMin = 0;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            // A swap reaches back two rows, so a row may only end the search when the one before it could too.
            if (rowMin > bound && previousMin > bound)
            {
                return rowMin;
            }

            previousMin = rowMin;
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
