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
    /// <summary>
    /// Writes the part's validators into the contract class (declaring it, with the contract's facts,
    /// when the part has a <see cref="ContractHeader"/>), and the validation entry points of its records.
    /// </summary>
    public static void Write(SourceWriter writer, ContractPart part)
    {
        string ns = part.Namespace;
        bool blankBeforeSchema = true;
        var records = part.Types.Where(t => t.Kind == TypeSpecKind.Record).ToList();
        if (part.Header is { } header)
        {
            writer.Summary("The " + part.ContractName + " contract: its facts and the JSON Schema validators generated from " + part.SourceFileName + ".");
            writer.Line(CSharpTypes.GeneratedCode);
            writer.Open("public static partial class " + part.ContractClassName);
            writer.Line("/// <summary>The contract's name (the <c>Vendor</c> of its <c>EventContract</c> item).</summary>");
            writer.Line("public const string Name = " + Naming.Literal(part.ContractName) + ";");
            EmitHeader(writer, part, header);
        }
        else if (!part.Schemas.IsEmpty || records.Count > 0)
        {
            writer.Open("public static partial class " + part.ContractClassName);
            blankBeforeSchema = false;
        }

        foreach (var schema in part.Schemas)
        {
            if (blankBeforeSchema)
            {
                writer.Line();
            }

            blankBeforeSchema = true;
            EmitSchema(writer, part, schema);
        }

        if (part.Header is not null || !part.Schemas.IsEmpty || records.Count > 0)
        {
            TypedValidatorEmitter.WriteChecks(writer, part, blankBeforeSchema);
            writer.Close();
        }

        foreach (var type in records)
        {
            writer.Line();
            EmitRecordEntryPoints(writer, ns, part, type);
        }
    }

    private static void EmitHeader(SourceWriter writer, ContractPart part, ContractHeader header)
    {
        if (header.Operation is { } op)
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

        if (header.Kind == ContractSourceKind.VendorContract)
        {
            writer.Line();
            writer.Line("/// <summary>Validates a UTF-8 JSON request body against the contract's request schema.</summary>");
            writer.Line("public static " + CSharpTypes.ValidationResult + " ValidateRequestJson(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
            writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + part.ValidatorName(header.RequestSchemaId) + ");");
        }

        foreach (var response in header.Responses.Where(r => r.SchemaId is not null))
        {
            writer.Line();
            writer.Line("/// <summary>Validates a UTF-8 JSON body of the documented " + SourceWriter.EscapeXml(response.StatusCode) + " response.</summary>");
            writer.Line("public static " + CSharpTypes.ValidationResult +  " Validate" + Naming.Bare(Naming.ToPascalCase("Response" + response.StatusCode)) + "Json(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
            writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + part.ValidatorName(response.SchemaId!.Value) + ");");
        }
    }

    private static void EmitRecordEntryPoints(SourceWriter writer, string ns, ContractPart part, TypeSpec type)
    {
        string validator = CSharpTypes.Qualify(part.ContractClassName, ns) + "." + part.ValidatorName(type.SchemaId);
        SerializerEmitter.OpenPartial(writer, type);
        writer.Line("/// <summary>Validates UTF-8 JSON against this record's schema, without building a DOM.</summary>");
        writer.Line("public static " + CSharpTypes.ValidationResult + " ValidateJson(" + CSharpTypes.ReadOnlySpanOfByte + " utf8Json)");
        writer.Line("    => " + CSharpTypes.JsonValidation + ".Validate(utf8Json, " + validator + ");");
        writer.Line();
        writer.Line("/// <summary>Validates this value against every keyword of its schema, as it would be sent, on its values: JSON is written only for keywords that need it.</summary>");
        writer.Line("/// <returns>The errors its JSON would get from <see cref=\"ValidateJson\"/>, with the same paths.</returns>");
        writer.Open("public " + CSharpTypes.ValidationResult + " Validate()");
        writer.Line("var context = new " + CSharpTypes.ValidationContext + "(default);");
        writer.Open("try");
        writer.Line(CSharpTypes.Qualify(part.ContractClassName, ns) + "." + TypedValidatorEmitter.CheckName(part, type.SchemaId) + "(this, ref context);");
        writer.Line("return context.ToResult();");
        writer.Close();
        writer.Open("finally");
        writer.Line("context.Dispose();");
        writer.Close();
        writer.Close();
        SerializerEmitter.ClosePartial(writer, type);
    }

    private static void EmitSchema(SourceWriter writer, ContractPart part, PartSchema schema)
    {
        var s = schema.Schema;
        if (s.HasStringRule)
        {
            writer.Line("private static readonly global::EventContracts.Validation.StringRule " + Rule(part, "string", s.Id) + " = new(" + Int(s.MinLength) + ", " + Int(s.MaxLength) + ", " + Str(s.Pattern) + ", " + Str(s.Format) + ");");
        }

        if (s.HasNumberRule)
        {
            writer.Line("private static readonly global::EventContracts.Validation.NumberRule " + Rule(part, "number", s.Id) + " = new(" + Dec(s.Minimum) + ", " + Dec(s.Maximum) + ", " + Dec(s.ExclusiveMinimum) + ", " + Dec(s.ExclusiveMaximum) + ", " + Dec(s.MultipleOf) + ");");
        }

        if (s.HasEnum)
        {
            writer.Line("private static readonly global::EventContracts.Validation.EnumRule " + Rule(part, "enum", s.Id) + " = new(\"enum\"" + string.Concat(s.Enum.Select(v => ", " + Naming.Literal(v))) + ");");
        }

        if (s.Const is { } constant)
        {
            writer.Line("private static readonly global::EventContracts.Validation.EnumRule " + Rule(part, "const", s.Id) + " = new(\"const\", " + Naming.Literal(constant) + ");");
        }

        for (int i = 0; i < s.PatternProperties.Count; i++)
        {
            writer.Line("private static readonly global::EventContracts.Validation.StringRule " + PatternRule(part, s.Id, i) + " = new(null, null, " + Naming.Literal(s.PatternProperties[i].Pattern) + ", null);");
        }

        writer.Line("/// <summary>Validates the value at the reader against <c>" + SourceWriter.EscapeXml(part.SourceFileName + "#" + s.Pointer) + "</c>.</summary>");
        string signature = "internal static void " + part.ValidatorName(s.Id) + "(ref " + CSharpTypes.Utf8JsonReader + " reader, ref " + CSharpTypes.ValidationContext + " context)";
        if (ScalarCheck(part, schema) is { } check)
        {
            writer.Line(signature);
            writer.Line("    => " + check + ";");
            return;
        }

        writer.Open(signature);
        if (s.AlwaysFails)
        {
            writer.Line("context.AddError(\"false\", \"no value is allowed here\");");
            writer.Line("reader.Skip();");
            writer.Close();
            return;
        }

        // A schema that only points elsewhere delegates, so the value is read once, not twice.
        if (SchemaGraph.DelegateTarget(s) is int target)
        {
            writer.Line(part.ValidatorName(target) + "(ref reader, ref context);");
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
            writer.Line("context.CheckEnum(ref reader, " + Rule(part, "enum", s.Id) + ");");
        }

        if (s.Const is not null)
        {
            writer.Line("context.CheckEnum(ref reader, " + Rule(part, "const", s.Id) + ");");
        }

        // unevaluatedProperties/unevaluatedItems: the subschemas applied below tell the context which members they evaluate.
        bool unevaluated = s.Assertions is { HasUnevaluated: true };
        if (unevaluated)
        {
            writer.Line("int evaluated = context.BeginEvaluated();");
        }

        if (s.RefId is int refId)
        {
            writer.Line("{ var copy = reader; " + part.ValidatorName(refId) + "(ref copy, ref context); }");
        }

        foreach (int allOf in s.AllOf)
        {
            writer.Line("{ var copy = reader; " + part.ValidatorName(allOf) + "(ref copy, ref context); }");
        }

        if (s.Assertions is { } assertions)
        {
            EmitSameValueAssertions(writer, part, assertions);
        }

        // "userId or anonymousId" alternatives are decided from the object walk's own bookkeeping.
        var presence = new List<PresenceCombinator>();
        if (!schema.AnyOfPresence.IsEmpty)
        {
            presence.Add(new PresenceCombinator("anyOf", schema.AnyOfPresence, "matched == 0"));
        }
        else
        {
            EmitBranches(writer, part, "anyOf", s.AnyOf, "matched == 0");
        }

        if (!schema.OneOfPresence.IsEmpty)
        {
            presence.Add(new PresenceCombinator("oneOf", schema.OneOfPresence, "matched != 1"));
        }
        else
        {
            EmitBranches(writer, part, "oneOf", s.OneOf, "matched != 1");
        }

        bool objectKeywords = s.HasObjectKeywords || s.Assertions is { HasObjectKeywords: true };
        bool arrayKeywords = s.HasArrayKeywords || s.Assertions is { HasArrayKeywords: true };
        bool needsSwitch = s.HasStringRule || s.HasNumberRule || objectKeywords || arrayKeywords;
        if (needsSwitch)
        {
            writer.Open("switch (reader.TokenType)");
            if (s.HasStringRule)
            {
                writer.Line("case " + CSharpTypes.JsonTokenType + ".String:");
                writer.Line("case " + CSharpTypes.JsonTokenType + ".PropertyName:");
                writer.Line("    context.CheckString(ref reader, " + Rule(part, "string", s.Id) + ");");
                writer.Line("    break;");
            }

            if (s.HasNumberRule)
            {
                writer.Line("case " + CSharpTypes.JsonTokenType + ".Number:");
                writer.Line("    context.CheckNumber(ref reader, " + Rule(part, "number", s.Id) + ");");
                writer.Line("    break;");
            }

            if (objectKeywords)
            {
                writer.Open("case " + CSharpTypes.JsonTokenType + ".StartObject:");
                EmitObject(writer, part, s, presence);
                writer.Line("break;");
                writer.Close();
            }

            if (arrayKeywords)
            {
                writer.Open("case " + CSharpTypes.JsonTokenType + ".StartArray:");
                EmitArray(writer, part, s);
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

        if (unevaluated)
        {
            writer.Line("context.EndEvaluated(evaluated);");
        }

        if (s.MaxBytes is int maxBytes)
        {
            writer.Line("context.CheckMaxBytes(ref start, ref reader, " + maxBytes.ToString(CultureInfo.InvariantCulture) + ");");
        }

        writer.Close();
    }

    /// <summary>
    /// The one call that validates a schema asking only for <c>type</c> and the string keywords, the number keywords or
    /// <c>enum</c>/<c>const</c> (most properties of an event): <c>ValidationContext.CheckValue</c>; null for any other schema.
    /// </summary>
    private static string? ScalarCheck(ContractPart part, PartSchema schema)
    {
        var s = schema.Schema;
        bool scalar = !s.AlwaysFails && SchemaGraph.DelegateTarget(s) is null && s.MaxBytes is null
            && s.Assertions is null && s.RefId is null && s.AllOf.IsEmpty && s.AnyOf.IsEmpty && s.OneOf.IsEmpty
            && schema.AnyOfPresence.IsEmpty && schema.OneOfPresence.IsEmpty && !s.HasObjectKeywords && !s.HasArrayKeywords
            && !(s.HasStringRule && s.HasNumberRule);
        if (!scalar)
        {
            return null;
        }

        string types = Types(s.Types);
        if (s.HasEnum || s.Const is not null)
        {
            bool enumOnly = !(s.HasEnum && s.Const is not null) && !s.HasStringRule && !s.HasNumberRule;
            return enumOnly ? "context.CheckValue(ref reader, " + types + ", " + Rule(part, s.HasEnum ? "enum" : "const", s.Id) + ")" : null;
        }

        if (s.HasStringRule)
        {
            return "context.CheckValue(ref reader, " + types + ", " + Rule(part, "string", s.Id) + ")";
        }

        if (s.HasNumberRule)
        {
            return "context.CheckValue(ref reader, " + types + ", " + Rule(part, "number", s.Id) + ")";
        }

        return s.Types == JsonTypeSet.None ? null : "context.CheckValue(ref reader, " + types + ")";
    }

    internal static string Rule(ContractPart part, string kind, int id) => "s_" + kind + part.SchemaToken(id);

    private static string PatternRule(ContractPart part, int id, int index) => Rule(part, "namePattern", id) + "_" + index.ToString(CultureInfo.InvariantCulture);

    private static void EmitBranches(SourceWriter writer, ContractPart part, string keyword, EquatableArray<int> branches, string failure)
    {
        if (branches.IsEmpty)
        {
            return;
        }

        writer.Open(null);
        writer.Line("int matched = 0;");
        foreach (int branch in branches)
        {
            writer.Line("{ int probe = context.BeginProbe(); var copy = reader; " + part.ValidatorName(branch) + "(ref copy, ref context); if (context.EndProbe(probe)) { matched++; } }");
        }

        writer.Open("if (" + failure + ")");
        writer.Line("context.ReportCombinator(\"" + keyword + "\", matched);");
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// <c>not</c> and <c>if</c>/<c>then</c>/<c>else</c>: probes of the same value, like a combinator's branches. An
    /// <c>if</c> alone (kept only under an <c>unevaluated*</c> keyword) is probed for the members it evaluates when it matches.
    /// </summary>
    private static void EmitSameValueAssertions(SourceWriter writer, ContractPart part, AssertionSpec a)
    {
        if (a.Not is int not)
        {
            writer.Open(null);
            writer.Line("int probe = context.BeginProbe(); var copy = reader; " + part.ValidatorName(not) + "(ref copy, ref context);");
            writer.Open("if (context.EndProbe(probe))");
            writer.Line("context.AddError(\"not\", \"the value must not be valid against the 'not' schema\");");
            writer.Close();
            writer.Close();
        }

        if (a.If is int lone && a.Then is null && a.Else is null)
        {
            writer.Line("// An 'if' without 'then'/'else' asserts nothing: probed for the members it evaluates when it matches.");
            writer.Line("{ int probe = context.BeginProbe(); var copy = reader; " + part.ValidatorName(lone) + "(ref copy, ref context); context.EndProbe(probe); }");
        }
        else if (a.If is int condition)
        {
            writer.Open(null);
            writer.Line("int probe = context.BeginProbe(); var copy = reader; " + part.ValidatorName(condition) + "(ref copy, ref context);");
            writer.Line("bool matched = context.EndProbe(probe);");
            if (a.Then is int then)
            {
                writer.Open("if (matched)");
                writer.Line("var branch = reader; " + part.ValidatorName(then) + "(ref branch, ref context);");
                writer.Close();
            }

            if (a.Else is int otherwise)
            {
                writer.Open(a.Then is null ? "if (!matched)" : "else");
                writer.Line("var branch = reader; " + part.ValidatorName(otherwise) + "(ref branch, ref context);");
                writer.Close();
            }

            writer.Close();
        }
    }

    /// <summary>An anyOf/oneOf whose branches only require properties: evaluated from the seen-bits of the object walk.</summary>
    private sealed record PresenceCombinator(string Keyword, EquatableArray<EquatableArray<string>> Branches, string Failure);

    private static void EmitObject(SourceWriter writer, ContractPart part, SchemaSpec s, List<PresenceCombinator> presence)
    {
        // Required names, and names the presence combinators ask about, get a bit each; names that
        // are tracked but not declared are still matched by name.
        var required = s.Required.ToList();
        var dependentRequired = s.Assertions?.DependentRequired ?? EquatableArray<DependentRequiredSpec>.Empty;
        var dependentSchemas = s.Assertions?.DependentSchemas ?? EquatableArray<PropertySpec>.Empty;
        var tracked = required.Concat(presence.SelectMany(p => p.Branches.SelectMany(b => b)))
            .Concat(dependentRequired.SelectMany(d => d.Required.Prepend(d.Name))).Concat(dependentSchemas.Select(d => d.JsonName))
            .Distinct().ToList();
        var assertions = s.Assertions;
        if (!dependentSchemas.IsEmpty || assertions is { HasUnevaluatedProperties: true })
        {
            // dependentSchemas validate the whole object again once the walk has seen which names it has, and
            // unevaluatedProperties reads its names again once every keyword has said which it evaluates.
            writer.Line(CSharpTypes.Utf8JsonReader + " objectStart = reader;");
        }

        // additionalProperties evaluates every name properties and patternProperties leave, so every name.
        bool markNames = s.MarksEvaluated && !EvaluatesAllNames(s);
        if (s.MarksEvaluated && EvaluatesAllNames(s))
        {
            writer.Line("context.MarkAllEvaluated();");
        }

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
            var nameSchema = names >= 0 ? part.Schemas.FirstOrDefault(candidate => candidate.Schema.Id == names)?.Schema : null;
            writer.Line(nameSchema is not null && IsNameOnlyStringRule(nameSchema)
                ? "context.CheckString(ref reader, " + Rule(part, "string", names) + ");"
                : "{ var name = reader; " + part.ValidatorName(names) + "(ref name, ref context); }");
        }

        // Which patternProperties the name matches, asked while the reader is on the name (probes report nothing).
        var patterns = s.PatternProperties;
        for (int i = 0; i < patterns.Count; i++)
        {
            writer.Line("int probe" + Index(i) + " = context.BeginProbe(); context.CheckString(ref reader, " + PatternRule(part, s.Id, i) + "); bool pattern" + Index(i) + " = context.EndProbe(probe" + Index(i) + ");");
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

            var property = s.Properties.FirstOrDefault(p => p.JsonName == name);
            if (property is not null)
            {
                if (markNames)
                {
                    writer.Line("context.MarkEvaluated();");
                }

                writer.Line("reader.Read();");
                EmitPatternValues(writer, part, s);
                writer.Line(part.ValidatorName(property.SchemaId) + "(ref reader, ref context);");
            }
            else
            {
                // A name only tracked (required, or named by a combinator or a dependent keyword) is still undeclared.
                EmitAdditionalWithRead(writer, part, s, markNames);
            }

            writer.Close();
        }

        if (first)
        {
            EmitAdditionalWithRead(writer, part, s, markNames);
        }
        else
        {
            writer.Open("else");
            EmitAdditionalWithRead(writer, part, s, markNames);
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

        foreach (var dependent in dependentRequired)
        {
            foreach (string name in dependent.Required)
            {
                writer.Open("if (" + Seen(tracked.IndexOf(dependent.Name)) + " && !(" + Seen(tracked.IndexOf(name)) + "))");
                writer.Line("context.AddError(\"dependentRequired\", " + Naming.Literal("property '" + name + "' is required when '" + dependent.Name + "' is present") + ");");
                writer.Close();
            }
        }

        foreach (var dependent in dependentSchemas)
        {
            writer.Open("if (" + Seen(tracked.IndexOf(dependent.JsonName)) + ")");
            writer.Line("var copy = objectStart; " + part.ValidatorName(dependent.SchemaId) + "(ref copy, ref context);");
            writer.Close();
        }

        if (assertions is { HasUnevaluatedProperties: true })
        {
            EmitUnevaluatedProperties(writer, part, s, assertions);
        }
    }

    /// <summary>Whether the schema's own keywords evaluate every name of an object (<c>additionalProperties</c> other than <c>false</c>).</summary>
    private static bool EvaluatesAllNames(SchemaSpec s) => s.AdditionalPropertiesId is not null && !s.AdditionalPropertiesForbidden;

    /// <summary>
    /// <c>unevaluatedProperties</c>, once every keyword applied to the object has run: reads the names again and
    /// rejects (<c>false</c>) or validates (a schema) the value of each name none of them evaluated.
    /// </summary>
    private static void EmitUnevaluatedProperties(SourceWriter writer, ContractPart part, SchemaSpec s, AssertionSpec a)
    {
        writer.Open(null);
        writer.Line("var pass = objectStart;");
        writer.Open("while (pass.Read() && pass.TokenType == " + CSharpTypes.JsonTokenType + ".PropertyName)");
        writer.Line("context.PushProperty(ref pass);");
        if (a.UnevaluatedPropertiesForbidden)
        {
            writer.Open("if (!context.IsEvaluated(evaluated))");
            writer.Line("context.ReportUnevaluatedProperty(ref pass);");
            writer.Close();
            writer.Line("pass.Read();");
            writer.Line("pass.Skip();");
        }
        else
        {
            writer.Line("bool unevaluated = !context.IsEvaluated(evaluated);");
            writer.Line("pass.Read();");
            writer.Open("if (unevaluated)");
            writer.Line(part.ValidatorName(a.UnevaluatedProperties!.Value) + "(ref pass, ref context);");
            writer.Close();
            writer.Open("else");
            writer.Line("pass.Skip();");
            writer.Close();
        }

        writer.Line("context.Pop();");
        writer.Close();
        if (s.MarksEvaluated && !a.UnevaluatedPropertiesForbidden)
        {
            // The names it validated count as evaluated for an enclosing schema's unevaluatedProperties.
            writer.Line("context.MarkAllEvaluated();");
        }

        writer.Close();
    }

    /// <summary><c>unevaluatedItems</c>, once every keyword applied to the array has run: each item none of them evaluated is rejected or validated.</summary>
    private static void EmitUnevaluatedItems(SourceWriter writer, ContractPart part, SchemaSpec s, AssertionSpec a)
    {
        writer.Open(null);
        writer.Line("var pass = arrayStart;");
        writer.Line("int item = 0;");
        writer.Open("while (pass.Read() && pass.TokenType != " + CSharpTypes.JsonTokenType + ".EndArray)");
        writer.Open("if (context.IsItemEvaluated(evaluated, item))");
        writer.Line("pass.Skip();");
        writer.Close();
        writer.Open("else");
        writer.Line("context.PushIndex(item);");
        if (a.UnevaluatedItemsForbidden)
        {
            writer.Line("context.ReportUnevaluatedItem();");
            writer.Line("pass.Skip();");
        }
        else
        {
            writer.Line(part.ValidatorName(a.UnevaluatedItems!.Value) + "(ref pass, ref context);");
        }

        writer.Line("context.Pop();");
        writer.Close();
        writer.Line("item++;");
        writer.Close();
        if (s.MarksEvaluated && !a.UnevaluatedItemsForbidden)
        {
            writer.Line("context.MarkAllEvaluated();");
        }

        writer.Close();
    }

    /// <summary>A propertyNames schema that is string keywords and nothing else (a name is always a string).</summary>
    private static bool IsNameOnlyStringRule(SchemaSpec s)
        => s.HasStringRule && !s.AlwaysFails && (s.Types == JsonTypeSet.None || (s.Types & JsonTypeSet.String) != 0)
            && !s.HasEnum && s.Const is null && !s.HasObjectKeywords && !s.HasArrayKeywords && s.AllOf.IsEmpty && s.AnyOf.IsEmpty
            && s.OneOf.IsEmpty && s.RefId is null && s.MaxBytes is null;

    private static string Seen(int bit)
        => "(seen" + (bit / 64).ToString(CultureInfo.InvariantCulture) + " & (1UL << " + (bit % 64).ToString(CultureInfo.InvariantCulture) + ")) != 0";

    private static void EmitAdditionalWithRead(SourceWriter writer, ContractPart part, SchemaSpec s, bool markNames)
    {
        if (!s.PatternProperties.IsEmpty)
        {
            // additionalProperties only applies to a name that no pattern matches.
            writer.Open("if (" + string.Join(" || ", Enumerable.Range(0, s.PatternProperties.Count).Select(i => "pattern" + Index(i))) + ")");
            if (markNames)
            {
                writer.Line("context.MarkEvaluated();");
            }

            writer.Line("reader.Read();");
            EmitPatternValues(writer, part, s);
            writer.Line("reader.Skip();");
            writer.Close();
            writer.Open("else");
        }

        if (s.AdditionalPropertiesForbidden)
        {
            writer.Line("context.ReportAdditionalProperty(ref reader);");
        }

        writer.Line("reader.Read();");
        EmitAdditional(writer, part, s);
        if (!s.PatternProperties.IsEmpty)
        {
            writer.Close();
        }
    }

    /// <summary>Validates the value the reader is on against each matching pattern's schema, on copies of the reader.</summary>
    private static void EmitPatternValues(SourceWriter writer, ContractPart part, SchemaSpec s)
    {
        for (int i = 0; i < s.PatternProperties.Count; i++)
        {
            writer.Open("if (pattern" + Index(i) + ")");
            writer.Line("var copy = reader; " + part.ValidatorName(s.PatternProperties[i].SchemaId) + "(ref copy, ref context);");
            writer.Close();
        }
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void EmitAdditional(SourceWriter writer, ContractPart part, SchemaSpec s)
    {
        if (s.AdditionalPropertiesId is int additional && !s.AdditionalPropertiesForbidden)
        {
            writer.Line(part.ValidatorName(additional) + "(ref reader, ref context);");
        }
        else
        {
            writer.Line("reader.Skip();");
        }
    }

    private static void EmitArray(SourceWriter writer, ContractPart part, SchemaSpec s)
    {
        if (s.UniqueItems)
        {
            writer.Line("context.CheckUniqueItems(ref reader);");
        }

        var assertions = s.Assertions;
        if (assertions is { HasUnevaluatedItems: true })
        {
            // unevaluatedItems reads the items again once every keyword has said which it evaluates.
            writer.Line(CSharpTypes.Utf8JsonReader + " arrayStart = reader;");
        }

        // items evaluates every item prefixItems leaves, so every item; otherwise the first prefixItems.Count are.
        bool markItems = s.MarksEvaluated && s.ItemsId is null;
        if (s.MarksEvaluated && s.ItemsId is not null)
        {
            writer.Line("context.MarkAllEvaluated();");
        }

        writer.Line("int index = 0;");
        int? contains = assertions?.Contains;
        if (contains is not null)
        {
            writer.Line("int containing = 0;");
        }

        writer.Open("while (reader.Read() && reader.TokenType != " + CSharpTypes.JsonTokenType + ".EndArray)");
        if (contains is int containsId)
        {
            // An item valid against contains is evaluated by it.
            writer.Line("{ int probe = context.BeginProbe(); var copy = reader; " + part.ValidatorName(containsId) + "(ref copy, ref context); if (context.EndProbe(probe)) { containing++;" + (markItems ? " context.MarkEvaluatedItem(index);" : string.Empty) + " } }");
        }

        if (markItems && !s.PrefixItems.IsEmpty)
        {
            writer.Open("if (index < " + Index(s.PrefixItems.Count) + ")");
            writer.Line("context.MarkEvaluatedItem(index);");
            writer.Close();
        }

        if (!s.PrefixItems.IsEmpty)
        {
            // The first items each have a schema of their own (prefixItems); items applies to the rest.
            writer.Line("context.PushIndex(index);");
            writer.Open("switch (index)");
            for (int i = 0; i < s.PrefixItems.Count; i++)
            {
                writer.Line("case " + Index(i) + ":");
                writer.Line("    " + part.ValidatorName(s.PrefixItems[i]) + "(ref reader, ref context);");
                writer.Line("    break;");
            }

            writer.Line("default:");
            writer.Line("    " + (s.ItemsId is int rest ? part.ValidatorName(rest) + "(ref reader, ref context);" : "reader.Skip();"));
            writer.Line("    break;");
            writer.Close();
            writer.Line("context.Pop();");
        }
        else if (s.ItemsId is int items)
        {
            writer.Line("context.PushIndex(index);");
            writer.Line(part.ValidatorName(items) + "(ref reader, ref context);");
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

        if (s.Assertions is { Contains: not null } a)
        {
            int min = a.MinContains ?? 1;
            if (min > 0)
            {
                writer.Open("if (containing < " + min.ToString(CultureInfo.InvariantCulture) + ")");
                writer.Line("context.AddError(" + (a.MinContains is null ? "\"contains\", \"no item is valid against the 'contains' schema\"" : "\"minContains\", " + Naming.Literal("fewer than " + min.ToString(CultureInfo.InvariantCulture) + " items are valid against the 'contains' schema")) + ");");
                writer.Close();
            }

            if (a.MaxContains is int max)
            {
                writer.Open("if (containing > " + max.ToString(CultureInfo.InvariantCulture) + ")");
                writer.Line("context.AddError(\"maxContains\", " + Naming.Literal("more than " + max.ToString(CultureInfo.InvariantCulture) + " items are valid against the 'contains' schema") + ");");
                writer.Close();
            }
        }

        if (assertions is { HasUnevaluatedItems: true } unevaluated)
        {
            EmitUnevaluatedItems(writer, part, s, unevaluated);
        }
    }

    /// <summary>The <c>JsonTypes</c> expression for a set of types; <c>JsonTypes.None</c> for the empty set (no <c>type</c> keyword).</summary>
    internal static string Types(JsonTypeSet types)
    {
        if (types == JsonTypeSet.None)
        {
            return "global::EventContracts.Validation.JsonTypes.None";
        }

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

    internal static string Int(int? value) => value is int v ? v.ToString(CultureInfo.InvariantCulture) : "null";

    private static string Str(string? value) => value is null ? "null" : Naming.Literal(value);

    private static string Dec(string? value) => value is null ? "null" : value + "m";
}
