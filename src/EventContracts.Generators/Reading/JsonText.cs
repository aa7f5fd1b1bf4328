using System.Collections.Generic;
using System.Text;

namespace EventContracts.Generators.Reading;

/// <summary>Writes source nodes as compact JSON text (for enum/const values and examples).</summary>
internal static class JsonText
{
    public static string Write(SourceNode node)
    {
        var sb = new StringBuilder();
        Write(node, sb, 0);
        return sb.ToString();
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        AppendString(value, sb);
        return sb.ToString();
    }

    /// <summary>The strings among JSON values written by <see cref="Write(SourceNode)"/> (an <c>enum</c>'s members), unquoted; other values are left out.</summary>
    public static IEnumerable<string> Strings(IEnumerable<string> values)
    {
        foreach (string json in values)
        {
            if (json.StartsWith("\"", System.StringComparison.Ordinal))
            {
                yield return Unquote(json);
            }
        }
    }

    /// <summary>The string a JSON string literal that <see cref="Quote"/> wrote stands for (its quotes and escapes removed).</summary>
    public static string Unquote(string json)
    {
        var sb = new StringBuilder(json.Length);
        for (int i = 1; i < json.Length - 1; i++)
        {
            char c = json[i];
            if (c != '\\' || i + 1 >= json.Length - 1)
            {
                sb.Append(c);
                continue;
            }

            char escaped = json[++i];
            switch (escaped)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < json.Length - 1
                    && int.TryParse(json.Substring(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out int code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(escaped); break;
            }
        }

        return sb.ToString();
    }

    private static void Write(SourceNode node, StringBuilder sb, int depth)
    {
        // YAML aliases can make a small file describe an enormous tree; cap what we expand.
        if (depth > 64 || sb.Length > 1_000_000)
        {
            sb.Append("null");
            return;
        }

        switch (node)
        {
            case ScalarNode scalar:
                if (scalar.Kind == ScalarKind.String)
                {
                    AppendString(scalar.Value, sb);
                }
                else
                {
                    sb.Append(scalar.Value);
                }

                break;
            case SequenceNode sequence:
                sb.Append('[');
                for (int i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sequence.Items[i], sb, depth + 1);
                }

                sb.Append(']');
                break;
            case MappingNode mapping:
                sb.Append('{');
                for (int i = 0; i < mapping.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendString(mapping.Entries[i].Key.Value, sb);
                    sb.Append(':');
                    Write(mapping.Entries[i].Value, sb, depth + 1);
                }

                sb.Append('}');
                break;
        }
    }

    private static void AppendString(string value, StringBuilder sb)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
