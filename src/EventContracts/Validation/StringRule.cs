using System;
using System.ComponentModel;
using System.Text.RegularExpressions;

namespace EventContracts.Validation;

/// <summary>The string keywords of one schema: <c>minLength</c>, <c>maxLength</c> (in code points), <c>pattern</c> (ECMA-262) and <c>format</c>.</summary>
/// <remarks>Create one instance per schema (generated code keeps it in a static field): the pattern is compiled once, in the constructor.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StringRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="minLength">The <c>minLength</c> keyword, in Unicode code points, or <see langword="null"/>.</param>
    /// <param name="maxLength">The <c>maxLength</c> keyword, in Unicode code points, or <see langword="null"/>.</param>
    /// <param name="pattern">The <c>pattern</c> keyword (an ECMA-262 regular expression), or <see langword="null"/>.</param>
    /// <param name="format">The <c>format</c> keyword: <c>date-time</c>, <c>date</c>, <c>email</c>, <c>uri</c>, <c>uuid</c>, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The format is not supported, or the pattern is not a valid regular expression.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public StringRule(int? minLength, int? maxLength, string? pattern, string? format)
    {
        if (minLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minLength), "minLength must not be negative.");
        }

        if (maxLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), "maxLength must not be negative.");
        }

        MinLength = minLength;
        MaxLength = maxLength;
        Pattern = pattern;
        Format = format;
        if (format is not null)
        {
            FormatKind = JsonFormats.Parse(format);
            if (FormatKind == FormatKind.None)
            {
                throw new ArgumentException("Unsupported format \"" + format + "\"; supported: date-time, date, email, uri, uuid.", nameof(format));
            }
        }

        if (pattern is not null)
        {
            Regex = EcmaScriptRegex.Create(pattern);
            Simple = SimplePattern.TryCreate(pattern);
        }

        _minLength = minLength ?? 0;
        _maxLength = maxLength ?? int.MaxValue;
        _lengthOnly = pattern is null && format is null;
    }

    // The length bounds as plain ints (absent: 0 and int.MaxValue), and whether they are the only keywords: most
    // strings of a contract pass on their UTF-16 length alone, which Passes tests first.
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly bool _lengthOnly;

    /// <summary>The <c>minLength</c> keyword (code points), or <see langword="null"/>.</summary>
    public int? MinLength { get; }

    /// <summary>The <c>maxLength</c> keyword (code points), or <see langword="null"/>.</summary>
    public int? MaxLength { get; }

    /// <summary>The <c>pattern</c> keyword as written in the schema, or <see langword="null"/>.</summary>
    public string? Pattern { get; }

    /// <summary>The <c>format</c> keyword, or <see langword="null"/>.</summary>
    public string? Format { get; }

    /// <summary>The compiled pattern, or <see langword="null"/>.</summary>
    public Regex? Regex { get; }

    internal FormatKind FormatKind { get; }

    /// <summary>A one-pass matcher for the pattern when it has the simple anchored form, else <see langword="null"/>.</summary>
    internal SimplePattern? Simple { get; }

    /// <summary>Unescaped ASCII text can be checked on its bytes: no <c>format</c>, and no pattern beyond a simple one.</summary>
    internal bool ChecksAsciiBytes => FormatKind == FormatKind.None && (Regex is null || Simple is not null);

    /// <summary>Whether a string of this many code points passes <c>minLength</c> and <c>maxLength</c>.</summary>
    internal bool LengthPasses(int codePoints) => codePoints >= _minLength && codePoints <= _maxLength;

    /// <summary>
    /// Whether the value passes every keyword, with nothing reported: typed validation tests a value first and enters
    /// its path to report only when the test fails.
    /// </summary>
    /// <param name="value">The value; <see langword="null"/> passes (a null is checked by its type).</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool Passes(string? value)
        => value is null
            || (_lengthOnly && LengthPasses(value.Length) && LengthPasses((value.Length + 1) / 2))
            || Evaluate(value.AsSpan(), value, out _, out _) == StringFailures.None;

    /// <summary>Which keywords the value fails.</summary>
    /// <param name="value">The value.</param>
    /// <param name="valueString">The same value as a string when the caller has one (spares a copy for the regex on .NET Standard 2.0).</param>
    /// <param name="codePoints">The length in code points when a length keyword failed.</param>
    /// <param name="timedOut">Whether matching the pattern timed out (a failure).</param>
    /// <returns>The failed keywords.</returns>
    internal StringFailures Evaluate(scoped ReadOnlySpan<char> value, string? valueString, out int codePoints, out bool timedOut)
    {
        StringFailures failures = StringFailures.None;
        codePoints = value.Length;
        timedOut = false;

        // A string has between half its UTF-16 length (all surrogate pairs) and its length in code points: when both
        // ends pass, counting cannot change the answer.
        if ((MinLength is not null || MaxLength is not null) && !(LengthPasses(value.Length) && LengthPasses((value.Length + 1) / 2)))
        {
            codePoints = CodePoints.Count(value);
            if (!LengthPasses(codePoints))
            {
                failures |= StringFailures.Length;
            }
        }

        if (Simple is { } simple)
        {
            if (!simple.IsMatch(value))
            {
                failures |= StringFailures.Pattern;
            }
        }
        else if (Regex is { } regex)
        {
            try
            {
#if NETSTANDARD2_0
                bool matched = regex.IsMatch(valueString ?? value.ToString());
#else
                bool matched = regex.IsMatch(value);
#endif
                if (!matched)
                {
                    failures |= StringFailures.Pattern;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                failures |= StringFailures.Pattern;
                timedOut = true;
            }
        }

        if (FormatKind != FormatKind.None && !JsonFormats.IsValid(FormatKind, value))
        {
            failures |= StringFailures.Format;
        }

        return failures;
    }
}

/// <summary>The string keywords a value fails.</summary>
[Flags]
internal enum StringFailures
{
    None = 0,
    Length = 1,
    Pattern = 2,
    Format = 4,
}
