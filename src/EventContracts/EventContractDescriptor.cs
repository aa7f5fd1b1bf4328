using System;
using System.Collections.Generic;

namespace EventContracts;

/// <summary>Describes one generated contract: its name, where it came from, its model type, its examples and its validator.</summary>
public sealed class EventContractDescriptor
{
    private readonly Utf8JsonValidator _validator;

    /// <summary>Creates a descriptor.</summary>
    /// <param name="name">The contract's name (an event name or a vendor operation).</param>
    /// <param name="kind">What the contract describes.</param>
    /// <param name="vendor">The vendor the contract belongs to, or <see langword="null"/> for a tracking-plan event that is not tied to one vendor.</param>
    /// <param name="modelType">The generated model type.</param>
    /// <param name="source">The file (and location in it) the contract was read from.</param>
    /// <param name="examples">The contract's example payloads.</param>
    /// <param name="validator">The generated validator for UTF-8 JSON documents.</param>
    public EventContractDescriptor(
        string name,
        ContractKind kind,
        string? vendor,
        Type modelType,
        string source,
        IReadOnlyList<ContractExample> examples,
        Utf8JsonValidator validator)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Vendor = vendor;
        ModelType = modelType ?? throw new ArgumentNullException(nameof(modelType));
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Examples = examples ?? throw new ArgumentNullException(nameof(examples));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
    }

    /// <summary>The contract's name (an event name or a vendor operation).</summary>
    public string Name { get; }

    /// <summary>What the contract describes.</summary>
    public ContractKind Kind { get; }

    /// <summary>The vendor the contract belongs to, or <see langword="null"/>.</summary>
    public string? Vendor { get; }

    /// <summary>The generated model type.</summary>
    public Type ModelType { get; }

    /// <summary>The file (and location in it) the contract was read from.</summary>
    public string Source { get; }

    /// <summary>The contract's example payloads.</summary>
    public IReadOnlyList<ContractExample> Examples { get; }

    /// <summary>Validates a UTF-8 JSON document against the contract.</summary>
    /// <param name="utf8Json">The whole JSON document, UTF-8 encoded.</param>
    /// <returns>The validation result.</returns>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json) => _validator(utf8Json);

    /// <summary>Returns the contract's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
