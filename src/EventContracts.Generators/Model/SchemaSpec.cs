using System;

namespace EventContracts.Generators.Model;

/// <summary>JSON types a schema allows (the generator-side twin of the runtime's JsonTypes).</summary>
[Flags]
internal enum JsonTypeSet
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

/// <summary>
/// One schema node of the contract's schema graph, with every supported keyword as a plain value.
/// Sub-schemas are referred to by <see cref="Id"/> so that <c>$ref</c> cycles are representable.
/// </summary>
internal sealed record SchemaSpec(
    int Id,
    string Pointer,
    bool AlwaysFails,
    JsonTypeSet Types,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<string> Required,
    int? AdditionalPropertiesId,
    bool AdditionalPropertiesForbidden,
    int? PropertyNamesId,
    int? MinProperties,
    int? MaxProperties,
    EquatableArray<string> Enum,
    string? Const,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    string? Format,
    string? Minimum,
    string? Maximum,
    string? ExclusiveMinimum,
    string? ExclusiveMaximum,
    string? MultipleOf,
    int? ItemsId,
    int? MinItems,
    int? MaxItems,
    bool UniqueItems,
    EquatableArray<int> AllOf,
    EquatableArray<int> AnyOf,
    EquatableArray<int> OneOf,
    int? RefId,
    int? MaxBytes,
    string? Title,
    string? Description,
    EnvelopeSpec? Envelope = null,
    string? Reserved = null,
    string? CodeList = null)
{
    public bool HasEnum => !Enum.IsEmpty;

    public bool HasStringRule => MinLength is not null || MaxLength is not null || Pattern is not null || Format is not null;

    public bool HasNumberRule => Minimum is not null || Maximum is not null || ExclusiveMinimum is not null || ExclusiveMaximum is not null || MultipleOf is not null;

    public bool HasObjectKeywords => !Properties.IsEmpty || !Required.IsEmpty || AdditionalPropertiesId is not null
        || AdditionalPropertiesForbidden || PropertyNamesId is not null || MinProperties is not null || MaxProperties is not null;

    public bool HasArrayKeywords => ItemsId is not null || MinItems is not null || MaxItems is not null || UniqueItems;
}

/// <summary>
/// Which properties of a vendor's request carry the event name, the event's own properties and the
/// idempotency key, and for a batch request the array of calls (the <c>x-ec-event-name</c>,
/// <c>x-ec-properties</c>, <c>x-ec-message-id</c> and <c>x-ec-batch</c> extensions).
/// </summary>
internal sealed record EnvelopeSpec(string? EventNameProperty, string? PropertiesProperty, string? MessageIdProperty, string? BatchItemsProperty = null);

/// <summary>A declared property of an object schema.</summary>
internal sealed record PropertySpec(string JsonName, int SchemaId);
