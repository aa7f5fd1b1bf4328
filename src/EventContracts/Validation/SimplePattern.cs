using System;
using System.Collections.Generic;
using System.Globalization;

namespace EventContracts.Validation;

/// <summary>
/// A matcher for the patterns contracts use most — <c>^</c>, then characters and character classes with quantifiers,
/// then an optional <c>$</c> (<c>^[A-Z]{3}$</c>, <c>^[a-z][a-z0-9_-]*$</c>) — that runs in one pass without the
/// regex engine's per-call setup. It only takes patterns where one greedy pass decides the match: each repeated
/// piece's characters cannot start what follows it, so giving back a character never helps. Anything else
/// (alternation, groups, <c>.</c>, <c>\s</c>, <c>\b</c>, lookaround other than a leading <c>(?!literal)</c>, unanchored
/// starts, ambiguous repeats) is left to
/// <see cref="EcmaScriptRegex"/>, which this agrees with on every input it accepts.
/// </summary>
internal sealed class SimplePattern
{
    private const int MaxCount = 100_000;

    private readonly Piece[] _pieces;
    private readonly bool _anchoredEnd;
    private readonly string? _forbiddenPrefix;

    private SimplePattern(Piece[] pieces, bool anchoredEnd, string? forbiddenPrefix)
    {
        _pieces = pieces;
        _anchoredEnd = anchoredEnd;
        _forbiddenPrefix = forbiddenPrefix;
        MatchesOnlyAscii = anchoredEnd && Array.TrueForAll(pieces, piece => piece.Set.IsAscii);
    }

    /// <summary>
    /// Whether every text the pattern matches is ASCII: its end is anchored and each piece admits only ASCII characters.
    /// A match on UTF-8 bytes then proves the text is ASCII, one byte per code point, without scanning it first.
    /// </summary>
    public bool MatchesOnlyAscii { get; }

    /// <summary>The matcher for <paramref name="pattern"/>, or <see langword="null"/> when the pattern is outside the simple form.</summary>
    public static SimplePattern? TryCreate(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^')
        {
            return null;
        }

        var pieces = new List<Piece>();
        bool anchoredEnd = false;
        int i = 1;

        // ^(?!literal) — "must not start with": the one lookaround contracts use (PushEngage's reserved prefix).
        string? forbiddenPrefix = null;
        if (string.CompareOrdinal(pattern, 1, "(?!", 0, 3) == 0)
        {
            forbiddenPrefix = ReadLiteral(pattern, 4, out int end);
            if (forbiddenPrefix is null)
            {
                return null;
            }

            i = end + 1;
        }
        while (i < pattern.Length)
        {
            if (pattern[i] == '$')
            {
                if (i != pattern.Length - 1)
                {
                    return null;
                }

                anchoredEnd = true;
                break;
            }

            CharSet? set = ReadAtom(pattern, ref i);
            if (set is null || set.MayMatchSurrogate || !ReadQuantifier(pattern, ref i, out int min, out int max))
            {
                // A set that can match a surrogate is left to the regex: a character beyond U+FFFF is one character
                // there (a surrogate pair), and one pass over code units would count it as two.
                return null;
            }

            pieces.Add(new Piece(set, min, max));
        }

        return IsGreedyExact(pieces) ? new SimplePattern(pieces.ToArray(), anchoredEnd, forbiddenPrefix) : null;
    }

    /// <summary>Whether the value matches (the same answer as the ECMA-262 pattern).</summary>
    public bool IsMatch(ReadOnlySpan<char> value)
    {
        if (_forbiddenPrefix is not null && value.StartsWith(_forbiddenPrefix.AsSpan(), StringComparison.Ordinal))
        {
            return false;
        }

        int position = 0;
        foreach (Piece piece in _pieces)
        {
            int limit = Math.Min(piece.Max, value.Length - position);
            int count;
#if NET8_0_OR_GREATER
            if (limit > 1 && piece.Set.AsciiChars is { } run)
            {
                count = value.Slice(position, limit).IndexOfAnyExcept(run);
                count = count < 0 ? limit : count;
            }
            else
#endif
            {
                count = 0;
                while (count < limit && piece.Set.Contains(value[position + count]))
                {
                    count++;
                }
            }

            if (count < piece.Min)
            {
                return false;
            }

            position += count;
        }

        return !_anchoredEnd || position == value.Length;
    }

