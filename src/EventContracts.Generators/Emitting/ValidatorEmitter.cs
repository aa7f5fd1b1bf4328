using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// Emits one validator method per reachable schema node. Each reads the value under a
/// <c>Utf8JsonReader</c> once, without building a DOM, reports errors with JSON Pointer paths
/// through the runtime's <c>ValidationContext</c>, and leaves the reader on the value's last token.
/// </summary>
internal static class ValidatorEmitter
{
    public static string Emit(ContractSpec contract)
    {
        var writer = SourceWriter.File(contract.Namespace);
        string ns = contract.Namespace;
        var reachable = Reachable(contract);

        writer.Summary("The " + contract.Name + " contract: its facts and the JSON Schema validators generated from " + System.IO.Path.GetFileName(contract.SourcePath) + ".");
        writer.Line(CSharpTypes.GeneratedCode);
        writer.Open("public static partial class " + contract.ContractClassName);
        writer.Line("/// <summary>The contract's name (the <c>Vendor</c> of its <c>EventContract</c> item).</summary>");
        writer.Line("public const string Name = " + Naming.Literal(contract.Name) + ";");
        if (contract.Operation is { } op)
        {
            writer.Line();
            writer.Line("/// <summary>The HTTP method of the track operation.</summary>");
            writer.Line("public const string Method = " + Naming.Literal(op.Method) + ";");
            writer.Line();
            writer.Line("/// <summary>The path of the track operation, relative to a server URL.</summary>");
            writer.Line("public const string Path = " + Naming.Literal(op.Path) + ";");
            if (op.OperationId is { } id)
            {
                writer.Line();
                writer.Line("/// <summary>The operationId of the track operation.</summary>");
                writer.Line("public const string OperationId = " + Naming.Literal(id) + ";");
            }

            writer.Line();
            writer.Line("/// <summary>The server URLs the contract documents (templates keep their {variables}).</summary>");
            writer.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Servers { get; } = new string[] { " + string.Join(", ", op.Servers.Select(Naming.Literal)) + " };");
        }

        if (contract.Kind == ContractSourceKind.VendorContract)
        {
            writer.Line();
            writer.Line("/// <summary>Validates a UTF-8 JSON request body against the contract's request schema.</summary>");
            writer.Line("public static " + CSharpTypes.ValidationResult + " ValidateRequestJson(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
            writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + MethodName(contract.RequestSchemaId) + ");");
        }

        foreach (var response in contract.Responses.Where(r => r.SchemaId is not null))
        {
            writer.Line();
            writer.Line("/// <summary>Validates a UTF-8 JSON body of the documented " + SourceWriter.EscapeXml(response.StatusCode) + " response.</summary>");
            writer.Line("public static " + CSharpTypes.ValidationResult +  " Validate" + Naming.Bare(Naming.ToPascalCase("Response" + response.StatusCode)) + "Json(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
            writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + MethodName(response.SchemaId!.Value) + ");");
        }

        foreach (int id in reachable)
        {
            writer.Line();
            EmitSchema(writer, contract, contract.Schemas[id]);
        }

        writer.Close();

        foreach (var type in contract.Types.Where(t => t.Kind == TypeSpecKind.Record))
        {
            writer.Line();
            EmitRecordEntryPoints(writer, ns, contract, type);
        }

        return writer.ToString();
    }

    private static void EmitRecordEntryPoints(SourceWriter writer, string ns, ContractSpec contract, TypeSpec type)
    {
        string validator = CSharpTypes.Qualify(contract.ContractClassName, ns) + "." + MethodName(type.SchemaId);
        SerializerEmitter.OpenPartial(writer, type);
        writer.Line("/// <summary>Validates UTF-8 JSON against this record's schema, without building a DOM.</summary>");
        writer.Line("public static " + CSharpTypes.ValidationResult + " ValidateJson(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
        writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + validator + ");");
        writer.Line();
        writer.Line("/// <summary>Validates this value against every keyword of its schema, as it would be sent.</summary>");
        writer.Line("public " + CSharpTypes.ValidationResult + " Validate()");
        writer.Line("    => " + CSharpTypes.JsonValidation + ".ValidateModel(this, static (writer, value) => value.WriteTo(writer), " + validator + ");");
        SerializerEmitter.ClosePartial(writer, type);
    }

