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
