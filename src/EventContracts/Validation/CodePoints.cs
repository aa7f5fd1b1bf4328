using System;
using System.ComponentModel;

namespace EventContracts.Validation;

/// <summary>Counts Unicode code points, the unit JSON Schema's <c>minLength</c> and <c>maxLength</c> use.</summary>
/// <remarks>A surrogate pair counts as one code point; a lone surrogate counts as one.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CodePoints
{
    /// <summary>Counts the code points of a string.</summary>
    /// <param name="value">The string; <see langword="null"/> counts as 0.</param>
    /// <returns>The number of code points.</returns>
    public static int Count(string value) => value is null ? 0 : Count(value.AsSpan());

    /// <summary>Counts the code points of UTF-16 text.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The number of code points.</returns>
    public static int Count(ReadOnlySpan<char> value)
    {
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}
