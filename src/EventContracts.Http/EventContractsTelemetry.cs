using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace EventContracts.Http;

/// <summary>
/// The names of the tracing and metrics instruments. Subscribe with OpenTelemetry's
/// <c>AddSource(EventContractsTelemetry.Name)</c> and <c>AddMeter(EventContractsTelemetry.Name)</c>.
/// No activity tag, metric tag or log field ever carries a credential.
/// </summary>
/// <remarks>
/// Activities: <c>eventcontracts.track</c> (one per tracked event) and <c>eventcontracts.send</c> (one per
/// destination, kind Client), tagged <c>eventcontracts.destination</c>, <c>eventcontracts.event</c>,
/// <c>eventcontracts.message_id</c>, <c>eventcontracts.outcome</c>, <c>eventcontracts.attempts</c> and
/// <c>http.response.status_code</c>. Metrics (tagged destination and outcome):
/// <c>eventcontracts.sent</c> (events the vendor has: accepted or duplicate), <c>eventcontracts.rejected</c>
/// (refused by the vendor, or invalid before sending), <c>eventcontracts.failed</c> (failed after the retries),
/// <c>eventcontracts.retried</c> (HTTP attempts after the first) and the histogram <c>eventcontracts.latency</c>
/// (milliseconds per send, retries included).
/// </remarks>
public static class EventContractsTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>: <c>EventContracts</c>.</summary>
    public const string Name = "EventContracts";

    /// <summary>Counter of events the vendor has (accepted or duplicate).</summary>
    public const string SentCounter = "eventcontracts.sent";

    /// <summary>Counter of events refused by the vendor or found invalid before sending.</summary>
    public const string RejectedCounter = "eventcontracts.rejected";

    /// <summary>Counter of events that failed after the retries (5xx, 408/429, transport, timeout, open circuit).</summary>
    public const string FailedCounter = "eventcontracts.failed";

    /// <summary>Counter of HTTP attempts after the first one of a send.</summary>
    public const string RetriedCounter = "eventcontracts.retried";

    /// <summary>Histogram of the time per send in milliseconds, retries included.</summary>
    public const string LatencyHistogram = "eventcontracts.latency";

    private static readonly string? s_version = typeof(EventContractsTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static ActivitySource Source { get; } = new ActivitySource(Name, s_version);

    internal static Meter Meter { get; } = new Meter(Name, s_version);

    internal static Counter<long> Sent { get; } = Meter.CreateCounter<long>(SentCounter, "{event}", "Events the vendor has (accepted or duplicate).");

    internal static Counter<long> Rejected { get; } = Meter.CreateCounter<long>(RejectedCounter, "{event}", "Events refused by the vendor or invalid before sending.");

    internal static Counter<long> Failed { get; } = Meter.CreateCounter<long>(FailedCounter, "{event}", "Events that failed after the retries.");

    internal static Counter<long> Retried { get; } = Meter.CreateCounter<long>(RetriedCounter, "{attempt}", "HTTP attempts after the first one of a send.");

    internal static Histogram<double> Latency { get; } = Meter.CreateHistogram<double>(LatencyHistogram, "ms", "Time per send, retries included.");
}
