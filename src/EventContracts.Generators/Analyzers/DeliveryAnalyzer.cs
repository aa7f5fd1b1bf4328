using System;
using System.Collections.Immutable;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Identity and delivery at tracking calls: a constant null or empty <c>[UserId]</c> argument where
/// a destination of the event requires a user identifier (EC5001), and a constant idempotency key
/// (EC5002) passed to a <c>[MessageId]</c> parameter, or assigned to a <c>[MessageId]</c> property
/// or to the generated request property that carries a vendor's message id (<c>CourierRequest.MessageId</c>).
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
            if (symbols.MessageIdAttribute is not null || !model.MessageIdProperties.IsEmpty)
            {
                start.RegisterOperationAction(context => AnalyzeAssignment(context, symbols, model), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeCall(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var call = context.Operation;
        if (!symbols.TryGetArguments(call, out var arguments))
        {
            return;
        }

        if (arguments.MessageId is { ArgumentKind: not ArgumentKind.DefaultValue } messageId
            && OperationValues.TryGetConstantString(messageId.Value, out string? id)
            && id is not null)
        {
            context.ReportDiagnostic(CallSiteDiagnostic.Create(
                DiagnosticDescriptors.ConstantMessageId,
                messageId.Value.Syntax.GetLocation(),
                messageId.Parameter?.Name ?? "messageId",
                Literal(id),
                "the destination"));
        }

        if (arguments.UserId is not { } userId
            || !OperationValues.TryGetConstantString(userId.Value, out string? user)
            || !string.IsNullOrEmpty(user)
            || arguments.EventName is not { } nameArgument
            || !OperationValues.TryGetConstantString(nameArgument.Value, out string? name)
            || name is null
            || !model.Events.TryGetValue(name, out var evt))
        {
            return;
        }

        // A default argument is not written: report the call itself.
        var location = userId.ArgumentKind == ArgumentKind.DefaultValue ? call.Syntax.GetLocation() : userId.Value.Syntax.GetLocation();
        foreach (var destination in model.DestinationsOf(evt))
        {
            if (destination.RequiresIdentity)
            {
                context.ReportDiagnostic(CallSiteDiagnostic.Create(
                    DiagnosticDescriptors.MissingUserId,
                    location,
                    OperationValues.MethodName(call),
                    user is null ? "null" : "empty",
                    destination.Spec.Name,
                    string.Join(" or ", destination.IdentityProperties),
                    evt.Name));
            }
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !OperationValues.TryGetConstantString(assignment.Value, out string? id)
            || id is null)
        {
            return;
        }

        string? vendor = null;
        foreach (var (typeName, propertyName, contract) in model.MessageIdProperties)
        {
            if (property.Name == propertyName && IsType(property.ContainingType, typeName))
            {
                vendor = contract;
                break;
            }
        }

        if (vendor is null && !symbols.HasMessageId(property))
        {
            return;
        }

        context.ReportDiagnostic(CallSiteDiagnostic.Create(
            DiagnosticDescriptors.ConstantMessageId,
            assignment.Value.Syntax.GetLocation(),
            property.ContainingType.Name + "." + property.Name,
            Literal(id),
            vendor ?? "the destination"));
    }

    /// <summary>Whether <paramref name="type"/> is the generated type <paramref name="fullName"/> (nested names dotted, any namespace).</summary>
    private static bool IsType(INamedTypeSymbol? type, string fullName)
    {
        int end = fullName.Length;
        while (type is not null)
        {
            int dot = fullName.LastIndexOf('.', end - 1);
            string part = fullName.Substring(dot + 1, end - dot - 1);
            if (!string.Equals(type.Name, part, StringComparison.Ordinal))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            end = dot;
            type = type.ContainingType;
        }

        return false;
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
