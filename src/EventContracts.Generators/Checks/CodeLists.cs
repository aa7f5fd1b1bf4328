using System;
using System.Collections.Generic;
using System.IO;

namespace EventContracts.Generators.Checks;

/// <summary>
/// Named lists of allowed codes (<c>x-ec-code-list</c>), read once from data files embedded in this
/// assembly (Data/*.txt) rather than typed into code.
/// </summary>
internal static class CodeLists
{
    private static readonly Lazy<HashSet<string>> s_iso4217 = new(() => Load("iso4217.txt"));

    /// <summary>Whether <paramref name="list"/> is a list this toolkit knows.</summary>
    public static bool IsKnown(string? list) => string.Equals(list, "iso4217", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="value"/> is in <paramref name="list"/>; unknown lists accept everything.</summary>
    public static bool Contains(string list, string value) => !IsKnown(list) || s_iso4217.Value.Contains(value);

    private static HashSet<string> Load(string name)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        using var stream = typeof(CodeLists).Assembly.GetManifestResourceStream("EventContracts.Generators.Data." + name);
        if (stream is null)
        {
            return codes;
        }

        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        foreach (string line in System.Text.Encoding.UTF8.GetString(bytes.ToArray()).Split('\n'))
        {
            string code = line.Trim();
            if (code.Length > 0 && code[0] != '#')
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
