namespace EventContracts.Generators;

/// <summary>Version stamped into generated code's GeneratedCode attributes.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
