using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Checks the properties written at a tracking call (a <c>[EventProperties]</c> argument that is a
/// dictionary initializer or an anonymous object) against the plan event of the call's constant event
/// name (each event a <c>?:</c>, switch expression or <c>??</c> of constant names can give): its own schema (EC3007: names, types, enum values and bounds; EC3008: required names), and every
/// destination the plan gives it: the destination's own and reserved properties (EC3001), its rules for
/// property names (EC3002) and values (EC3003), and, when every key and value is a constant, its size
/// limit (EC4004). Each property problem is reported on the property in the initializer, or, for properties
/// written before the call (a local filled by the statements before it), on the call's argument.
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
        DiagnosticDescriptors.CallSiteNotInCodeList,
        DiagnosticDescriptors.RecordNotInCodeList,
        DiagnosticDescriptors.EnvelopeCollision,
        DiagnosticDescriptors.PlanPropertyMismatch,
        DiagnosticDescriptors.PlanRecordPropertyMismatch,
        DiagnosticDescriptors.ContractRecordPropertyMismatch,
        DiagnosticDescriptors.MissingRequiredProperty);

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
            if (model.Events.Count > 0)
            {
                start.RegisterOperationAction(context => Analyze(context, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
            }

            var records = new Dictionary<INamedTypeSymbol, GeneratedRecord>(SymbolEqualityComparer.Default);
            foreach (var record in model.Records)
            {
                // The generator writes them into this assembly: asked there first, as DeliveryAnalyzer asks for its
                // records, a same-named type in a reference cannot make the lookup ambiguous. A referenced project's plan
                // (ReferencedTrackingPlan) has its records in that project's assembly, in its own namespace.
                if ((start.Compilation.Assembly.GetTypeByMetadataName(record.Key) ?? start.Compilation.GetTypeByMetadataName(record.Key)) is { } type)
                {
                    records[type] = record.Value;
                }
            }

            if (records.Count > 0)
            {
                start.RegisterOperationAction(context => AnalyzeRecord(context, model, records), OperationKind.ObjectCreation, OperationKind.With);
            }
        });
    }

    /// <summary>
    /// EC3007 on a record the generator writes for the tracking plan (a plan event's, or a nested object's in one), EC3009
    /// on one it writes for a vendor contract (its request's, or an object's in it): a constant its object initializer (or
    /// a <c>with</c> expression) gives a property that a schema of the property refuses (its declaration and those of the
    /// record's <c>$ref</c> and <c>allOf</c> parts: length, pattern, format, bounds, multipleOf; the C# type already keeps
    /// the JSON type and an enum's values). A null is not judged: the record leaves out an optional property's null.
    /// EC3005 on either for a string constant outside the code list the property's schema names
    /// (<c>x-ec-code-list</c>), which validation does not check.
    /// </summary>
    private static void AnalyzeRecord(OperationAnalysisContext context, TrackingModel model, Dictionary<INamedTypeSymbol, GeneratedRecord> records)
    {
        var (type, initializer) = context.Operation switch
        {
            IObjectCreationOperation creation => (creation.Type, creation.Initializer),
            IWithOperation with => (with.Type, with.Initializer),
            _ => (null, null),
        };
        if (type is not INamedTypeSymbol named || initializer is null || !records.TryGetValue(named, out var record))
        {
            return;
        }

        var rules = model.RulesOf(record);
        var check = new PlanCheck(context, model, CheckTarget.For(record), ImmutableArray<string>.Empty);
        foreach (var element in initializer.Initializers)
        {
            if (element is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                || !record.Members.TryGetValue(property.Name, out var member))
            {
                continue;
            }

            var entry = new PropertyEntry(member.JsonName, assignment.Value, assignment.Syntax, null);
            string? codeList = model.CodeListOf(record, member.SchemaId);
            bool refused = false;
            foreach (var branch in OperationValues.Branches(assignment.Value))
            {
                if (ConstantOf(branch) is not { Value: not null } constant)
                {
                    continue;
                }

                if (rules.ValueProblem(member.JsonName, constant.Types, constant, out string? suggestion) is { } problem)
                {
                    refused = true;
                    var (additional, fix) = suggestion is null ? (null, ImmutableDictionary<string, string?>.Empty) : Rewritten(branch, suggestion);
                    check.Report(entry, additional, fix, DestinationChecks.Subject(member.JsonName), problem);
                }
                else if (codeList is not null && constant.Value is string code && !CodeLists.Contains(codeList, code))
                {
                    // A value the schema refuses is reported for that alone; the code list is a check of the values it accepts.
                    Report(context, DiagnosticDescriptors.RecordNotInCodeList, entry,
                        member.JsonName,
                        record.Name,
                        code,
                        DestinationChecks.CodeListName(codeList),
                        record.Contract ?? "the tracking plan");
                }
            }

            // A dictionary or an array written in place: its names, values and counts, as at a call.
            if (!refused)
            {
                check.CheckNested(rules, entry, assignment.Value, rules.ValueSchemas(member.JsonName), member.JsonName, 1);
            }
        }
    }

    private static void Analyze(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var call = context.Operation;
        if (!symbols.TryGetArguments(call, out var arguments)
            || arguments.Properties is not { ArgumentKind: not ArgumentKind.DefaultValue } propertiesArgument
            || arguments.EventName is not { } nameArgument
            || CallSiteProperties.Read(propertiesArgument.Value, null, context.CancellationToken) is not { } written)
        {
            return;
        }

        // flag ? "Order Completed" : "Order Cancelled" sends the same properties as either event: each is checked.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in OperationValues.Branches(nameArgument.Value))
        {
            if (OperationValues.TryGetConstantString(branch, out string? name)
                && name is not null
                && seen.Add(name)
                && model.Events.TryGetValue(name, out var evt))
            {
                AnalyzeEvent(context, model, evt, propertiesArgument, written.Entries, written.Complete, symbols);
            }
        }
    }

    private static void AnalyzeEvent(OperationAnalysisContext context, TrackingModel model, PlanEventSpec evt, IArgumentOperation argument, List<PropertyEntry> entries, bool allKeysConstant, TrackingSymbols symbols)
    {
        var properties = argument.Value;
        bool omitsNulls = argument.Parameter is { } marked && symbols.OmitsNulls(marked);
        if (omitsNulls)
        {
            // [EventProperties(OmitsNulls = true)]: a property that is certainly null is never sent, and one that may be
            // null is sent only with its other values.
            entries = entries.Where(e => CallSiteProperties.TypeOf(e.Value) != JsonTypeSet.Null).ToList();
        }

        var destinations = model.DestinationsOf(evt).ToList();
        var retyped = new HashSet<SyntaxNode>();
        foreach (var entry in entries)
        {
            var types = CallSiteProperties.TypeOf(entry.Value);
            if (omitsNulls)
            {
                types &= ~JsonTypeSet.Null;
            }

            foreach (var destination in destinations)
            {
                if (CheckProperty(context, evt, entry, types, destination.Spec, entries, destinations))
                {
                    retyped.Add(entry.Syntax);
                }
            }
        }

        // Names the tracking method adds itself ([EventProperties(Adds = ...)]) are written, just not at the call.
        var added = argument.Parameter is { } parameter ? symbols.AddedProperties(parameter) : ImmutableArray<string>.Empty;
        new PlanCheck(context, model, CheckTarget.For(model, evt), added, omitsNulls).CheckObject(model.RulesOf(evt), entries, allKeysConstant, properties.Syntax, retyped, string.Empty, 0);
        if (allKeysConstant && !entries.Any(e => e.Conditional) && ConstantSize(entries) is long size)
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
                        properties.Syntax.GetLocation(),
                        evt.Name,
                        size.ToString(CultureInfo.InvariantCulture),
                        spec.Name,
                        limit.ToString(CultureInfo.InvariantCulture),
                        what));
                }
            }
        }
    }

    /// <summary>
    /// Reports a problem of one entry: on the entry, or, for an entry written before the call (in a local's initializer or
    /// a statement that fills it), on the call's argument, so that the diagnostic and its fix belong to the call that
    /// sends it; the entry itself is then the additional location when a fix does not name one.
    /// </summary>
    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, PropertyEntry entry, params object?[] arguments)
        => Report(context, descriptor, entry, null, ImmutableDictionary<string, string?>.Empty, arguments);

    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, PropertyEntry entry, IEnumerable<Location>? additional, ImmutableDictionary<string, string?> properties, params object?[] arguments)
    {
        if (entry.ReportAt == entry.Syntax)
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(descriptor, entry.Syntax.GetLocation(), additional, properties, arguments));
            return;
        }

        context.ReportDiagnostic(CallSiteDiagnostic.Create(descriptor, entry.ReportAt.GetLocation(), additional ?? new[] { entry.Syntax.GetLocation() }, properties, arguments));
    }

    /// <summary>Reports what <paramref name="destination"/> refuses of one entry; true when that is the value's type (EC3001).</summary>
    private static bool CheckProperty(OperationAnalysisContext context, PlanEventSpec evt, PropertyEntry entry, JsonTypeSet types, DestinationSpec destination, List<PropertyEntry> entries, List<CallSiteDestination> destinations)
    {
        string where = "'" + destination.PropertiesMember + "' object";
        var declared = destination.Declared.FirstOrDefault(d => d.Name == entry.Key);
        if (declared is not null)
        {
            if (declared.CodeList is { } list
                && OperationValues.TryGetConstantString(entry.Value, out string? code)
                && code is not null
                && !CodeLists.Contains(list, code))
            {
                Report(context, DiagnosticDescriptors.CallSiteNotInCodeList, entry,
                    entry.Key,
                    evt.Name,
                    code,
                    DestinationChecks.CodeListName(list),
                    destination.Name,
                    where);
            }

            if (types != JsonTypeSet.None && !SchemaGraph.IsSubset(types, declared.Types))
            {
                var (additional, properties) = Retyped(entry, declared.Types);
                Report(context, DiagnosticDescriptors.PropertyTypeConflict, entry,
                    additional,
                    properties,
                    entry.Key,
                    evt.Name,
                    SchemaGraph.Describe(types),
                    destination.Name,
                    where,
                    SchemaGraph.Describe(declared.Types),
                    declared.Reserved is null ? string.Empty : " (reserved: " + declared.Reserved + ")");
                return true;
            }

            return false;
        }

        if (destination.AdditionalForbidden)
        {
            Report(context, DiagnosticDescriptors.PropertyNameNotAllowed, entry, DestinationChecks.Subject(entry.Key), evt.Name, destination.Name, "its " + where + " accepts only the properties it declares");
            return false;
        }

        if (DestinationChecks.NameProblem(entry.Key, destination) is { } problem)
        {
            var (additional, properties) = Renamed(entry, entries, destinations);
            Report(context, DiagnosticDescriptors.PropertyNameNotAllowed, entry, additional, properties, DestinationChecks.Subject(entry.Key), evt.Name, destination.Name, problem);
        }

        if (types != JsonTypeSet.None && !SchemaGraph.IsSubset(types, destination.AdditionalTypes))
        {
            Report(context, DiagnosticDescriptors.PropertyValueNotAllowed, entry,
                DestinationChecks.Subject(entry.Key),
                evt.Name,
                SchemaGraph.Describe(types),
                destination.Name,
                SchemaGraph.Describe(destination.AdditionalTypes),
                where);
        }
        else if (destination.ValueMaxLength is int max
            && OperationValues.TryGetConstantString(entry.Value, out string? text)
            && text is not null
            && DestinationChecks.CodePointLength(text) > max)
        {
            // PushEngage's 255 characters: the plan may allow more, the destination does not.
            Report(context, DiagnosticDescriptors.PropertyValueNotAllowed, entry,
                DestinationChecks.Subject(entry.Key),
                evt.Name,
                "a string of " + DestinationChecks.CodePointLength(text).ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters",
                destination.Name,
                "strings of at most " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters",
                where);
        }

        if (destination.EnvelopeFields.Contains(entry.Key))
        {
            Report(context, DiagnosticDescriptors.EnvelopeCollision, entry, entry.Key, evt.Name, destination.Name, destination.PropertiesMember);
        }

        return false;
    }

    /// <summary>
    /// The name of the diagnostic property that holds the C# literal a code fix writes over the value at the diagnostic's
    /// additional location (EC3001: a string that spells a number; EC3007: the plan's value a string looks like a typo of).
    /// </summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>
    /// The name of the diagnostic property that holds the name a code fix gives the key at the diagnostic's additional
    /// location (EC3002: a name every destination accepts; EC3007: the declared name a refused key looks like a typo of).
    /// </summary>
    public const string NewNameProperty = "NewName";

    /// <summary>
    /// For a key written as a string literal (or an anonymous object's member name) that a destination's rules for names
    /// refuse: the key's location and a name every destination of the event accepts (for a member name, a C# identifier),
    /// made by <see cref="SanitizedName"/> and new among the call's keys (see <see cref="NewName"/>).
    /// </summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) Renamed(PropertyEntry entry, List<PropertyEntry> entries, List<CallSiteDestination> destinations)
        => NewName(entry, entries, destinations) is { } name
            && !destinations.Any(d => d.Spec.AdditionalForbidden || DestinationChecks.NameProblem(name, d.Spec) is not null)
                ? RenameTo(entry, name)
                : (null, ImmutableDictionary<string, string?>.Empty);

    /// <summary>The key's location and <paramref name="name"/>, when the key is written where a fix can rewrite it as that name.</summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) RenameTo(PropertyEntry entry, string name)
    {
        if (entry.KeySyntax is not { } key
            || (key.RawKind == (int)SyntaxKind.IdentifierName
                && (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)))
        {
            return (null, ImmutableDictionary<string, string?>.Empty);
        }

        return (new[] { key.GetLocation() }, ImmutableDictionary<string, string?>.Empty.Add(NewNameProperty, name));
    }

    /// <summary>
    /// What a <see cref="PlanCheck"/> checks against and names in its diagnostics: a plan event at a call (EC3007 and
    /// EC3008 name the event), or a generated record (EC3007 naming its event or itself; EC3009 naming it and its
    /// contract). A record has no EC3008: its C# <c>required</c> members and <c>Validate()</c> say what is missing.
    /// </summary>
    private sealed class CheckTarget
    {
        private readonly object[] _owner;

        private CheckTarget(int graph, string? eventName, DiagnosticDescriptor mismatch, params object[] owner)
        {
            Graph = graph;
            EventName = eventName;
            Mismatch = mismatch;
            _owner = owner;
        }

        /// <summary>The schema graph (<see cref="TrackingModel.RulesOf(int, int)"/>) of the schemas checked against.</summary>
        public int Graph { get; }

        /// <summary>The event a call sends, whose required names EC3008 reports; null for a record.</summary>
        public string? EventName { get; }

        /// <summary>The descriptor of a value or name the schema refuses.</summary>
        public DiagnosticDescriptor Mismatch { get; }

        public static CheckTarget For(TrackingModel model, PlanEventSpec evt)
            => new(model.GraphOf(evt), evt.Name, DiagnosticDescriptors.PlanPropertyMismatch, evt.Name);

        public static CheckTarget For(GeneratedRecord record)
            => record.Contract is { } contract ? new(record.Graph, null, DiagnosticDescriptors.ContractRecordPropertyMismatch, record.Name, contract)
                : record.Event is { } evt ? new(record.Graph, null, DiagnosticDescriptors.PlanPropertyMismatch, evt.Name)
                : new(record.Graph, null, DiagnosticDescriptors.PlanRecordPropertyMismatch, record.Name);

        /// <summary><see cref="Mismatch"/>'s message arguments: the subject, what owns it, the problem.</summary>
        public object[] Arguments(string subject, string problem) => new object[] { subject }.Concat(_owner).Append(problem).ToArray();
    }

    /// <summary>
    /// The checks of one call's properties against one plan event's own schema (EC3007, EC3008), or of the values an
    /// initializer gives a generated record (EC3007, EC3009): the entries, and the objects and arrays written as their
    /// values, each problem reported once.
    /// </summary>
    private sealed class PlanCheck
    {
        // Objects and arrays nested in a call's properties are checked this deep.
        private const int MaxNesting = 6;

        private readonly OperationAnalysisContext _context;
        private readonly TrackingModel _model;
        private readonly CheckTarget _target;

        // A value several schemas apply to (a property declared in properties and in an allOf part) is checked against
        // each; the same problem found twice is reported once.
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

        // The top-level names the tracking method adds itself: not missing from a call that does not write them.
        private readonly ImmutableArray<string> _added;

        // [EventProperties(OmitsNulls = true)]: a top-level value is checked without its null, which is never sent.
        private readonly bool _topLevelNullsOmitted;

        public PlanCheck(OperationAnalysisContext context, TrackingModel model, CheckTarget target, ImmutableArray<string> added, bool topLevelNullsOmitted = false)
        {
            _context = context;
            _model = model;
            _target = target;
            _added = added;
            _topLevelNullsOmitted = topLevelNullsOmitted;
        }

        /// <summary>
        /// Checks an object's entries against <paramref name="rules"/>: names it refuses, and values whose type,
        /// <c>enum</c>/<c>const</c> or bounds it refuses (not a value whose type a destination already refused, EC3001, in
        /// <paramref name="retyped"/>); then the values that are objects or arrays. When the keys are all known
        /// (<paramref name="complete"/>), the names it requires that are not written (EC3008, at <paramref name="requiredAt"/>).
        /// <paramref name="path"/> names the object in messages (<c>products[0].</c>).
        /// </summary>
        public void CheckObject(PlanEventRules rules, List<PropertyEntry> entries, bool complete, SyntaxNode requiredAt, HashSet<SyntaxNode> retyped, string path, int depth)
        {
            foreach (var entry in entries)
            {
                string subject = DestinationChecks.Subject(path + entry.Key);
                if (rules.NameProblem(entry.Key, out string? name) is { } nameProblem)
                {
                    // No fix to a name the call already writes: it would write one key twice.
                    var (additional, fix) = name is null || WrittenBeside(entries, name, entry.Key) ? (null, ImmutableDictionary<string, string?>.Empty) : RenameTo(entry, name);
                    Report(entry, additional, fix, subject, nameProblem);
                    continue;
                }

                if (retyped.Contains(entry.Syntax))
                {
                    continue;
                }

                // Each value a ?:, switch expression or ?? can give is checked.
                bool refused = false;
                bool nullOmitted = _topLevelNullsOmitted && depth == 0;
                foreach (var branch in OperationValues.Branches(entry.Value))
                {
                    if (Problem(branch, (JsonTypeSet types, PlanEventRules.Constant? constant, out string? near) => rules.ValueProblem(entry.Key, types, constant, out near), out string? value, nullOmitted) is { } valueProblem)
                    {
                        refused = true;
                        var (additional, fix) = value is null ? (null, ImmutableDictionary<string, string?>.Empty) : Rewritten(branch, value);
                        Report(entry, additional, fix, subject, valueProblem);
                    }
                }

                if (!refused)
                {
                    CheckNested(rules, entry, entry.Value, rules.ValueSchemas(entry.Key), path + entry.Key, depth + 1);
                }
            }

            if (complete)
            {
                CheckWhole(rules, entries, requiredAt, path, depth);
            }
        }

        /// <summary>
        /// Checks an object whose keys are all known: at a call, the names it requires (<c>required</c>,
        /// <c>dependentRequired</c> for the names written, and one branch's of an <c>anyOf</c>/<c>oneOf</c>) that it lacks
        /// (EC3008); and the number of its names (EC3007, EC3009). The top level may have more names than the call writes,
        /// those the tracking method adds.
        /// </summary>
        private void CheckWhole(PlanEventRules rules, List<PropertyEntry> entries, SyntaxNode at, string path, int depth)
        {
            // A name whose value may be null is written, or left out by a serializer that skips nulls (WhenWritingNull): it
            // counts as written where a problem needs it absent (a required name), and as absent where a problem needs it
            // present (a dependentRequired trigger, the count against maxProperties). Nullability is asked only then: it
            // costs a semantic model query.
            // A name an if's branch writes may be written: it is not missing, but it is not present for sure either.
            var written = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);
            var surely = new HashSet<string>(entries.Where(e => !e.Conditional).Select(e => e.Key), StringComparer.Ordinal);
            bool Present(string name) => surely.Contains(name) && entries.All(e => e.Key != name || NeverNull(e.Value));
            bool Lacks(string name) => !written.Contains(name) && (depth > 0 || !_added.Contains(name));
            if (_target.EventName is { } eventName)
            {
                var missing = rules.Required.Where(Lacks).Select(name => "'" + path + name + "'")
                    .Concat(rules.DependentRequired(written).Where(d => Lacks(d.Name) && Present(d.RequiredBy)).Select(d => "'" + path + d.Name + "' (with '" + path + d.RequiredBy + "')"))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (missing.Count > 0)
                {
                    string names = (missing.Count == 1 ? "property " : "properties ") + string.Join(", ", missing);
                    ReportOnce(CallSiteDiagnostic.Create(DiagnosticDescriptors.MissingRequiredProperty, at.GetLocation(), eventName, names), names);
                }

                // An anyOf/oneOf each of whose branches requires a name the call does not write: "either email or phone".
                foreach (var (keyword, lacking) in rules.UnmetBranches(name => !Lacks(name)))
                {
                    string names = string.Join(" or ", lacking.Select(branch => (branch.Count == 1 ? "property " : "properties ") + string.Join(" and ", branch.Select(name => "'" + path + name + "'"))))
                        + " (its " + keyword + ")";
                    ReportOnce(CallSiteDiagnostic.Create(DiagnosticDescriptors.MissingRequiredProperty, at.GetLocation(), eventName, names), names);
                }
            }

            int? most = depth == 0 && !_added.IsEmpty ? null : written.Count;
            if (rules.CountProblem(surely.Count, most) is not null
                && rules.CountProblem(surely.Count(Present), most) is { } countProblem)
            {
                string subject = path.Length == 0 ? "The properties object" : DestinationChecks.Subject(path.TrimEnd('.'));
                ReportOnce(CallSiteDiagnostic.Create(_target.Mismatch, at.GetLocation(), _target.Arguments(subject, countProblem)), subject + "|" + countProblem);
            }
        }

        /// <summary>Whether every value <paramref name="value"/> can give is non-null: a non-null constant, a value type other than <c>Nullable&lt;T&gt;</c>, or a value <see cref="KnownNonNull"/>.</summary>
        private bool NeverNull(IOperation value)
        {
            foreach (var branch in OperationValues.Branches(value))
            {
                var written = OperationValues.Written(branch);
                bool nonNull = !OperationValues.IsNull(written)
                    && (written.ConstantValue.HasValue
                        || (written.Type is { IsValueType: true } type
                            ? type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                            : KnownNonNull(written)));
                if (!nonNull)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a written value that is not a constant is known to be non-null: a creation, an interpolated string or a
        /// concatenation, or what nullable analysis says (asked last: it costs a semantic model query).
        /// </summary>
        private bool KnownNonNull(IOperation written)
            => written is IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation or IInterpolatedStringOperation or IBinaryOperation
                || written.SemanticModel?.GetTypeInfo(written.Syntax, _context.CancellationToken).Nullability.FlowState == NullableFlowState.NotNull;

        private void ReportOnce(Diagnostic diagnostic, string what)
        {
            if (_reported.Add(diagnostic.Id + "|" + diagnostic.Location.SourceSpan + "|" + what))
            {
                _context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// Checks a value nested in a call's properties against the schemas <paramref name="schemaIds"/> it must be valid
        /// against: an anonymous object or a dictionary as an object, each item of an array as that item's schemas say.
        /// Problems are reported where <paramref name="owner"/>'s are.
        /// </summary>
        public void CheckNested(PlanEventRules rules, PropertyEntry owner, IOperation value, IEnumerable<int> schemaIds, string path, int depth)
        {
            var ids = schemaIds.Distinct().ToList();
            if (ids.Count == 0 || depth > MaxNesting)
            {
                return;
            }

            // System.Text.Json writes a nested value by its declared type: a dictionary declared as an IEnumerable of pairs is
            // an array, a byte[] a base64 string.
            var reportAt = owner.ReportAt == owner.Syntax ? null : owner.ReportAt;
            var written = CallSiteProperties.TypeOf(value);
            if (written is JsonTypeSet.Object or JsonTypeSet.None && CallSiteProperties.Read(value, reportAt, _context.CancellationToken) is { } nested)
            {
                foreach (int id in ids)
                {
                    // An object the schema refuses as a whole (a wrong type) was reported on its property; its members are not.
                    if (rules.SchemaProblem(id, JsonTypeSet.Object, null, out _) is null)
                    {
                        CheckObject(_model.RulesOf(_target.Graph, id), nested.Entries, nested.Complete, reportAt ?? OperationValues.Unwrap(value).Syntax, new HashSet<SyntaxNode>(), path + ".", depth);
                    }
                }

                return;
            }

            if (written != JsonTypeSet.Array)
            {
                return;
            }

            if (CallSiteProperties.Items(value) is not { } items)
            {
                // lines.Select(l => new { ... }): every item is the selector's value, at a position not known.
                if (CallSiteProperties.ProjectedItem(value) is { } projected && ids.All(rules.ItemsAlike))
                {
                    CheckItem(rules, projected, ids.SelectMany(id => rules.ItemSchemas(id, 0)).Distinct().ToList(), path + "[*]", reportAt, depth);
                }

                return;
            }

            // The number of items, and under uniqueItems the constants among them (an item a ?: or switch may give two
            // values for is none).
            var constants = items.Select(item => OperationValues.Branches(item).Take(2).Count() == 1 ? ConstantOf(item) : null).ToList();
            foreach (int id in ids)
            {
                if (rules.ItemsProblem(id, constants) is { } itemsProblem)
                {
                    Report(owner, null, ImmutableDictionary<string, string?>.Empty, DestinationChecks.Subject(path), itemsProblem);
                }
            }

            for (int index = 0; index < items.Count; index++)
            {
                string itemPath = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                CheckItem(rules, items[index], ids.SelectMany(id => rules.ItemSchemas(id, index)).Distinct().ToList(), itemPath, reportAt, depth);
            }
        }

        /// <summary>Checks one item of an array against the schemas it must be valid against, and what it holds.</summary>
        private void CheckItem(PlanEventRules rules, IOperation item, List<int> itemSchemas, string itemPath, SyntaxNode? reportAt, int depth)
        {
            var itemEntry = new PropertyEntry(itemPath, item, item.Syntax, null, reportAt: reportAt);
            bool refused = false;
            foreach (var branch in OperationValues.Branches(item))
            {
                foreach (int id in itemSchemas)
                {
                    if (Problem(branch, (JsonTypeSet types, PlanEventRules.Constant? constant, out string? near) => rules.SchemaProblem(id, types, constant, out near), out string? suggestion) is { } problem)
                    {
                        refused = true;
                        var (additional, fix) = suggestion is null ? (null, ImmutableDictionary<string, string?>.Empty) : Rewritten(branch, suggestion);
                        Report(itemEntry, additional, fix, DestinationChecks.Subject(itemPath), problem);
                    }
                }
            }

            if (!refused)
            {
                CheckNested(rules, itemEntry, item, itemSchemas, itemPath, depth + 1);
            }
        }

        public void Report(PropertyEntry entry, IEnumerable<Location>? additional, ImmutableDictionary<string, string?> fix, string subject, string problem)
        {
            // Once per write: a problem found through two schemas (properties and an allOf part) is one problem.
            if (_reported.Add(_target.Mismatch.Id + "|" + entry.Syntax.Span + "|" + subject + "|" + problem))
            {
                EventPropertiesAnalyzer.Report(_context, _target.Mismatch, entry, additional, fix, _target.Arguments(subject, problem));
            }
        }

        /// <summary>
        /// What <paramref name="check"/> finds wrong with a value, judged by its type and constant. A value that may be null
        /// (a reference that is not a constant, a creation or a string the code builds, and that nullable analysis does not
        /// know to be non-null) is refused for its type only where null is refused too; the nullability is asked only when
        /// the type is a problem, as it costs a semantic model query.
        /// </summary>
        private string? Problem(IOperation value, ValueCheck check, out string? suggestion, bool nullOmitted = false)
        {
            var constant = ConstantOf(value);
            var types = CallSiteProperties.TypeOf(value);
            if (nullOmitted)
            {
                if (types == JsonTypeSet.Null || constant is { Value: null })
                {
                    suggestion = null;
                    return null;
                }

                types &= ~JsonTypeSet.Null;
            }

            string? problem = check(types, constant, out suggestion);
            var written = OperationValues.Written(value);
            if (problem is not null
                && !nullOmitted
                && constant is null
                && types != JsonTypeSet.None
                && (types & JsonTypeSet.Null) == 0
                && written is { Type.IsReferenceType: true }
                && !KnownNonNull(written))
            {
                problem = check(types | JsonTypeSet.Null, null, out suggestion);
            }

            return problem;
        }

        private delegate string? ValueCheck(JsonTypeSet types, PlanEventRules.Constant? constant, out string? suggestion);
    }

    /// <summary>
    /// The constant a call writes as a value, as it is written (see <see cref="OperationValues.Written"/>): a string,
    /// number, boolean or null; not an enum member, whose JSON depends on the serializer.
    /// </summary>
    private static PlanEventRules.Constant? ConstantOf(IOperation value)
    {
        var written = OperationValues.Written(value);
        if (!written.IsImplicit && written.Syntax.ContainsDiagnostics)
        {
            return null;
        }

        if (written.ConstantValue.HasValue)
        {
            return written.Type is { TypeKind: TypeKind.Enum } ? null : new PlanEventRules.Constant(written.ConstantValue.Value);
        }

        if (OperationValues.IsNull(written))
        {
            return new PlanEventRules.Constant(null);
        }

        if (written is IConversionOperation conversion && OperationValues.NullableNumber(conversion) is { } number)
        {
            return new PlanEventRules.Constant(number);
        }

        // string.Empty is a static readonly field, not a constant, but it is always "".
        return written is IFieldReferenceOperation { Field: { Name: "Empty", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } }
            ? new PlanEventRules.Constant(string.Empty)
            : null;
    }

    /// <summary>The string a call writes as a value (a literal, or an interpolated string without holes), and the literal of <paramref name="replacement"/> to write over it.</summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) Rewritten(IOperation value, string replacement)
        => OperationValues.Unwrap(value) switch
        {
            ILiteralOperation { ConstantValue: { HasValue: true, Value: string } } literal => RewrittenAt(literal.Syntax, replacement),
            IInterpolatedStringOperation { ConstantValue: { HasValue: true, Value: string } } interpolated
                when interpolated.Parts.All(p => p is IInterpolatedStringTextOperation) => RewrittenAt(interpolated.Syntax, replacement),
            _ => (null, ImmutableDictionary<string, string?>.Empty),
        };

    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) RewrittenAt(SyntaxNode text, string replacement)
        => (new[] { text.GetLocation() }, ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, SymbolDisplay.FormatLiteral(replacement, quote: true)));

    /// <summary>
    /// The name a refused key is renamed to. The call's keys are renamed in order, each to its sanitized name, or with
    /// <c>_2</c>, <c>_3</c>, ... when that is a key of the call or an earlier key's new name: the fixes of one call (Fix
    /// All) then never give two keys one name (<c>"discount %"</c> and <c>"discount $"</c> become <c>discount</c> and
    /// <c>discount_2</c>), and a single fix gives the name Fix All would.
    /// </summary>
    private static string? NewName(PropertyEntry target, List<PropertyEntry> entries, List<CallSiteDestination> destinations)
    {
        int maxLength = destinations.Min(d => d.Spec.NameMaxLength) ?? int.MaxValue;
        // Every write of a key gets the same new name (the branches of an if may write one key twice), never one another
        // key has or gets, unless each write of that key is in the other branch of an if than each write of this one.
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        bool Taken(string candidate, string key) => renamed.ContainsValue(candidate) || WrittenBeside(entries, candidate, key);
        foreach (var entry in entries)
        {
            if (entry.KeySyntax is null
                || !destinations.Any(d => DestinationChecks.NameProblem(entry.Key, d.Spec) is not null)
                || SanitizedName(entry.Key, maxLength) is not { } name)
            {
                continue;
            }

            if (!renamed.TryGetValue(entry.Key, out string? candidate))
            {
                candidate = name;
                for (int n = 2; Taken(candidate, entry.Key); n++)
                {
                    candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
                }

                renamed.Add(entry.Key, candidate);
            }

            if (entry.Syntax == target.Syntax)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a write of <paramref name="name"/> may run with a write of <paramref name="key"/>: both are written, so a
    /// fix may not rename <paramref name="key"/> to <paramref name="name"/>. Writes in the two branches of one <c>if</c>
    /// never run together.
    /// </summary>
    private static bool WrittenBeside(List<PropertyEntry> entries, string name, string key)
        => entries.Any(other => other.Key == name && entries.Any(e => e.Key == key && !CallSiteProperties.InOtherBranches(other.Syntax, e.Syntax)));

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

    private static readonly Regex s_notNameCharacters = new("[^A-Za-z0-9_-]+", RegexOptions.CultureInvariant);

    /// <summary>
    /// For a string literal that spells a value of the type the destination defines (<c>"19.99"</c> for a number,
    /// <c>"true"</c> for a boolean), where the literal's type may change (an anonymous object's member, or a value
    /// converted to <c>object</c>): the literal's location and the C# literal to write instead.
    /// </summary>
    private static (IEnumerable<Location>? Additional, ImmutableDictionary<string, string?> Properties) Retyped(PropertyEntry entry, JsonTypeSet declared)
    {
        var none = (default(IEnumerable<Location>), ImmutableDictionary<string, string?>.Empty);
        var value = entry.Value;
        if (!entry.ValueMayBeRewritten)
        {
            return none;
        }

        if (value is IConversionOperation { IsImplicit: true, Type.SpecialType: SpecialType.System_Object } conversion)
        {
            value = conversion.Operand;
        }
        else if (!entry.ValueTypeMayChange)
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
    private static readonly Regex s_jsonNumber = new(
        @"^-?(?=(?:\.?[0-9]){1,28}\z)(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\z", RegexOptions.CultureInvariant);

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

    /// <summary>The compact UTF-8 JSON size of the properties when every value is a constant, else null.</summary>
    private static long? ConstantSize(List<PropertyEntry> entries)
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
            return OperationValues.IsNull(inner) ? 4 : null;
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
}