    /// <summary>
    /// Whether ASCII text given as its UTF-8 bytes matches (each byte is one character). Other UTF-8 text is read byte by
    /// byte too: its bytes from 0x80 up match no ASCII-only piece, so a <see cref="MatchesOnlyAscii"/> pattern never
    /// matches it.
    /// </summary>
    /// <param name="ascii">Bytes below 0x80 only.</param>
    public bool IsMatch(ReadOnlySpan<byte> ascii)
    {
        if (_forbiddenPrefix is not null && StartsWith(ascii, _forbiddenPrefix))
        {
            return false;
        }

        int position = 0;
        foreach (Piece piece in _pieces)
        {
            int limit = Math.Min(piece.Max, ascii.Length - position);
            int count;
#if NET8_0_OR_GREATER
            if (limit > 1 && piece.Set.AsciiBytes is { } run)
            {
                count = ascii.Slice(position, limit).IndexOfAnyExcept(run);
                count = count < 0 ? limit : count;
            }
            else
#endif
            {
                count = 0;
                while (count < limit && piece.Set.Contains((char)ascii[position + count]))
                {
                    count++;
                }
            }

            if (count < piece.Min)
            {
                return false;
            }

            position += count;
        }

        return !_anchoredEnd || position == ascii.Length;
    }

