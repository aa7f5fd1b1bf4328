using System;

namespace EventContracts;

/// <summary>One violation of a contract found while validating a value or a JSON document.</summary>
public sealed class ValidationError
{
    /// <summary>Creates a validation error.</summary>
    /// <param name="path">The RFC 6901 JSON Pointer of the offending value; <c>""</c> is the root.</param>
    /// <param name="keyword">The JSON Schema keyword that failed (for example <c>maxLength</c>), <c>json</c> for malformed JSON, or an <c>x-ec-</c> extension keyword.</param>
    /// <param name="message">A human-readable message that names the offending value.</param>
    public ValidationError(string path, string keyword, string message)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Keyword = keyword ?? throw new ArgumentNullException(nameof(keyword));
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>
    /// The RFC 6901 JSON Pointer of the offending value, for example <c>/data/price</c> or <c>/items/0/sku</c>;
    /// <c>""</c> is the root. In property names <c>~</c> is written <c>~0</c> and <c>/</c> is written <c>~1</c>.
    /// </summary>
    public string Path { get; }

    /// <summary>The JSON Schema keyword that failed (for example <c>required</c>, <c>type</c>, <c>maxLength</c>), <c>json</c> for malformed JSON, or an extension keyword such as <c>x-ec-max-bytes</c>.</summary>
    public string Keyword { get; }

    /// <summary>A human-readable message that names the offending value.</summary>
    public string Message { get; }

    /// <summary>Returns <c>"{Path}: {Message} [{Keyword}]"</c>, with the root path shown as <c>(root)</c>.</summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString()
        => (Path.Length == 0 ? "(root)" : Path) + ": " + Message + " [" + Keyword + "]";
}
