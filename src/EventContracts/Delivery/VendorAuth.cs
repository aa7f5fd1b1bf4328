namespace EventContracts.Delivery;

/// <summary>How a credential is sent.</summary>
public enum VendorAuthKind
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    Bearer,

    /// <summary><c>Authorization: Basic base64(&lt;key&gt;:)</c> (the key as user name, empty password).</summary>
    Basic,

    /// <summary>A named header carrying the key, optionally after a fixed prefix.</summary>
    Header,
}

/// <summary>One credential a vendor's track call needs, from the contract's security scheme.</summary>
public sealed class VendorAuth
{
    /// <summary>Creates a credential description.</summary>
    /// <param name="schemeName">The security scheme's name in the contract; options key credentials by it.</param>
    /// <param name="kind">How the credential is sent.</param>
    /// <param name="headerName">The header that carries it.</param>
    /// <param name="valuePrefix">Text written before the key (for example <c>Token </c>), or null.</param>
    public VendorAuth(string schemeName, VendorAuthKind kind, string headerName, string? valuePrefix)
    {
        SchemeName = schemeName;
        Kind = kind;
        HeaderName = headerName;
        ValuePrefix = valuePrefix;
    }

    /// <summary>The security scheme's name in the contract.</summary>
    public string SchemeName { get; }

    /// <summary>How the credential is sent.</summary>
    public VendorAuthKind Kind { get; }

    /// <summary>The header that carries it.</summary>
    public string HeaderName { get; }

    /// <summary>Text written before the key, or null.</summary>
    public string? ValuePrefix { get; }

    /// <inheritdoc/>
    public override string ToString() => SchemeName + " (" + Kind + " in " + HeaderName + ")";
}
