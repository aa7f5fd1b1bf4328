using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventContracts.Emulator;

/// <summary>
/// Builds and starts the vendor emulator: an ASP.NET Core (Kestrel) app that serves each vendor's track API under
/// the vendor's lowercase name (<c>POST /courier/inbound/courier</c>, <c>/userpilot/v1/track</c>,
/// <c>/tranthor/api/public/apps/track</c>, <c>/customerio/v1/track</c>, <c>/customerio/v1/batch</c>,
/// <c>/pushengage/api/v1/events</c>) and the inspection and outage control endpoints under <c>/_emulator</c>.
/// </summary>
public static class EmulatorApp
{
    /// <summary>
    /// Builds the emulator app. <paramref name="args"/> are the usual host arguments (<c>--urls</c>, and options such
    /// as <c>--Emulator:Keys:Courier=secret</c>); without <c>--urls</c> (or <c>ASPNETCORE_URLS</c>, or Kestrel
    /// endpoints) it listens on <see cref="EmulatorOptions.DefaultUrl"/>.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Adjusts the options after they are read from configuration.</param>
    /// <returns>The app, not started.</returns>
    public static WebApplication Build(string[] args, Action<EmulatorOptions>? configure = null)
        => Build(args, configure, configureBuilder: null);

    /// <summary>
    /// Builds the emulator app, letting the caller adjust the host builder too (logging providers, extra
    /// services) before the app is built.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Adjusts the options after they are read from configuration.</param>
    /// <param name="configureBuilder">Adjusts the host builder; runs after the emulator's own setup.</param>
    /// <returns>The app, not started.</returns>
    public static WebApplication Build(string[] args, Action<EmulatorOptions>? configure, Action<WebApplicationBuilder>? configureBuilder)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? Array.Empty<string>(),
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,
        });

        // Quiet per-request framework logs by default; any configured Logging:LogLevel value overrides this.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new[] { new KeyValuePair<string, string?>("Logging:LogLevel:Microsoft.AspNetCore", "Warning") },
        });

        var options = new EmulatorOptions();
        builder.Configuration.GetSection(EmulatorOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.Validate();

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The emulator applies its own body limit (answered in the vendor's shape); keep Kestrel's above it.
            long kestrelLimit = kestrel.Limits.MaxRequestBodySize ?? long.MaxValue;
            if (kestrelLimit <= options.MaxBodyBytes)
            {
                kestrel.Limits.MaxRequestBodySize = (long)options.MaxBodyBytes + 1;
            }
        });

        var state = new EmulatorState(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(state.Events);
        configureBuilder?.Invoke(builder);

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventContracts.Emulator");

        Map(app, "/courier/inbound/courier", new CourierHandler(state, logger));
        Map(app, "/userpilot/v1/track", new UserpilotHandler(state, logger));
        Map(app, "/tranthor/api/public/apps/track", new TranthorHandler(state, logger));
        Map(app, "/customerio/v1/track", new CustomerIoHandler(state, logger, batch: false));
        Map(app, "/customerio/v1/batch", new CustomerIoHandler(state, logger, batch: true));
        Map(app, "/pushengage/api/v1/events", new PushEngageHandler(state, logger));

        app.MapGet("/_emulator/events", (RequestDelegate)(context => Dashboard.ListEventsAsync(context, state)));
        app.MapDelete("/_emulator/events", (RequestDelegate)(context => Dashboard.ClearEventsAsync(context, state)));
        app.MapGet("/_emulator", (RequestDelegate)(context => Dashboard.PageAsync(context, state)));
        app.MapPost("/_emulator/outage", (RequestDelegate)(context => OutageEndpoints.StartAsync(context, state, logger)));
        app.MapDelete("/_emulator/outage", (RequestDelegate)(context => OutageEndpoints.EndAsync(context, state, logger)));
        app.MapGet("/", (RequestDelegate)(context =>
        {
            context.Response.Redirect("/_emulator");
            return Task.CompletedTask;
        }));

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            string addresses = string.Join(", ", app.Urls);
            LogStarted(logger, addresses, options.Keys.Count, state.Faults.Enabled);
        });

        return app;
    }

    /// <summary>
    /// Builds the emulator on <c>http://127.0.0.1:0</c> (a free loopback port), starts it and returns it with its
    /// bound address. Dispose the result to stop it.
    /// </summary>
    /// <param name="configure">Adjusts the options.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null, CancellationToken cancellationToken = default)
        => StartAsync(Array.Empty<string>(), configure, null, cancellationToken);

    /// <summary>
    /// Builds the emulator with <paramref name="args"/> plus <c>--urls http://127.0.0.1:0</c> (unless the arguments
    /// set <c>--urls</c>), starts it and returns it with its bound address.
    /// </summary>
    /// <param name="args">Further command-line arguments (for example <c>--Emulator:Faults:Seed=7</c>).</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <param name="configureBuilder">Adjusts the host builder (for example its logging providers).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<RunningEmulator> StartAsync(string[] args, Action<EmulatorOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null, CancellationToken cancellationToken = default)
    {
        args ??= Array.Empty<string>();
        bool hasUrls = args.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase));
        string[] all = hasUrls ? args : args.Concat(new[] { "--urls", "http://127.0.0.1:0" }).ToArray();

        // Inside a test or an app the host's "Application started" lines are noise in its console; any configured
        // Logging:LogLevel value overrides this default.
        WebApplication app = Build(all, configure, builder =>
        {
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new[] { new KeyValuePair<string, string?>("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning") },
            });
            configureBuilder?.Invoke(builder);
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The emulator started without a bound address.");
            return new RunningEmulator(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Map(WebApplication app, string path, VendorHandler handler)
        => app.MapPost(path, (RequestDelegate)handler.HandleAsync);

    private static void LogStarted(ILogger logger, string addresses, int keyCount, bool faults)
        => logger.LogInformation(
            "EventContracts emulator on {Addresses}: POST /courier/inbound/courier, /userpilot/v1/track, /tranthor/api/public/apps/track, /customerio/v1/track, /customerio/v1/batch, /pushengage/api/v1/events; GET /_emulator; POST/DELETE /_emulator/outage. Configured keys: {KeyCount} vendor(s); faults {Faults}.",
            addresses,
            keyCount,
            faults ? "on" : "off");
}

