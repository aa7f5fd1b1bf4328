using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>
/// The allowed values of an <c>enum</c> or <c>const</c> keyword, compared with JSON equality: <c>1</c> equals
/// <c>1.0</c>, object key order does not matter, strings are compared after unescaping.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumRule
{
    private readonly Entry[] _entries;
    private string? _allowedText;

    /// <summary>Creates a rule.</summary>
    /// <param name="keyword"><c>enum</c> or <c>const</c> (the keyword errors report).</param>
    /// <param name="valuesAsJson">Each allowed value as JSON text, for example <c>"\"track\""</c>, <c>"1"</c>, <c>"null"</c>, <c>"{\"a\":1}"</c>; <c>const</c> takes exactly one.</param>
    /// <exception cref="ArgumentException">The keyword is not <c>enum</c> or <c>const</c>, a value is not valid JSON, or <c>const</c> does not have exactly one value.</exception>
    public EnumRule(string keyword, params string[] valuesAsJson)
    {
        if (keyword != "enum" && keyword != "const")
        {
            throw new ArgumentException("The keyword must be \"enum\" or \"const\".", nameof(keyword));
        }

        if (valuesAsJson is null)
        {
            throw new ArgumentNullException(nameof(valuesAsJson));
        }

        if (keyword == "const" && valuesAsJson.Length != 1)
        {
            throw new ArgumentException("const takes exactly one value.", nameof(valuesAsJson));
        }

        Keyword = keyword;
        _entries = new Entry[valuesAsJson.Length];
        var values = new string[valuesAsJson.Length];
        for (int i = 0; i < valuesAsJson.Length; i++)
        {
            string json = valuesAsJson[i] ?? throw new ArgumentException("A value is null.", nameof(valuesAsJson));
            JsonElement element;
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("Value " + i.ToString(CultureInfo.InvariantCulture) + " is not valid JSON: " + ex.Message, nameof(valuesAsJson), ex);
            }

            values[i] = element.GetRawText();
            _entries[i] = new Entry(element);
        }

        Values = values;
    }

    /// <summary><c>enum</c> or <c>const</c>.</summary>
    public string Keyword { get; }

    /// <summary>The allowed values as JSON text.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Tells whether the value at a reader's current token is allowed (the reader is not advanced).</summary>
    internal bool Matches(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.PropertyName:
                return Has(JsonValueKind.String) && MatchesString(Text.ValueBytes(ref reader), reader.ValueIsEscaped);
            case JsonTokenType.Number:
                return MatchesNumber(Text.ValueBytes(ref reader));
            case JsonTokenType.True:
                return Has(JsonValueKind.True);
            case JsonTokenType.False:
                return Has(JsonValueKind.False);
            case JsonTokenType.Null:
                return Has(JsonValueKind.Null);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                JsonValueKind kind = reader.TokenType == JsonTokenType.StartObject ? JsonValueKind.Object : JsonValueKind.Array;
                if (!Has(kind))
                {
                    return false;
                }

                Utf8JsonReader copy = reader;
                using (JsonDocument document = JsonDocument.ParseValue(ref copy))
                {
                    return Matches(document.RootElement);
                }

            default:
                return false;
        }
    }

    internal bool Matches(string? value)
    {
        if (value is null)
        {
            return Has(JsonValueKind.Null);
        }

        foreach (Entry entry in _entries)
        {
            if (entry.Kind == JsonValueKind.String && string.Equals(entry.String, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal bool Matches(bool value) => Has(value ? JsonValueKind.True : JsonValueKind.False);

    internal bool Matches(in JsonNumber value)
    {
        foreach (Entry entry in _entries)
        {
            if (entry.Kind != JsonValueKind.Number)
            {
                continue;
            }

            if (value.IsDecimal && entry.Number.IsDecimal)
            {
                if (value.Decimal == entry.Number.Decimal)
                {
                    return true;
                }
            }
            else if (value.Double == entry.Number.Double)
            {
                return true;
            }
        }

        return false;
    }

    internal bool Matches(JsonElement value)
    {
        foreach (Entry entry in _entries)
        {
            if (ContractEquality.JsonEquals(entry.Element, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The message for a value that is not allowed.</summary>
    internal string Describe(string shownValue)
    {
        if (_allowedText is null)
        {
            var builder = new StringBuilder();
            int shown = 0;
            foreach (string value in Values)
            {
                if (shown == 10)
                {
                    builder.Append(", \u2026 (").Append((Values.Count - shown).ToString(CultureInfo.InvariantCulture)).Append(" more)");
                    break;
                }

                if (shown > 0)
                {
                    builder.Append(", ");
                }

                builder.Append(Text.Truncate(value));
                shown++;
            }

            _allowedText = builder.ToString();
        }

        return Keyword == "const"
            ? shownValue + " does not equal the const value " + _allowedText
            : shownValue + " is not one of " + _allowedText;
    }

    private bool MatchesString(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            foreach (Entry entry in _entries)
            {
                if (entry.Kind == JsonValueKind.String && entry.Utf8 is { } utf8 && raw.SequenceEqual(utf8))
                {
                    return true;
                }
            }

            return false;
        }

        // Decode the escapes ourselves: lone surrogates (\ud800) are valid JSON but rejected by the reader's comparison.
        char[]? rented = null;
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            if (!JsonStringDecoder.TryDecode(raw, buffer, out int written))
            {
                return false;
            }

            ReadOnlySpan<char> value = buffer.Slice(0, written);
            foreach (Entry entry in _entries)
            {
                if (entry.Kind == JsonValueKind.String && value.SequenceEqual(entry.String.AsSpan()))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool MatchesNumber(ReadOnlySpan<byte> text)
    {
        foreach (Entry entry in _entries)
        {
            if (entry.Kind == JsonValueKind.Number && JsonNumber.TextEquals(text, entry.Utf8))
            {
                return true;
            }
        }

        return false;
    }

    private bool Has(JsonValueKind kind)
    {
        foreach (Entry entry in _entries)
        {
            if (entry.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct Entry
    {
        public Entry(JsonElement element)
        {
            Element = element;
            Kind = element.ValueKind;
            String = null;
            Utf8 = null;
            Number = default;
            if (Kind == JsonValueKind.String)
            {
                String = ContractEquality.StringOf(element);

                // A string with a lone surrogate ("\ud800") has no UTF-8 form: encoded, it becomes U+FFFD and would equal
                // a raw U+FFFD. Unescaped input is valid UTF-8 and never holds one, so such a value matches escaped input only.
                byte[] utf8 = Encoding.UTF8.GetBytes(String!);
                Utf8 = Encoding.UTF8.GetString(utf8) == String ? utf8 : null;
            }
            else if (Kind == JsonValueKind.Number)
            {
                Utf8 = Encoding.UTF8.GetBytes(element.GetRawText());
                Number = JsonNumber.Parse(Utf8);
            }
        }

        public JsonElement Element { get; }

        public JsonValueKind Kind { get; }

        public string? String { get; }

        public byte[]? Utf8 { get; }

        public JsonNumber Number { get; }
    }
}