    /// <summary>Schema ids reachable from the request, the responses and the records, in id order (deterministic).</summary>
    private static List<int> Reachable(ContractSpec contract)
    {
        var seen = new SortedSet<int>();
        var stack = new Stack<int>();
        if (contract.RequestSchemaId >= 0)
        {
            stack.Push(contract.RequestSchemaId);
        }

        foreach (var r in contract.Responses)
        {
            if (r.SchemaId is int id)
            {
                stack.Push(id);
            }
        }

        foreach (var t in contract.Types)
        {
            stack.Push(t.SchemaId);
        }

        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            var s = contract.Schemas[id];
            foreach (int child in Children(contract, s))
            {
                stack.Push(child);
            }
        }

        return seen.ToList();
    }

    private static IEnumerable<int> Children(ContractSpec contract, SchemaSpec s)
    {
        foreach (var p in s.Properties)
        {
            yield return p.SchemaId;
        }

        foreach (int? id in new[] { s.AdditionalPropertiesId, s.PropertyNamesId, s.ItemsId, s.RefId })
        {
            if (id is int value)
            {
                yield return value;
            }
        }

        // Branches decided by presence bookkeeping need no validator of their own.
        var anyOf = PresenceBranches(contract, s, s.AnyOf) is null ? s.AnyOf : EquatableArray<int>.Empty;
        var oneOf = PresenceBranches(contract, s, s.OneOf) is null ? s.OneOf : EquatableArray<int>.Empty;
        foreach (int id in s.AllOf.Concat(anyOf).Concat(oneOf))
        {
            yield return id;
        }
    }

    public static string MethodName(int id) => "Validate" + id.ToString(CultureInfo.InvariantCulture);

    private static string Rule(string kind, int id) => "s_" + kind + id.ToString(CultureInfo.InvariantCulture);

    private static void EmitSchema(SourceWriter writer, ContractSpec contract, SchemaSpec s)
    {
        if (s.HasStringRule)
        {
            writer.Line("private static readonly global::EventContracts.Validation.StringRule " + Rule("string", s.Id) + " = new(" + Int(s.MinLength) + ", " + Int(s.MaxLength) + ", " + Str(s.Pattern) + ", " + Str(s.Format) + ");");
        }

        if (s.HasNumberRule)
        {
            writer.Line("private static readonly global::EventContracts.Validation.NumberRule " + Rule("number", s.Id) + " = new(" + Dec(s.Minimum) + ", " + Dec(s.Maximum) + ", " + Dec(s.ExclusiveMinimum) + ", " + Dec(s.ExclusiveMaximum) + ", " + Dec(s.MultipleOf) + ");");
        }

        if (s.HasEnum)
        {
            writer.Line("private static readonly global::EventContracts.Validation.EnumRule " + Rule("enum", s.Id) + " = new(\"enum\"" + string.Concat(s.Enum.Select(v => ", " + Naming.Literal(v))) + ");");
        }

        if (s.Const is { } constant)
        {
            writer.Line("private static readonly global::EventContracts.Validation.EnumRule " + Rule("const", s.Id) + " = new(\"const\", " + Naming.Literal(constant) + ");");
        }

        writer.Line("/// <summary>Validates the value at the reader against <c>" + SourceWriter.EscapeXml(System.IO.Path.GetFileName(contract.SourcePath) + "#" + s.Pointer) + "</c>.</summary>");
        writer.Open("internal static void " + MethodName(s.Id) + "(ref " + CSharpTypes.Utf8JsonReader + " reader, ref " + CSharpTypes.ValidationContext + " context)");
        if (s.AlwaysFails)
        {
            writer.Line("context.AddError(\"false\", \"no value is allowed here\");");
            writer.Line("reader.Skip();");
            writer.Close();
            return;
        }

        // A schema that only points elsewhere delegates, so the value is read once, not twice.
        if (DelegatesTo(s) is int target)
        {
            writer.Line(MethodName(target) + "(ref reader, ref context);");
            writer.Close();
            return;
        }

        if (s.MaxBytes is not null)
        {
            writer.Line(CSharpTypes.Utf8JsonReader + " start = reader;");
        }

        if (s.Types != JsonTypeSet.None)
        {
            writer.Open("if (!context.CheckType(ref reader, " + Types(s.Types) + "))");
            writer.Line("reader.Skip();");
            writer.Line("return;");
            writer.Close();
        }

        if (s.HasEnum)
        {
            writer.Line("context.CheckEnum(ref reader, " + Rule("enum", s.Id) + ");");
        }

        if (s.Const is not null)
        {
            writer.Line("context.CheckEnum(ref reader, " + Rule("const", s.Id) + ");");
        }

        if (s.RefId is int refId)
        {
            writer.Line("{ var copy = reader; " + MethodName(refId) + "(ref copy, ref context); }");
        }

        foreach (int part in s.AllOf)
        {
            writer.Line("{ var copy = reader; " + MethodName(part) + "(ref copy, ref context); }");
        }

        // "userId or anonymousId" alternatives are decided from the object walk's own bookkeeping.
        var presence = new List<PresenceCombinator>();
        if (PresenceBranches(contract, s, s.AnyOf) is { } anyOfPresence)
        {
            presence.Add(new PresenceCombinator("anyOf", anyOfPresence, "matched == 0"));
        }
        else
        {
            EmitBranches(writer, "anyOf", s.AnyOf, "matched == 0");
        }

        if (PresenceBranches(contract, s, s.OneOf) is { } oneOfPresence)
        {
            presence.Add(new PresenceCombinator("oneOf", oneOfPresence, "matched != 1"));
        }
        else
        {
            EmitBranches(writer, "oneOf", s.OneOf, "matched != 1");
        }

        bool needsSwitch = s.HasStringRule || s.HasNumberRule || s.HasObjectKeywords || s.HasArrayKeywords;
        if (needsSwitch)
        {
            writer.Open("switch (reader.TokenType)");
            if (s.HasStringRule)
            {
                writer.Line("case " + CSharpTypes.JsonTokenType + ".String:");
                writer.Line("case " + CSharpTypes.JsonTokenType + ".PropertyName:");
                writer.Line("    context.CheckString(ref reader, " + Rule("string", s.Id) + ");");
                writer.Line("    break;");
            }

            if (s.HasNumberRule)
            {
                writer.Line("case " + CSharpTypes.JsonTokenType + ".Number:");
                writer.Line("    context.CheckNumber(ref reader, " + Rule("number", s.Id) + ");");
                writer.Line("    break;");
            }

            if (s.HasObjectKeywords)
            {
                writer.Open("case " + CSharpTypes.JsonTokenType + ".StartObject:");
                EmitObject(writer, contract, s, presence);
                writer.Line("break;");
                writer.Close();
            }

            if (s.HasArrayKeywords)
            {
                writer.Open("case " + CSharpTypes.JsonTokenType + ".StartArray:");
                EmitArray(writer, s);
                writer.Line("break;");
                writer.Close();
            }

            writer.Line("default:");
            writer.Line("    reader.Skip();");
            writer.Line("    break;");
            writer.Close();
        }
        else
        {
            writer.Line("reader.Skip();");
        }

        if (s.MaxBytes is int maxBytes)
        {
            writer.Line("context.CheckMaxBytes(ref start, ref reader, " + maxBytes.ToString(CultureInfo.InvariantCulture) + ");");
        }

        writer.Close();
    }

    private static int? DelegatesTo(SchemaSpec s)
    {
        bool onlyPointer = s.Types == JsonTypeSet.None && !s.HasEnum && s.Const is null && !s.HasStringRule && !s.HasNumberRule
            && !s.HasObjectKeywords && !s.HasArrayKeywords && s.MaxBytes is null && s.AnyOf.IsEmpty && s.OneOf.IsEmpty;
        if (!onlyPointer)
        {
            return null;
        }

        if (s.RefId is int target && s.AllOf.IsEmpty)
        {
            return target;
        }

        return s.RefId is null && s.AllOf.Count == 1 ? s.AllOf[0] : null;
    }

    private static void EmitBranches(SourceWriter writer, string keyword, EquatableArray<int> branches, string failure)
    {
        if (branches.IsEmpty)
        {
            return;
        }

        writer.Open(null);
        writer.Line("int matched = 0;");
        foreach (int branch in branches)
        {
            writer.Line("{ int probe = context.BeginProbe(); var copy = reader; " + MethodName(branch) + "(ref copy, ref context); if (context.EndProbe(probe)) { matched++; } }");
        }

        writer.Open("if (" + failure + ")");
        writer.Line("context.ReportCombinator(\"" + keyword + "\", matched);");
        writer.Close();
        writer.Close();
    }

    /// <summary>An anyOf/oneOf whose branches only require properties: evaluated from the seen-bits of the object walk.</summary>
    private sealed record PresenceCombinator(string Keyword, List<List<string>> Branches, string Failure);

    /// <summary>
    /// The required-name lists of the branches when every branch of an object schema's combinator
    /// only says which properties must be present (and the schema itself only accepts objects);
    /// otherwise null, and the branches are validated by probing.
    /// </summary>
    private static List<List<string>>? PresenceBranches(ContractSpec contract, SchemaSpec s, EquatableArray<int> branches)
    {
        if (branches.IsEmpty || s.Types != JsonTypeSet.Object || !s.HasObjectKeywords)
        {
            return null;
        }

        var result = new List<List<string>>();
        foreach (int id in branches)
        {
            var b = SchemaGraph.Resolve(contract.Schemas, id);
            bool onlyRequired = !b.AlwaysFails && (b.Types is JsonTypeSet.None or JsonTypeSet.Object) && !b.Required.IsEmpty
                && b.Properties.IsEmpty && b.AdditionalPropertiesId is null && !b.AdditionalPropertiesForbidden && b.PropertyNamesId is null
                && b.MinProperties is null && b.MaxProperties is null && !b.HasEnum && b.Const is null && !b.HasStringRule && !b.HasNumberRule
                && !b.HasArrayKeywords && b.AllOf.IsEmpty && b.AnyOf.IsEmpty && b.OneOf.IsEmpty && b.RefId is null && b.MaxBytes is null;
            if (!onlyRequired)
            {
                return null;
            }

            result.Add(b.Required.ToList());
        }

        return result;
    }

    private static void EmitObject(SourceWriter writer, ContractSpec contract, SchemaSpec s, List<PresenceCombinator> presence)
    {
        // Required names, and names the presence combinators ask about, get a bit each; names that
        // are tracked but not declared are still matched by name.
        var required = s.Required.ToList();
        var tracked = required.Concat(presence.SelectMany(p => p.Branches.SelectMany(b => b))).Distinct().ToList();
        var declared = s.Properties.Select(p => p.JsonName).ToList();
        var undeclaredRequired = tracked.Where(r => !declared.Contains(r)).ToList();
        int words = (tracked.Count + 63) / 64;
        for (int w = 0; w < words; w++)
        {
            writer.Line("ulong seen" + w.ToString(CultureInfo.InvariantCulture) + " = 0;");
        }

        bool countProperties = s.MinProperties is not null || s.MaxProperties is not null;
        if (countProperties)
        {
            writer.Line("int count = 0;");
        }

        writer.Open("while (reader.Read() && reader.TokenType == " + CSharpTypes.JsonTokenType + ".PropertyName)");
        if (countProperties)
        {
            writer.Line("count++;");
        }

        writer.Line("context.PushProperty(ref reader);");
        if (s.PropertyNamesId is int names)
        {
            // Names under only string keywords are checked in place; anything else gets a copy of the reader, because
            // a value validator may skip past the name.
            var nameSchema = contract.Schemas[names];
            writer.Line(IsNameOnlyStringRule(nameSchema)
                ? "context.CheckString(ref reader, " + Rule("string", nameSchema.Id) + ");"
                : "{ var name = reader; " + MethodName(names) + "(ref name, ref context); }");
        }

        bool first = true;
        foreach (string name in declared.Concat(undeclaredRequired))
        {
            writer.Open((first ? "if" : "else if") + " (reader.ValueTextEquals(" + Naming.Utf8Literal(name) + "))");
            first = false;
            int bit = tracked.IndexOf(name);
            if (bit >= 0)
            {
                writer.Line("seen" + (bit / 64).ToString(CultureInfo.InvariantCulture) + " |= 1UL << " + (bit % 64).ToString(CultureInfo.InvariantCulture) + ";");
            }

            writer.Line("reader.Read();");
            var property = s.Properties.FirstOrDefault(p => p.JsonName == name);
            if (property is not null)
            {
                writer.Line(MethodName(property.SchemaId) + "(ref reader, ref context);");
            }
            else
            {
                EmitAdditional(writer, s);
            }

            writer.Close();
        }

        if (first)
        {
            EmitAdditionalWithRead(writer, s);
        }
        else
        {
            writer.Open("else");
            EmitAdditionalWithRead(writer, s);
            writer.Close();
        }

        writer.Line("context.Pop();");
        writer.Close();

        for (int i = 0; i < required.Count; i++)
        {
            writer.Open("if (!(" + Seen(i) + "))");
            writer.Line("context.ReportMissing(" + Naming.Literal(required[i]) + ");");
            writer.Close();
        }

        foreach (var combinator in presence)
        {
            writer.Open(null);
            writer.Line("int matched = 0;");
            foreach (var branch in combinator.Branches)
            {
                writer.Open("if (" + string.Join(" && ", branch.Select(name => Seen(tracked.IndexOf(name)))) + ")");
                writer.Line("matched++;");
                writer.Close();
            }

            writer.Open("if (" + combinator.Failure + ")");
            writer.Line("context.ReportCombinator(\"" + combinator.Keyword + "\", matched);");
            writer.Close();
            writer.Close();
        }

        if (countProperties)
        {
            writer.Line("context.CheckPropertyCount(count, " + Int(s.MinProperties) + ", " + Int(s.MaxProperties) + ");");
        }
    }

    /// <summary>A propertyNames schema that is string keywords and nothing else (a name is always a string).</summary>
    private static bool IsNameOnlyStringRule(SchemaSpec s)
        => s.HasStringRule && !s.AlwaysFails && (s.Types == JsonTypeSet.None || (s.Types & JsonTypeSet.String) != 0)
            && !s.HasEnum && s.Const is null && !s.HasObjectKeywords && !s.HasArrayKeywords && s.AllOf.IsEmpty && s.AnyOf.IsEmpty
            && s.OneOf.IsEmpty && s.RefId is null && s.MaxBytes is null;

    private static string Seen(int bit)
        => "(seen" + (bit / 64).ToString(CultureInfo.InvariantCulture) + " & (1UL << " + (bit % 64).ToString(CultureInfo.InvariantCulture) + ")) != 0";

    private static void EmitAdditionalWithRead(SourceWriter writer, SchemaSpec s)
    {
        if (s.AdditionalPropertiesForbidden)
        {
            writer.Line("context.ReportAdditionalProperty(ref reader);");
        }

        writer.Line("reader.Read();");
        EmitAdditional(writer, s);
    }

    private static void EmitAdditional(SourceWriter writer, SchemaSpec s)
    {
        if (s.AdditionalPropertiesId is int additional && !s.AdditionalPropertiesForbidden)
        {
            writer.Line(MethodName(additional) + "(ref reader, ref context);");
        }
        else
        {
            writer.Line("reader.Skip();");
        }
    }

    private static void EmitArray(SourceWriter writer, SchemaSpec s)
    {
        if (s.UniqueItems)
        {
            writer.Line("context.CheckUniqueItems(ref reader);");
        }

        writer.Line("int index = 0;");
        writer.Open("while (reader.Read() && reader.TokenType != " + CSharpTypes.JsonTokenType + ".EndArray)");
        if (s.ItemsId is int items)
        {
            writer.Line("context.PushIndex(index);");
            writer.Line(MethodName(items) + "(ref reader, ref context);");
            writer.Line("context.Pop();");
        }
        else
        {
            writer.Line("reader.Skip();");
        }

        writer.Line("index++;");
        writer.Close();
        if (s.MinItems is not null || s.MaxItems is not null)
        {
            writer.Line("context.CheckItemCount(index, " + Int(s.MinItems) + ", " + Int(s.MaxItems) + ");");
        }
    }

    private static string Types(JsonTypeSet types)
    {
        var names = new List<string>();
        foreach (JsonTypeSet flag in new[] { JsonTypeSet.Null, JsonTypeSet.Boolean, JsonTypeSet.Object, JsonTypeSet.Array, JsonTypeSet.Number, JsonTypeSet.String, JsonTypeSet.Integer })
        {
            if ((types & flag) != 0)
            {
                names.Add("global::EventContracts.Validation.JsonTypes." + flag);
            }
        }

        return string.Join(" | ", names);
    }

    private static string Int(int? value) => value is int v ? v.ToString(CultureInfo.InvariantCulture) : "null";

    private static string Str(string? value) => value is null ? "null" : Naming.Literal(value);

    private static string Dec(string? value) => value is null ? "null" : value + "m";
}
