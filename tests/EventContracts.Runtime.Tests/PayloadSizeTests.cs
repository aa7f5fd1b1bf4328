using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class PayloadSizeTests
{
    private static readonly Action<Utf8JsonWriter, string> WriteObject = (writer, value) =>
    {
        writer.WriteStartObject();
        writer.WriteString("event_name", value);
        writer.WriteEndObject();
    };

    [Fact]
    public void Measures_utf8_bytes()
    {
        Assert.Equal(Encoding.UTF8.GetByteCount("{\"event_name\":\"signup\"}"), PayloadSize.Measure("signup", WriteObject));
        Assert.Equal(2, PayloadSize.Measure(0, (w, _) => { w.WriteStartArray(); w.WriteEndArray(); }));
    }

    [Fact]
    public void Large_values_are_measured()
    {
        string big = new string('x', 100_000);
        Assert.Equal(100_000 + 17, PayloadSize.Measure(big, WriteObject));
        Assert.Equal(23, PayloadSize.Measure("signup", WriteObject));
    }

    [Fact]
    public void Writer_options_change_the_size()
    {
        // the default encoder escapes é as \u00E9 (6 bytes); the relaxed one writes it as 2 bytes
        long escaped = PayloadSize.Measure("\u00e9", WriteObject);
        long relaxed = PayloadSize.Measure("\u00e9", WriteObject, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal(17 + 6, escaped);
        Assert.Equal(17 + 2, relaxed);
    }

    [Fact]
    public void A_throwing_writer_leaves_the_cache_usable()
    {
        Assert.Throws<InvalidOperationException>(() => PayloadSize.Measure(0, (w, _) => throw new InvalidOperationException()));
        Assert.Equal(23, PayloadSize.Measure("signup", WriteObject));
    }

    [Fact]
    public void Re_entrant_measurement_works()
    {
        long inner = 0;
        long outer = PayloadSize.Measure("signup", (w, v) =>
        {
            inner = PayloadSize.Measure("x", WriteObject);
            WriteObject(w, v);
        });
        Assert.Equal(23, outer);
        Assert.Equal(18, inner);
    }

    [Fact]
    public void Measuring_after_warm_up_allocates_nothing()
    {
        PayloadSize.Measure("signup", WriteObject);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            PayloadSize.Measure("signup", WriteObject);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

/// <summary>
/// <c>x-ec-max-bytes</c> over JSON input: the shortcuts <see cref="ValidationContext.CheckMaxBytes(ref Utf8JsonReader, ref Utf8JsonReader, int)"/>
/// takes for input that is already as the serializer writes it must give the verdict of measuring the value written again.
/// </summary>
public class MaxBytesShortcutTests
{
    public static TheoryData<int> EveryByte()
    {
        var data = new TheoryData<int>();
        for (int b = 0; b < 256; b++)
        {
            data.Add(b);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryByte))]
    public void A_byte_in_a_string_gets_the_measured_verdict(int value)
    {
        // The byte inside a string value, as it stands (valid UTF-8 where it can be alone) or escaped (where it cannot).
        string text = value switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < 0x20 => "\\u" + value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            < 0x80 => ((char)value).ToString(),
            _ => char.ConvertFromUtf32(value),
        };
        foreach (string json in new[] { "{\"a\":\"x" + text + "y\",\"b\":[1, 2]}", "{\"a\":\"x" + text + "y\",\"b\":[1,2]}" })
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            var measuring = new Utf8JsonReader(utf8);
            measuring.Read();
            long size = PayloadSize.MeasureJson(ref measuring);
            foreach (int max in new[] { (int)size - 1, (int)size, utf8.Length - 1, utf8.Length })
            {
                Assert.True(
                    Passes(utf8, max) == (size <= max),
                    $"byte 0x{value:x2} in {json}: written size {size}, limit {max}");
            }
        }
    }

    private static bool Passes(byte[] utf8, int max)
        => Run.Json(utf8, (ref Utf8JsonReader start, ref ValidationContext context) =>
        {
            var end = start;
            end.Skip();
            return context.CheckMaxBytes(ref start, ref end, max);
        }).Passed;
}
