namespace EventContracts.Generators;

/// <summary>Names of the incremental pipeline's steps, so tests can assert that each one is cached.</summary>
internal static class TrackingNames
{
    public const string Files = nameof(Files);
    public const string Documents = nameof(Documents);
    public const string ContractNames = nameof(ContractNames);
    public const string Inputs = nameof(Inputs);
    public const string Models = nameof(Models);
    public const string PlanChunks = nameof(PlanChunks);
    public const string Sources = nameof(Sources);
    public const string PlanParts = nameof(PlanParts);
    public const string Diagnostics = nameof(Diagnostics);
    public const string CatalogEntries = nameof(CatalogEntries);
    public const string Settings = nameof(Settings);
    public const string Destinations = nameof(Destinations);
    public const string DestinationChecks = nameof(DestinationChecks);
    public const string TypeNameCollisions = nameof(TypeNameCollisions);
    public const string Polyfills = nameof(Polyfills);
}
