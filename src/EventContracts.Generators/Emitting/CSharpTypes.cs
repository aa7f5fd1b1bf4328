using System;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>Fully qualified names used in generated code, so no user type can shadow them.</summary>
internal static class CSharpTypes
{
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string JsonException = "global::System.Text.Json.JsonException";
    public const string EventJsonWriter = "global::EventContracts.Serialization.EventJsonWriter";
    public const string JsonSerializerOptions = "global::System.Text.Json.JsonSerializerOptions";
    public const string JsonConverterAttribute = "global::System.Text.Json.Serialization.JsonConverterAttribute";
    public const string JsonConverterOf = "global::System.Text.Json.Serialization.JsonConverter";
    public const string ReadOnlySpanOfByte = "global::System.ReadOnlySpan<byte>";
    public const string ValidationResult = "global::EventContracts.ValidationResult";
    public const string ValidationContext = "global::EventContracts.Validation.ValidationContext";
    public const string JsonValidation = "global::EventContracts.Validation.JsonValidation";
    public const string JsonRead = "global::EventContracts.Serialization.JsonRead";
    public const string JsonReadErrors = "global::EventContracts.Validation.JsonReadErrors";
    public const string ContractEquality = "global::EventContracts.Validation.ContractEquality";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"EventContracts\", \"" + ThisAssembly.Version + "\")]";

    /// <summary>The C# type for a reference as declared on a member (optional members are nullable).</summary>
    public static string Of(TypeRef type, string @namespace, bool nullable)
    {
        string core = type.Kind switch
        {
            TypeRefKind.String => "string",
            TypeRefKind.Int64 => "long",
            TypeRefKind.Decimal => "decimal",
            TypeRefKind.Boolean => "bool",
            TypeRefKind.Record or TypeRefKind.Enum => Qualify(type.Name!, @namespace),
            TypeRefKind.List => "global::System.Collections.Generic.IReadOnlyList<" + Of(type.Element!, @namespace, type.Element!.Nullable) + ">",
            TypeRefKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, " + Of(type.Element!, @namespace, type.Element!.Nullable) + ">",
            TypeRefKind.Json => JsonElement,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        return nullable ? core + "?" : core;
    }

    /// <summary>The concrete collection type a reader builds for a list or map reference.</summary>
    public static string Concrete(TypeRef type, string @namespace) => type.Kind switch
    {
        TypeRefKind.List => "global::System.Collections.Generic.List<" + Of(type.Element!, @namespace, type.Element!.Nullable) + ">",
        TypeRefKind.Map => "global::System.Collections.Generic.Dictionary<string, " + Of(type.Element!, @namespace, type.Element!.Nullable) + ">",
        _ => Of(type, @namespace, false),
    };

    public static string Qualify(string name, string @namespace) => @namespace.Length == 0 ? "global::" + name : "global::" + @namespace + "." + name;

    /// <summary>Whether the compiler-generated record equality would compare this member by reference.</summary>
    public static bool NeedsStructuralEquality(TypeRef type) => type.Kind is TypeRefKind.List or TypeRefKind.Map or TypeRefKind.Json;
}
