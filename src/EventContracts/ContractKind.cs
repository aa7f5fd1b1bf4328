namespace EventContracts;

/// <summary>What an event contract describes: a request sent to a vendor, a vendor's response, or an event of the application's tracking plan.</summary>
public enum ContractKind
{
    /// <summary>The body of a request that tracks an event at a vendor (a vendor contract's operation request body).</summary>
    VendorRequest = 0,

    /// <summary>The body of a response a vendor returns for a track call.</summary>
    VendorResponse = 1,

    /// <summary>An event of the application's tracking plan (its properties object).</summary>
    PlanEvent = 2,
}
