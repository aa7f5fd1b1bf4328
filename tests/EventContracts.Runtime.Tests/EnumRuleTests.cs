using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class EnumRuleTests
{
    private static readonly EnumRule Track = new("enum", "\"track\"");
    private static readonly EnumRule Mixed = new("enum", "\"a\"", "1", "null", "true", "{\"a\":1,\"b\":[1,2]}", "[1,\"x\"]", "1e400");

    [Fact]
    public void Failure_names_the_value_and_the_allowed_values()
    {
        Outcome outcome = Run.Json("\"trak\"", (ref r, ref c) => c.CheckEnum(ref r, Track));
        Assert.Equal("enum", outcome.Single.Keyword);
        Assert.Equal("\"trak\" is not one of \"track\"", outcome.Single.Message);
        Assert.True(Run.Json("\"track\"", (ref r, ref c) => c.CheckEnum(ref r, Track)).Passed);
    }

    [Theory]
    [InlineData("\"a\"", true)]
    [InlineData("\"\\u0061\"", true)] // compared after unescaping
    [InlineData("\"A\"", false)]
    [InlineData("1", true)]
    [InlineData("1.0", true)] // 1 == 1.0
    [InlineData("10e-1", true)]
    [InlineData("1.0000000000000000000000000000001", false)]
    [InlineData("2", false)]
    [InlineData("1e400", true)]
    [InlineData("10e399", true)]
    [InlineData("1e401", false)]
    [InlineData("null", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("{\"b\":[1,2.0],\"a\":1}", true)] // key order does not matter
    [InlineData("{\"a\":1,\"b\":[2,1]}", false)] // item order does
    [InlineData("{\"a\":1,\"b\":[1,2],\"c\":3}", false)]
    [InlineData("{\"a\":1}", false)]
    [InlineData("[1,\"x\"]", true)]
    [InlineData("[1.0,\"\\u0078\"]", true)]
    [InlineData("[\"x\",1]", false)]
    [InlineData("[]", false)]
    public void Json_mode_uses_json_equality(string json, bool valid)
    {
        Assert.Equal(valid, Run.Json(json, (ref r, ref c) => c.CheckEnum(ref r, Mixed)).Passed);
    }

    [Fact]
    public void Const_reports_keyword_const()
    {
        var rule = new EnumRule("const", "\"track\"");
        Outcome outcome = Run.Json("\"identify\"", (ref r, ref c) => c.CheckConst(ref r, rule));
        Assert.Equal("const", outcome.Single.Keyword);
        Assert.Equal("\"identify\" does not equal the const value \"track\"", outcome.Single.Message);
        Assert.True(Run.Json("\"track\"", (ref r, ref c) => c.CheckConst(ref r, rule)).Passed);
        Assert.Equal("const", Run.Model((ref c) => c.CheckEnum("x", rule)).Single.Keyword);
    }

    [Fact]
    public void Const_model_overloads()
    {
        var one = new EnumRule("const", "1");
        Assert.True(Run.Model((ref c) => c.CheckConst(1.0m, one)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckConst(1L, one)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckConst(1d, one)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckConst(true, one)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckConst("1", one)).Passed);
        using JsonDocument doc = JsonDocument.Parse("1e0");
        JsonElement element = doc.RootElement;
        Assert.True(Run.Model((ref c) => c.CheckConst(element, one)).Passed);
        Assert.Equal("const", Run.Model((ref c) => c.CheckConst(2L, one)).Single.Keyword);
    }

    [Fact]
    public void Strings_with_lone_surrogates_compare_by_code_unit()
    {
        var rule = new EnumRule("enum", "\"\\ud800\"");
        Assert.True(Run.Model((ref c) => c.CheckEnum("\ud800", rule)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckEnum("\udc00", rule)).Passed);
        Assert.False(Run.Json("\"\\udc00\"", (ref r, ref c) => c.CheckEnum(ref r, rule)).Passed);
        Assert.False(Run.Json("[\"\\ud800\",\"\\udc00\"]", (ref r, ref c) => c.CheckUniqueItems(ref r)) is { Passed: false });
        Assert.True(Run.Json("[\"\\ud800\",\"\\ud800\"]", (ref r, ref c) => c.CheckUniqueItems(ref r)) is { Passed: false });
    }

    [Theory]
    [InlineData("\"\\ud800\"", "\"\uFFFD\"")]
    [InlineData("\"\\udfff\"", "\"\uFFFD\"")]
    [InlineData("\"a\\ud800b\"", "\"a\uFFFDb\"")]
    [InlineData("\"\\ud800\"", "\"\"")]
    public void A_lone_surrogate_is_not_the_replacement_character_it_would_be_encoded_as(string allowed, string input)
    {
        // UTF-8 has no lone surrogate: encoding the allowed value would turn it into U+FFFD (EF BF BD) and match raw input.
        var rule = new EnumRule("const", allowed);
        Assert.False(Run.Json(input, (ref r, ref c) => c.CheckEnum(ref r, rule)).Passed);
        Assert.True(Run.Json(allowed, (ref r, ref c) => c.CheckEnum(ref r, rule)).Passed);
    }

    [Fact]
    public void Model_mode_overloads()
    {
        var numbers = new EnumRule("enum", "1", "2.5", "1e2");
        Assert.True(Run.Model((ref c) => c.CheckEnum(1m, numbers)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckEnum(1.00m, numbers)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckEnum(100L, numbers)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckEnum(2.5d, numbers)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckEnum(3L, numbers)).Passed);
        Assert.Equal("3 is not one of 1, 2.5, 1e2", Run.Model((ref c) => c.CheckEnum(3L, numbers)).Single.Message);
        Assert.False(Run.Model((ref c) => c.CheckEnum(double.NaN, numbers)).Passed);

        Assert.True(Run.Model((ref c) => c.CheckEnum("a", Mixed)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckEnum((string?)null, Mixed)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckEnum((string?)null, Track)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckEnum(true, Mixed)).Passed);
        Assert.False(Run.Model((ref c) => c.CheckEnum(false, Mixed)).Passed);

        using JsonDocument doc = JsonDocument.Parse("{\"b\":[1.0,2],\"a\":1.00}");
        JsonElement element = doc.RootElement;
        Assert.True(Run.Model((ref c) => c.CheckEnum(element, Mixed)).Passed);
        using JsonDocument other = JsonDocument.Parse("{\"b\":[1,2]}");
        JsonElement otherElement = other.RootElement;
        Outcome outcome = Run.Model((ref c) => c.CheckEnum(otherElement, Mixed));
        Assert.StartsWith("{\"b\":[1,2]} is not one of \"a\", 1, null, true, ", outcome.Single.Message);
    }

    [Fact]
    public void Long_lists_are_shortened_in_messages()
    {
        var many = new EnumRule("enum", System.Linq.Enumerable.Range(0, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        string message = Run.Model((ref c) => c.CheckEnum(99L, many)).Single.Message;
        Assert.EndsWith("9, \u2026 (20 more)", message);
    }

    [Fact]
    public void Constructor_rejects_bad_input()
    {
        Assert.Throws<System.ArgumentException>(() => new EnumRule("oneOf", "1"));
        Assert.Throws<System.ArgumentException>(() => new EnumRule("enum", "{bad"));
        Assert.Throws<System.ArgumentException>(() => new EnumRule("const", "1", "2"));
        Assert.Equal(new[] { "1", "\"a\"" }, new EnumRule("enum", "1", "\"a\"").Values);
    }
}
