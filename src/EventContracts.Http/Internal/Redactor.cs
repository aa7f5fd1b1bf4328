using System;
using System.Collections.Generic;

namespace EventContracts.Http.Internal;

/// <summary>Replaces every credential (and every header value derived from one) in a text with <c>***</c>.</summary>
internal sealed class Redactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public Redactor(IEnumerable<string> secrets)
    {
        var list = new List<string>();
        foreach (string secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && !list.Contains(secret))
            {
                list.Add(secret);
            }
        }

        // Longest first, so a secret that contains another is masked whole.
        list.Sort((a, b) => b.Length.CompareTo(a.Length));
        _secrets = list.ToArray();
    }

    public static Redactor None { get; } = new Redactor(Array.Empty<string>());

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
