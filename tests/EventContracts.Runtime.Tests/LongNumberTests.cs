using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>Numbers with more digits than a decimal holds are compared with bounds exactly (checked against BigInteger arithmetic).</summary>
public class LongNumberTests
{
    private static readonly Gen<string> Digits = Gen.String[Gen.Char['0', '9'], 0, 40];

    private static readonly Gen<string> Numerals = Gen.Select(Gen.Bool, Gen.String[Gen.Char['0', '9'], 1, 40], Digits, Gen.Int[-45, 45].Array[0, 1], (negative, integer, fraction, exponent) =>
        (negative ? "-" : string.Empty) + (integer.Length > 1 ? integer.TrimStart('0') is { Length: > 0 } t ? t : "0" : integer)
        + (fraction.Length > 0 ? "." + fraction : string.Empty)
        + (exponent.Length > 0 ? "e" + exponent[0].ToString(CultureInfo.InvariantCulture) : string.Empty));

    private static readonly Gen<decimal> Bounds = Gen.OneOf(Gen.Decimal, Gen.Int[-2000, 2000].Select(i => i / 2m), Gen.Const(1000m), Gen.Const(0m));

    [Fact]
    public void Comparison_with_a_decimal_is_exact()
    {
        Gen.Select(Numerals, Bounds).Sample((numeral, bound) =>
        {
            int expected = Reference(numeral, bound);
            int actual = Math.Sign(JsonNumber.CompareText(Encoding.ASCII.GetBytes(numeral), bound));
            Assert.True(expected == actual, numeral + " vs " + bound.ToString(CultureInfo.InvariantCulture) + ": expected " + expected + ", got " + actual);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("999.99999999999999999999999999999999999", "1000", -1)]
    [InlineData("1000.000000000000000000000000000000000", "1000", 0)]
    [InlineData("1e3", "1000", 0)]
    [InlineData("0.00000000000000000000000000000000001", "0", 1)]
    [InlineData("-0.00000000000000000000000000000000001", "0", -1)]
    [InlineData("-0", "0", 0)]
    [InlineData("12345678901234567890123456789012345", "79228162514264337593543950335", 1)]
    [InlineData("1.5", "1.50", 0)]
    public void Known_cases(string numeral, string bound, int expected)
        => Assert.Equal(expected, Math.Sign(JsonNumber.CompareText(Encoding.ASCII.GetBytes(numeral), decimal.Parse(bound, CultureInfo.InvariantCulture))));

    /// <summary>numeral = M × 10^e and bound = B × 10^-scale as integers, compared at a common power of ten.</summary>
    private static int Reference(string numeral, decimal bound)
    {
        string text = numeral;
        int exponent = 0;
        int e = text.IndexOf('e', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text.Substring(0, e);
        }

        int point = text.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= text.Length - point - 1;
            text = text.Remove(point, 1);
        }

        BigInteger mantissa = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int scale = bound.Scale;
        BigInteger boundMantissa = BigInteger.Parse(bound.ToString(CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int common = Math.Min(exponent, -scale);
        BigInteger left = mantissa * BigInteger.Pow(10, exponent - common);
        BigInteger right = boundMantissa * BigInteger.Pow(10, -scale - common);
        return left.CompareTo(right);
    }
}
