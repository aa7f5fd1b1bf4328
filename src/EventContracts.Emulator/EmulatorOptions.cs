using System;
using System.Collections.Generic;
using System.Globalization;

namespace EventContracts.Emulator;

/// <summary>
/// Settings of the emulator, bound from the configuration section <c>Emulator</c> (command line
/// <c>--Emulator:Keys:Courier=secret</c>, environment <c>Emulator__Keys__Courier=secret</c>, or an
/// <c>appsettings.json</c> in the working directory), then adjusted by the <c>configure</c> callback of
/// <see cref="EmulatorApp.Build(string[], Action{EmulatorOptions}?)"/>.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "Emulator";

    /// <summary>The address the emulator listens on when neither <c>--urls</c> nor Kestrel endpoints are configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The API key each vendor accepts, by vendor (<c>Courier</c>, <c>Userpilot</c>, <c>Tranthor</c>, <c>CustomerIo</c>,
    /// <c>PushEngage</c>; case-insensitive). A vendor without a key accepts any non-empty key.
    /// </summary>
    public Dictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest request body read, in bytes; a larger body is answered 413. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many accepted events are kept (the oldest are dropped first). Default 100,000.</summary>
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>How many <c>messageId</c>s each de-duplicating vendor remembers (the oldest are forgotten first). Default 1,000,000.</summary>
    public int MaxRememberedMessageIds { get; set; } = 1_000_000;

    /// <summary>
    /// When <see langword="true"/>, Customer.io calls are always answered as in strict mode (400/401 for bad calls).
    /// By default, as the vendor documents, only calls with <c>X-Strict-Mode: 1</c> get error statuses; other bad
    /// calls are answered 200 and dropped.
    /// </summary>
    public bool CustomerIoAlwaysStrict { get; set; }

    /// <summary>Fault injection: shares of failed, throttled, slow and dropped calls, globally and per vendor.</summary>
    public FaultOptions Faults { get; } = new FaultOptions();

    /// <summary>
    /// The clock used for receipt times, de-duplication windows and the end of outages (its monotonic
    /// <see cref="TimeProvider.GetTimestamp"/>), not for injected delays. Not bound from configuration; tests set a
    /// fake one to move time forward. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Returns the key configured for a vendor, or <see langword="null"/> when any non-empty key is accepted.</summary>
    /// <param name="vendor">The vendor's contract name (for example <c>CustomerIo</c>) or its path prefix (<c>customerio</c>).</param>
    /// <returns>The configured key, or <see langword="null"/>.</returns>
    public string? KeyFor(string vendor)
    {
        if (Keys.TryGetValue(vendor, out string? key) && !string.IsNullOrEmpty(key))
        {
            return key;
        }

        return null;
    }

    /// <summary>Checks the values and throws <see cref="InvalidOperationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MaxBodyBytes <= 0)
        {
            throw Bad(nameof(MaxBodyBytes), "must be positive");
        }

        if (MaxEvents <= 0)
        {
            throw Bad(nameof(MaxEvents), "must be positive");
        }

        if (MaxRememberedMessageIds <= 0)
        {
            throw Bad(nameof(MaxRememberedMessageIds), "must be positive");
        }

        foreach (string vendor in Keys.Keys)
        {
            if (VendorInfo.FindByName(vendor) is null)
            {
                throw Bad("Keys:" + vendor, "is not a vendor (expected one of " + VendorInfo.ContractNames + ")");
            }
        }

        Faults.ValidateAll();
    }

    internal static InvalidOperationException Bad(string name, string problem)
        => new InvalidOperationException("Emulator option " + SectionName + ":" + name + " " + problem + ".");
}

/// <summary>
/// One set of fault-injection settings. Unset values fall back: a vendor's settings to the global ones, the global
/// ones to "no fault". The shares of errors, rate limits and drops are exclusive and add up to at most 1.
/// </summary>
public class FaultSettings
{
    /// <summary>Share of calls (0..1) answered 500 with the vendor's server-error body.</summary>
    public double? ErrorRate { get; set; }

    /// <summary>Share of calls (0..1) answered 429 with a <c>Retry-After</c> header.</summary>
    public double? RateLimitRate { get; set; }

    /// <summary>The <c>Retry-After</c> value of an injected 429, in seconds. Default 1.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Share of calls (0..1) whose connection is dropped (<c>HttpContext.Abort()</c>) without an answer.</summary>
    public double? DropRate { get; set; }

    /// <summary>Share of calls (0..1) delayed before they are answered. Default 1 when a delay range is set.</summary>
    public double? DelayRate { get; set; }

    /// <summary>Smallest injected delay, in milliseconds. Default 0.</summary>
    public int? DelayMinMilliseconds { get; set; }

