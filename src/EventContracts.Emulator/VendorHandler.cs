using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventContracts.Emulator;

/// <summary>Whether a call's credentials were accepted.</summary>
internal enum AuthOutcome
{
    Ok = 0,

    /// <summary>No usable credential was sent.</summary>
    Missing = 1,

    /// <summary>A credential was sent but it is not the configured key.</summary>
    Invalid = 2,
}

/// <summary>
/// One vendor's track endpoint. Every call goes through the same steps: read the body (bounded), answer 503 if the
/// vendor is in an outage, roll the fault dice (delay, then drop / 500 / 429), check the credentials, validate
/// through the generated contract, de-duplicate, record, answer. An outage, a fault, a refused credential and an
/// invalid body never record anything.
/// </summary>
internal abstract partial class VendorHandler
{
    protected VendorHandler(EmulatorState state, VendorInfo vendor, ILogger logger)
    {
        State = state;
        Vendor = vendor;
        Logger = logger;
    }

    protected EmulatorState State { get; }

    protected VendorInfo Vendor { get; }

    protected ILogger Logger { get; }

    /// <summary>The configured key of this vendor, or <see langword="null"/> when any non-empty key is accepted.</summary>
    protected string? ConfiguredKey => State.Options.KeyFor(Vendor.ContractName);

    public async Task HandleAsync(HttpContext context)
    {
        using PooledBody? body = await PooledBody.ReadAsync(context.Request, State.Options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);

        // Before the dice: a down endpoint answers nothing else, and refused calls leave a seeded fault sequence
        // where it was, so the calls after the outage meet the faults they would have met without it.
        if (State.Outages.IsDown(Vendor, Logger))
        {
            State.Events.CountFault(Vendor);
            LogFault(Logger, Vendor.Id, "503 (outage)");
            await WriteUnavailableAsync(context).ConfigureAwait(false);
            return;
        }

        FaultDecision fault = State.Faults.Roll(Vendor);
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case FaultKind.Dropped:
                State.Events.CountFault(Vendor);
                LogFault(Logger, Vendor.Id, "dropped connection");
                context.Abort();
                return;
            case FaultKind.ServerError:
                State.Events.CountFault(Vendor);
                LogFault(Logger, Vendor.Id, "500");
                await WriteServerErrorAsync(context).ConfigureAwait(false);
                return;
            case FaultKind.RateLimited:
                State.Events.CountFault(Vendor);
                LogFault(Logger, Vendor.Id, "429");
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteRateLimitedAsync(context).ConfigureAwait(false);
                return;
        }

        AuthOutcome auth = Authenticate(context.Request);
        if (auth != AuthOutcome.Ok)
        {
            State.Events.CountRejected(Vendor);
            LogRejected(Logger, Vendor.Id, auth == AuthOutcome.Missing ? "missing credentials" : "wrong credentials");
            await WriteUnauthorizedAsync(context, auth).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            State.Events.CountRejected(Vendor);
            var error = new ValidationError("", "maxBodyBytes", "request body is larger than " + State.Options.MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            LogRejected(Logger, Vendor.Id, Responses.Describe(error));
            await WriteInvalidAsync(context, StatusCodes.Status413PayloadTooLarge, new[] { error }).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<ValidationError> errors = Validate(body.Span);
        if (errors.Count > 0)
        {
            State.Events.CountRejected(Vendor);
            LogRejected(Logger, Vendor.Id, Responses.DescribeAll(errors, 5));
            await WriteInvalidAsync(context, StatusCodes.Status400BadRequest, errors).ConfigureAwait(false);
            return;
        }

        await AcceptAsync(context, body.Json.ToArray()).ConfigureAwait(false);
    }

    protected abstract AuthOutcome Authenticate(HttpRequest request);

    protected virtual IReadOnlyList<ValidationError> Validate(ReadOnlySpan<byte> body) => Contract.Validate(body).Errors;

    protected abstract EventContractDescriptor Contract { get; }

    /// <summary>De-duplicates, records and answers a valid, authenticated call.</summary>
    protected abstract Task AcceptAsync(HttpContext context, byte[] body);

    protected abstract Task WriteUnauthorizedAsync(HttpContext context, AuthOutcome outcome);

    protected abstract Task WriteInvalidAsync(HttpContext context, int status, IReadOnlyList<ValidationError> errors);

    protected abstract Task WriteServerErrorAsync(HttpContext context);

    protected abstract Task WriteRateLimitedAsync(HttpContext context);

    /// <summary>Answers 503 in the vendor's error shape, without <c>Retry-After</c>: an outage gives no hint of its end.</summary>
    protected abstract Task WriteUnavailableAsync(HttpContext context);

    /// <summary>Checks a presented key: non-empty, and equal to the configured key when there is one.</summary>
    protected AuthOutcome CheckKey(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return AuthOutcome.Missing;
        }

        string? expected = ConfiguredKey;
        return expected is null || Credentials.KeyEquals(presented, expected) ? AuthOutcome.Ok : AuthOutcome.Invalid;
    }

    protected RecordedEvent Record(HttpContext context, string? messageId, byte[] body)
    {
        RecordedEvent recorded = State.Events.Record(Vendor, messageId, State.Time.GetUtcNow(), context.Request.Path.Value ?? "", RecordedHeaders.Of(context), body);
        LogAccepted(Logger, Vendor.Id, recorded.Sequence, messageId);
        return recorded;
    }

    protected void CountDuplicate(string messageId, string outcome)
    {
        State.Events.CountDuplicate(Vendor);
        LogDuplicate(Logger, Vendor.Id, messageId, outcome);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Vendor}: recorded event #{Sequence} (messageId {MessageId})")]
    private static partial void LogAccepted(ILogger logger, string vendor, long sequence, string? messageId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Vendor}: call refused: {Reason}")]
    protected static partial void LogRejected(ILogger logger, string vendor, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Vendor}: duplicate messageId {MessageId}, {Outcome}")]
    private static partial void LogDuplicate(ILogger logger, string vendor, string messageId, string outcome);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Vendor}: injected fault: {Fault}")]
    private static partial void LogFault(ILogger logger, string vendor, string fault);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Vendor}: bad call answered 200 and dropped, as the vendor does without X-Strict-Mode: 1 ({Reason})")]
    protected static partial void LogPermissiveDrop(ILogger logger, string vendor, string reason);
}
