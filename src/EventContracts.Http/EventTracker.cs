using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Delivery;
using EventContracts.Http.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventContracts.Http;

/// <summary>Sends one tracking-plan event to every destination the plan gives it.</summary>
public interface IEventTracker
{
    /// <summary>
    /// Sends the event to each of <see cref="ITrackedEvent.Destinations"/> in parallel, with one <c>messageId</c> for all
    /// of them (a new UUID v7 when not given).
    /// </summary>
    /// <param name="trackedEvent">The event.</param>
    /// <param name="userId">The user; null sends none.</param>
    /// <param name="messageId">The idempotency key; pass the one of an earlier call to re-send the same event.</param>
    /// <param name="cancellationToken">
    /// Cancels every send: then a <see cref="SendCanceledException"/> (an <see cref="OperationCanceledException"/>) is thrown,
    /// with one result per destination, those that had ended as they were.
    /// </param>
    /// <returns>One result per destination.</returns>
    Task<TrackResult> TrackAsync(ITrackedEvent trackedEvent, [UserId] string? userId, [MessageId] string? messageId = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends one tracking-plan event to every destination the plan gives it, in parallel, with one <c>messageId</c>.
/// A destination without a registered sender gets a <see cref="SendOutcome.Failed"/> result naming it (code
/// <c>unregistered</c>); one whose options are unusable gets a Failed result with code <c>configuration</c>; one
/// whose sender or service provider was disposed (an application shutting down) gets a Failed result with code
/// <c>disposed</c>.
/// </summary>
public sealed class EventTracker : IEventTracker
{
    private readonly IEventSenderProvider _senders;
    private readonly ILogger _logger;

    /// <summary>Creates a tracker.</summary>
    /// <param name="senders">The senders by destination name.</param>
    /// <param name="logger">Logging; none when null.</param>
    public EventTracker(IEventSenderProvider senders, ILogger<EventTracker>? logger = null)
    {
        _senders = senders ?? throw new ArgumentNullException(nameof(senders));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async Task<TrackResult> TrackAsync(ITrackedEvent trackedEvent, [UserId] string? userId, [MessageId] string? messageId = null, CancellationToken cancellationToken = default)
    {
        if (trackedEvent is null)
        {
            throw new ArgumentNullException(nameof(trackedEvent));
        }

        messageId ??= UuidV7.NewString();
        string eventName = trackedEvent.EventName ?? string.Empty;
        using Activity? activity = EventContractsTelemetry.Source.StartActivity("eventcontracts.track", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = "track " + eventName;
            activity.SetTag("eventcontracts.event", eventName);
            activity.SetTag("eventcontracts.message_id", messageId);
        }

        var destinations = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string destination in trackedEvent.Destinations ?? Array.Empty<string>())
        {
            if (destination is not null && seen.Add(destination))
            {
                destinations.Add(destination);
            }
        }

        var tasks = new Task<SendResult>[destinations.Count];
        for (int i = 0; i < destinations.Count; i++)
        {
            tasks[i] = SendOneAsync(destinations[i], trackedEvent, eventName, userId, messageId, cancellationToken);
        }

        SendResult[] results;
        try
        {
            results = await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, SendCanceledException.CancelledCode);
            throw new SendCanceledException(await PartialResultsAsync(tasks, destinations, messageId).ConfigureAwait(false), ex, cancellationToken);
        }

        var result = new TrackResult(eventName, messageId, results);
        activity?.SetStatus(result.AllDelivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        return result;
    }

    /// <summary>
    /// Each destination's result once every send has ended: its own, the one its cancellation carried, or a not-sent one
    /// for a send the cancellation stopped before its request.
    /// </summary>
    private static async Task<SendResult[]> PartialResultsAsync(Task<SendResult>[] tasks, List<string> destinations, string messageId)
    {
        var results = new SendResult[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
        {
            try
            {
                results[i] = await tasks[i].ConfigureAwait(false);
            }
            catch (SendCanceledException ex) when (ex.Results.Count == 1)
            {
                results[i] = ex.Results[0];
            }
            catch (OperationCanceledException)
            {
                results[i] = EventSender.Unsent(SendOutcome.Failed, destinations[i], messageId, SendCanceledException.NotSent);
            }
        }

        return results;
    }

    private async Task<SendResult> SendOneAsync(string destination, ITrackedEvent trackedEvent, string eventName, string? userId, string messageId, CancellationToken cancellationToken)
    {
        EventSender? sender;
        try
        {
            if (!_senders.TryGetSender(destination, out sender))
            {
                Log.Unregistered(_logger, eventName, destination, messageId);
                return Failed(destination, messageId, "unregistered", "no sender is registered for destination '" + destination + "' (registered: " + string.Join(", ", _senders.Names) + ")");
            }
        }
        catch (ObjectDisposedException ex)
        {
            return NotSentAfterDisposal(destination, messageId, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Options that cannot make a sender, or the application's own configuration of the vendor that threw.
            string problem = ex is OptionsValidationException ? ex.Message : "the sender could not be made: " + ex.GetType().Name + ": " + ex.Message;
            Log.Misconfigured(_logger, eventName, destination, messageId, problem);
            return Failed(destination, messageId, "configuration", problem);
        }

        // Yield to the thread pool (not to the caller's synchronization context, which a caller blocking on TrackAsync
        // would hold) so the other destinations' bodies are written and sent without waiting for this one.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        try
        {
            return await sender.SendAsync(trackedEvent, userId, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            return NotSentAfterDisposal(destination, messageId, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An exception the sender does not turn into a result (a handler of the application's that throws): this
            // destination's result, so the others' are not lost with it.
            Log.Threw(_logger, ex, eventName, destination, messageId);
            return Failed(destination, messageId, "exception", "the send threw " + ex.GetType().Name + ": " + sender.Redact(ex.Message));
        }
    }

    /// <summary>A destination the tracker could not send to, counted under <paramref name="code"/> as the senders count theirs.</summary>
    private static SendResult Failed(string destination, string messageId, string code, string message)
    {
        EventContractsTelemetry.Failed.Add(1, new KeyValuePair<string, object?>("eventcontracts.destination", destination), new KeyValuePair<string, object?>("eventcontracts.outcome", code));
        return EventSender.Unsent(SendOutcome.Failed, destination, messageId, new VendorError(string.Empty, code, message));
    }

    /// <summary>
    /// A destination whose sender (or the service provider it comes from) was disposed before its send began, as an
    /// application shutting down does: a result, so the other destinations' results are not lost with it.
    /// </summary>
    private static SendResult NotSentAfterDisposal(string destination, string messageId, ObjectDisposedException ex)
        => EventSender.Unsent(SendOutcome.Failed, destination, messageId, new VendorError(string.Empty, "disposed", "not sent: " + (ex.ObjectName == nameof(EventSender) ? "the sender was disposed" : "a service the sender needs was disposed (" + (ex.ObjectName is { Length: > 0 } name ? name : ex.GetType().Name) + ")") + "; is the application shutting down?"));
}
