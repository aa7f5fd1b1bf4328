using System.Linq;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class NumberCheckTests
{
    private static readonly NumberRule ZeroToHundred = new(0m, 100m, null, null, null);
    private static readonly NumberRule Exclusive = new(null, null, 0m, 10m, null);

    [Theory]
    [InlineData("0", true)]
    [InlineData("100", true)]
    [InlineData("100.0", true)]
    [InlineData("1e2", true)]
    [InlineData("-0", true)]
    [InlineData("100.0000000000000000000000001", false)]
    [InlineData("-0.0000000000000000000000001", false)]
    [InlineData("1e400", false)]
    [InlineData("-1e400", false)]
    [InlineData("1e-400", true)]
    public void Minimum_and_maximum_are_inclusive(string json, bool valid)
    {
        Assert.Equal(valid, Run.Json(json, (ref r, ref c) => c.CheckNumber(ref r, ZeroToHundred)).Passed);
    }

    [Fact]
    public void Failures_name_the_value_and_the_bound()
    {
        Outcome above = Run.Json("100.5", (ref r, ref c) => c.CheckNumber(ref r, ZeroToHundred));
        Assert.Equal("maximum", above.Single.Keyword);
        Assert.Equal("100.5 is greater than the maximum 100", above.Single.Message);

        Outcome below = Run.Json("-1e-3", (ref r, ref c) => c.CheckNumber(ref r, ZeroToHundred));
        Assert.Equal("minimum", below.Single.Keyword);
        Assert.Equal("-1e-3 is less than the minimum 0", below.Single.Message);
    }

    [Theory]
    [InlineData("0", "exclusiveMinimum")]
    [InlineData("-5", "exclusiveMinimum")]
    [InlineData("10", "exclusiveMaximum")]
    [InlineData("10.0", "exclusiveMaximum")]
    [InlineData("1e-400", null)] // above zero, though below double's range
    [InlineData("0.0000000001", null)]
    [InlineData("9.999999999", null)]
    public void Exclusive_bounds_exclude_the_bound(string json, string? keyword)
    {
        Outcome outcome = Run.Json(json, (ref r, ref c) => c.CheckNumber(ref r, Exclusive));
        if (keyword is null)
        {
            Assert.True(outcome.Passed);
        }
        else
        {
            Assert.Equal(keyword, outcome.Single.Keyword);
        }
    }

    [Theory]
    [InlineData("0.3", "0.1", true)]
    [InlineData("0.30000000000000004", "0.1", false)]
    [InlineData("19.99", "0.01", true)]
    [InlineData("19.995", "0.01", false)]
    [InlineData("0.00000003", "0.00000001", true)]
    [InlineData("3e-8", "0.00000001", true)]
    [InlineData("3.5e-8", "0.00000001", false)]
    [InlineData("4.5", "1.5", true)]
    [InlineData("35", "1.5", false)]
    [InlineData("10", "2", true)]
    [InlineData("7", "2", false)]
    [InlineData("0", "7", true)]
    [InlineData("-21", "7", true)]
    [InlineData("1e308", "0.5", true)] // beyond decimal: an integer is a multiple of 0.5
    [InlineData("1e40", "7", false)]
    [InlineData("7e40", "7", true)]
    [InlineData("123456789012345678901234567890123", "3", true)]
    [InlineData("123456789012345678901234567890124", "3", false)]
    [InlineData("1e-30", "0.01", false)] // below decimal's precision: not rounded to 0
    [InlineData("-1e-400", "0.01", false)]
    [InlineData("1e400", "0.5", true)] // beyond double too
    [InlineData("1e400", "0.3", false)]
    [InlineData("3e400", "0.3", true)]
    [InlineData("123456789012345678901234567890.5", "0.5", true)] // more digits than a decimal holds
    [InlineData("123456789012345678901234567890.25", "0.5", false)]
    [InlineData("12345678901234567890123456789.12", "0.04", true)]
    [InlineData("2.0000000000000000000000000000000000001e40", "0.1", true)]
    [InlineData("5e30", "500", true)]
    [InlineData("4999999999e40", "4999999999", true)] // a multipleOf wider than 32 bits
    [InlineData("4999999998e40", "4999999999", false)]
    [InlineData("1e31", "5000000000000000000000000000", true)]
    public void MultipleOf_uses_exact_decimal_arithmetic(string json, string multipleOf, bool valid)
    {
        var rule = new NumberRule(null, null, null, null, decimal.Parse(multipleOf, System.Globalization.CultureInfo.InvariantCulture));
        Outcome outcome = Run.Json(json, (ref r, ref c) => c.CheckNumber(ref r, rule));
        Assert.Equal(valid, outcome.Passed);
        if (!valid)
        {
            Assert.Equal("multipleOf", outcome.Single.Keyword);
            Assert.Equal(json + " is not a multiple of " + multipleOf, outcome.Single.Message);
        }
    }

    [Theory]
    [InlineData(1.0000000000000002, "maximum")]
    [InlineData(0.30000000000000004, "multipleOf")]
    public void A_double_is_judged_as_the_JSON_System_Text_Json_writes_for_it(double value, string keyword)
    {
        // (decimal)value keeps 15 significant digits: 1.0000000000000002 became 1 and 0.1 + 0.2 became 0.3, which passed
        // checks that the written JSON (1.0000000000000002, 0.30000000000000004) fails.
        var rule = keyword == "maximum" ? new NumberRule(null, 1m, null, null, null) : new NumberRule(null, null, null, null, 0.1m);
        string written = System.Text.Json.JsonSerializer.Serialize(value);
        Assert.Equal(keyword, Run.Model((ref c) => c.CheckNumber(value, rule)).Single.Keyword);
        Assert.Equal(keyword, Run.Json(written, (ref r, ref c) => c.CheckNumber(ref r, rule)).Single.Keyword);
    }

    [Fact]
    public void Doubles_keep_their_written_value_at_every_scale()
    {
        Assert.False(Run.Model((ref c) => c.CheckConst(0.1d + 0.2d, new EnumRule("const", "0.3"))).Passed);
        Assert.True(Run.Model((ref c) => c.CheckConst(0.1d, new EnumRule("const", "0.1"))).Passed);
        Assert.True(Run.Model((ref c) => c.CheckNumber(1e300, new NumberRule(0m, null, null, null, null))).Passed);
        Assert.Equal("maximum", Run.Model((ref c) => c.CheckNumber(1e300, new NumberRule(null, 1e27m, null, null, null))).Single.Keyword);
        Assert.Equal("maximum", Run.Model((ref c) => c.CheckNumber(-1e-5, new NumberRule(null, -1e-4m, null, null, null))).Single.Keyword);
        Assert.Equal("minimum", Run.Model((ref c) => c.CheckNumber(5e-324, new NumberRule(1m, null, null, null, null))).Single.Keyword);
    }

    [Fact]
    public void Model_mode_decimal_long_and_double()
    {
        var cents = new NumberRule(0m, null, null, null, 0.01m);
        Assert.True(Run.Model((ref c) => c.CheckNumber(19.99m, cents)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckNumber(19.99d, cents)).Passed);
        Assert.True(Run.Model((ref c) => c.CheckNumber(0.3d, new NumberRule(null, null, null, null, 0.1m))).Passed);
        Assert.True(Run.Model((ref c) => c.CheckNumber(20L, cents)).Passed);

        Outcome negative = Run.Model((ref c) => c.CheckNumber(-1L, cents));
        Assert.Equal("minimum", negative.Single.Keyword);
        Assert.Equal("-1 is less than the minimum 0", negative.Single.Message);

        Outcome fraction = Run.Model((ref c) => c.CheckNumber(0.005m, cents));
        Assert.Equal("0.005 is not a multiple of 0.01", fraction.Single.Message);

        Assert.False(Run.Model((ref c) => c.CheckNumber(1e300, new NumberRule(null, 1e20m, null, null, null))).Passed);
    }

    [Fact]
    public void NaN_and_infinity_are_not_json_numbers()
    {
        Assert.Equal("type", Run.Model((ref c) => c.CheckNumber(double.NaN, ZeroToHundred)).Single.Keyword);
        Assert.Equal("type", Run.Model((ref c) => c.CheckNumber(double.PositiveInfinity, ZeroToHundred)).Single.Keyword);
    }

    [Fact]
    public void Several_failing_keywords_are_all_reported()
    {
        var rule = new NumberRule(null, 10m, null, null, 3m);
        Outcome outcome = Run.Json("11", (ref r, ref c) => c.CheckNumber(ref r, rule));
        Assert.Equal(new[] { "maximum", "multipleOf" }, outcome.Result.Errors.Select(e => e.Keyword));
    }

    [Theory]
    [InlineData("\"12\"")]
    [InlineData("null")]
    [InlineData("[1000]")]
    public void Non_numbers_pass_number_keywords(string json)
    {
        Assert.True(Run.Json(json, (ref r, ref c) => c.CheckNumber(ref r, ZeroToHundred)).Passed);
    }

    [Fact]
    public void MultipleOf_must_be_positive()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new NumberRule(null, null, null, null, 0m));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new NumberRule(null, null, null, null, -1m));
    }
}
