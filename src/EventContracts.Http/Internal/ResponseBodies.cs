using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventContracts.Http.Internal;

/// <summary>
/// Reads the vendors' documented response bodies: the id in Courier's 202, PushEngage's <c>error_code</c>, and
/// each vendor's error shape, recognised by its form so a custom contract with the same shape works too:
/// Courier <c>{type, message}</c>; Userpilot <c>{errors: [{details, error, error_code, message}]}</c>; PushEngage
/// <c>{error: {message, code, details: [{message, path: [..]}]}}</c>; Customer.io <c>{meta: {errors: [..]}}</c>;
/// Tranthor <c>{message}</c>. Anything else becomes one error with the (bounded) text.
/// </summary>
internal static class ResponseBodies
{
    private const int MaxErrors = 100;
    private const int MaxText = 500;

    /// <summary>The vendor's id of an accepted request: a top-level string <c>messageId</c> (Courier), or null.</summary>
    public static string? AcceptedId(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals("messageId"u8);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String)
                {
                    return Bound(reader.GetString() ?? string.Empty);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>A 2xx body that still reports an error: PushEngage's <c>error_code</c> other than 0.</summary>
    public static bool IsErrorInSuccess(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        // Read in place (every accepted response comes through here): the whole body must be well-formed, and the last
        // top-level error_code counts, as a parsed document's property lookup would have it.
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool error = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isCode = reader.ValueTextEquals("error_code"u8);
                reader.Read();
                if (isCode)
                {
                    error = (reader.TokenType == JsonTokenType.Number && !(reader.TryGetInt64(out long n) && n == 0))
                        || (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } s && s != "0");
                }

                reader.Skip();
            }

            while (reader.Read())
            {
            }

            return error;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The errors a response reports.</summary>
    public static List<VendorError> Errors(ReadOnlySpan<byte> body, int status, string? reasonPhrase, Redactor redactor)
    {
        var errors = new List<VendorError>();
        if (!body.IsEmpty)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
                ReadErrors(document.RootElement, errors, redactor);
            }
            catch (JsonException)
            {
                string text = Encoding.UTF8.GetString(body).Trim();
                if (text.Length > 0)
                {
                    errors.Add(new VendorError(string.Empty, Code(status), Text(text, redactor)));
                }
            }
        }

        if (errors.Count == 0)
        {
            string message = string.IsNullOrEmpty(reasonPhrase) ? "HTTP " + status.ToString(CultureInfo.InvariantCulture) : reasonPhrase!;
            errors.Add(new VendorError(string.Empty, Code(status), Text(message, redactor) + " (no error body)"));
        }

        return errors;
    }

    private static void ReadErrors(JsonElement root, List<VendorError> errors, Redactor redactor)
    {
        if (root.ValueKind == JsonValueKind.String)
        {
            errors.Add(new VendorError(string.Empty, string.Empty, Text(root.GetString() ?? string.Empty, redactor)));
            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // PushEngage: {error: {message, code, details: [{message, path: [...]}]}}
        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                string code = Scalar(error, "code");
                string message = Scalar(error, "message");
                if (error.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0)
                {
                    foreach (JsonElement detail in details.EnumerateArray())
                    {
                        if (errors.Count >= MaxErrors)
                        {
                            break;
                        }

                        string detailMessage = detail.ValueKind == JsonValueKind.Object ? Scalar(detail, "message") : ScalarText(detail);
                        string path = detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("path", out JsonElement segments) ? Pointer(segments) : string.Empty;
                        errors.Add(new VendorError(Text(path, redactor), code, Text(detailMessage.Length > 0 ? detailMessage : message, redactor)));
                    }
                }
                else
                {
                    errors.Add(new VendorError(string.Empty, code, Text(message, redactor)));
                }

                return;
            }

            if (error.ValueKind == JsonValueKind.String && !root.TryGetProperty("errors", out _))
            {
                errors.Add(new VendorError(string.Empty, Scalar(root, "error_code"), Text(error.GetString() ?? string.Empty, redactor)));
                return;
            }
        }

        // Userpilot: {errors: [{details, error, error_code, message}]}, or a list of strings.
        if (root.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            AddList(list, errors, redactor);
            if (errors.Count > 0)
            {
                return;
            }
        }

        // Customer.io: {meta: {errors: [string]}}
        if (root.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("errors", out JsonElement metaErrors) && metaErrors.ValueKind == JsonValueKind.Array)
        {
            AddList(metaErrors, errors, redactor);
            if (errors.Count > 0)
            {
                return;
            }
        }

        // Courier {type, message}; Tranthor {message}.
        string text = Scalar(root, "message");
        if (text.Length > 0)
        {
            errors.Add(new VendorError(string.Empty, Scalar(root, "type"), Text(text, redactor)));
        }
    }

    private static void AddList(JsonElement list, List<VendorError> errors, Redactor redactor)
    {
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (errors.Count >= MaxErrors)
            {
                break;
            }

            if (item.ValueKind == JsonValueKind.Object)
            {
                string message = Scalar(item, "message");
                string detail = Scalar(item, "details");
                string code = Scalar(item, "error_code");
                if (code.Length == 0)
                {
                    code = Scalar(item, "error");
                }

                string combined = message.Length == 0 ? detail : detail.Length == 0 ? message : message + ": " + detail;
                string path = item.TryGetProperty("path", out JsonElement segments) ? Pointer(segments) : string.Empty;
                errors.Add(new VendorError(Text(path, redactor), code, Text(combined, redactor)));
            }
            else
            {
                errors.Add(new VendorError(string.Empty, string.Empty, Text(ScalarText(item), redactor)));
            }
        }
    }

    /// <summary>A JSON Pointer from a path given as an array of segments (PushEngage) or as a string.</summary>
    private static string Pointer(JsonElement segments)
    {
        if (segments.ValueKind == JsonValueKind.String)
        {
            string s = segments.GetString() ?? string.Empty;
            return s.Length == 0 || s[0] == '/' ? s : "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        }

        if (segments.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (JsonElement segment in segments.EnumerateArray())
        {
            builder.Append('/').Append(ScalarText(segment).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private static string Scalar(JsonElement obj, string name)
        => obj.TryGetProperty(name, out JsonElement value) ? ScalarText(value) : string.Empty;

    private static string ScalarText(JsonElement value)
        => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => Bound(value.GetRawText()),
        };

    private static string Code(int status) => status.ToString(CultureInfo.InvariantCulture);

    private static string Text(string text, Redactor redactor) => Bound(redactor.Redact(text));

    private static string Bound(string text) => text.Length <= MaxText ? text : text.Substring(0, MaxText) + "…";
}
