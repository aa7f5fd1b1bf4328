using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// Emits typed validation: per record, a <c>Check…</c> method of the contract class that checks the record's CLR
/// values against its schema without writing JSON (see <see cref="TypedChecks"/>), and reports what the record's JSON
/// validator reports for the JSON the serializer writes: the same errors, paths and order. Values under keywords the
/// typed checks do not cover are written and handed to their JSON validator in the same run.
/// </summary>
internal static class TypedValidatorEmitter
{
    /// <summary>Writes the <c>Check…</c> methods of the part's records (inside the contract class).</summary>
    public static void WriteChecks(SourceWriter writer, ContractPart part, bool blankBefore)
    {
        foreach (var type in part.Types.Where(t => t.Kind == TypeSpecKind.Record))
        {
            if (blankBefore)
            {
                writer.Line();
            }

            blankBefore = true;
            EmitCheck(writer, part, type);
            if (part.SizeBounds)
            {
                writer.Line();
                EmitSizeBound(writer, part, type);
            }
        }
    }

    /// <summary>The name of the typed check of the record whose schema has this id (in the part's numbering).</summary>
    public static string CheckName(ContractPart part, int schemaId) => "Check" + part.SchemaToken(schemaId);

    private static void EmitCheck(SourceWriter writer, ContractPart part, TypeSpec type)
    {
        string ns = part.Namespace;
        string declared = "s_declared" + part.SchemaToken(type.SchemaId);
        bool collisions = type.Check is { Additional: not null, DeclaredNames.IsEmpty: false };
        if (collisions)
        {
            writer.Line("private static readonly string[] " + declared + " = new string[] { " + string.Join(", ", type.Check!.DeclaredNames.Select(Naming.Literal)) + " };");
        }

        writer.Line("/// <summary>Checks the values of a <see cref=\"" + CSharpTypes.Qualify(type.FullName, ns) + "\"/> against its schema, with the errors its JSON would get.</summary>");
        writer.Open("internal static void " + CheckName(part, type.SchemaId) + "(" + CSharpTypes.Qualify(type.FullName, ns) + " value, ref " + CSharpTypes.ValidationContext + " context)");
        if (type.Check is not { } check)
        {
            // Keywords the typed checks do not cover apply to the record itself: its JSON validator checks it written.
            writer.Line(CSharpTypes.JsonValidation + ".ValidateWritten(ref context, value, static (writer, written) => written.WriteTo(writer), " + part.ValidatorName(type.SchemaId) + ");");
            writer.Close();
            return;
        }

        int bodyStart = writer.Length;
        string writeRecord = CSharpTypes.JsonValidation + ".ValidateWritten(ref context, value, static (writer, written) => written.WriteTo(writer), " + part.ValidatorName(type.SchemaId) + ");";
        if (collisions)
        {
            // Its JSON would check an extra entry named like a declared property against that property's schema.
            // Tested for null here: most records hold no undeclared properties, and the check runs for every record.
            writer.Open("if (value.AdditionalProperties is not null && " + CSharpTypes.JsonValidation + ".HasAnyKey(value.AdditionalProperties, " + declared + "))");
            writer.Line(writeRecord);
            writer.Line("return;");
            writer.Close();
            writer.Line();
        }

        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            var c = check.Members[i];
            if (!c.IsNeededFor(member.Type))
            {
                continue;
            }

            string access = "value." + member.CSharpName;
            string local = "m" + i.ToString(CultureInfo.InvariantCulture);
            string push = "context.PushProperty(" + Naming.Literal(member.JsonName) + ");";
            if (PropertyCheck(part, member, c, access) is { } call)
            {
                writer.Line(call);
            }
            else if (member.Required)
            {
                EmitScoped(writer, part, push, member.Type, c, access, local, 0, member.Type.MayBeNull);
            }
            else if (c.Kind != ValueCheckKind.None || c.MaxBytes is not null)
            {
                // An optional member left null is not written, so only the required check below can see it.
                writer.Open("if (" + access + " is { } " + local + ")");
                EmitScoped(writer, part, push, member.Type, c, local, local, 0, mayBeNull: false);
                writer.Close();
            }
        }

