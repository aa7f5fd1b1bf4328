using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EventContracts.Http;

/// <summary>
/// The outcome of sending one event to one destination. A vendor's "no", a validation failure, a timeout or a
/// transport error is a result, never an exception; only the caller's own cancellation throws
/// (a <see cref="SendCanceledException"/> with the results of what was under way).
/// </summary>
public sealed class SendResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="outcome">What became of the event.</param>
    /// <param name="destination">The vendor contract's name.</param>
    /// <param name="messageId">The event's idempotency key (also used for vendors that have none, to correlate logs).</param>
    /// <param name="statusCode">The HTTP status of the last response, or null when no response arrived.</param>
    /// <param name="vendorMessageId">An id the vendor assigned (Courier's 202 <c>messageId</c>), or null.</param>
    /// <param name="errors">The problems reported; empty on success.</param>
    /// <param name="attempts">How many HTTP requests were made (0 when nothing was sent).</param>
    /// <param name="elapsed">Time from the call to its result, retries included.</param>
    public SendResult(
        SendOutcome outcome,
        string destination,
        string messageId,
        int? statusCode,
        string? vendorMessageId,
        IReadOnlyList<VendorError>? errors,
        int attempts,
        TimeSpan elapsed)
    {
        Outcome = outcome;
        Destination = destination ?? throw new ArgumentNullException(nameof(destination));
        MessageId = messageId ?? throw new ArgumentNullException(nameof(messageId));
        StatusCode = statusCode;
        VendorMessageId = vendorMessageId;
        Errors = errors ?? Array.Empty<VendorError>();
        Attempts = attempts;
        Elapsed = elapsed;
    }

    /// <summary>What became of the event.</summary>
    public SendOutcome Outcome { get; }

    /// <summary>The vendor contract's name (for example <c>Courier</c>).</summary>
    public string Destination { get; }

    /// <summary>The event's idempotency key, the same on every attempt.</summary>
    public string MessageId { get; }

    /// <summary>The HTTP status of the last response, or null when no response arrived (or nothing was sent).</summary>
    public int? StatusCode { get; }

    /// <summary>An id the vendor assigned to the accepted request (Courier's 202 body <c>messageId</c>), or null.</summary>
    public string? VendorMessageId { get; }

    /// <summary>The problems reported by the vendor or by our own validation; empty on success.</summary>
    public IReadOnlyList<VendorError> Errors { get; }

    /// <summary>How many HTTP requests were made for this event (retries included); 0 when nothing was sent.</summary>
    public int Attempts { get; }

    /// <summary>Time from the call to its result, retries and their delays included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary><see langword="true"/> when the vendor has the event: <see cref="SendOutcome.Accepted"/> or <see cref="SendOutcome.Duplicate"/>.</summary>
    public bool IsDelivered => Outcome is SendOutcome.Accepted or SendOutcome.Duplicate;

    /// <summary>
    /// One line, then one indented line per error, for example
    /// <c>Courier Rejected (HTTP 401) messageId=0190... attempts=1 in 12 ms</c>.
    /// </summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Destination).Append(' ').Append(Outcome);
        if (StatusCode is int status)
        {
            builder.Append(" (HTTP ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        builder.Append(" messageId=").Append(MessageId);
        if (VendorMessageId is not null)
        {
            builder.Append(" vendorMessageId=").Append(VendorMessageId);
        }

        builder.Append(" attempts=").Append(Attempts.ToString(CultureInfo.InvariantCulture))
            .Append(" in ").Append(((long)Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append(" ms");
        foreach (VendorError error in Errors)
        {
            builder.Append('\n').Append("  ").Append(error.ToString());
        }

        return builder.ToString();
    }
}
