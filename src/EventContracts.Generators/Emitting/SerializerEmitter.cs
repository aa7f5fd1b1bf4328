using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// Emits writers (through <c>EventJsonWriter</c>) and <c>Utf8JsonReader</c> readers for each record, a
/// <c>JsonConverter</c> so <c>JsonSerializer</c> uses them, and wire-value mapping for enums.
/// Property names and enum wire values are precomputed JSON text (<see cref="WireText"/>).
/// </summary>
internal static class SerializerEmitter
{
    /// <summary>Writes the readers and writers of the part's records, and the wire-value mapping of its enums.</summary>
    public static void Write(SourceWriter writer, ContractPart part)
    {
        string ns = part.Namespace;
        var records = part.Types.Where(t => t.Kind == TypeSpecKind.Record).ToList();
        for (int i = 0; i < records.Count; i++)
        {
            if (i > 0)
            {
                writer.Line();
            }

            EmitRecord(writer, ns, records[i], part);
        }

        var enums = part.Types.Where(t => t.Kind == TypeSpecKind.Enum).ToList();
        if (enums.Count > 0)
        {
            writer.Line();

            // The declaring part documents the contract class; the other parts of a plan only add members to it.
            if (part.Header is not null)
            {
                writer.Summary("Wire values of the " + part.ContractName + " contract's enums.");
            }

            writer.Open("public static partial class " + part.ContractClassName);
            foreach (var type in enums)
            {
                EmitEnumMapping(writer, ns, type, part.EnumSuffix(type.FullName));
            }

            writer.Close();
        }
    }

    private static void EmitRecord(SourceWriter writer, string ns, TypeSpec type, ContractPart part)
    {
        string self = CSharpTypes.Qualify(type.FullName, ns);
        OpenPartial(writer, type);

        writer.Line("/// <summary>Writes this value as a JSON object with the contract's wire names.</summary>");
        writer.Open("public void WriteTo(" + CSharpTypes.EventJsonWriter + " writer)");
        writer.Line("writer.WriteStartObject();");
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            string name = "writer.WriteEncodedName(" + Naming.Utf8Literal(WireText.Quoted(member.JsonName) + ":") + ");";
            if (member.Required)
            {
                // Written directly when it cannot be null, as null otherwise (WriteNullable decides).
                writer.Line(name);
                WriteNullable(writer, ns, part, member.Type, member.CSharpName, 0, Local(i));
            }
            else
            {
                writer.Open("if (" + member.CSharpName + " is { } " + Local(i) + ")");
                writer.Line(name);
                WriteValue(writer, ns, part, member.Type, Local(i), 0);
                writer.Close();
                if (member.TracksPresence)
                {
                    writer.Open("else if (" + RecordEmitter.GivenField(member) + ")");
                    writer.Line(name);
                    writer.Line("writer.WriteNullValue();");
                    writer.Close();
                }
            }
        }

        if (type.AdditionalProperties is { } additional)
        {
            writer.Open("if (AdditionalProperties is { } additional)");
            WriteEntries(writer, ns, part, additional, "additional", 1, inOwnBlock: true);
            writer.Close();
        }

        writer.Line("writer.WriteEndObject();");
        writer.Close();
        writer.Line();

        writer.Line("/// <summary>");
        writer.Line("/// Writes this value as a JSON object with the contract's wire names into a <see cref=\"" + CSharpTypes.Utf8JsonWriter + "\"/>: as one raw value,");
        writer.Line("/// or re-written under the writer's options when it indents or has its own encoder.");
        writer.Line("/// </summary>");
        writer.Line("public void WriteTo(" + CSharpTypes.Utf8JsonWriter + " writer) => " + CSharpTypes.EventJsonWriter + ".WriteTo(writer, this, static (output, value) => value.WriteTo(output));");
        writer.Line();