/// <summary>An emulator started by <see cref="EmulatorApp.StartAsync(Action{EmulatorOptions}?, CancellationToken)"/>; dispose to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly EmulatorState _state;
    private readonly ILogger _logger;

    internal RunningEmulator(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Events = app.Services.GetRequiredService<EventLog>();
        Options = app.Services.GetRequiredService<EmulatorOptions>();
        _state = app.Services.GetRequiredService<EmulatorState>();
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventContracts.Emulator");
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The bound address, ending with <c>/</c>, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The recorded events (the same data as <c>GET /_emulator/events</c>).</summary>
    public EventLog Events { get; }

    /// <summary>
    /// The options the emulator started with. Changing them afterwards has no effect: change faults with
    /// <see cref="SetFaults"/> and take endpoints down with <see cref="StartOutage"/>.
    /// </summary>
    public EmulatorOptions Options { get; }

    /// <summary>
    /// Replaces the fault settings (<c>Emulator:Faults</c>) for the calls from now on, for example to fail one test's
    /// calls with 500s and then answer again without starting another emulator. Calls being answered keep what they met.
    /// </summary>
    /// <param name="faults">The new settings, global and per vendor; a new <see cref="FaultOptions"/> turns faults off.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public void SetFaults(FaultOptions faults)
    {
        if (faults is null)
        {
            throw new ArgumentNullException(nameof(faults));
        }

        try
        {
            faults.ValidateAll();
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException(ex.Message, nameof(faults), ex);
        }

        _state.ReplaceFaults(faults);
    }

    /// <summary>
    /// The address that stands in for a vendor's documented server URL: appending the contract's operation path
    /// gives the emulator's endpoint (Courier <c>{base}/courier</c> + <c>/inbound/courier</c>; Customer.io
    /// <c>{base}/customerio/v1</c> + <c>/track</c>).
    /// </summary>
    /// <param name="vendor">The vendor's lowercase name or contract name (for example <c>CustomerIo</c>).</param>
    /// <returns>The server URL, without a trailing slash.</returns>
    public Uri ServerUrl(string vendor)
    {
        VendorInfo info = VendorInfo.FindByName(vendor) ?? throw new ArgumentException("Unknown vendor " + vendor + ".", nameof(vendor));
        return new Uri(BaseAddress, info.Id + info.ServerPath);
    }

    /// <summary>
    /// Takes a vendor's endpoint (or every vendor's) down from now for <paramref name="duration"/>, as
    /// <c>POST /_emulator/outage?vendor=courier&amp;seconds=30</c> does: its calls are answered 503 in the vendor's error
    /// shape, without <c>Retry-After</c>, and nothing is recorded; afterwards it answers again by itself. Replaces an
    /// outage the vendor already has. The refused calls are counted in <see cref="VendorCounts.Faults"/>.
    /// </summary>
    /// <param name="vendor">The vendor's lowercase name or contract name, or <see langword="null"/> for every vendor.</param>
    /// <param name="duration">How long the outage lasts, measured by <see cref="EmulatorOptions.TimeProvider"/>; more than zero and at most one hour.</param>
    /// <returns>When the outage ends, by the emulator's clock.</returns>
    /// <exception cref="ArgumentException"><paramref name="vendor"/> names no vendor.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive or is longer than one hour.</exception>
    public DateTimeOffset StartOutage(string? vendor, TimeSpan duration)
    {
        VendorInfo? info = Vendor(vendor);
        if (OutageSwitch.CheckDuration(duration) is string problem)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The outage duration " + problem + ".");
        }

        return _state.Outages.Start(info, duration, _logger);
    }

    /// <summary>Ends an outage now, as <c>DELETE /_emulator/outage</c> does. Ending an outage that is not running does nothing.</summary>
    /// <param name="vendor">The vendor's lowercase name or contract name, or <see langword="null"/> for every vendor.</param>
    /// <returns><see langword="true"/> when an endpoint was down.</returns>
    /// <exception cref="ArgumentException"><paramref name="vendor"/> names no vendor.</exception>
    public bool EndOutage(string? vendor = null) => _state.Outages.End(Vendor(vendor), _logger);

    /// <summary>Stops the emulator.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static VendorInfo? Vendor(string? vendor)
        => vendor is null ? null : VendorInfo.FindByName(vendor) ?? throw new ArgumentException("Unknown vendor " + vendor + " (expected one of " + VendorInfo.ContractNames + ").", nameof(vendor));
}
