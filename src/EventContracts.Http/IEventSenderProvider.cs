using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace EventContracts.Http;

/// <summary>Finds the sender of a destination by its vendor contract name (case-insensitive).</summary>
public interface IEventSenderProvider
{
    /// <summary>The names of the registered vendors.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Returns the sender of a vendor.</summary>
    /// <param name="name">The vendor contract's name (for example <c>Courier</c>).</param>
    /// <returns>The sender.</returns>
    /// <exception cref="KeyNotFoundException">No sender is registered under that name (the message lists the registered ones).</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The vendor's options are unusable.</exception>
    EventSender GetSender(string name);

    /// <summary>Returns the sender of a vendor, or false when none is registered under that name.</summary>
    /// <param name="name">The vendor contract's name.</param>
    /// <param name="sender">The sender.</param>
    /// <returns>Whether a sender is registered.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The vendor is registered but its options are unusable.</exception>
    bool TryGetSender(string name, [NotNullWhen(true)] out EventSender? sender);
}

/// <summary>A fixed set of senders, for use without dependency injection: <c>new EventTracker(new EventSenderCollection(courier, pushEngage))</c>.</summary>
public sealed class EventSenderCollection : IEventSenderProvider
{
    private readonly Dictionary<string, EventSender> _senders = new Dictionary<string, EventSender>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the collection.</summary>
    /// <param name="senders">The senders; names must be distinct.</param>
    /// <exception cref="ArgumentException">Two senders have the same name.</exception>
    public EventSenderCollection(params EventSender[] senders)
        : this((IEnumerable<EventSender>)senders)
    {
    }

    /// <summary>Creates the collection.</summary>
    /// <param name="senders">The senders; names must be distinct.</param>
    /// <exception cref="ArgumentException">Two senders have the same name.</exception>
    public EventSenderCollection(IEnumerable<EventSender> senders)
    {
        if (senders is null)
        {
            throw new ArgumentNullException(nameof(senders));
        }

        foreach (EventSender sender in senders)
        {
            if (!_senders.TryAdd(sender.Name, sender))
            {
                throw new ArgumentException("Two senders are named " + sender.Name + ".", nameof(senders));
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Names => _senders.Keys.ToArray();

    /// <inheritdoc/>
    public EventSender GetSender(string name)
        => TryGetSender(name, out EventSender? sender)
            ? sender
            : throw new KeyNotFoundException("No EventContracts sender is registered for '" + name + "' (registered: " + string.Join(", ", _senders.Keys) + ").");

    /// <inheritdoc/>
    public bool TryGetSender(string name, [NotNullWhen(true)] out EventSender? sender)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return _senders.TryGetValue(name, out sender);
    }
}
