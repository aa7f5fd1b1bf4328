using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>
/// Value equality for the members of generated records: lists compare element by element, maps by key regardless of
/// order, and <see cref="JsonElement"/> values by JSON value (numbers by value, object members in any order).
/// </summary>
/// <remarks>
/// Elements compare with <see cref="EqualityComparer{T}.Default"/>, except <see cref="JsonElement"/> values, which use
/// <see cref="JsonEquals(JsonElement, JsonElement)"/>, also when they are nested in lists or maps (for example a list of lists of
/// <see cref="JsonElement"/>).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ContractEquality
{
    /// <summary>Compares two lists element by element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The first list, or <see langword="null"/>.</param>
    /// <param name="b">The second list, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/>, or both have equal elements in the same order.</returns>
    public static bool ListEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        IEqualityComparer<T> comparer = ElementComparer<T>.Instance;
        for (int i = 0; i < a.Count; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash code for a list, consistent with <see cref="ListEquals{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The list, or <see langword="null"/>.</param>
    /// <returns>The hash code (0 for <see langword="null"/>).</returns>
    public static int ListHash<T>(IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            return 0;
        }

        IEqualityComparer<T> comparer = ElementComparer<T>.Instance;
        var hash = default(HashCode);
        hash.Add(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            T item = list[i];
            hash.Add(item is null ? 0 : comparer.GetHashCode(item));
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares two maps by key (ordinal), regardless of order.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="a">The first map, or <see langword="null"/>.</param>
    /// <param name="b">The second map, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/>, or both have the same keys with equal values.</returns>
    public static bool MapEquals<T>(IReadOnlyDictionary<string, T>? a, IReadOnlyDictionary<string, T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        IEqualityComparer<T> comparer = ElementComparer<T>.Instance;
        foreach (KeyValuePair<string, T> pair in a)
        {
            if (!b.TryGetValue(pair.Key, out T? other) || !comparer.Equals(pair.Value, other!))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash code for a map, independent of order and consistent with <see cref="MapEquals{T}"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="map">The map, or <see langword="null"/>.</param>
    /// <returns>The hash code (0 for <see langword="null"/>).</returns>
    public static int MapHash<T>(IReadOnlyDictionary<string, T>? map)
    {
        if (map is null)
        {
            return 0;
        }

        IEqualityComparer<T> comparer = ElementComparer<T>.Instance;
        int sum = map.Count;
        foreach (KeyValuePair<string, T> pair in map)
        {
            int valueHash = pair.Value is null ? 0 : comparer.GetHashCode(pair.Value);
            sum = unchecked(sum + HashCode.Combine(StringComparer.Ordinal.GetHashCode(pair.Key), valueHash));
        }

        return sum;
    }

    /// <summary>Deep JSON equality: same kind; numbers by value (<c>1</c> equals <c>1.0</c>); strings after unescaping; arrays in order; objects by member name regardless of order.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns><see langword="true"/> when the two values are equal JSON values.</returns>
    public static bool JsonEquals(JsonElement a, JsonElement b)
    {
        JsonValueKind kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                return string.Equals(StringOf(a), StringOf(b), StringComparison.Ordinal);
            case JsonValueKind.Number:
                if (a.TryGetInt64(out long la) && b.TryGetInt64(out long lb))
                {
                    return la == lb;
                }

                return JsonNumber.TextEquals(Encoding.UTF8.GetBytes(a.GetRawText()), Encoding.UTF8.GetBytes(b.GetRawText()));
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (JsonElement.ArrayEnumerator ea = a.EnumerateArray())
                using (JsonElement.ArrayEnumerator eb = b.EnumerateArray())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (!JsonEquals(ea.Current, eb.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                int countA = 0;
                foreach (JsonProperty property in a.EnumerateObject())
                {
                    countA++;
                    if (!b.TryGetProperty(property.Name, out JsonElement other) || !JsonEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                int countB = 0;
                foreach (JsonProperty property in b.EnumerateObject())
                {
                    countB++;
                }

                return countA == countB;
            default:
                // Undefined, True, False, Null: equal kinds are equal values.
                return true;
        }
    }

    /// <summary>Deep JSON equality of optional values: both absent, or both present and equal.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>Whether the values are equal.</returns>
    public static bool JsonEquals(JsonElement? a, JsonElement? b)
        => a.HasValue ? b.HasValue && JsonEquals(a.Value, b.Value) : !b.HasValue;

    /// <summary>A hash of an optional value consistent with <see cref="JsonEquals(JsonElement?, JsonElement?)"/>.</summary>
    /// <param name="e">The value.</param>
    /// <returns>The hash; 0 when absent.</returns>
    public static int JsonHash(JsonElement? e) => e.HasValue ? JsonHash(e.Value) : 0;

    /// <summary>A hash code consistent with <see cref="JsonEquals(JsonElement, JsonElement)"/>.</summary>
    /// <param name="e">The value.</param>
    /// <returns>The hash code.</returns>
    public static int JsonHash(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return StringComparer.Ordinal.GetHashCode(StringOf(e));
            case JsonValueKind.Number:
                if (e.TryGetInt64(out long l))
                {
                    return ((decimal)l).GetHashCode();
                }

                return JsonNumber.TextHash(Encoding.UTF8.GetBytes(e.GetRawText()));
            case JsonValueKind.Array:
                var hash = default(HashCode);
                hash.Add(JsonValueKind.Array);
                foreach (JsonElement item in e.EnumerateArray())
                {
                    hash.Add(JsonHash(item));
                }

                return hash.ToHashCode();
            case JsonValueKind.Object:
                int sum = (int)JsonValueKind.Object;
                foreach (JsonProperty property in e.EnumerateObject())
                {
                    sum = unchecked(sum + HashCode.Combine(StringComparer.Ordinal.GetHashCode(property.Name), JsonHash(property.Value)));
                }

                return sum;
            default:
                return (int)e.ValueKind;
        }
    }

    /// <summary>The value of a string element; lone surrogates (which <see cref="JsonElement.GetString"/> rejects) are kept.</summary>
    internal static string StringOf(JsonElement element)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            string raw = element.GetRawText();
            return JsonStringDecoder.ToString(Encoding.UTF8.GetBytes(raw.Substring(1, raw.Length - 2)));
        }
    }

    /// <summary>The comparer <see cref="ListEquals{T}"/> and <see cref="MapEquals{T}"/> use for elements of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>JSON equality for <see cref="JsonElement"/>; deep equality for lists and maps; otherwise <see cref="EqualityComparer{T}.Default"/>.</returns>
    public static IEqualityComparer<T> ComparerFor<T>() => ElementComparer<T>.Instance;

    /// <summary>The comparer used for elements of type <typeparamref name="T"/>.</summary>
    private static class ElementComparer<T>
    {
        public static readonly IEqualityComparer<T> Instance = Create();

        private static IEqualityComparer<T> Create()
        {
            if (typeof(T) == typeof(JsonElement))
            {
                return (IEqualityComparer<T>)(object)JsonElementComparer.Instance;
            }

            if (default(T) is null)
            {
                // reference types and Nullable<>: look at the runtime value (lists and maps of JsonElement, boxed JsonElement)
                return DeepComparer<T>.Instance;
            }

            return EqualityComparer<T>.Default;
        }
    }

    private sealed class JsonElementComparer : IEqualityComparer<JsonElement>
    {
        public static readonly JsonElementComparer Instance = new JsonElementComparer();

        public bool Equals(JsonElement x, JsonElement y) => JsonEquals(x, y);

        public int GetHashCode(JsonElement obj) => JsonHash(obj);
    }

    private sealed class DeepComparer<T> : IEqualityComparer<T>
    {
        public static readonly DeepComparer<T> Instance = new DeepComparer<T>();

        public bool Equals(T? x, T? y) => DeepEquals(x, y);

        public int GetHashCode(T obj) => DeepHash(obj);
    }

    private static bool DeepEquals(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        if (x is JsonElement jx)
        {
            return y is JsonElement jy && JsonEquals(jx, jy);
        }

        if (x is string sx)
        {
            return y is string sy && string.Equals(sx, sy, StringComparison.Ordinal);
        }

        if (x is IDictionary dx)
        {
            if (y is not IDictionary dy || dx.Count != dy.Count)
            {
                return false;
            }

            foreach (DictionaryEntry entry in dx)
            {
                if (!dy.Contains(entry.Key) || !DeepEquals(entry.Value, dy[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (x is IEnumerable ex)
        {
            if (y is not IEnumerable ey || y is string || y is IDictionary)
            {
                return false;
            }

            IEnumerator ix = ex.GetEnumerator();
            IEnumerator iy = ey.GetEnumerator();
            try
            {
                while (true)
                {
                    bool hasX = ix.MoveNext();
                    bool hasY = iy.MoveNext();
                    if (hasX != hasY)
                    {
                        return false;
                    }

                    if (!hasX)
                    {
                        return true;
                    }

                    if (!DeepEquals(ix.Current, iy.Current))
                    {
                        return false;
                    }
                }
            }
            finally
            {
                (ix as IDisposable)?.Dispose();
                (iy as IDisposable)?.Dispose();
            }
        }

        return x.Equals(y);
    }

    private static int DeepHash(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case JsonElement element:
                return JsonHash(element);
            case string text:
                return StringComparer.Ordinal.GetHashCode(text);
            case IDictionary dictionary:
                int sum = dictionary.Count;
                foreach (DictionaryEntry entry in dictionary)
                {
                    sum = unchecked(sum + HashCode.Combine(entry.Key.GetHashCode(), DeepHash(entry.Value)));
                }

                return sum;
            case IEnumerable enumerable:
                var hash = default(HashCode);
                foreach (object? item in enumerable)
                {
                    hash.Add(DeepHash(item));
                }

                return hash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}
