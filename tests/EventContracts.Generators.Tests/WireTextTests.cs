using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using EventContracts.Generators.Emitting;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>Names and enum values the generator precomputes must be the text a default <see cref="Utf8JsonWriter"/> writes.</summary>
public class WireTextTests
{
    [Fact]
    public void Every_UTF16_unit_is_escaped_as_the_writer_escapes_it()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string value = "a" + (char)c + "b";
            Assert.Equal(Written(value), WireText.Quoted(value));
        }
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("\U0001F600 pairs")]
    [InlineData("lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, at the end \ud83d")]
    [InlineData("Order \"Completed\" <b> & 'quoted' + `ticks` \\ /")]
    [InlineData("")]
    public void Strings_are_quoted_as_the_writer_quotes_them(string value)
    {
        Assert.Equal(Written(value), WireText.Quoted(value));
        if (!value.Any(char.IsSurrogate) || value.EnumerateRunes().All(r => r != Rune.ReplacementChar))
        {
            // What the generated code used before: JsonEncodedText (which rejects lone surrogates instead).
            Assert.Equal("\"" + Encoding.UTF8.GetString(JsonEncodedText.Encode(value).EncodedUtf8Bytes) + "\"", WireText.Quoted(value));
        }
    }

    private static string Written(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
