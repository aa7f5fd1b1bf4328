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
    }

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
    internal bool LengthPasses(int codePoints) => !(codePoints < MinLength) && !(codePoints > MaxLength);
}
