using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using EventContracts.Delivery;
using EventContracts.Http.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventContracts.Http;

/// <summary>Adds vendors to <see cref="EventContractsServiceCollectionExtensions.AddEventContracts"/>.</summary>
public sealed class EventContractsBuilder
{
    internal EventContractsBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds a vendor. Its options are the named options <c>profile.Name</c> (configure them here, or later with
    /// <c>services.Configure&lt;VendorSenderOptions&gt;(name, ...)</c>); to read <c>EVENTCONTRACTS_&lt;VENDOR&gt;_API_KEY</c>
    /// and <c>_BASE_URL</c>, call <c>o.BindEnvironment(profile.Name)</c> in <paramref name="configure"/>.
    /// The options are read, checked and frozen when the vendor's sender is first used; an unusable set is reported
    /// then (<see cref="OptionsValidationException"/> from <see cref="IEventSenderProvider.GetSender"/>, a Failed
    /// result with code <c>configuration</c> from the tracker), or when the host starts with
    /// <c>services.AddOptions&lt;VendorSenderOptions&gt;(profile.Name).ValidateOnStart()</c>. Adding the same vendor again
    /// adds configuration to it. The keyed <see cref="EventSender"/> service's key is <c>profile.Name</c> as it is spelled
    /// (<see cref="IEventSenderProvider"/> finds a name in any case).
    /// </summary>
    /// <param name="profile">The vendor's generated profile (for example <c>CourierContract.Profile</c>).</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureHttpClient">Further configuration of the vendor's named client (handlers, primary handler, ...).</param>
    /// <returns>This builder.</returns>
    public EventContractsBuilder AddVendor(VendorProfile profile, Action<VendorSenderOptions>? configure = null, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        string name = profile.Name;
        OptionsBuilder<VendorSenderOptions> options = Services.AddOptions<VendorSenderOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        bool first = !Services.Any(d => d.ServiceType == typeof(VendorRegistration) && d.ImplementationInstance is VendorRegistration r && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (first)
        {
            Services.AddSingleton(new VendorRegistration(profile));
            Services.AddSingleton<IValidateOptions<VendorSenderOptions>>(new VendorOptionsValidator(profile));
            IHttpClientBuilder client = Services.AddHttpClient(EventContractsServiceCollectionExtensions.HttpClientName(name))
                .ConfigureHttpClient(c =>
                {
                    c.Timeout = Timeout.InfiniteTimeSpan;
                    c.MaxResponseContentBufferSize = 1024 * 1024;
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                .RedactLoggedHeaders(_ => true);
            client.AddResilienceHandler("eventcontracts", (pipeline, context) =>
            {
                VendorSenderOptions current = context.ServiceProvider.GetRequiredService<IOptionsMonitor<VendorSenderOptions>>().Get(name);
                EventContractsResilience.Configure(pipeline, current);
            });

            // Inside the resilience handler: sees (and counts) every attempt.
            client.AddHttpMessageHandler(() => new AttemptCountingHandler());
            configureHttpClient?.Invoke(client);
            Services.AddKeyedSingleton<EventSender>(name, (sp, _) => sp.GetRequiredService<IEventSenderProvider>().GetSender(name));
        }
        else if (configureHttpClient is not null)
        {
            configureHttpClient(Services.AddHttpClient(EventContractsServiceCollectionExtensions.HttpClientName(name)));
        }

        return this;
    }
}
