using System.Text;
using EventContracts.Serialization;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>Reading one top-level property of a body without a DOM, as the senders do; bad input is "not found".</summary>
public class TopLevelReadTests
{
    [Theory]
    [InlineData("""{"event":"x","data":{"a":[1,{"b":2}]},"id":"m"}""", "data", """{"a":[1,{"b":2}]}""")]
    [InlineData("""{ "data" : [ 1, 2 ] , "x": 1 }""", "data", "[ 1, 2 ]")]
    [InlineData("""{"data":"text"}""", "data", "\"text\"")]
    [InlineData("""{"data":null,"data":{}}""", "data", "null")]
    [InlineData("""{"x":{"data":1},"data":2}""", "data", "2")]
    public void Finds_the_first_top_level_value(string json, string name, string expected)
    {
        Assert.True(JsonRead.TryGetTopLevelValue(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(name), out ReadOnlySpan<byte> value));
        Assert.Equal(expected, Encoding.UTF8.GetString(value));
    }

    [Theory]
    [InlineData("""{"x":{"data":1}}""")]
    [InlineData("""["data",1]""")]
    [InlineData("""{"data":""")]
    [InlineData("""{"data":{"a":}""")]
    [InlineData("")]
    [InlineData("not json")]
    public void Reports_not_found_for_absent_or_malformed_input(string json)
        => Assert.False(JsonRead.TryGetTopLevelValue(Encoding.UTF8.GetBytes(json), "data"u8, out _));

    [Fact]
    public void Value_is_found_and_matches_the_string_reader()
    {
        byte[] json = """{"event":"Order Completed","data":{}}"""u8.ToArray();
        Assert.Equal("Order Completed", JsonRead.TopLevelString(json, "event"u8));
        Assert.False(JsonRead.TryGetTopLevelValue(json, ReadOnlySpan<byte>.Empty, out _));
    }

    [Theory]
    [InlineData("""{"event":"A\u0042C","x":1}""", "ABC")]
    [InlineData("""{"event":1,"x":"y"}""", null)]
    [InlineData("""{"x":{"event":"nested"}}""", null)]
    [InlineData("""{"event":null}""", null)]
    public void String_values_are_decoded_and_other_values_are_null(string json, string? expected)
        => Assert.Equal(expected, JsonRead.TopLevelString(Encoding.UTF8.GetBytes(json), "event"u8));

    [Fact]
    public void Ill_formed_utf8_in_the_string_is_null_not_an_exception()
    {
        byte[] json = [.. "{\"event\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Null(JsonRead.TopLevelString(json, "event"u8));
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_is_kept_as_its_utf16_unit_so_two_such_values_differ()
    {
        Assert.Equal("a\ud800", JsonRead.TopLevelString("""{"event":"a\ud800"}"""u8, "event"u8));
        Assert.Equal("\udc00\ud800\\", JsonRead.TopLevelString("""{"event":"\udc00\ud800\\"}"""u8, "event"u8));
        Assert.NotEqual(JsonRead.TopLevelString("""{"event":"\ud800"}"""u8, "event"u8), JsonRead.TopLevelString("""{"event":"\udc00"}"""u8, "event"u8));
    }
}
