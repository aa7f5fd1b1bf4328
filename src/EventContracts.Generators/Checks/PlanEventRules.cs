using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;

namespace EventContracts.Generators.Checks;

/// <summary>
/// What a tracking plan event's own schema says of the properties a tracking call writes, as far as it can be judged
/// from one name and one value at a time: the names it requires, the names it refuses, and the types, <c>enum</c>/<c>const</c>
/// values, string bounds, patterns and formats, number bounds and <c>multipleOf</c> of each value. Only schemas that
/// apply to every valid event count (the properties schema, its <c>$ref</c> and <c>allOf</c> parts); an
/// <c>anyOf</c>/<c>oneOf</c> counts against a value only when none of its branches can accept it, and a constant is also
/// judged by <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c> and <c>oneOf</c>'s "exactly one" where the schemas they ask
/// about certainly accept or refuse it. Every problem found is one that the event's <c>Validate()</c> would also find:
/// no answer here is a guess.
/// </summary>
internal sealed class PlanEventRules
{
    // Values are checked into nested anyOf/oneOf branches this deep, and at most this many schemas per value (branches of
    // branches multiply); what is beyond either is taken to be fine.
    private const int MaxDepth = 8;
    private const int MaxSchemasPerValue = 256;

    // Enum values a message lists before "and N more".
    private const int MaxListed = 8;

    private readonly IReadOnlyList<SchemaSpec> _schemas;
    private readonly List<SchemaSpec> _parts;
    private readonly HashSet<string>? _evaluated;
    private readonly List<string> _evaluatingPatterns;
    private readonly ConcurrentDictionary<int, List<SchemaSpec>> _inPlace = new();
    private readonly Func<int, List<SchemaSpec>> _inPlaceOf;

    private PlanEventRules(IReadOnlyList<SchemaSpec> schemas, int schemaId)
    {
        _schemas = schemas;
        _inPlaceOf = id => InPlace(_schemas, id);
        _parts = InPlace(schemas, schemaId);
        Required = _parts.SelectMany(p => p.Required).Distinct(StringComparer.Ordinal).ToImmutableArray();
        _evaluatingPatterns = new List<string>();
        if (_parts.Any(p => p.Assertions?.UnevaluatedPropertiesForbidden == true))
        {
            _evaluated = EvaluatedNames(schemaId, _evaluatingPatterns);
        }
    }

    /// <summary>The names every valid event has (the <c>required</c> of the schemas that always apply), in the plan's order.</summary>
    public ImmutableArray<string> Required { get; }

    /// <summary>The rules of the object schema <paramref name="schemaId"/>: an event's properties, or an object nested in them.</summary>
    public static PlanEventRules For(IReadOnlyList<SchemaSpec> schemas, int schemaId) => new(schemas, schemaId);

    /// <summary>
    /// Why the event refuses a property named <paramref name="name"/> whatever its value (<c>additionalProperties: false</c>
    /// without a declaration or a matching pattern, <c>unevaluatedProperties: false</c> where nothing evaluates it, a
    /// <c>propertyNames</c> rule), or null; <paramref name="suggestion"/> is a declared name (or a name of the
    /// <c>propertyNames</c> rule's <c>enum</c>) it looks like a typo of.
    /// </summary>
    public string? NameProblem(string name, out string? suggestion) => NameProblem(name, true, out suggestion);

