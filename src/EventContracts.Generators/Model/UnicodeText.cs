using System;
using System.Globalization;
using System.Text;

namespace EventContracts.Generators.Model;

/// <summary>
/// The Unicode facts names need, the same on every host and in every culture: normalization, combining marks, and the
/// case mappings the invariant culture leaves out (Turkish <c>İ</c> and <c>ı</c>).
/// </summary>
internal static class UnicodeText
{
    /// <summary>
    /// <paramref name="text"/> in Normalization Form C, as C# source typed on a keyboard is (a plan saved by a tool that
    /// decomposes, <c>a</c> + U+0308 for <c>ä</c>, names the same identifiers); unchanged where it cannot be normalized
    /// (a lone surrogate).
    /// </summary>
    public static string Composed(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>
    /// <paramref name="text"/> without its accents, to compare what a user typed on a keyboard without them with a name:
    /// decomposed, combining marks dropped, dotted <c>İ</c> and dotless <c>ı</c> as plain <c>I</c> and <c>i</c>. Case is kept.
    /// </summary>
    public static string Unaccented(string text)
    {
        if (IsAscii(text))
        {
            return text;
        }

        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            decomposed = text;
        }

        var builder = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (!IsMark(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                builder.Append(c switch
                {
                    '\u0130' => 'I',
                    '\u0131' => 'i',
                    _ => c,
                });
            }
        }

        return builder.ToString();
    }

    private static bool IsAscii(string text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a character of <paramref name="category"/> combines with the one before it (an accent, an Indic vowel sign).</summary>
    public static bool IsMark(UnicodeCategory category)
        => category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>The invariant upper case, with Unicode's <c>ı</c> → <c>I</c>, which .NET's invariant culture leaves out.</summary>
    public static char Upper(char c) => c == '\u0131' ? 'I' : char.ToUpperInvariant(c);

    /// <summary>The invariant lower case, with Unicode's <c>İ</c> → <c>i</c>, which .NET's invariant culture leaves out.</summary>
    public static string Lower(string text) => text.ToLowerInvariant().Replace('\u0130', 'i');
}
