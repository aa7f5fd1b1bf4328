using System;
using System.ComponentModel;
using System.Numerics;

namespace EventContracts.Validation;

/// <summary>The number keywords of one schema: <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>multipleOf</c>.</summary>
/// <remarks>
/// Values that fit in <see cref="decimal"/> are compared with decimal arithmetic, so <c>0.3</c> is a multiple of
/// <c>0.1</c> and <c>19.99</c> of <c>0.01</c>. A JSON number beyond decimal's range or precision is compared from its
/// digits, exactly (<c>1e400</c> is a multiple of <c>0.5</c>, <c>1e-30</c> is not a multiple of <c>0.01</c>); a CLR
/// <see cref="double"/> of that size, which has no digits to read, is compared as a double.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NumberRule
{
    // multipleOf as digits × 10^-scale, for the exact test of numbers a decimal cannot hold.
    private readonly BigInteger _multipleDigits;
    private readonly int _multipleScale;

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
        if (multipleOf is decimal m)
        {
            // m = digits × 10^-scale with digits not ending in 0 (the scale may be negative: 500 is 5 × 10^2).
            int[] bits = decimal.GetBits(m);
            var digits = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
            int scale = (bits[3] >> 16) & 0xFF;
            while (!digits.IsZero && (digits % 10).IsZero)
            {
                digits /= 10;
                scale--;
            }

            _multipleDigits = digits;
            _multipleScale = scale;
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
        else if (text.Length > 0)
        {
            return IsExactMultiple(text, value.LastExponent);
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

    /// <summary>
    /// Exact test for a number written as text that a decimal cannot hold (more than 28 digits, or beyond decimal's
    /// range or precision): the text is D × 10^lastExponent with D its significant digits, multipleOf is M × 10^-k,
    /// and the quotient D × 10^(lastExponent + k) / M is an integer exactly when lastExponent + k ≥ 0 (D ends in a digit
    /// other than 0, so no power of ten divides it) and M divides D × 10^(lastExponent + k).
    /// </summary>
    private bool IsExactMultiple(ReadOnlySpan<byte> text, long lastExponent)
    {
        long power = lastExponent + _multipleScale;
        if (power < 0)
        {
            return false;
        }

        int end = text.IndexOfAny((byte)'e', (byte)'E');
        ReadOnlySpan<byte> mantissa = end >= 0 ? text.Slice(0, end) : text;
        int last = mantissa.Length - 1;
        while (last >= 0 && (mantissa[last] == (byte)'0' || mantissa[last] == (byte)'.'))
        {
            last--;
        }

        // D mod M, one digit at a time (the text may be long), in 64-bit arithmetic while M fits in 32 bits.
        if (_multipleDigits <= uint.MaxValue)
        {
            ulong divisor = (ulong)_multipleDigits;
            ulong remainder = 0;
            for (int i = 0; i <= last; i++)
            {
                byte b = mantissa[i];
                if (b >= (byte)'0' && b <= (byte)'9')
                {
                    remainder = ((remainder * 10) + (ulong)(b - '0')) % divisor;
                }
            }

            return (remainder * (ulong)BigInteger.ModPow(10, power, divisor)) % divisor == 0;
        }

        BigInteger big = BigInteger.Zero;
        for (int i = 0; i <= last; i++)
        {
            byte b = mantissa[i];
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                big = ((big * 10) + (b - '0')) % _multipleDigits;
            }
        }

        return (big * BigInteger.ModPow(10, power, _multipleDigits) % _multipleDigits).IsZero;
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
