using System.Text.RegularExpressions;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class EcmaScriptRegexTests
{
    private static bool Matches(string pattern, string value) => EcmaScriptRegex.Create(pattern).IsMatch(value);

    [Theory]
    [InlineData("^\\d+$", "0123456789", true)]
    [InlineData("^\\d+$", "\u0661\u0662\u0663", false)] // Arabic-Indic digits are not \d in ECMA-262
    [InlineData("^\\d+$", "\u09ea", false)] // Bengali four
    [InlineData("^\\D+$", "\u0661", true)]
    [InlineData("^[\\d]+$", "\u0661", false)]
    [InlineData("^[^\\d]+$", "\u0661", true)]
    [InlineData("^[\\D]$", "5", false)]
    public void Digit_class_is_ascii_only(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    [Theory]
    [InlineData("^\\w+$", "abc_XYZ_09", true)]
    [InlineData("^\\w+$", "caf\u00e9", false)] // é is not an ECMA word character
    [InlineData("^\\W$", "\u00e9", true)]
    [InlineData("^[\\w-]+$", "a-b", true)]
    [InlineData("^[\\w.-]+$", "a.b-c", true)]
    [InlineData("^[^\\W]+$", "abc", true)]
    [InlineData("\\bcaf\\b", "caf\u00e9", true)] // \b uses ASCII word characters: é ends the word
    [InlineData("\\Bb", "ab", true)]
    public void Word_class_and_boundaries_are_ascii(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    [Theory]
    [InlineData("^abc$", "abc", true)]
    [InlineData("^abc$", "abc\n", false)] // $ does not match before a trailing newline
    [InlineData("abc$", "xabc", true)]
    [InlineData("^a.c$", "a\nc", false)]
    [InlineData("^a.c$", "a\rc", false)]
    [InlineData("^a.c$", "a\u2028c", false)]
    [InlineData("^a.c$", "a\u00e9c", true)]
    [InlineData("^[^]$", "\n", true)]
    [InlineData("[]", "a", false)]
    public void Anchors_and_dot_follow_ecma(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    [Theory]
    [InlineData("^\\s$", "\u00a0", true)]
    [InlineData("^\\s$", "\ufeff", true)]
    [InlineData("^\\s$", "\u2003", true)]
    [InlineData("^\\s$", "\u000b", true)]
    [InlineData("^\\s$", "\u180e", false)] // Mongolian vowel separator is no longer white space
    [InlineData("^\\S$", "\u00a0", false)]
    [InlineData("^\\S$", "x", true)]
    [InlineData("^[\\S]$", "\u3000", false)]
    public void White_space_is_the_ecma_set(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    [Theory]
    [InlineData("es", "expression", true)] // unanchored: matches anywhere
    [InlineData("^es", "expression", false)]
    [InlineData("^[A-Z]{3}$", "USD", true)]
    [InlineData("^[A-Z]{3}$", "usd", false)]
    [InlineData("^\\u0041$", "A", true)]
    [InlineData("^\\x41$", "A", true)]
    [InlineData("^\\cJ$", "\n", true)]
    [InlineData("^\\a$", "a", true)] // identity escape, not .NET's bell
    [InlineData("^\\e$", "e", true)]
    [InlineData("^\\/$", "/", true)]
    [InlineData("^(a)\\1$", "aa", true)]
    [InlineData("^(?<x>a)\\k<x>$", "aa", true)]
    [InlineData("^\\p{Letter}+$", "\u00e9t\u00e9", true)]
    [InlineData("^\\p{L}+$", "abc1", false)]
    [InlineData("^[\u00e9]$", "\u00c9", false)] // no case folding, no culture
    [InlineData("^(?!PushEngage\\.)", "PushEngage.x", false)]
    [InlineData("^(?!PushEngage\\.)", "Order Completed", true)]
    public void Other_syntax(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    // JSON Schema patterns match in ECMA-262's Unicode mode: a character beyond U+FFFF (a surrogate pair in .NET) is one
    // character to '.', negated classes and escapes, and quantifiers (JSON-Schema-Test-Suite, optional/non-bmp-regex).
    [Theory]
    [InlineData("^\U0001F432*$", "", true)]
    [InlineData("^\U0001F432*$", "\U0001F432", true)]
    [InlineData("^\U0001F432*$", "\U0001F432\U0001F432", true)]
    [InlineData("^\U0001F432*$", "\U0001F409", false)]
    [InlineData("^\U0001F432{2}$", "\U0001F432\U0001F432", true)]
    [InlineData("^\\uD83D\\uDC32+$", "\U0001F432\U0001F432", true)]
    [InlineData("^\\u{1F432}+$", "\U0001F432\U0001F432", true)]
    [InlineData("^.$", "\U0001F600", true)]
    [InlineData("^.{2}$", "\U0001F600", false)]
    [InlineData("^.{2}$", "a\U0001F600", true)]
    [InlineData("^[^a-c]{2}$", "\U0001F600", false)]
    [InlineData("^[^a-c]{2}$", "d\U0001F600", true)]
    [InlineData("^[^a-c]$", "\U0001F600", true)]
    [InlineData("^[^]$", "\U0001F600", true)]
    [InlineData("^\\D$", "\U0001F600", true)]
    [InlineData("^\\W\\S$", "\U0001F600\U0001F600", true)]
    [InlineData("^[\\S]$", "\U0001F600", true)]
    [InlineData("^[^\\S]$", "\U0001F600", false)]
    [InlineData("^[a\\D]$", "\U0001F600", true)]
    [InlineData("^[^a\\W]+$", "b\U0001F600", false)]
    [InlineData("(?<=^.)b", "\U0001F600b", true)] // lookbehind reads the pair as one character too
    [InlineData("(?<=^..)b", "\U0001F600b", false)]
    [InlineData("(?<![^a])b", "\U0001F600b", false)]
    [InlineData("^(.)\\1$", "\U0001F600\U0001F600", true)]
    [InlineData("^.{1,2}$", "\U0001F600\U0001F600\U0001F600", false)]
    public void Characters_beyond_the_BMP_are_one_character(string pattern, string value, bool matches) => Assert.Equal(matches, Matches(pattern, value));

    [Fact]
    public void A_lone_surrogate_is_one_character()
    {
        // not as InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate
        Assert.True(Matches("^.$", "\ud800"));
        Assert.True(Matches("^.$", "\udc00"));
        Assert.True(Matches("^..$", "\udc00\ud800"));
        Assert.True(Matches("^[^a]{2}$", "\ud800b"));
        Assert.False(Matches("^.\\udc00$", "\ud800\udc00")); // the pair is not split to match its half
        Assert.False(Matches("^\\D\\udc00", "\ud800\udc00"));
    }

    [Theory]
    [InlineData("^[\U0001F600]$")]
    [InlineData("^[a-\U0001F600]$")]
    [InlineData("^[\\u{1F600}]$")]
    [InlineData("^[\\uD83D\\uDE00]$")]
    public void A_class_holding_a_character_beyond_the_BMP_is_refused(string pattern)
        => Assert.ThrowsAny<ArgumentException>(() => EcmaScriptRegex.Translate(pattern));

    [Fact]
    public void Patterns_are_cached_culture_invariant_and_time_limited()
    {
        // Tests running beside this one fill the bounded cache, which then starts again: one of a few tries sees a hit.
        bool cached = false;
        for (int attempt = 0; attempt < 3 && !cached; attempt++)
        {
            Regex first = EcmaScriptRegex.Create("^a+$");
            cached = ReferenceEquals(first, EcmaScriptRegex.Create("^a+$"));
        }

        Assert.True(cached);
        Regex regex = EcmaScriptRegex.Create("^a+$");
        Assert.True((regex.Options & RegexOptions.CultureInvariant) != 0);
        Assert.Equal(TimeSpan.FromSeconds(1), regex.MatchTimeout);
    }

    [Fact]
    public void Invalid_patterns_throw_argument_exceptions()
    {
        Assert.ThrowsAny<ArgumentException>(() => EcmaScriptRegex.Create("(abc"));
        Assert.ThrowsAny<ArgumentException>(() => EcmaScriptRegex.Create("abc\\"));
    }

    [Fact]
    public void Catastrophic_backtracking_is_reported_as_a_pattern_error()
    {
        var rule = new StringRule(null, null, "^([a-z]+\\s?)*$", null);
        string value = new string('a', 5000) + "!";
        Outcome outcome = Run.Model((ref c) => c.CheckString(value, rule));
        Assert.Equal("pattern", outcome.Single.Keyword);
        Assert.Contains("timed out", outcome.Single.Message);
    }
}
