using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class CodePointsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("\U0001F600", 1)] // one emoji, a surrogate pair
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 5)] // family: 3 emoji + 2 joiners
    [InlineData("e\u0301", 2)] // e + combining acute accent
    [InlineData("\u00e9", 1)]
    public void Counts_code_points(string value, int expected)
    {
        Assert.Equal(expected, CodePoints.Count(value));
        Assert.Equal(expected, CodePoints.Count(value.AsSpan()));
    }

    [Theory]
    [InlineData(new[] { 0xD800 }, 1)] // a lone high surrogate
    [InlineData(new[] { 0xDC00 }, 1)] // a lone low surrogate
    [InlineData(new[] { 0xDC00, 0xD800 }, 2)] // a reversed pair is two lone surrogates
    [InlineData(new[] { 0x61, 0xD83D }, 2)]
    [InlineData(new[] { 0xD83D, 0xDE00, 0xD83D }, 2)]
    public void Lone_surrogates_count_one_each(int[] units, int expected)
    {
        string value = new string(units.Select(u => (char)u).ToArray());
        Assert.Equal(expected, CodePoints.Count(value));
    }

    [Fact]
    public void Null_counts_zero() => Assert.Equal(0, CodePoints.Count((string)null!));
}
