using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class TypeCheckTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("1e2", true)]
    [InlineData("1.5e1", true)]
    [InlineData("-0.0", true)]
    [InlineData("12345678901234567890123456789012345678901234567890", true)]
    [InlineData("1e400", true)]
    [InlineData("1.5", false)]
    [InlineData("1e-2", false)]
    [InlineData("100e-2", true)]
    [InlineData("1.0000000000000000000000000000001", false)]
    [InlineData("\"1\"", false)]
    public void Integer_accepts_every_number_that_is_mathematically_an_integer(string json, bool valid)
    {
        Assert.Equal(valid, Run.Json(json, (ref r, ref c) => c.CheckType(ref r, JsonTypes.Integer)).Passed);
    }

    [Theory]
    [InlineData("null", JsonTypes.Null)]
    [InlineData("true", JsonTypes.Boolean)]
    [InlineData("false", JsonTypes.Boolean)]
    [InlineData("{}", JsonTypes.Object)]
    [InlineData("[]", JsonTypes.Array)]
    [InlineData("1.5", JsonTypes.Number)]
    [InlineData("1", JsonTypes.Number)]
    [InlineData("\"\"", JsonTypes.String)]
    public void Each_token_has_its_type(string json, JsonTypes type)
    {
        Assert.True(Run.Json(json, (ref r, ref c) => c.CheckType(ref r, type)).Passed);
        Assert.False(Run.Json(json, (ref r, ref c) => c.CheckType(ref r, ~type & ~JsonTypes.Integer & (JsonTypes)127)).Passed);
    }

    [Fact]
    public void Failure_names_the_expected_types_and_the_value()
    {
        Outcome outcome = Run.Json("12", (ref r, ref c) => c.CheckType(ref r, JsonTypes.String | JsonTypes.Null));
        Assert.Equal("type", outcome.Single.Keyword);
        Assert.Equal("expected string or null but found number 12", outcome.Single.Message);

        Assert.Equal(
            "expected integer but found number 1.5",
            Run.Json("1.5", (ref r, ref c) => c.CheckType(ref r, JsonTypes.Integer)).Single.Message);
        Assert.Equal(
            "expected object, array or boolean but found string \"19.99\"",
            Run.Json("\"19.99\"", (ref r, ref c) => c.CheckType(ref r, JsonTypes.Object | JsonTypes.Array | JsonTypes.Boolean)).Single.Message);
        Assert.Equal(
            "expected number but found object",
            Run.Json("{\"a\":1}", (ref r, ref c) => c.CheckType(ref r, JsonTypes.Number | JsonTypes.Integer)).Single.Message);
    }
}
