using System;
using System.Collections.Generic;

namespace EventContracts.Emulator;

/// <summary>The five emulated vendors.</summary>
internal enum VendorKind
{
    Courier = 0,
    Userpilot = 1,
    Tranthor = 2,
    CustomerIo = 3,
    PushEngage = 4,
}

/// <summary>One emulated vendor: its path prefix, its contract in the generated catalog and its server path.</summary>
internal sealed class VendorInfo
{
    private VendorInfo(VendorKind kind, string id, string contractName, string serverPath)
    {
        Kind = kind;
        Id = id;
        ContractName = contractName;
        ServerPath = serverPath;
    }

    public static IReadOnlyList<VendorInfo> All { get; } = new[]
    {
        new VendorInfo(VendorKind.Courier, "courier", "Courier", ""),
        new VendorInfo(VendorKind.Userpilot, "userpilot", "Userpilot", ""),
        new VendorInfo(VendorKind.Tranthor, "tranthor", "Tranthor", ""),
        new VendorInfo(VendorKind.CustomerIo, "customerio", "CustomerIo", "/v1"),
        new VendorInfo(VendorKind.PushEngage, "pushengage", "PushEngage", ""),
    };

    public static string ContractNames { get; } = "Courier, Userpilot, Tranthor, CustomerIo, PushEngage";

    public VendorKind Kind { get; }

    /// <summary>The lowercase name: the path prefix and the <c>vendor</c> of recorded events.</summary>
    public string Id { get; }

    /// <summary>The contract's name in <c>EventContractCatalog</c> and in option keys.</summary>
    public string ContractName { get; }

    /// <summary>The path part of the vendor's documented server URL (Customer.io's <c>/v1</c>).</summary>
    public string ServerPath { get; }

    public static VendorInfo Get(VendorKind kind) => All[(int)kind];

    /// <summary>Finds a vendor by its path prefix or contract name, case-insensitively.</summary>
    public static VendorInfo? FindByName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        foreach (VendorInfo vendor in All)
        {
            if (string.Equals(vendor.Id, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(vendor.ContractName, name, StringComparison.OrdinalIgnoreCase))
            {
                return vendor;
            }
        }

        return null;
    }
}
