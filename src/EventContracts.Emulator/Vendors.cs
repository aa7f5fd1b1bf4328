using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventContracts.Emulator;

/// <summary>
/// Courier <c>POST /inbound/courier</c>: <c>Authorization: Bearer &lt;key&gt;</c>; 202 <c>{messageId}</c> with an id
/// Courier assigns; 400 and 409 <c>{type: invalid_request_error, message}</c>; a reused <c>messageId</c> is 409.
/// </summary>
internal sealed class CourierHandler : VendorHandler
{
    public CourierHandler(EmulatorState state, ILogger logger)
        : base(state, VendorInfo.Get(VendorKind.Courier), logger)
    {
    }

    protected override EventContractDescriptor Contract => State.Courier;

    protected override AuthOutcome Authenticate(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthOutcome.Missing;
        }

        string? token = Credentials.AfterScheme(header, "Bearer");
        return token is null ? AuthOutcome.Invalid : CheckKey(token);
    }

    protected override async Task AcceptAsync(HttpContext context, byte[] body)
    {
        string messageId = global::EventContracts.Serialization.JsonRead.TopLevelString(body, "messageId"u8) ?? "";
        if (!State.CourierIds.TryClaim(messageId, State.Time.GetUtcNow()))
        {
            CountDuplicate(messageId, "answered 409");
            await Error(context, StatusCodes.Status409Conflict, "invalid_request_error", "messageId " + messageId + " has already been used").ConfigureAwait(false);
            return;
        }

        Record(context, messageId, body);
        string assigned = NewRequestId(State.Time.GetUtcNow());
        await Responses.JsonAsync(context, StatusCodes.Status202Accepted, w =>
        {
            w.WriteStartObject();
            w.WriteString("messageId"u8, assigned);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    protected override Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome)
        => Error(context, StatusCodes.Status401Unauthorized, "authentication_error", outcome == AuthOutcome.Missing
            ? "Unauthorized: send the API key as Authorization: Bearer <key>"
            : "Unauthorized: the API key is not valid");

    protected override Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors)
        => Error(context, status, "invalid_request_error", Responses.DescribeAll(errors));

    protected override Task WriteServerErrorAsync(HttpContext context)
        => Error(context, StatusCodes.Status500InternalServerError, "api_error", "Internal server error (injected by the emulator)");

    protected override Task WriteRateLimitedAsync(HttpContext context)
        => Error(context, StatusCodes.Status429TooManyRequests, "rate_limit_error", "Too many requests (injected by the emulator)");

    protected override Task WriteUnavailableAsync(HttpContext context)
        => Error(context, StatusCodes.Status503ServiceUnavailable, "api_error", "Service unavailable (outage injected by the emulator)");

    private static Task Error(HttpContext context, int status, string type, string message)
        => Responses.JsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("type"u8, type);
            w.WriteString("message"u8, message);
            w.WriteEndObject();
        });

    /// <summary>An id in the shape of the vendor's example (<c>1-6952feeb-7fed6092da5363f2af38eb42</c>): time, then random hex.</summary>
    private static string NewRequestId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return "1-" + now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(random);
    }
}

/// <summary>
/// Userpilot <c>POST /v1/track</c>: <c>Authorization: Token &lt;key&gt;</c>; 202 with no body; 400 and 401
/// <c>{errors: [{details, error, error_code, message}]}</c>. No idempotency: every valid call is recorded.
/// </summary>
internal sealed class UserpilotHandler : VendorHandler
{
    public UserpilotHandler(EmulatorState state, ILogger logger)
        : base(state, VendorInfo.Get(VendorKind.Userpilot), logger)
    {
    }

    protected override EventContractDescriptor Contract => State.Userpilot;

    protected override AuthOutcome Authenticate(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthOutcome.Missing;
        }

