using System;
using System.ComponentModel;

namespace EventContracts.Validation;

/// <summary>The JSON Schema <c>type</c> values a value may have, as flags.</summary>
/// <remarks>
/// <see cref="Number"/> includes integers. <see cref="Integer"/> accepts any number token whose value is
/// mathematically an integer, so <c>1.0</c> and <c>1e2</c> are integers, as JSON Schema says.
/// </remarks>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum JsonTypes
{
    /// <summary>No type is allowed.</summary>
    None = 0,

    /// <summary>The JSON <c>null</c> literal.</summary>
    Null = 1,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean = 2,

    /// <summary>A JSON object.</summary>
    Object = 4,

    /// <summary>A JSON array.</summary>
    Array = 8,

    /// <summary>Any JSON number, integers included.</summary>
    Number = 16,

    /// <summary>A JSON string.</summary>
    String = 32,

    /// <summary>A JSON number whose value is an integer (<c>1</c>, <c>1.0</c>, <c>1e2</c>).</summary>
    Integer = 64,
}
