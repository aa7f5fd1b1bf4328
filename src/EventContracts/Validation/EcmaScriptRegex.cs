using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EventContracts.Validation;

/// <summary>
/// Compiles JSON Schema <c>pattern</c> values (ECMA-262 regular expressions) to .NET regular expressions with the
/// same semantics: <c>\d</c> is only <c>[0-9]</c>, <c>\w</c> and <c>\b</c> use ASCII word characters, <c>\s</c> is
/// ECMA-262's white-space and line-terminator set, <c>.</c> excludes all four line terminators, <c>$</c> matches only
/// at the very end of the input (not before a trailing newline), and matching is culture-invariant. Patterns are
/// unanchored: they match anywhere in the value unless they use <c>^</c> or <c>$</c>. As in ECMA-262's Unicode mode
/// (which JSON Schema uses), a character beyond U+FFFF is one character to <c>.</c>, negated classes and escapes and
/// quantifiers, though .NET sees two code units; a character class holding one is refused.
/// </summary>
/// <remarks>
/// The generator compiles this file too (linked, internal there), so a pattern it accepts at build time is one this
/// class translates at run time.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
#if EVENTCONTRACTS_GENERATOR
internal
#else
public
#endif
static class EcmaScriptRegex
{
    /// <summary>The match timeout of every compiled pattern.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const string Digit = "0-9";
    private const string NotDigit = "\\u0000-/:-\\uFFFF";
    private const string Word = "a-zA-Z0-9_";
    private const string NotWord = "\\u0000-/:-@\\[-\\^`{-\\uFFFF";
    private const string Space = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private const string NotSpace = "\\u0000-\\u0008\\u000E-\\u001F!-\\u009F\\u00A1-\\u167F\\u1681-\\u1FFF\\u200B-\\u2027\\u202A-\\u202E\\u2030-\\u205E\\u2060-\\u2FFF\\u3001-\\uFEFE\\uFF00-\\uFFFF";
    private const string WordBoundary = "(?:(?<=[a-zA-Z0-9_])(?![a-zA-Z0-9_])|(?<![a-zA-Z0-9_])(?=[a-zA-Z0-9_]))";
    // A code point beyond U+FFFF is one character to a pattern (JSON Schema matches in ECMA-262's Unicode mode), while
    // .NET matches UTF-16 code units: whatever can match such a character is given this alternative first.
    private const string SurrogatePair = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";
    private const string NotWordBoundary = "(?:(?<=[a-zA-Z0-9_])(?=[a-zA-Z0-9_])|(?<![a-zA-Z0-9_])(?![a-zA-Z0-9_]))";

    private const int MaxCached = 1024;

    private static readonly ConcurrentDictionary<string, Regex> s_cache = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

    /// <summary>Returns the (cached, compiled) .NET regular expression for an ECMA-262 pattern; the cache holds up to 1,024 patterns.</summary>
    /// <param name="pattern">The ECMA-262 pattern, as written in the schema.</param>
    /// <returns>A culture-invariant <see cref="Regex"/> with a <see cref="MatchTimeout"/> timeout.</returns>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Create(string pattern)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (s_cache.TryGetValue(pattern, out Regex? cached))
        {
            return cached;
        }

        // The generated code's patterns are few and long-lived (one per schema node), so compiling them once pays off on
        // every match. Patterns an application makes at run time could fill the cache without end: past MaxCached it
        // starts again (a regex in use stays valid; a pattern asked for again is compiled again).
        if (s_cache.Count >= MaxCached)
        {
            s_cache.Clear();
        }

