using System.Globalization;
using System.Text;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// JSON text of constant strings (property names, enum wire values) as a default <c>Utf8JsonWriter</c> writes them,
/// precomputed so generated serializers copy it instead of escaping at run time.
/// </summary>
internal static class WireText
{
    /// <summary>
    /// The quoted string with the default encoder's escapes: printable ASCII stays except <c>" &amp; ' + &lt; &gt; `</c>;
    /// the backslash and <c>\b \f \n \r \t</c> get their short escapes; every other UTF-16 unit is <c>\uXXXX</c> (upper
    /// case), and a lone surrogate becomes <c>\uFFFD</c> as the writer replaces it.
    /// </summary>
    public static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c >= 0x20 && c < 0x7F && c is not ('"' or '&' or '\'' or '+' or '<' or '>' or '`'))
                    {
                        sb.Append(c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        Escape(sb, c);
                        Escape(sb, value[++i]);
                    }
                    else
                    {
                        Escape(sb, char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    private static void Escape(StringBuilder sb, char c) => sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
