using System;
using System.Collections.Generic;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>
/// The types outside the generated namespace that generated code names (always as <c>global::</c>), as it spells them.
/// A generated type whose full name is one of them, or one of their namespaces, would hide it: a plan event
/// <c>Validation</c> generated into namespace <c>EventContracts</c> is a type <c>EventContracts.Validation</c>, and
/// <c>global::EventContracts.Validation.ValidationContext</c> no longer binds. The readers keep such names free.
/// Also the types the compiler itself needs for the generated code (<c>throw</c>, a record's <c>ToString</c>) and those
/// a trial saw warned about (CS0436) in it. <c>ExternalNamesTests</c> checks that every <c>global::</c> name of the
/// generated code starts with one of these.
/// </summary>
internal static class ExternalNames
{
    public static readonly IReadOnlyList<string> All = new[]
    {
        "EventContracts.ContractExample",
        "EventContracts.ContractKind",
        "EventContracts.EventContractDescriptor",
        "EventContracts.ValidationError",
        "EventContracts.ValidationResult",
        "EventContracts.Delivery.DuplicateHandling",
        "EventContracts.Delivery.ITrackedEvent",
        "EventContracts.Delivery.VendorAuth",
        "EventContracts.Delivery.VendorAuthKind",
        "EventContracts.Delivery.VendorProfile",
        "EventContracts.Serialization.EventJsonWriter",
        "EventContracts.Serialization.JsonRead",
        "EventContracts.Validation.ContractEquality",
        "EventContracts.Validation.EnumRule",
        "EventContracts.Validation.JsonReadErrors",
        "EventContracts.Validation.JsonTypes",
        "EventContracts.Validation.JsonValidation",
        "EventContracts.Validation.NumberRule",
        "EventContracts.Validation.SizeBound",
        "EventContracts.Validation.StringRule",
        "EventContracts.Validation.ValidationContext",
        "System.ArgumentOutOfRangeException",
        "System.Array",
        "System.Attribute",
        "System.AttributeTargets",
        "System.AttributeUsage",
        "System.CodeDom.Compiler.GeneratedCode",
        "System.Collections.Generic.Dictionary",
        "System.Collections.Generic.EqualityComparer",
        "System.Collections.Generic.IReadOnlyDictionary",
        "System.Collections.Generic.IReadOnlyList",
        "System.Collections.Generic.KeyValuePair",
        "System.Collections.Generic.List",
        "System.ComponentModel.EditorBrowsable",
        "System.ComponentModel.EditorBrowsableState",
        "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
        "System.Exception",
        "System.HashCode",
        "System.Math",
        "System.Object",
        "System.ReadOnlySpan",
        "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute",
        "System.Runtime.CompilerServices.IsExternalInit",
        "System.Runtime.CompilerServices.RequiredMemberAttribute",
        "System.String",
        "System.StringComparison",
        "System.Text.Encoding",
        "System.Text.Json.JsonElement",
        "System.Text.Json.JsonException",
        "System.Text.Json.JsonSerializerOptions",
        "System.Text.Json.JsonTokenType",
        "System.Text.Json.Serialization.JsonConverter",
        "System.Text.Json.Serialization.JsonConverterAttribute",
        "System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver",
        "System.Text.Json.Serialization.Metadata.JsonMetadataServices",
        "System.Text.Json.Serialization.Metadata.JsonTypeInfo",
        "System.Text.Json.Utf8JsonReader",
        "System.Text.Json.Utf8JsonWriter",
        "System.Text.StringBuilder",
        "System.Type",
    };

    /// <summary>
    /// The root namespaces any C# file may name: a generated type named like one would hide it from every file in the
    /// generated namespace and those under it (an event <c>System</c> in namespace <c>Shop</c> makes <c>System.Console</c>
    /// there mean <c>Shop.System.Console</c>, CS0117), so no generated type takes one of these names.
    /// </summary>
    public static readonly IReadOnlyList<string> RootNamespaces = new[] { "System", "Microsoft" };

    /// <summary>
    /// The namespace or type a top-level type <paramref name="typeName"/> of <paramref name="namespace"/> would hide
    /// (its own full name: <c>System.Text</c>, <c>System.Type</c>), or null when the generated code needs no such name.
    /// </summary>
    public static string? HiddenBy(string @namespace, string typeName)
    {
        string full = Unescaped(@namespace) + "." + typeName;
        return All.Any(name => name == full || name.StartsWith(full + ".", StringComparison.Ordinal)) ? full : null;
    }

    /// <summary>
    /// The top-level type names <paramref name="namespace"/> must leave free: <see cref="RootNamespaces"/>, and those of
    /// the names generated code uses (for namespace <c>System</c>: <c>Text</c>, <c>Type</c>, ...).
    /// </summary>
    public static IEnumerable<string> ReservedIn(string @namespace)
    {
        string prefix = Unescaped(@namespace) + ".";
        return All.Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => name.Substring(prefix.Length).Split('.')[0])
            .Concat(RootNamespaces)
            .Distinct(StringComparer.Ordinal);
    }

    // A keyword part is written "@class" in the namespace the settings carry.
    private static string Unescaped(string @namespace) => @namespace.Replace("@", string.Empty);
}
