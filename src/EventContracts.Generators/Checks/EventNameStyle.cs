using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Checks;

/// <summary>
/// Event-name styles (<c>eventcontracts.event_name_style</c>): recognising a name's style and
/// rewriting a name into a style. Words are split at spaces, punctuation and case changes; a combining mark (an accent
/// written apart, an Indic or Thai vowel sign) belongs to the letter before it.
/// </summary>
internal static class EventNameStyle
{
    public static readonly IReadOnlyList<string> Styles = new[] { "title_case", "snake_case", "camel_case", "pascal_case", "kebab_case" };

    private static readonly Regex s_genericWithNumber = new(@"^(event|test|untitled|new event|custom event|action|track)[\s_\-]*\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The canonical style key, or null when <paramref name="option"/> is not a known style.</summary>
    public static string? Normalize(string? option)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return null;
        }

        string key = option!.Trim().ToLowerInvariant().Replace("-", "_");
        return key switch
        {
            "title_case" or "title" => "title_case",
            "snake_case" or "snake" => "snake_case",
            "camel_case" or "camelcase" or "camel" => "camel_case",
            "pascal_case" or "pascalcase" or "pascal" => "pascal_case",
            "kebab_case" or "kebab" => "kebab_case",
            _ => null,
        };
    }

    /// <summary>Rewrites <paramref name="name"/> in <paramref name="style"/>.</summary>
    public static string Apply(string name, string style)
    {
        var words = Words(name);
        return style switch
        {
            "title_case" => string.Join(" ", words.Select(Capitalize)),
            "snake_case" => string.Join("_", words.Select(UnicodeText.Lower)),
            "kebab_case" => string.Join("-", words.Select(UnicodeText.Lower)),
            "camel_case" => string.Concat(words.Select((w, i) => i == 0 ? UnicodeText.Lower(w) : Capitalize(w))),
            _ => string.Concat(words.Select(Capitalize)),
        };
    }

    /// <summary>Names like <c>Event 12</c> or <c>TMDropd</c>: a generic word with a number, or an opaque abbreviation.</summary>
    public static bool IsNondescript(string name)
    {
        if (s_genericWithNumber.IsMatch(name.Trim()))
        {
            return true;
        }

        // A single run of letters with several capitals in a row and no separators reads as an opaque code.
        string trimmed = name.Trim();
        if (trimmed.Length is >= 4 and <= 10 && trimmed.All(char.IsLetterOrDigit))
        {
            int upperRun = 0;
            int maxUpperRun = 0;
            foreach (char c in trimmed)
            {
                upperRun = char.IsUpper(c) ? upperRun + 1 : 0;
                maxUpperRun = Math.Max(maxUpperRun, upperRun);
            }

            return maxUpperRun >= 2 && trimmed.Any(char.IsLower) && !trimmed.All(c => char.IsUpper(c) || char.IsDigit(c));
        }

        return false;
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c) && !(current.Length > 0 && UnicodeText.IsMark(CharUnicodeInfo.GetUnicodeCategory(c))) && !char.IsSurrogate(c))
            {
                Flush(words, current);
                continue;
            }

            bool boundary = current.Length > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary)
            {
                Flush(words, current);
            }

            current.Append(c);
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    private static string Capitalize(string word)
        => word.Length == 0 ? word : UnicodeText.Upper(word[0]) + UnicodeText.Lower(word.Substring(1));
}