        writer.Line("/// <summary>Reads a JSON object positioned at its start token, and leaves the reader on its end token.</summary>");
        writer.Line("/// <exception cref=\"global::System.Text.Json.JsonException\">The JSON does not have the contract's shape.</exception>");
        writer.Open("public static " + self + " ReadFrom(ref " + CSharpTypes.Utf8JsonReader + " reader)");
        writer.Line(CSharpTypes.JsonRead + ".Expect(ref reader, " + CSharpTypes.JsonTokenType + ".StartObject, " + Naming.Literal(type.FullName) + ");");
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            string init = member.DefaultEnumMember is { } d ? CSharpTypes.Qualify(member.Type.Name!, ns) + "." + d : "default";
            writer.Line(CSharpTypes.Of(member.Type, ns, member.DefaultEnumMember is null) + " " + Local(i) + " = " + init + ";");
            writer.Line("bool " + Read(i) + " = false;");
            if (member.Required || member.TracksPresence)
            {
                writer.Line("bool " + Seen(i) + " = false;");
            }
        }

        if (type.AdditionalProperties is { } extraType)
        {
            writer.Line(CSharpTypes.Concrete(new TypeRef(TypeRefKind.Map, null, extraType, false), ns) + "? additional = null;");
        }

        writer.Open("while (" + CSharpTypes.JsonRead + ".NextProperty(ref reader))");
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            writer.Open((i == 0 ? "if" : "else if") + " (reader.ValueTextEquals(" + Naming.Utf8Literal(member.JsonName) + "))");
            writer.Line(CSharpTypes.JsonRead + ".Once(ref " + Read(i) + ", " + Naming.Literal(type.FullName) + ", " + Naming.Literal(member.JsonName) + ");");
            writer.Line(CSharpTypes.JsonRead + ".Next(ref reader);");
            bool loose = member.Loose && type.AdditionalProperties is { Kind: TypeRefKind.Json };
            if (loose)
            {
                // Declared by branches of which one that leaves it open may be the one that applies: a value of
                // another shape is valid, and kept with the undeclared properties (the member is then not given).
                writer.Line("var before = reader;");
                writer.Open("try");
                ReadValue(writer, ns, part, member.Type, Local(i), member.JsonName, type.FullName, 0);
                if (member.TracksPresence)
                {
                    writer.Line(Seen(i) + " = true;");
                }

                writer.Close();
                writer.Open("catch (" + CSharpTypes.JsonException + ")");
                writer.Line(Local(i) + " = default;");
                writer.Line("reader = before;");
                writer.Line(CSharpTypes.JsonRead + ".Add(ref additional, " + Naming.Literal(member.JsonName) + ", " + CSharpTypes.JsonRead + ".ReadElement(ref reader, " + Naming.Literal(type.FullName) + ", " + Naming.Literal(member.JsonName) + "), " + Naming.Literal(type.FullName) + ");");
                writer.Close();
            }
            else
            {
                ReadValue(writer, ns, part, member.Type, Local(i), member.JsonName, type.FullName, 0);
            }

            if (!loose && (member.Required || member.TracksPresence))
            {
                writer.Line(Seen(i) + " = true;");
            }

            writer.Close();
        }

        // Undeclared names: the final else after the declared ones, or the whole loop body when there are none.
        bool declared = type.Members.Count > 0;
        if (declared)
        {
            writer.Open("else");
        }

        if (type.AdditionalProperties is { } extra)
        {
            writer.Line("string name = " + CSharpTypes.JsonRead + ".ReadName(ref reader, " + Naming.Literal(type.FullName) + ");");
            writer.Line(CSharpTypes.JsonRead + ".Next(ref reader);");
            writer.Line(CSharpTypes.Of(extra, ns, extra.Nullable) + " value;");
            ReadValue(writer, ns, part, extra, "value", "(additional property)", type.FullName, 1);
            writer.Line(CSharpTypes.JsonRead + ".Add(ref additional, name, value, " + Naming.Literal(type.FullName) + ");");
        }
        else
        {
            // The schema forbids every other name: kept nowhere, it would be lost and the record would pass validation.
            writer.Line("throw " + CSharpTypes.JsonReadErrors + ".PropertyNotAllowed(" + Naming.Literal(type.FullName) + ", " + CSharpTypes.JsonRead + ".ReadName(ref reader, " + Naming.Literal(type.FullName) + "));");
        }

        if (declared)
        {
            writer.Close();
        }

        writer.Close();

        for (int i = 0; i < type.Members.Count; i++)
        {
            if (type.Members[i].Required)
            {
                writer.Open("if (!" + Seen(i) + ")");
                writer.Line("throw " + CSharpTypes.JsonReadErrors + ".MissingProperty(" + Naming.Literal(type.FullName) + ", " + Naming.Literal(type.Members[i].JsonName) + ");");
                writer.Close();
            }
        }

        writer.Line();
        writer.Open("return new " + self);
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            bool needsBang = member.Required && !member.Type.Nullable && member.DefaultEnumMember is null;
            writer.Line(member.CSharpName + " = " + Local(i) + (needsBang ? (member.Type.IsValueType ? ".GetValueOrDefault()" : "!") : string.Empty) + ",");
            if (member.TracksPresence)
            {
                writer.Line(RecordEmitter.GivenField(member) + " = " + Seen(i) + ",");
            }
        }

        if (type.AdditionalProperties is not null)
        {
            writer.Line("AdditionalProperties = additional,");
        }

        writer.Close(";");
        writer.Close();
        writer.Line();

        writer.Line("/// <summary>Serializes this value to compact UTF-8 JSON.</summary>");
        writer.Line("public byte[] ToUtf8Json() => " + CSharpTypes.EventJsonWriter + ".ToArray(this, static (output, value) => value.WriteTo(output));");
        writer.Line();

        writer.Line("/// <summary>Deserializes one JSON document holding this object (after a UTF-8 byte order mark, if any).</summary>");
        writer.Line("/// <exception cref=\"global::System.Text.Json.JsonException\">The JSON is malformed or does not have the contract's shape.</exception>");
        writer.Open("public static " + self + " FromUtf8Json(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
        writer.Line("var reader = " + CSharpTypes.JsonRead + ".CreateReader(utf8Json);");
        writer.Line(CSharpTypes.JsonRead + ".Start(ref reader);");
        writer.Line("var value = ReadFrom(ref reader);");
        writer.Line(CSharpTypes.JsonRead + ".End(ref reader);");
        writer.Line("return value;");
        writer.Close();
        writer.Line();

        writer.Line("/// <summary>Lets <c>JsonSerializer</c> use the generated reader and writer.</summary>");
        writer.Open("public sealed class Converter : " + CSharpTypes.JsonConverterOf + "<" + self + ">");
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override " + self + " Read(ref " + CSharpTypes.Utf8JsonReader + " reader, global::System.Type typeToConvert, " + CSharpTypes.JsonSerializerOptions + " options) => ReadFrom(ref reader);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override void Write(" + CSharpTypes.Utf8JsonWriter + " writer, " + self + " value, " + CSharpTypes.JsonSerializerOptions + " options) => value.WriteTo(writer);");
        writer.Close();

        ClosePartial(writer, type);
    }

    /// <summary>Writes a value (its property name, if any, is written before).</summary>
    private static void WriteValue(SourceWriter writer, string ns, ContractPart part, TypeRef type, string expression, int depth)
    {
        switch (type.Kind)
        {
            case TypeRefKind.String:
                writer.Line("writer.WriteStringValue(" + expression + ");");
                break;
            case TypeRefKind.Int64:
            case TypeRefKind.Decimal:
                writer.Line("writer.WriteNumberValue(" + expression + ");");
                break;
            case TypeRefKind.Boolean:
                writer.Line("writer.WriteBooleanValue(" + expression + ");");
                break;
            case TypeRefKind.Enum:
                writer.Line("writer.WriteEncodedValue(" + CSharpTypes.Qualify(part.ContractClassName, ns) + ".Encode" + part.EnumSuffix(type.Name!) + "(" + expression + "));");
                break;
            case TypeRefKind.Record:
                writer.Line(expression + ".WriteTo(writer);");
                break;
            case TypeRefKind.Json:
                writer.Line("writer.WriteJsonValue(" + expression + ");");
                break;
            case TypeRefKind.List:
                {
                    // Indexing instead of foreach: an IReadOnlyList enumerator would be boxed on every write.
                    string d = depth.ToString(CultureInfo.InvariantCulture);
                    string list = "list" + d;
                    string index = "i" + d;
                    writer.Open(null);
                    writer.Line("var " + list + " = " + expression + ";");
                    writer.Line("writer.WriteStartArray();");
                    writer.Open("for (int " + index + " = 0; " + index + " < " + list + ".Count; " + index + "++)");
                    WriteNullable(writer, ns, part, type.Element!, list + "[" + index + "]", depth + 1);
                    writer.Close();
                    writer.Line("writer.WriteEndArray();");
                    writer.Close();
                    break;
                }

            case TypeRefKind.Map:
                writer.Line("writer.WriteStartObject();");
                WriteEntries(writer, ns, part, type.Element!, expression, depth, inOwnBlock: false);
                writer.Line("writer.WriteEndObject();");
                break;
        }
    }

    /// <summary>
    /// Writes a map's entries. Maps this code reads are <c>Dictionary</c>s, whose struct enumerator
    /// does not allocate; any other <c>IReadOnlyDictionary</c> goes through the interface.
    /// </summary>
    /// <param name="inOwnBlock">The caller's block holds nothing else, so the pattern variable needs no block of its own.</param>
    private static void WriteEntries(SourceWriter writer, string ns, ContractPart part, TypeRef valueType, string expression, int depth, bool inOwnBlock)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string pair = "pair" + d;
        string concrete = "dictionary" + d;

        // Otherwise in a block of its own: the pattern variable would clash with a sibling map's.
        if (!inOwnBlock)
        {
            writer.Open(null);
        }

        writer.Open("if (" + expression + " is " + CSharpTypes.Concrete(new TypeRef(TypeRefKind.Map, null, valueType, false), ns) + " " + concrete + ")");
        EmitLoop(concrete);
        writer.Close();
        writer.Open("else");
        EmitLoop(expression);
        writer.Close();
        if (!inOwnBlock)
        {
            writer.Close();
        }

        void EmitLoop(string source)
        {
            writer.Open("foreach (var " + pair + " in " + source + ")");
            writer.Line("writer.WritePropertyName(" + pair + ".Key);");
            WriteNullable(writer, ns, part, valueType, pair + ".Value", depth + 1);
            writer.Close();
        }
    }

    /// <summary>
    /// Writes a value that may be null; <paramref name="local"/> names its non-null value (by default by depth). A record,
    /// list or map the C# type says is never null is checked too: <c>null!</c> (or a list item left null) is written as
    /// JSON null, which validation then reports where the schema refuses it, instead of throwing.
    /// </summary>
    internal static void WriteNullable(SourceWriter writer, string ns, ContractPart part, TypeRef type, string expression, int depth, string? local = null)
    {
        if (!type.Nullable && (type.IsValueType || type.Kind == TypeRefKind.String))
        {
            WriteValue(writer, ns, part, type, expression, depth);
            return;
        }

        local ??= "value" + depth.ToString(CultureInfo.InvariantCulture);
        writer.Open("if (" + expression + " is { } " + local + ")");
        WriteValue(writer, ns, part, type, local, depth);
        writer.Close();
        writer.Open("else");
        writer.Line("writer.WriteNullValue();");
        writer.Close();
    }

    private static void ReadValue(SourceWriter writer, string ns, ContractPart part, TypeRef type, string target, string jsonName, string typeName, int depth)
    {
        if (type.Nullable && type.Kind != TypeRefKind.Json)
        {
            writer.Open("if (reader.TokenType == " + CSharpTypes.JsonTokenType + ".Null)");
            writer.Line(target + " = null;");
            writer.Close();
            writer.Open("else");
            ReadNonNull(writer, ns, part, type, target, jsonName, typeName, depth);
            writer.Close();
            return;
        }

        ReadNonNull(writer, ns, part, type, target, jsonName, typeName, depth);
    }

    private static void ReadNonNull(SourceWriter writer, string ns, ContractPart part, TypeRef type, string target, string jsonName, string typeName, int depth)
    {
        string args = "(ref reader, " + Naming.Literal(typeName) + ", " + Naming.Literal(jsonName) + ")";
        string d = depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeRefKind.String:
                writer.Line(target + " = " + CSharpTypes.JsonRead + ".ReadString" + args + ";");
                break;
            case TypeRefKind.Int64:
                writer.Line(target + " = " + CSharpTypes.JsonRead + ".ReadInt64" + args + ";");
                break;
            case TypeRefKind.Decimal:
                writer.Line(target + " = " + CSharpTypes.JsonRead + ".ReadDecimal" + args + ";");
                break;
            case TypeRefKind.Boolean:
                writer.Line(target + " = " + CSharpTypes.JsonRead + ".ReadBoolean" + args + ";");
                break;
            case TypeRefKind.Enum:
                writer.Line(target + " = " + CSharpTypes.Qualify(part.ContractClassName, ns) + ".Decode" + part.EnumSuffix(type.Name!) + args + ";");
                break;
            case TypeRefKind.Record:
                writer.Line(target + " = " + CSharpTypes.Qualify(type.Name!, ns) + ".ReadFrom(ref reader);");
                break;
            case TypeRefKind.Json:
                writer.Line(target + " = " + CSharpTypes.JsonRead + ".ReadElement" + args + ";");
                break;
            case TypeRefKind.List:
                {
                    string list = "list" + d;
                    string item = "item" + d;
                    writer.Line(CSharpTypes.JsonRead + ".Expect(ref reader, " + CSharpTypes.JsonTokenType + ".StartArray, " + Naming.Literal(typeName + "." + jsonName) + ");");
                    writer.Line("var " + list + " = new " + CSharpTypes.Concrete(type, ns) + "();");
                    writer.Open("while (" + CSharpTypes.JsonRead + ".NextItem(ref reader))");
                    writer.Line(CSharpTypes.Of(type.Element!, ns, type.Element!.Nullable) + " " + item + ";");
                    ReadValue(writer, ns, part, type.Element!, item, jsonName + "[]", typeName, depth + 1);
                    writer.Line(list + ".Add(" + item + ");");
                    writer.Close();
                    writer.Line(target + " = " + list + ";");
                    break;
                }

            case TypeRefKind.Map:
                {
                    string map = "map" + d;
                    string key = "key" + d;
                    string entry = "entry" + d;
                    writer.Line(CSharpTypes.JsonRead + ".Expect(ref reader, " + CSharpTypes.JsonTokenType + ".StartObject, " + Naming.Literal(typeName + "." + jsonName) + ");");
                    writer.Line("var " + map + " = new " + CSharpTypes.Concrete(type, ns) + "();");
                    writer.Open("while (" + CSharpTypes.JsonRead + ".NextProperty(ref reader))");
                    writer.Line("string " + key + " = " + CSharpTypes.JsonRead + ".ReadName(ref reader, " + Naming.Literal(typeName) + ");");
                    writer.Line(CSharpTypes.JsonRead + ".Next(ref reader);");
                    writer.Line(CSharpTypes.Of(type.Element!, ns, type.Element!.Nullable) + " " + entry + ";");
                    ReadValue(writer, ns, part, type.Element!, entry, jsonName + "{}", typeName, depth + 1);
                    writer.Line(CSharpTypes.JsonRead + ".Add(" + map + ", " + key + ", " + entry + ", " + Naming.Literal(typeName) + ");");
                    writer.Close();
                    writer.Line(target + " = " + map + ";");
                    break;
                }
        }
    }

    private static void EmitEnumMapping(SourceWriter writer, string ns, TypeSpec type, string suffix)
    {
        string self = CSharpTypes.Qualify(type.FullName, ns);
        writer.Line("/// <summary>The wire value of a <see cref=\"" + type.FullName + "\"/>.</summary>");
        writer.Open("public static string ToWireValue(this " + self + " value) => value switch");
        foreach (var member in type.EnumMembers)
        {
            writer.Line(self + "." + member.CSharpName + " => " + Naming.Literal(member.WireValue) + ",");
        }

        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
        writer.Close(";");
        writer.Line();
        writer.Line("/// <summary>The <see cref=\"" + type.FullName + "\"/> member whose wire value is <paramref name=\"wireValue\"/>, compared exactly as the contract does; false for any other text.</summary>");
        writer.Open("public static bool TryParseWireValue(string? wireValue, out " + self + " value)");
        writer.Open("switch (wireValue)");
        foreach (var member in type.EnumMembers)
        {
            writer.Line("case " + Naming.Literal(member.WireValue) + ":");
            writer.Line("    value = " + self + "." + member.CSharpName + ";");
            writer.Line("    return true;");
        }

        writer.Line("default:");
        writer.Line("    value = default;");
        writer.Line("    return false;");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The precomputed JSON text of a <see cref=\"" + type.FullName + "\"/> wire value.</summary>");
        writer.Open("internal static " + CSharpTypes.ReadOnlySpanOfByte + " Encode" + suffix + "(" + self + " value) => value switch");
        foreach (var member in type.EnumMembers)
        {
            writer.Line(self + "." + member.CSharpName + " => " + Naming.Utf8Literal(WireText.Quoted(member.WireValue)) + ",");
        }

        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
        writer.Close(";");
        writer.Line();

        // Generated enums number their members from 0 in declaration order.
        string count = type.EnumMembers.Count.ToString(CultureInfo.InvariantCulture);
        writer.Line("/// <summary>Whether a <see cref=\"" + type.FullName + "\"/> is one of its declared members (a cast can make any number, which has no wire value).</summary>");
        writer.Line("internal static bool IsDeclared" + suffix + "(" + self + " value) => (uint)value < " + count + "u;");
        writer.Line();
        int longest = type.EnumMembers.Count == 0 ? 0 : type.EnumMembers.Max(m => WireText.Quoted(m.WireValue).Length);
        writer.Line("/// <summary>The size of the longest <see cref=\"" + type.FullName + "\"/> wire value as written, quotes included.</summary>");
        writer.Line("internal const int WireBytes" + suffix + " = " + longest.ToString(CultureInfo.InvariantCulture) + ";");
        writer.Line();
        writer.Line("/// <summary>Reads a <see cref=\"" + type.FullName + "\"/> from its wire value.</summary>");
        writer.Open("internal static " + self + " Decode" + suffix + "(ref " + CSharpTypes.Utf8JsonReader + " reader, string typeName, string jsonName)");
        writer.Line(CSharpTypes.JsonRead + ".Expect(ref reader, " + CSharpTypes.JsonTokenType + ".String, typeName + \".\" + jsonName);");
        foreach (var member in type.EnumMembers)
        {
            writer.Open("if (reader.ValueTextEquals(" + Naming.Utf8Literal(member.WireValue) + "))");
            writer.Line("return " + self + "." + member.CSharpName + ";");
            writer.Close();
        }

        writer.Line();
        // The message lists the values, so a misspelt one in a request body says what was meant.
        const int Listed = 10;
        string values = string.Join(", ", type.EnumMembers.Take(Listed).Select(m => WireText.Quoted(m.WireValue)))
            + (type.EnumMembers.Count > Listed ? ", ... (" + count + " in all)" : string.Empty);
        writer.Line("throw " + CSharpTypes.JsonReadErrors + ".InvalidEnumValue(" + Naming.Literal(type.FullName) + ", typeName + \".\" + jsonName, " + Naming.Literal(values) + ", " + CSharpTypes.JsonRead + ".ReadString(ref reader, typeName, jsonName));");
        writer.Close();
        writer.Line();
    }

    private static string Local(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);

    private static string Seen(int index) => "seen" + index.ToString(CultureInfo.InvariantCulture);

    private static string Read(int index) => "read" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Opens the partial declarations of a (possibly nested) record.</summary>
    public static void OpenPartial(SourceWriter writer, TypeSpec type)
    {
        if (type.ContainingType is { } containing)
        {
            foreach (string outer in containing.Split('.'))
            {
                writer.Open("partial record " + outer);
            }
        }

        writer.Open("partial record " + type.Name);
    }

    public static void ClosePartial(SourceWriter writer, TypeSpec type)
    {
        writer.Close();
        if (type.ContainingType is { } containing)
        {
            foreach (string _ in containing.Split('.'))
            {
                writer.Close();
            }
        }
    }
}
