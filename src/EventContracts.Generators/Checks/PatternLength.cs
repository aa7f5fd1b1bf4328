using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EventContracts.Generators.Checks;

/// <summary>
/// The most characters (UTF-16 code units, so at least as many as the code points <c>maxLength</c> counts) a string
/// matching an ECMA-262 <c>pattern</c> can have, when the pattern is anchored at both ends of every alternative and
/// repeats nothing without a bound: <c>^[A-Z]{3}$</c> is 3, <c>^(?:EUR|USD)$</c> 3, <c>^\d{1,4}(-\d{2})?$</c> 7.
/// Null for anything else (unanchored, <c>*</c>, <c>+</c>, <c>{2,}</c>, a backreference, a syntax this does not read): a
/// pattern only ever narrows a bound here, so not knowing is never wrong.
/// </summary>
internal static class PatternLength
{
    public static int? Max(string pattern)
    {
        var reader = new Reader(pattern);
        var alternatives = reader.Disjunction(topLevel: true);
        if (alternatives is null || !reader.AtEnd)
        {
            return null;
        }

        int max = 0;
        foreach (var (length, anchored) in alternatives)
        {
            if (!anchored || length is not int value)
            {
                return null;
            }

            max = Math.Max(max, value);
        }

        return max;
    }

    /// <summary>A recursive-descent reader of the pattern grammar, computing each part's longest match as it goes.</summary>
    private sealed class Reader
    {
        // Longer bounds are taken as none: a bound is only useful when it is small.
        private const int MaxLength = 1_000_000;

        private readonly string _pattern;
        private int _position;

        // Set where the syntax is not understood; every result is then discarded.
        private bool _failed;

        public Reader(string pattern) => _pattern = pattern;

        public bool AtEnd => _position >= _pattern.Length;

        /// <summary>
        /// The alternatives up to the end (or a closing parenthesis): each one's longest match (null: unbounded), and, at the
        /// top level, whether it starts with <c>^</c> and ends with <c>$</c>. Null when the syntax is not understood.
        /// </summary>
        public List<(int? Length, bool Anchored)>? Disjunction(bool topLevel)
        {
            var alternatives = new List<(int? Length, bool Anchored)>();
            while (true)
            {
                bool starts = Peek('^');
                int? length = 0;
                bool ends = false;
                while (!AtEnd && !Peek('|') && !Peek(')'))
                {
                    var (termLength, isEnd) = Term();
                    if (_failed)
                    {
                        return null;
                    }

                    ends = isEnd;
                    length = Add(length, termLength);
                }

                alternatives.Add((length, !topLevel || (starts && ends)));
                if (!Peek('|'))
                {
                    return alternatives;
                }

                _position++;
            }
        }

        /// <summary>One term's longest match (null: unbounded) and whether it is the <c>$</c> assertion.</summary>
        private (int? Length, bool IsEnd) Term()
        {
            char c = _pattern[_position];
            if (c is '^' or '$')
            {
                _position++;
                return (0, c == '$');
            }

            // A quantifier with nothing to repeat is a syntax error.
            if (c is '*' or '+' or '?')
            {
                _failed = true;
                return (null, false);
            }

            int? atom = Atom();
            if (!_failed && TryQuantifier(out int? times))
            {
                return (atom == 0 ? 0 : Multiply(atom, times), false);
            }

            return (atom, false);
        }

        /// <summary>The longest match of the atom at the position (null: unbounded), moving past it.</summary>
        private int? Atom()
        {
            char c = _pattern[_position++];
            switch (c)
            {
                case '[':
                    return SkipClass() ? 1 : Fail();
                case '\\':
                    return Escape();
                case '(':
                    return Group();
                case ')' or '|':
                    return Fail();
                default:
                    return 1;
            }
        }

