using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventContracts.Tests.Support;

/// <summary>Builds payloads of exact sizes and measures them the way <c>x-ec-max-bytes</c> is defined.</summary>
public static class Payloads
{
    /// <summary>
    /// The size <c>x-ec-max-bytes</c> is defined on (schemas/README.md): the value serialized as compact UTF-8 JSON, as
    /// the generated serializer writes it — a default <see cref="Utf8JsonWriter"/> (no insignificant whitespace, the
    /// default encoder), numbers kept as written. Independent of how the input text was formatted.
    /// </summary>
    public static int CompactSize(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }

    /// <summary>The compact size of JSON text.</summary>
    public static int CompactSize(string json) => CompactSize(Json.Element(json));

    /// <summary>
    /// A PushEngage <c>data</c> object whose compact serialization is exactly <paramref name="bytes"/> bytes and that
    /// satisfies every other <c>EventData</c> rule (ASCII keys <c>k000</c>, <c>k001</c>, ...; string values of at most 255
    /// characters of <c>a</c>).
    /// </summary>
    public static string PushEngageData(int bytes)
    {
        // {"k000":"aaa…","k001":"aaa…",…}: each member is "kNNN":"<n × a>" = 9 + n bytes, plus one comma between members.
        const int Overhead = 9;
        var builder = new StringBuilder("{");
        int used = 2; // the braces
        int index = 0;
        while (true)
        {
            int comma = index == 0 ? 0 : 1;
            int remaining = bytes - used - comma - Overhead;
            if (remaining < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), "cannot hit " + bytes + " exactly");
            }

            int length = Math.Min(255, remaining);
            if (index > 0)
            {
                builder.Append(',');
            }

            builder.Append("\"k").Append(index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).Append("\":\"").Append('a', length).Append('"');
            used += comma + Overhead + length;
            index++;
            if (used == bytes)
            {
                break;
            }

            // Keep room for at least one more member with a non-empty value.
            if (bytes - used < 1 + Overhead + 1)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), "cannot hit " + bytes + " exactly");
            }
        }

        string json = builder.Append('}').ToString();
        if (CompactSize(json) != bytes)
        {
            throw new InvalidOperationException("PushEngageData(" + bytes + ") built " + CompactSize(json) + " bytes");
        }

        return json;
    }

    /// <summary>Writes a JSON node indented (insignificant whitespace everywhere).</summary>
    public static string Indented(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes a JSON node with non-ASCII characters as literal UTF-8 (the relaxed encoder), not as <c>\uXXXX</c>.</summary>
    public static string Relaxed(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
