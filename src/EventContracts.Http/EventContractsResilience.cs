using System;
using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace EventContracts.Http;

/// <summary>
/// The resilience pipeline every EventContracts sender uses, in DI (on the vendor's named <c>HttpClient</c>) and
/// without it (<see cref="EventSender.Create"/>): total timeout, then retry of transient failures (5xx, 408, 429,
/// <see cref="HttpRequestException"/>, attempt timeouts) honouring <c>Retry-After</c>, then a circuit breaker,
/// then the per-attempt timeout. Built from Microsoft.Extensions.Http.Resilience strategy options.
/// </summary>
public static class EventContractsResilience
{
    /// <summary>Adds the strategies to a pipeline builder.</summary>
    /// <param name="builder">The builder (for example from <c>AddResilienceHandler</c>).</param>
    /// <param name="options">The sender's options.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorSenderOptions options)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        VendorResilienceOptions r = options.Resilience;
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "TotalTimeout", Timeout = options.Timeout });
        if (r.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = r.MaxRetryAttempts,
                Delay = r.BaseDelay,
                MaxDelay = r.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = r.UseJitter,
                ShouldRetryAfterHeader = r.HonorRetryAfter,
            });
        }

        if (r.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "CircuitBreaker",
                FailureRatio = r.CircuitFailureRatio,
                MinimumThroughput = r.CircuitMinimumThroughput,
                SamplingDuration = r.CircuitSamplingDuration,
                BreakDuration = r.CircuitBreakDuration,
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = r.AttemptTimeout });
    }

    /// <summary>Builds the pipeline on its own (for <see cref="Microsoft.Extensions.Http.Resilience.ResilienceHandler"/> or direct execution).</summary>
    /// <param name="options">The sender's options.</param>
    /// <param name="loggerFactory">Enables Polly's telemetry (resilience events in logs and metrics) when given.</param>
    /// <returns>The pipeline.</returns>
    public static ResiliencePipeline<HttpResponseMessage> Build(VendorSenderOptions options, ILoggerFactory? loggerFactory = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "EventContracts" };
        Configure(builder, options);
        if (loggerFactory is not null)
        {
            builder.ConfigureTelemetry(loggerFactory);
        }

        return builder.Build();
    }
}