        private int? Group()
        {
            bool lookaround = false;
            string rest = _pattern.Substring(_position);
            if (rest.StartsWith("?:", StringComparison.Ordinal))
            {
                _position += 2;
            }
            else if (rest.StartsWith("?=", StringComparison.Ordinal) || rest.StartsWith("?!", StringComparison.Ordinal))
            {
                _position += 2;
                lookaround = true;
            }
            else if (rest.StartsWith("?<=", StringComparison.Ordinal) || rest.StartsWith("?<!", StringComparison.Ordinal))
            {
                _position += 3;
                lookaround = true;
            }
            else if (rest.StartsWith("?<", StringComparison.Ordinal) && rest.IndexOf('>') > 2)
            {
                _position += rest.IndexOf('>') + 1;
            }
            else if (rest.StartsWith("?", StringComparison.Ordinal))
            {
                return Fail();
            }

            var inner = Disjunction(topLevel: false);
            if (inner is null || !Peek(')'))
            {
                return Fail();
            }

            _position++;
            if (lookaround)
            {
                return 0;
            }

            int max = 0;
            foreach (var (length, _) in inner)
            {
                if (length is not int value)
                {
                    return null;
                }

                max = Math.Max(max, value);
            }

            return max;
        }

        private int? Escape()
        {
            if (AtEnd)
            {
                return Fail();
            }

            char c = _pattern[_position++];
            if (c is 'b' or 'B')
            {
                return 0;
            }

            // A backreference (\1, \k<name>) matches as much as its group did: not bounded here.
            if ((c >= '1' && c <= '9') || c == 'k')
            {
                return Fail();
            }

            int skip = c switch { 'u' => 4, 'x' => 2, 'c' => 1, _ => 0 };
            _position = Math.Min(_pattern.Length, _position + skip);
            return 1;
        }

        /// <summary>Moves past a character class whose <c>[</c> was read; false when it does not end.</summary>
        private bool SkipClass()
        {
            if (Peek('^'))
            {
                _position++;
            }

            // In ECMA-262 a ']' right after '[' (or '[^') closes the class: [] matches nothing, [^] any character.
            while (!AtEnd)
            {
                char c = _pattern[_position++];
                if (c == '\\')
                {
                    _position++;
                }
                else if (c == ']')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Reads the quantifier at the position, with its lazy '?': the most repetitions it allows (null: unbounded). False,
        /// and nothing read, where there is none: a '{' that opens no <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> is a literal.
        /// </summary>
        private bool TryQuantifier(out int? times)
        {
            times = null;
            if (AtEnd)
            {
                return false;
            }

            char c = _pattern[_position];
            if (c is '*' or '+')
            {
                _position++;
            }
            else if (c == '?')
            {
                _position++;
                times = 1;
            }
            else if (c != '{' || !TryBraces(out times))
            {
                return false;
            }

            if (Peek('?'))
            {
                _position++;
            }

            return true;
        }

        private bool TryBraces(out int? times)
        {
            times = null;
            int close = _pattern.IndexOf('}', _position);
            if (close < 0)
            {
                return false;
            }

            string[] parts = _pattern.Substring(_position + 1, close - _position - 1).Split(',');
            if (parts.Length > 2 || !IsCount(parts[0]) || (parts.Length == 2 && parts[1].Length > 0 && !IsCount(parts[1])))
            {
                return false;
            }

            _position = close + 1;
            string upper = parts[parts.Length - 1];
            if (upper.Length > 0 && int.TryParse(upper, NumberStyles.None, CultureInfo.InvariantCulture, out int max) && max <= MaxLength)
            {
                times = max;
            }

            return true;
        }

        private static bool IsCount(string text) => text.Length > 0 && text.All(c => c >= '0' && c <= '9');

        private static int? Add(int? a, int? b) => a is int x && b is int y && x + y <= MaxLength ? x + y : null;

        private static int? Multiply(int? a, int? times) => a is int x && times is int n && (long)x * n <= MaxLength ? x * n : null;

        private bool Peek(char c) => !AtEnd && _pattern[_position] == c;

        private int? Fail()
        {
            _failed = true;
            return null;
        }
    }
}