        string? token = Credentials.AfterScheme(header, "Token");
        return token is null ? AuthOutcome.Invalid : CheckKey(token);
    }

    protected override Task AcceptAsync(HttpContext context, byte[] body)
    {
        Record(context, null, body);
        return Responses.EmptyAsync(context, StatusCodes.Status202Accepted);
    }

    protected override Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome)
        => Errors(context, StatusCodes.Status401Unauthorized, new[]
        {
            outcome == AuthOutcome.Missing
                ? "the Authorization header must be \"Token <key>\""
                : "the Authorization header does not hold a known API key",
        }, "unauthorized", "Invalid API key");

    protected override Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors)
    {
        var details = new List<string>(Math.Min(errors.Count, 100));
        for (int i = 0; i < errors.Count && i < 100; i++)
        {
            details.Add(Responses.Describe(errors[i]));
        }

        return Errors(context, status, details, status == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "invalid_request", "Bad request");
    }

    protected override Task WriteServerErrorAsync(HttpContext context)
        => Errors(context, StatusCodes.Status500InternalServerError, new[] { "injected by the emulator" }, "internal_error", "Internal server error");

    protected override Task WriteRateLimitedAsync(HttpContext context)
        => Errors(context, StatusCodes.Status429TooManyRequests, new[] { "injected by the emulator" }, "rate_limited", "Too many requests");

    protected override Task WriteUnavailableAsync(HttpContext context)
        => Errors(context, StatusCodes.Status503ServiceUnavailable, new[] { "outage injected by the emulator" }, "service_unavailable", "Service unavailable");

    private static Task Errors(HttpContext context, int status, IReadOnlyList<string> details, string error, string message)
        => Responses.JsonAsync(context, status, w =>
        {
            string code = status.ToString(CultureInfo.InvariantCulture);
            w.WriteStartObject();
            w.WriteStartArray("errors"u8);
            foreach (string detail in details)
            {
                w.WriteStartObject();
                w.WriteString("details"u8, detail);
                w.WriteString("error"u8, error);
                w.WriteString("error_code"u8, code);
                w.WriteString("message"u8, message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
}

/// <summary>
/// Tranthor <c>POST /api/public/apps/track</c>: both <c>PublicWriteKey</c> and <c>authorization</c> headers
/// (<c>Bearer &lt;key&gt;</c>); 204 with no body; 401 <c>{message}</c> (upstream Dittofeed). A repeated
/// <c>messageId</c> is idempotent: answered 204 and recorded once.
/// </summary>
internal sealed class TranthorHandler : VendorHandler
{
    public TranthorHandler(EmulatorState state, ILogger logger)
        : base(state, VendorInfo.Get(VendorKind.Tranthor), logger)
    {
    }

    protected override EventContractDescriptor Contract => State.Tranthor;

    protected override AuthOutcome Authenticate(HttpRequest request)
    {
        AuthOutcome writeKey = CheckKey(Token(request.Headers["PublicWriteKey"]));
        AuthOutcome authorization = CheckKey(Token(request.Headers.Authorization));
        if (writeKey == AuthOutcome.Missing || authorization == AuthOutcome.Missing)
        {
            return AuthOutcome.Missing;
        }

        return writeKey == AuthOutcome.Ok && authorization == AuthOutcome.Ok ? AuthOutcome.Ok : AuthOutcome.Invalid;
    }

    /// <summary>The token of a <c>Bearer &lt;key&gt;</c> value; a bare key is accepted too.</summary>
    private static string? Token(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        return Credentials.AfterScheme(header, "Bearer") ?? header.Trim();
    }

    protected override async Task AcceptAsync(HttpContext context, byte[] body)
    {
        string messageId = global::EventContracts.Serialization.JsonRead.TopLevelString(body, "messageId"u8) ?? "";
        if (State.TranthorIds.TryClaim(messageId, State.Time.GetUtcNow()))
        {
            Record(context, messageId, body);
        }
        else
        {
            CountDuplicate(messageId, "answered 204 (idempotent), not recorded again");
        }

        await Responses.EmptyAsync(context, StatusCodes.Status204NoContent).ConfigureAwait(false);
    }

    protected override Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome)
        => Message(context, StatusCodes.Status401Unauthorized, outcome == AuthOutcome.Missing
            ? "Missing write key: send both the PublicWriteKey and the authorization header"
            : "Invalid write key");

    protected override Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors)
        => Message(context, status, Responses.DescribeAll(errors));

    protected override Task WriteServerErrorAsync(HttpContext context)
        => Message(context, StatusCodes.Status500InternalServerError, "Internal server error (injected by the emulator)");

    protected override Task WriteRateLimitedAsync(HttpContext context)
        => Message(context, StatusCodes.Status429TooManyRequests, "Too many requests (injected by the emulator)");

    protected override Task WriteUnavailableAsync(HttpContext context)
        => Message(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable (outage injected by the emulator)");

    private static Task Message(HttpContext context, int status, string message)
        => Responses.JsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("message"u8, message);
            w.WriteEndObject();
        });
}

