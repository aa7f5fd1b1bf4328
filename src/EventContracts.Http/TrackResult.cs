using System;
using System.Collections.Generic;
using System.Text;

namespace EventContracts.Http;

/// <summary>The outcome of tracking one event: one <see cref="SendResult"/> per destination, in the plan's order.</summary>
public sealed class TrackResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="eventName">The event's wire name.</param>
    /// <param name="messageId">The idempotency key shared by every destination.</param>
    /// <param name="results">One result per destination.</param>
    public TrackResult(string eventName, string messageId, IReadOnlyList<SendResult> results)
    {
        EventName = eventName ?? throw new ArgumentNullException(nameof(eventName));
        MessageId = messageId ?? throw new ArgumentNullException(nameof(messageId));
        Results = results ?? throw new ArgumentNullException(nameof(results));
    }

    /// <summary>The event's wire name.</summary>
    public string EventName { get; }

    /// <summary>The idempotency key shared by every destination.</summary>
    public string MessageId { get; }

    /// <summary>One result per destination, in the order of the event's destinations.</summary>
    public IReadOnlyList<SendResult> Results { get; }

    /// <summary><see langword="true"/> when every destination has the event (accepted or duplicate).</summary>
    public bool AllDelivered
    {
        get
        {
            foreach (SendResult result in Results)
            {
                if (!result.IsDelivered)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The result of one destination (case-insensitive name).</summary>
    /// <param name="destination">The vendor contract's name.</param>
    /// <returns>The result.</returns>
    /// <exception cref="KeyNotFoundException">The event does not go to that destination.</exception>
    public SendResult this[string destination]
    {
        get
        {
            foreach (SendResult result in Results)
            {
                if (string.Equals(result.Destination, destination, StringComparison.OrdinalIgnoreCase))
                {
                    return result;
                }
            }

            throw new KeyNotFoundException("The event " + EventName + " was not sent to " + destination + ".");
        }
    }

    /// <summary>The event, its messageId, then each destination's result on its own line.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(EventName).Append(" messageId=").Append(MessageId).Append(AllDelivered ? ": delivered" : ": not delivered everywhere");
        foreach (SendResult result in Results)
        {
            builder.Append('\n').Append("- ").Append(result.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return builder.ToString();
    }
}
