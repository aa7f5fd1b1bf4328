using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net.Http;
using System.Threading;
using EventContracts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventContracts.Http.Internal;

/// <summary>One registered vendor.</summary>
internal sealed class VendorRegistration
{
    public VendorRegistration(VendorProfile profile)
    {
        Profile = profile;
    }

    public VendorProfile Profile { get; }

    public string Name => Profile.Name;
}

/// <summary>
/// Checks a vendor's named options as its sender will use them, so that <c>ValidateOnStart()</c> and every reader of the
/// options see the same failures the sender would (a missing key, an unusable base URL).
/// </summary>
internal sealed class VendorOptionsValidator : IValidateOptions<VendorSenderOptions>
{
    private readonly VendorProfile _profile;

    public VendorOptionsValidator(VendorProfile profile) => _profile = profile;

    public ValidateOptionsResult Validate(string? name, VendorSenderOptions options)
    {
        if (!string.Equals(name, _profile.Name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            SenderSettings.Resolve(_profile, options);
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Failures);
        }
    }
}

/// <summary>Creates each registered vendor's sender on first use, from its named options and named client.</summary>
internal sealed class ServiceEventSenderProvider : IEventSenderProvider, IDisposable
{
    private readonly Dictionary<string, VendorProfile> _profiles = new Dictionary<string, VendorProfile>(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<EventSender>> _senders = new ConcurrentDictionary<string, Lazy<EventSender>>(StringComparer.OrdinalIgnoreCase);
    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<VendorSenderOptions> _options;
    private readonly ILoggerFactory _loggers;

    public ServiceEventSenderProvider(IEnumerable<VendorRegistration> registrations, IHttpClientFactory clients, IOptionsMonitor<VendorSenderOptions> options, ILoggerFactory? loggers = null)
    {
        foreach (VendorRegistration registration in registrations)
        {
            _profiles.TryAdd(registration.Name, registration.Profile);
        }

        _clients = clients;
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    public IReadOnlyCollection<string> Names => _profiles.Keys.ToArray();

    public EventSender GetSender(string name)
        => TryGetSender(name, out EventSender? sender)
            ? sender
            : throw new KeyNotFoundException("No EventContracts sender is registered for '" + name + "' (registered: " + string.Join(", ", _profiles.Keys) + "). Add it with AddEventContracts(b => b.AddVendor(...)).");

    public bool TryGetSender(string name, [NotNullWhen(true)] out EventSender? sender)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (!_profiles.TryGetValue(name, out VendorProfile? profile))
        {
            sender = null;
            return false;
        }

        Lazy<EventSender> lazy = _senders.GetOrAdd(profile.Name, _ => new Lazy<EventSender>(() => Build(profile), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            sender = lazy.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Do not cache the failure (invalid options, or a configure delegate that threw): the options may be fixed
            // (reloaded) later.
            _senders.TryRemove(new KeyValuePair<string, Lazy<EventSender>>(profile.Name, lazy));
            throw;
        }

        return true;
    }

    public void Dispose()
    {
        foreach (Lazy<EventSender> lazy in _senders.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private EventSender Build(VendorProfile profile)
    {
        SenderSettings settings = SenderSettings.Resolve(profile, _options.Get(profile.Name));
        string clientName = EventContractsServiceCollectionExtensions.HttpClientName(profile.Name);
        IHttpClientFactory clients = _clients;
        return new EventSender(settings, () => clients.CreateClient(clientName), null, null, _loggers.CreateLogger("EventContracts.Http.EventSender"));
    }
}
