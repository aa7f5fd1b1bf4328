using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Reading;

namespace EventContracts.Generators.Model;

/// <summary>
/// Derives the C# types of a contract from its schema graph: records for object schemas, enums
/// for string enums, primitives, lists and maps for the rest, and <c>JsonElement</c> where no
/// single C# type fits (unions). Names are unique and deterministic; clashes are reported (EC1005).
/// </summary>
internal sealed class TypeModelBuilder
{
    // Members every generated record already has: a JSON property named like one, in any case, gets a suffix.
    private static readonly string[] s_recordMembers =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "EqualityContract",
        "PrintMembers", "Deconstruct", "Validate", "ValidateJson", "WriteTo", "ReadFrom", "ToUtf8Json", "FromUtf8Json",
        "Converter", "AdditionalProperties", "WireNames",
    };

    // "Clone", which C# forbids in records (CS8859); "CLONE" is allowed, as no member of that name exists.
    private static readonly string[] s_forbiddenInRecords = { "Clone" };

    // The same names as a set, which a record's member scope copies (a set copies faster than it is built).
    private static readonly HashSet<string> s_recordMemberSet = new(s_recordMembers, StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<SchemaSpec> _schemas;
    private readonly IReadOnlyDictionary<int, string> _componentNames;
    private readonly IReadOnlyDictionary<(int SchemaId, string Property), FileLocation> _propertyLocations;
    private readonly IReadOnlyDictionary<(int SchemaId, string Json), FileLocation> _enumValueLocations;
    private readonly string _prefix;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<int, TypeRef> _named = new();
    private readonly List<TypeSpec> _types = new();
    private readonly NameScope _topLevel;

    // Who holds each top-level name an event or a named schema claimed, for the message of a later rename.
    private readonly Dictionary<string, (string Name, string Holder)> _topLevelHolders = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<int, FileLocation> _schemaLocations;
    private readonly Dictionary<string, NameScope> _nestedScopes = new(StringComparer.Ordinal);
    private readonly HashSet<int> _inProgress = new();

    public TypeModelBuilder(
        IReadOnlyList<SchemaSpec> schemas,
        IReadOnlyDictionary<int, string> componentNames,
        IReadOnlyDictionary<(int SchemaId, string Property), FileLocation> propertyLocations,
        IReadOnlyDictionary<(int SchemaId, string Json), FileLocation> enumValueLocations,
        IReadOnlyDictionary<int, FileLocation> schemaLocations,
        string prefix,
        List<DiagnosticInfo> diagnostics,
        IEnumerable<string>? reservedTypeNames = null,
        IEnumerable<string>? reservedExactly = null)
    {
        // A record cannot be named like one of its members (CS0542): a schema named Converter or Validate is renamed.
        _topLevel = new NameScope(reservedTypeNames, (reservedExactly ?? Enumerable.Empty<string>()).Concat(s_recordMembers).Concat(s_forbiddenInRecords));
        _schemaLocations = schemaLocations;
        _schemas = schemas;
        _componentNames = componentNames;
        _propertyLocations = propertyLocations;
        _enumValueLocations = enumValueLocations;
        _prefix = prefix;
        _diagnostics = diagnostics;
    }

    public EquatableArray<TypeSpec> Types => _types.OrderBy(t => t.FullName, StringComparer.Ordinal).ToEquatableArray();

    /// <summary>Maps a root schema (request, response) to a type, naming it <paramref name="name"/> if it becomes one.</summary>
    public TypeRef MapRoot(int schemaId, string name) => Map(schemaId, new NameHint(null, name, IsRoot: true));

    /// <summary>
    /// Claims the record name of a tracking-plan event. Every event claims its name before any schema is mapped, so an
    /// event keeps its name whatever the order of the plan, and a named schema that wants it is renamed (EC1005).
    /// </summary>
    /// <param name="preferredName">The record name the event's name gives.</param>
    /// <param name="eventName">The event's wire name.</param>
    /// <param name="eventNames">The names every event of the plan prefers: a name taken is suffixed past them.</param>
    public string ClaimEventName(string preferredName, string eventName, ISet<string>? eventNames = null)
    {
        // A type cannot share its name with one of its own members (CS0542): EventName, Destinations, Equals...
        string bare = Naming.Bare(preferredName);
        if (IsEventRecordMember(bare))
        {
            preferredName = bare + "Event";
        }

        string name = _topLevel.Claim(preferredName, eventNames);
        _topLevelHolders[Naming.Bare(name)] = (Naming.Bare(name), "event '" + eventName + "'");
        return name;
    }

    /// <summary>
    /// Maps a tracking-plan event's properties schema to a record named <paramref name="name"/> (claimed with
    /// <see cref="ClaimEventName"/>), always (an event with no declared properties is still a type), keeping undeclared
    /// properties unless the schema forbids them. Returns the record's name, or null when the schema is not an object schema.
    /// </summary>
    public string? MapEvent(int schemaId, string name, string eventName, string? description)
    {
        var schema = Resolve(schemaId);
        _eventRoots[schema.Id] = (name, eventName, description);
        var type = Map(schemaId, new NameHint(null, name, IsRoot: true));
        return type.Kind == TypeRefKind.Record ? type.Name! : null;
    }

    private readonly Dictionary<int, (string Name, string EventName, string? Description)> _eventRoots = new();

    private TypeRef Map(int schemaId, NameHint hint)
    {
        var schema = Resolve(schemaId);
        if (_named.TryGetValue(schema.Id, out var known))
        {
            // Records and enums are remembered before their schema's nullability is applied: apply it to every use.
            return known.Kind == TypeRefKind.Json ? known : known.WithNullable(AllowsNull(schema, hint));
        }

        // A list or map that contains itself has no finite C# type: the inner occurrence is JSON.
        if (!_inProgress.Add(schema.Id))
        {
            return TypeRef.Json;
        }

        try
        {
            return MapCore(schema, hint);
        }
        finally
        {
            _inProgress.Remove(schema.Id);
        }
    }

    private TypeRef MapCore(SchemaSpec schema, NameHint hint)
    {
        if (NullableUnion(schema) is { } inner)
        {
            return Map(inner, hint).WithNullable(true);
        }

        bool nullable = AllowsNull(schema, hint);
        var types = EffectiveTypes(schema) & ~JsonTypeSet.Null;
        if (hint.IsRoot && types == JsonTypeSet.None && _eventRoots.ContainsKey(schema.Id))
        {
            // An event whose properties are unconstrained is still an event record (with free-form properties).
            types = JsonTypeSet.Object;
        }

        // {$ref: Disposition, type: string, default: attachment}: a type beside the $ref that the enum has anyway. Both
        // apply, so null is allowed only where both allow it.
        if (types == JsonTypeSet.String && !IsStringEnum(schema) && OnlyAnnotatesItsRef(schema) is int target && IsStringEnum(Resolve(target)))
        {
            var enumType = Map(target, hint);
            return enumType.WithNullable(nullable && enumType.Nullable);
        }

        TypeRef result = types switch
        {
            JsonTypeSet.String when IsStringEnum(schema) => DefineEnum(schema, hint),
            JsonTypeSet.String => new TypeRef(TypeRefKind.String, null, null, false),
            JsonTypeSet.Integer => new TypeRef(TypeRefKind.Int64, null, null, false),
            JsonTypeSet.Number or (JsonTypeSet.Number | JsonTypeSet.Integer) => new TypeRef(TypeRefKind.Decimal, null, null, false),
            JsonTypeSet.Boolean => new TypeRef(TypeRefKind.Boolean, null, null, false),
            JsonTypeSet.Array => new TypeRef(TypeRefKind.List, null, ItemType(schema, hint), false),
            JsonTypeSet.Object => ObjectType(schema, hint),
            _ => TypeRef.Json,
        };
        return result.Kind == TypeRefKind.Json ? result : result.WithNullable(nullable);
    }

    private SchemaSpec Resolve(int schemaId) => SchemaGraph.Resolve(_schemas, schemaId);

    private const int MaxListedEnumValues = 8;

    private const int MaxShownValueLength = 120;

    /// <summary>
    /// The validation keywords a member's declaration states (through <c>$ref</c> wrappers), and those of an array's
    /// items, so its XML docs tell what <c>Validate()</c> checks; an enum's values are its C# enum's members.
    /// </summary>
    private EquatableArray<NameValue> DeclaredKeywords(int schemaId, TypeRef type)
    {
        var keywords = new List<NameValue>();
        var chain = SchemaGraph.ResolutionChain(_schemas, schemaId);
        foreach (var schema in chain)
        {
            AddKeywords(schema, string.Empty, type.Kind != TypeRefKind.Enum, keywords);
        }

        if (chain[chain.Count - 1].ItemsId is int items && type.Kind == TypeRefKind.List)
        {
            foreach (var schema in SchemaGraph.ResolutionChain(_schemas, items))
            {
                AddKeywords(schema, "items ", type.Element?.Kind != TypeRefKind.Enum, keywords);
            }
        }

        return keywords.ToEquatableArray();
    }

    private static void AddKeywords(SchemaSpec schema, string prefix, bool values, List<NameValue> keywords)
    {
        Add("minLength", Count(schema.MinLength));
        Add("maxLength", Count(schema.MaxLength));
        Add("pattern", schema.Pattern);
        Add("format", schema.Format);
        Add("minimum", schema.Minimum);
        Add("exclusiveMinimum", schema.ExclusiveMinimum);
        Add("maximum", schema.Maximum);
        Add("exclusiveMaximum", schema.ExclusiveMaximum);
        Add("multipleOf", schema.MultipleOf);
        Add("minItems", Count(schema.MinItems));
        Add("maxItems", Count(schema.MaxItems));
        Add("uniqueItems", schema.UniqueItems ? "true" : null);
        Add("minProperties", Count(schema.MinProperties));
        Add("maxProperties", Count(schema.MaxProperties));
        if (values)
        {
            Add("enum", !schema.HasEnum ? null
                : schema.Enum.Count <= MaxListedEnumValues ? string.Join(", ", schema.Enum)
                : string.Join(", ", schema.Enum.Take(MaxListedEnumValues)) + ", ... (" + schema.Enum.Count.ToString(CultureInfo.InvariantCulture) + " values)");
            Add("const", schema.Const);
        }

        Add("x-ec-max-bytes", Count(schema.MaxBytes));

        // A value can be any JSON (an enum of objects, a long pattern): the docs show its start.
        void Add(string keyword, string? value)
        {
            if (value is not null)
            {
                keywords.Add(new NameValue(prefix + keyword, value.Length <= MaxShownValueLength ? value : value.Substring(0, MaxShownValueLength) + "..."));
            }
        }

        static string? Count(int? value) => value?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether null is a valid value: its type allows null and no <c>enum</c> or <c>const</c> leaves it out (OpenAPI 3.0's
    /// <c>nullable: true</c> beside an enum without null allows none, EC1022), or its enum lists null.
    /// </summary>
    private static bool IsNullable(SchemaSpec schema)
    {
        bool listed = schema.HasEnum && schema.Enum.AsImmutableArray().Contains("null");
        bool excluded = (schema.HasEnum && !listed) || (schema.Const is { } constant && constant != "null");
        return listed || ((schema.Types & JsonTypeSet.Null) != 0 && !excluded);
    }

    /// <summary>
    /// Whether a member of the schema reads and holds null: its type list or enum says null, or it says no type (its
    /// type is taken from object or array keywords, which do not apply to null) and nothing in it refuses null. An
    /// event's own record is never null.
    /// </summary>
    private bool AllowsNull(SchemaSpec schema, NameHint hint)
        => hint.IsRoot && _eventRoots.ContainsKey(schema.Id) ? IsNullable(schema) : AllowsNull(schema, 0);

    /// <summary>
    /// Whether the schema certainly accepts null. Where that is not certain (<c>not</c>, <c>then</c>/<c>else</c>,
    /// <c>oneOf</c>) the answer is no: such a member does not read null (a <c>JsonException</c>), which is better than
    /// holding a null that typed <c>Validate()</c> passes and the validator refuses.
    /// </summary>
    private bool AllowsNull(SchemaSpec schema, int depth)
    {
        if (schema.Types != JsonTypeSet.None || schema.HasEnum || schema.Const is not null)
        {
            return IsNullable(schema);
        }

        if (schema.AlwaysFails || depth > MaxNullDepth || !schema.OneOf.IsEmpty || schema.MaxBytes < "null".Length
            || schema.Assertions is { Not: not null } or { Then: not null } or { Else: not null })
        {
            return false;
        }

        var parts = schema.AllOf.Concat(schema.RefId is int target ? new[] { target } : Array.Empty<int>());
        return parts.All(part => AllowsNull(Resolve(part), depth + 1))
            && (schema.AnyOf.IsEmpty || schema.AnyOf.Any(branch => AllowsNull(Resolve(branch), depth + 1)));
    }

    // Deeper chains of allOf/anyOf/$ref without a type are not followed (the answer is then no).
    private const int MaxNullDepth = 32;

    private static bool HasShape(SchemaSpec s) => SchemaGraph.HasShape(s);

    /// <summary><c>anyOf: [X, {type: null}]</c> (OpenAPI 3.1's nullable) maps to a nullable X.</summary>
    private int? NullableUnion(SchemaSpec schema)
    {
        var branches = !schema.AnyOf.IsEmpty ? schema.AnyOf : schema.OneOf;
        if (branches.Count != 2 || schema.Types != JsonTypeSet.None || schema.HasObjectKeywords)
        {
            return null;
        }

        int nulls = branches.Count(b => Resolve(b).Types == JsonTypeSet.Null);
        return nulls == 1 ? branches.First(b => Resolve(b).Types != JsonTypeSet.Null) : null;
    }

    private JsonTypeSet EffectiveTypes(SchemaSpec schema)
    {
        if (schema.Types != JsonTypeSet.None)
        {
            return schema.Types;
        }

        if (schema.HasObjectKeywords)
        {
            return JsonTypeSet.Object;
        }

        if (schema.HasArrayKeywords)
        {
            return JsonTypeSet.Array;
        }

        if (schema.HasEnum && schema.Enum.All(v => v.StartsWith("\"", StringComparison.Ordinal)))
        {
            return JsonTypeSet.String;
        }

        var parts = schema.AllOf.Concat(schema.RefId is int r ? new[] { r } : Array.Empty<int>()).ToList();
        if (parts.Count > 0 && parts.All(p => EffectiveTypes(Resolve(p)) == JsonTypeSet.Object))
        {
            return JsonTypeSet.Object;
        }

        var branches = schema.AnyOf.Concat(schema.OneOf).ToList();
        if (branches.Count > 0 && branches.All(b => IsObjectBranch(Resolve(b))))
        {
            return JsonTypeSet.Object;
        }

        return JsonTypeSet.None;
    }

    // An anyOf/oneOf branch that only states which properties are required, or is an object itself.
    private bool IsObjectBranch(SchemaSpec branch)
        => (branch.Types & ~JsonTypeSet.Null) == JsonTypeSet.Object
            || (branch.Types == JsonTypeSet.None && (branch.HasObjectKeywords || EffectiveTypes(branch) == JsonTypeSet.Object));

    // Items under prefixItems have a schema each: only an open JSON value holds all of them.
    private TypeRef ItemType(SchemaSpec schema, NameHint hint)
        => schema.ItemsId is int items && schema.PrefixItems.IsEmpty ? Map(items, hint.Nested("Item")) : TypeRef.Json;

    private TypeRef ObjectType(SchemaSpec schema, NameHint hint)
    {
        var properties = new List<(string JsonName, int SchemaId, int Owner)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        var conflicting = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        CollectProperties(schema, properties, required, conflicting, includeRequired: true, new HashSet<(int, bool)>());

        bool isEvent = _eventRoots.TryGetValue(schema.Id, out var eventRoot) && hint.IsRoot;
        if (properties.Count == 0 && !isEvent)
        {
            var valueType = schema.AdditionalPropertiesId is int additional && schema.PatternProperties.IsEmpty ? Map(additional, hint.Nested("Entry")) : TypeRef.Json;
            return new TypeRef(TypeRefKind.Map, null, valueType, false);
        }

        var (containing, name) = isEvent ? (null, eventRoot.Name) : PlaceType(schema, hint);
        var typeRef = new TypeRef(TypeRefKind.Record, containing is null ? name : containing + "." + name, null, false);
        _named[schema.Id] = typeRef;
        string fullName = typeRef.Name!;

        var memberScope = new NameScope(s_recordMemberSet, s_forbiddenInRecords);
        memberScope.ReserveExactly(name);
        if (isEvent)
        {
            memberScope.Reserve("EventName");
            memberScope.Reserve("Destinations");
        }

        // Members and nested types share one C# scope; the members claim their names first, so a
        // nested type (XObject for x) yields to a member with the same name (x_object).
        _nestedScopes[fullName] = memberScope;
        var claimed = new List<(string JsonName, string CSharpName)>();
        foreach (var (jsonName, _, owner) in properties)
        {
            string preferred = Naming.ToPascalCase(jsonName);
            string csharpName = memberScope.Claim(preferred);
            if (!string.Equals(Naming.Bare(csharpName), Naming.Bare(preferred), StringComparison.Ordinal))
            {
                var location = _propertyLocations.TryGetValue((owner, jsonName), out var l) ? l : default;
                if (location.Path is not null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, location, TakenBy(claimed, preferred, name), jsonName, Naming.Bare(preferred), Naming.Bare(csharpName), "JSON name"));
                }
            }

            claimed.Add((jsonName, csharpName));
        }

        var conditionalNames = SchemaGraph.ConditionalNames(_schemas, schema);

        var members = new List<MemberSpec>();
        var nullables = new List<bool>();
        for (int i = 0; i < properties.Count; i++)
        {
            var (jsonName, propertySchemaId, _) = properties[i];
            string csharpName = claimed[i].CSharpName;
            var memberHint = new NameHint(fullName, Naming.Bare(csharpName), IsRoot: false);
            // Declared differently in two places (oneOf branches that each fix a discriminator, or give it other types):
            // no one declaration's type holds every value the schema allows; an enum of all their enums' values, their
            // common scalar type or an open JSON value does.
            var type = conflicting.TryGetValue(jsonName, out var declarations)
                ? UnionEnum(declarations, memberHint.Nested("Object")) ?? CommonScalar(declarations)
                : Map(propertySchemaId, memberHint.Nested("Object"));
            bool isRequired = required.Contains(jsonName);
            string? defaultMember = null;
            if (isRequired && !type.Nullable && type.Kind == TypeRefKind.Enum)
            {
                var enumType = _types.First(t => t.FullName == type.Name);
                if (enumType.EnumMembers.Count == 1)
                {
                    defaultMember = enumType.EnumMembers[0].CSharpName;
                }
            }

            var propertySchema = _schemas[propertySchemaId];
            // (An open JSON value needs no flag: it reads a null as a null element, which it writes.)
            bool mayHoldNull = type.Kind != TypeRefKind.Json && (type.Nullable || (declarations is null ? AllowsNull(propertySchemaId) : declarations.Any(AllowsNull)));
            nullables.Add(mayHoldNull);
            bool tracksPresence = !isRequired && conditionalNames.Contains(jsonName) && mayHoldNull;
            // A name declared in several places has no one declaration whose keywords tell its rules.
            var keywords = declarations is null ? DeclaredKeywords(propertySchemaId, type) : EquatableArray<NameValue>.Empty;
            members.Add(new MemberSpec(jsonName, csharpName, type, isRequired, defaultMember, propertySchema.Description ?? Resolve(propertySchemaId).Description, propertySchemaId, TracksPresence: tracksPresence, Keywords: keywords));
        }

        // Undeclared properties are valid unless the schema forbids them, and they are the sender's data: a record keeps
        // them, so reading JSON into it and writing it back loses nothing.
        // Properties named by patternProperties are kept there too, as open values (each pattern has its own schema).
        TypeRef? additionalType = null;
        if (!schema.PatternProperties.IsEmpty)
        {
            additionalType = TypeRef.Json;
        }
        else if (!schema.AdditionalPropertiesForbidden)
        {
            additionalType = schema.AdditionalPropertiesId is int extra && (_schemas[extra] is var extraSchema) && (extraSchema.Types != JsonTypeSet.None || HasShape(extraSchema) || extraSchema.RefId is not null)
                ? Map(extra, new NameHint(fullName, "AdditionalProperty", IsRoot: false).Nested("Value"))
                : TypeRef.Json;
        }

        if (additionalType?.Kind == TypeRefKind.Json)
        {
            // Empty again after each search.
            var visiting = new HashSet<int>();
            for (int i = 0; i < members.Count; i++)
            {
                if (AlwaysDeclares(schema, members[i].JsonName, visiting))
                {
                    continue;
                }

                // A required name of this kind may hold a value the member cannot, so the member cannot promise one:
                // it is optional in C#, and the schema's `required` is checked on the member or the undeclared value.
                members[i] = members[i].Required
                    ? members[i] with { Required = false, DefaultEnumMember = null, Loose = true, TracksPresence = nullables[i] }
                    : members[i] with { Loose = true };
            }
        }

        _types.Add(new TypeSpec(
            name,
            containing,
            TypeSpecKind.Record,
            schema.Id,
            isEvent ? eventRoot.Description ?? schema.Description : schema.Description ?? schema.Title,
            members.ToEquatableArray(),
            EquatableArray<EnumMemberSpec>.Empty,
            additionalType,
            isEvent ? eventRoot.EventName : null));
        return typeRef;
    }

    /// <summary>
    /// The properties an object schema declares: its own, those of <c>$ref</c> and <c>allOf</c> parts (whose
    /// <c>required</c> counts when <paramref name="includeRequired"/>), and those of <c>anyOf</c>/<c>oneOf</c> branches,
    /// <c>then</c>/<c>else</c> and <c>dependentSchemas</c> at any of these levels (never required: they may not apply). A name declared again with a schema that gives it
    /// another C# type is added to <paramref name="conflicting"/> with the schemas of all its declarations.
    /// </summary>
    private void CollectProperties(SchemaSpec schema, List<(string, int, int)> properties, HashSet<string> required, Dictionary<string, List<int>> conflicting, bool includeRequired, HashSet<(int, bool)> visited)
    {
        // A schema seen as a branch is seen again as a part, whose required names count; each at most twice in a cycle.
        if (visited.Contains((schema.Id, true)) || !visited.Add((schema.Id, includeRequired)))
        {
            return;
        }

        foreach (var property in schema.Properties)
        {
            int existing = IndexOf(properties, property.JsonName);
            if (existing < 0)
            {
                properties.Add((property.JsonName, property.SchemaId, schema.Id));
            }
            else if (conflicting.TryGetValue(property.JsonName, out var declarations))
            {
                declarations.Add(property.SchemaId);
            }
            else if (!SameMemberType(properties[existing].Item2, property.SchemaId))
            {
                conflicting[property.JsonName] = new List<int> { properties[existing].Item2, property.SchemaId };
            }
        }

        if (includeRequired)
        {
            foreach (string name in schema.Required)
            {
                required.Add(name);
            }
        }

        if (schema.RefId is int target)
        {
            CollectProperties(Resolve(target), properties, required, conflicting, includeRequired, visited);
        }

        foreach (int part in schema.AllOf)
        {
            CollectProperties(Resolve(part), properties, required, conflicting, includeRequired, visited);
        }

        foreach (int branch in schema.AnyOf.Concat(schema.OneOf))
        {
            CollectProperties(Resolve(branch), properties, required, conflicting, includeRequired: false, visited);
        }

        // Like a branch, `then`/`else` and a `dependentSchemas` entry may apply: their properties are members, never
        // required, and loose unless declared where they always apply.
        if (schema.Assertions is { } assertions)
        {
            foreach (int conditional in assertions.ConditionalChildren())
            {
                CollectProperties(Resolve(conditional), properties, required, conflicting, includeRequired: false, visited);
            }
        }
    }

    /// <summary>
    /// Whether every object the schema accepts has the property's value constrained by a declaration: the schema's own,
    /// one of a part that always applies (<c>$ref</c>, <c>allOf</c>), or one in each <c>anyOf</c>/<c>oneOf</c> branch. A
    /// branch that cannot accept an object (or any name it does not declare) constrains it vacuously.
    /// </summary>
    private bool AlwaysDeclares(SchemaSpec schema, string jsonName, HashSet<int> visiting)
    {
        if (!visiting.Add(schema.Id))
        {
            return false;
        }

        try
        {
            var types = EffectiveTypes(schema);
            if (schema.AlwaysFails || (types != JsonTypeSet.None && (types & JsonTypeSet.Object) == 0)
                || schema.Declares(jsonName)
                || (schema.AdditionalPropertiesForbidden && schema.PatternProperties.IsEmpty)
                || (schema.RefId is int target && AlwaysDeclares(Resolve(target), jsonName, visiting)))
            {
                return true;
            }

            // Loops, not lambdas: this runs for each member of every record that keeps undeclared values.
            foreach (int part in schema.AllOf)
            {
                if (AlwaysDeclares(Resolve(part), jsonName, visiting))
                {
                    return true;
                }
            }

            return EveryBranchDeclares(schema.AnyOf, jsonName, visiting) || EveryBranchDeclares(schema.OneOf, jsonName, visiting);
        }
        finally
        {
            visiting.Remove(schema.Id);
        }
    }

    private bool EveryBranchDeclares(EquatableArray<int> branches, string jsonName, HashSet<int> visiting)
    {
        foreach (int branch in branches)
        {
            if (!AlwaysDeclares(Resolve(branch), jsonName, visiting))
            {
                return false;
            }
        }

        return !branches.IsEmpty;
    }

    // Whether a declaration's type admits null (no type stated admits it too).
    private bool AllowsNull(int schemaId)
    {
        JsonTypeSet types = EffectiveTypes(Resolve(schemaId));
        return types == JsonTypeSet.None || (types & JsonTypeSet.Null) != 0;
    }

    /// <summary>
    /// Whether two declarations of one property give its member the same C# type: the same schema, or the same scalar type
    /// (string, integer, number or boolean, nullable alike) with the same enum values, if any.
    /// </summary>
    private bool SameMemberType(int first, int second)
    {
        SchemaSpec a = Resolve(first);
        SchemaSpec b = Resolve(second);
        if (a.Id == b.Id)
        {
            return true;
        }

        JsonTypeSet types = EffectiveTypes(a);
        return types == EffectiveTypes(b)
            && (types & ~JsonTypeSet.Null) is JsonTypeSet.String or JsonTypeSet.Integer or JsonTypeSet.Number or JsonTypeSet.Boolean or (JsonTypeSet.Number | JsonTypeSet.Integer)
            && a.Enum.Count == b.Enum.Count && !a.Enum.Except(b.Enum, StringComparer.Ordinal).Any();
    }

    /// <summary>
    /// The member type of a property declared differently: the scalar type every declaration shares (a discriminator whose
    /// branches fix other enum values is a <see cref="string"/>), nullable when one allows null; else an open JSON value.
    /// </summary>
    private TypeRef CommonScalar(List<int> declarations)
    {
        var kinds = declarations.Select(id => EffectiveTypes(Resolve(id)) & ~JsonTypeSet.Null).Distinct().ToList();
        var kind = kinds.Count != 1 ? TypeRefKind.Json : kinds[0] switch
        {
            JsonTypeSet.String => TypeRefKind.String,
            JsonTypeSet.Integer => TypeRefKind.Int64,
            JsonTypeSet.Number or (JsonTypeSet.Number | JsonTypeSet.Integer) => TypeRefKind.Decimal,
            JsonTypeSet.Boolean => TypeRefKind.Boolean,
            _ => TypeRefKind.Json,
        };
        return kind == TypeRefKind.Json ? TypeRef.Json : new TypeRef(kind, null, null, declarations.Any(id => IsNullable(Resolve(id))));
    }

    private static int IndexOf(List<(string JsonName, int, int)> properties, string jsonName)
    {
        for (int i = 0; i < properties.Count; i++)
        {
            if (properties[i].JsonName == jsonName)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The <c>$ref</c> of a schema whose other keywords only say its type or annotate it; otherwise null.</summary>
    private static int? OnlyAnnotatesItsRef(SchemaSpec s)
        => s.RefId is int target && !s.HasEnum && s.Const is null && !s.HasStringRule && !s.HasNumberRule && !s.HasObjectKeywords
            && !s.HasArrayKeywords && s.MaxBytes is null && s.AllOf.IsEmpty && s.AnyOf.IsEmpty && s.OneOf.IsEmpty && s.Assertions is null
            && s.Reserved is null && s.CodeList is null
            ? target
            : null;

    private static bool IsStringEnum(SchemaSpec schema)
        => schema.HasEnum && schema.Enum.All(v => v.StartsWith("\"", StringComparison.Ordinal) || v == "null");

    private TypeRef DefineEnum(SchemaSpec schema, NameHint hint)
    {
        var (containing, name) = PlaceType(schema, hint.IsRoot ? hint : hint with { Name = Replace(hint.Name, "Object", "Kind") });
        var typeRef = DefineEnum(new[] { schema }, containing, name, schema.Description ?? schema.Title);
        _named[schema.Id] = typeRef;
        return typeRef;
    }

    /// <summary>
    /// The member type of a property whose declarations are string enums with different values (a discriminator each
    /// <c>oneOf</c> branch fixes to its own value): one enum of every value any of them allows, nullable when one allows
    /// null; <see langword="null"/> when a declaration is something else.
    /// </summary>
    private TypeRef? UnionEnum(List<int> declarations, NameHint hint)
    {
        var schemas = declarations.Select(Resolve).ToList();
        if (!schemas.All(d => (EffectiveTypes(d) & ~JsonTypeSet.Null) == JsonTypeSet.String && IsStringEnum(d)))
        {
            return null;
        }

        // Named after the member, never after a component one declaration refers to (that name is the component's own enum).
        var (containing, name) = PlaceNested(hint with { Name = Replace(hint.Name, "Object", "Kind") });
        string? description = schemas.Select(d => d.Description ?? d.Title).FirstOrDefault(d => d is not null);
        return DefineEnum(schemas, containing, name, description).WithNullable(schemas.Any(IsNullable));
    }

    /// <summary>An enum of the values of <paramref name="declarations"/>' enums, each once, in order of appearance.</summary>
    private TypeRef DefineEnum(IReadOnlyList<SchemaSpec> declarations, string? containing, string name, string? description)
    {
        var typeRef = new TypeRef(TypeRefKind.Enum, containing is null ? name : containing + "." + name, null, false);
        var scope = new NameScope(new[] { "value__" });
        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in declarations)
        {
            foreach (string json in schema.Enum)
            {
                if (json == "null" || !seen.Add(json))
                {
                    continue;
                }

                string wire = JsonText.Unquote(json);
                string preferred = Naming.ToPascalCase(wire);
                string csharpName = scope.Claim(preferred);
                if (!string.Equals(Naming.Bare(csharpName), Naming.Bare(preferred), StringComparison.Ordinal)
                    && _enumValueLocations.TryGetValue((schema.Id, json), out var location))
                {
                    string bare = Naming.Bare(preferred);
                    string takenBy = members.FirstOrDefault(m => string.Equals(Naming.Bare(m.CSharpName), bare, StringComparison.OrdinalIgnoreCase)) is { } other
                        ? DiffersInCase(bare, Naming.Bare(other.CSharpName), "enum value '" + other.WireValue + "' also maps to", "to which enum value '" + other.WireValue + "' maps")
                        : "is reserved in an enum";
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, location, takenBy, wire, bare, Naming.Bare(csharpName), "Enum value"));
                }

                members.Add(new EnumMemberSpec(wire, csharpName));
            }
        }

        _types.Add(new TypeSpec(name, containing, TypeSpecKind.Enum, declarations[0].Id, description, EquatableArray<MemberSpec>.Empty, members.ToEquatableArray(), null));
        return typeRef;
    }

    private (string? Containing, string Name) PlaceType(SchemaSpec schema, NameHint hint)
    {
        if (!hint.IsRoot && _componentNames.TryGetValue(schema.Id, out string? component))
        {
            string preferred = _prefix + Naming.Bare(Naming.ToPascalCase(component));
            string name = _topLevel.Claim(preferred);
            if (name != preferred && _schemaLocations.TryGetValue(schema.Id, out var location))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, location, TopLevelTakenBy(preferred), component, preferred, name, "Schema"));
            }

            _topLevelHolders[name] = (name, "schema '" + component + "'");
            return (null, name);
        }

        return PlaceNested(hint);
    }

    private (string? Containing, string Name) PlaceNested(NameHint hint)
    {
        if (hint.Containing is null)
        {
            return (null, _topLevel.Claim(hint.Name));
        }

        if (!_nestedScopes.TryGetValue(hint.Containing, out var scope))
        {
            scope = new NameScope(s_recordMembers.Concat(new[] { hint.Containing.Split('.').Last() }), s_forbiddenInRecords);
            _nestedScopes[hint.Containing] = scope;
        }

        return (hint.Containing, scope.Claim(hint.Name));
    }

    private static string Replace(string name, string suffix, string replacement)
        => name.EndsWith(suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - suffix.Length) + replacement : name + replacement;

    private readonly record struct NameHint(string? Containing, string Name, bool IsRoot)
    {
        /// <summary>The hint for a type nested under a member: <c>Context</c> becomes <c>ContextObject</c>.</summary>
        public NameHint Nested(string suffix) => IsRoot ? this with { Name = Name + suffix, IsRoot = false } : this with { Name = StripSuffix(Name) + suffix };

        private static string StripSuffix(string name)
        {
            foreach (string s in new[] { "Object", "Item", "Entry" })
            {
                if (name.EndsWith(s, StringComparison.Ordinal) && name.Length > s.Length)
                {
                    return name.Substring(0, name.Length - s.Length);
                }
            }

            return name;
        }
    }

    /// <summary>What already holds a top-level C# name, as EC1005's message words it ("which ...").</summary>
    private string TopLevelTakenBy(string name)
    {
        if (_topLevelHolders.TryGetValue(name, out var taken))
        {
            return DiffersInCase(name, taken.Name, taken.Holder + " also maps to", "to which " + taken.Holder + " maps");
        }

        return s_recordMembers.Concat(s_forbiddenInRecords).Contains(name, StringComparer.Ordinal)
            ? "every generated record has as a member (a record cannot be named like its member)"
            : "the generated code needs in this namespace";
    }

    /// <summary>Whether every plan event's record has a member of this name (an event named so gets an <c>Event</c> suffix).</summary>
    public static bool IsEventRecordMember(string name) => s_recordMembers.Contains(name) || name is "Clone" or "EventName" or "Destinations";

    /// <summary>What already holds a C# member name, as EC1005's message words it ("which ...").</summary>
    private static string TakenBy(List<(string JsonName, string CSharpName)> claimed, string preferred, string recordName)
    {
        string bare = Naming.Bare(preferred);
        if (claimed.FirstOrDefault(m => string.Equals(Naming.Bare(m.CSharpName), bare, StringComparison.OrdinalIgnoreCase)) is { JsonName: { } other } taken)
        {
            return DiffersInCase(bare, Naming.Bare(taken.CSharpName), "JSON name '" + other + "' also maps to", "to which JSON name '" + other + "' maps");
        }

        if (bare == Naming.Bare(recordName))
        {
            return "is the record's own name";
        }

        if (bare == "Clone")
        {
            return "C# does not allow in a record";
        }

        string member = s_recordMembers.Concat(new[] { "EventName", "Destinations" }).FirstOrDefault(m => string.Equals(m, bare, StringComparison.OrdinalIgnoreCase)) ?? bare;
        string holder = member is "EventName" or "Destinations" ? "every plan event's record" : "every generated record";
        return DiffersInCase(bare, member, holder + " already has as a member", "which " + holder + " has as a member");
    }

    /// <summary>
    /// EC1005's "which ..." for a name taken exactly (<paramref name="exact"/>), or one that differs only in case from
    /// <paramref name="taken"/> ("differs only in case from 'UserId', to which ...").
    /// </summary>
    internal static string DiffersInCase(string name, string taken, string exact, string caseOnly)
        => string.Equals(name, taken, StringComparison.Ordinal) ? exact : "differs only in case from '" + taken + "', " + caseOnly;
}
