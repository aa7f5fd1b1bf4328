using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Checks;

/// <summary>
/// Checks each tracking-plan event: its name (configured style, nondescript names) and, for every
/// destination it names, that the destination exists, accepts the event name (length, pattern),
/// and can carry each property in its properties object (name, value type, the vendor's own
/// declared and reserved properties). Problems are located on the plan file.
/// </summary>
internal static class DestinationChecks
{
    /// <param name="plan">The tracking plan.</param>
    /// <param name="destinations">The contracts events can go to.</param>
    /// <param name="contracts">The names of every vendor contract of the project, destinations or not (a batch contract, or
    /// one whose request names no properties member), so a plan naming one is told why it cannot be a destination.</param>
    public static EquatableArray<DiagnosticInfo> Check(ContractSpec plan, EquatableArray<DestinationSpec> destinations, EquatableArray<string> contracts)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var byName = destinations.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        string? style = EventNameStyle.Normalize(plan.EventNameStyle);

        foreach (var evt in plan.Events)
        {
            CheckName(evt, style, diagnostics);
            foreach (string destinationName in evt.Destinations)
            {
                if (!byName.TryGetValue(destinationName, out var destination))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownDestination, evt.NameLocation, evt.Name, destinationName, WhyUnknown(destinationName, byName.Keys, contracts)));
                    continue;
                }

                CheckNameFor(evt, destination, diagnostics);
                CheckSize(plan, evt, destination, diagnostics);
                foreach (var property in evt.Properties)
                {
                    CheckProperty(evt, property, destination, diagnostics);
                }

                foreach (var open in evt.OpenValues)
                {
                    CheckOpenValues(evt, open, destination, diagnostics);
                }
            }
        }

        return diagnostics.ToEquatableArray();
    }

    /// <summary>
    /// Why a destination is not one: a contract that cannot carry events, or no contract at all, with the closest name
    /// (a typo of either kind) or else the destinations there are.
    /// </summary>
    private static string WhyUnknown(string name, IEnumerable<string> destinations, EquatableArray<string> contracts)
    {
        const string CannotCarry = "its request schema names no property for the event's properties (x-ec-properties; a batch contract carries other contracts' events)";
        if (contracts.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)))
        {
            return "a contract of this project that cannot carry an event: " + CannotCarry;
        }

        var known = destinations.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var others = contracts.Where(c => !known.Contains(c, StringComparer.OrdinalIgnoreCase)).OrderBy(c => c, StringComparer.Ordinal).ToList();
        string suggestion = NameSuggestions.Suggest(name, known.Concat(others));
        if (suggestion.Length > 0)
        {
            return "which is not a contract of this project; did you mean '" + suggestion + "'?"
                + (others.Contains(suggestion, StringComparer.Ordinal) ? " It cannot carry an event: " + CannotCarry : string.Empty);
        }

        return "which is not a contract of this project; the destinations it has: " + (known.Count == 0 ? "none" : string.Join(", ", known))
            + (others.Count == 0 ? string.Empty : " (" + string.Join(", ", others) + (others.Count == 1 ? " cannot carry an event: " : " cannot carry events: ") + CannotCarry + ")");
    }

    private static void CheckName(PlanEventSpec evt, string? style, List<DiagnosticInfo> diagnostics)
    {
        if (style is not null)
        {
            // A name without letters or digits has no styled form to suggest (the call-site analyzer skips it too).
            string styled = EventNameStyle.Apply(evt.Name, style);
            if (styled.Length > 0 && !string.Equals(styled, evt.Name, StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EventNameStyle, evt.NameLocation, evt.Name, style, styled));
            }
        }

        if (HasSurroundingWhitespace(evt.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EventNameWhitespace, evt.NameLocation, evt.Name, evt.Name.Trim()));
        }

        if (EventNameStyle.IsNondescript(evt.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NondescriptEventName, evt.NameLocation, evt.Name));
        }
    }

    private static void CheckNameFor(PlanEventSpec evt, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        int length = CodePointLength(evt.Name);
        if (destination.EventNameMaxLength is int max && length > max)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EventNameTooLong, evt.NameLocation, evt.Name, length.ToString(System.Globalization.CultureInfo.InvariantCulture), destination.Name, max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (destination.EventNamePattern is { } pattern && !Matches(evt.Name, pattern))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EventNameRejected, evt.NameLocation, evt.Name, destination.Name, "pattern " + pattern));
        }
    }

    private static void CheckSize(ContractSpec plan, PlanEventSpec evt, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        // The properties object's own limit is exact; the whole request's limit bounds the properties from above.
        var (limit, what) = destination.MaxBytes is int own
            ? (own, "'" + destination.PropertiesMember + "' object")
            : destination.RequestMaxBytes is int request ? (request, "whole request") : (0, string.Empty);
        if (limit == 0)
        {
            return;
        }

        var (min, max, unbounded) = PayloadBounds.Of(plan.Schemas, evt.SchemaId);
        string limitText = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (min > limit)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PayloadAlwaysOverLimit, evt.NameLocation, evt.Name, PayloadBounds.Text(min), destination.Name, limitText, what));
        }
        else if (unbounded is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PayloadUnbounded, evt.NameLocation, evt.Name, unbounded, destination.Name, limitText, what));
        }
        else if (max > limit)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PayloadCanExceedLimit, evt.NameLocation, evt.Name, PayloadBounds.Text(max.Value), destination.Name, limitText, what));
        }
    }

    public static string CodeListName(string list) => list == "iso4217" ? "ISO 4217" : list;

    /// <summary>Whether <paramref name="value"/> may match <paramref name="pattern"/>: an unusable pattern (reported on its contract) or a timeout rejects nothing.</summary>
    internal static bool Matches(string value, string pattern) => Match(value, pattern) ?? true;

    /// <summary>Whether <paramref name="value"/> matches the ECMA-262 <paramref name="pattern"/>; null when that is not known (an unusable pattern, a timeout).</summary>
    internal static bool? Match(string value, string pattern)
    {
        // The call-site analyzers ask this for every tracking call: each pattern is translated and parsed once.
        // The cache lives as long as the compiler server or the IDE: it starts again when it holds too many patterns.
        if (s_patterns.Count > MaxCachedPatterns)
        {
            s_patterns.Clear();
        }

        var regex = s_patterns.GetOrAdd(pattern, s_compile);
        if (regex is null)
        {
            return null;
        }

        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    // Contract patterns are ECMA-262 (\d is ASCII, $ is the very end): matched as the generated validators match them.
    private static readonly Func<string, Regex?> s_compile = static pattern =>
    {
        try
        {
            return new Regex(EventContracts.Validation.EcmaScriptRegex.Translate(pattern), RegexOptions.CultureInvariant, EventContracts.Validation.EcmaScriptRegex.MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    };

    private const int MaxCachedPatterns = 512;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex?> s_patterns = new(StringComparer.Ordinal);

    private static void CheckProperty(PlanEventSpec evt, PlanPropertySpec property, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        DeclaredPropertySpec? declared = null;
        foreach (var candidate in destination.Declared)
        {
            if (candidate.Name == property.JsonName)
            {
                declared = candidate;
                break;
            }
        }

        if (declared is not null)
        {
            if (declared.CodeList is { } list)
            {
                foreach (string value in property.Constants)
                {
                    if (!CodeLists.Contains(list, value))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotInCodeList, property.Location, property.JsonName, evt.Name, value, CodeListName(list), destination.Name, Where(destination)));
                    }
                }
            }

            if (!SchemaGraph.IsSubset(property.Types, declared.Types))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PropertyTypeConflict,
                    property.Location,
                    property.JsonName,
                    evt.Name,
                    SchemaGraph.Describe(property.Types),
                    destination.Name,
                    Where(destination),
                    SchemaGraph.Describe(declared.Types),
                    declared.Reserved is null ? string.Empty : " (reserved: " + declared.Reserved + ")"));
            }

            return;
        }

        if (destination.AdditionalForbidden)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PropertyNameNotAllowed, property.Location, Subject(property.JsonName), evt.Name, destination.Name, OnlyDeclared(destination)));
            return;
        }

        if (NameProblem(property.JsonName, destination) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PropertyNameNotAllowed, property.Location, Subject(property.JsonName), evt.Name, destination.Name, problem));
        }

        CheckValueTypes(evt, Subject(property.JsonName), property.Types, property.Location, destination, diagnostics);
        CheckValueLength(evt, property, destination, diagnostics);

        if (destination.EnvelopeFields.AsImmutableArray().Contains(property.JsonName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EnvelopeCollision, property.Location, property.JsonName, evt.Name, destination.Name, destination.PropertiesMember));
        }
    }

    /// <summary>
    /// Names the event's schema allows beyond those it declares (<c>additionalProperties</c>, <c>patternProperties</c>,
    /// <c>unevaluatedProperties</c>, written out) reach the destination too: a destination that accepts only its
    /// declared names, or fewer value types, is told at the keyword.
    /// </summary>
    private static void CheckOpenValues(PlanEventSpec evt, PlanOpenValuesSpec open, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        string subject = open.Pattern is { } pattern
            ? "A property matching '" + pattern + "' (patternProperties)"
            : "Any other property (" + open.Keyword + ")";
        if (destination.AdditionalForbidden)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PropertyNameNotAllowed, open.Location, subject, evt.Name, destination.Name, OnlyDeclared(destination)));
            return;
        }

        CheckValueTypes(evt, subject, open.Types, open.Location, destination, diagnostics);
        if (open.Types == JsonTypeSet.None)
        {
            return;
        }

        // A name the destination defines that this keyword can let through, but with none of the types it defines:
        // the keyword allows only wrong values for it (one that allows some right ones leaves the rest to the sender).
        foreach (var declared in destination.Declared)
        {
            if (declared.Types != JsonTypeSet.None && !Overlap(open.Types, declared.Types) && CanCarry(evt, open, declared.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.OpenValueTypeConflict,
                    open.Location,
                    subject,
                    evt.Name,
                    SchemaGraph.Describe(open.Types),
                    declared.Name,
                    destination.Name,
                    Where(destination),
                    SchemaGraph.Describe(declared.Types),
                    declared.Reserved is null ? string.Empty : " (reserved: " + declared.Reserved + ")"));
            }
        }
    }

    /// <summary>Whether some value has one of the types of each set (an integer is a number).</summary>
    private static bool Overlap(JsonTypeSet a, JsonTypeSet b)
    {
        static JsonTypeSet WithIntegers(JsonTypeSet types) => (types & JsonTypeSet.Number) != 0 ? types | JsonTypeSet.Integer : types;
        return (WithIntegers(a) & WithIntegers(b)) != 0;
    }

    /// <summary>
    /// Whether <paramref name="name"/> can be one of the names whose values <paramref name="open"/> judges: the event does
    /// not declare it (a declared one is checked on its declaration), the keyword's pattern matches it or no sibling
    /// pattern does, and every <c>propertyNames</c> rule is known to admit it.
    /// </summary>
    private static bool CanCarry(PlanEventSpec evt, PlanOpenValuesSpec open, string name)
    {
        if (evt.Properties.Any(p => p.JsonName == name))
        {
            return false;
        }

        bool judged = open.Pattern is { } pattern ? Matches(name, pattern) : !open.OtherPatterns.Any(p => Matches(name, p));
        return judged && evt.NameRules.All(rule => Admits(rule, name));
    }

    private static bool Admits(PlanNameRuleSpec rule, string name)
    {
        int length = CodePointLength(name);
        return !rule.Opaque
            && (!rule.Enumerated || rule.Names.Contains(name, StringComparer.Ordinal))
            && (rule.Pattern is null || Matches(name, rule.Pattern))
            && (rule.MinLength is not int min || length >= min)
            && (rule.MaxLength is not int max || length <= max);
    }

    private static void CheckValueTypes(PlanEventSpec evt, string subject, JsonTypeSet types, FileLocation location, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        if (!SchemaGraph.IsSubset(types, destination.AdditionalTypes))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.PropertyValueNotAllowed,
                location,
                subject,
                evt.Name,
                types == JsonTypeSet.None ? "untyped (any JSON value)" : SchemaGraph.Describe(types),
                destination.Name,
                SchemaGraph.Describe(destination.AdditionalTypes),
                Where(destination)));
        }
    }

    /// <summary>
    /// A string property none of whose values fits the destination's longest string (PushEngage: 255 characters): its
    /// <c>minLength</c> is over it, or every value of its <c>enum</c>/<c>const</c> is longer. Every event would be refused.
    /// </summary>
    private static void CheckValueLength(PlanEventSpec evt, PlanPropertySpec property, DestinationSpec destination, List<DiagnosticInfo> diagnostics)
    {
        if (destination.ValueMaxLength is not int max || (property.Types & ~JsonTypeSet.Null) != JsonTypeSet.String)
        {
            return;
        }

        var constants = property.Constants.AsImmutableArray();
        string? found = property.MinLength is int min && min > max ? "a string of at least " + min.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters"
            : !constants.IsEmpty && constants.All(c => CodePointLength(c) > max) ? "one of " + string.Join(", ", constants.Take(3).Select(c => "'" + Shorten(c) + "'")) + (constants.Length > 3 ? ", ..." : string.Empty) + " (each longer than " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters)"
            : null;
        if (found is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.PropertyValueNotAllowed,
                property.Location,
                Subject(property.JsonName),
                evt.Name,
                found,
                destination.Name,
                "strings of at most " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters",
                Where(destination)));
        }
    }

    private static string Shorten(string value) => value.Length <= 24 ? value : value.Substring(0, 21) + "...";

    /// <summary>How EC3002 and EC3003 name a property: <c>Property 'name'</c>.</summary>
    internal static string Subject(string jsonName) => "Property '" + jsonName + "'";

    private static string OnlyDeclared(DestinationSpec destination) => "its " + Where(destination) + " accepts only the properties it declares";

    private static string Where(DestinationSpec destination) => "'" + destination.PropertiesMember + "' object";

    internal static string? NameProblem(string name, DestinationSpec destination)
    {
        int length = CodePointLength(name);
        if (destination.NameMaxLength is int max && length > max)
        {
            return "its property names are at most " + max + " characters and this one has " + length;
        }

        return destination.NamePattern is { } pattern && !Matches(name, pattern)
            ? "its property names must match " + pattern
            : null;
    }

    internal static int CodePointLength(string value)
    {
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>Whether a name that is not only whitespace starts or ends with it (EC2007).</summary>
    public static bool HasSurroundingWhitespace(string name)
        => name.Length > 0 && (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1])) && name.Trim().Length > 0;
}
