using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Identity and delivery at tracking calls (a <c>?:</c>, switch expression or <c>??</c> argument: each constant branch):
/// a constant null or empty <c>[UserId]</c> argument where a destination of the event requires a user identifier (EC5001; the event is the call's constant <c>[EventName]</c>
/// argument or the static type of its <c>ITrackedEvent</c> argument, as for <c>IEventTracker.TrackAsync</c>), and a constant idempotency key
/// (EC5002) passed to a <c>[MessageId]</c> parameter or given as its default, or assigned to a <c>[MessageId]</c> property
/// or to the property of a generated record that carries a vendor's message id (<c>CourierRequest.MessageId</c>,
/// <c>CustomerIoBatchTrackEvent.MessageId</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeliveryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingUserId,
        DiagnosticDescriptors.ConstantMessageId);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = TrackingSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var model = TrackingModel.For(start.Options, start.CancellationToken);
            start.RegisterOperationAction(context => AnalyzeCall(context, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
            if (symbols.MessageIdAttribute is not null)
            {
                start.RegisterSyntaxNodeAction(context => AnalyzeParameterDefault(context, symbols), SyntaxKind.Parameter);
                start.RegisterOperationAction(context => AnalyzePropertyInitializer(context, symbols), OperationKind.PropertyInitializer);
            }

            var generated = GeneratedMessageIds(start.Compilation, model);
            if (symbols.MessageIdAttribute is not null || generated.Count > 0)
            {
                start.RegisterOperationAction(
                    context => AnalyzeAssignment(context, symbols, generated),
                    OperationKind.SimpleAssignment,
                    OperationKind.CoalesceAssignment,
                    OperationKind.DeconstructionAssignment);
            }
        });
    }

    /// <summary>
    /// A <c>[MessageId]</c> parameter whose default is a constant string (EC5002 at the default): every call that leaves
    /// the argument out sends that one id, which the call sites do not show.
    /// </summary>
    private static void AnalyzeParameterDefault(SyntaxNodeAnalysisContext context, TrackingSymbols symbols)
    {
        if (symbols.MarkedConstantDefault((ParameterSyntax)context.Node, context.SemanticModel, messageId: true, context.CancellationToken) is { } marked)
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(
                DiagnosticDescriptors.ConstantMessageId,
                marked.Default.GetLocation(),
                marked.Parameter.Name,
                Literal(marked.Value),
                "the destination"));
        }
    }

    /// <summary>
    /// A <c>[MessageId]</c> property whose initializer is a constant string (EC5002 at it): every object that is not
    /// given another id sends that one. An empty string is the placeholder a non-nullable property is given until the
    /// code sets it (<c>{ get; set; } = "";</c>), not an id, and is left alone.
    /// </summary>
    private static void AnalyzePropertyInitializer(OperationAnalysisContext context, TrackingSymbols symbols)
    {
        var initializer = (IPropertyInitializerOperation)context.Operation;
        if (initializer.InitializedProperties.FirstOrDefault(symbols.HasMessageId) is not { } property)
        {
            return;
        }

        foreach (var branch in OperationValues.Branches(initializer.Value))
        {
            if (OperationValues.TryGetConstantString(branch, out string? id) && id is { Length: > 0 })
            {
                context.ReportDiagnostic(CallSiteDiagnostic.Create(
                    DiagnosticDescriptors.ConstantMessageId,
                    branch.Syntax.GetLocation(),
                    property.Name,
                    Literal(id),
                    "the destination"));
            }
        }
    }

    private static void AnalyzeCall(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var call = context.Operation;
        if (!symbols.TryGetArguments(call, out var arguments))
        {
            return;
        }

        // A ?:, switch expression or ?? sends each of its branches: each constant one is checked where it is written. A
        // default declared in a referenced assembly is checked at the call, which is all the code here shows of it.
        if (arguments.MessageId is { } messageId && (messageId.ArgumentKind != ArgumentKind.DefaultValue || TrackingSymbols.IsDefaultFromMetadata(messageId)))
        {
            foreach (var branch in OperationValues.Branches(messageId.Value))
            {
                if (OperationValues.TryGetConstantString(branch, out string? id) && id is not null)
                {
                    context.ReportDiagnostic(CallSiteDiagnostic.Create(
                        DiagnosticDescriptors.ConstantMessageId,
                        messageId.ArgumentKind == ArgumentKind.DefaultValue ? TrackingSymbols.CalledName(call.Syntax).GetLocation() : branch.Syntax.GetLocation(),
                        messageId.Parameter?.Name ?? "messageId",
                        Literal(id),
                        "the destination"));
                }
            }
        }

        if (arguments.UserId is not { } userId)
        {
            return;
        }

        List<PlanEventSpec>? events = null;
        foreach (var branch in OperationValues.Branches(userId.Value))
        {
            if (!OperationValues.TryGetConstantString(branch, out string? user) || !string.IsNullOrEmpty(user))
            {
                continue;
            }

            if (events is null)
            {
                events = new List<PlanEventSpec>();
                foreach (string name in EventNamesOf(arguments).Distinct(StringComparer.Ordinal))
                {
                    if (model.Events.TryGetValue(name, out var evt))
                    {
                        events.Add(evt);
                    }
                }
            }

            // A default argument is not written: report the called name (a call can span many lines).
            var location = userId.ArgumentKind == ArgumentKind.DefaultValue ? TrackingSymbols.CalledName(call.Syntax).GetLocation() : branch.Syntax.GetLocation();
            foreach (var evt in events)
            {
                // One diagnostic per event, naming every destination that needs the identifier.
                var needing = model.DestinationsOf(evt)
                    .Where(d => d.RequiresIdentity)
                    .Select(d => d.Spec.Name + " (" + string.Join(" or ", d.IdentityProperties) + ")")
                    .ToList();
                if (needing.Count > 0)
                {
                    context.ReportDiagnostic(CallSiteDiagnostic.Create(
                        DiagnosticDescriptors.MissingUserId,
                        location,
                        OperationValues.MethodName(call),
                        user is null ? "null" : "empty",
                        evt.Name,
                        needing.Count == 1 ? needing[0] : string.Join(", ", needing.Take(needing.Count - 1)) + " and " + needing[needing.Count - 1]));
                }
            }
        }
    }

    /// <summary>
    /// The events of a call: its constant <c>[EventName]</c> argument (each constant branch of a <c>?:</c>, switch expression
    /// or <c>??</c>), else the <c>EventName</c> constant of the static type of its <c>ITrackedEvent</c> argument (a generated
    /// plan-event record, as <c>tracker.TrackAsync(new SignedUp(), ...)</c> passes it).
    /// </summary>
    private static IEnumerable<string> EventNamesOf(TrackingArguments arguments)
    {
        if (arguments.EventName is { } nameArgument)
        {
            foreach (var branch in OperationValues.Branches(nameArgument.Value))
            {
                if (OperationValues.TryGetConstantString(branch, out string? name) && name is not null)
                {
                    yield return name;
                }
            }

            yield break;
        }

        if (arguments.TrackedEvent is { } trackedEvent && OperationValues.Unwrap(trackedEvent.Value).Type is INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers("EventName"))
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: string name })
                {
                    yield return name;
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// The generated records of this compilation that carry a vendor's message id, by symbol: the generator writes them
    /// into the compilation itself, in its namespace, so a user's type of the same name elsewhere is never taken for one.
    /// </summary>
    private static Dictionary<INamedTypeSymbol, (string Property, string Vendor)> GeneratedMessageIds(Compilation compilation, TrackingModel model)
    {
        var types = new Dictionary<INamedTypeSymbol, (string, string)>(SymbolEqualityComparer.Default);
        foreach (var (typeName, propertyName, vendor) in model.MessageIdProperties)
        {
            if (compilation.Assembly.GetTypeByMetadataName(typeName) is { } type && !types.ContainsKey(type))
            {
                types.Add(type, (propertyName, vendor));
            }
        }

        return types;
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, TrackingSymbols symbols, Dictionary<INamedTypeSymbol, (string Property, string Vendor)> generated)
    {
        // `x.MessageId = "id"`, `x.MessageId ??= "id"` (also in object and `with` initializers), and each element of
        // a deconstruction from a tuple literal: `(x.MessageId, y) = ("id", 1)`.
        var assignment = (IAssignmentOperation)context.Operation;
        CheckAssignedMessageId(context, symbols, generated, assignment.Target, assignment.Value);
    }

    private static void CheckAssignedMessageId(OperationAnalysisContext context, TrackingSymbols symbols, Dictionary<INamedTypeSymbol, (string Property, string Vendor)> generated, IOperation target, IOperation value)
    {
        if (target is ITupleOperation targets && OperationValues.Unwrap(value) is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            for (int i = 0; i < targets.Elements.Length; i++)
            {
                CheckAssignedMessageId(context, symbols, generated, OperationValues.Unwrap(targets.Elements[i]), values.Elements[i]);
            }

            return;
        }

        if (target is not IPropertyReferenceOperation { Property: { } property }
            || !OperationValues.TryGetConstantString(value, out string? id)
            || id is null)
        {
            return;
        }

        string? vendor = generated.TryGetValue(property.ContainingType.OriginalDefinition, out var messageId) && property.Name == messageId.Property
            ? messageId.Vendor
            : null;
        if (vendor is null && !symbols.HasMessageId(property) && !IsMarkedPositionalProperty(symbols, property))
        {
            return;
        }

        context.ReportDiagnostic(CallSiteDiagnostic.Create(
            DiagnosticDescriptors.ConstantMessageId,
            value.Syntax.GetLocation(),
            property.ContainingType.Name + "." + property.Name,
            Literal(id),
            vendor ?? "the destination"));
    }

    /// <summary>
    /// Whether a property has the name and type of a constructor parameter marked <c>[MessageId]</c>, as a positional
    /// record's does (<c>BatchItem(ITrackedEvent Event, string? UserId, [MessageId] string? MessageId)</c>): the attribute
    /// stays on the parameter, and <c>item with { MessageId = "id" }</c> sets the property. Not limited to records:
    /// Roslyn does not know a record struct from metadata as one.
    /// </summary>
    private static bool IsMarkedPositionalProperty(TrackingSymbols symbols, IPropertySymbol property)
    {
        foreach (var constructor in property.ContainingType.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Name == property.Name
                    && SymbolEqualityComparer.Default.Equals(parameter.Type, property.Type)
                    && symbols.HasMessageId(parameter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
