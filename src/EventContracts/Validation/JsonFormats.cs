using System;
using System.ComponentModel;

namespace EventContracts.Validation;

/// <summary>
/// Checks the JSON Schema <c>format</c> values EventContracts supports: <c>date-time</c> and <c>date</c> (RFC 3339),
/// <c>email</c> (an RFC 5321 mailbox), <c>uri</c> (an absolute RFC 3986 URI) and <c>uuid</c> (RFC 4122 text form).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonFormats
{
    /// <summary>Tells whether a format name is one <see cref="IsValid(string, ReadOnlySpan{char})"/> checks.</summary>
    /// <param name="format">The format name, for example <c>date-time</c>.</param>
    /// <returns><see langword="true"/> for <c>date-time</c>, <c>date</c>, <c>email</c>, <c>uri</c> and <c>uuid</c>.</returns>
    public static bool IsSupported(string? format) => Parse(format) != FormatKind.None;

    /// <summary>Checks a value against a format.</summary>
    /// <param name="format">One of <c>date-time</c>, <c>date</c>, <c>email</c>, <c>uri</c>, <c>uuid</c>.</param>
    /// <param name="value">The string value.</param>
    /// <returns><see langword="true"/> when the value is valid for the format.</returns>
    /// <exception cref="ArgumentException">The format is not supported.</exception>
    public static bool IsValid(string format, ReadOnlySpan<char> value)
    {
        FormatKind kind = Parse(format);
        if (kind == FormatKind.None)
        {
            throw new ArgumentException("Unsupported format \"" + format + "\"; supported: date-time, date, email, uri, uuid.", nameof(format));
        }

        return IsValid(kind, value);
    }

    internal static FormatKind Parse(string? format)
    {
        switch (format)
        {
            case "date-time": return FormatKind.DateTime;
            case "date": return FormatKind.Date;
            case "email": return FormatKind.Email;
            case "uri": return FormatKind.Uri;
            case "uuid": return FormatKind.Uuid;
            default: return FormatKind.None;
        }
    }

    internal static bool IsValid(FormatKind kind, ReadOnlySpan<char> value)
    {
        switch (kind)
        {
            case FormatKind.DateTime: return IsDateTime(value);
            case FormatKind.Date: return IsDate(value);
            case FormatKind.Email: return IsEmail(value);
            case FormatKind.Uri: return IsUri(value);
            case FormatKind.Uuid: return IsUuid(value);
            default: return true;
        }
    }

    // ---- date and date-time (RFC 3339 section 5.6) ----

    private static bool IsDate(ReadOnlySpan<char> s)
    {
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day))
        {
            return false;
        }

        return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static bool IsDateTime(ReadOnlySpan<char> s)
    {
        // full-date "T" partial-time time-offset; shortest: 2000-01-01T00:00:00Z. The fixed-position part is read
        // digit by digit without loops: date-times are common in payloads (Customer.io has four per call).
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        int year = Digits4(s[0], s[1], s[2], s[3]);
        int month = Digits2(s[5], s[6]);
        int day = Digits2(s[8], s[9]);
        int hour = Digits2(s[11], s[12]);
        int minute = Digits2(s[14], s[15]);
        int second = Digits2(s[17], s[18]);
        if ((year | month | day | hour | minute | second) < 0
            || month < 1 || month > 12 || day < 1 || (day > 28 && day > DaysInMonth(year, month))
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        int i = 19;
        if (s[i] == '.')
        {
            i++;
            int start = i;
            while (i < s.Length && IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        int offsetMinutes;
        char c = s[i];
        if (c == 'Z' || c == 'z')
        {
            if (i + 1 != s.Length)
            {
                return false;
            }

            offsetMinutes = 0;
        }
        else if (c == '+' || c == '-')
        {
            if (i + 6 != s.Length || s[i + 3] != ':'
                || !TryDigits(s, i + 1, 2, out int offsetHour) || !TryDigits(s, i + 4, 2, out int offsetMinute)
                || offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (offsetHour * 60) + offsetMinute;
            if (c == '-')
            {
                offsetMinutes = -offsetMinutes;
            }
        }
        else
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second is only ever inserted as 23:59:60 UTC.
            int utcMinutes = ((((hour * 60) + minute - offsetMinutes) % 1440) + 1440) % 1440;
            if (utcMinutes != (23 * 60) + 59)
            {
                return false;
            }
        }

        return true;
    }

    private static int DaysInMonth(int year, int month)
    {
        switch (month)
        {
            case 2:
                bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /// <summary>The value of two ASCII digits, or a negative number when either is not one.</summary>
    private static int Digits2(char tens, char ones)
    {
        uint t = (uint)(tens - '0');
        uint o = (uint)(ones - '0');
        return t <= 9 && o <= 9 ? (int)((t * 10) + o) : -1;
    }

    /// <summary>The value of four ASCII digits, or a negative number when one is not a digit.</summary>
    private static int Digits4(char a, char b, char c, char d)
    {
        int high = Digits2(a, b);
        int low = Digits2(c, d);
        return (high | low) < 0 ? -1 : (high * 100) + low;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    // ---- uuid (RFC 4122 text form, any version) ----

    private static bool IsUuid(ReadOnlySpan<char> s)
    {
        if (s.Length != 36)
        {
            return false;
        }

        for (int i = 0; i < s.Length; i++)
        {
            bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? s[i] != '-' : !IsHex(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    // ---- email (RFC 5321 Mailbox, ASCII) ----

    private static bool IsEmail(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 254)
        {
            return false;
        }

        int at;
        if (s[0] == '"')
        {
            // Quoted-string = DQUOTE *QcontentSMTP DQUOTE
            int i = 1;
            while (true)
            {
                if (i >= s.Length)
                {
                    return false;
                }

                char c = s[i];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (i + 1 >= s.Length || s[i + 1] < 32 || s[i + 1] > 126)
                    {
                        return false;
                    }

                    i += 2;
                    continue;
                }

                if (c < 32 || c > 126)
                {
                    return false;
                }

                i++;
            }

            at = i + 1;
            if (at >= s.Length || s[at] != '@')
            {
                return false;
            }
        }
        else
        {
            at = s.IndexOf('@');
            if (at <= 0 || !IsDotAtom(s.Slice(0, at)))
            {
                return false;
            }
        }

        if (at > 64)
        {
            return false;
        }

        ReadOnlySpan<char> domain = s.Slice(at + 1);
        if (domain.Length >= 2 && domain[0] == '[' && domain[domain.Length - 1] == ']')
        {
            ReadOnlySpan<char> literal = domain.Slice(1, domain.Length - 2);
            if (literal.Length > 5 && literal.Slice(0, 5).SequenceEqual("IPv6:".AsSpan()))
            {
                return IsIPv6(literal.Slice(5));
            }

            return IsIPv4(literal);
        }

        return IsHostName(domain);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s[0] == '.' || s[s.Length - 1] == '.')
        {
            return false;
        }

        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.')
            {
                if (s[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (!IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAtext(char c)
        => IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".IndexOf(c) >= 0;

    private static bool IsHostName(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 253)
        {
            return false;
        }

        int labelStart = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || s[i] == '.')
            {
                int length = i - labelStart;
                if (length == 0 || length > 63 || s[labelStart] == '-' || s[i - 1] == '-')
                {
                    return false;
                }

                labelStart = i + 1;
            }
            else if (!IsAsciiLetterOrDigit(s[i]) && s[i] != '-')
            {
                return false;
            }
        }

        return true;
    }

    // ---- IP addresses ----

    private static bool IsIPv4(ReadOnlySpan<char> s)
    {
        int parts = 0;
        int i = 0;
        while (true)
        {
            int start = i;
            int value = 0;
            while (i < s.Length && IsAsciiDigit(s[i]) && i - start < 3)
            {
                value = (value * 10) + (s[i] - '0');
                i++;
            }

            int length = i - start;
            if (length == 0 || value > 255 || (length > 1 && s[start] == '0'))
            {
                return false;
            }

            parts++;
            if (i == s.Length)
            {
                return parts == 4;
            }

            if (s[i] != '.' || parts == 4)
            {
                return false;
            }

            i++;
        }
    }

    private static bool IsIPv6(ReadOnlySpan<char> s)
    {
        if (s.Length < 2)
        {
            return false;
        }

        int doubleColon = IndexOf(s, "::");
        if (doubleColon < 0)
        {
            return CountGroups(s, allowIPv4: true, out int groups) && groups == 8;
        }

        ReadOnlySpan<char> head = s.Slice(0, doubleColon);
        ReadOnlySpan<char> tail = s.Slice(doubleColon + 2);
        if (IndexOf(tail, "::") >= 0)
        {
            return false;
        }

        int headGroups = 0;
        int tailGroups = 0;
        if (head.Length > 0 && !CountGroups(head, allowIPv4: false, out headGroups))
        {
            return false;
        }

        if (tail.Length > 0 && !CountGroups(tail, allowIPv4: true, out tailGroups))
        {
            return false;
        }

        return headGroups + tailGroups <= 7;
    }

    private static bool CountGroups(ReadOnlySpan<char> s, bool allowIPv4, out int groups)
    {
        groups = 0;
        int start = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || s[i] == ':')
            {
                ReadOnlySpan<char> group = s.Slice(start, i - start);
                if (group.Length == 0)
                {
                    return false;
                }

                if (i == s.Length && allowIPv4 && group.IndexOf('.') >= 0)
                {
                    if (!IsIPv4(group))
                    {
                        return false;
                    }

                    groups += 2;
                    return true;
                }

                if (group.Length > 4)
                {
                    return false;
                }

                foreach (char c in group)
                {
                    if (!IsHex(c))
                    {
                        return false;
                    }
                }

                groups++;
                start = i + 1;
            }
        }

        return true;
    }

    // ---- uri (RFC 3986 URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ]) ----

    private static bool IsUri(ReadOnlySpan<char> s)
    {
        int colon = s.IndexOf(':');
        if (colon <= 0 || !IsAsciiLetter(s[0]))
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = s[i];
            if (!IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        ReadOnlySpan<char> rest = s.Slice(colon + 1);
        int fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            if (!IsUriChars(rest.Slice(fragment + 1), query: true))
            {
                return false;
            }

            rest = rest.Slice(0, fragment);
        }

        int query = rest.IndexOf('?');
        if (query >= 0)
        {
            if (!IsUriChars(rest.Slice(query + 1), query: true))
            {
                return false;
            }

            rest = rest.Slice(0, query);
        }

        if (rest.Length >= 2 && rest[0] == '/' && rest[1] == '/')
        {
            rest = rest.Slice(2);
            int pathStart = rest.IndexOf('/');
            ReadOnlySpan<char> authority = pathStart < 0 ? rest : rest.Slice(0, pathStart);
            if (!IsAuthority(authority))
            {
                return false;
            }

            rest = pathStart < 0 ? ReadOnlySpan<char>.Empty : rest.Slice(pathStart);
        }

        return IsUriChars(rest, query: false);
    }

    private static bool IsAuthority(ReadOnlySpan<char> s)
    {
        int at = s.IndexOf('@');
        if (at >= 0)
        {
            ReadOnlySpan<char> userInfo = s.Slice(0, at);
            for (int i = 0; i < userInfo.Length; i++)
            {
                char c = userInfo[i];
                if (c == '%')
                {
                    if (!IsPercentEncoded(userInfo, i))
                    {
                        return false;
                    }

                    i += 2;
                }
                else if (!IsUnreserved(c) && !IsSubDelim(c) && c != ':')
                {
                    return false;
                }
            }

            s = s.Slice(at + 1);
        }

        ReadOnlySpan<char> port;
        if (s.Length > 0 && s[0] == '[')
        {
            int close = s.IndexOf(']');
            if (close < 0 || !IsIPLiteral(s.Slice(1, close - 1)))
            {
                return false;
            }

            ReadOnlySpan<char> after = s.Slice(close + 1);
            if (after.Length > 0 && after[0] != ':')
            {
                return false;
            }

            port = after.Length > 0 ? after.Slice(1) : ReadOnlySpan<char>.Empty;
        }
        else
        {
            int colon = s.IndexOf(':');
            ReadOnlySpan<char> host = colon < 0 ? s : s.Slice(0, colon);
            port = colon < 0 ? ReadOnlySpan<char>.Empty : s.Slice(colon + 1);
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == '%')
                {
                    if (!IsPercentEncoded(host, i))
                    {
                        return false;
                    }

                    i += 2;
                }
                else if (!IsUnreserved(c) && !IsSubDelim(c))
                {
                    return false;
                }
            }
        }

        foreach (char c in port)
        {
            if (!IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIPLiteral(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[0] == 'v' || s[0] == 'V'))
        {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            int i = 1;
            while (i < s.Length && IsHex(s[i]))
            {
                i++;
            }

            if (i == 1 || i >= s.Length || s[i] != '.' || i + 1 == s.Length)
            {
                return false;
            }

            for (i++; i < s.Length; i++)
            {
                if (!IsUnreserved(s[i]) && !IsSubDelim(s[i]) && s[i] != ':')
                {
                    return false;
                }
            }

            return true;
        }

        return IsIPv6(s);
    }

    /// <summary>path, query and fragment characters: pchar / "/" (and "?" in query and fragment).</summary>
    private static bool IsUriChars(ReadOnlySpan<char> s, bool query)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '%')
            {
                if (!IsPercentEncoded(s, i))
                {
                    return false;
                }

                i += 2;
            }
            else if (!IsUnreserved(c) && !IsSubDelim(c) && c != ':' && c != '@' && c != '/' && !(query && c == '?'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPercentEncoded(ReadOnlySpan<char> s, int i)
        => i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]);

    private static bool IsUnreserved(char c) => IsAsciiLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';

    private static bool IsSubDelim(char c) => "!$&'()*+,;=".IndexOf(c) >= 0;

    // ---- characters ----

    private static int IndexOf(ReadOnlySpan<char> s, string value) => s.IndexOf(value.AsSpan(), StringComparison.Ordinal);

    private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || IsAsciiDigit(c);

    private static bool IsHex(char c) => IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// <summary>The formats <see cref="JsonFormats"/> checks.</summary>
internal enum FormatKind
{
    None,
    DateTime,
    Date,
    Email,
    Uri,
    Uuid,
}
