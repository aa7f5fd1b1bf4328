using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using EventContracts.Delivery;
using Microsoft.Extensions.Options;

namespace EventContracts.Http.Internal;

/// <summary>
/// A sender's options checked and frozen against its profile: the endpoint, the ready header values and the
/// redactor. Every problem is found here, before any request, and reported without the offending secret.
/// </summary>
internal sealed class SenderSettings
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinCircuitTime = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxTime = TimeSpan.FromDays(1);

    private SenderSettings(
        VendorProfile profile,
        Uri endpoint,
        HttpMethod method,
        KeyValuePair<string, string>[] authHeaders,
        KeyValuePair<string, string>[] headers,
        Redactor redactor,
        VendorSenderOptions options)
    {
        Profile = profile;
        Endpoint = endpoint;
        Method = method;
        AuthHeaders = authHeaders;
        Headers = headers;
        Redactor = redactor;
        Options = options;
    }

    public VendorProfile Profile { get; }

    public Uri Endpoint { get; }

    public HttpMethod Method { get; }

    /// <summary>Credential headers with their final values (prefix and encoding applied). Never logged.</summary>
    public KeyValuePair<string, string>[] AuthHeaders { get; }

    public KeyValuePair<string, string>[] Headers { get; }

    public Redactor Redactor { get; }

    /// <summary>A private copy of the options the sender was built from.</summary>
    public VendorSenderOptions Options { get; }

    public static SenderSettings Resolve(VendorProfile profile, VendorSenderOptions options)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options = options.Clone();
        var failures = new List<string>();
        string vendor = profile.Name;
        if (options.EnvironmentProblem is { } environment)
        {
            failures.Add(vendor + ": " + environment);
        }

        Uri? endpoint = ResolveEndpoint(profile, options, failures);

        var secrets = new List<string>();
        var authHeaders = new List<KeyValuePair<string, string>>();
        var knownSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (VendorAuth auth in profile.Auth)
        {
            knownSchemes.Add(auth.SchemeName);
            string? key = options.Credentials.TryGetValue(auth.SchemeName, out string? own) && !string.IsNullOrEmpty(own) ? own : options.ApiKey;
            if (string.IsNullOrEmpty(key))
            {
                failures.Add(vendor + ": no credential for security scheme '" + auth.SchemeName + "' (set ApiKey or Credentials[\"" + auth.SchemeName + "\"], or set the environment variable " + VendorSenderOptions.ApiKeyVariable(vendor) + " and call BindEnvironment(\"" + vendor + "\") on the options).");
                continue;
            }

            if (HasControlCharacter(key))
            {
                failures.Add(vendor + ": the credential for security scheme '" + auth.SchemeName + "' contains a CR, LF or other control character; it is refused so it cannot inject headers (the value is not shown).");
                continue;
            }

            if (auth.Kind != VendorAuthKind.Basic && !IsAscii(key))
            {
                // HttpClient refuses such a header at every attempt; Basic sends base64 of the UTF-8 bytes instead.
                failures.Add(vendor + ": the credential for security scheme '" + auth.SchemeName + "' has a character outside ASCII, which its header cannot carry (the value is not shown).");
                continue;
            }

            if (key.Trim().Length != key.Length)
            {
                failures.Add(vendor + ": the credential for security scheme '" + auth.SchemeName + "' has leading or trailing white space (the value is not shown).");
                continue;
            }

            secrets.Add(key);
            string value;
            switch (auth.Kind)
            {
                case VendorAuthKind.Bearer:
                    value = "Bearer " + key;
                    break;
                case VendorAuthKind.Basic:
                    string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));
                    secrets.Add(encoded);
                    value = "Basic " + encoded;
                    break;
                default:
                    string? prefix = auth.ValuePrefix;
                    value = prefix is null || key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? key : prefix + key;
                    break;
            }

            secrets.Add(value);
            authHeaders.Add(new KeyValuePair<string, string>(auth.HeaderName, value));
        }

        foreach (string scheme in options.Credentials.Keys)
        {
            if (!knownSchemes.Contains(scheme))
            {
                failures.Add(vendor + ": Credentials names an unknown security scheme '" + scheme + "' (the contract has: " + string.Join(", ", knownSchemes) + ").");
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> pair in profile.DefaultHeaders)
        {
            headers[pair.Key] = pair.Value;
        }

        foreach (KeyValuePair<string, string> pair in options.Headers)
        {
            if (!IsToken(pair.Key))
            {
                failures.Add(vendor + ": Headers has an invalid header name.");
            }
            else if (IsCredentialHeader(profile, pair.Key))
            {
                failures.Add(vendor + ": Headers must not set the credential header '" + pair.Key + "'; use ApiKey or Credentials (the value is not shown).");
            }
            else if (pair.Value is null || HasControlCharacter(pair.Value))
            {
                failures.Add(vendor + ": the header '" + pair.Key + "' has a missing value or one with a CR, LF or other control character (the value is not shown).");
            }
            else if (!IsAscii(pair.Value))
            {
                failures.Add(vendor + ": the header '" + pair.Key + "' has a character outside ASCII, which a request header cannot carry (the value is not shown).");
            }
            else
            {
                headers[pair.Key] = pair.Value;
            }
        }

        ValidateTimes(vendor, options, failures);

        HttpMethod method = HttpMethod.Post;
        if (!string.IsNullOrEmpty(profile.Method))
        {
            if (IsToken(profile.Method))
            {
                method = new HttpMethod(profile.Method.ToUpperInvariant());
            }
            else
            {
                failures.Add(vendor + ": the profile's HTTP method is not valid.");
            }
        }

        if (failures.Count > 0 || endpoint is null)
        {
            throw new OptionsValidationException(vendor, typeof(VendorSenderOptions), failures);
        }

        var extra = new List<KeyValuePair<string, string>>(headers);
        return new SenderSettings(profile, endpoint, method, authHeaders.ToArray(), extra.ToArray(), new Redactor(secrets), options);
    }

    /// <summary>Whether an id (messageId, userId) or a secret has a character that must never reach a header or a log line.</summary>
    public static bool HasControlCharacter(string value)
    {
        foreach (char c in value)
        {
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAscii(string value)
    {
        foreach (char c in value)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static Uri? ResolveEndpoint(VendorProfile profile, VendorSenderOptions options, List<string> failures)
    {
        string vendor = profile.Name;
        Uri? server = options.BaseAddress;
        if (server is null)
        {
            if (profile.Servers.Count == 0)
            {
                failures.Add(vendor + ": the contract documents no server; set BaseAddress.");
                return null;
            }

            string? filled = FillTemplate(profile, profile.Servers[0], options, failures);
            if (filled is null)
            {
                return null;
            }

            if (!Uri.TryCreate(filled, UriKind.Absolute, out server))
            {
                failures.Add(vendor + ": the server URL '" + filled + "' is not an absolute URL.");
                return null;
            }
        }

        if (!server.IsAbsoluteUri)
        {
            failures.Add(vendor + ": BaseAddress must be an absolute URL.");
            return null;
        }

        if (!string.IsNullOrEmpty(server.UserInfo))
        {
            failures.Add(vendor + ": BaseAddress must not carry user info (credentials go in ApiKey or Credentials).");
            return null;
        }

        if (!string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
        {
            failures.Add(vendor + ": BaseAddress must not have a query or a fragment.");
            return null;
        }

        if (string.Equals(server.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            if (!IsLoopback(server))
            {
                failures.Add(vendor + ": refusing the http:// address of host '" + server.Host + "': credentials would travel in clear text. Use https://; http:// is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost).");
                return null;
            }
        }
        else if (!string.Equals(server.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(vendor + ": BaseAddress must be an https:// URL (was " + server.Scheme + "://).");
            return null;
        }

        string path = profile.Path ?? string.Empty;
        if (path.Length > 0 && path[0] != '/')
        {
            path = "/" + path;
        }

        string text = VendorSenderOptions.RedactedUri(server).TrimEnd('/') + path;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? endpoint))
        {
            failures.Add(vendor + ": the endpoint '" + text + "' is not a valid URL.");
            return null;
        }

        return endpoint;
    }

    private static string? FillTemplate(VendorProfile profile, string template, VendorSenderOptions options, List<string> failures)
    {
        string vendor = profile.Name;
        var builder = new StringBuilder(template.Length + 32);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c != '{')
            {
                builder.Append(c);
                i++;
                continue;
            }

            int end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                failures.Add(vendor + ": the server URL template '" + template + "' has an unclosed '{'.");
                return null;
            }

            string name = template.Substring(i + 1, end - i - 1);
            string? value = options.ServerVariables.TryGetValue(name, out string? own) && !string.IsNullOrEmpty(own)
                ? own
                : DefaultOf(profile.ServerVariables, name);
            if (value is null)
            {
                failures.Add(vendor + ": the server URL template '" + template + "' needs the variable '" + name + "'; set ServerVariables[\"" + name + "\"] or BaseAddress.");
                return null;
            }

            if (HasControlCharacter(value))
            {
                failures.Add(vendor + ": the server variable '" + name + "' has a control character.");
                return null;
            }

            builder.Append(value);
            i = end + 1;
        }

        return builder.ToString();
    }

    private static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        string host = uri.IdnHost;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host.Substring(1, host.Length - 2);
        }

        return IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Checks the times against the resilience strategies' own ranges (timeouts 10 ms to 1 day, delays up to 1 day,
    /// breaker windows 0.5 s to 1 day), so a value they would refuse is an options error here: their check throws a
    /// <c>ValidationException</c>, and in DI only when the named client is first created, inside a send.
    /// </summary>
    private static void ValidateTimes(string vendor, VendorSenderOptions options, List<string> failures)
    {
        VendorResilienceOptions r = options.Resilience;
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add(vendor + ": Timeout must be positive.");
        }
        else if (options.Timeout < MinTimeout || options.Timeout > MaxTime)
        {
            failures.Add(vendor + ": Timeout must be between 10 ms and 1 day.");
        }

        if (r.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add(vendor + ": Resilience.AttemptTimeout must be positive.");
        }
        else if (r.AttemptTimeout < MinTimeout || r.AttemptTimeout > MaxTime)
        {
            failures.Add(vendor + ": Resilience.AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (r.MaxRetryAttempts < 0 || r.MaxRetryAttempts > 100)
        {
            failures.Add(vendor + ": Resilience.MaxRetryAttempts must be between 0 and 100.");
        }

        if (r.BaseDelay < TimeSpan.Zero || r.MaxDelay < TimeSpan.Zero)
        {
            failures.Add(vendor + ": Resilience delays must not be negative.");
        }
        else if (r.BaseDelay > MaxTime || r.MaxDelay > MaxTime)
        {
            failures.Add(vendor + ": Resilience.BaseDelay and Resilience.MaxDelay must be at most 1 day.");
        }

        if (r.UseCircuitBreaker)
        {
            if (r.CircuitFailureRatio <= 0 || r.CircuitFailureRatio > 1 || double.IsNaN(r.CircuitFailureRatio))
            {
                failures.Add(vendor + ": Resilience.CircuitFailureRatio must be above 0 and at most 1.");
            }

            if (r.CircuitMinimumThroughput < 2)
            {
                failures.Add(vendor + ": Resilience.CircuitMinimumThroughput must be at least 2.");
            }

            if (r.CircuitSamplingDuration < MinCircuitTime || r.CircuitSamplingDuration > MaxTime)
            {
                failures.Add(vendor + ": Resilience.CircuitSamplingDuration must be between 0.5 seconds and 1 day.");
            }

            if (r.CircuitBreakDuration < MinCircuitTime || r.CircuitBreakDuration > MaxTime)
            {
                failures.Add(vendor + ": Resilience.CircuitBreakDuration must be between 0.5 seconds and 1 day.");
            }
        }
    }

    private static string? DefaultOf(IReadOnlyList<KeyValuePair<string, string>> variables, string name)
    {
        foreach (var variable in variables)
        {
            if (string.Equals(variable.Key, name, StringComparison.Ordinal))
            {
                return variable.Value;
            }
        }

        return null;
    }

    private static bool IsCredentialHeader(VendorProfile profile, string name)
    {
        foreach (VendorAuth auth in profile.Auth)
        {
            if (string.Equals(auth.HeaderName, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsToken(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (char c in value)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
