using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// Checks the constant event name of a tracking call (a <c>[EventName]</c> argument, or each constant branch of a
/// <c>?:</c>, switch expression or <c>??</c> given as one): not empty
/// (EC2001), in the tracking plan (EC2004, with the nearest known name), in the configured
/// <c>eventcontracts.event_name_style</c> (EC2005), and accepted by every destination the plan
/// gives the event (EC2002 length, EC2003 pattern).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventNameAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property that holds the replacement name the code fix writes.</summary>
    public const string ReplacementProperty = "Replacement";

    private const string StyleOption = ProjectFiles.EventNameStyleOption;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EmptyEventName,
        DiagnosticDescriptors.EventNameWhitespace,
        DiagnosticDescriptors.UnknownEventName,
        DiagnosticDescriptors.EventNameStyle,
        DiagnosticDescriptors.EventNameTooLong,
        DiagnosticDescriptors.EventNameRejected);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = TrackingSymbols.Create(start.Compilation);
            if (symbols?.EventNameAttribute is null)
            {
                return;
            }

            var model = TrackingModel.For(start.Options, start.CancellationToken);
            start.RegisterOperationAction(context => Analyze(context, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterSyntaxNodeAction(context => AnalyzeParameterDefault(context, symbols, model), SyntaxKind.Parameter);
        });
    }

    private static void Analyze(OperationAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        var call = context.Operation;
        if (!symbols.TryGetArguments(call, out var arguments) || arguments.EventName is not { } argument)
        {
            return;
        }

        // A default declared in source is checked at the default; one declared in a referenced assembly at the call,
        // which is all the code here shows of it (without a fix: the name is not written here).
        bool fromMetadata = TrackingSymbols.IsDefaultFromMetadata(argument);
        if (argument.ArgumentKind == ArgumentKind.DefaultValue && !fromMetadata)
        {
            return;
        }

        // flag ? "Order Completed" : "Order Cancelled" sends either name: each constant branch is checked where it is written.
        foreach (var branch in OperationValues.Branches(argument.Value))
        {
            if (OperationValues.TryGetConstantString(branch, out string? name))
            {
                Check(context.ReportDiagnostic, context.Options, model, name, fromMetadata ? TrackingSymbols.CalledName(call.Syntax) : branch.Syntax, OperationValues.MethodName(call), fixable: !fromMetadata);
            }
        }
    }

    /// <summary>
    /// An <c>[EventName]</c> parameter whose default is a constant name: every call that leaves the argument out tracks
    /// that event, so the name is checked as an argument would be, at the default.
    /// </summary>
    private static void AnalyzeParameterDefault(SyntaxNodeAnalysisContext context, TrackingSymbols symbols, TrackingModel model)
    {
        if (symbols.MarkedConstantDefault((ParameterSyntax)context.Node, context.SemanticModel, messageId: false, context.CancellationToken) is { } marked)
        {
            Check(context.ReportDiagnostic, context.Options, model, marked.Value, marked.Default, marked.Parameter.ContainingSymbol.Name);
        }
    }

    private static void Check(Action<Diagnostic> report, AnalyzerOptions options, TrackingModel model, string? name, SyntaxNode value, string methodName, bool fixable = true)
    {
        var location = value.GetLocation();
        if (string.IsNullOrWhiteSpace(name))
        {
            string what = name is null ? "null" : name.Length == 0 ? "empty" : "only whitespace";
            report(CallSiteDiagnostic.Create(DiagnosticDescriptors.EmptyEventName, location, methodName, what));
            return;
        }

        bool inPlan = model.Events.TryGetValue(name!, out var evt);

        // A name the plan defines with its spaces is reported on the plan (the generator's EC2007); otherwise here, with
        // the trimmed name as the fix, and instead of EC2004 when the plan has the trimmed name.
        if (!inPlan && DestinationChecks.HasSurroundingWhitespace(name!))
        {
            string trimmed = name!.Trim();
            var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, trimmed) : ImmutableDictionary<string, string?>.Empty;
            report(CallSiteDiagnostic.Create(DiagnosticDescriptors.EventNameWhitespace, location, properties, name, trimmed));
            if (model.Events.ContainsKey(trimmed))
            {
                return;
            }
        }

        if (model.HasPlan && !inPlan)
        {
            string suggestion = NameSuggestions.Suggest(name!, model.EventNames);
            string hint = suggestion.Length > 0
                ? "; did you mean '" + suggestion + "'?" + (UnicodeText.Composed(suggestion) == UnicodeText.Composed(name!)
                    ? " It looks the same, but its letters are other Unicode code points (composed or decomposed accents), which a destination takes for another event"
                    : string.Empty)
                : model.EventNames.IsEmpty ? "; the plan has no events" : "; known events: " + Known(model);
            var properties = suggestion.Length > 0 && fixable
                ? ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, suggestion)
                : ImmutableDictionary<string, string?>.Empty;
            report(CallSiteDiagnostic.Create(DiagnosticDescriptors.UnknownEventName, location, properties, name, hint));
        }

        // A name the plan defines is checked against the style on the plan itself (the generator's EC2005). With a plan,
        // an unknown name gets EC2005 only when its styled form is a planned event: a fix to a name the plan lacks would
        // trade EC2005 for EC2004, whose own fix offers the plan's names.
        if (!inPlan
            && options.AnalyzerConfigOptionsProvider.GetOptions(value.SyntaxTree).TryGetValue(StyleOption, out string? option)
            && EventNameStyle.Normalize(option) is { } style)
        {
            string styled = EventNameStyle.Apply(name!, style);
            if (styled.Length > 0 && !string.Equals(styled, name, StringComparison.Ordinal) && (!model.HasPlan || model.Events.ContainsKey(styled)))
            {
                var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, styled) : ImmutableDictionary<string, string?>.Empty;
                report(CallSiteDiagnostic.Create(DiagnosticDescriptors.EventNameStyle, location, properties, name, style, styled));
            }
        }

        if (evt is null)
        {
            return;
        }

        int length = DestinationChecks.CodePointLength(name!);
        foreach (var destination in model.DestinationsOf(evt))
        {
            var spec = destination.Spec;
            if (spec.EventNameMaxLength is int max && length > max)
            {
                report(CallSiteDiagnostic.Create(
                    DiagnosticDescriptors.EventNameTooLong,
                    location,
                    name,
                    length.ToString(CultureInfo.InvariantCulture),
                    spec.Name,
                    max.ToString(CultureInfo.InvariantCulture)));
            }

            if (spec.EventNamePattern is { } pattern && !DestinationChecks.Matches(name!, pattern))
            {
                report(CallSiteDiagnostic.Create(DiagnosticDescriptors.EventNameRejected, location, name, spec.Name, "pattern " + pattern));
            }
        }
    }

    private static string Known(TrackingModel model)
    {
        const int Shown = 5;
        string list = string.Join(", ", model.EventNames.Take(Shown).Select(n => "'" + n + "'"));
        return model.EventNames.Length > Shown ? list + " and " + (model.EventNames.Length - Shown).ToString(CultureInfo.InvariantCulture) + " more" : list;
    }
}
