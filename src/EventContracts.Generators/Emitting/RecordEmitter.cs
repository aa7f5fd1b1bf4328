using System.Collections.Generic;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>Emits the contract's records and enums: members, XML docs, and structural equality where needed.</summary>
internal static class RecordEmitter
{
    /// <summary>Writes the part's types (top-level ones in order, nested ones inside their containers).</summary>
    public static void Write(SourceWriter writer, ContractPart part)
    {
        var byContainer = part.Types.ToLookup(t => t.ContainingType ?? string.Empty);
        bool first = true;
        foreach (var type in byContainer[string.Empty])
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitType(writer, part, type, byContainer);
        }
    }

    private static void EmitType(SourceWriter writer, ContractPart part, TypeSpec type, ILookup<string, TypeSpec> byContainer)
    {
        if (type.Kind == TypeSpecKind.Enum)
        {
            EmitEnum(writer, type);
            return;
        }

        string ns = part.Namespace;
        writer.Summary(type.Description ?? (type.EventName is { } eventName
            ? "The properties of the event \"" + eventName + "\", as the tracking plan " + part.SourceFileName + " describes them."
            : "A " + part.ContractName + " object, as the contract " + part.SourceFileName + " describes it."));
        writer.Line(CSharpTypes.GeneratedCode);
        writer.Line("[" + CSharpTypes.JsonConverterAttribute + "(typeof(" + CSharpTypes.Qualify(type.FullName, ns) + ".Converter))]");
        var planEvent = type.EventName is null ? null : part.Events.FirstOrDefault(e => e.TypeName == type.FullName);
        writer.Open("public sealed partial record " + type.Name + (planEvent is null ? string.Empty : " : global::EventContracts.Delivery.ITrackedEvent"));
        if (planEvent is not null)
        {
            EmitTrackedEvent(writer, planEvent, CSharpTypes.Qualify(type.FullName, ns));
        }

        // Members are separated by a blank line; the first one follows the event's members, or the opening brace.
        bool separate = planEvent is not null;
        for (int i = 0; i < type.Members.Count; i++)
        {
            if (separate)
            {
                writer.Line();
            }

            EmitMember(writer, ns, type.Members[i]);
            separate = true;
        }

        if (type.AdditionalProperties is { } additional)
        {
            if (separate)
            {
                writer.Line();
            }

            writer.Summary("Properties not declared by the contract, in the order they were read; written after the declared ones.");
            writer.Line("public " + CSharpTypes.Of(new TypeRef(TypeRefKind.Map, null, additional, false), ns, nullable: true) + " AdditionalProperties { get; init; }");
        }

        EmitEquality(writer, ns, type);

        foreach (var nested in byContainer[type.FullName])
        {
            writer.Line();
            EmitType(writer, part, nested, byContainer);
        }

        writer.Close();
    }

    private static void EmitTrackedEvent(SourceWriter writer, EventFacts planEvent, string qualifiedName)
    {
        writer.Line("/// <summary>The event's name on the wire: <c>" + SourceWriter.EscapeXml(planEvent.Name) + "</c>.</summary>");
        writer.Line("public const string EventName = " + Naming.Literal(planEvent.Name) + ";");
        writer.Line();
        writer.Line("/// <summary>The destinations the tracking plan sends this event to.</summary>");
        // Read-only, not an array behind the interface: a cast back to string[] would re-route every event of the type.
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Destinations { get; } = global::System.Array.AsReadOnly(new string[] { " + string.Join(", ", planEvent.Destinations.Select(Naming.Literal)) + " });");
        writer.Line();
        writer.Line("string global::EventContracts.Delivery.ITrackedEvent.EventName => EventName;");
        writer.Line();
        writer.Line("global::System.Collections.Generic.IReadOnlyList<string> global::EventContracts.Delivery.ITrackedEvent.Destinations => Destinations;");
        writer.Line();
        writer.Line("void global::EventContracts.Delivery.ITrackedEvent.WriteProperties(" + CSharpTypes.Utf8JsonWriter + " writer) => WriteTo(writer);");
        writer.Line();
        writer.Line(CSharpTypes.ValidationResult + " global::EventContracts.Delivery.ITrackedEvent.ValidatePropertiesJson(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json) => " + qualifiedName + ".ValidateJson(utf8Json);");
    }

    private static void EmitMember(SourceWriter writer, string ns, MemberSpec member)
    {
        string wire = "<c>" + SourceWriter.EscapeXml(member.JsonName) + "</c>";
        writer.Summary(member.Description ?? "The " + member.JsonName + " property.");
        string presence = member.Required ? "; required." : member.TracksPresence ? "; optional, omitted when not given (a given null is written: a branch or condition requires the name)." : "; optional, omitted when null.";
        string loose = member.Loose ? " Only some branches or conditions declare it, so a value of another shape is valid and is kept in <see cref=\"AdditionalProperties\"/>; whether the schema requires the name is checked by <c>Validate()</c>." : string.Empty;
        string keywords = member.Keywords.IsEmpty
            ? string.Empty
            : " Declared with " + string.Join(", ", member.Keywords.Select(k => k.Name + " <c>" + SourceWriter.EscapeXml(k.Value) + "</c>")) + ".";
        writer.Line("/// <remarks>Wire name " + wire + presence + keywords + loose + "</remarks>");
        bool nullable = !member.Required || member.Type.Nullable;
        string type = CSharpTypes.Of(member.Type, ns, nullable);
        if (member.TracksPresence)
        {
            // A branch or condition requires the name: a null read from JSON or assigned is written as null.
            string bare = Naming.Bare(member.CSharpName);
            writer.Line("public " + type + " " + member.CSharpName + " { get => __" + bare + "; init { __" + bare + " = value; " + GivenField(member) + " = true; } }");
            writer.Line();
            writer.Line("private " + type + " __" + bare + ";");
            writer.Line();
            writer.Line("private bool " + GivenField(member) + ";");
            writer.Line();
            writer.Line("/// <summary>Whether <see cref=\"" + member.CSharpName + "\"/> was given (read from JSON or assigned, null included); a given null is written as <c>null</c>.</summary>");
            writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            writer.Line("internal bool " + Given(member) + " => " + GivenField(member) + ";");
        }
        else if (member.DefaultEnumMember is { } defaultMember)
        {
            writer.Line("public " + type + " " + member.CSharpName + " { get; init; } = " + CSharpTypes.Qualify(member.Type.Name!, ns) + "." + defaultMember + ";");
        }
        else
        {
            writer.Line("public " + (member.Required ? "required " : string.Empty) + type + " " + member.CSharpName + " { get; init; }");
        }
    }

    /// <summary>The field of a presence-tracking member that says whether it was given (see <see cref="MemberSpec.TracksPresence"/>).</summary>
    internal static string GivenField(MemberSpec member) => "__given" + Naming.Bare(member.CSharpName);

    /// <summary>The internal property that reads <see cref="GivenField"/> for the validators.</summary>
    internal static string Given(MemberSpec member) => "__Given" + Naming.Bare(member.CSharpName);

    private static void EmitEquality(SourceWriter writer, string ns, TypeSpec type)
    {
        bool needed = type.AdditionalProperties is not null || type.Members.Any(m => CSharpTypes.NeedsStructuralEquality(m.Type));
        if (!needed)
        {
            return;
        }

        string self = CSharpTypes.Qualify(type.FullName, ns);
        writer.Line();
        writer.Line("/// <summary>Compares by value, including list, map and JSON members.</summary>");
        writer.Open("public bool Equals(" + self + "? other)");
        var terms = new List<string> { "other is not null" };
        foreach (var member in type.Members)
        {
            terms.Add(EqualsTerm(member.Type, member.CSharpName, CSharpTypes.Of(member.Type, ns, !member.Required || member.Type.Nullable)));
            if (member.TracksPresence)
            {
                terms.Add(GivenField(member) + " == other." + GivenField(member));
            }
        }

        if (type.AdditionalProperties is not null)
        {
            terms.Add(CSharpTypes.ContractEquality + ".MapEquals(AdditionalProperties, other.AdditionalProperties)");
        }

        writer.Line("return " + string.Join("\n" + new string(' ', 12) + "&& ", terms) + ";");
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open("public override int GetHashCode()");
        writer.Line("var hash = new global::System.HashCode();");
        foreach (var member in type.Members)
        {
            writer.Line("hash.Add(" + HashTerm(member.Type, member.CSharpName, !member.Required || member.Type.Nullable) + ");");
            if (member.TracksPresence)
            {
                writer.Line("hash.Add(" + GivenField(member) + ");");
            }
        }

        if (type.AdditionalProperties is not null)
        {
            writer.Line("hash.Add(" + CSharpTypes.ContractEquality + ".MapHash(AdditionalProperties));");
        }

        writer.Line("return hash.ToHashCode();");
        writer.Close();
    }

    private static string EqualsTerm(TypeRef type, string name, string csharpType) => type.Kind switch
    {
        TypeRefKind.List => CSharpTypes.ContractEquality + ".ListEquals(" + name + ", other." + name + ")",
        TypeRefKind.Map => CSharpTypes.ContractEquality + ".MapEquals(" + name + ", other." + name + ")",
        TypeRefKind.Json => CSharpTypes.ContractEquality + ".JsonEquals(" + JsonValue(name, csharpType.EndsWith("?", System.StringComparison.Ordinal)) + ", " + JsonValue("other." + name, csharpType.EndsWith("?", System.StringComparison.Ordinal)) + ")",
        _ => "global::System.Collections.Generic.EqualityComparer<" + csharpType + ">.Default.Equals(" + name + ", other." + name + ")",
    };

    private static string HashTerm(TypeRef type, string name, bool nullable) => type.Kind switch
    {
        TypeRefKind.List => CSharpTypes.ContractEquality + ".ListHash(" + name + ")",
        TypeRefKind.Map => CSharpTypes.ContractEquality + ".MapHash(" + name + ")",
        TypeRefKind.Json => CSharpTypes.ContractEquality + ".JsonHash(" + JsonValue(name, nullable) + ")",
        _ => name,
    };

    // An optional JSON member is a JsonElement?: absent compares as the default (Undefined) element.
    private static string JsonValue(string expression, bool nullable) => nullable ? expression + ".GetValueOrDefault()" : expression;

    private static void EmitEnum(SourceWriter writer, TypeSpec type)
    {
        writer.Summary(type.Description ?? "The values the contract allows; each member keeps its wire value.");
        writer.Line(CSharpTypes.GeneratedCode);
        writer.Open("public enum " + type.Name);
        foreach (var member in type.EnumMembers)
        {
            writer.Line("/// <summary>Wire value <c>" + SourceWriter.EscapeXml(member.WireValue) + "</c>.</summary>");
            writer.Line(member.CSharpName + ",");
        }

        writer.Close();
    }
}
