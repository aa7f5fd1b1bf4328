using System;

namespace EventContracts.Serialization;

/// <summary>
/// Thrown when an open value to write is a <see langword="default"/> <see cref="System.Text.Json.JsonElement"/>
/// (<see cref="System.Text.Json.JsonValueKind.Undefined"/>): it holds no JSON value, so there is nothing to write.
/// Typed validation reports it as an error of the value instead.
/// </summary>
public sealed class UndefinedJsonValueException : InvalidOperationException
{
    /// <summary>Creates the exception with its standard message.</summary>
    public UndefinedJsonValueException()
        : base("A default JsonElement holds no JSON value, so it cannot be written: give the property a value (for example JsonSerializer.SerializeToElement(...)) or leave it out.")
    {
    }
}
