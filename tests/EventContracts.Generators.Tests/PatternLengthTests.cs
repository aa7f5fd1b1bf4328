using EventContracts.Generators.Checks;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>The longest string an anchored pattern matches, which bounds a string without maxLength (EC4003).</summary>
public class PatternLengthTests
{
    [Theory]
    [InlineData("^[A-Z]{3}$", 3)]
    [InlineData("^(?:EUR|USD)$", 3)]
    [InlineData(@"^\d{1,4}(-\d{2})?$", 7)]
    [InlineData("^a$|^bc$", 2)]
    [InlineData(@"^\u00e9{2}$", 2)]
    [InlineData("^a{2,5}b?$", 6)]
    [InlineData(@"^[\]a]{2}$", 2)]
    [InlineData("^a{,3}$", 5)]
    [InlineData("^(?=abc)abc$", 3)]
    [InlineData("^(?<code>[A-Z]{2})-[0-9]{3}$", 6)]
    [InlineData("^$", 0)]
    [InlineData(@"^\d{3}-\d{4}$", 8)]
    [InlineData("^[^]{4}$", 4)]
    [InlineData(@"^\bword\b$", 4)]
    public void An_anchored_pattern_with_bounded_repeats_bounds_the_string(string pattern, int max)
        => Assert.Equal(max, PatternLength.Max(pattern));

    [Theory]
    [InlineData("[A-Z]{3}")]
    [InlineData("^[A-Z]{3}")]
    [InlineData("[A-Z]{3}$")]
    [InlineData("^[a-z]+$")]
    [InlineData("^a*$")]
    [InlineData("^x{2,}$")]
    [InlineData("^a|b$")]
    [InlineData(@"^(a)\1$")]
    [InlineData("^(a|bcd)*$")]
    [InlineData("^(a$")]
    [InlineData("^a)$")]
    [InlineData("^[abc$")]
    [InlineData("^*a$")]
    [InlineData("")]
    [InlineData("^(?i)a$")]
    public void Anything_else_is_not_bounded(string pattern)
        => Assert.Null(PatternLength.Max(pattern));
}
