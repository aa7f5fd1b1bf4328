using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>Generated-input properties: JSON mode and model mode agree, and number spellings do not matter.</summary>
public class PropertyTests
{
    private static readonly StringRule Rule = new(3, 10, "^[a-z\\d]", null);
    private static readonly NumberRule Quarters = new(-1000m, 1000m, null, null, 0.25m);

    private static readonly Gen<string> Strings = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["abc1\u00e9\"\\\n"], 0, 14],
        Gen.String[Gen.Char[" \U0001F600"], 0, 14]);

    private static readonly Gen<decimal> Decimals = Gen.OneOf(
        Gen.Decimal,
        Gen.Int[-8000, 8000].Select(i => i / 4m),
        Gen.Int[-100000, 100000].Select(i => i / 1000m));

    [Fact]
    public void Code_points_are_runes()
    {
        Strings.Sample(s => Assert.Equal(s.EnumerateRunes().Count(), CodePoints.Count(s)));
    }

    [Fact]
    public void Json_and_model_mode_agree_on_strings()
    {
        Strings.Sample(s =>
        {
            bool model = Run.Model((ref c) => c.CheckString(s, Rule)).Passed;
            bool escaped = Run.Json(JsonSerializer.Serialize(s), (ref r, ref c) => c.CheckString(ref r, Rule)).Passed;
            Assert.Equal(model, escaped);
            if (!s.Any(char.IsSurrogate) || s.EnumerateRunes().All(r => r != Rune.ReplacementChar))
            {
                bool raw = Run.Json(Encoding.UTF8.GetBytes(RawJson(s)), (ref r, ref c) => c.CheckString(ref r, Rule)).Passed;
                Assert.Equal(model, raw);
            }
        });
    }

    [Fact]
    public void A_string_rule_passes_a_value_exactly_when_its_check_passes()
    {
        // Length-only rules take the UTF-16 length test first; surrogate pairs sit between half the length and the length.
        StringRule[] rules = { new(null, 3, null, null), new(2, 5, null, null), new(4, null, null, null), new(0, 0, null, null), Rule, new(null, 8, null, "email") };
        Gen.Select(Gen.Int[0, rules.Length - 1], Strings).Sample((r, s) =>
            Assert.Equal(Run.Model((ref c) => c.CheckString(s, rules[r])).Passed, rules[r].Passes(s)));
    }

    [Fact]
    public void A_number_rule_passes_a_value_exactly_when_its_json_passes()
    {
        // Bounds alone take the quick comparison; with multipleOf the full evaluation. Values sit on and around the bounds.
        NumberRule[] rules =
        {
            new(0m, null, null, null, null), new(1m, 100m, null, null, null), new(null, null, -2.5m, 7.25m, null),
            new(-1000m, 1000m, 0m, null, null), Quarters, new(null, 10m, null, null, 3m),
        };
        var values = Gen.OneOf(Decimals, Gen.Long.Select(l => (decimal)l), Gen.Int[-12, 12].Select(i => i / 4m), Gen.Int[-4, 4].Select(i => (i / 4m) + 100m));
        Gen.Select(Gen.Int[0, rules.Length - 1], values).Sample((r, d) =>
        {
            bool json = Run.Json(d.ToString(CultureInfo.InvariantCulture), (ref reader, ref c) => c.CheckNumber(ref reader, rules[r])).Passed;
            Assert.Equal(json, rules[r].Passes(d));
            if (decimal.Truncate(d) == d && d >= long.MinValue && d <= long.MaxValue)
            {
                Assert.Equal(json, rules[r].Passes((long)d));
            }
        });
    }

    [Fact]
    public void Json_and_model_mode_agree_on_numbers_in_every_spelling()
    {
        Decimals.Sample(d =>
        {
            bool model = Run.Model((ref c) => c.CheckNumber(d, Quarters)).Passed;
            foreach (string text in Spellings(d))
            {
                Assert.Equal(model, Run.Json(text, (ref r, ref c) => c.CheckNumber(ref r, Quarters)).Passed);
            }
        });
    }

    [Fact]
    public void Number_spellings_are_equal_json_values()
    {
        Decimals.Sample(d =>
        {
            string[] spellings = Spellings(d).ToArray();
            var rule = new EnumRule("const", spellings[0]);
            using JsonDocument first = JsonDocument.Parse(spellings[0]);
            foreach (string text in spellings)
            {
                using JsonDocument other = JsonDocument.Parse(text);
                Assert.True(ContractEquality.JsonEquals(first.RootElement, other.RootElement), text);
                Assert.Equal(ContractEquality.JsonHash(first.RootElement), ContractEquality.JsonHash(other.RootElement));
                Assert.True(Run.Json(text, (ref r, ref c) => c.CheckConst(ref r, rule)).Passed, text);
            }

            Assert.True(Run.Model((ref c) => c.CheckConst(d, rule)).Passed);
        });
    }

    private static IEnumerable<string> Spellings(decimal d)
    {
        yield return d.ToString(CultureInfo.InvariantCulture);
        yield return d.ToString("E28", CultureInfo.InvariantCulture);
        yield return d.ToString("E5", CultureInfo.InvariantCulture) is var e5 && decimal.Parse(e5, NumberStyles.Float, CultureInfo.InvariantCulture) == d ? e5 : d.ToString(CultureInfo.InvariantCulture);
        yield return d.ToString("0.000000", CultureInfo.InvariantCulture) is var f && decimal.Parse(f, CultureInfo.InvariantCulture) == d ? f : d.ToString(CultureInfo.InvariantCulture);
    }

    private static string RawJson(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
