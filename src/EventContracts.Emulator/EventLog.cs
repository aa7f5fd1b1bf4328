using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace EventContracts.Emulator;

/// <summary>One event the emulator accepted and recorded.</summary>
public sealed class RecordedEvent
{
    internal RecordedEvent(long sequence, string vendor, string? messageId, DateTimeOffset receivedAt, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Sequence = sequence;
        Vendor = vendor;
        MessageId = messageId;
        ReceivedAt = receivedAt;
        Path = path;
        Headers = headers;
        Body = body;
    }

    /// <summary>Position of the event in the order of acceptance, from 1 (restarts after a clear).</summary>
    public long Sequence { get; }

    /// <summary>The vendor's lowercase name (<c>courier</c>, <c>userpilot</c>, <c>tranthor</c>, <c>customerio</c>, <c>pushengage</c>).</summary>
    public string Vendor { get; }

    /// <summary>The caller's <c>messageId</c>, for vendors that have one and when it was sent.</summary>
    public string? MessageId { get; }

    /// <summary>When the emulator received the event (its <see cref="TimeProvider"/>'s clock).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The request path the event arrived on.</summary>
    public string Path { get; }

    /// <summary>
    /// The request's headers (names looked up ignoring case; a header sent several times has its values joined with
    /// a comma), without the credentials' secrets: <c>Authorization</c> and <c>Proxy-Authorization</c> keep their
    /// scheme (<c>Bearer ***</c>), and a header whose name has <c>key</c>, <c>token</c>, <c>secret</c>, <c>password</c>,
    /// <c>cookie</c>, <c>signature</c>, <c>credential</c>, <c>auth</c> or <c>session</c> in it (<c>PublicWriteKey</c>,
    /// <c>Api-Key</c>, <c>X-Auth-Token</c>) reads <c>***</c>. The events of one Customer.io batch share their request's headers.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The event's JSON as sent, UTF-8 (for a Customer.io batch: one element of <c>batch</c>).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The event's JSON as a string.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}

/// <summary>Counters of one vendor since start or the last clear.</summary>
public readonly record struct VendorCounts(
    string Vendor,
    long Stored,
    long Accepted,
    long Rejected,
    long Duplicates,
    long Faults);

/// <summary>
/// The bounded, thread-safe record of accepted events (oldest dropped first) and per-vendor counters.
/// </summary>
public sealed class EventLog
{
    private readonly object _gate = new object();
    private readonly int _capacity;
    private readonly Queue<RecordedEvent> _events = new Queue<RecordedEvent>();
    private readonly long[] _stored = new long[VendorInfo.All.Count];
    private readonly long[] _accepted = new long[VendorInfo.All.Count];
    private readonly long[] _rejected = new long[VendorInfo.All.Count];
    private readonly long[] _duplicates = new long[VendorInfo.All.Count];
    private readonly long[] _faults = new long[VendorInfo.All.Count];
    private long _sequence;

    /// <summary>Creates an empty log that keeps at most <paramref name="capacity"/> events.</summary>
    /// <param name="capacity">How many events are kept.</param>
    public EventLog(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _capacity = capacity;
    }

    /// <summary>How many events are kept at most.</summary>
    public int Capacity => _capacity;

    /// <summary>How many events are stored now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Returns the stored events, oldest first, optionally of one vendor only.</summary>
    /// <param name="vendor">A vendor's lowercase name or contract name, or <see langword="null"/> for all.</param>
    /// <returns>A copy of the stored events.</returns>
    public IReadOnlyList<RecordedEvent> Snapshot(string? vendor = null)
    {
        string? id = vendor is null ? null : (VendorInfo.FindByName(vendor)?.Id ?? vendor);
        lock (_gate)
        {
            var list = new List<RecordedEvent>(id is null ? _events.Count : Math.Min(_events.Count, 1024));
            foreach (RecordedEvent e in _events)
            {
                if (id is null || string.Equals(e.Vendor, id, StringComparison.Ordinal))
                {
                    list.Add(e);
                }
            }

            return list;
        }
    }

    /// <summary>Returns up to <paramref name="count"/> of the newest events, newest first.</summary>
    /// <param name="count">How many events at most.</param>
    /// <returns>The newest events.</returns>
    public IReadOnlyList<RecordedEvent> Newest(int count)
    {
        lock (_gate)
        {
            RecordedEvent[] all = _events.ToArray();
            int n = Math.Min(count, all.Length);
            var list = new List<RecordedEvent>(n);
            for (int i = all.Length - 1; i >= all.Length - n; i--)
            {
                list.Add(all[i]);
            }

            return list;
        }
    }

