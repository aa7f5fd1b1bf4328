using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using EventContracts.Serialization;

namespace EventContracts.Validation;

/// <summary>A generated schema validator: checks the value at the reader and leaves the reader on its last token.</summary>
/// <param name="reader">A reader positioned on the first token of the value.</param>
/// <param name="context">Where errors and the current path are kept.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void JsonSchemaValidator(ref Utf8JsonReader reader, ref ValidationContext context);

/// <summary>Entry points of generated validators: run a schema validator over UTF-8 JSON or over a typed value.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValidation
{
    /// <summary>The deepest nesting a validated document may have; deeper input is reported, not recursed into.</summary>
    public const int MaxDepth = 256;

    /// <summary>Up to this many name comparisons, <see cref="HasAnyKey"/> compares instead of hashing.</summary>
    private const int SmallKeyComparisons = 32;

    /// <summary>Validates one UTF-8 JSON document. Never throws for bad input: malformed JSON is an error with keyword <c>json</c>.</summary>
    /// <param name="utf8Json">The whole document; a leading UTF-8 byte order mark is skipped (byte positions in messages count from after it, as editors show columns).</param>
    /// <param name="validator">The generated validator of the root schema.</param>
    /// <returns>The errors found; <see cref="ValidationResult.Valid"/> (no allocation) when there are none.</returns>
    public static ValidationResult Validate(ReadOnlySpan<byte> utf8Json, JsonSchemaValidator validator)
    {
        utf8Json = JsonRead.WithoutByteOrderMark(utf8Json);
        var context = new ValidationContext(utf8Json);
        try
        {
            // The reader checks JSON syntax but not the UTF-8 of string contents it skips, and JSON text is UTF-8
            // (RFC 8259 section 8.1): bytes that are not UTF-8 are malformed input wherever they are.
            int invalidUtf8 = IndexOfInvalidUtf8(utf8Json);
            if (invalidUtf8 >= 0)
            {
                context.AddError("json", "malformed JSON: the input is not valid UTF-8 at byte " + (invalidUtf8 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return context.ToResult();
            }

            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            try
            {
                if (!reader.Read())
                {
                    context.AddError("json", "the input is empty; expected a JSON value");
                    return context.ToResult();
                }

                validator(ref reader, ref context);

                // Reading on to the end also reports trailing content after the value.
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                ForgetAllButMalformation(ref context);
                context.ReportInvalidJson(ex);
            }
            catch (InvalidOperationException ex)
            {
                // The reader surfaces invalid UTF-8 and similar malformations this way. ReportInvalidJson also ends any
                // probe in progress, so the error cannot be swallowed as a failed anyOf/oneOf alternative.
                ForgetAllButMalformation(ref context);
                context.ReportInvalidJson(ex);
            }
            catch (ArgumentException ex)
            {
                ForgetAllButMalformation(ref context);
                context.ReportInvalidJson(new InvalidOperationException(ex.Message, ex));
            }

            return context.ToResult();
        }
        finally
        {
            context.Dispose();
        }
    }

    /// <summary>The index of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1.</summary>
    private static int IndexOfInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
#if NET8_0_OR_GREATER
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return -1;
        }
#endif
        int i = 0;
        while (i < utf8.Length)
        {
            byte first = utf8[i];
            if (first < 0x80)
            {
                i++;
                continue;
            }

            int continuation;
            byte low = 0x80, high = 0xBF; // the allowed range of the second byte
            if (first >= 0xC2 && first <= 0xDF)
            {
                continuation = 1;
            }
            else if (first >= 0xE0 && first <= 0xEF)
            {
                continuation = 2;
                if (first == 0xE0)
                {
                    low = 0xA0; // no overlong forms
                }
                else if (first == 0xED)
                {
                    high = 0x9F; // no surrogates
                }
            }
            else if (first >= 0xF0 && first <= 0xF4)
            {
                continuation = 3;
                if (first == 0xF0)
                {
                    low = 0x90;
                }
                else if (first == 0xF4)
                {
                    high = 0x8F; // nothing above U+10FFFF
                }
            }
            else
            {
                return i;
            }

            if (i + continuation >= utf8.Length || utf8[i + 1] < low || utf8[i + 1] > high)
            {
                return i;
            }

            for (int k = 2; k <= continuation; k++)
            {
                if ((utf8[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            i += continuation + 1;
        }

        return -1;
    }

    /// <summary>
    /// Malformed input has no JSON values to point at: its one error belongs to the document (path ""), wherever the
    /// validator happened to be reading (for example inside an anyOf probe) when the reader gave up. What the schema said
    /// of the part read before (a missing required name, since the rest was never read) is no verdict on a document that
    /// is not JSON, so it is dropped, as a JSON parser would refuse the whole input.
    /// </summary>
    private static void ForgetAllButMalformation(ref ValidationContext context)
    {
        PopTo(ref context, 0);
        context.ClearErrors();
    }

    /// <summary>
    /// Checks one value of a typed model with a JSON validator, inside a typed validation run: writes the value as it
    /// would be sent into a reused per-thread buffer and validates those bytes under the context's current path.
    /// Generated typed validators use it for the schemas they do not check on CLR values (combinators,
    /// <c>x-ec-max-bytes</c>, open JSON values with keywords), so both entry points keep one set of rules.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="context">The typed run; its path is the value's.</param>
    /// <param name="value">The value to check.</param>
    /// <param name="write">Writes the value as JSON, as the generated serializer does.</param>
    /// <param name="validator">The generated validator of the value's schema.</param>
    /// <remarks>No allocation after warm-up for valid values. A C# enum value outside its declared members (which has
    /// no wire value) is reported with keyword <c>enum</c>, a <see langword="default"/> <see cref="JsonElement"/> with
    /// keyword <c>type</c>; other exceptions of <paramref name="write"/> propagate, as they would when the value is
    /// serialized.</remarks>
    public static void ValidateWritten<T>(ref ValidationContext context, T value, Action<EventJsonWriter, T> write, JsonSchemaValidator validator)
    {
        EventJsonWriter output = EventJsonWriter.Rent();
        try
        {
            try
            {
                write(output, value);
            }
            catch (ArgumentOutOfRangeException ex) when (ex.ActualValue is Enum undeclared)
            {
                // Only the generated enum mappings throw it: a value outside its enum's members has nothing to write.
                context.ReportUndeclared(undeclared.GetType().Name, Convert.ToInt64(undeclared, System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            catch (UndefinedJsonValueException)
            {
                context.ReportUndefinedValue();
                return;
            }

            ValidateValueText(ref context, output.WrittenSpan, validator);
        }
        finally
        {
            EventJsonWriter.Return(output);
        }
    }

    /// <summary>
    /// Checks an open JSON value of a typed model with its schema's JSON validator, inside a typed validation run. From
    /// .NET 9 the validator reads the element's own text (the same answer as its written form: escapes, whitespace and
    /// sizes are judged as the serializer would write them); before, the element is written first
    /// (<see cref="ValidateWritten"/>).
    /// </summary>
    /// <param name="context">The typed run; its path is the value's.</param>
    /// <param name="value">The element.</param>
    /// <param name="validator">The generated validator of the value's schema.</param>
    public static void ValidateElement(ref ValidationContext context, JsonElement value, JsonSchemaValidator validator)
    {
#if NET9_0_OR_GREATER
        if (!JsonElementText.TryGet(value, out ReadOnlySpan<byte> text))
        {
            context.ReportUndefinedValue();
            return;
        }

        ValidateValueText(ref context, text, validator);
#else
        ValidateWritten(ref context, value, static (writer, element) => writer.WriteJsonValue(element), validator);
#endif
    }

    /// <summary>
    /// Whether an open JSON value certainly passes a schema that only has <c>type</c> and string or number keywords,
    /// decided from its kind and text without a reader. <see langword="false"/> means "not known": the caller then runs
    /// the schema's validator (<see cref="ValidateElement"/>), which reports any error in the usual words.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <param name="types">The allowed types; <see cref="JsonTypes.None"/> allows every type.</param>
    /// <param name="stringRule">The string keywords, or <see langword="null"/>.</param>
    /// <param name="numberRule">The number keywords, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the value passes every one of those keywords.</returns>
    public static bool ElementPasses(JsonElement value, JsonTypes types, StringRule? stringRule, NumberRule? numberRule)
    {
#if NET9_0_OR_GREATER
        JsonTypes actual = value.ValueKind switch
        {
            JsonValueKind.String => JsonTypes.String,
            JsonValueKind.Number => JsonTypes.Number,
            JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
            JsonValueKind.Null => JsonTypes.Null,
            JsonValueKind.Object => JsonTypes.Object,
            JsonValueKind.Array => JsonTypes.Array,
            _ => JsonTypes.None,
        };

        // A number under "integer" alone needs its text parsed: left to the validator.
        if (actual == JsonTypes.None || (types != JsonTypes.None && (types & actual) == 0))
        {
            return false;
        }

        if (actual == JsonTypes.String && stringRule is not null)
        {
            ReadOnlySpan<byte> text = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
            ReadOnlySpan<byte> inner = text.Slice(1, text.Length - 2);

            // Unescaped ASCII is one code point per byte; anything else, a format or a full regex goes to the validator.
            if (!stringRule.ChecksAsciiBytes || inner.IndexOf((byte)'\\') >= 0 || !ValidationContext.IsAscii(inner))
            {
                return false;
            }

            return stringRule.LengthPasses(inner.Length) && (stringRule.Simple is null || stringRule.Simple.IsMatch(inner));
        }

        if (actual == JsonTypes.Number && numberRule is not null)
        {
            ReadOnlySpan<byte> text = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
            return numberRule.Evaluate(JsonNumber.Parse(text), text) == NumberFailures.None;
        }

        return true;
#else
        return false;
#endif
    }

    /// <summary>Runs a validator over one value's well-formed JSON text, under the context's current path.</summary>
    private static void ValidateValueText(ref ValidationContext context, ReadOnlySpan<byte> json, JsonSchemaValidator validator)
    {
        int depth = context.Depth;
        ReadOnlySpan<byte> outer = context.SwapDocument(json);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            reader.Read();
            validator(ref reader, ref context);
        }
        catch (JsonException ex)
        {
            // Only nesting beyond MaxDepth gets here: written output and an element's text are well-formed.
            PopTo(ref context, depth);
            context.ReportInvalidJson(ex);
        }
        finally
        {
            context.SwapDocument(outer);
        }
    }

    /// <summary>
    /// Checks <c>x-ec-max-bytes</c> of a typed value: within the limit by the quick size bound, or by the scanning one,
    /// it passes without writing anything; otherwise the value is written to measure it, exactly as
    /// <see cref="ValidationContext.CheckMaxBytes(long, int)"/> needs.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="context">The typed run; its path is the value's.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value as JSON, as the generated serializer does.</param>
    /// <param name="bound">An upper bound of the written size; its flag asks for the scanning bound (<see cref="SizeBound"/>).</param>
    /// <param name="max">The largest size allowed, in bytes.</param>
    /// <returns><see langword="true"/> when the size is within the limit.</returns>
    public static bool CheckMaxBytes<T>(ref ValidationContext context, T value, Action<EventJsonWriter, T> write, Func<T, bool, long> bound, int max)
    {
        if (bound(value, false) <= max || bound(value, true) <= max)
        {
            return true;
        }

        long size;
        try
        {
            size = EventJsonWriter.Measure(value, write);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ActualValue is Enum)
        {
            // A value outside its enum's members cannot be written, so it has no size; its own check reported it.
            return true;
        }

        return context.CheckMaxBytes(size, max);
    }

    /// <summary>Whether a map has one of the keys (typed validation asks it of a record's additional properties).</summary>
    /// <typeparam name="TValue">The map's value type.</typeparam>
    /// <param name="map">The map, or <see langword="null"/>.</param>
    /// <param name="keys">The keys to look for.</param>
    /// <returns><see langword="true"/> when the map holds one of <paramref name="keys"/>.</returns>
    public static bool HasAnyKey<TValue>(IReadOnlyDictionary<string, TValue>? map, string[] keys)
    {
        if (map is null || map.Count == 0)
        {
            return false;
        }

        // A few entries against a few names (the usual case): comparing them, lengths first, is cheaper than hashing
        // every name. The comparison is ordinal, as JSON names compare; a map's own comparer does not matter here.
        if (map.Count * keys.Length <= SmallKeyComparisons && map is Dictionary<string, TValue> dictionary)
        {
            foreach (KeyValuePair<string, TValue> pair in dictionary)
            {
                foreach (string key in keys)
                {
                    if (string.Equals(pair.Key, key, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        foreach (string key in keys)
        {
            if (map.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    private static void PopTo(ref ValidationContext context, int depth)
    {
        while (context.Depth > depth)
        {
            context.Pop();
        }
    }
}
