using System;
using System.Buffers.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>
/// A JSON number in canonical form: sign, significant digits and the exponent of the last significant digit,
/// with its exact <see cref="decimal"/> value when it has one and its nearest <see cref="double"/> otherwise.
/// </summary>
internal readonly struct JsonNumber
{
    private const long ExponentLimit = 1_000_000_000_000_000L;

    private static readonly decimal[] s_negativePowers = CreateNegativePowers();
    private static readonly decimal[] s_positivePowers = CreatePositivePowers();

    private JsonNumber(bool negative, bool isZero, int significantDigits, long lastExponent, bool isDecimal, decimal decimalValue, double doubleValue)
    {
        Negative = negative;
        IsZero = isZero;
        SignificantDigits = significantDigits;
        LastExponent = lastExponent;
        IsDecimal = isDecimal;
        Decimal = decimalValue;
        _double = doubleValue;
        _doubleOfDecimal = false;
    }

    /// <summary>A number read exactly as a decimal: its double is computed only if asked for (rarely: enums of mixed numbers).</summary>
    private JsonNumber(bool negative, int significantDigits, long lastExponent, decimal exact)
    {
        Negative = negative;
        IsZero = false;
        SignificantDigits = significantDigits;
        LastExponent = lastExponent;
        IsDecimal = true;
        Decimal = exact;
        _double = 0d;
        _doubleOfDecimal = true;
    }

    private readonly double _double;

    private readonly bool _doubleOfDecimal;

    /// <summary>The number is below zero (never true for zero).</summary>
    public bool Negative { get; }

    /// <summary>The number is zero (<c>0</c>, <c>-0</c>, <c>0.0e5</c>).</summary>
    public bool IsZero { get; }

    /// <summary>How many significant digits the number has (0 for zero).</summary>
    public int SignificantDigits { get; }

    /// <summary>The power of ten of the last significant digit (0 for zero).</summary>
    public long LastExponent { get; }

    /// <summary>The number is exactly representable as a <see cref="decimal"/> (<see cref="Decimal"/> holds it).</summary>
    public bool IsDecimal { get; }

    /// <summary>The exact value when <see cref="IsDecimal"/>.</summary>
    public decimal Decimal { get; }

    /// <summary>The nearest double; ±infinity beyond double's range, ±<see cref="double.Epsilon"/> for non-zero values below it.</summary>
    public double Double => _doubleOfDecimal ? (double)Decimal : _double;

    /// <summary>The number is mathematically an integer.</summary>
    public bool IsInteger => IsZero || LastExponent >= 0;

    public static JsonNumber FromDecimal(decimal value)
    {
        if (value == 0m)
        {
            return new JsonNumber(false, true, 0, 0, true, 0m, 0d);
        }

        return new JsonNumber(value < 0m, false, 0, decimal.Truncate(value) == value ? 0 : -1, true, value, (double)value);
    }

    /// <summary>
    /// Converts a finite double as System.Text.Json writes it: by its shortest round-trip text, so <c>0.1</c> is 0.1 and
    /// <c>0.1 + 0.2</c> is 0.30000000000000004 (a conversion to decimal keeps 15 significant digits and would call it 0.3,
    /// which the written JSON is not).
    /// </summary>
    public static JsonNumber FromDouble(double value)
    {
        if (value == 0d)
        {
            return new JsonNumber(false, true, 0, 0, true, 0m, 0d);
        }

#if NET8_0_OR_GREATER
        Span<byte> text = stackalloc byte[32];
        if (value.TryFormat(text, out int written, "R", System.Globalization.CultureInfo.InvariantCulture))
        {
            return Parse(text.Slice(0, written));
        }
#endif
        return Parse(System.Text.Encoding.ASCII.GetBytes(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Whether the number token at the reader is an integer in value (<c>2.0</c>, <c>1e2</c>; not <c>1e-400</c>), as JSON Schema's <c>integer</c> asks.</summary>
    public static bool IsIntegerToken(scoped ref Utf8JsonReader reader)
        => reader.HasValueSequence
            ? Parse(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence)).IsInteger
            : Parse(reader.ValueSpan).IsInteger;

    /// <summary>Parses the text of a JSON number token (assumed valid JSON number grammar).</summary>
    public static JsonNumber Parse(ReadOnlySpan<byte> text)
    {
        Scan(text, out bool negative, out int first, out int last, out int intEnd, out int fracStart, out long exponent);
        if (first < 0)
        {
            return new JsonNumber(false, true, 0, 0, true, 0m, 0d);
        }

        long lastExponent = last < intEnd ? (intEnd - 1 - last) + exponent : exponent - (last - fracStart + 1);
        int digits = first < intEnd && last >= fracStart && fracStart > intEnd ? (intEnd - first) + (last - fracStart + 1) : last - first + 1;
        long mostExponent = lastExponent + digits - 1;

        if (digits <= 29 && lastExponent >= -28 && mostExponent <= 28 && TryBuildDecimal(text, first, last, lastExponent, negative, out decimal exact))
        {
            return new JsonNumber(negative, digits, lastExponent, exact);
        }

        double d;
        if (!Utf8Parser.TryParse(text, out d, out int consumed, 'e') || consumed != text.Length || double.IsNaN(d))
        {
            d = negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        else if (d == 0d)
        {
            d = negative ? -double.Epsilon : double.Epsilon;
        }

        return new JsonNumber(negative, false, digits, lastExponent, false, 0m, d);
    }

    /// <summary>Builds the exact decimal of digits[first..last] × 10^lastExponent; false when it does not fit.</summary>
    private static bool TryBuildDecimal(ReadOnlySpan<byte> text, int first, int last, long lastExponent, bool negative, out decimal value)
    {
        value = 0m;
        ulong accumulator = 0;
        int accumulated = 0;

        // The usual number: at most 18 significant digits (under 2^63) and no positive exponent is the decimal with
        // those digits and that scale, built directly (the multiplication below costs more than the digits).
        if (last - first < 18 && lastExponent <= 0)
        {
            for (int i = first; i <= last; i++)
            {
                byte b = text[i];
                if (b >= (byte)'0' && b <= (byte)'9')
                {
                    accumulator = (accumulator * 10) + (ulong)(b - '0');
                }
            }

            value = new decimal((int)(uint)accumulator, (int)(uint)(accumulator >> 32), 0, negative, (byte)(-lastExponent));
            return true;
        }

        try
        {
            for (int i = first; i <= last; i++)
            {
                byte b = text[i];
                if (b < (byte)'0' || b > (byte)'9')
                {
                    continue;
                }

                if (accumulated < 18)
                {
                    accumulator = (accumulator * 10) + (ulong)(b - '0');
                    accumulated++;
                    if (accumulated == 18)
                    {
                        value = accumulator;
                    }
                }
                else
                {
                    value = (value * 10m) + (b - '0');
                }
            }

            if (accumulated < 18)
            {
                value = accumulator;
            }

            if (lastExponent < 0)
            {
                value *= s_negativePowers[-lastExponent];
            }
            else if (lastExponent > 0)
            {
                value *= s_positivePowers[lastExponent];
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>
    /// Compares the value of a JSON number text with a decimal exactly, however many digits the text has: both are
    /// brought to sign, the power of ten of their first significant digit, and their significant digits.
    /// </summary>
    /// <returns>Less than zero, zero or more than zero as the text's value is below, equal to or above <paramref name="other"/>.</returns>
    public static int CompareText(ReadOnlySpan<byte> text, decimal other)
    {
        Scan(text, out bool negative, out int first, out int last, out int intEnd, out int fracStart, out long exponent);
        string otherText = Math.Abs(other).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ReadOnlySpan<char> otherDigits = otherText.AsSpan();
        int otherPoint = otherDigits.IndexOf('.');
        int otherIntLength = otherPoint < 0 ? otherDigits.Length : otherPoint;
        int otherFirst = -1;
        for (int k = 0; k < otherDigits.Length; k++)
        {
            if (otherDigits[k] is >= '1' and <= '9')
            {
                otherFirst = k;
                break;
            }
        }

        int textSign = first < 0 ? 0 : negative ? -1 : 1;
        int otherSign = otherFirst < 0 ? 0 : other < 0m ? -1 : 1;
        if (textSign != otherSign || textSign == 0)
        {
            return textSign.CompareTo(otherSign);
        }

        // The power of ten of each first significant digit decides unless they are equal.
        long textLead = first < intEnd ? (intEnd - 1 - first) + exponent : exponent - (first - fracStart + 1);
        long otherLead = otherFirst < otherIntLength ? otherIntLength - 1 - otherFirst : -(otherFirst - otherIntLength);
        int magnitude = textLead.CompareTo(otherLead);
        int i = first;
        int j = otherFirst;
        while (magnitude == 0)
        {
            while (i <= last && !IsDigit(text[i]))
            {
                i++;
            }

            while (j < otherDigits.Length && otherDigits[j] == '.')
            {
                j++;
            }

            int a = i <= last ? text[i] - '0' : 0;
            int b = j < otherDigits.Length ? otherDigits[j] - '0' : 0;
            if (i > last && j >= otherDigits.Length)
            {
                break;
            }

            magnitude = a.CompareTo(b);
            i++;
            j++;
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>Compares two JSON number texts for equality of value (exact, no rounding).</summary>
    public static bool TextEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Scan(a, out bool negA, out int firstA, out int lastA, out int intEndA, out int fracStartA, out long expA);
        Scan(b, out bool negB, out int firstB, out int lastB, out int intEndB, out int fracStartB, out long expB);
        if (firstA < 0 || firstB < 0)
        {
            return firstA < 0 && firstB < 0;
        }

        if (negA != negB)
        {
            return false;
        }

        long lastExpA = lastA < intEndA ? (intEndA - 1 - lastA) + expA : expA - (lastA - fracStartA + 1);
        long lastExpB = lastB < intEndB ? (intEndB - 1 - lastB) + expB : expB - (lastB - fracStartB + 1);
        if (lastExpA != lastExpB)
        {
            return false;
        }

        int i = firstA;
        int j = firstB;
        while (true)
        {
            while (i <= lastA && !IsDigit(a[i]))
            {
                i++;
            }

            while (j <= lastB && !IsDigit(b[j]))
            {
                j++;
            }

            bool endA = i > lastA;
            bool endB = j > lastB;
            if (endA || endB)
            {
                return endA && endB;
            }

            if (a[i] != b[j])
            {
                return false;
            }

            i++;
            j++;
        }
    }

    /// <summary>A hash code consistent with <see cref="TextEquals"/> and with decimal equality.</summary>
    public static int TextHash(ReadOnlySpan<byte> text)
    {
        JsonNumber number = Parse(text);
        if (number.IsDecimal)
        {
            return number.Decimal.GetHashCode();
        }

        return ((int)number.LastExponent * 31) ^ (number.SignificantDigits * 7) ^ (number.Negative ? 1 : 0);
    }

    private static void Scan(ReadOnlySpan<byte> s, out bool negative, out int first, out int last, out int intEnd, out int fracStart, out long exponent)
    {
        int i = 0;
        negative = false;
        if (i < s.Length && s[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        int intStart = i;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        intEnd = i;
        fracStart = i;
        int fracEnd = i;
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            fracStart = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            fracEnd = i;
        }

        exponent = 0;
        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            bool exponentNegative = false;
            if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-'))
            {
                exponentNegative = s[i] == (byte)'-';
                i++;
            }

            while (i < s.Length && IsDigit(s[i]))
            {
                if (exponent < ExponentLimit)
                {
                    exponent = (exponent * 10) + (s[i] - '0');
                }

                i++;
            }

            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        first = -1;
        last = -1;
        for (int k = intStart; k < intEnd; k++)
        {
            if (s[k] != (byte)'0')
            {
                if (first < 0)
                {
                    first = k;
                }

                last = k;
            }
        }

        for (int k = fracStart; k < fracEnd; k++)
        {
            if (s[k] != (byte)'0')
            {
                if (first < 0)
                {
                    first = k;
                }

                last = k;
            }
        }

        if (first < 0)
        {
            negative = false;
        }
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

    private static decimal[] CreateNegativePowers()
    {
        var powers = new decimal[29];
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = new decimal(1, 0, 0, false, (byte)i);
        }

        return powers;
    }

    private static decimal[] CreatePositivePowers()
    {
        var powers = new decimal[29];
        decimal value = 1m;
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = value;
            if (i + 1 < powers.Length)
            {
                value *= 10m;
            }
        }

        return powers;
    }
}
