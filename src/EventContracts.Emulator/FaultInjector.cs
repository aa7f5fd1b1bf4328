using System;

namespace EventContracts.Emulator;

/// <summary>What an injected fault does to one call.</summary>
internal enum FaultKind
{
    None = 0,
    ServerError = 1,
    RateLimited = 2,
    Dropped = 3,
}

/// <summary>The fault dice's verdict for one call.</summary>
internal readonly record struct FaultDecision(FaultKind Kind, TimeSpan Delay, int RetryAfterSeconds);

/// <summary>
/// Rolls the configured faults for each call. Each vendor has its own dice (seeded from the configured seed and
/// the vendor), so with a seed the n-th call to a vendor always meets the same fault, whatever other vendors get.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Effective[] _settings = new Effective[VendorInfo.All.Count];
    private readonly Random[] _dice = new Random[VendorInfo.All.Count];

    public FaultInjector(FaultOptions options)
    {
        foreach (VendorInfo vendor in VendorInfo.All)
        {
            FaultSettings merged = options.ForVendor(vendor.ContractName).WithFallback(options);
            int i = (int)vendor.Kind;
            int delayMin = merged.DelayMinMilliseconds ?? 0;
            int delayMax = merged.DelayMaxMilliseconds ?? delayMin;
            _settings[i] = new Effective(
                merged.ErrorRate ?? 0,
                merged.RateLimitRate ?? 0,
                merged.DropRate ?? 0,
                merged.RetryAfterSeconds ?? 1,
                merged.DelayRate ?? (delayMax > 0 ? 1.0 : 0.0),
                delayMin,
                Math.Max(delayMin, delayMax));
            _dice[i] = options.Seed is int seed ? new Random(unchecked((seed * 31) + i)) : new Random();
        }
    }

    /// <summary><see langword="true"/> when some vendor has a fault configured.</summary>
    public bool Enabled
    {
        get
        {
            foreach (Effective e in _settings)
            {
                if (e.ErrorRate > 0 || e.RateLimitRate > 0 || e.DropRate > 0 || (e.DelayRate > 0 && e.DelayMax > 0))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public FaultDecision Roll(VendorInfo vendor)
    {
        int i = (int)vendor.Kind;
        Effective s = _settings[i];
        double kindRoll, delayRoll, delayAmount;
        Random dice = _dice[i];
        lock (dice)
        {
            // Always three draws per call, so the sequence does not depend on which faults are configured.
            kindRoll = dice.NextDouble();
            delayRoll = dice.NextDouble();
            delayAmount = dice.NextDouble();
        }

        FaultKind kind = FaultKind.None;
        if (kindRoll < s.DropRate)
        {
            kind = FaultKind.Dropped;
        }
        else if (kindRoll < s.DropRate + s.ErrorRate)
        {
            kind = FaultKind.ServerError;
        }
        else if (kindRoll < s.DropRate + s.ErrorRate + s.RateLimitRate)
        {
            kind = FaultKind.RateLimited;
        }

        TimeSpan delay = TimeSpan.Zero;
        if (s.DelayMax > 0 && delayRoll < s.DelayRate)
        {
            delay = TimeSpan.FromMilliseconds(s.DelayMin + Math.Floor(delayAmount * (s.DelayMax - s.DelayMin + 1)));
        }

        return new FaultDecision(kind, delay, s.RetryAfterSeconds);
    }

    private readonly record struct Effective(
        double ErrorRate,
        double RateLimitRate,
        double DropRate,
        int RetryAfterSeconds,
        double DelayRate,
        int DelayMin,
        int DelayMax);
}
