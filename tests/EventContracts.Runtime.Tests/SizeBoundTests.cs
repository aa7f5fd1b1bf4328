using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CsCheck;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// Typed validation accepts a value under <c>x-ec-max-bytes</c> when a size bound is within the limit, so a bound below
/// the written size would let an oversized payload through: both bounds are checked against the measured size.
/// </summary>
public class SizeBoundTests
{
    // ASCII (HTML-sensitive characters included), controls, Latin-1, CJK, and sometimes a surrogate pair.
    private static readonly Gen<string> Text = Gen.Select(
        Gen.String[Gen.OneOf(Gen.Char['a', 'z'], Gen.Char[' ', '~'], Gen.Char['\u0000', '\u00ff'], Gen.Char['\u4e00', '\u4e20']), 0, 30],
        Gen.Bool,
        (text, emoji) => emoji ? text + "😀" : text);

    private static readonly Gen<string> JsonText = Gen.OneOf(
        Text.Select(s => JsonSerializer.Serialize(s)),
        Text.Select(s => "\"" + s.Replace("\\", string.Empty).Replace("\"", string.Empty).Where(c => c >= ' ' && c < 0x7F).Aggregate(string.Empty, (a, c) => a + c) + "\""),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Const("[ 1 , \"a\" , { \"k\" : null } ]"),
        Gen.Const("{\"<\":\"&\",\"n\":[true,false]}"),
        Gen.Const("\"\\u00e9\\n\\/\""));

    [Fact]
    public void String_bounds_are_at_least_the_written_size_and_exact_for_plain_text()
    {
        Text.Sample(text =>
        {
            long written = PayloadSize.Measure(text, static (writer, value) => writer.WriteStringValue(value));
            Assert.True(SizeBound.String(text, exact: false) >= written, text);
            Assert.True(SizeBound.String(text, exact: true) >= written, text);
            if (text.All(c => c >= ' ' && c < 0x7F && "\"\\<>&'+`".IndexOf(c) < 0))
            {
                Assert.Equal(written, SizeBound.String(text, exact: true));
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Map_and_list_bounds_of_open_values_are_at_least_the_written_size()
    {
        Gen.Select(Text, JsonText).Array[0, 8].Sample(entries =>
        {
            var map = new Dictionary<string, JsonElement>();
            foreach (var (key, json) in entries)
            {
                map[key] = JsonDocument.Parse(json).RootElement.Clone();
            }

            long written = PayloadSize.Measure(map, static (writer, value) =>
            {
                writer.WriteStartObject();
                foreach (var pair in value)
                {
                    writer.WritePropertyName(pair.Key);
                    pair.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
            });
            foreach (bool exact in new[] { false, true })
            {
                long bound = SizeBound.Map(map, exact, static (element, scan) => SizeBound.Element(element, scan));
                Assert.True(bound >= written, "map bound " + bound + " < " + written + " (exact: " + exact + ")");

                // Entries inside an enclosing object: the braces go, and a separator before the first entry comes.
                long inner = SizeBound.Entries(map, exact, static (element, scan) => SizeBound.Element(element, scan));
                Assert.True(inner >= written - 2 + (map.Count > 0 ? 1 : 0), "entries bound " + inner + " for " + written + " (exact: " + exact + ")");
            }

            var list = map.Values.ToList();
            long writtenList = PayloadSize.Measure(list, static (writer, value) =>
            {
                writer.WriteStartArray();
                foreach (var element in value)
                {
                    element.WriteTo(writer);
                }

                writer.WriteEndArray();
            });
            Assert.True(SizeBound.List(list, true, static (element, scan) => SizeBound.Element(element, scan)) >= writtenList);
        }, iter: 2_000);
    }

    [Fact]
    public void Absent_entries_add_nothing()
    {
        Assert.Equal(0, SizeBound.Entries<JsonElement>(null, true, static (element, scan) => SizeBound.Element(element, scan)));
        Assert.Equal(SizeBound.Null, SizeBound.Map<JsonElement>(null, true, static (element, scan) => SizeBound.Element(element, scan)));
    }
}
