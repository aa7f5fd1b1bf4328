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
