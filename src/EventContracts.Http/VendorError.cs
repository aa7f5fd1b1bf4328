using System;

namespace EventContracts.Http;

/// <summary>
/// One problem reported for a send: parsed from the vendor's documented error body, or found by our own
/// validation before sending (then <see cref="Code"/> is the failing JSON Schema keyword).
/// </summary>
public sealed class VendorError : IEquatable<VendorError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="path">The RFC 6901 JSON Pointer of the offending request value, or <c>""</c> when the vendor names none.</param>
    /// <param name="code">The vendor's error code or type (for example <c>invalid_request_error</c>, <c>1003</c>), a JSON Schema keyword, or <c>""</c>.</param>
    /// <param name="message">The human-readable message.</param>
    public VendorError(string path, string code, string message)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The RFC 6901 JSON Pointer of the offending request value (for example <c>/data/price</c>); <c>""</c> when none is named.</summary>
    public string Path { get; }

    /// <summary>The vendor's code or type, the failing keyword for our own validation, or <c>""</c>.</summary>
    public string Code { get; }

    /// <summary>The human-readable message.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(VendorError? other)
        => other is not null
           && string.Equals(Path, other.Path, StringComparison.Ordinal)
           && string.Equals(Code, other.Code, StringComparison.Ordinal)
           && string.Equals(Message, other.Message, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VendorError);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Code, Message);

    /// <summary>Returns <c>"{Path}: {Message} [{Code}]"</c>; the path is omitted when empty and the code when empty.</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString()
    {
        string text = Path.Length == 0 ? Message : Path + ": " + Message;
        return Code.Length == 0 ? text : text + " [" + Code + "]";
    }
}
