using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Delivery;
using EventContracts.Http.Internal;

namespace EventContracts.Http;

/// <summary>One event of a batch: the event, its user and its idempotency key (a new UUID v7 when null).</summary>
/// <param name="Event">The event.</param>
/// <param name="UserId">The user, written to the item contract's first identity field.</param>
/// <param name="MessageId">The idempotency key; a new UUID v7 when null.</param>
public readonly record struct BatchItem(ITrackedEvent Event, string? UserId, [MessageId] string? MessageId = null);

public sealed partial class EventSender
{
    /// <summary>
    /// Sends events through a batch call (a contract whose request has <c>x-ec-batch</c>, such as
    /// <c>CustomerIoBatchContract.Profile</c>): each event is written with <paramref name="itemProfile"/>'s envelope
    /// (<c>CustomerIoContract.Profile</c>) and validated on its own, and the valid ones go out in as few requests as fit
    /// the batch contract's size limit. Each event gets its own result: an invalid one is <see cref="SendOutcome.Invalid"/>
    /// and not sent (so is one whose properties cannot be written: code <c>json</c>, as <see cref="SendAsync(ITrackedEvent, string?, string?, CancellationToken)"/>
    /// reports it); the others share the outcome of the request that carried them.
    /// </summary>
    /// <param name="itemProfile">The contract of one call inside the batch.</param>
    /// <param name="items">The events.</param>
    /// <param name="cancellationToken">
    /// Cancels the remaining requests: a <see cref="SendCanceledException"/> then holds one result per item, those of the
    /// requests already answered as they were, the others <see cref="SendOutcome.Failed"/> with code <c>cancelled</c>
    /// (attempts 0: not sent; more: the vendor may have them).
    /// </param>
    /// <returns>One result per item, in order.</returns>
    /// <exception cref="InvalidOperationException">This sender's contract is not a batch call.</exception>
    /// <exception cref="ArgumentException">An item has no event (checked before anything is sent).</exception>
    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(VendorProfile itemProfile, IReadOnlyList<BatchItem> items, CancellationToken cancellationToken = default)
    {
        if (itemProfile is null)
        {
            throw new ArgumentNullException(nameof(itemProfile));
        }

        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        string arrayProperty = _settings.Profile.BatchItemsProperty
            ?? throw new InvalidOperationException(Name + " is not a batch call: its contract's request has no x-ec-batch array.");

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();

        // Checked before anything is sent: an exception after the first request would lose the results of those sent.
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Event is null)
            {
                throw new ArgumentException("items[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "] has no event.", nameof(items));
            }
        }

        var results = new SendResult?[items.Count];
        // {"batch":[ ... ]}: the prefix is the object start and the escaped property name.
        byte[] prefix = BatchPrefix(arrayProperty);
        int opening = prefix.Length;
        int limit = _settings.Profile.MaxRequestBytes ?? int.MaxValue;
        using var batch = new PooledBufferWriter(4096);
        var members = new List<int>();
        var ids = new List<string>();

        long batchStarted = Stopwatch.GetTimestamp();
        for (int i = 0; i < items.Count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            var item = items[i];
            string messageId = item.MessageId ?? UuidV7.NewString();
            if (CheckIds(messageId, item.UserId, itemProfile) is { } problems)
            {
                results[i] = Complete(Invalid(messageId, problems, started), item.Event.EventName, null);
                continue;
            }

            using var one = new PooledBufferWriter(1024);
            Utf8JsonWriter writer = RentWriter(one);
            try
            {
                itemProfile.WriteRequest(writer, item.Event, item.UserId, messageId);
                writer.Flush();
            }
            catch (Exception ex) when (IsEventCodeFailure(ex))
            {
                // As SendAsync reports it; thrown, it would lose the results of the requests already sent.
                results[i] = Complete(Invalid(messageId, new List<VendorError> { WriteFailure(ex) }, started), item.Event.EventName, null);
                continue;
            }
            finally
            {
                writer.Reset();
            }

            if (_settings.Options.ValidateBeforeSend && ItemErrors(itemProfile, item, messageId, one.WrittenSpan) is { Count: > 0 } errors)
            {
                results[i] = Complete(Invalid(messageId, errors, started), item.Event.EventName, null);
                continue;
            }

            // The body with this call added: the prefix, '[', the calls so far, ',', this call, "]}".
            if (members.Count > 0 && opening + 1 + batch.WrittenSpan.Length + 1 + one.WrittenSpan.Length + 2 > limit)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            if (members.Count > 0)
            {
                batch.Write(","u8);
            }

            batch.Write(one.WrittenSpan);
            members.Add(i);
            ids.Add(messageId);
        }

        await FlushAsync().ConfigureAwait(false);
        var ordered = new SendResult[items.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            ordered[i] = results[i]!;
        }

        return ordered;

        async Task FlushAsync()
        {
            if (members.Count == 0)
            {
                return;
            }

            long started = Stopwatch.GetTimestamp();
            byte[] body = new byte[opening + 1 + batch.WrittenSpan.Length + 2];
            prefix.AsSpan(0, opening).CopyTo(body);
            body[opening] = (byte)'[';
            batch.WrittenSpan.CopyTo(body.AsSpan(opening + 1));
            body[^2] = (byte)']';
            body[^1] = (byte)'}';

            // The request's own result, fanned out to the events it carried under their own message ids.
            SendResult shared;
            try
            {
                shared = await SendBodyAsync(body, ids[0], started, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw CancelledBatch(ex);
            }

            for (int m = 0; m < members.Count; m++)
            {
                results[members[m]] = WithMessageId(shared, ids[m]);
            }

            members.Clear();
            ids.Clear();
            batch.Clear();
        }

        // Every item before this request has its result; this request's share the cancelled one (or are not sent if it
        // never went), and the items after it were never sent.
        SendCanceledException CancelledBatch(OperationCanceledException ex)
        {
            SendResult? inFlight = ex is SendCanceledException { Results.Count: 1 } sent ? sent.Results[0] : null;
            for (int m = 0; m < members.Count; m++)
            {
                results[members[m]] = inFlight is null ? Cancelled(ids[m], 0, null, batchStarted) : WithMessageId(inFlight, ids[m]);
            }

            var partial = new SendResult[items.Count];
            for (int i = 0; i < partial.Length; i++)
            {
                partial[i] = results[i] ?? Cancelled(items[i].MessageId ?? UuidV7.NewString(), 0, null, batchStarted);
            }

            return new SendCanceledException(partial, ex, cancellationToken);
        }
    }

    private static SendResult WithMessageId(SendResult shared, string messageId)
        => new SendResult(shared.Outcome, shared.Destination, messageId, shared.StatusCode, shared.VendorMessageId, shared.Errors, shared.Attempts, shared.Elapsed);

    private static byte[] BatchPrefix(string arrayProperty)
    {
        using var buffer = new PooledBufferWriter(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(arrayProperty);
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // {"batch":[]} without the trailing []}
        return buffer.WrittenSpan.Slice(0, buffer.WrittenSpan.Length - 3).ToArray();
    }

    private List<VendorError> ItemErrors(VendorProfile itemProfile, BatchItem item, string messageId, ReadOnlySpan<byte> body)
    {
        List<VendorError> errors = ContractErrors(itemProfile.ValidateWrittenRequest(body, item.Event, item.UserId, messageId));
        AddEventErrors(itemProfile, item.Event, errors);
        return errors;
    }
}
