using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace EventContracts.Emulator;

/// <summary>
/// Validates a Customer.io <c>batch</c> body (<c>BatchRequest</c> in customerio.openapi.yaml) with the generated
/// track validator. The generated catalog holds the <c>track</c> operation only (one contract per file), so the
/// batch envelope's few rules are checked here and everything else goes through the generated code:
/// <list type="bullet">
/// <item>malformed JSON as the generated validators report it;</item>
/// <item><c>x-ec-max-bytes: 500000</c> on the whole body, measured like the generated validators measure it
/// (the bytes of the JSON value as sent);</item>
/// <item><c>batch</c> required, an array, <c>minItems: 1</c>;</item>
/// <item>each element against the generated <c>CustomerIo</c> (TrackEvent) validator, which includes its
/// <c>x-ec-max-bytes: 32000</c>; errors are reported under <c>/batch/{index}</c>;</item>
/// <item>the shared <c>context</c> and <c>integrations</c> through the same generated validator, by placing them
/// in a minimal valid track call; only their own errors are kept.</item>
/// </list>
/// </summary>
internal static class CustomerIoBatch
{
    public const int MaxDepth = 256;
    public const int MaxBatchBytes = 500_000;

    public static IReadOnlyList<ValidationError> Validate(ReadOnlySpan<byte> body, EventContractDescriptor track)
    {
        var errors = new List<ValidationError>();

        // Malformed JSON (syntax, invalid UTF-8, trailing content, depth) is reported exactly as the generated
        // validators report it for the other endpoints: run one and keep only its "json" errors.
        foreach (ValidationError error in track.Validate(body).Errors)
        {
            if (error.Keyword == "json")
            {
                errors.Add(error);
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // The validator skipped a byte order mark; the document and its size are what follows it.
        body = global::EventContracts.Serialization.JsonRead.WithoutByteOrderMark(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            errors.Add(new ValidationError("", "json", "malformed JSON: " + e.Message));
            return errors;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("", "type", "expected object but found " + Kind(root)));
                return errors;
            }

            long size = ValueSize(body);
            if (size > MaxBatchBytes)
            {
                errors.Add(new ValidationError("", "x-ec-max-bytes", "serialized value is " + size.ToString(CultureInfo.InvariantCulture) + " bytes, more than the limit of " + MaxBatchBytes.ToString(CultureInfo.InvariantCulture) + " bytes"));
            }

            if (!root.TryGetProperty("batch", out JsonElement batch))
            {
                errors.Add(new ValidationError("", "required", "required property \"batch\" is missing"));
            }
            else if (batch.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ValidationError("/batch", "type", "expected array but found " + Kind(batch)));
            }
            else if (batch.GetArrayLength() == 0)
            {
                errors.Add(new ValidationError("/batch", "minItems", "array has 0 items, fewer than minItems 1"));
            }
            else
            {
                int index = 0;
                foreach (JsonElement call in batch.EnumerateArray())
                {
                    string prefix = "/batch/" + index.ToString(CultureInfo.InvariantCulture);
                    foreach (ValidationError error in track.Validate(Encoding.UTF8.GetBytes(call.GetRawText())).Errors)
                    {
                        errors.Add(new ValidationError(prefix + error.Path, error.Keyword, error.Message));
                    }

                    index++;
                }
            }

            ValidateShared(root, "context", track, errors);
            ValidateShared(root, "integrations", track, errors);
        }

        return errors;
    }

    /// <summary>Validates a shared top-level member as the same member of a minimal valid track call.</summary>
    private static void ValidateShared(JsonElement root, string name, EventContractDescriptor track, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            return;
        }

        // The value's own bytes go in as they came: re-writing it would throw on an escaped unpaired surrogate.
        byte[] call = [.. "{\"type\":\"track\",\"event\":\"batch\",\"userId\":\"batch\",\""u8, .. Encoding.UTF8.GetBytes(name), .. "\":"u8, .. JsonMarshal.GetRawUtf8Value(value), .. "}"u8];

        string pointer = "/" + name;
        foreach (ValidationError error in track.Validate(call).Errors)
        {
            if (error.Path == pointer || error.Path.StartsWith(pointer + "/", StringComparison.Ordinal))
            {
                errors.Add(error);
            }
        }
    }

    /// <summary>
    /// The size of the batch as <c>x-ec-max-bytes</c> measures every value, each call's included: compact, as the
    /// generated serializer writes it (so the whitespace of a pretty-printed batch does not count).
    /// </summary>
    private static long ValueSize(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        return global::EventContracts.Validation.PayloadSize.MeasureJson(ref reader);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
