using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using EventContracts.Tests.Support;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests;

/// <summary>
/// The generated serializers write through <c>EventJsonWriter</c>; their output must be what a default
/// <see cref="Utf8JsonWriter"/> writes for the same values (the size limits and bounds are defined on it), whichever
/// entry point is used. Checked on random payloads of every vendor, with every escape class in their strings.
/// </summary>
public class SerializerOutputTests
{
    private const int PayloadsPerVendor = 2_000;

    /// <summary>The five vendors and the batch call.</summary>
    public static TheoryData<string> VendorNames() => new(Vendor.All.Append(Vendor.CustomerIoBatch).Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Records_are_written_as_a_default_Utf8JsonWriter_writes_their_values(string vendorName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        Gen<string> payloads = PayloadGenerator.For(vendor, DifferentialTests.Reference.For(vendor).DeclaredNames);
        var pcg = new PCG(11, 0x5E71_0000UL + (ulong)vendorName.Length);
        var writeTo = vendor.ModelType.GetMethod("WriteTo", new[] { typeof(Utf8JsonWriter) })!;
        int written = 0, escaped = 0;
        for (int i = 0; i < PayloadsPerVendor; i++)
        {
            object record;
            try
            {
                record = vendor.Read(Encoding.UTF8.GetBytes(payloads.Generate(pcg, null, out _)));
            }
            catch (JsonException)
            {
                continue;
            }

            byte[] json = vendor.Write(record);

            // Re-writing the document with a default writer re-escapes every string and name: a fixed point only when
            // ours were escaped alike (numbers are copied as they are).
            Assert.Equal(Encoding.UTF8.GetString(Rewritten(json)), Encoding.UTF8.GetString(json));
            Assert.Equal(json, vendor.Write(vendor.Read(json)));

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writeTo.Invoke(record, new object[] { writer });
            }

            Assert.Equal(json, buffer.WrittenSpan.ToArray());
            written++;
            if (json.AsSpan().IndexOf((byte)'\\') >= 0)
            {
                escaped++;
            }
        }

        Assert.True(written >= PayloadsPerVendor / 4 && escaped >= 50, vendorName + ": " + written + " records written, " + escaped + " with escapes");
    }

    private static byte[] Rewritten(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
