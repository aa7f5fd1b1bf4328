using System;

namespace EventContracts.Emulator.Tests.Support;

/// <summary>A clock that stands still until a test moves it: the wall clock and the monotonic timestamp move together.</summary>
internal sealed class FakeTime : TimeProvider
{
    private readonly object _gate = new object();
    private DateTimeOffset _now;

    public FakeTime(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
