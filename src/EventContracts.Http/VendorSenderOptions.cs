using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EventContracts.Http;

/// <summary>
/// Settings of one vendor's sender: where to send, the credentials, validation, timeouts and retries.
/// In DI these are named options (the name is the vendor contract's name, for example <c>Courier</c>).
/// <see cref="ToString"/> never shows a credential.
/// </summary>
public sealed class VendorSenderOptions
{
    /// <summary>The prefix of the environment variables read by <see cref="BindEnvironment"/>.</summary>
    public const string EnvironmentPrefix = "EVENTCONTRACTS_";

    /// <summary>
    /// The server URL the profile's path is appended to (for example <c>https://api.courier.com</c>, or the emulator's
    /// <c>http://127.0.0.1:5080/courier</c>). When null, the profile's first documented server is used, with its
    /// <c>{variables}</c> filled from <see cref="ServerVariables"/> and then from the built-in defaults
    /// (Userpilot <c>environment</c> = <c>analytex</c>, Tranthor <c>base</c> = <c>https://app.tranthor.com</c>).
    /// Must be <c>https://</c>; <c>http://</c> is accepted only for a loopback host.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Values of the server URL template's variables (for example <c>environment</c> = <c>analytex-eu</c>), case-insensitive.</summary>
    public IDictionary<string, string> ServerVariables { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Credentials by the contract's security-scheme name (Courier <c>BearerAuth</c>, Userpilot <c>TokenAuth</c>,
    /// Tranthor <c>PublicWriteKey</c> and <c>authorization</c>, Customer.io <c>BasicAuth</c>, PushEngage <c>ApiKey</c>),
    /// case-insensitive. Give the bare key: the sender writes <c>Bearer </c>, <c>Token </c> or the Basic encoding.
    /// </summary>
    public IDictionary<string, string> Credentials { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The key for every security scheme that has no entry in <see cref="Credentials"/>: the one setting a
    /// one-credential vendor needs (and Tranthor, whose two headers carry the same write key).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Extra request headers that are not credentials (for example Customer.io's <c>X-Strict-Mode: 1</c>, which the
    /// sender adds by default so a bad call is answered 400 rather than 200-and-dropped). A value set here replaces the default.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validate each request body against the contract before sending; an invalid one is not sent (<see cref="SendOutcome.Invalid"/>). Default true.</summary>
    public bool ValidateBeforeSend { get; set; } = true;

    /// <summary>The time one send may take in all, retries, their delays and reading the answer included: 10 ms to 1 day. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries, the per-attempt timeout and the circuit breaker.</summary>
    public VendorResilienceOptions Resilience { get; } = new VendorResilienceOptions();

    /// <summary>The environment variable that holds a vendor's key: <c>EVENTCONTRACTS_&lt;VENDOR&gt;_API_KEY</c>.</summary>
    /// <param name="vendorName">The vendor contract's name (for example <c>CustomerIo</c> gives <c>EVENTCONTRACTS_CUSTOMERIO_API_KEY</c>).</param>
    /// <returns>The variable's name.</returns>
    public static string ApiKeyVariable(string vendorName) => EnvironmentPrefix + VariablePart(vendorName) + "_API_KEY";

    /// <summary>The environment variable that holds a vendor's base URL: <c>EVENTCONTRACTS_&lt;VENDOR&gt;_BASE_URL</c>.</summary>
    /// <param name="vendorName">The vendor contract's name.</param>
    /// <returns>The variable's name.</returns>
    public static string BaseUrlVariable(string vendorName) => EnvironmentPrefix + VariablePart(vendorName) + "_BASE_URL";

    /// <summary>
    /// Reads <c>EVENTCONTRACTS_&lt;VENDOR&gt;_API_KEY</c> into <see cref="ApiKey"/> and
    /// <c>EVENTCONTRACTS_&lt;VENDOR&gt;_BASE_URL</c> into <see cref="BaseAddress"/>, where set and non-empty (the vendor
    /// name upper-cased, other characters than letters and digits as <c>_</c>). Unset variables leave the options as they are.
    /// </summary>
    /// <param name="vendorName">The vendor contract's name (for example <c>Courier</c>).</param>
    /// <param name="getVariable">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException"><paramref name="vendorName"/> is null or empty.</exception>
    /// <remarks>
    /// A base URL variable that is not an absolute URL makes the options unusable: building the vendor's sender
    /// reports it (<see cref="Microsoft.Extensions.Options.OptionsValidationException"/>, a <c>configuration</c> result from the
    /// tracker, and at start with <c>ValidateOnStart()</c>).
    /// </remarks>
    public VendorSenderOptions BindEnvironment(string vendorName, Func<string, string?>? getVariable = null)
    {
        if (string.IsNullOrEmpty(vendorName))
        {
            throw new ArgumentException("A vendor name is required.", nameof(vendorName));
        }

        getVariable ??= Environment.GetEnvironmentVariable;
        string? key = getVariable(ApiKeyVariable(vendorName));
        if (!string.IsNullOrEmpty(key))
        {
            ApiKey = key;
        }

        string baseUrlVariable = BaseUrlVariable(vendorName);
        string? baseUrl = getVariable(baseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            if (Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out Uri? uri))
            {
                BaseAddress = uri;
                EnvironmentProblem = null;
            }
            else
            {
                // A configuration failure of the sender, not an exception here: thrown while options are made, it would
                // escape the tracker and stay cached with them. The value is not echoed: a mistyped variable may hold a key.
                EnvironmentProblem = "the environment variable " + baseUrlVariable + " is not an absolute URL.";
            }
        }

        return this;
    }

    /// <summary>What <see cref="BindEnvironment"/> found unusable in the environment, or null.</summary>
    internal string? EnvironmentProblem { get; private set; }

    /// <summary>Copies these options (dictionaries and resilience settings included).</summary>
    /// <returns>The copy.</returns>
    public VendorSenderOptions Clone()
    {
        var copy = new VendorSenderOptions
        {
            BaseAddress = BaseAddress,
            ApiKey = ApiKey,
            ValidateBeforeSend = ValidateBeforeSend,
            Timeout = Timeout,
            EnvironmentProblem = EnvironmentProblem,
        };
        foreach (KeyValuePair<string, string> pair in ServerVariables)
        {
            copy.ServerVariables[pair.Key] = pair.Value;
        }

        foreach (KeyValuePair<string, string> pair in Credentials)
        {
            copy.Credentials[pair.Key] = pair.Value;
        }

        foreach (KeyValuePair<string, string> pair in Headers)
        {
            copy.Headers[pair.Key] = pair.Value;
        }

        Resilience.CopyTo(copy.Resilience);
        return copy;
    }

    /// <summary>The settings with every credential shown as <c>***</c> (and a base address's user info removed).</summary>
    /// <returns>The options as text, safe to log.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("VendorSenderOptions { BaseAddress = ");
        builder.Append(BaseAddress is null ? "(profile server)" : RedactedUri(BaseAddress));
        if (ServerVariables.Count > 0)
        {
            builder.Append(", ServerVariables = [");
            AppendPairs(builder, ServerVariables, redact: false);
            builder.Append(']');
        }

        builder.Append(", ApiKey = ").Append(ApiKey is null ? "(none)" : "***");
        builder.Append(", Credentials = [");
        AppendPairs(builder, Credentials, redact: true);
        builder.Append(']');
        if (Headers.Count > 0)
        {
            builder.Append(", Headers = [");
            AppendNames(builder, Headers.Keys);
            builder.Append(']');
        }

        builder.Append(", ValidateBeforeSend = ").Append(ValidateBeforeSend ? "true" : "false");
        builder.Append(", Timeout = ").Append(Timeout.ToString("c", CultureInfo.InvariantCulture));
        builder.Append(", Resilience = ").Append(Resilience.ToString());
        builder.Append(" }");
        return builder.ToString();
    }

