using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventContracts.Emulator;

/// <summary>One vendor's endpoint while it is down.</summary>
/// <param name="Vendor">The vendor.</param>
/// <param name="Until">When the outage ends (wall clock, for display; the switch itself uses the monotonic timestamp).</param>
/// <param name="Remaining">How long it still lasts.</param>
/// <param name="Refused">Calls answered 503 since it started.</param>
internal readonly record struct OutageState(VendorInfo Vendor, DateTimeOffset Until, TimeSpan Remaining, long Refused);

/// <summary>
/// Timed outages: a vendor's endpoint (or every one) answers 503 until a point in time, then recovers by itself.
/// Times are taken from the emulator's <see cref="TimeProvider"/> monotonic timestamp, so a wall-clock change does
/// not end or stretch an outage and a test's fake clock can end it without waiting. Thread-safe.
/// </summary>
internal sealed partial class OutageSwitch
{
    /// <summary>The longest outage accepted: longer ones are almost certainly a typo (milliseconds for seconds).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    private readonly object _gate = new object();
    private readonly TimeProvider _time;

    // Per vendor: the timestamp the outage ends at (0 = up) and the calls it refused. Read on every vendor call,
    // but one uncontended lock is nothing next to an HTTP round trip, and it keeps the pair consistent.
    private readonly long[] _until = new long[VendorInfo.All.Count];
    private readonly long[] _refused = new long[VendorInfo.All.Count];

    public OutageSwitch(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Checks a duration against the accepted range; returns the problem, or <see langword="null"/> when it is fine.</summary>
    public static string? CheckDuration(TimeSpan duration)
        => duration <= TimeSpan.Zero ? "must be positive"
            : duration > MaxDuration ? "must be at most " + MaxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " seconds"
            : null;

    /// <summary>
    /// Takes <paramref name="vendor"/> (or every vendor when <see langword="null"/>) down from now for
    /// <paramref name="duration"/>, replacing any outage it already has. The duration must pass <see cref="CheckDuration"/>.
    /// </summary>
    /// <returns>When the outage ends, by the wall clock.</returns>
    public DateTimeOffset Start(VendorInfo? vendor, TimeSpan duration, ILogger logger)
    {
        long until = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
        DateTimeOffset untilUtc = _time.GetUtcNow() + duration;
        lock (_gate)
        {
            foreach (VendorInfo v in Targets(vendor))
            {
                _until[(int)v.Kind] = until;
                _refused[(int)v.Kind] = 0;
            }
        }

        LogStarted(logger, vendor?.Id ?? "every vendor", duration.TotalSeconds, untilUtc);
        return untilUtc;
    }

    /// <summary>Ends the outage of <paramref name="vendor"/> (or of every vendor when <see langword="null"/>) now.</summary>
    /// <returns><see langword="true"/> when an endpoint was down.</returns>
    public bool End(VendorInfo? vendor, ILogger logger)
    {
        bool ended = false;
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            foreach (VendorInfo v in Targets(vendor))
            {
                int i = (int)v.Kind;
                if (_until[i] != 0)
                {
                    ended |= now < _until[i];
                    _until[i] = 0;
                }
            }
        }

        if (ended)
        {
            LogEnded(logger, vendor?.Id ?? "every vendor");
        }

        return ended;
    }

    /// <summary>
    /// <see langword="true"/> when the vendor is down now; the call is then counted as refused. The first call
    /// after an outage ran out clears it and logs the recovery (nothing else watches the clock).
    /// </summary>
    public bool IsDown(VendorInfo vendor, ILogger logger)
    {
        int i = (int)vendor.Kind;
        lock (_gate)
        {
            if (_until[i] == 0)
            {
                return false;
            }

            if (_time.GetTimestamp() < _until[i])
            {
                _refused[i]++;
                return true;
            }

            _until[i] = 0;
        }

        LogOver(logger, vendor.Id);
        return false;
    }

    /// <summary>The vendors down now, in the fixed vendor order.</summary>
    public IReadOnlyList<OutageState> Current()
    {
        var down = new List<OutageState>();
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            DateTimeOffset nowUtc = _time.GetUtcNow();
            foreach (VendorInfo vendor in VendorInfo.All)
            {
                int i = (int)vendor.Kind;
                if (_until[i] != 0 && now < _until[i])
                {
                    TimeSpan remaining = _time.GetElapsedTime(now, _until[i]);
                    down.Add(new OutageState(vendor, nowUtc + remaining, remaining, _refused[i]));
                }
            }
        }