    /// <summary>Largest injected delay, in milliseconds. Default 0 (no delay).</summary>
    public int? DelayMaxMilliseconds { get; set; }

    /// <summary>These settings, each unset value taken from <paramref name="fallback"/>.</summary>
    internal FaultSettings WithFallback(FaultSettings fallback) => new()
    {
        ErrorRate = ErrorRate ?? fallback.ErrorRate,
        RateLimitRate = RateLimitRate ?? fallback.RateLimitRate,
        RetryAfterSeconds = RetryAfterSeconds ?? fallback.RetryAfterSeconds,
        DropRate = DropRate ?? fallback.DropRate,
        DelayRate = DelayRate ?? fallback.DelayRate,
        DelayMinMilliseconds = DelayMinMilliseconds ?? fallback.DelayMinMilliseconds,
        DelayMaxMilliseconds = DelayMaxMilliseconds ?? fallback.DelayMaxMilliseconds,
    };

    internal void Validate(string name)
    {
        CheckShare(name, nameof(ErrorRate), ErrorRate);
        CheckShare(name, nameof(RateLimitRate), RateLimitRate);
        CheckShare(name, nameof(DropRate), DropRate);
        CheckShare(name, nameof(DelayRate), DelayRate);
        if ((ErrorRate ?? 0) + (RateLimitRate ?? 0) + (DropRate ?? 0) > 1.0 + 1e-9)
        {
            throw EmulatorOptions.Bad(name, "has ErrorRate + RateLimitRate + DropRate above 1");
        }

        if (RetryAfterSeconds is < 0)
        {
            throw EmulatorOptions.Bad(name + ":" + nameof(RetryAfterSeconds), "must not be negative");
        }

        if (DelayMinMilliseconds is < 0 || DelayMaxMilliseconds is < 0)
        {
            throw EmulatorOptions.Bad(name, "has a negative delay");
        }

        if ((DelayMinMilliseconds ?? 0) > (DelayMaxMilliseconds ?? DelayMinMilliseconds ?? 0))
        {
            throw EmulatorOptions.Bad(name, "has DelayMinMilliseconds above DelayMaxMilliseconds");
        }
    }

    private static void CheckShare(string name, string property, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            throw EmulatorOptions.Bad(name + ":" + property, "must be between 0 and 1 (was " + v.ToString(CultureInfo.InvariantCulture) + ")");
        }
    }
}

/// <summary>
/// Fault injection: the global settings (this object's own properties, <c>Emulator:Faults:ErrorRate</c>, ...),
/// per-vendor overrides (<c>Emulator:Faults:Courier:ErrorRate</c>, ...) and the random seed.
/// </summary>
public sealed class FaultOptions : FaultSettings
{
    /// <summary>Seed of the fault dice; with a seed the same sequence of calls meets the same faults. Default: random.</summary>
    public int? Seed { get; set; }

    /// <summary>Overrides for Courier.</summary>
    public FaultSettings Courier { get; } = new FaultSettings();

    /// <summary>Overrides for Userpilot.</summary>
    public FaultSettings Userpilot { get; } = new FaultSettings();

    /// <summary>Overrides for Tranthor.</summary>
    public FaultSettings Tranthor { get; } = new FaultSettings();

    /// <summary>Overrides for Customer.io (track and batch).</summary>
    public FaultSettings CustomerIo { get; } = new FaultSettings();

    /// <summary>Overrides for PushEngage.</summary>
    public FaultSettings PushEngage { get; } = new FaultSettings();

    /// <summary>Checks the global and every vendor's settings, throwing <see cref="InvalidOperationException"/> naming the first bad one.</summary>
    internal void ValidateAll()
    {
        Validate("Faults");
        foreach (VendorInfo vendor in VendorInfo.All)
        {
            FaultSettings own = ForVendor(vendor.ContractName);
            own.Validate("Faults:" + vendor.ContractName);

            // What the vendor's calls meet: each unset value taken from the global settings (an ErrorRate of 0.6 there
            // and a DropRate of 0.6 here would fault 120 % of the calls).
            own.WithFallback(this).Validate("Faults:" + vendor.ContractName + " (with the global settings it does not override)");
        }
    }

    /// <summary>Returns the override settings of a vendor.</summary>
    /// <param name="vendor">The vendor's contract name or path prefix (case-insensitive).</param>
    /// <returns>The vendor's settings object.</returns>
    public FaultSettings ForVendor(string vendor)
        => (VendorInfo.FindByName(vendor) ?? throw new ArgumentException("Unknown vendor " + vendor + ".", nameof(vendor))).Kind switch
        {
            VendorKind.Courier => Courier,
            VendorKind.Userpilot => Userpilot,
            VendorKind.Tranthor => Tranthor,
            VendorKind.CustomerIo => CustomerIo,
            _ => PushEngage,
        };
}
