using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// Emits <c>{Vendor}Contract.Profile</c>: the vendor's track call as data (method, path, servers,
/// credentials, envelope fields, identity fields, constant fields, duplicate handling) for senders.
/// </summary>
internal static class ProfileEmitter
{
    public static bool CanEmit(ContractSpec contract) => contract.Kind == ContractSourceKind.VendorContract && contract.Operation is not null;

    public static string Emit(ContractSpec contract)
    {
        var op = contract.Operation!;
        var request = SchemaGraph.Resolve(contract.Schemas, contract.RequestSchemaId);
        var envelope = request.Envelope;
        var writer = SourceWriter.File(contract.Namespace);
        writer.Open("public static partial class " + contract.ContractClassName);
        writer.Line("/// <summary>The track call as data, for senders and the tracker.</summary>");
        writer.Line("public static global::EventContracts.Delivery.VendorProfile Profile { get; } = new(");
        writer.Line("    " + Naming.Literal(contract.Name) + ",");
        writer.Line("    " + Naming.Literal(op.Method) + ",");
        writer.Line("    " + Naming.Literal(op.Path) + ",");
        writer.Line("    new string[] { " + string.Join(", ", op.Servers.Select(Naming.Literal)) + " },");
        writer.Line("    new global::EventContracts.Delivery.VendorAuth[]");
        writer.Line("    {");
        foreach (var security in op.Security)
        {
            writer.Line("        " + Auth(security) + ",");
        }

        writer.Line("    },");
        writer.Line("    " + Str(envelope?.EventNameProperty) + ",");
        writer.Line("    " + Str(envelope?.PropertiesProperty) + ",");
        writer.Line("    " + Str(envelope?.MessageIdProperty) + ",");
        writer.Line("    new string[] { " + string.Join(", ", op.IdentityProperties.Select(Naming.Literal)) + " },");
        writer.Line("    new global::System.Collections.Generic.KeyValuePair<string, string>[]");
        writer.Line("    {");
        foreach (var (name, json) in ConstantFields(contract, request))
        {
            writer.Line("        new(" + Naming.Literal(name) + ", " + Naming.Literal(json) + "),");
        }

        writer.Line("    },");
        writer.Line("    global::EventContracts.Delivery.DuplicateHandling." + Duplicates(op.Duplicates) + ",");
        writer.Line("    ValidateRequestJson,");
        writer.Line("    " + Pairs(op.ServerVariables) + ",");
        writer.Line("    " + Pairs(op.DefaultHeaders) + ",");
        writer.Line("    " + Str(envelope?.BatchItemsProperty) + ",");
        writer.Line("    " + (request.MaxBytes is int max ? max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null") + ",");
        bool anyObject = envelope?.PropertiesProperty is { } member && SchemaGraph.AcceptsAnyObjectAt(contract.Schemas, contract.RequestSchemaId, member);
        writer.Line("    propertiesAcceptAnyObject: " + (anyObject ? "true" : "false") + ",");
        writer.Line("    identityRequired: " + (contract.RequiresIdentity() ? "true" : "false") + ");");
        writer.Close();
        return writer.ToString();
    }

    /// <summary>Required top-level fields that allow exactly one value (<c>type: track</c>).</summary>
    private static System.Collections.Generic.IEnumerable<(string Name, string Json)> ConstantFields(ContractSpec contract, SchemaSpec request)
    {
        foreach (var property in request.Properties)
        {
            if (!request.Required.Contains(property.JsonName))
            {
                continue;
            }

            var schema = SchemaGraph.Resolve(contract.Schemas, property.SchemaId);
            if (schema.Const is { } constant)
            {
                yield return (property.JsonName, constant);
            }
            else if (schema.Enum.Count == 1)
            {
                yield return (property.JsonName, schema.Enum[0]);
            }
        }
    }

    private static string Auth(SecuritySpec security)
    {
        string kind;
        string header;
        if (security.Type == "http" && string.Equals(security.Scheme, "basic", System.StringComparison.OrdinalIgnoreCase))
        {
            (kind, header) = ("Basic", "Authorization");
        }
        else if (security.Type == "http")
        {
            (kind, header) = ("Bearer", "Authorization");
        }
        else
        {
            (kind, header) = ("Header", security.ParameterName ?? security.SchemeName);
        }

        return "new(" + Naming.Literal(security.SchemeName) + ", global::EventContracts.Delivery.VendorAuthKind." + kind + ", " + Naming.Literal(header) + ", " + Str(security.ValuePrefix) + ")";
    }

    private static string Duplicates(string? value) => value switch
    {
        "rejected-409" => "Rejected409",
        "ignored" => "Ignored",
        "idempotent" => "Idempotent",
        _ => "None",
    };

    private static string Pairs(EquatableArray<NameValue> pairs)
        => "new global::System.Collections.Generic.KeyValuePair<string, string>[] { "
            + string.Join(", ", pairs.Select(p => "new(" + Naming.Literal(p.Name) + ", " + Naming.Literal(p.Value) + ")"))
            + (pairs.IsEmpty ? "}" : " }");

    private static string Str(string? value) => value is null ? "null" : Naming.Literal(value);
}
