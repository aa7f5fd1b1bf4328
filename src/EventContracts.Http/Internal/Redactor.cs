using System;
using System.Collections.Generic;
using System.Text;

namespace EventContracts.Http.Internal;

/// <summary>
/// Replaces every credential (and every header value derived from one) in a text with <c>***</c>. A credential shorter
/// than <see cref="ShortSecret"/> characters is masked only where it stands alone (no letter or digit right before or
/// after it): masked wherever it occurs, a one- or two-character key turned every such letter of an error text into
/// <c>***</c>, and a vendor that echoes a key writes it as a token of its own.
/// </summary>
internal sealed class Redactor
{
    public const string Mask = "***";

    /// <summary>Credentials shorter than this are masked as whole tokens only.</summary>
    public const int ShortSecret = 8;

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
            if (!text.Contains(secret, StringComparison.Ordinal))
            {
                continue;
            }

            text = secret.Length >= ShortSecret ? text.Replace(secret, Mask, StringComparison.Ordinal) : MaskTokens(text, secret);
        }

        return text;
    }

    private static string MaskTokens(string text, string secret)
    {
        var builder = new StringBuilder(text.Length);
        int copied = 0;
        for (int at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
        {
            int end = at + secret.Length;
            bool alone = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (alone && at >= copied)
            {
                builder.Append(text, copied, at - copied).Append(Mask);
                copied = end;
            }
        }

        return copied == 0 ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }
}