/// <summary>
/// PushEngage <c>POST /api/v1/events</c>: <c>Api-Key</c>; 200 <c>{error_code: 0, data: {}}</c>; 401 with code
/// 401002 (no key) or 401000 (unknown key); 400 code 1003 with <c>details: [{message, path}]</c>; 500 code 1001.
/// No idempotency: every valid call is recorded.
/// </summary>
internal sealed class PushEngageHandler : VendorHandler
{
    public PushEngageHandler(EmulatorState state, ILogger logger)
        : base(state, VendorInfo.Get(VendorKind.PushEngage), logger)
    {
    }

    protected override EventContractDescriptor Contract => State.PushEngage;

    protected override AuthOutcome Authenticate(HttpRequest request)
    {
        string? key = request.Headers["Api-Key"];
        return CheckKey(key?.Trim());
    }

    protected override Task AcceptAsync(HttpContext context, byte[] body)
    {
        Record(context, null, body);
        return Responses.JsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("error_code"u8, 0);
            w.WriteStartObject("data"u8);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    protected override Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome)
        => outcome == AuthOutcome.Missing
            ? Error(context, StatusCodes.Status401Unauthorized, "API key is required. Please provide a valid API key in the API-KEY header.", 401002, null)
            : Error(context, StatusCodes.Status401Unauthorized, "Invalid API key. The provided API key was not found or is incorrect.", 401000, null);

