using System.Globalization;
using System.Text;
using System.Text.Json;
using EventContracts.Serialization;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// Finding an escaped unpaired surrogate in JSON text (what <see cref="JsonRead.ReadElement"/> refuses): the same answer
/// as decoding every string and name and asking whether a surrogate lacks its other half.
/// </summary>
public class UnpairedSurrogateTests
{
    [Theory]
    [InlineData("\"\\ud800\"", true)]
    [InlineData("\"\\uDFFF\"", true)]
    [InlineData("\"\\udc00\\ud800\"", true)]
    [InlineData("\"\\ud800\\u0041\"", true)]
    [InlineData("\"\\ud800\\n\"", true)]
    [InlineData("\"a\\ud800\\\\udc00\"", true)]
    [InlineData("{\"\\ud800\":1}", true)]
    [InlineData("\"\\ud83d\\ude00\"", false)]
    [InlineData("\"\\uD83D\\uDE00\\uD83D\\uDE00\"", false)]
    [InlineData("\"\\\\ud800\"", false)]
    [InlineData("\"\\u0041\\n\\\"\"", false)]
    [InlineData("[1,true,null,\"plain\"]", false)]
    public void Finds_a_surrogate_escape_without_its_other_half(string json, bool expected)
        => Assert.Equal(expected, JsonRead.HasUnpairedSurrogateEscape(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Agrees_with_decoding_on_random_strings()
    {
        var random = new Random(20261207);
        char[] alphabet = { 'a', '\\', '"', '\n', '\u00e9', '\ud83d', '\ude00', '\ud800', '\udbff', '\udc00', '\udfff', 'u', 'd', '8' };
        for (int i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 8); n > 0; n--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            string value = text.ToString();
            string json = "[\"" + Escape(value, random) + "\"]";
            using var document = JsonDocument.Parse(json);
            bool unpaired = HasUnpaired(value);

            Assert.True(unpaired == JsonRead.HasUnpairedSurrogateEscape(Encoding.UTF8.GetBytes(json)), json);
        }
    }

    /// <summary>Each character as a <c>\u</c> escape or, where UTF-8 can hold it, as itself or its short escape.</summary>
    private static string Escape(string value, Random random)
    {
        var json = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (random.Next(2) == 0 || char.IsSurrogate(c) && !pair)
            {
                json.Append("\\u").Append(((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                continue;
            }

            json.Append(c switch { '\\' => "\\\\", '"' => "\\\"", '\n' => "\\n", _ => c.ToString() });
            if (pair)
            {
                json.Append(value[++i]);
            }
        }

        return json.ToString();
    }

    private static bool HasUnpaired(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
