using System;
using System.Collections.Generic;

namespace EventContracts.Http.Internal;

/// <summary>
/// Facts about the built-in vendors that the generated <see cref="Delivery.VendorProfile"/> does not carry
/// (yet): server-variable defaults, value prefixes written in a scheme's description, and request headers the
/// contract declares as optional parameters. Keyed by contract name; a custom contract gets none of them.
/// </summary>
internal static class VendorDefaults
{
    /// <summary>The default of a server URL variable, or null.</summary>
    public static string? ServerVariable(string vendor, string variable)
        => (vendor.ToUpperInvariant(), variable.ToUpperInvariant()) switch
        {
            // userpilot.openapi.yaml: environment analytex (US) or analytex-eu.
            ("USERPILOT", "ENVIRONMENT") => "analytex",

            // tranthor.openapi.yaml: base, default https://app.tranthor.com.
            ("TRANTHOR", "BASE") => "https://app.tranthor.com",
            _ => null,
        };

    /// <summary>
    /// Text written before a key in a <see cref="Delivery.VendorAuthKind.Header"/> credential when the profile has
    /// no prefix: Tranthor documents both of its headers as <c>Bearer &lt;token&gt;</c> in the scheme description.
    /// </summary>
    public static string? HeaderValuePrefix(string vendor, string scheme)
        => string.Equals(vendor, "Tranthor", StringComparison.OrdinalIgnoreCase) ? "Bearer " : null;

    /// <summary>Extra headers sent by default.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Headers(string vendor)
    {
        if (string.Equals(vendor, "CustomerIo", StringComparison.OrdinalIgnoreCase))
        {
            // Without it Customer.io answers 200 to a bad call and drops it (customerio.openapi.yaml, X-Strict-Mode).
            yield return new KeyValuePair<string, string>("X-Strict-Mode", "1");
        }
    }
}
