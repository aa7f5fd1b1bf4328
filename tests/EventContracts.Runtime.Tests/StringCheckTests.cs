using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class StringCheckTests
{
    private static readonly StringRule MaxLength64 = new(null, 64, null, null);
    private static readonly StringRule Length2To3 = new(2, 3, null, null);
    private static readonly StringRule NotPushEngage = new(null, null, "^(?!PushEngage\\.)", null);

    [Fact]
    public void MaxLength_passes_at_the_limit_and_fails_above_it()
    {
        Assert.True(Run.Json(Run.Quote(new string('a', 64)), (ref r, ref c) => c.CheckString(ref r, MaxLength64)).Passed);

        Outcome outcome = Run.Json(Run.Quote(new string('a', 65)), (ref r, ref c) => c.CheckString(ref r, MaxLength64));
        Assert.False(outcome.Passed);
        Assert.Equal("", outcome.Single.Path);
        Assert.Equal("maxLength", outcome.Single.Keyword);
        Assert.Equal("string of 65 characters is longer than maxLength 64", outcome.Single.Message);
    }

    [Fact]
    public void MinLength_fails_below_the_limit()
    {
        Outcome outcome = Run.Json("\"a\"", (ref r, ref c) => c.CheckString(ref r, Length2To3));
        Assert.Equal("minLength", outcome.Single.Keyword);
        Assert.Equal("string of 1 character is shorter than minLength 2", outcome.Single.Message);
        Assert.True(Run.Json("\"ab\"", (ref r, ref c) => c.CheckString(ref r, Length2To3)).Passed);
        Assert.True(Run.Json("\"abc\"", (ref r, ref c) => c.CheckString(ref r, Length2To3)).Passed);
        Assert.Equal("maxLength", Run.Json("\"abcd\"", (ref r, ref c) => c.CheckString(ref r, Length2To3)).Single.Keyword);
    }

    [Theory]
    [InlineData("\"\U0001F600\U0001F600\"", true)] // two emoji: 2 code points, 4 UTF-16 units, 8 UTF-8 bytes
    [InlineData("\"\U0001F600\U0001F600\U0001F600\U0001F600\"", false)]
    [InlineData("\"\\ud83d\\ude00\\ud83d\\ude00\"", true)] // the same emoji written as escapes
    [InlineData("\"e\u0301e\u0301\"", false)] // combining marks are code points of their own: 4
    [InlineData("\"\\ud800\\ud800\\ud800\"", true)] // lone surrogates count one each
    [InlineData("\"\\ud800\\ud800\\ud800\\ud800\"", false)]
    [InlineData("\"\u00e9\u00e9\u00e9\"", true)]
    public void Lengths_are_counted_in_code_points(string json, bool valid)
    {
        Assert.Equal(valid, Run.Json(json, (ref r, ref c) => c.CheckString(ref r, Length2To3)).Passed);
    }

    [Fact]
    public void Lengths_in_code_points_in_model_mode()
    {
        Assert.True(Run.Model((ref c) => c.CheckString("\U0001F600\U0001F600\U0001F600", Length2To3)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckString("\U0001F600\U0001F600\U0001F600\U0001F600", Length2To3)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckString("e\u0301e\u0301", Length2To3)).Passed);
    }

    [Fact]
    public void Pattern_failure_names_the_value_and_the_pattern()
    {
        Outcome outcome = Run.Json("\"PushEngage.x\"", (ref r, ref c) => c.CheckString(ref r, NotPushEngage));
        Assert.Equal("pattern", outcome.Single.Keyword);
        Assert.Equal("\"PushEngage.x\" does not match the pattern ^(?!PushEngage\\.)", outcome.Single.Message);
        Assert.True(Run.Json("\"Order Completed\"", (ref r, ref c) => c.CheckString(ref r, NotPushEngage)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckString("PushEngage.y", NotPushEngage)).Passed);
    }

    [Fact]
    public void Pattern_is_matched_against_the_unescaped_value()
    {
        var upper = new StringRule(null, null, "^[A-Z]{3}$", null);
        Assert.True(Run.Json("\"\\u0055SD\"", (ref r, ref c) => c.CheckString(ref r, upper)).Passed);
        Assert.False(Run.Json("\"US\\n\"", (ref r, ref c) => c.CheckString(ref r, upper)).Passed);
    }

    [Fact]
    public void Long_values_are_truncated_in_messages()
    {
        var digits = new StringRule(null, null, "^[0-9]+$", null);
        Outcome outcome = Run.Json(Run.Quote(new string('x', 500)), (ref r, ref c) => c.CheckString(ref r, digits));
        Assert.True(outcome.Single.Message.Length < 120, outcome.Single.Message);
        Assert.StartsWith("\"xxxxxxxx", outcome.Single.Message);
        Assert.Contains("\u2026", outcome.Single.Message);
    }

    [Fact]
    public void Long_escaped_values_use_a_pooled_buffer()
    {
        var rule = new StringRule(1, 2000, "^a+$", null);
        string json = "\"" + string.Concat(System.Linq.Enumerable.Repeat("\\u0061", 1000)) + "\"";
        Assert.True(Run.Json(json, (ref r, ref c) => c.CheckString(ref r, rule)).Passed);
        Assert.False(Run.Json(json.Replace("\\u0061\"", "b\""), (ref r, ref c) => c.CheckString(ref r, rule)).Passed);
    }

    [Fact]
    public void Format_failure_is_reported_with_keyword_format()
    {
        var date = new StringRule(null, null, null, "date");
        Outcome outcome = Run.Json("\"2023-02-29\"", (ref r, ref c) => c.CheckString(ref r, date));
        Assert.Equal("format", outcome.Single.Keyword);
        Assert.Equal("\"2023-02-29\" is not a valid date", outcome.Single.Message);
        Assert.True(Run.Json("\"2024-02-29\"", (ref r, ref c) => c.CheckString(ref r, date)).Passed);
    }

    [Fact]
    public void Every_failing_keyword_is_reported()
    {
        var rule = new StringRule(5, null, "^[0-9]+$", "uuid");
        Outcome outcome = Run.Json("\"ab\"", (ref r, ref c) => c.CheckString(ref r, rule));
        Assert.Equal(new[] { "minLength", "pattern", "format" }, System.Linq.Enumerable.Select(outcome.Result.Errors, e => e.Keyword));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"a\":\"b\"}")]
    [InlineData("[\"abcdefgh\"]")]
    public void Non_strings_pass_string_keywords(string json)
    {
        Assert.True(Run.Json(json, (ref r, ref c) => c.CheckString(ref r, Length2To3)).Passed);
    }

    [Fact]
    public void Property_names_can_be_checked_for_propertyNames()
    {
        var keys = new StringRule(null, 255, "^[A-Za-z0-9][A-Za-z0-9_-]*$", null);
        byte[] json = "{\"_bad\":1}"u8.ToArray();
        var ctx = new ValidationContext(json);
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Read();
            Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
            Assert.True(ctx.CheckType(ref reader, JsonTypes.String));
            Assert.False(ctx.CheckString(ref reader, keys));
            Assert.Equal("pattern", Assert.Single(ctx.ToResult().Errors).Keyword);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_reported_not_thrown()
    {
        byte[] json = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        Outcome outcome = Run.Json(json, (ref r, ref c) => c.CheckString(ref r, NotPushEngage));
        Assert.Equal("json", outcome.Single.Keyword);
    }

    [Fact]
    public void Invalid_utf8_is_reported_by_a_length_only_rule()
    {
        byte[] json = [(byte)'"', (byte)'a', 0xE2, 0x82, (byte)'"'];
        Assert.Equal("json", Run.Json(json, (ref r, ref c) => c.CheckString(ref r, Length2To3)).Single.Keyword);
        byte[] encodedSurrogate = [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'];
        Assert.Equal("json", Run.Json(encodedSurrogate, (ref r, ref c) => c.CheckString(ref r, Length2To3)).Single.Keyword);
        byte[] overlong = [(byte)'"', 0xC0, 0xAF, (byte)'a', (byte)'"'];
        Assert.Equal("json", Run.Json(overlong, (ref r, ref c) => c.CheckString(ref r, Length2To3)).Single.Keyword);
    }

    [Fact]
    public void Lone_surrogate_escapes_reach_the_pattern_as_code_units()
    {
        var rule = new StringRule(1, 1, "^[\\ud800-\\udbff]$", null);
        Assert.True(Run.Json("\"\\ud800\"", (ref r, ref c) => c.CheckString(ref r, rule)).Passed);
        Outcome outcome = Run.Json("\"\\udc00\"", (ref r, ref c) => c.CheckString(ref r, rule));
        Assert.Equal("pattern", outcome.Single.Keyword);
        Assert.Equal("\"\\udc00\" does not match the pattern ^[\\ud800-\\udbff]$", outcome.Single.Message);
    }

    [Fact]
    public void Unknown_formats_and_bad_lengths_are_rejected_by_the_constructor()
    {
        Assert.Throws<System.ArgumentException>(() => new StringRule(null, null, null, "hostname"));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new StringRule(-1, null, null, null));
    }

    [Fact]
    public void A_rule_exposes_its_keywords()
    {
        var rule = new StringRule(1, 2, "^a", "email");
        Assert.Equal(1, rule.MinLength);
        Assert.Equal(2, rule.MaxLength);
        Assert.Equal("^a", rule.Pattern);
        Assert.Equal("email", rule.Format);
        Assert.NotNull(rule.Regex);
    }
}
