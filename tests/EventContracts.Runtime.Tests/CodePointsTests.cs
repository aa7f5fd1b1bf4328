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
    [InlineData("\uD800", 1)] // lone high surrogate
    [InlineData("\uDC00\uD800", 2)] // reversed pair: two lone surrogates
    [InlineData("a\uD83D", 2)]
    public void Counts_code_points(string value, int expected)
    {
        Assert.Equal(expected, CodePoints.Count(value));
        Assert.Equal(expected, CodePoints.Count(value.AsSpan()));
    }

    [Fact]
    public void Null_counts_zero() => Assert.Equal(0, CodePoints.Count((string)null!));
}
