using System;

namespace EventContracts.Delivery;

/// <summary>
/// Marks a string parameter that takes a tracking-plan event name, so the EventContracts analyzers
/// check constant arguments against the plan (unknown names, style, destination limits).
/// Put it on your own tracking wrappers too.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class EventNameAttribute : Attribute
{
}

/// <summary>
/// Marks a parameter that takes an event's properties (a dictionary or an anonymous object), so the
/// analyzers check constant keys and values against the plan and the destinations.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class EventPropertiesAttribute : Attribute
{
    /// <summary>
    /// The properties the marked method adds to every event itself (an app version, a platform): a call need not write
    /// them, so a plan that requires them is not reported as missing them at the call (EC3008).
    /// </summary>
    public string[]? Adds { get; set; }

    /// <summary>
    /// Whether the marked method leaves out the properties whose value is null (a serializer with
    /// <c>JsonIgnoreCondition.WhenWritingNull</c>, or a filter of its own). The analyzers then read a call's top-level
    /// property that is certainly null (<c>price = (decimal?)null</c>) as not written: not checked against the plan or
    /// the destinations (EC3003, EC3007), and missing where the plan requires it (EC3008). By default a null is written,
    /// as <c>System.Text.Json</c> writes it, and checked.
    /// </summary>
    public bool OmitsNulls { get; set; }
}

/// <summary>Marks a parameter that takes an idempotency key; a constant argument defeats deduplication.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MessageIdAttribute : Attribute
{
}

/// <summary>Marks a parameter that takes the user identifier; a null argument is reported where a destination requires one.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class UserIdAttribute : Attribute
{
}