        var regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        return s_cache.GetOrAdd(pattern, regex);
    }

    /// <summary>Translates an ECMA-262 pattern to .NET regular-expression syntax with the same meaning.</summary>
    /// <param name="pattern">The ECMA-262 pattern.</param>
    /// <returns>The .NET pattern.</returns>
    public static string Translate(string pattern)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        var sb = new StringBuilder(pattern.Length + 16);
        bool inClass = false;
        bool lastWasClassEscape = false;
        int classStart = 0;
        bool classNegated = false;
        bool classHasNegatedEscape = false;
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new ArgumentException("The pattern ends with a lone backslash: " + pattern, nameof(pattern));
                }

                if (inClass && pattern[i + 1] is 'D' or 'W' or 'S')
                {
                    classHasNegatedEscape = true;
                }

                i = TranslateEscape(pattern, i + 1, inClass, sb, out lastWasClassEscape);
                continue;
            }

            if (inClass)
            {
                bool wasClassEscape = lastWasClassEscape;
                lastWasClassEscape = false;
                switch (c)
                {
                    case ']':
                        inClass = false;
                        sb.Append(']');
                        if (classNegated != classHasNegatedEscape)
                        {
                            // the class matches characters beyond U+FFFF too: each is a surrogate pair, matched as one
                            string unit = sb.ToString(classStart, sb.Length - classStart);
                            sb.Length = classStart;
                            sb.Append(CodePoint(unit));
                        }

                        break;
                    case '[':
                        sb.Append("\\[");
                        break;
                    case '-':
                        // ECMA-262 (Annex B): a '-' next to a class escape such as \d is a literal.
                        bool nextIsClassEscape = i + 2 < pattern.Length && pattern[i + 1] == '\\' && "dDwWsS".IndexOf(pattern[i + 2]) >= 0;
                        sb.Append(wasClassEscape || nextIsClassEscape ? "\\-" : "-");
                        break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                        {
                            throw AstralInClass(pattern);
                        }

                        sb.Append(c);
                        break;
                }

                i++;
                continue;
            }

            lastWasClassEscape = false;
            switch (c)
            {
                case '(' when i + 1 < pattern.Length && pattern[i + 1] == '?':
                    int body = GroupBody(pattern, i);
                    sb.Append(pattern, i, body - i);
                    i = body;
                    continue;
                case '[':
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append("(?!)"); // the empty class matches nothing
                        i += 2;
                        continue;
                    }

                    if (i + 2 < pattern.Length && pattern[i + 1] == '^' && pattern[i + 2] == ']')
                    {
                        sb.Append(CodePoint("[\\s\\S]")); // [^] matches any character
                        i += 3;
                        continue;
                    }

                    inClass = true;
                    classStart = sb.Length;
                    classNegated = false;
                    classHasNegatedEscape = false;
                    sb.Append('[');
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        classNegated = true;
                        sb.Append('^');
                        i++;
                    }

                    continue;
                case '.':
                    sb.Append(CodePoint("[^\\n\\r\\u2028\\u2029]"));
                    break;
                case '$':
                    sb.Append("\\z");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                    {
                        // one character: a quantifier after it repeats the whole pair
                        sb.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                        i += 2;
                        continue;
                    }

                    sb.Append(c);
                    break;
            }

            i++;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Where the body of the group opened by <c>(?</c> at <paramref name="open"/> starts. ECMA-262 has non-capturing groups,
    /// lookaround and named groups; .NET would also run its inline options (<c>(?i)</c>), atomic groups, conditionals and
    /// comments, which are syntax errors in ECMA-262 and are refused here.
    /// </summary>
    private static int GroupBody(string p, int open)
    {
        int i = open + 2;
        if (i < p.Length && p[i] is ':' or '=' or '!')
        {
            return i + 1;
        }

        if (i + 1 < p.Length && p[i] == '<' && p[i + 1] is '=' or '!')
        {
            return i + 2;
        }

        if (i < p.Length && p[i] == '<')
        {
            int name = i + 1;
            while (name < p.Length && (IsAsciiLetter(p[name]) || p[name] is '_' or '$' || (name > i + 1 && IsAsciiDigit(p[name]))))
            {
                name++;
            }

            if (name > i + 1 && name < p.Length && p[name] == '>')
            {
                return name + 1;
            }
        }

        string construct = p.Substring(open, Math.Min(4, p.Length - open));
        throw new ArgumentException("'" + construct + "' is not ECMA-262 syntax (a group is (?:, (?=, (?!, (?<=, (?<! or (?<name>; inline options, atomic groups, conditionals and comments are .NET-only)", nameof(p));
    }

    private static int TranslateEscape(string p, int i, bool inClass, StringBuilder sb, out bool classEscape)
    {
        classEscape = false;
        char n = p[i];
        switch (n)
        {
            case 'd':
                classEscape = true;
                sb.Append(inClass ? Digit : "[" + Digit + "]");
                return i + 1;
            case 'D':
                classEscape = true;
                sb.Append(inClass ? NotDigit : CodePoint("[^" + Digit + "]"));
                return i + 1;
            case 'w':
                classEscape = true;
                sb.Append(inClass ? Word : "[" + Word + "]");
                return i + 1;
            case 'W':
                classEscape = true;
                sb.Append(inClass ? NotWord : CodePoint("[^" + Word + "]"));
                return i + 1;
            case 's':
                classEscape = true;
                sb.Append(inClass ? Space : "[" + Space + "]");
                return i + 1;
            case 'S':
                classEscape = true;
                sb.Append(inClass ? NotSpace : CodePoint("[^" + Space + "]"));
                return i + 1;
            case 'b':
                sb.Append(inClass ? "\\u0008" : WordBoundary);
                return i + 1;
            case 'B':
                sb.Append(inClass ? "B" : NotWordBoundary);
                return i + 1;
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'v':
                sb.Append('\\').Append(n);
                return i + 1;
            case 'c':
                if (i + 1 < p.Length && IsAsciiLetter(p[i + 1]))
                {
                    AppendCodeUnit(sb, p[i + 1] % 32);
                    return i + 2;
                }

                sb.Append("\\\\c"); // Annex B: a backslash and a 'c'
                return i + 1;
            case 'x':
                if (i + 2 < p.Length && IsHex(p[i + 1]) && IsHex(p[i + 2]))
                {
                    sb.Append("\\x").Append(p, i + 1, 2);
                    return i + 3;
                }

                sb.Append('x');
                return i + 1;
            case 'u':
                if (i + 4 < p.Length && IsHex(p[i + 1]) && IsHex(p[i + 2]) && IsHex(p[i + 3]) && IsHex(p[i + 4]))
                {
                    int unit = int.Parse(p.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    if (char.IsHighSurrogate((char)unit) && i + 10 < p.Length && p[i + 5] == '\\' && p[i + 6] == 'u'
                        && IsHex(p[i + 7]) && IsHex(p[i + 8]) && IsHex(p[i + 9]) && IsHex(p[i + 10])
                        && char.IsLowSurrogate((char)int.Parse(p.Substring(i + 7, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)))
                    {
                        // "\uD83D\uDE00" is one code point, as in Unicode mode
                        if (inClass)
                        {
                            throw AstralInClass(p);
                        }

                        sb.Append("(?:\\u").Append(p, i + 1, 4).Append("\\u").Append(p, i + 7, 4).Append(')');
                        return i + 11;
                    }

                    sb.Append("\\u").Append(p, i + 1, 4);
                    return i + 5;
                }

                if (i + 1 < p.Length && p[i + 1] == '{')
                {
                    int close = p.IndexOf('}', i + 2);
                    if (close > i + 2 && int.TryParse(p.Substring(i + 2, close - i - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int codePoint) && codePoint <= 0x10FFFF)
                    {
                        if (codePoint < 0x10000)
                        {
                            AppendCodeUnit(sb, codePoint);
                        }
                        else
                        {
                            if (inClass)
                            {
                                throw AstralInClass(p);
                            }

                            string pair = char.ConvertFromUtf32(codePoint);
                            sb.Append("(?:");
                            AppendCodeUnit(sb, pair[0]);
                            AppendCodeUnit(sb, pair[1]);
                            sb.Append(')');
                        }

                        return close + 1;
                    }
                }

                sb.Append('u');
                return i + 1;
            case '0':
                if (i + 1 >= p.Length || !IsAsciiDigit(p[i + 1]))
                {
                    sb.Append("\\u0000");
                    return i + 1;
                }

                sb.Append("\\0");
                return i + 1;
            case 'k':
                if (i + 1 < p.Length && p[i + 1] == '<')
                {
                    sb.Append("\\k");
                    return i + 1;
                }

                sb.Append('k');
                return i + 1;
            case 'p':
            case 'P':
                if (i + 1 < p.Length && p[i + 1] == '{')
                {
                    int close = p.IndexOf('}', i + 2);
                    if (close > i + 2)
                    {
                        string name = p.Substring(i + 2, close - i - 2);
                        sb.Append('\\').Append(n).Append('{').Append(MapPropertyName(name)).Append('}');
                        return close + 1;
                    }
                }

                sb.Append(n);
                return i + 1;
            default:
                if (IsAsciiDigit(n))
                {
                    // a back-reference \1..\9 (and following digits)
                    sb.Append('\\');
                    while (i < p.Length && IsAsciiDigit(p[i]))
                    {
                        sb.Append(p[i]);
                        i++;
                    }

                    return i;
                }

                if (IsAsciiLetter(n) || n == '_')
                {
                    // ECMA-262 identity escape of a letter .NET would read as something else (\a, \e, \A, \z, \G ...)
                    sb.Append(n);
                    return i + 1;
                }

                if (n < 128)
                {
                    sb.Append('\\').Append(n);
                }
                else
                {
                    AppendCodeUnit(sb, n);
                }

                return i + 1;
        }
    }

    /// <summary>
    /// A pattern for one character of what <paramref name="unit"/> (a class matching one UTF-16 code unit, surrogates
    /// included) matches, where a surrogate pair is one character: the pair first, atomically, and a single code unit
    /// only if it is not half of a pair, so backtracking never splits a character beyond U+FFFF.
    /// </summary>
    private static string CodePoint(string unit)
        => "(?>" + SurrogatePair + "|(?![\\uDC00-\\uDFFF])" + unit + "|(?<![\\uD800-\\uDBFF])" + unit + ")";

    private static ArgumentException AstralInClass(string pattern)
        => new ArgumentException("A character class with a character beyond U+FFFF is not supported (it would match half of its surrogate pair): " + pattern, nameof(pattern));

    private static string MapPropertyName(string name)
    {
        int equals = name.IndexOf('=');
        if (equals >= 0)
        {
            string key = name.Substring(0, equals);
            if (key == "General_Category" || key == "gc")
            {
                name = name.Substring(equals + 1);
            }
        }

        switch (name)
        {
            case "Letter": return "L";
            case "Cased_Letter": return "L";
            case "Uppercase_Letter": return "Lu";
            case "Lowercase_Letter": return "Ll";
            case "Titlecase_Letter": return "Lt";
            case "Modifier_Letter": return "Lm";
            case "Other_Letter": return "Lo";
            case "Mark": return "M";
            case "Combining_Mark": return "M";
            case "Nonspacing_Mark": return "Mn";
            case "Spacing_Mark": return "Mc";
            case "Enclosing_Mark": return "Me";
            case "Number": return "N";
            case "Decimal_Number": return "Nd";
            case "digit": return "Nd";
            case "Letter_Number": return "Nl";
            case "Other_Number": return "No";
            case "Punctuation": return "P";
            case "punct": return "P";
            case "Connector_Punctuation": return "Pc";
            case "Dash_Punctuation": return "Pd";
            case "Open_Punctuation": return "Ps";
            case "Close_Punctuation": return "Pe";
            case "Initial_Punctuation": return "Pi";
            case "Final_Punctuation": return "Pf";
            case "Other_Punctuation": return "Po";
            case "Symbol": return "S";
            case "Math_Symbol": return "Sm";
            case "Currency_Symbol": return "Sc";
            case "Modifier_Symbol": return "Sk";
            case "Other_Symbol": return "So";
            case "Separator": return "Z";
            case "Space_Separator": return "Zs";
            case "Line_Separator": return "Zl";
            case "Paragraph_Separator": return "Zp";
            case "Other": return "C";
            case "Control": return "Cc";
            case "cntrl": return "Cc";
            case "Format": return "Cf";
            case "Surrogate": return "Cs";
            case "Private_Use": return "Co";
            case "Unassigned": return "Cn";
            default: return name;
        }
    }

    private static void AppendCodeUnit(StringBuilder sb, int value)
        => sb.Append("\\u").Append(value.ToString("X4", CultureInfo.InvariantCulture));

    private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsHex(char c) => IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
