using System;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>The validators' decoder of raw JSON string bytes gives the text the writer encoded, in every form.</summary>
public class JsonStringDecoderTests
{
    private static readonly Gen<string> Texts = Gen.String[Gen.Char["aZ09 -:./\\\"\t\néß€中"], 0, 40];

    [Fact]
    public void Decodes_what_the_writer_encoded_escaped_or_raw()
    {
        Texts.Sample(text =>
        {
            // The default encoder escapes everything outside ASCII; the relaxed one writes UTF-8 as is.
            foreach (JavaScriptEncoder encoder in new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(text, new JsonSerializerOptions { Encoder = encoder });
                ReadOnlySpan<byte> raw = json.AsSpan(1, json.Length - 2);
                var destination = new char[raw.Length];
                Assert.True(JsonStringDecoder.TryDecode(raw, destination, out int written));
                Assert.Equal(text, new string(destination, 0, written));
            }
        }, iter: 5000);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0xFF })]
    [InlineData(new byte[] { (byte)'a', 0xC3 })]
    [InlineData(new byte[] { (byte)'a', (byte)'b', (byte)'c', (byte)'\\' })]
    [InlineData(new byte[] { (byte)'a', (byte)'\\', (byte)'x' })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Rejects_malformed_bytes_and_escapes(byte[] raw)
        => Assert.False(JsonStringDecoder.TryDecode(raw, new char[raw.Length], out _));

    [Fact]
    public void Keeps_an_escaped_lone_surrogate()
    {
        byte[] raw = Encoding.ASCII.GetBytes("plain\\uD800");
        var destination = new char[raw.Length];
        Assert.True(JsonStringDecoder.TryDecode(raw, destination, out int written));
        Assert.Equal("plain\uD800", new string(destination, 0, written));
    }
}