    private static bool StartsWith(ReadOnlySpan<byte> ascii, string prefix)
    {
        if (ascii.Length < prefix.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (ascii[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One greedy pass is exact when no repeated piece can hand a character to what follows it: its set is disjoint
    /// from the sets of the next pieces up to and including the first one that must match at least once.
    /// </summary>
    private static bool IsGreedyExact(List<Piece> pieces)
    {
        for (int i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Min == pieces[i].Max)
            {
                continue;
            }

            for (int j = i + 1; j < pieces.Count; j++)
            {
                if (pieces[i].Set.Overlaps(pieces[j].Set))
                {
                    return false;
                }

                if (pieces[j].Min > 0)
                {
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>Reads literal characters (plain or escaped punctuation) up to a closing parenthesis; null for anything else.</summary>
    private static string? ReadLiteral(string pattern, int start, out int close)
    {
        var literal = new System.Text.StringBuilder();
        int i = start;
        while (i < pattern.Length && pattern[i] != ')')
        {
            CharSet? atom = ReadAtom(pattern, ref i);
            if (atom is null || atom.Negated || atom.Ranges.Length != 1 || atom.Ranges[0].Low != atom.Ranges[0].High
                || (i < pattern.Length && pattern[i] is '*' or '+' or '?' or '{'))
            {
                close = -1;
                return null;
            }

            literal.Append(atom.Ranges[0].Low);
        }

        close = i;
        return i < pattern.Length && literal.Length > 0 ? literal.ToString() : null;
    }

    private static CharSet? ReadAtom(string pattern, ref int i)
    {
        char c = pattern[i];
        switch (c)
        {
            case '[':
                return ReadClass(pattern, ref i);
            case '\\':
                if (i + 1 >= pattern.Length)
                {
                    return null;
                }

                CharSet? escaped = Escape(pattern[i + 1], inClass: false);
                i += 2;
                return escaped;
            case '.' or '|' or '(' or ')' or '*' or '+' or '?' or '{' or '}' or ']' or '^' or '$':
                return null;
            default:
                i++;
                return CharSet.Single(c);
        }
    }

    private static CharSet? ReadClass(string pattern, ref int i)
    {
        int p = i + 1;
        bool negated = p < pattern.Length && pattern[p] == '^';
        if (negated)
        {
            p++;
        }

        var ranges = new List<(char Low, char High)>();
        while (p < pattern.Length && pattern[p] != ']')
        {
            if (!ReadClassItem(pattern, ref p, out char low, out var set))
            {
                return null;
            }

            bool range = p + 1 < pattern.Length && pattern[p] == '-' && pattern[p + 1] != ']';
            if (set is not null)
            {
                // "\d-x" is a literal '-' in Annex B; left to the regex engine.
                if (range)
                {
                    return null;
                }

                ranges.AddRange(set);
                continue;
            }

            if (!range)
            {
                ranges.Add((low, low));
                continue;
            }

            p++;
            if (!ReadClassItem(pattern, ref p, out char high, out var highSet) || highSet is not null || high < low)
            {
                return null;
            }

            ranges.Add((low, high));
        }

        if (p >= pattern.Length || ranges.Count == 0)
        {
            // Unterminated, or [] / [^] (match nothing / anything): left to the regex engine.
            return null;
        }

        i = p + 1;
        return new CharSet(ranges.ToArray(), negated);
    }

    /// <summary>Reads one class member: a character, or the ranges of \d / \w.</summary>
    private static bool ReadClassItem(string pattern, ref int p, out char single, out (char Low, char High)[]? set)
    {
        single = '\0';
        set = null;
        char c = pattern[p];
        if (c == '[')
        {
            return false;
        }

        if (c != '\\')
        {
            p++;
            single = c;
            return true;
        }

        if (p + 1 >= pattern.Length)
        {
            return false;
        }

        CharSet? escaped = Escape(pattern[p + 1], inClass: true);
        p += 2;
        if (escaped is null || escaped.Negated)
        {
            return false;
        }

        if (escaped.Ranges.Length == 1 && escaped.Ranges[0].Low == escaped.Ranges[0].High)
        {
            single = escaped.Ranges[0].Low;
        }
        else
        {
            set = escaped.Ranges;
        }

        return true;
    }

    private static CharSet? Escape(char e, bool inClass) => e switch
    {
        'd' => new CharSet(new[] { ('0', '9') }, false),
        'D' when !inClass => new CharSet(new[] { ('0', '9') }, true),
        'w' => new CharSet(new[] { ('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z') }, false),
        'W' when !inClass => new CharSet(new[] { ('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z') }, true),
        't' => CharSet.Single('\t'),
        'n' => CharSet.Single('\n'),
        'r' => CharSet.Single('\r'),
        'f' => CharSet.Single('\f'),
        'v' => CharSet.Single('\v'),
        '^' or '$' or '\\' or '.' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '/' or '-' => CharSet.Single(e),
        _ => null,
    };

    private static bool ReadQuantifier(string pattern, ref int i, out int min, out int max)
    {
        min = 1;
        max = 1;
        if (i >= pattern.Length)
        {
            return true;
        }

        switch (pattern[i])
        {
            case '?':
                (min, max) = (0, 1);
                i++;
                break;
            case '*':
                (min, max) = (0, int.MaxValue);
                i++;
                break;
            case '+':
                (min, max) = (1, int.MaxValue);
                i++;
                break;
            case '{':
                if (!ReadBraces(pattern, ref i, out min, out max))
                {
                    return false;
                }

                break;
            default:
                return true;
        }

        // A lazy quantifier finds a match exactly when the greedy one does.
        if (i < pattern.Length && pattern[i] == '?')
        {
            i++;
        }

        return i >= pattern.Length || pattern[i] is not ('*' or '+' or '?' or '{');
    }

    private static bool ReadBraces(string pattern, ref int i, out int min, out int max)
    {
        max = 0;
        int close = pattern.IndexOf('}', i);
        if (close < 0)
        {
            min = 0;
            return false;
        }

        string body = pattern.Substring(i + 1, close - i - 1);
        int comma = body.IndexOf(',');
        string low = comma < 0 ? body : body.Substring(0, comma);
        string? high = comma < 0 ? low : body.Substring(comma + 1);
        if (!TryCount(low, out min))
        {
            return false;
        }

        if (high.Length == 0)
        {
            max = int.MaxValue;
        }
        else if (!TryCount(high, out max) || max < min)
        {
            return false;
        }

        i = close + 1;
        return true;
    }

    private static bool TryCount(string text, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 6)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= MaxCount;
    }

    private readonly struct Piece
    {
        public Piece(CharSet set, int min, int max)
        {
            Set = set;
            Min = min;
            Max = max;
        }

        public CharSet Set { get; }

        public int Min { get; }

        public int Max { get; }
    }

    /// <summary>A set of UTF-16 code units: ranges, possibly negated; ASCII membership is a bitmap lookup.</summary>
    private sealed class CharSet
    {
        private readonly ulong _asciiLow;
        private readonly ulong _asciiHigh;

        public CharSet((char Low, char High)[] ranges, bool negated)
        {
            Ranges = ranges;
            Negated = negated;
            for (int c = 0; c < 128; c++)
            {
                if (ContainsSlow((char)c))
                {
                    if (c < 64)
                    {
                        _asciiLow |= 1UL << c;
                    }
                    else
                    {
                        _asciiHigh |= 1UL << (c - 64);
                    }
                }
            }
#if NET8_0_OR_GREATER
            if (IsAscii)
            {
                var members = new List<char>();
                for (char c = '\0'; c < 128; c++)
                {
                    if (Contains(c))
                    {
                        members.Add(c);
                    }
                }

                AsciiChars = System.Buffers.SearchValues.Create(members.ToArray());
                AsciiBytes = System.Buffers.SearchValues.Create(members.ConvertAll(c => (byte)c).ToArray());
            }
#endif
        }

        public (char Low, char High)[] Ranges { get; }

        public bool Negated { get; }

        /// <summary>Whether every member is ASCII.</summary>
        public bool IsAscii => !Negated && Array.TrueForAll(Ranges, r => r.High < 128);

        public bool MayMatchSurrogate => Negated || Array.Exists(Ranges, r => r.Low <= '\uDFFF' && r.High >= '\uD800');

#if NET8_0_OR_GREATER
        /// <summary>The set for vectorized runs, when every member is ASCII; runs of a repeated piece are searched with it.</summary>
        public System.Buffers.SearchValues<char>? AsciiChars { get; }

        /// <summary>The same members as bytes, for ASCII text given as UTF-8.</summary>
        public System.Buffers.SearchValues<byte>? AsciiBytes { get; }
#endif

        public static CharSet Single(char c) => new CharSet(new[] { (c, c) }, false);

        public bool Contains(char c)
        {
            if (c < 64)
            {
                return (_asciiLow & (1UL << c)) != 0;
            }

            if (c < 128)
            {
                return (_asciiHigh & (1UL << (c - 64))) != 0;
            }

            return ContainsSlow(c);
        }

        /// <summary>Whether some code unit is in both sets (exact: checked at every range boundary).</summary>
        public bool Overlaps(CharSet other)
        {
            var candidates = new List<char> { '\0', '\uFFFF' };
            foreach (var set in new[] { this, other })
            {
                foreach (var (low, high) in set.Ranges)
                {
                    candidates.Add(low);
                    candidates.Add(high);
                    if (low > '\0')
                    {
                        candidates.Add((char)(low - 1));
                    }

                    if (high < '\uFFFF')
                    {
                        candidates.Add((char)(high + 1));
                    }
                }
            }

            foreach (char c in candidates)
            {
                if (ContainsSlow(c) && other.ContainsSlow(c))
                {
                    return true;
                }
            }

            return false;
        }

        private bool ContainsSlow(char c)
        {
            bool inRanges = false;
            foreach (var (low, high) in Ranges)
            {
                if (c >= low && c <= high)
                {
                    inRanges = true;
                    break;
                }
            }

            return inRanges != Negated;
        }
    }
}
