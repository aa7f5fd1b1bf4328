using EventContracts.Emulator;

namespace EventContracts.Http.Tests.Support;

/// <summary>One emulator (every vendor with a known key) and one scripted fault front before it, per test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public FaultFront Front { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=Warning" }, Vendors.ConfigureKeys);
        Front = await FaultFront.StartAsync(Emulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Front.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>The emulator's stand-in for a vendor's server URL.</summary>
    public Uri Direct(string vendorName) => Emulator.ServerUrl(vendorName);

    /// <summary>The fault front's stand-in for a vendor's server URL.</summary>
    public Uri ThroughFront(string vendorName) => Front.ServerUrl(Emulator.ServerUrl(vendorName));

    /// <summary>A sender straight to the emulator.</summary>
    public EventSender Sender(string vendorName, Action<VendorSenderOptions>? configure = null)
    {
        VendorSenderOptions options = Vendors.Options(vendorName, Direct(vendorName));
        configure?.Invoke(options);
        return EventSender.Create(Vendors.Profile(vendorName), options);
    }

    /// <summary>A sender through the fault front.</summary>
    public EventSender FrontSender(string vendorName, Action<VendorSenderOptions>? configure = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        VendorSenderOptions options = Vendors.Options(vendorName, ThroughFront(vendorName));
        configure?.Invoke(options);
        return EventSender.Create(Vendors.Profile(vendorName), options, loggerFactory: loggers);
    }
}