    private string? NameProblem(string name, bool suggest, out string? suggestion)
    {
        suggestion = null;
        foreach (var part in _parts)
        {
            int budget = MaxSchemasPerValue;
            if (part.PropertyNamesId is int namesId && CheckValue(namesId, JsonTypeSet.String, new Constant(name), 0, ref budget, out string? named) is { } nameProblem)
            {
                // The name of the rule's enum the key looks like a typo of, where the event takes it (asked without
                // suggestions: two rules could each suggest the other's name).
                suggestion = suggest && named is not null && NameProblem(named, false, out _) is null ? named : null;
                return "its propertyNames rule refuses it: " + nameProblem;
            }

            if (part.Declares(name) || part.PatternProperties.Any(p => DestinationChecks.Matches(name, p.Pattern)))
            {
                continue;
            }

            if (part.AdditionalPropertiesForbidden || (part.AdditionalPropertiesId is int extra && AlwaysFails(extra)))
            {
                var declared = part.Properties.Select(p => p.JsonName).ToList();
                suggestion = NameSuggestions.Suggest(name, declared) is { Length: > 0 } near ? near : null;
                return "the event allows only the properties it declares (additionalProperties: false)"
                    + (declared.Count == 0 ? ", and it declares none" : ": " + List(declared.Select(n => "'" + n + "'")))
                    + (suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
            }
        }

        if (_evaluated is not null
            && !_evaluated.Contains(name)
            && !_evaluatingPatterns.Any(p => DestinationChecks.Matches(name, p)))
        {
            suggestion = NameSuggestions.Suggest(name, _evaluated) is { Length: > 0 } near ? near : null;
            return "no schema of the event evaluates it and it has unevaluatedProperties: false"
                + (suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
        }

        return null;
    }

    /// <summary>
    /// Why the event refuses the value a call gives property <paramref name="name"/>, or null. <paramref name="types"/>:
    /// the JSON types the C# value is written as (<see cref="JsonTypeSet.None"/> when its static type does not tell);
    /// <paramref name="constant"/>: the value when it is a constant. <paramref name="suggestion"/>: for a string refused by
    /// an <c>enum</c> or <c>const</c>, the allowed value it looks like a typo of.
    /// </summary>
    public string? ValueProblem(string name, JsonTypeSet types, Constant? constant, out string? suggestion)
    {
        suggestion = null;
        int budget = MaxSchemasPerValue;
        foreach (int schemaId in ValueSchemas(name))
        {
            if (CheckValue(schemaId, types, constant, 0, ref budget, out suggestion) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Why schema <paramref name="schemaId"/> refuses a value (an array's item), or null; as <see cref="ValueProblem"/>.</summary>
    public string? SchemaProblem(int schemaId, JsonTypeSet types, Constant? constant, out string? suggestion)
    {
        int budget = MaxSchemasPerValue;
        return CheckValue(schemaId, types, constant, 0, ref budget, out suggestion);
    }

    /// <summary>
    /// Why the event refuses the object for how many names it has (<c>minProperties</c>, <c>maxProperties</c>), when it
    /// has at least <paramref name="least"/> and at most <paramref name="most"/> (null: no bound known).
    /// </summary>
    public string? CountProblem(int least, int? most)
    {
        foreach (var part in _parts)
        {
            if (part.MaxProperties is int max && least > max)
            {
                return "it has " + (most == least ? string.Empty : "at least ") + Counted(least, "property", "properties") + ", over its maxProperties " + max.ToString(CultureInfo.InvariantCulture);
            }

            if (most is int count && part.MinProperties is int min && count < min)
            {
                return "it has " + (count == least ? string.Empty : "at most ") + Counted(count, "property", "properties") + ", under its minProperties " + min.ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>
    /// The names the event requires because <paramref name="written"/> has others (<c>dependentRequired</c>, draft 7's
    /// <c>dependencies</c> with a list of names), each with the written name that requires it.
    /// </summary>
    public IEnumerable<(string Name, string RequiredBy)> DependentRequired(ICollection<string> written)
    {
        foreach (var part in _parts)
        {
            foreach (var dependent in part.Assertions?.DependentRequired ?? EquatableArray<DependentRequiredSpec>.Empty)
            {
                if (written.Contains(dependent.Name))
                {
                    foreach (string name in dependent.Required)
                    {
                        yield return (name, dependent.Name);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The <c>anyOf</c>s and <c>oneOf</c>s of the object none of whose branches can accept it because each requires a
    /// name it lacks (<paramref name="has"/> tells which names it has): the keyword and, per branch, the names it lacks.
    /// </summary>
    public IEnumerable<(string Keyword, List<List<string>> Lacking)> UnmetBranches(Func<string, bool> has)
    {
        foreach (var part in _parts)
        {
            foreach (var (keyword, branches) in new[] { ("anyOf", part.AnyOf), ("oneOf", part.OneOf) })
            {
                var lacking = branches.IsEmpty ? null : new List<List<string>>();
                foreach (int branch in branches)
                {
                    // A branch's own required names and those of the schemas applied with it ($ref, allOf).
                    var names = InPlace(branch).SelectMany(b => b.Required).Where(name => !has(name)).Distinct(StringComparer.Ordinal).ToList();
                    if (names.Count == 0)
                    {
                        lacking = null;
                        break;
                    }

                    lacking!.Add(names);
                }

                if (lacking is not null)
                {
                    yield return (keyword, lacking);
                }
            }
        }
    }

    /// <summary>
    /// Why schema <paramref name="arraySchemaId"/> (or a schema applied with it) refuses an array of exactly these items
    /// for their number (<c>minItems</c>, <c>maxItems</c>) or, under <c>uniqueItems</c>, for two equal constants;
    /// <paramref name="constants"/> holds each item's constant, null where the item is not one.
    /// </summary>
    public string? ItemsProblem(int arraySchemaId, IReadOnlyList<Constant?> constants)
    {
        int count = constants.Count;
        foreach (var part in InPlace(arraySchemaId))
        {
            if (part.MaxItems is int max && count > max)
            {
                return "it has " + Counted(count, "item", "items") + ", over its maxItems " + max.ToString(CultureInfo.InvariantCulture);
            }

            if (part.MinItems is int min && count < min)
            {
                return "it has " + Counted(count, "item", "items") + ", under its minItems " + min.ToString(CultureInfo.InvariantCulture);
            }

            if (part.UniqueItems)
            {
                for (int i = 0; i < count; i++)
                {
                    for (int j = i + 1; j < count; j++)
                    {
                        if (constants[i] is { } first && constants[j] is { } second && first.SameJson(second))
                        {
                            return "items " + i.ToString(CultureInfo.InvariantCulture) + " and " + j.ToString(CultureInfo.InvariantCulture)
                                + " are both " + first.Describe() + ", and it has uniqueItems: true";
                        }
                    }
                }
            }
        }

        return null;
    }

    private static string Counted(int count, string one, string many)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    /// <summary>
    /// Whether every item of an array valid against <paramref name="arraySchemaId"/> must be valid against the same schemas,
    /// wherever it stands (no <c>prefixItems</c> in place): then <see cref="ItemSchemas"/> at 0 holds for an item whose
    /// position is not known.
    /// </summary>
    public bool ItemsAlike(int arraySchemaId) => InPlace(arraySchemaId).All(part => part.PrefixItems.Count == 0);

    /// <summary>
    /// The schemas the item at <paramref name="index"/> of an array valid against <paramref name="arraySchemaId"/> must be
    /// valid against: its <c>prefixItems</c> entry, or else <c>items</c>, of every schema that always applies.
    /// </summary>
    public IEnumerable<int> ItemSchemas(int arraySchemaId, int index)
    {
        foreach (var part in InPlace(arraySchemaId))
        {
            if (index < part.PrefixItems.Count)
            {
                yield return part.PrefixItems[index];
            }
            else if (part.ItemsId is int items)
            {
                yield return items;
            }
        }
    }

    /// <summary>The schemas a value of <paramref name="name"/> must be valid against: its declarations, the patterns it is known to match, or else <c>additionalProperties</c>.</summary>
    public IEnumerable<int> ValueSchemas(string name)
    {
        foreach (var part in _parts)
        {
            bool declared = false;
            foreach (var property in part.Properties)
            {
                if (property.JsonName == name)
                {
                    declared = true;
                    yield return property.SchemaId;
                }
            }

            // A pattern that may or may not match (unusable here) applies neither its schema nor additionalProperties.
            bool judged = true, matched = false;
            foreach (var pattern in part.PatternProperties)
            {
                switch (DestinationChecks.Match(name, pattern.Pattern))
                {
                    case true:
                        matched = true;
                        yield return pattern.SchemaId;
                        break;
                    case null:
                        judged = false;
                        break;
                }
            }

            if (!declared && !matched && judged && part.AdditionalPropertiesId is int extra)
            {
                yield return extra;
            }
        }
    }

    private string? CheckValue(int schemaId, JsonTypeSet types, Constant? constant, int depth, ref int budget, out string? suggestion)
    {
        suggestion = null;
        if (depth > MaxDepth || --budget < 0)
        {
            return null;
        }

        if (constant is { } known)
        {
            types = known.Types;
        }

        foreach (var part in InPlace(schemaId))
        {
            if (part.AlwaysFails)
            {
                return "the plan's schema for it is false, which no value matches";
            }

            if (part.Types != JsonTypeSet.None && types != JsonTypeSet.None && TypeProblem(types, part.Types, constant is not null) is { } typeProblem)
            {
                return typeProblem;
            }

            if (constant is { } value && ConstantProblem(part, value, out suggestion) is { } constantProblem)
            {
                return constantProblem;
            }

            if (constant is not null || types != JsonTypeSet.None)
            {
                if (BranchProblem("anyOf", part.AnyOf, types, constant, depth, ref budget, out suggestion) is { } anyOf)
                {
                    return anyOf;
                }

                if (BranchProblem("oneOf", part.OneOf, types, constant, depth, ref budget, out suggestion) is { } oneOf)
                {
                    return oneOf;
                }
            }

            if (constant is { } judged && AssertionProblem(part, judged, depth, ref budget, out suggestion) is { } assertion)
            {
                return assertion;
            }
        }

        return null;
    }

    /// <summary>
    /// Why a constant is refused by a keyword that asks whether another schema accepts it: <c>not</c>,
    /// <c>if</c>/<c>then</c>/<c>else</c>, and <c>oneOf</c>'s "only one" (two branches that both accept it). Each needs a
    /// certain answer (<see cref="Accepts"/>); where there is none, nothing is reported.
    /// </summary>
    private string? AssertionProblem(SchemaSpec part, Constant value, int depth, ref int budget, out string? suggestion)
    {
        suggestion = null;
        if (part.Assertions is { } assertions)
        {
            if (assertions.Not is int not && Accepts(not, value, depth + 1, ref budget) == true)
            {
                // The usual form, not: { enum: [...] }, is named by its values.
                var refused = InPlace(not).SelectMany(p => p.AllowedValues).ToList();
                return value.Describe() + " matches the schema of its not" + (refused.Count > 0 ? " (" + List(refused) + ")" : string.Empty) + ", which refuses every value that does";
            }

            if (assertions.If is int condition && (assertions.Then is not null || assertions.Else is not null))
            {
                bool? met = Accepts(condition, value, depth + 1, ref budget);
                string? then = met != false && assertions.Then is int thenId ? CheckValue(thenId, value.Types, value, depth + 1, ref budget, out string? thenSuggestion) : null;
                string? otherwise = met != true && assertions.Else is int elseId ? CheckValue(elseId, value.Types, value, depth + 1, ref budget, out string? elseSuggestion) : null;
                switch (met)
                {
                    case true when then is not null:
                        return "it matches its if, and its then refuses it: " + then;
                    case false when otherwise is not null:
                        return "it does not match its if, and its else refuses it: " + otherwise;
                    case null when then is not null && otherwise is not null:
                        return "its then and its else both refuse it (its then: " + then + ")";
                }
            }
        }

        if (part.OneOf.Count > 1)
        {
            int matched = 0;
            foreach (int branch in part.OneOf)
            {
                matched += Accepts(branch, value, depth + 1, ref budget) == true ? 1 : 0;
            }

            if (matched > 1)
            {
                return value.Describe() + " matches " + matched.ToString(CultureInfo.InvariantCulture) + " branches of its oneOf, which allows exactly one";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether schema <paramref name="schemaId"/> accepts a constant, as its validator would judge it: true or false only
    /// where every keyword that applies to the value is judged as the validator judges it (the object and array keywords
    /// do not apply to a string, a number, a boolean or null); null where one is not (a pattern .NET cannot run, a number
    /// beyond decimal, <c>x-ec-max-bytes</c>, nesting past <see cref="MaxDepth"/> or the value's schema budget).
    /// </summary>
    private bool? Accepts(int schemaId, Constant value, int depth, ref int budget)
    {
        if (depth > MaxDepth || --budget < 0 || value.Types == JsonTypeSet.None)
        {
            return null;
        }

        bool? verdict = true;
        foreach (var part in InPlace(schemaId))
        {
            verdict = And(verdict, AcceptsPart(part, value, depth, ref budget));
            if (verdict == false)
            {
                return false;
            }
        }

        return verdict;
    }

    private bool? AcceptsPart(SchemaSpec part, Constant value, int depth, ref int budget)
    {
        if (part.AlwaysFails || (part.Types != JsonTypeSet.None && !SchemaGraph.IsSubset(value.Types, part.Types)))
        {
            return false;
        }

        bool? verdict = part.MaxBytes is null ? true : null;
        if (part.HasEnum)
        {
            verdict = And(verdict, Any(part.Enum, value.IsJson));
        }

        if (part.Const is { } single)
        {
            verdict = And(verdict, value.IsJson(single));
        }

        if (value.Value is string s)
        {
            int length = DestinationChecks.CodePointLength(s);
            verdict = And(verdict, !(length < part.MinLength || length > part.MaxLength));
            if (part.Pattern is { } pattern)
            {
                verdict = And(verdict, DestinationChecks.Match(s, pattern));
            }

            if (part.Format is { } format && EventContracts.Validation.JsonFormats.IsSupported(format))
            {
                verdict = And(verdict, EventContracts.Validation.JsonFormats.IsValid(format, s.AsSpan()));
            }
        }
        else if ((value.Types & (JsonTypeSet.Number | JsonTypeSet.Integer)) != 0 && part.HasNumberRule)
        {
            verdict = And(verdict, value.Number is decimal number ? WithinNumberRules(part, number) : null);
        }

        if (verdict == false)
        {
            return false;
        }

        int budgetLeft = budget;
        if (!part.AnyOf.IsEmpty)
        {
            verdict = And(verdict, Any(part.AnyOf, branch => Accepts(branch, value, depth + 1, ref budgetLeft)));
        }

        if (!part.OneOf.IsEmpty)
        {
            int accepted = 0, refused = 0;
            foreach (int branch in part.OneOf)
            {
                bool? one = Accepts(branch, value, depth + 1, ref budgetLeft);
                accepted += one == true ? 1 : 0;
                refused += one == false ? 1 : 0;
            }

            verdict = And(verdict, accepted > 1 || refused == part.OneOf.Count ? false : accepted == 1 && refused == part.OneOf.Count - 1 ? true : null);
        }

        if (part.Assertions is { } assertions)
        {
            if (assertions.Not is int not)
            {
                verdict = And(verdict, !Accepts(not, value, depth + 1, ref budgetLeft));
            }

            if (assertions.If is int condition)
            {
                bool? met = Accepts(condition, value, depth + 1, ref budgetLeft);
                bool? then = met != false && assertions.Then is int thenId ? Accepts(thenId, value, depth + 1, ref budgetLeft) : true;
                bool? otherwise = met != true && assertions.Else is int elseId ? Accepts(elseId, value, depth + 1, ref budgetLeft) : true;
                verdict = And(verdict, met switch { true => then, false => otherwise, _ => then == otherwise ? then : null });
            }
        }

        budget = budgetLeft;
        return verdict;
    }

    /// <summary>Whether a number is within a schema's bounds and a multiple of its <c>multipleOf</c>; null where a bound is beyond decimal or the remainder overflows.</summary>
    private static bool? WithinNumberRules(SchemaSpec part, decimal number)
    {
        bool? verdict = true;
        foreach (var (bound, _, lower, exclusive) in s_bounds)
        {
            if (bound(part) is { } text)
            {
                verdict = And(verdict, decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal limit)
                    ? !(lower ? number < limit || (exclusive && number == limit) : number > limit || (exclusive && number == limit))
                    : null);
            }
        }

        return part.MultipleOf is { } step ? And(verdict, IsMultiple(number, step)) : verdict;
    }

    /// <summary>Both, in three values: false when either is false, true when both are true, else unknown.</summary>
    private static bool? And(bool? first, bool? second)
        => first == false || second == false ? false : first == true && second == true ? true : null;

    /// <summary>Any, in three values: true when one is true, false when all are false, else unknown.</summary>
    private static bool? Any<T>(IEnumerable<T> items, Func<T, bool?> accepts)
    {
        bool? verdict = false;
        foreach (var item in items)
        {
            bool? one = accepts(item);
            if (one == true)
            {
                return true;
            }

            verdict = one is null ? null : verdict;
        }

        return verdict;
    }

    /// <summary>
    /// Why no branch of an <c>anyOf</c> or <c>oneOf</c> accepts a value (a string none of a list of <c>const</c>s is named with
    /// them); null when a branch may accept it (<c>oneOf</c>'s "only one" is left to validation).
    /// </summary>
    private string? BranchProblem(string keyword, EquatableArray<int> branches, JsonTypeSet types, Constant? constant, int depth, ref int budget, out string? suggestion)
    {
        suggestion = null;
        if (branches.IsEmpty)
        {
            return null;
        }

        string? first = null;
        var offered = new List<string>();
        foreach (int branch in branches)
        {
            string? branchProblem = CheckValue(branch, types, constant, depth + 1, ref budget, out _);
            if (branchProblem is null)
            {
                return null;
            }

            first ??= branchProblem;
            offered.AddRange(StringValues(branch));
        }

        if (constant?.Value is string text && offered.Count > 0)
        {
            suggestion = NameSuggestions.Suggest(text, offered) is { Length: > 0 } near ? near : null;
            return "'" + text + "' is none of its " + keyword + " values: " + List(offered.Select(o => "'" + o + "'"))
                + (suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
        }

        return "no branch of its " + keyword + " accepts it (the first: " + first + ")";
    }

    /// <summary>
    /// Why a value of <paramref name="types"/> is refused by a schema that allows <paramref name="allowed"/>. A value that is
    /// not a constant is refused only when every value it may hold is: it may be null (when <paramref name="types"/> says
    /// so), and a float may hold an integral value.
    /// </summary>
    private static string? TypeProblem(JsonTypeSet types, JsonTypeSet allowed, bool isConstant)
    {
        if (!isConstant)
        {
            if ((types & allowed & JsonTypeSet.Null) != 0
                || ((types & JsonTypeSet.Number) != 0 && (allowed & JsonTypeSet.Integer) != 0))
            {
                return null;
            }

            types &= ~JsonTypeSet.Null;
        }

        return types == JsonTypeSet.None || SchemaGraph.IsSubset(types, allowed)
            ? null
            : "it is " + SchemaGraph.Describe(types) + " and the plan allows " + SchemaGraph.Describe(allowed);
    }

    /// <summary>A constant refused by the schema's own <c>enum</c>, <c>const</c>, string (with <c>format</c>) or number (with <c>multipleOf</c>) keywords.</summary>
    private static string? ConstantProblem(SchemaSpec part, Constant value, out string? suggestion)
    {
        suggestion = null;
        var allowed = part.AllowedValues;
        if (!allowed.IsEmpty && !allowed.Any(value.EqualsJson))
        {
            var strings = JsonText.Strings(allowed).ToList();
            if (value.Value is string text)
            {
                suggestion = NameSuggestions.Suggest(text, strings) is { Length: > 0 } near ? near : null;
            }

            return value.Describe() + " is not " + (part.HasEnum ? "one of its enum values: " + List(allowed) : "its const " + allowed[0])
                + (suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
        }

        if (value.Value is string s)
        {
            int length = DestinationChecks.CodePointLength(s);
            if (part.MinLength is int min && length < min)
            {
                return value.Describe() + " has " + length + " characters, under its minLength " + min;
            }

            if (part.MaxLength is int max && length > max)
            {
                return value.Describe() + " has " + length + " characters, over its maxLength " + max;
            }

            if (part.Pattern is { } pattern && !DestinationChecks.Matches(s, pattern))
            {
                return value.Describe() + " does not match its pattern " + pattern;
            }

            // The schema reader keeps only the formats the validators assert (date-time, date, email, uri, uuid).
            if (part.Format is { } format && EventContracts.Validation.JsonFormats.IsSupported(format) && !EventContracts.Validation.JsonFormats.IsValid(format, s.AsSpan()))
            {
                return value.Describe() + " is not a valid " + format + " (its format)";
            }
        }

        if (value.Number is decimal number)
        {
            foreach (var (bound, keyword, lower, exclusive) in s_bounds)
            {
                string? text = bound(part);
                if (text is not null
                    && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal limit)
                    && (lower ? number < limit || (exclusive && number == limit) : number > limit || (exclusive && number == limit)))
                {
                    return value.Describe() + " is outside its " + keyword + " " + text;
                }
            }

            if (part.MultipleOf is { } step && IsMultiple(number, step) == false)
            {
                return value.Describe() + " is not a multiple of its multipleOf " + step;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="number"/> is a multiple of the <c>multipleOf</c> text <paramref name="step"/>, computed as the
    /// validator computes it for a number a decimal holds (the remainder in decimal); null where that overflows, which the
    /// validator judges in doubles instead.
    /// </summary>
    private static bool? IsMultiple(decimal number, string step)
    {
        if (!decimal.TryParse(step, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal divisor) || divisor <= 0m)
        {
            return null;
        }

        try
        {
            return number % divisor == 0m;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static readonly (Func<SchemaSpec, string?> Bound, string Keyword, bool Lower, bool Exclusive)[] s_bounds =
    {
        (s => s.Minimum, "minimum", true, false),
        (s => s.ExclusiveMinimum, "exclusiveMinimum", true, true),
        (s => s.Maximum, "maximum", false, false),
        (s => s.ExclusiveMaximum, "exclusiveMaximum", false, true),
    };

    /// <summary>The string values a branch is limited to (its <c>enum</c>/<c>const</c>), for listing and suggesting.</summary>
    private IEnumerable<string> StringValues(int schemaId)
    {
        foreach (var part in InPlace(schemaId))
        {
            foreach (string value in JsonText.Strings(part.AllowedValues))
            {
                yield return value;
            }
        }
    }

    private bool AlwaysFails(int schemaId) => InPlace(schemaId).Any(s => s.AlwaysFails);

    /// <summary>
    /// The names some schema of the event may evaluate (its own, those of <c>anyOf</c>/<c>oneOf</c> branches, conditions and
    /// dependent schemas), with their patterns in <paramref name="patterns"/>; null when one of them has
    /// <c>additionalProperties</c> or a non-false <c>unevaluatedProperties</c>, which evaluate any name.
    /// </summary>
    private HashSet<string>? EvaluatedNames(int schemaId, List<string> patterns)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Reachable(_schemas, schemaId, branches: true))
        {
            if (s.AdditionalPropertiesId is not null || s.Assertions?.UnevaluatedProperties is not null)
            {
                return null;
            }

            names.UnionWith(s.Properties.Select(p => p.JsonName));
            patterns.AddRange(s.PatternProperties.Select(p => p.Pattern));
        }

        return names;
    }

    /// <summary>A schema and the schemas that apply to the same value with it, always: its <c>$ref</c> and <c>allOf</c> parts.</summary>
    private static List<SchemaSpec> InPlace(IReadOnlyList<SchemaSpec> schemas, int schemaId) => Reachable(schemas, schemaId, branches: false).ToList();

    /// <summary><see cref="InPlace(IReadOnlyList{SchemaSpec}, int)"/> of this plan's schemas, found once per schema: every call checks values against them.</summary>
    private List<SchemaSpec> InPlace(int schemaId) => _inPlace.GetOrAdd(schemaId, _inPlaceOf);

    /// <summary>
    /// A schema and those applied to the same value through <c>$ref</c> and <c>allOf</c>, each once; with
    /// <paramref name="branches"/>, also through <c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c> and
    /// <c>dependentSchemas</c>.
    /// </summary>
    private static IEnumerable<SchemaSpec> Reachable(IReadOnlyList<SchemaSpec> schemas, int schemaId, bool branches)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(schemaId);
        while (pending.Count > 0)
        {
            int id = pending.Pop();
            if (id < 0 || id >= schemas.Count || !seen.Add(id))
            {
                continue;
            }

            var s = schemas[id];
            yield return s;
            var children = branches
                ? s.AllOf.Concat(s.AnyOf).Concat(s.OneOf).Concat(s.Assertions?.SameValueChildren() ?? Enumerable.Empty<int>())
                : s.AllOf;
            foreach (int child in children.Reverse())
            {
                pending.Push(child);
            }

            if (s.RefId is int target)
            {
                pending.Push(target);
            }
        }
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.Distinct(StringComparer.Ordinal).ToList();
        return all.Count <= MaxListed
            ? string.Join(", ", all)
            : string.Join(", ", all.Take(MaxListed)) + " and " + (all.Count - MaxListed).ToString(CultureInfo.InvariantCulture) + " more";
    }

    /// <summary>A constant a tracking call writes: a string, a number, a boolean or null.</summary>
    internal sealed class Constant
    {
        public Constant(object? value)
        {
            // System.Text.Json writes a lone surrogate as U+FFFD: that is the string a schema sees.
            Value = value switch
            {
                string s => WithoutLoneSurrogates(s),
                char c => WithoutLoneSurrogates(c.ToString()),
                _ => value,
            };
            Number = value switch
            {
                sbyte or byte or short or ushort or int or uint or long or ulong or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                double d => Written(d.ToString("G15", CultureInfo.InvariantCulture), text => double.Parse(text, CultureInfo.InvariantCulture) == d),
                float f => Written(f.ToString("G7", CultureInfo.InvariantCulture), text => float.Parse(text, CultureInfo.InvariantCulture) == f),
                _ => null,
            };
            Types = value switch
            {
                null => JsonTypeSet.Null,
                string or char => JsonTypeSet.String,
                bool => JsonTypeSet.Boolean,
                double d when double.IsNaN(d) || double.IsInfinity(d) => JsonTypeSet.None,
                float f when float.IsNaN(f) || float.IsInfinity(f) => JsonTypeSet.None,
                double d => d == Math.Floor(d) ? JsonTypeSet.Integer : JsonTypeSet.Number,
                float f => f == Math.Floor(f) ? JsonTypeSet.Integer : JsonTypeSet.Number,
                _ when Number is decimal n => n == decimal.Truncate(n) ? JsonTypeSet.Integer : JsonTypeSet.Number,
                _ => JsonTypeSet.None,
            };
        }

        /// <summary>
        /// The number a double or float is written as, when that is sure on every compiler host: its 15 (7) significant
        /// digits, when they read back as the same value (then they are the shortest text that does, which System.Text.Json
        /// writes; .NET Framework's "R" is not always the shortest), and a decimal holds them exactly (<c>1E-05</c> and
        /// <c>1E+15</c> too; not <c>1E+30</c>, beyond its range, nor <c>1E-30</c>, finer than it keeps). A value that needs
        /// more digits, or that a decimal does not hold, is not judged against bounds and enum values.
        /// </summary>
        private static decimal? Written(string text, Func<string, bool> readsBack)
            => readsBack(text)
                && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
                && readsBack(value.ToString(CultureInfo.InvariantCulture))
                    ? value
                    : null;

        /// <summary>A string as System.Text.Json writes it, as a value or a dictionary key: each lone surrogate as U+FFFD.</summary>
        internal static string WithoutLoneSurrogates(string s)
        {
            bool surrogates = false;
            foreach (char c in s)
            {
                surrogates |= char.IsSurrogate(c);
            }

            if (!surrogates)
            {
                return s;
            }

            var builder = new System.Text.StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    builder.Append(c).Append(s[++i]);
                }
                else
                {
                    builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                }
            }

            return builder.ToString();
        }

        /// <summary>The constant as it is written: a <c>char</c> as a one-character string, a lone surrogate as U+FFFD.</summary>
        public object? Value { get; }

        /// <summary>The constant as a number, when it is one a decimal holds.</summary>
        public decimal? Number { get; }

        /// <summary>The JSON type it is written as (an integral number is an integer); None for a value not judged.</summary>
        public JsonTypeSet Types { get; }

        /// <summary>
        /// Whether it is the JSON value <paramref name="json"/> (an <c>enum</c> or <c>const</c> member as compact JSON text),
        /// taken to be when that is not known (so nothing is reported).
        /// </summary>
        public bool EqualsJson(string json) => IsJson(json) ?? true;

        /// <summary>Whether it is the JSON value <paramref name="json"/>; null for a number this does not judge or a member beyond decimal.</summary>
        public bool? IsJson(string json)
        {
            switch (Value)
            {
                case null:
                    return json == "null";
                case string s:
                    return json == JsonText.Quote(s);
                case bool b:
                    return json == (b ? "true" : "false");
            }

            if (Number is not decimal number)
            {
                return null;
            }

            bool numeric = json.Length > 0 && (json[0] == '-' || char.IsDigit(json[0]));
            if (!numeric)
            {
                return false;
            }

            return decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal member) ? member == number : null;
        }

        /// <summary>
        /// Whether it is the same JSON value as <paramref name="other"/>, as <c>uniqueItems</c> compares them (numbers by value:
        /// <c>1</c> and <c>1.0</c> are one); false where either is not judged.
        /// </summary>
        public bool SameJson(Constant other)
        {
            if (Types == JsonTypeSet.None || other.Types == JsonTypeSet.None)
            {
                return false;
            }

            if (Number is decimal number)
            {
                return other.Number is decimal otherNumber && number == otherNumber;
            }

            return other.Number is null && Equals(Value, other.Value);
        }

        /// <summary>How a message shows it: <c>'text'</c>, <c>12.5</c>, <c>true</c>, <c>null</c>.</summary>
        public string Describe() => Value switch
        {
            null => "null",
            string s => "'" + s + "'",
            bool b => b ? "true" : "false",
            _ => Number is decimal n ? n.ToString(CultureInfo.InvariantCulture) : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
