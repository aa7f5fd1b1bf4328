using CsCheck;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>The one-pass matcher takes only patterns it decides exactly, and then agrees with the regex engine.</summary>
public class SimplePatternTests
{
    private static readonly Gen<string> Atoms = Gen.OneOf<string>("a", "b", "0", "-", "_", "\\.", "[a-z]", "[0-9]", "[ab]", "[^a]", "[a-z0-9_-]", "[A-Z]", "\\d", "\\w", "\\D", "\\W", "[\\d]", "[\\w-]", "[-a]", "[a-]");

    private static readonly Gen<string> Quantifiers = Gen.OneOf<string>(string.Empty, string.Empty, "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}", "*?", "+?");

    private static readonly Gen<string> Lookaheads = Gen.OneOf<string>(string.Empty, string.Empty, "(?!a)", "(?!ab)", "(?!a\\.)", "(?!0-)", "(?![a])");

    private static readonly Gen<string> Patterns =
        Gen.Select(Lookaheads, Atoms.SelectMany(a => Quantifiers.Select(q => a + q)).Array[0, 4], Gen.Bool, (lookahead, pieces, end) => "^" + lookahead + string.Concat(pieces) + (end ? "$" : string.Empty));

    private static readonly Gen<string> Values = Gen.String[Gen.Char["ab0z9-_A.é\n \ud83d\ude00"], 0, 8];

    [Theory]
    [InlineData("^[A-Z]{3}$")]
    [InlineData("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    [InlineData("^[a-z0-9-]+$")]
    [InlineData("^\\d{4}-\\d{2}-\\d{2}$")]
    [InlineData("^[a-z][a-z0-9_]*$")]
    [InlineData("^\\+?[0-9]{7,15}$")]
    [InlineData("^$")]
    [InlineData("^(?!PushEngage\\.)")]
    [InlineData("^(?!internal_)[a-z_]+$")]
    public void Common_contract_patterns_take_the_fast_path(string pattern)
        => Assert.NotNull(SimplePattern.TryCreate(pattern));

    [Theory]
    [InlineData("[a-z]+$")] // unanchored start
    [InlineData("^a*a$")] // a repeat that may have to give back
    [InlineData("^[a-c]*x?[a-z]$")] // ... also past an optional piece
    [InlineData("^(ab)+$")]
    [InlineData("^a|b$")]
    [InlineData("^.+$")]
    [InlineData("^\\s+$")]
    [InlineData("^\\bword$")]
    [InlineData("^[]$")]
    [InlineData("^[^]$")]
    [InlineData("^a$b")]
    [InlineData("^[\\d-z]$")]
    [InlineData("^a{2,1}$")]
    [InlineData("^a**$")]
    [InlineData("^x{1000000}$")]
    [InlineData("^[^a]+$")] // a negated set matches a character beyond U+FFFF, two code units
    [InlineData("^\\D{2}$")]
    [InlineData("^\\W$")]
    [InlineData("^[a\\uD800-\\uDFFF]$")]
    [InlineData("^(?=a)b")] // lookahead other than a forbidden literal prefix
    [InlineData("^(?!a*)b")]
    [InlineData("^(?!a|b)c")]
    [InlineData("^(?!)a")]
    [InlineData("^(?!a")]
    public void Other_patterns_are_left_to_the_regex_engine(string pattern)
        => Assert.Null(SimplePattern.TryCreate(pattern));

    [Fact]
    public void Fast_path_agrees_with_the_regex_engine()
    {
        int decided = 0;
        Gen.Select(Patterns, Values.Array[1, 12]).Sample((pattern, values) =>
        {
            SimplePattern? simple = SimplePattern.TryCreate(pattern);
            if (simple is null)
            {
                return;
            }

            decided++;
            var regex = EcmaScriptRegex.Create(pattern);
            foreach (string value in values)
            {
                Assert.True(regex.IsMatch(value) == simple.IsMatch(value), pattern + " on \"" + value + "\": regex " + regex.IsMatch(value));
                if (System.Text.Ascii.IsValid(value))
                {
                    // ASCII is also matched on its UTF-8 bytes, as a JSON token holds it.
                    Assert.True(regex.IsMatch(value) == simple.IsMatch(System.Text.Encoding.ASCII.GetBytes(value)), pattern + " on bytes of \"" + value + "\"");
                }
                else if (simple.MatchesOnlyAscii)
                {
                    // Validators match such a pattern on any UTF-8 token and take a match as proof the text is ASCII.
                    Assert.False(simple.IsMatch(System.Text.Encoding.UTF8.GetBytes(value)), pattern + " matched the UTF-8 bytes of \"" + value + "\"");
                }
            }
        }, iter: 5000);

        // The generator mostly makes patterns the fast path takes, so the comparison is not vacuous.
        Assert.True(decided > 1000, decided + " patterns decided");
    }

    [Theory]
    [InlineData("^[A-Za-z0-9][A-Za-z0-9_-]*$", true)]
    [InlineData("^[a-z]{2}$", true)]
    [InlineData("^$", true)]
    [InlineData("^[a-z]+", false)] // the end is open: anything may follow
    [InlineData("^[a-zé]+$", false)]
    public void Patterns_that_only_admit_ASCII_are_known(string pattern, bool asciiOnly)
        => Assert.Equal(asciiOnly, SimplePattern.TryCreate(pattern)!.MatchesOnlyAscii);

    [Theory]
    [InlineData("\"ab-1\"", 0)]
    [InlineData("\"caf\\u00e9\"", 1)] // escaped: decoded, then matched
    [InlineData("\"café\"", 1)] // raw UTF-8: the ASCII-only match fails, the decoded text is reported
    [InlineData("\"\"", 2)] // too short and not matching
    [InlineData("\"abcdefghijk\"", 1)] // too long
    public void Json_strings_under_an_ASCII_only_pattern_are_checked_on_their_bytes(string json, int errors)
    {
        var rule = new StringRule(1, 10, "^[A-Za-z0-9][A-Za-z0-9_-]*$", null);
        var result = JsonValidation.Validate(System.Text.Encoding.UTF8.GetBytes(json), (ref System.Text.Json.Utf8JsonReader reader, ref ValidationContext context) => context.CheckString(ref reader, rule));
        Assert.Equal(errors, result.Errors.Count);
    }

    [Fact]
    public void String_rule_uses_the_fast_path_and_reports_like_the_regex()
    {
        var rule = new StringRule(null, null, "^[A-Z]{3}$", null);
        var passed = Run.Model((ref c) => c.CheckString("EUR", rule));
        var failed = Run.Model((ref c) => c.CheckString("eur", rule));
        Assert.True(passed.Passed);
        Assert.False(failed.Passed);
        Assert.Equal("\"eur\" does not match the pattern ^[A-Z]{3}$", Assert.Single(failed.Result.Errors).Message);
    }
}
