using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>A property a destination declares inside its event-properties object (for example Customer.io's <c>revenue</c>).</summary>
internal sealed record DeclaredPropertySpec(string Name, JsonTypeSet Types, string? Reserved, string? CodeList = null);

/// <summary>
/// What a vendor contract accepts as an event's properties, distilled from its schema graph: the
/// envelope member that carries them, the properties it declares itself, what other values and
/// names it allows (and <see cref="ValueMaxLength"/>, the most characters of a string among them). Plan events are
/// checked against this at build time.
/// </summary>
internal sealed record DestinationSpec(
    string Name,
    string PropertiesMember,
    EquatableArray<DeclaredPropertySpec> Declared,
    JsonTypeSet AdditionalTypes,
    bool AdditionalForbidden,
    string? NamePattern,
    int? NameMaxLength,
    int? MaxBytes,
    EquatableArray<string> EnvelopeFields,
    int? EventNameMaxLength,
    string? EventNamePattern,
    int? RequestMaxBytes,
    int? ValueMaxLength = null)
{
    /// <summary>The destination a vendor contract describes, or null when its request has no <c>x-ec-properties</c> member.</summary>
    public static DestinationSpec? From(ContractSpec contract)
    {
        if (contract.Kind != ContractSourceKind.VendorContract || contract.RequestSchemaId < 0)
        {
            return null;
        }

        var schemas = contract.Schemas;
        var request = SchemaGraph.Resolve(schemas, contract.RequestSchemaId);
        string? member = request.Envelope?.PropertiesProperty;
        var property = member is null ? null : request.Properties.FirstOrDefault(p => p.JsonName == member);
        if (member is null || property is null)
        {
            return null;
        }

        var container = SchemaGraph.Resolve(schemas, property.SchemaId);
        var declared = container.Properties
            .Select(p => new DeclaredPropertySpec(
                p.JsonName,
                SchemaGraph.ValueTypes(schemas, p.SchemaId),
                schemas[p.SchemaId].Reserved ?? SchemaGraph.Resolve(schemas, p.SchemaId).Reserved,
                schemas[p.SchemaId].CodeList ?? SchemaGraph.Resolve(schemas, p.SchemaId).CodeList))
            .ToEquatableArray();
        var undeclared = SchemaGraph.UnevaluatedAsAdditional(container);
        int? extraId = container.AdditionalPropertiesId ?? undeclared?.UnevaluatedProperties;
        var additionalTypes = extraId is int extra ? SchemaGraph.ValueTypes(schemas, extra) : JsonTypeSet.None;
        var names = container.PropertyNamesId is int n ? SchemaGraph.Resolve(schemas, n) : null;
        var eventNameProperty = request.Envelope?.EventNameProperty is { } eventName ? request.Properties.FirstOrDefault(p => p.JsonName == eventName) : null;
        var eventNameSchema = eventNameProperty is null ? null : SchemaGraph.Resolve(schemas, eventNameProperty.SchemaId);
        return new DestinationSpec(
            contract.Name,
            member,
            declared,
            additionalTypes,
            container.AdditionalPropertiesForbidden || undeclared?.UnevaluatedPropertiesForbidden == true,
            names?.Pattern,
            names?.MaxLength,
            container.MaxBytes,
            request.Properties.Select(p => p.JsonName).Where(p => p != member).ToEquatableArray(),
            eventNameSchema?.MaxLength,
            eventNameSchema?.Pattern,
            request.MaxBytes ?? contract.Schemas[contract.RequestSchemaId].MaxBytes,
            extraId is int value ? SchemaGraph.Resolve(schemas, value).MaxLength : null);
    }
}
