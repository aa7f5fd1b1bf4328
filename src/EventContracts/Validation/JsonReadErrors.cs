using System.ComponentModel;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>Builds the exceptions generated JSON readers throw (<c>throw JsonReadErrors.MissingProperty(...)</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonReadErrors
{
    /// <summary>A required property was not in the JSON object.</summary>
    /// <param name="typeName">The generated type being read.</param>
    /// <param name="jsonName">The property's JSON name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingProperty(string typeName, string jsonName)
        => new JsonException("JSON for " + typeName + " is missing the required property \"" + jsonName + "\".");

    /// <summary>
    /// A property the type's schema does not allow (<c>additionalProperties: false</c>): a record of that type has no
    /// place for it, and reading on without it would lose it and turn an invalid document into a valid record.
    /// </summary>
    /// <param name="typeName">The generated type being read.</param>
    /// <param name="jsonName">The property's JSON name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException PropertyNotAllowed(string typeName, string jsonName)
        => new JsonException("JSON for " + typeName + " has the property \"" + jsonName + "\", which its schema does not allow (additionalProperties: false).");

    /// <summary>
    /// A property name given twice in one object. JSON leaves open which value a reader keeps; a record holds one, so
    /// keeping either would lose the other, and an object the validators refuse for one value would read as valid.
    /// </summary>
    /// <param name="typeName">The generated type being read.</param>
    /// <param name="jsonName">The property's JSON name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException DuplicateProperty(string typeName, string jsonName)
        => new JsonException("JSON for " + typeName + " has the property \"" + jsonName + "\" more than once.");

    /// <summary>A property's value had a token of the wrong kind.</summary>
    /// <param name="typeName">The generated type being read.</param>
    /// <param name="jsonName">The property's JSON name (empty for the value of the type itself).</param>
    /// <param name="token">The token found.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnexpectedToken(string typeName, string jsonName, JsonTokenType token)
        => new JsonException(string.IsNullOrEmpty(jsonName)
            ? "Unexpected JSON token " + token.ToString() + " when reading " + typeName + "."
            : "Unexpected JSON token " + token.ToString() + " for property \"" + jsonName + "\" of " + typeName + ".");

    /// <summary>A string was not one of an enumeration's values.</summary>
    /// <param name="typeName">The generated enumeration type.</param>
    /// <param name="member">Where it was read: the record and the property's JSON name (<c>CourierRequest.type</c>).</param>
    /// <param name="values">The enumeration's wire values as JSON strings, comma-separated (the first ten of a longer list).</param>
    /// <param name="value">The string found.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException InvalidEnumValue(string typeName, string member, string values, string value)
        => new JsonException("\"" + value + "\" is not a value of " + typeName + " (" + member + "); its values: " + values + ".");
}
