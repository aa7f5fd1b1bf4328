using System;
using System.Net.Http;
using EventContracts.Http;
using EventContracts.Http.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers EventContracts senders and the tracker.</summary>
public static class EventContractsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the vendors added by <paramref name="configure"/>: per vendor, named <see cref="VendorSenderOptions"/>
    /// and a named <see cref="HttpClient"/> (<see cref="HttpClientName"/>) with the EventContracts resilience pipeline;
    /// plus <see cref="IEventSenderProvider"/>, keyed <see cref="EventSender"/> services (key: the vendor name),
    /// <see cref="EventTracker"/> and <see cref="IEventTracker"/>. Can be called more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds vendors: <c>b =&gt; b.AddVendor(CourierContract.Profile, o =&gt; o.ApiKey = "...")</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddEventContracts(this IServiceCollection services, Action<EventContractsBuilder> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton<IEventSenderProvider, ServiceEventSenderProvider>();
        services.TryAddSingleton<EventTracker>(sp => new EventTracker(sp.GetRequiredService<IEventSenderProvider>(), sp.GetService<ILogger<EventTracker>>()));
        services.TryAddSingleton<IEventTracker>(sp => sp.GetRequiredService<EventTracker>());
        configure(new EventContractsBuilder(services));
        return services;
    }

    /// <summary>The name of a vendor's <see cref="HttpClient"/> in <c>IHttpClientFactory</c>: <c>EventContracts.&lt;vendor&gt;</c>.</summary>
    /// <param name="vendorName">The vendor contract's name.</param>
    /// <returns>The client name.</returns>
    public static string HttpClientName(string vendorName) => "EventContracts." + vendorName;
}
