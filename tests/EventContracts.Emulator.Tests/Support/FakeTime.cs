using System;

namespace EventContracts.Emulator.Tests.Support;

/// <summary>A clock that stands still until a test moves it.</summary>
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

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
