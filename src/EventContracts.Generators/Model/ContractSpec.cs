using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>What a contract describes: a vendor's track request, or an event of the tracking plan.</summary>
internal enum ContractSourceKind
{
    VendorContract,
    PlanEvent,
}

/// <summary>
/// The normalized, value-equatable model of one contract file: the schema graph, the C# types
/// derived from it, and the operation facts. No Roslyn or parser object lives past this point.
/// </summary>
internal sealed record ContractSpec(
    string Name,
    string Namespace,
    string SourcePath,
    ContractSourceKind Kind,
    OperationSpec? Operation,
    int RequestSchemaId,
    string RequestTypeName,
    EquatableArray<ResponseSpec> Responses,
    EquatableArray<ExampleSpec> Examples,
    EquatableArray<SchemaSpec> Schemas,
    EquatableArray<TypeSpec> Types,
    EquatableArray<PlanEventSpec> Events,
    string? EventNameStyle = null)
{
    /// <summary>The static class that holds the contract's constants and schema validators.</summary>
    public string ContractClassName => Name + "Contract";

    /// <summary>
    /// Whether the request needs one of its identity fields (<c>x-ec-identity</c>): one is required at the top level, or
    /// every <c>anyOf</c>/<c>oneOf</c> branch requires one (Customer.io's userId or anonymousId), or an <c>allOf</c> part
    /// does. Fields listed only as optional (Courier's nullable userId) do not make it required.
    /// </summary>
    public bool RequiresIdentity()
    {
        var identity = Operation?.IdentityProperties ?? EquatableArray<string>.Empty;
        if (identity.IsEmpty || RequestSchemaId < 0)
        {
            return false;
        }

        bool RequiresAny(SchemaSpec schema) => schema.Required.Any(r => identity.Contains(r));
        var request = SchemaGraph.Resolve(Schemas, RequestSchemaId);
        if (RequiresAny(request))
        {
            return true;
        }

        foreach (var branches in new[] { request.AnyOf, request.OneOf })
        {
            if (!branches.IsEmpty && branches.All(b => RequiresAny(SchemaGraph.Resolve(Schemas, b))))
            {
                return true;
            }
        }

        return request.AllOf.Any(part => RequiresAny(SchemaGraph.Resolve(Schemas, part)));
    }
}

/// <summary>The HTTP operation of a vendor contract that tracks an event.</summary>
internal sealed record OperationSpec(
    string Method,
    string Path,
    string? OperationId,
    string? Summary,
    EquatableArray<string> Servers,
    EquatableArray<SecuritySpec> Security,
    EquatableArray<string> IdentityProperties,
    string? Duplicates,
    EquatableArray<NameValue> ServerVariables,
    EquatableArray<NameValue> DefaultHeaders);

/// <summary>A name and a value: a server variable's default, or a header senders send by default.</summary>
internal sealed record NameValue(string Name, string Value);

/// <summary>One credential a request needs (all entries of one security requirement are needed together).</summary>
internal sealed record SecuritySpec(string SchemeName, string Type, string? Scheme, string? In, string? ParameterName, string? ValuePrefix);

/// <summary>A documented response: status code, description and, when it has a JSON body, its schema and type.</summary>
internal sealed record ResponseSpec(string StatusCode, string? Description, int? SchemaId, string? TypeName);

/// <summary>
/// An event of a tracking plan: its wire name, the generated record, the schema of its properties,
/// the destinations (vendor contract names) it goes to, and where its name is written.
/// </summary>
internal sealed record PlanEventSpec(
    string Name,
    string TypeName,
    int SchemaId,
    EquatableArray<string> Destinations,
    string? Description,
    FileLocation NameLocation,
    EquatableArray<PlanPropertySpec> Properties,
    EquatableArray<PlanOpenValuesSpec> OpenValues = default,
    EquatableArray<PlanNameRuleSpec> NameRules = default);

/// <summary>
/// A top-level property of a plan event: its name, the JSON types it may take, where it is declared,
/// the string values it is limited to (its <c>enum</c>/<c>const</c>), if any, and, when it can only be a string, the
/// fewest characters its <c>minLength</c> allows.
/// </summary>
internal sealed record PlanPropertySpec(string JsonName, JsonTypeSet Types, FileLocation Location, EquatableArray<string> Constants = default, int? MinLength = null);

/// <summary>
/// What a plan event says of the values of names it does not declare, when it says it (an absent keyword says nothing):
/// its <c>additionalProperties</c>, <c>unevaluatedProperties</c> or a <c>patternProperties</c> pattern
/// (<paramref name="Keyword"/>), the JSON types those values may take (<see cref="JsonTypeSet.None"/>: any), and where
/// the keyword is written. <paramref name="OtherPatterns"/>: the <c>patternProperties</c> patterns whose names the keyword
/// leaves alone (an <c>additionalProperties</c>' siblings; every pattern of the event for <c>unevaluatedProperties</c>).
/// </summary>
internal sealed record PlanOpenValuesSpec(string Keyword, string? Pattern, JsonTypeSet Types, FileLocation Location, EquatableArray<string> OtherPatterns = default);

/// <summary>
/// A plan event's <c>propertyNames</c> rule, as far as a name can be judged at build time: the names of its
/// <c>enum</c>/<c>const</c> (<paramref name="Enumerated"/>), its <c>pattern</c> and length bounds. <paramref name="Opaque"/>: it
/// has other keywords (combinators, <c>not</c>, <c>format</c>), so whether it admits a name is not known.
/// </summary>
internal sealed record PlanNameRuleSpec(bool Opaque, bool Enumerated, EquatableArray<string> Names, string? Pattern, int? MinLength, int? MaxLength);

/// <summary>A documented example payload, as compact JSON text.</summary>
internal sealed record ExampleSpec(string Name, string Json);
