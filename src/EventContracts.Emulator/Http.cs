using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace EventContracts.Emulator;

/// <summary>A request body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; dispose to return it.</summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    public PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new ReadOnlySpan<byte>(_buffer ?? throw new ObjectDisposedException(nameof(PooledBody)), 0, Length);

    /// <summary>
    /// The body after a UTF-8 byte order mark, if it starts with one: a JSON server may ignore one (RFC 8259 section
    /// 8.1), as ASP.NET Core's JSON input and Node's body-parser do, and the validators skip one, so the emulator records
    /// what follows.
    /// </summary>
    public ReadOnlySpan<byte> Json => global::EventContracts.Serialization.JsonRead.WithoutByteOrderMark(Span);

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the whole body, or returns <see langword="null"/> as soon as it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared && declared > maxBytes)
        {
            return null;
        }

        int initial = request.ContentLength is long known ? (int)Math.Min(known + 1, (long)maxBytes + 1) : Math.Min(4096, maxBytes + 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 16));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>Writing JSON and empty responses.</summary>
internal static class Responses
{
    public const string JsonContentType = "application/json";

    /// <summary>Compact JSON with readable quotes and non-ASCII text (these bodies are never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task EmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>One line for an error: its JSON Pointer (<c>(root)</c> for the root) and its message.</summary>
    public static string Describe(ValidationError error)
        => (error.Path.Length == 0 ? "(root)" : error.Path) + ": " + error.Message;

    /// <summary>All errors, up to a limit, as one line.</summary>
    public static string DescribeAll(IReadOnlyList<ValidationError> errors, int limit = 20)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < errors.Count && i < limit; i++)
        {
            if (i > 0)
            {
                builder.Append("; ");
            }

            builder.Append(Describe(errors[i]));
        }

        if (errors.Count > limit)
        {
            builder.Append("; and ").Append(errors.Count - limit).Append(" more");
        }

        return builder.ToString();
    }

    /// <summary>
    /// The JSON Pointer's segments (RFC 6901 unescaped); for a missing required property, the pointer of the
    /// property itself (as vendors such as PushEngage report it), taken from the message of keyword <c>required</c>.
    /// </summary>
    public static List<string> PathSegments(ValidationError error)
    {
        var segments = new List<string>();
        if (error.Path.Length > 0)
        {
            foreach (string raw in error.Path.Substring(1).Split('/'))
            {
                segments.Add(raw.Replace("~1", "/").Replace("~0", "~"));
            }
        }

        if (error.Keyword == "required" && MissingProperty(error.Message) is string missing)
        {
            segments.Add(missing);
        }

        return segments;
    }

    /// <summary>The property a <c>required</c> error names (<c>required property "x" is missing</c>), or <see langword="null"/>.</summary>
    public static string? MissingProperty(string message)
    {
        const string Prefix = "required property \"";
        const string Suffix = "\" is missing";
        if (message.StartsWith(Prefix, StringComparison.Ordinal) && message.EndsWith(Suffix, StringComparison.Ordinal)
            && message.Length >= Prefix.Length + Suffix.Length)
        {
            return message.Substring(Prefix.Length, message.Length - Prefix.Length - Suffix.Length)
                .Replace("\\\"", "\"")
                .Replace("\\\\", "\\");
        }

        return null;
    }
}

/// <summary>Reading credentials from headers and comparing keys without leaking timing.</summary>
internal static class Credentials
{
    /// <summary>The value after <c>&lt;scheme&gt; </c> (scheme case-insensitive), or <see langword="null"/> when the value uses another scheme.</summary>
    public static string? AfterScheme(string? value, string scheme)
    {
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        if (value.Length > scheme.Length && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && value[scheme.Length] == ' ')
        {
            return value.Substring(scheme.Length + 1).Trim();
        }

        return null;
    }

    /// <summary>Compares two keys in time that does not depend on where they differ.</summary>
    public static bool KeyEquals(string presented, string expected)
    {
        byte[] a = Encoding.UTF8.GetBytes(presented);
        byte[] b = Encoding.UTF8.GetBytes(expected);
        return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
    }
}

/// <summary>The request headers an event is recorded with, taken once per request and without the credentials' secrets.</summary>
internal static class RecordedHeaders
{
    private static readonly object s_key = new();

    /// <summary>Words that make a header's whole value a secret (PublicWriteKey, Api-Key, X-Auth-Token, Cookie, ...).</summary>
    private static readonly string[] s_secretWords = { "key", "token", "secret", "password", "cookie", "signature", "credential", "auth", "session" };

    /// <summary>Headers whose value is <c>&lt;scheme&gt; &lt;secret&gt;</c>: the scheme tells which auth was used.</summary>
    private static readonly HashSet<string> s_withScheme = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization" };

    /// <summary>The request's headers, shared by every event recorded from it (a Customer.io batch records many).</summary>
    public static IReadOnlyDictionary<string, string> Of(HttpContext context)
    {
        if (context.Items.TryGetValue(s_key, out object? taken) && taken is IReadOnlyDictionary<string, string> headers)
        {
            return headers;
        }

        var snapshot = new Dictionary<string, string>(context.Request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            snapshot[header.Key] = Redacted(header.Key, header.Value.ToString());
        }

        var result = new ReadOnlyDictionary<string, string>(snapshot);
        context.Items[s_key] = result;
        return result;
    }

    private static string Redacted(string name, string value)
    {
        if (s_withScheme.Contains(name))
        {
            string trimmed = value.Trim();
            int space = trimmed.IndexOf(' ');
            return space > 0 ? trimmed.Substring(0, space) + " ***" : "***";
        }

        foreach (string word in s_secretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return "***";
            }
        }

        return value;
    }
}