    protected override Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors)
        => Error(context, status, status == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Invalid data", 1003, errors);

    protected override Task WriteServerErrorAsync(HttpContext context)
        => Error(context, StatusCodes.Status500InternalServerError, "Something went wrong.", 1001, null);

    protected override Task WriteRateLimitedAsync(HttpContext context)
        => Error(context, StatusCodes.Status429TooManyRequests, "Too many requests.", 429, null);

    protected override Task WriteUnavailableAsync(HttpContext context)
        => Error(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable.", 503, null);

    private static Task Error(HttpContext context, int status, string message, int code, IReadOnlyList<ValidationError>? details)
        => Responses.JsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error"u8);
            w.WriteString("message"u8, message);
            w.WriteNumber("code"u8, code);
            if (details is not null)
            {
                w.WriteStartArray("details"u8);
                for (int i = 0; i < details.Count && i < 100; i++)
                {
                    ValidationError error = details[i];
                    List<string> path = Responses.PathSegments(error);
                    w.WriteStartObject();
                    w.WriteString("message"u8, DetailMessage(error, path));
                    w.WriteStartArray("path"u8);
                    foreach (string segment in path)
                    {
                        w.WriteStringValue(segment);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The vendor's wording for a missing field (<c>event_name is required</c>); the validator's message otherwise.</summary>
    private static string DetailMessage(ValidationError error, List<string> path)
        => error.Keyword == "required" && Responses.MissingProperty(error.Message) is not null && path.Count > 0
            ? path[path.Count - 1] + " is required"
            : error.Message;
}

/// <summary>
/// Customer.io Data Pipelines <c>POST /v1/track</c> and <c>POST /v1/batch</c>: HTTP Basic with the write key as
/// the user name; 200 <c>{}</c>; 400 <c>{meta: {errors: [..]}}</c>, 401 with no body, both only in strict mode
/// (<c>X-Strict-Mode: 1</c>); otherwise a bad call is answered 200 and dropped. The first call with a
/// <c>messageId</c> wins; repeats received within 12 hours are answered 200 and not recorded.
/// </summary>
internal sealed class CustomerIoHandler : VendorHandler
{
    private readonly bool _batch;

    public CustomerIoHandler(EmulatorState state, ILogger logger, bool batch)
        : base(state, VendorInfo.Get(VendorKind.CustomerIo), logger)
    {
        _batch = batch;
    }

    protected override EventContractDescriptor Contract => State.CustomerIo;

    protected override AuthOutcome Authenticate(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthOutcome.Missing;
        }

        string? encoded = Credentials.AfterScheme(header, "Basic");
        if (encoded is null)
        {
            return AuthOutcome.Invalid;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return AuthOutcome.Invalid;
        }

        int colon = decoded.IndexOf(':');
        string user = colon < 0 ? decoded : decoded.Substring(0, colon);
        return CheckKey(user);
    }

    protected override IReadOnlyList<ValidationError> Validate(ReadOnlySpan<byte> body)
        => _batch ? CustomerIoBatch.Validate(body, State.CustomerIo) : base.Validate(body);

    protected override async Task AcceptAsync(HttpContext context, byte[] body)
    {
        if (_batch)
        {
            // Every call is read before any is recorded, and each messageId as /v1/track reads it (the first of
            // duplicate keys; an escaped unpaired surrogate kept as such).
            var calls = new List<(byte[] Body, string? MessageId)>();
            using (JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = CustomerIoBatch.MaxDepth }))
            {
                foreach (JsonElement call in document.RootElement.GetProperty("batch").EnumerateArray())
                {
                    byte[] callBody = JsonMarshal.GetRawUtf8Value(call).ToArray();
                    calls.Add((callBody, global::EventContracts.Serialization.JsonRead.TopLevelString(callBody, "messageId"u8)));
                }
            }

            foreach (var (callBody, messageId) in calls)
            {
                AcceptOne(context, callBody, messageId);
            }
        }
        else
        {
            AcceptOne(context, body, global::EventContracts.Serialization.JsonRead.TopLevelString(body, "messageId"u8));
        }

        await Ok(context).ConfigureAwait(false);
    }

    private void AcceptOne(HttpContext context, byte[] body, string? messageId)
    {
        if (messageId is not null && !State.CustomerIoIds.TryClaim(messageId, State.Time.GetUtcNow()))
        {
            CountDuplicate(messageId, "ignored (first wins for 12 hours)");
            return;
        }

        Record(context, messageId, body);
    }

    private bool Strict(HttpContext context)
        => State.Options.CustomerIoAlwaysStrict || string.Equals(context.Request.Headers["X-Strict-Mode"], "1", StringComparison.Ordinal);

    protected override Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome)
    {
        if (!Strict(context))
        {
            LogPermissiveDrop(Logger, Vendor.Id, outcome == AuthOutcome.Missing ? "missing credentials" : "wrong credentials");
            return Ok(context);
        }

        return Responses.EmptyAsync(context, StatusCodes.Status401Unauthorized);
    }

    protected override Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors)
    {
        if (!Strict(context))
        {
            LogPermissiveDrop(Logger, Vendor.Id, Responses.DescribeAll(errors, 5));
            return Ok(context);
        }

        var messages = new List<string>(Math.Min(errors.Count, 100));
        for (int i = 0; i < errors.Count && i < 100; i++)
        {
            messages.Add(Responses.Describe(errors[i]));
        }

        return Errors(context, status, messages);
    }

    protected override Task WriteServerErrorAsync(HttpContext context)
        => Errors(context, StatusCodes.Status500InternalServerError, new[] { "internal server error (injected by the emulator)" });

    protected override Task WriteRateLimitedAsync(HttpContext context)
        => Responses.EmptyAsync(context, StatusCodes.Status429TooManyRequests);

    // A 5xx is answered in every mode: strict mode only decides whether bad calls get their 4xx.
    protected override Task WriteUnavailableAsync(HttpContext context)
        => Errors(context, StatusCodes.Status503ServiceUnavailable, new[] { "service unavailable (outage injected by the emulator)" });

    private static Task Ok(HttpContext context)
        => Responses.JsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });

    private static Task Errors(HttpContext context, int status, IReadOnlyList<string> messages)
        => Responses.JsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("meta"u8);
            w.WriteStartArray("errors"u8);
            foreach (string message in messages)
            {
                w.WriteStringValue(message);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
}