        if (check.Additional is { } additional && type.AdditionalProperties is { } entryType && additional.IsNeededFor(entryType))
        {
            writer.Open("if (value.AdditionalProperties is { } additional)");
            var entries = ValueCheck.Nothing with { Kind = ValueCheckKind.Map, Element = additional, Key = ValueCheck.Nothing };
            EmitMap(writer, part, new TypeRef(TypeRefKind.Map, null, entryType, false), entries, "additional", 0);
            writer.Close();
        }

        foreach (var required in check.Required)
        {
            if (required.Member < 0)
            {
                if (check.Additional is not null)
                {
                    writer.Open("if (!(" + Present(type, required, additional: true) + "))");
                    writer.Line("context.ReportMissing(" + Naming.Literal(required.Name) + ");");
                    writer.Close();
                }
                else
                {
                    writer.Line("context.ReportMissing(" + Naming.Literal(required.Name) + ");");
                }
            }
            else if (!type.Members[required.Member].Required)
            {
                writer.Open("if (!(" + Present(type, required, additional: false) + "))");
                writer.Line("context.ReportMissing(" + Naming.Literal(required.Name) + ");");
                writer.Close();
            }
        }

        foreach (var presence in check.Presence)
        {
            // A branch naming what nothing writes never matches; constant conditions would be CS0162 warnings.
            var conditions = presence.Branches
                .Select(branch => branch.Select(name => Present(type, name, check.Additional is not null)).ToList())
                .Where(terms => !terms.Contains("false"))
                .Select(terms => string.Join(" && ", terms.Where(term => term != "true")))
                .ToList();
            if (conditions.Count == 0)
            {
                writer.Line("context.ReportCombinator(\"" + presence.Keyword + "\", 0);");
                continue;
            }

            writer.Open(null);
            writer.Line("int matched = 0;");
            foreach (string condition in conditions)
            {
                if (condition.Length == 0)
                {
                    writer.Line("matched++;");
                    continue;
                }

                writer.Open("if (" + condition + ")");
                writer.Line("matched++;");
                writer.Close();
            }

            writer.Open("if (" + (presence.Keyword == "oneOf" ? "matched != 1" : "matched == 0") + ")");
            writer.Line("context.ReportCombinator(\"" + presence.Keyword + "\", matched);");
            writer.Close();
            writer.Close();
        }

        if (check.MinProperties is not null || check.MaxProperties is not null)
        {
            int always = type.Members.Count(m => m.Required);
            var optional = type.Members.Where(m => !m.Required).Select(m => " + (" + Written(m) + " ? 1 : 0)");
            string extra = check.Additional is not null ? " + (value.AdditionalProperties?.Count ?? 0)" : string.Empty;
            writer.Line("context.CheckPropertyCount(" + always.ToString(CultureInfo.InvariantCulture) + string.Concat(optional) + extra + ", " + ValidatorEmitter.Int(check.MinProperties) + ", " + ValidatorEmitter.Int(check.MaxProperties) + ");");
        }

        if (check.MaxBytes is int maxBytes)
        {
            writer.Line(CSharpTypes.JsonValidation + ".CheckMaxBytes(ref context, value, static (writer, written) => written.WriteTo(writer), static (bounded, exact) => " + SizeBoundName + "(bounded, exact), " + maxBytes.ToString(CultureInfo.InvariantCulture) + ");");
        }

        if (writer.Length == bodyStart)
        {
            writer.Line("// The schema asks nothing of these values that their C# types do not already guarantee.");
        }

