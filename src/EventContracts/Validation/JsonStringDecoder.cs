using System;

namespace EventContracts.Validation;

/// <summary>
/// Decodes the raw bytes of a JSON string token (UTF-8 with JSON escapes) into UTF-16 without allocating. Unlike
/// <c>Utf8JsonReader.CopyString</c> it keeps lone surrogates written as <c>\uD800</c> escapes (valid JSON, and one
/// code point each for <c>minLength</c>/<c>maxLength</c>).
/// </summary>
internal static class JsonStringDecoder
{
    /// <summary>Decodes <paramref name="raw"/> into <paramref name="destination"/> (at least <c>raw.Length</c> long).</summary>
    /// <returns><see langword="false"/> when the bytes are not valid UTF-8 (or an escape is malformed).</returns>
    public static bool TryDecode(ReadOnlySpan<byte> raw, Span<char> destination, out int written)
    {
        written = 0;
        int i = 0;
        while (i < raw.Length)
        {
            byte b = raw[i];
            if (b == (byte)'\\')
            {
                if (i + 1 >= raw.Length)
                {
                    return false;
                }

                byte e = raw[i + 1];
                char c;
                switch (e)
                {
                    case (byte)'"': c = '"'; break;
                    case (byte)'\\': c = '\\'; break;
                    case (byte)'/': c = '/'; break;
                    case (byte)'b': c = '\b'; break;
                    case (byte)'f': c = '\f'; break;
                    case (byte)'n': c = '\n'; break;
                    case (byte)'r': c = '\r'; break;
                    case (byte)'t': c = '\t'; break;
                    case (byte)'u':
                        if (i + 6 > raw.Length)
                        {
                            return false;
                        }

                        int value = Hex4(raw.Slice(i + 2, 4));
                        if (value < 0)
                        {
                            return false;
                        }

                        destination[written++] = (char)value;
                        i += 6;
                        continue;
                    default:
                        return false;
                }

                destination[written++] = c;
                i += 2;
                continue;
            }

            if (b < 0x80)
            {
                destination[written++] = (char)b;
                i++;
                continue;
            }

            int length;
            int codePoint;
            int min;
            if ((b & 0xE0) == 0xC0)
            {
                length = 2;
                codePoint = b & 0x1F;
                min = 0x80;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                length = 3;
                codePoint = b & 0x0F;
                min = 0x800;
            }
            else if ((b & 0xF8) == 0xF0)
            {
                length = 4;
                codePoint = b & 0x07;
                min = 0x10000;
            }
            else
            {
                return false;
            }

            if (i + length > raw.Length)
            {
                return false;
            }

            for (int k = i + 1; k < i + length; k++)
            {
                byte next = raw[k];
                if ((next & 0xC0) != 0x80)
                {
                    return false;
                }

                codePoint = (codePoint << 6) | (next & 0x3F);
            }

            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                return false; // overlong, out of range, or an encoded surrogate
            }

            if (codePoint >= 0x10000)
            {
                codePoint -= 0x10000;
                destination[written++] = (char)(0xD800 + (codePoint >> 10));
                destination[written++] = (char)(0xDC00 + (codePoint & 0x3FF));
            }
            else
            {
                destination[written++] = (char)codePoint;
            }

            i += length;
        }

        return true;
    }

    /// <summary>Decodes to a string (for messages and paths); invalid UTF-8 falls back to replacement characters.</summary>
    public static string ToString(ReadOnlySpan<byte> raw)
    {
        char[] buffer = new char[raw.Length];
        if (TryDecode(raw, buffer, out int written))
        {
            return new string(buffer, 0, written);
        }

        return Text.Utf8(raw);
    }

    /// <summary>The UTF-16 unit four hex digits of a <c>\u</c> escape name, or -1 when one is not a hex digit.</summary>
    internal static int Hex4(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte digit in digits)
        {
            int h = Hex(digit);
            if (h < 0)
            {
                return -1;
            }

            value = (value << 4) | h;
        }

        return value;
    }

    private static int Hex(byte b)
    {
        if (b >= (byte)'0' && b <= (byte)'9')
        {
            return b - '0';
        }

        if (b >= (byte)'a' && b <= (byte)'f')
        {
            return b - 'a' + 10;
        }

        if (b >= (byte)'A' && b <= (byte)'F')
        {
            return b - 'A' + 10;
        }

        return -1;
    }
}
