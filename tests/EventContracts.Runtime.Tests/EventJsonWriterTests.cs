using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using EventContracts.Serialization;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// <see cref="EventJsonWriter"/> must write byte for byte what a default <see cref="Utf8JsonWriter"/> writes for the
/// same calls: size limits (<c>x-ec-max-bytes</c>) and the size bounds are defined on that output.
/// </summary>
public class EventJsonWriterTests
{
    // Plain text, every escape class (quotes, backslash, HTML-sensitive, controls, DEL, non-ASCII, astral, lone surrogates),
    // short and past the vectorized length.
    private static readonly Gen<string> Strings = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["abz AZ09-_.:/"], 0, 80],
        Gen.String[Gen.Char["ab \"\\<>&'+`\b\f\n\r\t\u0001\u001f\u007f\u0080\u00e9\u2028\ufffd"], 0, 50],
        Gen.String[Gen.Char["ab\ud83d\ude00\ud800\udc00"], 0, 40],
        Gen.Char.Array[0, 70].Select(chars => new string(chars)));

    [Fact]
    public void Strings_and_names_are_escaped_as_Utf8JsonWriter_escapes_them()
    {
        Gen.Select(Strings, Strings, Strings).Sample((a, b, c) =>
        {
            string expected = Reference(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString(a, b);
                writer.WritePropertyName(c);
                writer.WriteStartArray();
                writer.WriteStringValue(a);
                writer.WriteStringValue(c);
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            string actual = Ours(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName(a);
                writer.WriteStringValue(b);
                writer.WritePropertyName(c);
                writer.WriteStartArray();
                writer.WriteStringValue(a);
                writer.WriteStringValue(c);
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void Numbers_booleans_and_nulls_are_spelled_as_Utf8JsonWriter_spells_them()
    {
        var decimals = Gen.OneOf(Gen.Decimal, Gen.Long.Select(l => l / 1000m), Gen.Const(decimal.MaxValue), Gen.Const(decimal.MinValue), Gen.Const(-0.0000000000000000000000000001m), Gen.Const(1.10m));
        var longs = Gen.OneOf(Gen.Long, Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(0L));
        Gen.Select(decimals, longs, Gen.Bool).Sample((d, l, b) =>
        {
            string expected = Reference(writer =>
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(d);
                writer.WriteNumberValue(l);
                writer.WriteBooleanValue(b);
                writer.WriteNullValue();
                writer.WriteStringValue((string?)null);
                writer.WriteEndArray();
            });
            string actual = Ours(writer =>
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(d);
                writer.WriteNumberValue(l);
                writer.WriteBooleanValue(b);
                writer.WriteNullValue();
                writer.WriteStringValue(null);
                writer.WriteEndArray();
            });
            Assert.Equal(expected, actual);
        });
    }

    /// <summary>
    /// Every scale, both signs (a negative zero too) and coefficients around each power of ten, within 64 bits (formatted
    /// by the writer itself) and beyond (left to <see cref="System.Buffers.Text.Utf8Formatter"/>).
    /// </summary>
    [Fact]
    public void Decimals_of_every_scale_are_spelled_as_Utf8JsonWriter_spells_them()
    {
        var coefficients = new List<(int Lo, int Mid, int Hi)>();
        var small = new List<ulong> { 0, 1, 5, 9, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue, 1999, 100025 };
        for (ulong power = 10; power <= 10_000_000_000_000_000_000UL; power *= 10)
        {
            small.Add(power - 1);
            small.Add(power);
            small.Add(power + 1);
            if (power > ulong.MaxValue / 10)
            {
                break;
            }
        }

        foreach (ulong c in small)
        {
            coefficients.Add(((int)(uint)c, (int)(uint)(c >> 32), 0));
        }

        coefficients.Add((0, 0, 1));
        coefficients.Add((-1, -1, -1));
        coefficients.Add((123, 456, 789));

        foreach (var (lo, mid, hi) in coefficients)
        {
            for (byte scale = 0; scale <= 28; scale++)
            {
                foreach (bool negative in new[] { false, true })
                {
                    decimal value = new decimal(lo, mid, hi, negative, scale);
                    string expected = Reference(writer => writer.WriteNumberValue(value));
                    string actual = Ours(writer => writer.WriteNumberValue(value));
                    Assert.True(expected == actual, $"coefficient ({lo}, {mid}, {hi}), scale {scale}, negative {negative}: {expected} written as {actual}");
                }
            }
        }
    }

    [Theory]
    [InlineData("{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"plain text\"}}")]
    [InlineData("{ \"a\" : 1 ,\n \"b\" : [ true ] }")]
    [InlineData("\"caf\u00e9\"")]
    [InlineData("\"caf\\u00e9 \\\"quoted\\\" \\/ \\n\"")]
    [InlineData("{\"k\\u0041y\":\"<b>&amp;</b>\"}")]
    [InlineData("[1.50, -0, 1e400, 12345678901234567890123]")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("\"\"")]
    public void Open_values_are_written_as_JsonElement_writes_them(string json)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        string expected = Reference(writer =>
        {
            writer.WriteStartArray();
            element.WriteTo(writer);
            element.WriteTo(writer);
            writer.WriteEndArray();
        });
        string actual = Ours(writer =>
        {
            writer.WriteStartArray();
            writer.WriteJsonValue(element);
            writer.WriteJsonValue(element);
            writer.WriteEndArray();
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Random_open_values_are_written_as_JsonElement_writes_them()
    {
        var values = Strings.Select(s => JsonSerializer.Serialize(new { s, n = s.Length, list = new[] { s, s + "x" } }, new JsonSerializerOptions { WriteIndented = s.Length % 2 == 0, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        values.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            Assert.Equal(Reference(document.RootElement.WriteTo), Ours(writer => writer.WriteJsonValue(document.RootElement)));
        });
    }

    [Fact]
    public void A_default_element_throws_an_InvalidOperationException_as_JsonElement_does_that_says_why()
    {
        var writer = new EventJsonWriter();
        var thrown = Assert.ThrowsAny<InvalidOperationException>(() => writer.WriteJsonValue(default));
        Assert.IsType<UndefinedJsonValueException>(thrown);
        Assert.Contains("default JsonElement", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoded_names_and_values_are_copied_with_separators()
    {
        string json = Ours(writer =>
        {
            writer.WriteStartObject();
            writer.WriteEncodedName("\"a\":"u8);
            writer.WriteEncodedValue("\"x\""u8);
            writer.WriteEncodedName("\"b\":"u8);
            writer.WriteStartArray();
            writer.WriteEncodedValue("1"u8);
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        Assert.Equal("{\"a\":\"x\",\"b\":[1,{}]}", json);
    }

    [Fact]
    public void The_buffer_grows_past_its_first_size()
    {
        string big = new('x', 100_000);
        var writer = new EventJsonWriter(initialCapacity: 1);
        writer.WriteStartArray();
        writer.WriteStringValue(big);
        writer.WriteStringValue(big + "\u00e9");
        writer.WriteEndArray();
        Assert.Equal(Reference(w =>
        {
            w.WriteStartArray();
            w.WriteStringValue(big);
            w.WriteStringValue(big + "\u00e9");
            w.WriteEndArray();
        }), Encoding.UTF8.GetString(writer.WrittenSpan));

        writer.Reset();
        writer.WriteNumberValue(1);
        Assert.Equal("1", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void Nesting_stops_at_the_writers_maximum_depth()
    {
        var writer = new EventJsonWriter();
        for (int i = 0; i < EventJsonWriter.MaxDepth; i++)
        {
            writer.WriteStartArray();
        }

        Assert.Throws<InvalidOperationException>(() => writer.WriteStartArray());
        Assert.Throws<InvalidOperationException>(() => writer.WriteStartObject());
    }

    [Fact]
    public void A_Utf8JsonWriter_gets_the_value_raw_or_rewritten_under_its_options()
    {
        static void Write(EventJsonWriter writer, string text)
        {
            writer.WriteStartObject();
            writer.WriteEncodedName("\"text\":"u8);
            writer.WriteStringValue(text);
            writer.WriteEndObject();
        }

        var compact = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(compact))
        {
            writer.WriteStartArray();
            EventJsonWriter.WriteTo(writer, "caf\u00e9", Write);
            EventJsonWriter.WriteTo(writer, "b", Write);
            writer.WriteEndArray();
        }

        Assert.Equal("[{\"text\":\"caf\\u00E9\"},{\"text\":\"b\"}]", Encoding.UTF8.GetString(compact.WrittenSpan));

        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var indented = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(indented, options))
        {
            EventJsonWriter.WriteTo(writer, "caf\u00e9", Write);
        }

        Assert.Equal(JsonSerializer.Serialize(new { text = "caf\u00e9" }, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), Encoding.UTF8.GetString(indented.WrittenSpan));
    }

    [Fact]
    public void A_Utf8JsonWriter_with_options_gets_a_value_nested_as_deep_as_validation_reads()
    {
        static void Write(EventJsonWriter writer, int depth)
        {
            for (int i = 0; i < depth; i++)
            {
                writer.WriteStartArray();
            }

            for (int i = 0; i < depth; i++)
            {
                writer.WriteEndArray();
            }
        }

        var indented = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(indented, new JsonWriterOptions { Indented = true }))
        {
            EventJsonWriter.WriteTo(writer, 256, Write);
        }

        using var document = JsonDocument.Parse(indented.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
    }

    [Fact]
    public void Measuring_and_copying_report_the_written_bytes()
    {
        static void Write(EventJsonWriter writer, string text) => writer.WriteStringValue(text);

        Assert.Equal(Encoding.UTF8.GetByteCount("\"a\\u0026b\""), EventJsonWriter.Measure("a&b", Write));
        Assert.Equal("\"a\\u0026b\"", Encoding.UTF8.GetString(EventJsonWriter.ToArray("a&b", Write)));

        // A write inside a write on the same thread gets a writer of its own.
        long inner = 0;
        byte[] outer = EventJsonWriter.ToArray("outer", (writer, text) =>
        {
            inner = EventJsonWriter.Measure("xy", Write);
            writer.WriteStringValue(text);
        });
        Assert.Equal(4, inner);
        Assert.Equal("\"outer\"", Encoding.UTF8.GetString(outer));

        var destination = new ArrayBufferWriter<byte>();
        var own = new EventJsonWriter();
        own.WriteBooleanValue(true);
        own.CopyTo(destination);
        Assert.Equal("true", Encoding.UTF8.GetString(destination.WrittenSpan));
    }

    private static string Reference(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Ours(Action<EventJsonWriter> write)
    {
        var writer = new EventJsonWriter(initialCapacity: 8);
        write(writer);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }
}
