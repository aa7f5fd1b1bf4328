using System;

namespace EventContracts;

/// <summary>A named example payload taken from a contract.</summary>
public sealed class ContractExample
{
    /// <summary>Creates an example.</summary>
    /// <param name="name">The example's name in the contract.</param>
    /// <param name="json">The example payload as JSON text.</param>
    public ContractExample(string name, string json)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Json = json ?? throw new ArgumentNullException(nameof(json));
    }

    /// <summary>The example's name in the contract.</summary>
    public string Name { get; }

    /// <summary>The example payload as JSON text.</summary>
    public string Json { get; }

    /// <summary>Returns the example's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
