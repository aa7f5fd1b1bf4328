using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using EventContracts.Serialization;

namespace EventContracts.Validation;

/// <summary>
/// Upper bounds of the size of values as the generated serializers write them (compact UTF-8 JSON, default encoder).
/// Typed validation checks <c>x-ec-max-bytes</c> against a quick bound from lengths alone, then against an exact-ish
/// one that scans the text, and writes the value to measure it only when both are over the limit: a typical payload
/// far below its limit is never written, and one near its limit is rarely.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SizeBound
{
    /// <summary><c>null</c>.</summary>
    public const long Null = 4;

    /// <summary>The longest <see cref="long"/>: <c>-9223372036854775808</c>.</summary>
    public const long Int64 = 20;

    /// <summary>The longest <see cref="decimal"/> the writer produces (29 digits, sign and point).</summary>
    public const long Decimal = 32;

    /// <summary><c>false</c>.</summary>
    public const long Boolean = 5;

    /// <summary>
    /// A string value with its quotes. Every UTF-16 unit counts as a six-byte <c>\uXXXX</c> escape, the longest it can
    /// become; <paramref name="exact"/> scans the text and is exact for printable ASCII the encoder leaves alone.
    /// </summary>
    /// <param name="value">The string, or <see langword="null"/>.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long String(string? value, bool exact) => value is null ? Null : Chars(value, exact) + 2;

    /// <summary>A property name with its quotes and colon (see <see cref="String"/>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long Name(string name, bool exact) => Chars(name, exact) + 3;

    /// <summary>
    /// An open JSON value. Written again, each byte of its text becomes at most a six-byte escape;
    /// <paramref name="exact"/> scans the text and is exact when it is plain (<see cref="PayloadSize.TryMeasurePlain"/>).
    /// Before .NET 9 the text is not reachable without a copy, and the value is measured by writing it.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long Element(JsonElement value, bool exact)
    {
        // A default element has no text: it adds nothing, and the value's own check reports it.
#if NET9_0_OR_GREATER
        if (!JsonElementText.TryGet(value, out ReadOnlySpan<byte> text))
        {
            return 0;
        }

        return exact && PayloadSize.TryMeasurePlain(text, out long size) ? size : 6L * text.Length;
#else
        return value.ValueKind == JsonValueKind.Undefined ? 0 : EventJsonWriter.Measure(value, static (writer, element) => writer.WriteJsonValue(element));
#endif
    }

    private static long Chars(string value, bool exact)
    {
        if (!exact)
        {
            return 6L * value.Length;
        }

#if NET8_0_OR_GREATER
        bool plain = value.AsSpan().IndexOfAnyExcept(EventJsonWriter.PlainChars) < 0;
#else
        bool plain = true;
        for (int i = 0; i < value.Length && plain; i++)
        {
            plain = EventJsonWriter.IsPlain(value[i]);
        }
#endif
        return plain ? value.Length : 6L * value.Length;
    }

    /// <summary>A list: brackets, separators and each item's bound.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="list">The list, or <see langword="null"/>.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <param name="item">An item's bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long List<T>(IReadOnlyList<T>? list, bool exact, Func<T, bool, long> item)
    {
        if (list is null)
        {
            return Null;
        }

        // Brackets, and a comma between items.
        long size = list.Count > 0 ? 1 : 2;
        for (int i = 0; i < list.Count; i++)
        {
            size += item(list[i], exact) + 1;
        }

        return size;
    }

    /// <summary>A map: braces, separators, each key's and each value's bound.</summary>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map, or <see langword="null"/>.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <param name="value">A value's bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long Map<TValue>(IReadOnlyDictionary<string, TValue>? map, bool exact, Func<TValue, bool, long> value)
    {
        if (map is null)
        {
            return Null;
        }

        // Braces; the entries' separators count one comma too many when there are entries.
        return (map.Count > 0 ? 1 : 2) + Entries(map, exact, value);
    }

    /// <summary>
    /// Entries written into an enclosing object (a record's additional properties): each key's and each value's bound and
    /// a separator; nothing for <see langword="null"/>.
    /// </summary>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The entries, or <see langword="null"/>.</param>
    /// <param name="exact">Whether to scan for the tighter bound.</param>
    /// <param name="value">A value's bound.</param>
    /// <returns>The bound in bytes.</returns>
    public static long Entries<TValue>(IReadOnlyDictionary<string, TValue>? map, bool exact, Func<TValue, bool, long> value)
    {
        if (map is null)
        {
            return 0;
        }

        long size = 0;

        // A Dictionary's struct enumerator does not allocate; the interface's would.
        if (map is Dictionary<string, TValue> dictionary)
        {
            foreach (var pair in dictionary)
            {
                size += Name(pair.Key, exact) + value(pair.Value, exact) + 1;
            }
        }
        else
        {
            foreach (var pair in map)
            {
                size += Name(pair.Key, exact) + value(pair.Value, exact) + 1;
            }
        }

        return size;
    }
}
