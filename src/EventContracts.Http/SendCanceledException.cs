using System;
using System.Collections.Generic;
using System.Threading;

namespace EventContracts.Http;

/// <summary>
/// The caller cancelled a send, a track or a batch while requests were under way. It is an
/// <see cref="OperationCanceledException"/> (catch that as before), and it says what had become of each event:
/// <see cref="Results"/> holds one <see cref="SendResult"/> per destination of a track, per item of a batch (in order), or
/// the one of a single send. Results decided before the cancellation are kept as they were (a batch request that was
/// answered, a destination that had answered, an item that was <see cref="SendOutcome.Invalid"/>); the others are
/// <see cref="SendOutcome.Failed"/> with code <c>cancelled</c>: with <see cref="SendResult.Attempts"/> 0 nothing of it was
/// sent, with more the vendor may have received it. Either way the same <see cref="SendResult.MessageId"/> re-sends it
/// safely where the vendor de-duplicates.
/// </summary>
public sealed class SendCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">What had become of each event.</param>
    /// <param name="innerException">The cancellation that ended the sends.</param>
    /// <param name="token">The caller's token.</param>
    public SendCanceledException(IReadOnlyList<SendResult> results, Exception? innerException, CancellationToken token)
        : base(Describe(results), innerException, token)
    {
        Results = results ?? throw new ArgumentNullException(nameof(results));
    }

    /// <summary>One result per destination (track), per item (batch) or the single send's, in order.</summary>
    public IReadOnlyList<SendResult> Results { get; }

    /// <summary>The <see cref="VendorError.Code"/> of a result the cancellation ended.</summary>
    internal const string CancelledCode = "cancelled";

    /// <summary>The error of a result whose request the cancellation stopped before it was sent.</summary>
    internal static readonly VendorError NotSent = new VendorError(string.Empty, CancelledCode, "cancelled before it was sent");

    private static string Describe(IReadOnlyList<SendResult>? results)
        => "The send was cancelled; Results holds what became of each of its " + (results?.Count ?? 0) + " events.";
}
