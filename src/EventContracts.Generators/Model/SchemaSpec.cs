using System;
using System.Collections.Generic;
using System.Linq;

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
/// <see cref="MarksEvaluated"/>: the schema is applied in place (through <c>$ref</c>, <c>allOf</c>, <c>anyOf</c>,
/// <c>oneOf</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentSchemas</c>) under a schema with
/// <c>unevaluatedProperties</c> or <c>unevaluatedItems</c> (or has one itself), so its validator tells the validation
/// context which members its <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>,
/// <c>prefixItems</c>, <c>items</c> and <c>contains</c> evaluate.
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
    string? CodeList = null,
    AssertionSpec? Assertions = null,
    EquatableArray<PatternPropertySpec> PatternProperties = default,
    EquatableArray<int> PrefixItems = default,
    bool MarksEvaluated = false)
{
    public bool HasEnum => !Enum.IsEmpty;

    /// <summary>The values the schema's own <c>enum</c> (or, without one, its <c>const</c>) allows, as compact JSON text; empty when it has neither.</summary>
    public EquatableArray<string> AllowedValues => HasEnum ? Enum : Const is { } single ? new[] { single }.ToEquatableArray() : EquatableArray<string>.Empty;

    public bool HasStringRule => MinLength is not null || MaxLength is not null || Pattern is not null || Format is not null;

    public bool HasNumberRule => Minimum is not null || Maximum is not null || ExclusiveMinimum is not null || ExclusiveMaximum is not null || MultipleOf is not null;

    public bool HasObjectKeywords => !Properties.IsEmpty || !Required.IsEmpty || AdditionalPropertiesId is not null
        || AdditionalPropertiesForbidden || PropertyNamesId is not null || MinProperties is not null || MaxProperties is not null
        || !PatternProperties.IsEmpty;

    public bool HasArrayKeywords => ItemsId is not null || MinItems is not null || MaxItems is not null || UniqueItems || !PrefixItems.IsEmpty;

    /// <summary>Whether <c>properties</c> names <paramref name="jsonName"/>.</summary>
    public bool Declares(string jsonName)
    {
        foreach (var property in Properties)
        {
            if (property.JsonName == jsonName)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Which properties of a vendor's request carry the event name, the event's own properties and the
/// idempotency key, and for a batch request the array of calls (the <c>x-ec-event-name</c>,
/// <c>x-ec-properties</c>, <c>x-ec-message-id</c> and <c>x-ec-batch</c> extensions).
/// </summary>
internal sealed record EnvelopeSpec(string? EventNameProperty, string? PropertiesProperty, string? MessageIdProperty, string? BatchItemsProperty = null);

/// <summary>
/// Keywords that only decide which values are valid and never change the generated types: <c>not</c>,
/// <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentRequired</c> and <c>dependentSchemas</c> (and draft 7's
/// <c>dependencies</c>), <c>contains</c> with <c>minContains</c>/<c>maxContains</c>, <c>unevaluatedProperties</c> and
/// <c>unevaluatedItems</c> (a schema id, or <c>false</c> as a flag, as <c>additionalProperties</c> is read). Ids are
/// schema ids. An <see cref="If"/> without <see cref="Then"/> and <see cref="Else"/> asserts nothing; it is kept only
/// when an <c>unevaluated*</c> keyword needs the names it evaluates.
/// </summary>
internal sealed record AssertionSpec(
    int? Not,
    int? If,
    int? Then,
    int? Else,
    EquatableArray<DependentRequiredSpec> DependentRequired,
    EquatableArray<PropertySpec> DependentSchemas,
    int? Contains,
    int? MinContains,
    int? MaxContains,
    int? UnevaluatedProperties = null,
    bool UnevaluatedPropertiesForbidden = false,
    int? UnevaluatedItems = null,
    bool UnevaluatedItemsForbidden = false)
{
    /// <summary>Assertions with nothing to assert (a start for <c>with</c>).</summary>
    public static AssertionSpec None { get; } = new(null, null, null, null, EquatableArray<DependentRequiredSpec>.Empty, EquatableArray<PropertySpec>.Empty, null, null, null);

    /// <summary>Whether an object's walk has work: names that, when present, require others or a schema, or names no keyword evaluated.</summary>
    public bool HasObjectKeywords => !DependentRequired.IsEmpty || !DependentSchemas.IsEmpty || HasUnevaluatedProperties;

    /// <summary>Whether an array's walk has work (<c>minContains</c>/<c>maxContains</c> need <c>contains</c>; <c>unevaluatedItems</c>).</summary>
    public bool HasArrayKeywords => Contains is not null || HasUnevaluatedItems;

    /// <summary>Whether <c>unevaluatedProperties</c> is a schema or <c>false</c>.</summary>
    public bool HasUnevaluatedProperties => UnevaluatedProperties is not null || UnevaluatedPropertiesForbidden;

    /// <summary>Whether <c>unevaluatedItems</c> is a schema or <c>false</c>.</summary>
    public bool HasUnevaluatedItems => UnevaluatedItems is not null || UnevaluatedItemsForbidden;

    /// <summary>Whether the validator collects the members that keywords applied in place evaluate.</summary>
    public bool HasUnevaluated => HasUnevaluatedProperties || HasUnevaluatedItems;

    /// <summary>Whether nothing is asserted.</summary>
    public bool IsEmpty => this == None;

    /// <summary>The schemas the validator calls.</summary>
    public IEnumerable<int> Children()
    {
        foreach (int id in SameValueChildren())
        {
            yield return id;
        }

        foreach (int? id in new[] { Contains, UnevaluatedProperties, UnevaluatedItems })
        {
            if (id is int value)
            {
                yield return value;
            }
        }
    }

    /// <summary>The schemas that validate the same value (<c>contains</c> validates the items), in a fixed order.</summary>
    public IEnumerable<int> SameValueChildren()
    {
        foreach (int? id in new[] { Not, If })
        {
            if (id is int value)
            {
                yield return value;
            }
        }

        foreach (int id in ConditionalChildren())
        {
            yield return id;
        }
    }

    /// <summary>The schemas that apply to the same value under a condition: <c>then</c>, <c>else</c>, <c>dependentSchemas</c>.</summary>
    public IEnumerable<int> ConditionalChildren()
    {
        foreach (int? id in new[] { Then, Else })
        {
            if (id is int value)
            {
                yield return value;
            }
        }

        foreach (var dependent in DependentSchemas)
        {
            yield return dependent.SchemaId;
        }
    }

    /// <summary>These assertions without the same-value references to <paramref name="target"/> (a broken <c>$ref</c> cycle).</summary>
    public AssertionSpec WithoutSameValue(int target) => this with
    {
        Not = Not == target ? null : Not,
        If = If == target ? null : If,
        Then = Then == target ? null : Then,
        Else = Else == target ? null : Else,
        DependentSchemas = DependentSchemas.Where(d => d.SchemaId != target).ToEquatableArray(),
    };
}

/// <summary>A <c>dependentRequired</c> entry: when <paramref name="Name"/> is present, so must <paramref name="Required"/> be.</summary>
internal sealed record DependentRequiredSpec(string Name, EquatableArray<string> Required);

/// <summary>A <c>patternProperties</c> entry: the value of every property whose name matches <paramref name="Pattern"/> (ECMA-262) is validated against schema <paramref name="SchemaId"/>.</summary>
internal sealed record PatternPropertySpec(string Pattern, int SchemaId);

/// <summary>A declared property of an object schema.</summary>
internal sealed record PropertySpec(string JsonName, int SchemaId);
