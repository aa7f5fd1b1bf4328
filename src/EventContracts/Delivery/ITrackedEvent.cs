using System.Collections.Generic;
using System.Text.Json;

namespace EventContracts.Delivery;

/// <summary>
/// An event of the tracking plan, as generated: its wire name, the destinations the plan sends it
/// to, and its properties. Senders wrap it in each destination's envelope.
/// </summary>
public interface ITrackedEvent
{
    /// <summary>The event's name on the wire (for example <c>Order Completed</c>).</summary>
    string EventName { get; }

    /// <summary>The vendor contracts the plan sends this event to, by name.</summary>
    IReadOnlyList<string> Destinations { get; }

    /// <summary>Writes the event's properties as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    void WriteProperties(Utf8JsonWriter writer);

    /// <summary>Validates the event's properties against the plan.</summary>
    /// <returns>The errors found.</returns>
    ValidationResult Validate();

    /// <summary>
    /// Validates the event's properties given as UTF-8 JSON (as <see cref="WriteProperties"/> writes them, for
    /// example inside a request body that was just written) against the plan, without writing them again.
    /// </summary>
    /// <param name="utf8Json">The properties object.</param>
    /// <returns>The errors found, with paths relative to the properties object.</returns>
    ValidationResult ValidatePropertiesJson(System.ReadOnlySpan<byte> utf8Json);
}
