using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace EventContracts.Serialization;

/// <summary>
/// Reading steps shared by generated readers, so the generated code stays short and every shape
/// error is a <see cref="JsonException"/> that names the type and the property.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonRead
{
    /// <summary>
    /// The reader options of generated <c>FromUtf8Json</c>: nesting as deep as the validators accept
    /// (<see cref="Validation.JsonValidation.MaxDepth"/>), so what validates can be read (the reader's default is 64).
    /// </summary>
    public static JsonReaderOptions Options { get; } = new JsonReaderOptions { MaxDepth = Validation.JsonValidation.MaxDepth };

    /// <summary>
    /// A reader over a whole document for generated <c>FromUtf8Json</c>, with <see cref="Options"/>, after any UTF-8 byte
    /// order mark: RFC 8259 section 8.1 lets a parser ignore one, as <c>JsonSerializer</c> does for streams and files
    /// saved by some editors start with one, while <see cref="Utf8JsonReader"/> rejects it.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>A reader before the document's first token.</returns>
    public static Utf8JsonReader CreateReader(ReadOnlySpan<byte> utf8Json) => new Utf8JsonReader(WithoutByteOrderMark(utf8Json), Options);

    /// <summary>The document without a leading UTF-8 byte order mark (EF BB BF), if it has one.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The bytes after the mark, or <paramref name="utf8Json"/>.</returns>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8Json)
        => utf8Json.Length >= 3 && utf8Json[0] == 0xEF && utf8Json[1] == 0xBB && utf8Json[2] == 0xBF ? utf8Json.Slice(3) : utf8Json;

    /// <summary>Moves to the first token of a document.</summary>
    /// <param name="reader">The reader.</param>
    public static void Start(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input is empty; expected a JSON object.");
        }
    }

    /// <summary>Checks that nothing but whitespace follows the value just read.</summary>
    /// <param name="reader">The reader, on the value's last token.</param>
    public static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("Unexpected content after the JSON value at byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>Throws unless the current token is <paramref name="expected"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="expected">The token the contract requires here.</param>
    /// <param name="where">The type or property being read, for the message.</param>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string where)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException("Expected " + Describe(expected) + " for " + where + " but found " + Describe(reader.TokenType) + ".");
        }
    }

    /// <summary>Advances inside an object: true on a property name, false on the closing brace.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>Whether a property follows.</returns>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException("Expected a property name but found " + Describe(reader.TokenType) + "."),
        };
    }

    /// <summary>Advances inside an array: true on an item, false on the closing bracket.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>Whether an item follows.</returns>
    public static bool NextItem(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Advances to the next token; the input ending here is an error.</summary>
    /// <param name="reader">The reader.</param>
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends in the middle of a value.");
        }
    }

    /// <summary>
    /// Marks a declared property as read, throwing when it was already (a name twice in one object:
    /// <see cref="Validation.JsonReadErrors.DuplicateProperty"/>).
    /// </summary>
    /// <param name="read">The property's flag.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property's JSON name.</param>
    public static void Once(ref bool read, string typeName, string jsonName)
    {
        if (read)
        {
            throw Validation.JsonReadErrors.DuplicateProperty(typeName, jsonName);
        }

        read = true;
    }

    /// <summary>Adds an undeclared property, throwing when its name is there already.</summary>
    /// <typeparam name="T">The entries' type.</typeparam>
    /// <param name="map">The undeclared properties, created on the first one.</param>
    /// <param name="name">The property's name.</param>
    /// <param name="value">The property's value.</param>
    /// <param name="typeName">The record being read.</param>
    public static void Add<T>(ref Dictionary<string, T>? map, string name, T value, string typeName)
        => Add(map ??= new Dictionary<string, T>(), name, value, typeName);

    /// <summary>Adds an entry of a map, throwing when its name is there already.</summary>
    /// <typeparam name="T">The entries' type.</typeparam>
    /// <param name="map">The map.</param>
    /// <param name="name">The entry's name.</param>
    /// <param name="value">The entry's value.</param>
    /// <param name="typeName">The record being read.</param>
    public static void Add<T>(Dictionary<string, T> map, string name, T value, string typeName)
    {
        if (map is null)
        {
            throw new ArgumentNullException(nameof(map));
        }

        if (map.ContainsKey(name))
        {
            throw Validation.JsonReadErrors.DuplicateProperty(typeName, name);
        }

        map.Add(name, value);
    }

    /// <summary>Reads a string value.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property being read.</param>
    /// <returns>The string.</returns>
    public static string ReadString(ref Utf8JsonReader reader, string typeName, string jsonName)
    {
        Expect(ref reader, JsonTokenType.String, typeName + "." + jsonName);
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // Ill-formed UTF-8 or a lone surrogate escape: malformed input, reported like every other shape error.
            throw new JsonException("The value of " + typeName + "." + jsonName + " is not valid UTF-8 text: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Reads a property name (an undeclared property's, a map's key) at the reader, as <see cref="ReadString"/> reads a
    /// value: ill-formed UTF-8 is a <see cref="JsonException"/>, as for any other malformed input.
    /// </summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="typeName">The record being read.</param>
    /// <returns>The name.</returns>
    public static string ReadName(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("A property name in " + typeName + " is not valid UTF-8 text: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Reads an open JSON value. <see cref="JsonElement.ParseValue"/> keeps a string's bytes as they are; ill-formed UTF-8
    /// in them (which validation refuses) and an escaped unpaired surrogate (<c>"\ud800"</c>, which validation allows as
    /// JSON Schema does) are a <see cref="JsonException"/> here, as in a <see cref="ReadString"/> member: the element could
    /// neither compare nor be written (System.Text.Json writes no text that is not Unicode).
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property being read.</param>
    /// <returns>The value.</returns>
    public static JsonElement ReadElement(ref Utf8JsonReader reader, string typeName, string jsonName)
    {
        var element = JsonElement.ParseValue(ref reader);
#if NET9_0_OR_GREATER
        JsonElementText.TryGet(element, out ReadOnlySpan<byte> text);
        bool wellFormed = System.Text.Unicode.Utf8.IsValid(text);
#else
        string? raw;
        try
        {
            // Transcoding the raw text is what fails on ill-formed UTF-8 where the raw bytes cannot be reached.
            raw = element.GetRawText();
        }
        catch (InvalidOperationException)
        {
            raw = null;
        }

        bool wellFormed = raw is not null;
        ReadOnlySpan<byte> text = wellFormed ? System.Text.Encoding.UTF8.GetBytes(raw!) : default;
#endif
        if (!wellFormed)
        {
            throw new JsonException("The value of " + typeName + "." + jsonName + " holds text that is not valid UTF-8.");
        }

        if (HasUnpairedSurrogateEscape(text))
        {
            throw new JsonException("The value of " + typeName + "." + jsonName + " holds an escaped unpaired surrogate (such as \\ud800), which is not Unicode text: System.Text.Json can neither read it as a string nor write it.");
        }

        return element;
    }

    /// <summary>
    /// Whether well-formed JSON text has a <c>\u</c> escape of a surrogate that is not the first half of a pair followed
    /// at once by the second. Only text after a backslash is looked at, so text without escapes costs one search.
    /// </summary>
    /// <param name="json">Well-formed JSON text (every escape complete).</param>
    internal static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        int at = json.IndexOf((byte)'\\');
        while (at >= 0)
        {
            int next = at + 2;
            if (json[at + 1] == (byte)'u')
            {
                int unit = Validation.JsonStringDecoder.Hex4(json.Slice(at + 2, 4));
                next = at + 6;
                if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return true;
                }

                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    bool paired = json.Length >= at + 12 && json[at + 6] == (byte)'\\' && json[at + 7] == (byte)'u'
                        && Validation.JsonStringDecoder.Hex4(json.Slice(at + 8, 4)) is >= 0xDC00 and <= 0xDFFF;
                    if (!paired)
                    {
                        return true;
                    }

                    next = at + 12;
                }
            }

            int found = json.Slice(next).IndexOf((byte)'\\');
            at = found < 0 ? -1 : next + found;
        }

        return false;
    }

    /// <summary>Reads an integer; <c>1.0</c> and <c>1e2</c> are integers, as in JSON Schema.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property being read.</param>
    /// <returns>The integer.</returns>
    public static long ReadInt64(ref Utf8JsonReader reader, string typeName, string jsonName)
    {
        Expect(ref reader, JsonTokenType.Number, typeName + "." + jsonName);
        if (reader.TryGetInt64(out long value))
        {
            return value;
        }

        // Asked of the text: a decimal rounds 1e-29 to 0, which is no integer in the JSON.
        if (Validation.JsonNumber.IsIntegerToken(ref reader) && reader.TryGetDecimal(out decimal d) && d >= long.MinValue && d <= long.MaxValue)
        {
            return (long)d;
        }

        throw new JsonException("The value of " + typeName + "." + jsonName + " is not an integer in the range of a 64-bit integer.");
    }

    /// <summary>Reads a number as <see cref="decimal"/> (exact for the decimal literals JSON payloads carry).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property being read.</param>
    /// <returns>The number.</returns>
    public static decimal ReadDecimal(ref Utf8JsonReader reader, string typeName, string jsonName)
    {
        Expect(ref reader, JsonTokenType.Number, typeName + "." + jsonName);
        if (reader.TryGetDecimal(out decimal value))
        {
            return value;
        }

        throw new JsonException("The value of " + typeName + "." + jsonName + " is outside the range of decimal (±7.9e28).");
    }

    /// <summary>Reads a boolean.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The record being read.</param>
    /// <param name="jsonName">The property being read.</param>
    /// <returns>The boolean.</returns>
    public static bool ReadBoolean(ref Utf8JsonReader reader, string typeName, string jsonName)
    {
        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            throw new JsonException("Expected true or false for " + typeName + "." + jsonName + " but found " + Describe(reader.TokenType) + ".");
        }

        return reader.GetBoolean();
    }

    /// <summary>
    /// The value of a top-level string property of a JSON object, read without building a DOM; null when the
    /// document is not an object, its first property of that name is not a string, or it is malformed. An escaped
    /// unpaired surrogate is kept as that UTF-16 unit (System.Text.Json writes it as U+FFFD). Never throws for bad input.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="propertyName">The property's name, UTF-8.</param>
    /// <returns>The string value, or null.</returns>
    public static string? TopLevelString(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> propertyName)
    {
        if (!TryGetTopLevelValue(utf8Json, propertyName, out ReadOnlySpan<byte> value))
        {
            return null;
        }

        var reader = new Utf8JsonReader(value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800", valid JSON) is kept as the UTF-16 unit it names, so two such ids
            // stay apart; ill-formed UTF-8 is null.
            ReadOnlySpan<byte> raw = value.Slice(1, value.Length - 2);
            char[] decoded = new char[raw.Length];
            return Validation.JsonStringDecoder.TryDecode(raw, decoded, out int written) ? new string(decoded, 0, written) : null;
        }
    }

    /// <summary>
    /// Finds the bytes of a top-level property's value in a JSON object without building a DOM (the first property
    /// of that name). Never throws for bad input.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="propertyName">The property's name, UTF-8.</param>
    /// <param name="value">The value's bytes, from its first to its last token.</param>
    /// <returns><see langword="false"/> when the document is not an object, has no such property, or is malformed.</returns>
    public static bool TryGetTopLevelValue(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> propertyName, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (propertyName.IsEmpty || utf8Json.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(propertyName);
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (match)
                {
                    value = utf8Json.Slice(start, (int)reader.BytesConsumed - start);
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.PropertyName => "a property name",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "no value",
    };
}
