using System;

namespace EventContracts.Generators.Reading;

/// <summary>
/// JSON with comments (JSONC, as editors and tsconfig-style files write it): <c>//</c> and <c>/* */</c> outside strings.
/// YAML, which reads every contract and plan, has no such comments, so a <c>.json</c> file's comments are blanked first.
/// </summary>
internal static class JsonComments
{
    /// <summary>
    /// The text of a <c>.json</c> file whose content starts with <c>{</c> or <c>[</c>, with each comment replaced by
    /// spaces (line breaks kept), so every line and column stays where the file has it; any other text as given.
    /// </summary>
    public static string Blank(string path, string text)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.IndexOf('/') < 0 || !StartsAsJson(text))
        {
            return text;
        }

        char[]? blanked = null;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            if (c != '/' || i + 1 >= text.Length || (text[i + 1] != '/' && text[i + 1] != '*'))
            {
                continue;
            }

            blanked ??= text.ToCharArray();
            bool line = text[i + 1] == '/';
            int end = line ? text.IndexOfAny(new[] { '\r', '\n' }, i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            end = end < 0 ? text.Length : (line ? end : end + 2);
            for (int j = i; j < end; j++)
            {
                if (blanked[j] is not ('\r' or '\n'))
                {
                    blanked[j] = ' ';
                }
            }

            i = end - 1;
        }

        return blanked is null ? text : new string(blanked);
    }

    /// <summary>Whether the first character that is not white space (or a byte order mark) opens a JSON object or array.</summary>
    internal static bool StartsAsJson(string text)
    {
        foreach (char c in text)
        {
            if (c is '{' or '[')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return false;
            }
        }

        return false;
    }
}
