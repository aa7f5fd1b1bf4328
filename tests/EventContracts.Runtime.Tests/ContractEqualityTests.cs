using System.Collections.ObjectModel;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class ContractEqualityTests
{
    private static JsonElement Json(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Lists_compare_by_element_in_order()
    {
        Assert.True(ContractEquality.ListEquals<int>(null, null));
        Assert.False(ContractEquality.ListEquals(null, new[] { 1 }));
        Assert.True(ContractEquality.ListEquals(new[] { 1, 2 }, new List<int> { 1, 2 }));
        Assert.False(ContractEquality.ListEquals(new[] { 1, 2 }, new[] { 2, 1 }));
        Assert.False(ContractEquality.ListEquals(new[] { 1, 2 }, new[] { 1, 2, 3 }));
        Assert.True(ContractEquality.ListEquals(new[] { "a", null }, new[] { "a", null }));
        Assert.Equal(ContractEquality.ListHash(new[] { "a", "b" }), ContractEquality.ListHash(new List<string> { "a", "b" }));
        Assert.Equal(0, ContractEquality.ListHash<int>(null));
    }

    [Fact]
    public void Maps_compare_by_key_regardless_of_order()
    {
        var a = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
        var b = new Dictionary<string, int> { ["y"] = 2, ["x"] = 1 };
        var c = new Dictionary<string, int> { ["y"] = 2, ["x"] = 3 };
        var d = new Dictionary<string, int> { ["y"] = 2, ["z"] = 1 };
        Assert.True(ContractEquality.MapEquals(a, b));
        Assert.False(ContractEquality.MapEquals(a, c));
        Assert.False(ContractEquality.MapEquals(a, d));
        Assert.True(ContractEquality.MapEquals<int>(null, null));
        Assert.False(ContractEquality.MapEquals(a, null));
        Assert.Equal(ContractEquality.MapHash(a), ContractEquality.MapHash(b));
        Assert.Equal(0, ContractEquality.MapHash<int>(null));
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1", "1e0", true)]
    [InlineData("100", "1e2", true)]
    [InlineData("0", "-0.0", true)]
    [InlineData("0.1", "1e-1", true)]
    [InlineData("1e400", "10e399", true)]
    [InlineData("1", "2", false)]
    [InlineData("1", "\"1\"", false)]
    [InlineData("\"a\"", "\"\\u0061\"", true)]
    [InlineData("true", "true", true)]
    [InlineData("true", "false", false)]
    [InlineData("null", "null", true)]
    [InlineData("{\"a\":1,\"b\":{\"c\":[1,2]}}", "{\"b\":{\"c\":[1.0,2]},\"a\":1}", true)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":2}", false)]
    [InlineData("{\"a\":1,\"b\":2}", "{\"a\":1}", false)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("[]", "{}", false)]
    public void Json_values_compare_by_value(string left, string right, bool equal)
    {
        JsonElement a = Json(left);
        JsonElement b = Json(right);
        Assert.Equal(equal, ContractEquality.JsonEquals(a, b));
        Assert.Equal(equal, ContractEquality.JsonEquals(b, a));
        if (equal)
        {
            Assert.Equal(ContractEquality.JsonHash(a), ContractEquality.JsonHash(b));
        }
    }

    [Fact]
    public void Default_elements_are_equal_to_each_other_only()
    {
        Assert.True(ContractEquality.JsonEquals(default, default));
        Assert.False(ContractEquality.JsonEquals(default, Json("null")));
    }

    [Fact]
    public void Lists_and_maps_of_json_elements_use_json_equality()
    {
        Assert.True(ContractEquality.ListEquals(new[] { Json("1"), Json("{\"a\":1,\"b\":2}") }, new[] { Json("1.0"), Json("{\"b\":2,\"a\":1}") }));
        Assert.Equal(
            ContractEquality.ListHash(new[] { Json("1"), Json("{\"a\":1,\"b\":2}") }),
            ContractEquality.ListHash(new[] { Json("1.0"), Json("{\"b\":2,\"a\":1}") }));

        var m1 = new Dictionary<string, JsonElement> { ["k"] = Json("[1,2]") };
        var m2 = new Dictionary<string, JsonElement> { ["k"] = Json("[1.0,2e0]") };
        Assert.True(ContractEquality.MapEquals(m1, m2));
        Assert.Equal(ContractEquality.MapHash(m1), ContractEquality.MapHash(m2));
    }

    [Fact]
    public void Nested_lists_and_maps_of_json_elements_use_json_equality()
    {
        IReadOnlyList<IReadOnlyList<JsonElement>> a = new[] { new[] { Json("1"), Json("\"x\"") }, new[] { Json("{}") } };
        IReadOnlyList<IReadOnlyList<JsonElement>> b = new List<IReadOnlyList<JsonElement>> { new List<JsonElement> { Json("1.0"), Json("\"x\"") }, new[] { Json("{}") } };
        Assert.True(ContractEquality.ListEquals(a, b));
        Assert.Equal(ContractEquality.ListHash(a), ContractEquality.ListHash(b));

        var c = new[] { new[] { Json("2") } };
        Assert.False(ContractEquality.ListEquals<IReadOnlyList<JsonElement>>(a, c));

        IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> ma = new[] { new Dictionary<string, JsonElement> { ["a"] = Json("1"), ["b"] = Json("2") } };
        IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> mb = new[] { new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement> { ["b"] = Json("2.0"), ["a"] = Json("1") }) };
        Assert.True(ContractEquality.ListEquals(ma, mb));
        Assert.Equal(ContractEquality.ListHash(ma), ContractEquality.ListHash(mb));

        var mapOfLists = new Dictionary<string, IReadOnlyList<JsonElement>> { ["k"] = new[] { Json("1") } };
        var mapOfLists2 = new Dictionary<string, IReadOnlyList<JsonElement>> { ["k"] = new List<JsonElement> { Json("1.00") } };
        Assert.True(ContractEquality.MapEquals(mapOfLists, mapOfLists2));

        JsonElement? n1 = Json("1");
        JsonElement? n2 = Json("1.0");
        Assert.True(ContractEquality.ListEquals(new[] { n1, null }, new[] { n2, null }));
    }

    private sealed record Item(string Sku, IReadOnlyList<JsonElement> Extra)
    {
        public bool Equals(Item? other) => other is not null && Sku == other.Sku && ContractEquality.ListEquals(Extra, other.Extra);

        public override int GetHashCode() => HashCode.Combine(Sku, ContractEquality.ListHash(Extra));
    }

    [Fact]
    public void Records_in_lists_use_their_own_equality()
    {
        var a = new[] { new Item("A", new[] { Json("1") }) };
        var b = new[] { new Item("A", new[] { Json("1.0") }) };
        var c = new[] { new Item("B", new[] { Json("1") }) };
        Assert.True(ContractEquality.ListEquals(a, b));
        Assert.False(ContractEquality.ListEquals(a, c));
        Assert.Equal(ContractEquality.ListHash(a), ContractEquality.ListHash(b));
    }
}
