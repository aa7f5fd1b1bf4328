using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Reading;

/// <summary>
/// An escaped unpaired UTF-16 surrogate in a JSON string (<c>"\ud800"</c> without its pair) is valid JSON text but no
/// Unicode text, and YAML's scanner, which reads every contract and plan, refuses the whole file for it. In a
/// <c>.json</c> file each such escape is rewritten to <c>\ufffd</c>, which is as long, so every line and column stays
/// where the file has it; the caller reports an error at each one.
/// </summary>
internal static class JsonSurrogates
{
    /// <summary>The length of a <c>\uXXXX</c> escape, and of each span <see cref="Mend"/> reports.</summary>
    public const int EscapeLength = 6;

    /// <summary>The text with each escaped unpaired surrogate replaced; their offsets are added to <paramref name="mended"/>.</summary>
    public static string Mend(string path, string text, List<int> mended)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.IndexOf("\\u", StringComparison.Ordinal) < 0 || !JsonComments.StartsAsJson(text))
        {
            return text;
        }

        char[]? chars = null;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!inString)
            {
                inString = c == '"';
                continue;
            }

            if (c == '"')
            {
                inString = false;
            }
            else if (c == '\\')
            {
                if (Escaped(text, i) is not int unit)
                {
                    i++;
                }
                else if (unit is >= 0xD800 and <= 0xDBFF && Escaped(text, i + 6) is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 11;
                }
                else
                {
                    if (unit is >= 0xD800 and <= 0xDFFF)
                    {
                        chars ??= text.ToCharArray();
                        "\\ufffd".CopyTo(0, chars, i, EscapeLength);
                        mended.Add(i);
                    }

                    i += 5;
                }
            }
        }

        return chars is null ? text : new string(chars);
    }

    /// <summary>The code unit of a <c>\uXXXX</c> escape starting at <paramref name="at"/>, or null.</summary>
    private static int? Escaped(string text, int at)
    {
        if (at + 5 >= text.Length || text[at] != '\\' || text[at + 1] != 'u')
        {
            return null;
        }

        int unit = 0;
        for (int k = at + 2; k < at + 6; k++)
        {
            int digit = text[k] switch
            {
                >= '0' and <= '9' => text[k] - '0',
                >= 'a' and <= 'f' => text[k] - 'a' + 10,
                >= 'A' and <= 'F' => text[k] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return null;
            }

            unit = (unit * 16) + digit;
        }

        return unit;
    }
}