    /// <summary>A URI as text without its user info (which may hold a password).</summary>
    internal static string RedactedUri(Uri uri)
    {
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.ToString();
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return builder.Uri.ToString();
    }

    private static void AppendPairs(StringBuilder builder, IDictionary<string, string> pairs, bool redact)
    {
        bool first = true;
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(pair.Key).Append(" = ").Append(redact ? "***" : pair.Value);
        }
    }

    private static void AppendNames(StringBuilder builder, ICollection<string> names)
    {
        bool first = true;
        foreach (string name in names)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(name);
        }
    }

    private static string VariablePart(string vendorName)
    {
        if (vendorName is null)
        {
            throw new ArgumentNullException(nameof(vendorName));
        }

        var builder = new StringBuilder(vendorName.Length);
        foreach (char c in vendorName)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? char.ToUpperInvariant(c) : '_');
        }

        return builder.ToString();
    }
}

/// <summary>
/// The resilience pipeline of a vendor's sender (Microsoft.Extensions.Http.Resilience / Polly): total timeout
/// (<see cref="VendorSenderOptions.Timeout"/>), retry of transient failures (5xx, 408, 429, transport errors,
/// attempt timeouts) honouring <c>Retry-After</c>, a circuit breaker, and a per-attempt timeout. Each retry sends
/// the same bytes, so the same <c>messageId</c>.
/// </summary>
public sealed class VendorResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 disables retries. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially (with jitter). At most 1 day. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts; at most 1 day. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomize the delays (default true) so many clients do not retry in step.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Wait as long as the vendor's <c>Retry-After</c> header asks, when it sends one. Default true.</summary>
    public bool HonorRetryAfter { get; set; } = true;

    /// <summary>The time one HTTP attempt may take: 10 ms to 1 day. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Use a circuit breaker (default true): after many transient failures, calls fail fast for <see cref="CircuitBreakDuration"/>.</summary>
    public bool UseCircuitBreaker { get; set; } = true;

    /// <summary>The share of failed attempts in <see cref="CircuitSamplingDuration"/> that opens the circuit. Default 0.1.</summary>
    public double CircuitFailureRatio { get; set; } = 0.1;

    /// <summary>The fewest attempts in <see cref="CircuitSamplingDuration"/> before the circuit may open. Default 100.</summary>
    public int CircuitMinimumThroughput { get; set; } = 100;

    /// <summary>The window in which failures are counted: 0.5 seconds to 1 day. Default 30 seconds.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls before trying again: 0.5 seconds to 1 day. Default 5 seconds.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The settings as one line.</summary>
    /// <returns>The settings as text.</returns>
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{{ MaxRetryAttempts = {MaxRetryAttempts}, BaseDelay = {BaseDelay:c}, MaxDelay = {MaxDelay:c}, AttemptTimeout = {AttemptTimeout:c}, CircuitBreaker = {(UseCircuitBreaker ? "on" : "off")} }}");

    internal void CopyTo(VendorResilienceOptions other)
    {
        other.MaxRetryAttempts = MaxRetryAttempts;
        other.BaseDelay = BaseDelay;
        other.MaxDelay = MaxDelay;
        other.UseJitter = UseJitter;
        other.HonorRetryAfter = HonorRetryAfter;
        other.AttemptTimeout = AttemptTimeout;
        other.UseCircuitBreaker = UseCircuitBreaker;
        other.CircuitFailureRatio = CircuitFailureRatio;
        other.CircuitMinimumThroughput = CircuitMinimumThroughput;
        other.CircuitSamplingDuration = CircuitSamplingDuration;
        other.CircuitBreakDuration = CircuitBreakDuration;
    }
}
