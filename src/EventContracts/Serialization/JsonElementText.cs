#if NET9_0_OR_GREATER
using System;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace EventContracts.Serialization;

/// <summary>An open value's own UTF-8 text, read in place.</summary>
internal static class JsonElementText
{
    /// <summary>
    /// The element's text; false for a <see langword="default"/> element, which has none. Asked this way the check costs
    /// nothing for an element with a value: only a default one makes <see cref="JsonMarshal.GetRawUtf8Value"/> throw,
    /// where reading <see cref="JsonElement.ValueKind"/> first would read the document's row twice for every value.
    /// </summary>
    public static bool TryGet(JsonElement value, out ReadOnlySpan<byte> text)
    {
        try
        {
            text = JsonMarshal.GetRawUtf8Value(value);
            return true;
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.Undefined)
        {
            text = default;
            return false;
        }
    }
}
#endif
