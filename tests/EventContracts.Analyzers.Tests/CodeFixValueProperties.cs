using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Model;
using Xunit;

namespace EventContracts.Analyzers.Tests;

/// <summary>Properties of what the call-site code fixes write, over generated inputs.</summary>
public sealed class CodeFixValueProperties
{
    private static readonly Regex s_plainName = new("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

    private static readonly Gen<string> s_keys = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["aZ09 _-.!é€ßŁ\t"], 0, 40],
        Gen.String[Gen.Char["ab\ud83d\ude00\ud800 -_"], 0, 20]);

    [Fact]
    public void A_renamed_key_is_a_plain_name_within_the_limit_or_none()
        => Gen.Select(s_keys, Gen.Int[1, 300]).Sample((key, max) =>
        {
            string? name = EventPropertiesAnalyzer.SanitizedName(key, max);
            return name is null || (s_plainName.IsMatch(name) && name.Length <= max && name != key);
        });

    [Fact]
    public void A_decimal_written_as_a_string_becomes_a_literal_of_the_same_value()
        => Gen.Decimal.Sample(value =>
        {
            string text = value.ToString(CultureInfo.InvariantCulture);
            string? literal = EventPropertiesAnalyzer.CSharpLiteral(text, JsonTypeSet.Number);
            int digits = text.TrimStart('-').Replace(".", string.Empty, System.StringComparison.Ordinal).Length;
            if (digits > 28)
            {
                return literal is null;
            }

            return literal is not null && decimal.Parse(literal.TrimEnd('m', 'L'), NumberStyles.Float, CultureInfo.InvariantCulture) == value;
        });
}
