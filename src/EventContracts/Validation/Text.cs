using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>Formats values for validation messages (invariant culture, truncated).</summary>
internal static class Text
{
    /// <summary>How many characters of a value a message shows.</summary>
    public const int MaxShown = 64;

    public static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false, false);

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        return Quote(value.AsSpan());
    }

    public static string Quote(ReadOnlySpan<char> value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxShown) + 8);
        builder.Append('"');
        int shown = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (shown >= MaxShown)
            {
                builder.Append('\u2026');
                break;
            }

            char c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        builder.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }

            shown++;
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Shortens raw JSON text (a number or a container) for a message.</summary>
    public static string Truncate(string value)
    {
        if (value.Length <= MaxShown)
        {
            return value;
        }

        int cut = MaxShown;
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return value.Substring(0, cut) + "\u2026";
    }

    public static string Utf8(ReadOnlySpan<byte> utf8)
    {
#if NETSTANDARD2_0
        return Utf8NoBom.GetString(utf8.ToArray());
#else
        return Utf8NoBom.GetString(utf8);
#endif
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Describes the current token of a reader for a message: <c>number 12</c>, <c>string "x"</c>, <c>object</c>.</summary>
    public static string DescribeToken(ref Utf8JsonReader reader, bool withKind)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.PropertyName:
                return (withKind ? "string " : string.Empty) + Quote(StringValue(ref reader));
            case JsonTokenType.Number:
                return (withKind ? "number " : string.Empty) + Truncate(Utf8(ValueBytes(ref reader)));
            case JsonTokenType.True:
                return withKind ? "boolean true" : "true";
            case JsonTokenType.False:
                return withKind ? "boolean false" : "false";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.StartObject:
                return withKind ? "object" : RawContainer(ref reader);
            case JsonTokenType.StartArray:
                return withKind ? "array" : RawContainer(ref reader);
            default:
                return reader.TokenType.ToString();
        }
    }

    /// <summary>The decoded value of a string or property-name token (lone surrogates kept; invalid UTF-8 replaced).</summary>
    public static string StringValue(ref Utf8JsonReader reader) => JsonStringDecoder.ToString(ValueBytes(ref reader));

    public static ReadOnlySpan<byte> ValueBytes(ref Utf8JsonReader reader)
        => reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;

    private static string RawContainer(ref Utf8JsonReader reader)
    {
        Utf8JsonReader copy = reader;
        using JsonDocument document = JsonDocument.ParseValue(ref copy);
        return Truncate(document.RootElement.GetRawText());
    }
}
