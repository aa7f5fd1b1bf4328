using EventContracts.Emulator;

namespace EventContracts.Http.Tests.Support;

/// <summary>The five built-in vendors as the test project's generator emitted them.</summary>
public static class Vendors
{
    public static IReadOnlyList<VendorProfile> All { get; } = new[]
    {
        CourierContract.Profile,
        UserpilotContract.Profile,
        TranthorContract.Profile,
        CustomerIoContract.Profile,
        PushEngageContract.Profile,
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (VendorProfile profile in All)
        {
            data.Add(profile.Name);
        }

        return data;
    }

    public static VendorProfile Profile(string name) => All.Single(p => p.Name == name);

    /// <summary>The emulator's path prefix of a vendor.</summary>
    public static string Id(string name) => name.ToLowerInvariant();

    /// <summary>The key the shared emulator accepts for a vendor.</summary>
    public static string Key(string name) => "key-" + Id(name) + "-0123456789";

    public static void ConfigureKeys(EmulatorOptions options)
    {
        foreach (VendorProfile profile in All)
        {
            options.Keys[profile.Name] = Key(profile.Name);
        }
    }

    /// <summary>Options that reach a vendor at <paramref name="serverUrl"/> with the emulator's key and fast retries.</summary>
    public static VendorSenderOptions Options(string name, Uri serverUrl, string? key = null)
    {
        var options = new VendorSenderOptions { BaseAddress = serverUrl, ApiKey = key ?? Key(name), Timeout = TimeSpan.FromSeconds(20) };
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(20);
        options.Resilience.MaxDelay = TimeSpan.FromSeconds(5);
        options.Resilience.UseJitter = false;
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    /// <summary>An event whose order id is unique, to find it among the recorded events of vendors without a messageId.</summary>
    public static OrderCompleted Order(string marker, decimal revenue = 19.99m)
        => new OrderCompleted { OrderId = marker, Revenue = revenue, Currency = "EUR", CouponUsed = false };

    public static string Marker() => "A-" + Guid.NewGuid().ToString("N").Substring(0, 20);

    /// <summary>The events the emulator recorded for a vendor that carry <paramref name="marker"/>.</summary>
    public static IReadOnlyList<RecordedEvent> Recorded(RunningEmulator emulator, string vendorName, string marker)
        => emulator.Events.Snapshot(Id(vendorName)).Where(e => e.BodyText.Contains(marker, StringComparison.Ordinal)).ToList();
}