        return down;
    }

    /// <summary>The vendor, or every vendor when <see langword="null"/>.</summary>
    public static IReadOnlyList<VendorInfo> Targets(VendorInfo? vendor) => vendor is null ? VendorInfo.All : new[] { vendor };

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Outage of {Target} started: calls are answered 503 for {Seconds} s, until {Until:u}")]
    private static partial void LogStarted(ILogger logger, string target, double seconds, DateTimeOffset until);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Outage of {Target} ended early: calls are answered again")]
    private static partial void LogEnded(ILogger logger, string target);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{Vendor}: outage over, calls are answered again")]
    private static partial void LogOver(ILogger logger, string vendor);
}

/// <summary>
/// The outage control endpoints: <c>POST /_emulator/outage?vendor=courier&amp;seconds=30</c> (vendor optional: every
/// vendor) and <c>DELETE /_emulator/outage[?vendor=courier]</c>.
/// </summary>
internal static class OutageEndpoints
{
    private const string UnknownVendor = "unknown vendor; expected one of courier, userpilot, tranthor, customerio, pushengage (or none for every vendor)";

    public static async Task StartAsync(HttpContext context, EmulatorState state, ILogger logger)
    {
        if (!TryVendor(context, out VendorInfo? vendor))
        {
            await BadRequestAsync(context, UnknownVendor).ConfigureAwait(false);
            return;
        }

        string? text = context.Request.Query["seconds"];
        if (string.IsNullOrEmpty(text))
        {
            await BadRequestAsync(context, "the query parameter seconds is required (for example ?seconds=30)").ConfigureAwait(false);
            return;
        }

        // Fractions are accepted so that tests can run sub-second outages over HTTP.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds))
        {
            await BadRequestAsync(context, "seconds must be a number").ConfigureAwait(false);
            return;
        }

        // Clamped into TimeSpan's range (FromSeconds throws beyond it); a clamped value still fails the check. The
        // limit is checked on the number given, as FromSeconds rounds to 100 ns (3600.00000001 would be 3600).
        TimeSpan duration = TimeSpan.FromSeconds(Math.Clamp(seconds, -1, OutageSwitch.MaxDuration.TotalSeconds + 1));
        if (OutageSwitch.CheckDuration(seconds > OutageSwitch.MaxDuration.TotalSeconds ? TimeSpan.MaxValue : duration) is string problem)
        {
            await BadRequestAsync(context, "seconds " + problem).ConfigureAwait(false);
            return;
        }

        DateTimeOffset until = state.Outages.Start(vendor, duration, logger);
        await Responses.JsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("vendors"u8);
            foreach (VendorInfo v in OutageSwitch.Targets(vendor))
            {
                w.WriteStringValue(v.Id);
            }

            w.WriteEndArray();
            w.WriteNumber("seconds"u8, duration.TotalSeconds);
            w.WriteString("until"u8, until);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task EndAsync(HttpContext context, EmulatorState state, ILogger logger)
    {
        if (!TryVendor(context, out VendorInfo? vendor))
        {
            await BadRequestAsync(context, UnknownVendor).ConfigureAwait(false);
            return;
        }

        state.Outages.End(vendor, logger);
        await Responses.EmptyAsync(context, StatusCodes.Status204NoContent).ConfigureAwait(false);
    }

    /// <summary>The <c>vendor</c> query parameter: <see langword="null"/> (every vendor) when absent or empty; <see langword="false"/> when it names no vendor.</summary>
    private static bool TryVendor(HttpContext context, out VendorInfo? vendor)
    {
        string? name = context.Request.Query["vendor"];
        vendor = string.IsNullOrEmpty(name) ? null : VendorInfo.FindByName(name);
        return string.IsNullOrEmpty(name) || vendor is not null;
    }

    private static Task BadRequestAsync(HttpContext context, string error)
        => Responses.JsonAsync(context, StatusCodes.Status400BadRequest, w =>
        {
            w.WriteStartObject();
            w.WriteString("error"u8, error);
            w.WriteEndObject();
        });
}