    /// <summary>Returns the counters of every vendor.</summary>
    /// <returns>One entry per vendor, in a fixed order.</returns>
    public IReadOnlyList<VendorCounts> Counts()
    {
        lock (_gate)
        {
            var list = new List<VendorCounts>(VendorInfo.All.Count);
            foreach (VendorInfo vendor in VendorInfo.All)
            {
                int i = (int)vendor.Kind;
                list.Add(new VendorCounts(vendor.Id, _stored[i], _accepted[i], _rejected[i], _duplicates[i], _faults[i]));
            }

            return list;
        }
    }

    /// <summary>Removes every event and resets the counters.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
            _sequence = 0;
            Array.Clear(_stored, 0, _stored.Length);
            Array.Clear(_accepted, 0, _accepted.Length);
            Array.Clear(_rejected, 0, _rejected.Length);
            Array.Clear(_duplicates, 0, _duplicates.Length);
            Array.Clear(_faults, 0, _faults.Length);
        }
    }

    internal RecordedEvent Record(VendorInfo vendor, string? messageId, DateTimeOffset receivedAt, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        lock (_gate)
        {
            var recorded = new RecordedEvent(++_sequence, vendor.Id, messageId, receivedAt, path, headers, body);
            _events.Enqueue(recorded);
            _stored[(int)vendor.Kind]++;
            _accepted[(int)vendor.Kind]++;
            while (_events.Count > _capacity)
            {
                RecordedEvent dropped = _events.Dequeue();
                VendorInfo? droppedVendor = VendorInfo.FindByName(dropped.Vendor);
                if (droppedVendor is not null)
                {
                    _stored[(int)droppedVendor.Kind]--;
                }
            }

            return recorded;
        }
    }

    internal void CountRejected(VendorInfo vendor) => Increment(_rejected, vendor);

    internal void CountDuplicate(VendorInfo vendor) => Increment(_duplicates, vendor);

    internal void CountFault(VendorInfo vendor) => Increment(_faults, vendor);

    private void Increment(long[] counters, VendorInfo vendor)
    {
        lock (_gate)
        {
            counters[(int)vendor.Kind]++;
        }
    }
}

/// <summary>
/// The <c>messageId</c>s a de-duplicating vendor has accepted, with their receipt times; thread-safe and bounded
/// (the oldest ids are forgotten first).
/// </summary>
internal sealed class MessageIdRegistry
{
    private readonly object _gate = new object();
    private readonly TimeSpan? _window;
    private readonly int _capacity;
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new Queue<(string Id, DateTimeOffset At)>();

    /// <param name="window">How long a repeat counts as a duplicate, or <see langword="null"/> for ever.</param>
    /// <param name="capacity">How many ids are remembered at most.</param>
    public MessageIdRegistry(TimeSpan? window, int capacity)
    {
        _window = window;
        _capacity = capacity;
    }

    /// <summary>
    /// Claims an id: <see langword="true"/> when it is new (or its window has passed) and is now remembered from
    /// <paramref name="now"/>; <see langword="false"/> when it is a duplicate (nothing changes: first wins).
    /// </summary>
    public bool TryClaim(string messageId, DateTimeOffset now)
    {
        lock (_gate)
        {
            Expire(now);
            if (_firstSeen.TryGetValue(messageId, out DateTimeOffset first) && !IsExpired(first, now))
            {
                return false;
            }

            _firstSeen[messageId] = now;
            _order.Enqueue((messageId, now));
            while (_firstSeen.Count > _capacity && _order.Count > 0)
            {
                Forget(_order.Dequeue());
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _firstSeen.Clear();
            _order.Clear();
        }
    }

    private bool IsExpired(DateTimeOffset first, DateTimeOffset now) => _window is { } window && now - first >= window;

    private void Expire(DateTimeOffset now)
    {
        while (_window is not null && _order.Count > 0 && IsExpired(_order.Peek().At, now))
        {
            Forget(_order.Dequeue());
        }

        // Queue entries left behind by re-claimed ids are dropped lazily as they reach the front.
    }

    private void Forget((string Id, DateTimeOffset At) entry)
    {
        if (_firstSeen.TryGetValue(entry.Id, out DateTimeOffset at) && at == entry.At)
        {
            _firstSeen.Remove(entry.Id);
        }
    }
}
