using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Checks the properties written at a tracking call (a <c>[EventProperties]</c> argument that is a
/// dictionary initializer or an anonymous object) against every destination the plan gives the
/// call's constant event name: the destination's own and reserved properties (EC3001), its rules for
/// property names (EC3002) and values (EC3003), and, when every key and value is a constant, its size
/// limit (EC4004). Each property problem is reported on the property in the initializer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventPropertiesAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PropertyTypeConflict,
        DiagnosticDescriptors.PropertyNameNotAllowed,
        DiagnosticDescriptors.PropertyValueNotAllowed,
        DiagnosticDescriptors.ConstantPayloadOverLimit,
        DiagnosticDescriptors.NotInCodeList,
        DiagnosticDescriptors.EnvelopeCollision);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = TrackingSymbols.Create(start.Compilation);
            if (symbols?.PropertiesAttribute is null || symbols.EventNameAttribute is null)
            {
                return;
            }

            var model = TrackingModel.For(start.Options, start.CancellationToken);
            if (model.Events.Count == 0 || model.Destinations.Count == 0)
            {
                return;
            }

            start.RegisterOperationAction(context => Analyze(context, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var call = context.Operation;
        if (!symbols.TryGetArguments(call, out var arguments)
            || arguments.Properties is not { ArgumentKind: not ArgumentKind.DefaultValue } propertiesArgument
            || arguments.EventName is not { } nameArgument
            || !OperationValues.TryGetConstantString(nameArgument.Value, out string? name)
            || name is null
            || !model.Events.TryGetValue(name, out var evt))
        {
            return;
        }

        var destinations = model.DestinationsOf(evt).ToList();
        if (destinations.Count == 0 || !TryGetEntries(propertiesArgument.Value, out var entries, out bool allKeysConstant))
        {
            return;
        }

        foreach (var entry in entries)
        {
            var types = TypeOf(entry.Value);
            foreach (var destination in destinations)
            {
                CheckProperty(context, evt, entry, types, destination.Spec, entries, destinations);
            }
        }

        if (allKeysConstant && ConstantSize(entries) is long size)
        {
            foreach (var destination in destinations)
            {
                var spec = destination.Spec;
                var (limit, what) = spec.MaxBytes is int own
                    ? (own, "'" + spec.PropertiesMember + "' object")
                    : spec.RequestMaxBytes is int request ? (request, "whole request") : (0, string.Empty);
                if (limit > 0 && size > limit)
                {
                    context.ReportDiagnostic(CallSiteDiagnostic.Create(
                        DiagnosticDescriptors.ConstantPayloadOverLimit,
                        propertiesArgument.Value.Syntax.GetLocation(),
                        evt.Name,
                        size.ToString(CultureInfo.InvariantCulture),
                        spec.Name,
                        limit.ToString(CultureInfo.InvariantCulture),
                        what));
                }
            }
        }
    }

    private static void CheckProperty(OperationAnalysisContext context, PlanEventSpec evt, Entry entry, JsonTypeSet types, DestinationSpec destination, List<Entry> entries, List<CallSiteDestination> destinations)
    {
        var location = entry.Syntax.GetLocation();
        string where = "'" + destination.PropertiesMember + "' object";
        var declared = destination.Declared.FirstOrDefault(d => d.Name == entry.Key);
        if (declared is not null)
        {
            if (declared.CodeList is { } list
                && OperationValues.TryGetConstantString(entry.Value, out string? code)
                && code is not null
                && !CodeLists.Contains(list, code))
            {
                context.ReportDiagnostic(CallSiteDiagnostic.Create(
                    DiagnosticDescriptors.NotInCodeList,
                    location,
                    entry.Key,
                    evt.Name,
                    code,
                    DestinationChecks.CodeListName(list),
                    destination.Name,
                    where));
            }

            if (types != JsonTypeSet.None && !SchemaGraph.IsSubset(types, declared.Types))
            {
                var (additional, properties) = Retyped(entry, declared.Types);
                context.ReportDiagnostic(CallSiteDiagnostic.Create(
                    DiagnosticDescriptors.PropertyTypeConflict,
                    location,
                    additional,
                    properties,
                    entry.Key,
                    evt.Name,
                    SchemaGraph.Describe(types),
                    destination.Name,
                    where,
                    SchemaGraph.Describe(declared.Types),
                    declared.Reserved is null ? string.Empty : " (reserved: " + declared.Reserved + ")"));
            }

            return;
        }

        if (destination.AdditionalForbidden)
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(DiagnosticDescriptors.PropertyNameNotAllowed, location, DestinationChecks.Subject(entry.Key), evt.Name, destination.Name, "its " + where + " accepts only the properties it declares"));
            return;
        }

        if (DestinationChecks.NameProblem(entry.Key, destination) is { } problem)
        {
            var (additional, properties) = Renamed(entry, entries, destinations);
            context.ReportDiagnostic(CallSiteDiagnostic.Create(DiagnosticDescriptors.PropertyNameNotAllowed, location, additional, properties, DestinationChecks.Subject(entry.Key), evt.Name, destination.Name, problem));
        }

        if (types != JsonTypeSet.None && !SchemaGraph.IsSubset(types, destination.AdditionalTypes))
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(
                DiagnosticDescriptors.PropertyValueNotAllowed,
                location,
                DestinationChecks.Subject(entry.Key),
                evt.Name,
                SchemaGraph.Describe(types),
                destination.Name,
                SchemaGraph.Describe(destination.AdditionalTypes),
                where));
        }

        if (destination.EnvelopeFields.Contains(entry.Key))
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(DiagnosticDescriptors.EnvelopeCollision, location, entry.Key, evt.Name, destination.Name, destination.PropertiesMember));
        }
    }

    /// <summary>
    /// The name of the diagnostic property that holds what a code fix writes at the diagnostic's additional location: the
    /// C# literal of a value (EC3001) or the new name of a key (EC3002).
    /// </summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>
    /// For a key written as a string literal (or an anonymous object's member name) that a destination's rules for names
    /// refuse: the key's location and a name every destination of the event accepts (for a member name, a C# identifier),
    /// made by <see cref="SanitizedName"/> and new among the call's keys (see <see cref="NewName"/>).
    /// </summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) Renamed(Entry entry, List<Entry> entries, List<CallSiteDestination> destinations)
    {
        var none = (default(IEnumerable<Location>), ImmutableDictionary<string, string?>.Empty);
        if (entry.KeySyntax is not { } key || NewName(entry, entries, destinations) is not { } name)
        {
            return none;
        }

        bool identifier = key.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierName;
        if ((identifier && (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name) || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
            || destinations.Any(d => d.Spec.AdditionalForbidden || DestinationChecks.NameProblem(name, d.Spec) is not null))
        {
            return none;
        }

        return (new[] { key.GetLocation() }, ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, name));
    }

    /// <summary>
    /// The name a refused key is renamed to. The call's keys are renamed in order, each to its sanitized name, or with
    /// <c>_2</c>, <c>_3</c>, ... when that is a key of the call or an earlier key's new name: the fixes of one call (Fix
    /// All) then never give two keys one name (<c>"discount %"</c> and <c>"discount $"</c> become <c>discount</c> and
    /// <c>discount_2</c>), and a single fix gives the name Fix All would.
    /// </summary>
    private static string? NewName(Entry target, List<Entry> entries, List<CallSiteDestination> destinations)
    {
        int maxLength = destinations.Min(d => d.Spec.NameMaxLength) ?? int.MaxValue;
        var taken = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.KeySyntax is null
                || !destinations.Any(d => DestinationChecks.NameProblem(entry.Key, d.Spec) is not null)
                || SanitizedName(entry.Key, maxLength) is not { } name)
            {
                continue;
            }

            string candidate = name;
            for (int n = 2; taken.Contains(candidate); n++)
            {
                candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            if (entry.Syntax == target.Syntax)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// A property name in the shape destinations ask for (PushEngage: a letter or digit, then letters, digits, <c>_</c> and
    /// <c>-</c>): accents of Latin letters dropped (<c>Ürün</c> is <c>Urun</c>), each run of other characters one <c>_</c>, no leading
    /// <c>_</c> or <c>-</c>, no trailing <c>_</c> the rewriting added, at most <paramref name="maxLength"/> characters.
    /// Null when nothing is left or nothing changed.
    /// </summary>
    internal static string? SanitizedName(string key, int maxLength)
    {
        // A fixed table, not Unicode normalization: that needs ICU, which a compiler host may run without.
        var plain = new System.Text.StringBuilder(key.Length);
        foreach (char c in key)
        {
            int accented = AccentedLetters.IndexOf(c);
            if (accented >= 0)
            {
                plain.Append(PlainLetters[accented]);
            }
            else if (c == 'ß')
            {
                plain.Append("ss");
            }
            else
            {
                plain.Append(c);
            }
        }

        string name = s_notNameCharacters.Replace(plain.ToString(), "_").TrimStart('_', '-');
        if (!key.EndsWith("_", StringComparison.Ordinal))
        {
            name = name.TrimEnd('_');
        }

        if (name.Length > maxLength)
        {
            name = name.Substring(0, maxLength);
        }

        return name.Length == 0 || name == key ? null : name;
    }

    // Latin-1 and the Latin Extended-A letters of European languages, and the ASCII letter each is written with.
    private const string AccentedLetters = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿĀāĂăĄąĆćČčĎďĒēĘęĚěĞğİıŁłŃńŇňŐőŘřŚśŞşŠšŢţŤťŪūŮůŰűŹźŻżŽž";
    private const string PlainLetters = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyyAaAaAaCcCcDdEeEeEeGgIiLlNnNnOoRrSsSsSsTtTtUuUuUuZzZzZz";

    private static readonly System.Text.RegularExpressions.Regex s_notNameCharacters = new("[^A-Za-z0-9_-]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// For a string literal that spells a value of the type the destination defines (<c>"19.99"</c> for a number,
    /// <c>"true"</c> for a boolean), where the literal's type may change (an anonymous object's member, or a value
    /// converted to <c>object</c>): the literal's location and the C# literal to write instead.
    /// </summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) Retyped(Entry entry, JsonTypeSet declared)
    {
        var none = (default(IEnumerable<Location>), ImmutableDictionary<string, string?>.Empty);
        var value = entry.Value;
        if (value is IConversionOperation { IsImplicit: true, Type.SpecialType: SpecialType.System_Object } conversion)
        {
            value = conversion.Operand;
        }
        else if (!entry.InAnonymousObject)
        {
            return none;
        }

        if (value is not ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } literal
            || CSharpLiteral(text, declared) is not { } replacement)
        {
            return none;
        }

        return (new[] { literal.Syntax.GetLocation() }, ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement));
    }

    // A JSON number without an exponent and with at most 28 digits: one a decimal holds exactly.
    private static readonly System.Text.RegularExpressions.Regex s_jsonNumber = new(
        @"^-?(?=(?:\.?[0-9]){1,28}\z)(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The C# literal of the JSON number or boolean <paramref name="text"/> spells exactly, when <paramref name="declared"/>
    /// allows it: an <c>int</c>, <c>long</c> or <c>decimal</c> (money keeps its digits), <c>true</c> or <c>false</c>. A number
    /// with an exponent or more digits than a decimal holds gets none.
    /// </summary>
    internal static string? CSharpLiteral(string text, JsonTypeSet declared)
    {
        if ((declared & JsonTypeSet.Boolean) != 0 && (text == "true" || text == "false"))
        {
            return text;
        }

        bool number = (declared & JsonTypeSet.Number) != 0;
        if ((!number && (declared & JsonTypeSet.Integer) == 0)
            || !s_jsonNumber.IsMatch(text)
            || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed))
        {
            return null;
        }

        if (parsed == decimal.Truncate(parsed))
        {
            parsed = decimal.Truncate(parsed);
            return parsed >= int.MinValue && parsed <= int.MaxValue ? parsed.ToString(CultureInfo.InvariantCulture)
                : parsed >= long.MinValue && parsed <= long.MaxValue ? parsed.ToString(CultureInfo.InvariantCulture) + "L"
                : parsed.ToString(CultureInfo.InvariantCulture) + "m";
        }

        return number ? parsed.ToString(CultureInfo.InvariantCulture) + "m" : null;
    }

    /// <summary>
    /// The keys and values of a dictionary initializer or an anonymous object, each key once: the last <c>[key] = value</c>
    /// of a repeated key (the value that is sent; CA2244 flags the repeat), the first <c>{ key, value }</c> (a repeated
    /// <c>Add</c> throws at run time, so nothing is sent: no destination rule applies, and counting the key twice would
    /// report a payload that never exists).
    /// </summary>
    private static bool TryGetEntries(IOperation value, out List<Entry> entries, out bool allKeysConstant)
    {
        entries = new List<Entry>();
        allKeysConstant = true;
        switch (OperationValues.Unwrap(value))
        {
            case IAnonymousObjectCreationOperation anonymous:
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        var memberName = (assignment.Syntax as Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousObjectMemberDeclaratorSyntax)?.NameEquals?.Name;
                        entries.Add(new Entry(property.Property.Name, assignment.Value, assignment.Syntax, memberName, inAnonymousObject: true));
                    }
                }

                return true;

            case IObjectCreationOperation creation:
                // Constructor arguments that are collections (a copied dictionary; a comparer or capacity is fine) may add entries we cannot see.
                allKeysConstant = creation.Arguments.All(a => a.Value.Type is null || !Implements(a.Value.Type, "IEnumerable"));
                if (creation.Initializer is null)
                {
                    return false;
                }

                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    IOperation? key = null;
                    IOperation? item = null;
                    bool overwrites = false;
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set)
                    {
                        key = indexer.Arguments[0].Value;
                        item = set.Value;
                        overwrites = true;
                    }
                    else if (initializer is IInvocationOperation { Arguments.Length: 2 } add)
                    {
                        key = add.Arguments[0].Value;
                        item = add.Arguments[1].Value;
                    }

                    if (key is not null && item is not null && OperationValues.TryGetConstantString(key, out string? text) && text is not null)
                    {
                        var keySyntax = OperationValues.Unwrap(key) is ILiteralOperation literal ? literal.Syntax : null;
                        if (!positions.TryGetValue(text, out int position))
                        {
                            positions.Add(text, entries.Count);
                            entries.Add(new Entry(text, item, initializer.Syntax, keySyntax));
                        }
                        else if (overwrites)
                        {
                            entries[position] = new Entry(text, item, initializer.Syntax, keySyntax);
                        }
                    }
                    else
                    {
                        allKeysConstant = false;
                    }
                }

                return true;

            default:
                return false;
        }
    }

    private static bool Implements(ITypeSymbol type, string interfaceName)
        => type.AllInterfaces.Any(i => i.Name == interfaceName);

    /// <summary>The JSON types a C# value is written as; <see cref="JsonTypeSet.None"/> when the static type does not tell.</summary>
    private static JsonTypeSet TypeOf(IOperation value)
    {
        var inner = OperationValues.Unwrap(value);
        if (inner.ConstantValue is { HasValue: true, Value: null })
        {
            return JsonTypeSet.Null;
        }

        if (inner is IAnonymousObjectCreationOperation)
        {
            return JsonTypeSet.Object;
        }

        return TypeOf(inner.Type);
    }

    private static JsonTypeSet TypeOf(ITypeSymbol? type)
    {
        if (type is null)
        {
            return JsonTypeSet.None;
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments.Length: 1 } nullable)
        {
            var underlying = TypeOf(nullable.TypeArguments[0]);
            return underlying == JsonTypeSet.None ? JsonTypeSet.None : underlying | JsonTypeSet.Null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
            case SpecialType.System_DateTime:
                return JsonTypeSet.String;
            case SpecialType.System_Boolean:
                return JsonTypeSet.Boolean;
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return JsonTypeSet.Integer;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return JsonTypeSet.Number;
            case SpecialType.System_Object:
                return JsonTypeSet.None;
        }

        if (type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Dynamic || type.TypeKind == TypeKind.TypeParameter)
        {
            return JsonTypeSet.None;
        }

        if (type.IsAnonymousType)
        {
            return JsonTypeSet.Object;
        }

        if (IsBytes(type))
        {
            return JsonTypeSet.String;
        }

        if (type is IArrayTypeSymbol)
        {
            return JsonTypeSet.Array;
        }

        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (name is "global::System.DateTimeOffset" or "global::System.Guid" or "global::System.DateOnly" or "global::System.TimeOnly" or "global::System.Uri")
        {
            return JsonTypeSet.String;
        }

        if (name.StartsWith("global::System.Text.Json.", StringComparison.Ordinal))
        {
            return JsonTypeSet.None;
        }

        if (IsDictionary(type))
        {
            return JsonTypeSet.Object;
        }

        if (type.SpecialType == SpecialType.None && Implements(type, "IEnumerable"))
        {
            return JsonTypeSet.Array;
        }

        // A class, record, struct or interface of the application's is written as an object of its properties, unless
        // a converter of its own may write anything; the framework's other types (TimeSpan, Version, ...) are left.
        return type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
            && type.SpecialType == SpecialType.None
            && !name.StartsWith("global::System.", StringComparison.Ordinal)
            && !name.StartsWith("global::Microsoft.", StringComparison.Ordinal)
            && !type.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonConverterAttribute")
                ? JsonTypeSet.Object
                : JsonTypeSet.None;
    }

    /// <summary>
    /// <c>byte[]</c>, <c>Memory&lt;byte&gt;</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>: System.Text.Json writes them as one base64
    /// string, not as an array of numbers (other arrays and <c>ArraySegment&lt;byte&gt;</c> are arrays).
    /// </summary>
    private static bool IsBytes(ITypeSymbol type)
        => type switch
        {
            IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => true,
            INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", TypeArguments.Length: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
                => named.TypeArguments[0].SpecialType == SpecialType.System_Byte,
            _ => false,
        };

    private static bool IsDictionary(ITypeSymbol type)
    {
        static bool Named(INamedTypeSymbol t) => t.IsGenericType && t.Name is "IDictionary" or "IReadOnlyDictionary" && t.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
        return (type is INamedTypeSymbol named && Named(named)) || type.AllInterfaces.Any(Named);
    }

    /// <summary>The compact UTF-8 JSON size of the properties when every value is a constant, else null.</summary>
    private static long? ConstantSize(List<Entry> entries)
    {
        long size = 2 + Math.Max(0, entries.Count - 1);
        foreach (var entry in entries)
        {
            if (ConstantJsonLength(entry.Value) is not long value)
            {
                return null;
            }

            size += JsonStringLength(entry.Key) + 1 + value;
        }

        return size;
    }

    private static long? ConstantJsonLength(IOperation operation)
    {
        var inner = OperationValues.Unwrap(operation);
        var constant = inner.ConstantValue;
        if (!constant.HasValue)
        {
            return null;
        }

        return constant.Value switch
        {
            null => 4,
            string s => JsonStringLength(s),
            char c => JsonStringLength(c.ToString()),
            bool b => b ? 4 : 5,
            double d => d.ToString("R", CultureInfo.InvariantCulture).Length,
            float f => f.ToString("R", CultureInfo.InvariantCulture).Length,
            decimal m => m.ToString(CultureInfo.InvariantCulture).Length,
            IFormattable n => n.ToString(null, CultureInfo.InvariantCulture).Length,
            _ => null,
        };
    }

    /// <summary>
    /// Bytes of a JSON string as System.Text.Json's default encoder writes it: the quotes; <c>\\ \n \r \t \b \f</c> as two
    /// bytes; the other control characters, DEL and the HTML-sensitive <c>" &amp; ' + &lt; &gt; `</c> as <c>\uXXXX</c>; the rest of
    /// ASCII as itself; and every other UTF-16 unit (each half of a surrogate pair, a lone surrogate written as <c>\uFFFD</c>) as <c>\uXXXX</c>.
    /// </summary>
    internal static long JsonStringLength(string value)
    {
        long length = 2;
        foreach (char c in value)
        {
            length += c switch
            {
                '\\' or '\n' or '\r' or '\t' or '\b' or '\f' => 2,
                < ' ' => 6,
                '"' or '<' or '>' or '&' or '\'' or '+' or '`' or '\u007F' => 6,
                < (char)0x80 => 1,
                _ => 6,
            };
        }

        return length;
    }

    private readonly struct Entry
    {
        public Entry(string key, IOperation value, SyntaxNode syntax, SyntaxNode? keySyntax, bool inAnonymousObject = false)
        {
            Key = key;
            Value = value;
            Syntax = syntax;
            KeySyntax = keySyntax;
            InAnonymousObject = inAnonymousObject;
        }

        /// <summary>The key as written, when a fix can rewrite it: a string literal, or an anonymous object's member name.</summary>
        public SyntaxNode? KeySyntax { get; }

        /// <summary>The value is an anonymous object's member: its type is the value's own, so it may change.</summary>
        public bool InAnonymousObject { get; }

        public string Key { get; }

        public IOperation Value { get; }

        public SyntaxNode Syntax { get; }
    }
}
