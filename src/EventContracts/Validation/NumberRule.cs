using System;
using System.ComponentModel;

namespace EventContracts.Validation;

/// <summary>The number keywords of one schema: <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>multipleOf</c>.</summary>
/// <remarks>
/// Values that fit in <see cref="decimal"/> are compared with decimal arithmetic, so <c>0.3</c> is a multiple of
/// <c>0.1</c> and <c>19.99</c> of <c>0.01</c>. Numbers beyond decimal's range or precision are compared as doubles; a
/// number beyond double's range (<c>1e400</c>) is greater than every finite bound.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NumberRule
{
    private readonly ulong _integerMultiple;

    /// <summary>Creates a rule.</summary>
    /// <param name="minimum">The <c>minimum</c> keyword (inclusive), or <see langword="null"/>.</param>
    /// <param name="maximum">The <c>maximum</c> keyword (inclusive), or <see langword="null"/>.</param>
    /// <param name="exclusiveMinimum">The <c>exclusiveMinimum</c> keyword (JSON Schema 2019+ number form), or <see langword="null"/>.</param>
    /// <param name="exclusiveMaximum">The <c>exclusiveMaximum</c> keyword (JSON Schema 2019+ number form), or <see langword="null"/>.</param>
    /// <param name="multipleOf">The <c>multipleOf</c> keyword (greater than 0), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="multipleOf"/> is not greater than 0.</exception>
    public NumberRule(decimal? minimum, decimal? maximum, decimal? exclusiveMinimum, decimal? exclusiveMaximum, decimal? multipleOf)
    {
        if (multipleOf <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(multipleOf), "multipleOf must be greater than 0.");
        }

        Minimum = minimum;
        Maximum = maximum;
        ExclusiveMinimum = exclusiveMinimum;
        ExclusiveMaximum = exclusiveMaximum;
        MultipleOf = multipleOf;
        if (multipleOf is decimal m && decimal.Truncate(m) == m && m <= uint.MaxValue)
        {
            _integerMultiple = (ulong)m;
        }
    }

    /// <summary>The <c>minimum</c> keyword, or <see langword="null"/>.</summary>
    public decimal? Minimum { get; }

    /// <summary>The <c>maximum</c> keyword, or <see langword="null"/>.</summary>
    public decimal? Maximum { get; }

    /// <summary>The <c>exclusiveMinimum</c> keyword, or <see langword="null"/>.</summary>
    public decimal? ExclusiveMinimum { get; }

    /// <summary>The <c>exclusiveMaximum</c> keyword, or <see langword="null"/>.</summary>
    public decimal? ExclusiveMaximum { get; }

    /// <summary>The <c>multipleOf</c> keyword, or <see langword="null"/>.</summary>
    public decimal? MultipleOf { get; }

    /// <summary>
    /// Whether a value passes every keyword, without building the error report's facts (typed validation tests a value
    /// before it enters the value's path; only a failing one is checked again to word its errors).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when no keyword fails.</returns>
    public bool Passes(decimal value)
        => MultipleOf is null ? WithinBounds(value) : Evaluate(JsonNumber.FromDecimal(value), default) == NumberFailures.None;

    /// <inheritdoc cref="Passes(decimal)"/>
    public bool Passes(long value) => Passes((decimal)value);

    /// <summary>The bounds compared on the decimal itself, as <see cref="Evaluate"/> compares a decimal number.</summary>
    private bool WithinBounds(decimal value)
        => !(Minimum is decimal minimum && value < minimum)
            && !(Maximum is decimal maximum && value > maximum)
            && !(ExclusiveMinimum is decimal exclusiveMinimum && value <= exclusiveMinimum)
            && !(ExclusiveMaximum is decimal exclusiveMaximum && value >= exclusiveMaximum);

    /// <summary>Evaluates the rule; returns the keywords that failed.</summary>
    internal NumberFailures Evaluate(in JsonNumber value, ReadOnlySpan<byte> text)
    {
        NumberFailures failures = NumberFailures.None;
        if (Minimum is decimal minimum && Compare(value, minimum, text) < 0)
        {
            failures |= NumberFailures.Minimum;
        }

        if (Maximum is decimal maximum && Compare(value, maximum, text) > 0)
        {
            failures |= NumberFailures.Maximum;
        }

        if (ExclusiveMinimum is decimal exclusiveMinimum && Compare(value, exclusiveMinimum, text) <= 0)
        {
            failures |= NumberFailures.ExclusiveMinimum;
        }

        if (ExclusiveMaximum is decimal exclusiveMaximum && Compare(value, exclusiveMaximum, text) >= 0)
        {
            failures |= NumberFailures.ExclusiveMaximum;
        }

        if (MultipleOf is decimal multipleOf && !IsMultiple(value, multipleOf, text))
        {
            failures |= NumberFailures.MultipleOf;
        }

        return failures;
    }

    private static int Compare(in JsonNumber value, decimal bound, ReadOnlySpan<byte> text)
    {
        if (value.IsDecimal)
        {
            return value.Decimal.CompareTo(bound);
        }

        // Too many digits, or beyond decimal's range: compared digit by digit from the text, never through a double.
        return text.Length > 0 ? JsonNumber.CompareText(text, bound) : value.Double.CompareTo((double)bound);
    }

    private bool IsMultiple(in JsonNumber value, decimal multipleOf, ReadOnlySpan<byte> text)
    {
        if (value.IsZero)
        {
            return true;
        }

        if (value.IsDecimal)
        {
            try
            {
                return value.Decimal % multipleOf == 0m;
            }
            catch (OverflowException)
            {
                // fall through to the double comparison
            }
        }
        else if (_integerMultiple != 0 && text.Length > 0 && value.IsInteger)
        {
            return IsIntegerMultiple(text, value.LastExponent, _integerMultiple);
        }

        double v = value.IsDecimal ? (double)value.Decimal : value.Double;
        double m = (double)multipleOf;
        if (double.IsInfinity(v) || double.IsNaN(v))
        {
            return false;
        }

        double quotient = v / m;
        if (double.IsInfinity(quotient))
        {
            return v % m == 0d;
        }

        double rounded = Math.Round(quotient);
        return Math.Abs(quotient - rounded) <= 1e-9 * Math.Max(1d, Math.Abs(quotient));
    }

    /// <summary>Exact test for an integer written as digits times 10^exponent (exponent ≥ 0) against an integer divisor.</summary>
    private static bool IsIntegerMultiple(ReadOnlySpan<byte> text, long lastExponent, ulong divisor)
    {
        // value = D * 10^lastExponent, where D is the significant digits; (D mod m) * (10^e mod m) mod m
        ulong remainder = 0;
        int end = text.Length;
        int exponentStart = text.IndexOfAny((byte)'e', (byte)'E');
        if (exponentStart >= 0)
        {
            end = exponentStart;
        }

        // the significant digits end at the last non-zero digit of the mantissa
        int lastSignificant = -1;
        for (int i = 0; i < end; i++)
        {
            if (text[i] >= (byte)'1' && text[i] <= (byte)'9')
            {
                lastSignificant = i;
            }
        }

        for (int i = 0; i <= lastSignificant; i++)
        {
            byte b = text[i];
            if (b < (byte)'0' || b > (byte)'9')
            {
                continue;
            }

            remainder = ((remainder * 10) + (ulong)(b - '0')) % divisor;
        }

        ulong power = PowMod(10, lastExponent, divisor);
        return (remainder * power) % divisor == 0;
    }

    private static ulong PowMod(ulong value, long exponent, ulong modulus)
    {
        ulong result = 1 % modulus;
        value %= modulus;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
            {
                result = (result * value) % modulus;
            }

            value = (value * value) % modulus;
            exponent >>= 1;
        }

        return result;
    }
}

/// <summary>The number keywords that failed.</summary>
[Flags]
internal enum NumberFailures
{
    None = 0,
    Minimum = 1,
    Maximum = 2,
    ExclusiveMinimum = 4,
    ExclusiveMaximum = 8,
    MultipleOf = 16,
}