        writer.Close();
    }

    private const string SizeBoundName = "JsonSizeBound";

    private const string SizeBoundType = "global::EventContracts.Validation.SizeBound";

    /// <summary>
    /// An upper bound of the record's written size: from lengths alone, or scanning the text when <c>exact</c> (see the
    /// runtime's <c>SizeBound</c>). The methods of a contract are overloads told apart by the record type.
    /// </summary>
    private static void EmitSizeBound(SourceWriter writer, ContractPart part, TypeSpec type)
    {
        string self = CSharpTypes.Qualify(type.FullName, part.Namespace);
        writer.Line("/// <summary>An upper bound of the size of a <see cref=\"" + self + "\"/> written as JSON; <c>x-ec-max-bytes</c> checks write it only when the bound is over the limit.</summary>");
        writer.Open("internal static long " + SizeBoundName + "(" + self + " value, bool exact)");
        writer.Line("long size = 2;");
        foreach (var member in type.Members)
        {
            // The quoted name as the serializer writes it (ASCII), its colon and the separator.
            long name = WireText.Quoted(member.JsonName).Length + 2;
            // An optional member is declared nullable whatever its type says.
            var declared = member.Required ? member.Type : member.Type.WithNullable(true);
            string bound = name.ToString(CultureInfo.InvariantCulture) + " + " + Bound(part, declared, "value." + member.CSharpName, "exact", 0, present: !member.Required);
            string absent = member.TracksPresence ? "(value." + RecordEmitter.Given(member) + " ? " + (name + 4).ToString(CultureInfo.InvariantCulture) + " : 0)" : "0";
            writer.Line("size += " + (member.Required ? bound : "value." + member.CSharpName + " is null ? " + absent + " : " + bound) + ";");
        }

        if (type.AdditionalProperties is { } entries)
        {
            // Written inside this object: no braces of their own.
            writer.Line("size += value.AdditionalProperties is null ? 0 : " + SizeBoundType + ".Entries(value.AdditionalProperties, exact, static (entry0, exact0) => " + Bound(part, entries, "entry0", "exact0", 1) + ");");
        }

        writer.Line("return size;");
        writer.Close();
    }

    /// <summary>
    /// The bound of a value as an expression (null values included, unless <paramref name="present"/> says the caller
    /// checked); <paramref name="exact"/> names the flag that asks for the scanning bound.
    /// </summary>
    private static string Bound(ContractPart part, TypeRef type, string expression, string exact, int depth, bool present = false)
    {
        string nullable = type.IsValueType && type.Nullable ? expression + ".GetValueOrDefault()" : expression;
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string core = type.Kind switch
        {
            TypeRefKind.String => SizeBoundType + ".String(" + expression + ", " + exact + ")",
            TypeRefKind.Int64 => SizeBoundType + ".Int64",
            TypeRefKind.Decimal => SizeBoundType + ".Decimal",
            TypeRefKind.Boolean => SizeBoundType + ".Boolean",
            TypeRefKind.Enum => "WireBytes" + part.EnumSuffix(type.Name!),
            TypeRefKind.Json => SizeBoundType + ".Element(" + nullable + ", " + exact + ")",
            TypeRefKind.Record => present
                ? SizeBoundName + "(" + expression + ", " + exact + ")"
                : "(" + expression + " is null ? " + SizeBoundType + ".Null : " + SizeBoundName + "(" + expression + ", " + exact + "))",
            TypeRefKind.List => SizeBoundType + ".List(" + expression + ", " + exact + ", static (item" + d + ", exact" + d + ") => " + Bound(part, type.Element!, "item" + d, "exact" + d, depth + 1) + ")",
            _ => SizeBoundType + ".Map(" + expression + ", " + exact + ", static (entry" + d + ", exact" + d + ") => " + Bound(part, type.Element!, "entry" + d, "exact" + d, depth + 1) + ")",
        };

        // Strings, records, lists and maps bound null themselves; the fixed widths are all at least null's.
        return type.Nullable && !present && type.Kind is TypeRefKind.Enum or TypeRefKind.Json
            ? "(" + expression + ".HasValue ? " + core + " : " + SizeBoundType + ".Null)"
            : core;
    }

    /// <summary>Whether an optional member is written: when set, or (tracking presence) given as null.</summary>
    private static string Written(MemberSpec member)
        => member.TracksPresence
            ? "(value." + member.CSharpName + " is not null || value." + RecordEmitter.Given(member) + ")"
            : "value." + member.CSharpName + " is not null";

    /// <summary>
    /// Whether the JSON has the name: a required member always writes it (null as <c>null</c>), an optional one when
    /// set; a name no member writes only as an <c>AdditionalProperties</c> entry.
    /// </summary>
    private static string Present(TypeSpec type, RequiredCheck name, bool additional)
    {
        if (name.Member >= 0)
        {
            var member = type.Members[name.Member];
            return member.Required ? "true" : Written(member);
        }

        return additional ? "value.AdditionalProperties?.ContainsKey(" + Naming.Literal(name.Name) + ") == true" : "false";
    }

    /// <summary>
    /// A value's checks under its path segment (<paramref name="push"/>). Errors need the path and a passing value does
    /// not: a null that is only type-checked, a leaf whose rules have a side-effect-free test (a C# enum's declared
    /// members, string keywords, the number keywords of a <c>long</c> or <c>decimal</c>) and an open value that passes on
    /// its kind and text enter the segment only on the way to reporting.
    /// </summary>
    private static void EmitScoped(SourceWriter writer, ContractPart part, string push, TypeRef type, ValueCheck c, string expression, string local, int depth, bool mayBeNull)
    {
        if (!c.IsNeededFor(type))
        {
            return;
        }

        if (mayBeNull && c.Kind == ValueCheckKind.None && c.MaxBytes is null)
        {
            writer.Open("if (" + expression + " is null)");
            writer.Line(push);
            EmitNull(writer, part, c);
            writer.Line("context.Pop();");
            writer.Close();
            return;
        }

        if (c.Kind == ValueCheckKind.Element && c.LeafElement && c.MaxBytes is null && !mayBeNull)
        {
            writer.Open("if (!" + ElementPasses(part, c, expression) + ")");
            writer.Line(push);
            writer.Line(CSharpTypes.JsonValidation + ".ValidateElement(ref context, " + expression + ", " + part.ValidatorName(c.SchemaId) + ");");
            writer.Line("context.Pop();");
            writer.Close();
            return;
        }

        LeafRules tested = LeafRules.Declared | LeafRules.String | (type.Kind is TypeRefKind.Int64 or TypeRefKind.Decimal ? LeafRules.Number : LeafRules.None);
        if (c.Kind != ValueCheckKind.Leaf || c.MaxBytes is not null || (c.Rules & ~tested) != 0 || (c.Rules & tested) == 0)
        {
            writer.Line(push);
            EmitValue(writer, part, type, c, expression, local, depth, mayBeNull);
            writer.Line("context.Pop();");
            return;
        }

        string value = mayBeNull ? local : expression;
        if (mayBeNull)
        {
            writer.Open("if (" + expression + " is { } " + local + ")");
        }

        var tests = PassTests(part, type, c, value);
        writer.Open("if (!" + (tests.Count == 1 ? tests[0] : "(" + string.Join(" && ", tests) + ")") + ")");
        writer.Line(push);
        if (c.Rules == LeafRules.Declared)
        {
            writer.Line(ReportUndeclared(type, value));
        }
        else
        {
            EmitNonNull(writer, part, type, c, value, depth, mayBeNull: false);
        }

        writer.Line("context.Pop();");
        writer.Close();
        if (mayBeNull)
        {
            writer.Close();
            if (c.NullTypes != JsonTypeSet.None)
            {
                writer.Open("else");
                writer.Line(push);
                EmitNull(writer, part, c);
                writer.Line("context.Pop();");
                writer.Close();
            }
        }
    }

    /// <summary>
    /// The one call that checks a member whose only keywords are the string keywords of a string or the number keywords of
    /// a <c>long</c> or <c>decimal</c> (most members): <c>ValidationContext.CheckProperty</c>, which tests the value and
    /// enters the member's path only to report, as <see cref="EmitScoped"/> writes it out; null for any other member.
    /// </summary>
    private static string? PropertyCheck(ContractPart part, MemberSpec member, ValueCheck c, string access)
    {
        TypeRef type = member.Type;
        if (c.Kind != ValueCheckKind.Leaf || c.MaxBytes is not null)
        {
            return null;
        }

        string rule;
        if (type.Kind == TypeRefKind.String && c.Rules == LeafRules.String)
        {
            rule = ValidatorEmitter.Rule(part, "string", c.SchemaId);
        }
        else if (type.Kind is TypeRefKind.Int64 or TypeRefKind.Decimal && c.Rules == LeafRules.Number)
        {
            rule = ValidatorEmitter.Rule(part, "number", c.SchemaId);
        }
        else
        {
            return null;
        }

        // A required member holding null is written as null, which the type keyword may refuse; an optional one is not written.
        bool checksNull = member.Required && type.MayBeNull && c.NullTypes != JsonTypeSet.None;
        if (checksNull && type.Kind != TypeRefKind.String)
        {
            return null;
        }

        return "context.CheckProperty(" + Naming.Literal(member.JsonName) + ", " + access + ", " + rule + (checksNull ? ", " + ValidatorEmitter.Types(c.NullTypes) : string.Empty) + ");";
    }

    /// <summary>Most open values pass on their kind and text alone; the validator reads the rest and words any error.</summary>
    private static string ElementPasses(ContractPart part, ValueCheck c, string expression)
    {
        string types = ValidatorEmitter.Types(c.ElementTypes);
        string stringRule = (c.Rules & LeafRules.String) != 0 ? ValidatorEmitter.Rule(part, "string", c.SchemaId) : "null";
        string numberRule = (c.Rules & LeafRules.Number) != 0 ? ValidatorEmitter.Rule(part, "number", c.SchemaId) : "null";
        return CSharpTypes.JsonValidation + ".ElementPasses(" + expression + ", " + types + ", " + stringRule + ", " + numberRule + ")";
    }

    /// <summary>The tests a leaf with only declared-member, string and (on numbers) number rules passes without reporting anything.</summary>
    private static List<string> PassTests(ContractPart part, TypeRef type, ValueCheck c, string expression)
    {
        var tests = new List<string>();
        if ((c.Rules & LeafRules.Declared) != 0)
        {
            tests.Add("IsDeclared" + part.EnumSuffix(type.Name!) + "(" + expression + ")");
        }

        if ((c.Rules & LeafRules.String) != 0)
        {
            string leaf = type.Kind == TypeRefKind.Enum ? "ToWireValue(" + expression + ")" : expression;
            tests.Add(ValidatorEmitter.Rule(part, "string", c.SchemaId) + ".Passes(" + leaf + ")");
        }

        if ((c.Rules & LeafRules.Number) != 0)
        {
            tests.Add(ValidatorEmitter.Rule(part, "number", c.SchemaId) + ".Passes(" + expression + ")");
        }

        return tests;
    }

    /// <summary>The report of a C# enum value outside its declared members.</summary>
    private static string ReportUndeclared(TypeRef type, string expression)
    {
        string simpleName = type.Name!.Substring(type.Name!.LastIndexOf('.') + 1);
        return "context.ReportUndeclared(" + Naming.Literal(simpleName) + ", (long)" + expression + ");";
    }

    private static void EmitValue(SourceWriter writer, ContractPart part, TypeRef type, ValueCheck c, string expression, string local, int depth, bool mayBeNull)
    {
        if (!c.IsNeededFor(type))
        {
            return;
        }

        if (!mayBeNull || c.Kind == ValueCheckKind.Written)
        {
            EmitNonNull(writer, part, type, c, expression, depth, mayBeNull);
            return;
        }

        bool checksNull = c.NullTypes != JsonTypeSet.None || (c.Rules & (LeafRules.Enum | LeafRules.Const)) != 0 || c.MaxBytes < SizeOfNull;
        if (c.Kind == ValueCheckKind.None && c.MaxBytes is null)
        {
            writer.Open("if (" + expression + " is null)");
            EmitNull(writer, part, c);
            writer.Close();
            return;
        }

        writer.Open("if (" + expression + " is { } " + local + ")");
        EmitNonNull(writer, part, type, c, local, depth, mayBeNull: false);
        writer.Close();
        if (checksNull)
        {
            writer.Open("else");
            EmitNull(writer, part, c);
            writer.Close();
        }
    }

    /// <summary>A null value is a JSON <c>null</c>: the type keyword, then <c>enum</c>/<c>const</c>, as its JSON validator checks it.</summary>
    private static void EmitNull(SourceWriter writer, ContractPart part, ValueCheck c)
    {
        if (c.NullTypes != JsonTypeSet.None)
        {
            writer.Line("context.CheckNull(" + ValidatorEmitter.Types(c.NullTypes) + ");");
            return;
        }

        if ((c.Rules & LeafRules.Enum) != 0)
        {
            writer.Line("context.CheckEnum((string?)null, " + ValidatorEmitter.Rule(part, "enum", c.SchemaId) + ");");
        }

        if ((c.Rules & LeafRules.Const) != 0)
        {
            writer.Line("context.CheckConst((string?)null, " + ValidatorEmitter.Rule(part, "const", c.SchemaId) + ");");
        }

        if (c.MaxBytes is int maxBytes && maxBytes < SizeOfNull)
        {
            writer.Line("context.CheckMaxBytes(" + SizeOfNull.ToString(CultureInfo.InvariantCulture) + ", " + maxBytes.ToString(CultureInfo.InvariantCulture) + ");");
        }
    }

    /// <summary>The size of <c>null</c>, the only written form of a null value.</summary>
    private const int SizeOfNull = 4;

    private static void EmitNonNull(SourceWriter writer, ContractPart part, TypeRef type, ValueCheck c, string expression, int depth, bool mayBeNull)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        switch (c.Kind)
        {
            case ValueCheckKind.Leaf:
                {
                    string leaf = type.Kind == TypeRefKind.Enum ? "ToWireValue(" + expression + ")" : expression;
                    bool declared = (c.Rules & LeafRules.Declared) != 0;
                    if (declared)
                    {
                        writer.Open("if (!IsDeclared" + part.EnumSuffix(type.Name!) + "(" + expression + "))");
                        writer.Line(ReportUndeclared(type, expression));
                        writer.Close();
                        if ((c.Rules & ~LeafRules.Declared) != 0)
                        {
                            writer.Open("else");
                        }
                    }

                    if ((c.Rules & LeafRules.Enum) != 0)
                    {
                        writer.Line("context.CheckEnum(" + leaf + ", " + ValidatorEmitter.Rule(part, "enum", c.SchemaId) + ");");
                    }

                    if ((c.Rules & LeafRules.Const) != 0)
                    {
                        writer.Line("context.CheckConst(" + leaf + ", " + ValidatorEmitter.Rule(part, "const", c.SchemaId) + ");");
                    }

                    if ((c.Rules & LeafRules.String) != 0)
                    {
                        writer.Line("context.CheckString(" + leaf + ", " + ValidatorEmitter.Rule(part, "string", c.SchemaId) + ");");
                    }

                    if ((c.Rules & LeafRules.Number) != 0)
                    {
                        writer.Line("context.CheckNumber(" + leaf + ", " + ValidatorEmitter.Rule(part, "number", c.SchemaId) + ");");
                    }

                    if (declared && (c.Rules & ~LeafRules.Declared) != 0)
                    {
                        writer.Close();
                    }

                    break;
                }

            case ValueCheckKind.Record:
                writer.Line(CheckName(part, c.SchemaId) + "(" + expression + ", ref context);");
                break;
            case ValueCheckKind.List:
                {
                    string list = "list" + d;
                    string index = "i" + d;
                    writer.Open(null);
                    writer.Line("var " + list + " = " + expression + ";");
                    if (c.Element!.IsNeededFor(type.Element!))
                    {
                        writer.Open("for (int " + index + " = 0; " + index + " < " + list + ".Count; " + index + "++)");
                        EmitScoped(writer, part, "context.PushIndex(" + index + ");", type.Element!, c.Element, list + "[" + index + "]", "item" + d, depth + 1, type.Element!.MayBeNull);
                        writer.Close();
                    }

                    if (c.MinCount is not null || c.MaxCount is not null)
                    {
                        writer.Line("context.CheckItemCount(" + list + ".Count, " + ValidatorEmitter.Int(c.MinCount) + ", " + ValidatorEmitter.Int(c.MaxCount) + ");");
                    }

                    writer.Close();
                    break;
                }

            case ValueCheckKind.Map:
                EmitMap(writer, part, type, c, expression, depth);
                break;
            case ValueCheckKind.Element:
                if (c.LeafElement)
                {
                    writer.Open("if (!" + ElementPasses(part, c, expression) + ")");
                    writer.Line(CSharpTypes.JsonValidation + ".ValidateElement(ref context, " + expression + ", " + part.ValidatorName(c.SchemaId) + ");");
                    writer.Close();
                }
                else
                {
                    writer.Line(CSharpTypes.JsonValidation + ".ValidateElement(ref context, " + expression + ", " + part.ValidatorName(c.SchemaId) + ");");
                }

                break;
            case ValueCheckKind.Written:
                // Written as the serializer writes it (null as null), then read by the schema's validator.
                writer.Open(CSharpTypes.JsonValidation + ".ValidateWritten(ref context, " + expression + ", static (writer, written) =>");
                SerializerEmitter.WriteNullable(writer, part.Namespace, part, type.WithNullable(mayBeNull || !type.IsValueType), "written", 0);
                writer.Close(", " + part.ValidatorName(c.SchemaId) + ");");
                break;
        }

        if (c.MaxBytes is int maxBytes)
        {
            // Its JSON validator measures the value last; the bound spares writing it when it is clearly within the limit.
            var declared = type.WithNullable(mayBeNull && type.Nullable);
            writer.Open(CSharpTypes.JsonValidation + ".CheckMaxBytes(ref context, " + expression + ", static (writer, written) =>");
            SerializerEmitter.WriteNullable(writer, part.Namespace, part, type.WithNullable(mayBeNull || !type.IsValueType), "written", 0);
            writer.Close(", static (bounded, exact) => " + Bound(part, declared, "bounded", "exact", 0) + ", " + maxBytes.ToString(CultureInfo.InvariantCulture) + ");");
        }
    }

    /// <summary>A map's entries in the order they are written (a <c>Dictionary</c>'s struct enumerator does not allocate), then its size.</summary>
    private static void EmitMap(SourceWriter writer, ContractPart part, TypeRef type, ValueCheck c, string expression, int depth)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string pair = "pair" + d;
        bool entries = c.Element!.IsNeededFor(type.Element!) || c.Key!.Kind != ValueCheckKind.None;
        writer.Open(null);
        if (entries)
        {
            string concrete = "dictionary" + d;
            writer.Open("if (" + expression + " is " + CSharpTypes.Concrete(type.WithNullable(false), part.Namespace) + " " + concrete + ")");
            EmitLoop(concrete);
            writer.Close();
            writer.Open("else");
            EmitLoop(expression);
            writer.Close();
        }

        if (c.MinCount is not null || c.MaxCount is not null)
        {
            writer.Line("context.CheckPropertyCount(" + expression + ".Count, " + ValidatorEmitter.Int(c.MinCount) + ", " + ValidatorEmitter.Int(c.MaxCount) + ");");
        }

        writer.Close();

        void EmitLoop(string source)
        {
            // The name's and the value's checks each enter the entry's path, the testable ones only to report.
            string push = "context.PushProperty(" + pair + ".Key);";
            writer.Open("foreach (var " + pair + " in " + source + ")");
            EmitScoped(writer, part, push, new TypeRef(TypeRefKind.String, null, null, false), c.Key!, pair + ".Key", "key" + d, depth + 1, mayBeNull: false);
            EmitScoped(writer, part, push, type.Element!, c.Element!, pair + ".Value", "entry" + d, depth + 1, type.Element!.MayBeNull);
            writer.Close();
        }
    }
}
