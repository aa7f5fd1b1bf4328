using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>
/// Reads JSON Schema nodes into the <see cref="SchemaSpec"/> graph. Every keyword it does not
/// enforce is reported (EC1003), every bad value located (EC1007), and reading goes on.
/// </summary>
internal sealed class SchemaReader
{
    public const int MaxDepth = 64;

    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
        "$schema", "$id", "id", "$comment", "externalDocs", "xml", "discriminator", "definitions", "$defs",
        "contentEncoding", "contentMediaType", "nullable",

        // Resolved by DocumentSet, where a reference names them.
        "$anchor", "$dynamicAnchor", "$recursiveAnchor",

        // Snowplow Iglu's self-describing header (vendor, name, format, version) and the event name, call type and labels
        // that Segment's Typewriter keeps on a rule's schema: metadata, not constraints.
        "self", "eventMetadata", "labels",
    };

    private static readonly HashSet<string> s_supportedFormats = new(StringComparer.Ordinal)
    {
        "date-time", "date", "email", "uri", "uuid",
    };

    // OpenAPI's numeric width hints and its binary and password hints: annotations, documented as not enforced.
    private static readonly HashSet<string> s_widthFormats = new(StringComparer.Ordinal)
    {
        "int32", "int64", "float", "double", "binary", "password",
    };

    // The other formats JSON Schema (2020-12 and earlier drafts) and OpenAPI define: a reader may expect them checked.
    private static readonly HashSet<string> s_definedFormats = new(StringComparer.Ordinal)
    {
        "time", "duration", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "uri-reference", "iri", "iri-reference",
        "uri-template", "json-pointer", "relative-json-pointer", "regex", "byte",
    };

    private DocumentSet? _documents;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly List<SchemaSpec?> _schemas = new();
    private readonly Dictionary<SourceNode, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, string> _componentNames = new();
    private readonly Dictionary<(int SchemaId, string Property), FileLocation> _propertyLocations = new();
    private readonly Dictionary<(int SchemaId, string Json), FileLocation> _enumValueLocations = new();
    private readonly Dictionary<int, FileLocation> _locations = new();
    private readonly Dictionary<(int SchemaId, string Keyword), FileLocation> _openValueLocations = new();
    private readonly Dictionary<string, string?> _patternErrors = new(StringComparer.Ordinal);

    // unevaluatedProperties/unevaluatedItems as written (where, to report one that cannot be generated), the schemas
    // with an 'if' but no 'then'/'else' (whose names only such a keyword asks about), and the schemas with a dynamic
    // reference (never resolved, so the names they evaluate are not known).
    private readonly List<(int SchemaId, string Keyword, FileLocation Location, string Pointer)> _unevaluated = new();
    private readonly Dictionary<int, int> _loneIfs = new();
    private readonly HashSet<int> _dynamicReferences = new();
    private int? _anySchemaId;

    public SchemaReader(DocumentSet documents, List<DiagnosticInfo> diagnostics)
    {
        _documents = documents;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Whether <c>nullable: true</c> adds null to <c>type</c>, as OpenAPI 3.0 says (and tracking plans and bare schema files
    /// read it); in an OpenAPI 3.1 document, whose schemas are JSON Schema 2020-12, it is no keyword and is reported.
    /// </summary>
    public bool ReadsNullable { get; init; } = true;

    /// <summary>
    /// Whether the schemas are a Segment plan's, whose properties carry Segment Protocols' <c>key</c> (the property's name
    /// in Segment's editor): metadata there, an unknown keyword elsewhere.
    /// </summary>
    public bool ReadsSegmentKeys { get; init; }

    /// <summary>The name under <c>components/schemas</c>, <c>definitions</c> or <c>$defs</c> a schema was declared with.</summary>
    public IReadOnlyDictionary<int, string> ComponentNames => _componentNames;

    /// <summary>Where each schema starts in its file.</summary>
    public IReadOnlyDictionary<int, FileLocation> Locations => _locations;

    public IReadOnlyDictionary<(int SchemaId, string Property), FileLocation> PropertyLocations => _propertyLocations;

    /// <summary>Where each value of a schema's <c>enum</c> is written, keyed by the value's JSON text.</summary>
    public IReadOnlyDictionary<(int SchemaId, string Json), FileLocation> EnumValueLocations => _enumValueLocations;

    /// <summary>
    /// Where a schema's keywords for the values of names it does not declare are written, keyed by the keyword:
    /// <c>additionalProperties</c>, <c>unevaluatedProperties</c>, and <see cref="PatternKey"/> for each
    /// <c>patternProperties</c> pattern.
    /// </summary>
    public IReadOnlyDictionary<(int SchemaId, string Keyword), FileLocation> OpenValueLocations => _openValueLocations;

    /// <summary>The key of a <c>patternProperties</c> pattern in <see cref="OpenValueLocations"/>.</summary>
    public static string PatternKey(string pattern) => "patternProperties/" + pattern;

    public EquatableArray<SchemaSpec> Schemas
    {
        get
        {
            var schemas = System.Collections.Immutable.ImmutableArray.CreateBuilder<SchemaSpec>(_schemas.Count);
            for (int i = 0; i < _schemas.Count; i++)
            {
                schemas.Add(_schemas[i] ?? Empty(i, string.Empty));
            }

            return new EquatableArray<SchemaSpec>(schemas.MoveToImmutable());
        }
    }

    public int Read(SourceNode node, string documentPath, string pointer) => Read(node, documentPath, pointer, 0);

    /// <summary>
    /// Adds a copy of schema <paramref name="id"/> (with its property locations) under a new id, declared at
    /// <paramref name="pointer"/>: a tracking-plan event whose properties are another schema (a definition, another
    /// event's properties, a YAML alias) maps its own copy, so every event gets a record of its own.
    /// </summary>
    /// <returns>The copy's id.</returns>
    public int Copy(int id, string pointer)
    {
        var source = _schemas[id] ?? Empty(id, pointer);
        int copy = _schemas.Count;
        _schemas.Add(source with { Id = copy, Pointer = pointer });
        foreach (var property in source.Properties)
        {
            if (_propertyLocations.TryGetValue((id, property.JsonName), out var location))
            {
                _propertyLocations[(copy, property.JsonName)] = location;
            }
        }

        foreach (string value in source.Enum)
        {
            if (_enumValueLocations.TryGetValue((id, value), out var location))
            {
                _enumValueLocations[(copy, value)] = location;
            }
        }

        if (_locations.TryGetValue(id, out var at))
        {
            _locations[copy] = at;
        }

        foreach (string keyword in source.PatternProperties.Select(p => PatternKey(p.Pattern)).Concat(new[] { "additionalProperties", "unevaluatedProperties" }))
        {
            if (_openValueLocations.TryGetValue((id, keyword), out var keywordAt))
            {
                _openValueLocations[(copy, keyword)] = keywordAt;
            }
        }

        return copy;
    }

    /// <summary>A schema that accepts any JSON value.</summary>
    public int Any()
    {
        if (_anySchemaId is null)
        {
            _anySchemaId = _schemas.Count;
            _schemas.Add(Empty(_anySchemaId.Value, string.Empty));
        }

        return _anySchemaId.Value;
    }

    /// <summary>
    /// A description or title, or null when it has no text: exporters write <c>"description": ""</c> for none, and
    /// generated code documents a member or type without one from its name instead.
    /// </summary>
    public static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A new schema that is the conjunction of <paramref name="parts"/> (<c>allOf</c>), declared at <paramref name="pointer"/>.</summary>
    public int AllOf(string pointer, IEnumerable<int> parts)
    {
        int id = _schemas.Count;
        _schemas.Add(Empty(id, pointer) with { AllOf = parts.ToEquatableArray() });
        return id;
    }

    /// <summary>A new schema that accepts any value, not shared with any other use.</summary>
    public int NewEmpty(string pointer)
    {
        int id = _schemas.Count;
        _schemas.Add(Empty(id, pointer));
        return id;
    }

    private int Read(SourceNode node, string documentPath, string pointer, int depth)
    {
        if (_ids.TryGetValue(node, out int existing))
        {
            return existing;
        }

        if (depth > MaxDepth)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestingTooDeep, node.Location, Shortened(pointer), MaxDepth.ToString(CultureInfo.InvariantCulture)));
            return Any();
        }

        int id = _schemas.Count;
        _schemas.Add(null);
        _ids[node] = id;
        _locations[id] = node.Location;
        string componentName = ComponentName(pointer);
        if (componentName.Length > 0)
        {
            _componentNames[id] = componentName;
        }

        _schemas[id] = node switch
        {
            ScalarNode { Kind: ScalarKind.Boolean } b => Empty(id, pointer) with { AlwaysFails = b.Value == "false" },
            MappingNode mapping => ReadMapping(id, mapping, documentPath, pointer, depth),
            _ => Invalid(id, node, pointer),
        };
        return id;
    }

    /// <summary>
    /// Lets go of the parsed documents once every schema is read (only the schemas, names and locations are
    /// used after that), so a garbage collection while the type model is built need not keep or move them.
    /// </summary>
    public void EndReading()
    {
        _documents = null;
        _ids.Clear();
    }

    /// <summary>
    /// Removes <c>$ref</c>/<c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> edges that lead back to a schema
    /// without descending into a property or item: such a schema would validate the same value
    /// forever. Each broken cycle is reported where it closes. Around that, the <c>unevaluated*</c> keywords are
    /// prepared: those that cannot be generated are reported, and the schemas applied in place under the others are
    /// told to mark what they evaluate.
    /// </summary>
    public void BreakNonNestingCycles()
    {
        PrepareUnevaluated();
        BreakCycles();
        MarkEvaluatingSchemas();
    }

    private void BreakCycles()
    {
        var state = new byte[_schemas.Count];

        // Iterative DFS: (schema id, index of the next edge to follow).
        var stack = new Stack<(int Id, int Next)>();
        for (int root = 0; root < _schemas.Count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                if (next >= SameValueEdgeCount(_schemas[id]))
                {
                    state[id] = 2;
                    continue;
                }

                stack.Push((id, next + 1));
                int target = SameValueEdge(_schemas[id]!, next);
                if (state[target] == 1)
                {
                    _schemas[id] = WithoutEdge(_schemas[id]!, target);
                    var location = _locations.TryGetValue(id, out var l) ? l : default;
                    if (location.Path is not null)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidContract,
                            location,
                            "The schema at " + Display(_schemas[id]!.Pointer) + " refers back to itself through $ref/allOf/anyOf/oneOf without nesting into a property or item; that reference is ignored"));
                    }
                }
                else if (state[target] == 0)
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }
    }

    // A schema's same-value edges, in order: $ref, allOf, anyOf, oneOf, then not, if, then, else, dependentSchemas.
    private static int SameValueEdgeCount(SchemaSpec? schema)
        => schema is null ? 0 : (schema.RefId is null ? 0 : 1) + schema.AllOf.Count + schema.AnyOf.Count + schema.OneOf.Count
            + (schema.Assertions?.SameValueChildren().Count() ?? 0);

    private static int SameValueEdge(SchemaSpec schema, int index)
    {
        if (schema.RefId is int target)
        {
            if (index == 0)
            {
                return target;
            }

            index--;
        }

        if (index < schema.AllOf.Count)
        {
            return schema.AllOf[index];
        }

        index -= schema.AllOf.Count;
        if (index < schema.AnyOf.Count)
        {
            return schema.AnyOf[index];
        }

        index -= schema.AnyOf.Count;
        return index < schema.OneOf.Count ? schema.OneOf[index] : schema.Assertions!.SameValueChildren().ElementAt(index - schema.OneOf.Count);
    }

    private static SchemaSpec WithoutEdge(SchemaSpec schema, int target) => schema with
    {
        RefId = schema.RefId == target ? null : schema.RefId,
        AllOf = schema.AllOf.Where(i => i != target).ToEquatableArray(),
        AnyOf = schema.AnyOf.Where(i => i != target).ToEquatableArray(),
        OneOf = schema.OneOf.Where(i => i != target).ToEquatableArray(),
        Assertions = schema.Assertions?.WithoutSameValue(target),
    };

    /// <summary>
    /// Before cycles are broken: an <c>unevaluated*</c> keyword whose in-place subschemas use a dynamic reference is
    /// reported (EC1003) and dropped, since the names the reference's target evaluates are not known; and a lone
    /// <c>if</c> applied in place under an <c>unevaluated*</c> keyword is kept, since the names it evaluates when it
    /// matches count as evaluated.
    /// </summary>
    private void PrepareUnevaluated()
    {
        if (_unevaluated.Count == 0)
        {
            return;
        }

        if (_dynamicReferences.Count > 0)
        {
            DropUnevaluatedOverDynamicReferences();
        }

        var reached = InPlaceReach(Unevaluated(), loneIfs: true);
        foreach (var loneIf in _loneIfs.OrderBy(pair => pair.Key))
        {
            if (reached.Contains(loneIf.Key) && _schemas[loneIf.Key] is { } schema)
            {
                _schemas[loneIf.Key] = schema with { Assertions = (schema.Assertions ?? AssertionSpec.None) with { If = loneIf.Value } };
            }
        }
    }

    private void DropUnevaluatedOverDynamicReferences()
    {
        foreach (var (schemaId, keyword, location, pointer) in _unevaluated)
        {
            if (_schemas[schemaId] is not { Assertions: { } assertions } schema)
            {
                continue;
            }

            int? dynamic = InPlaceReach(new[] { schemaId }, loneIfs: true).Where(_dynamicReferences.Contains).OrderBy(id => id).Select(id => (int?)id).FirstOrDefault();
            if (dynamic is null)
            {
                continue;
            }

            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedKeyword,
                location,
                keyword,
                Display(pointer),
                "the schema at " + Display(_schemas[dynamic.Value]?.Pointer ?? string.Empty) + ", applied to the same value, has a dynamic reference ($dynamicRef/$recursiveRef), which is not resolved, so the names and items it evaluates are not known"));
            var without = keyword == "unevaluatedProperties"
                ? assertions with { UnevaluatedProperties = null, UnevaluatedPropertiesForbidden = false }
                : assertions with { UnevaluatedItems = null, UnevaluatedItemsForbidden = false };
            _schemas[schemaId] = schema with { Assertions = without.IsEmpty ? null : without };
        }
    }

    /// <summary>After cycles are broken: flags the schemas whose validators tell which members they evaluate (<see cref="SchemaSpec.MarksEvaluated"/>).</summary>
    private void MarkEvaluatingSchemas()
    {
        if (_unevaluated.Count == 0)
        {
            return;
        }

        foreach (int id in InPlaceReach(Unevaluated(), loneIfs: false).OrderBy(id => id))
        {
            if (_schemas[id] is { } schema && Evaluates(schema))
            {
                _schemas[id] = schema with { MarksEvaluated = true };
            }
        }

        static bool Evaluates(SchemaSpec s)
            => !s.AlwaysFails && (!s.Properties.IsEmpty || !s.PatternProperties.IsEmpty || s.AdditionalPropertiesId is not null || s.ItemsId is not null
                || !s.PrefixItems.IsEmpty || s.Assertions is { Contains: not null } || s.Assertions is { HasUnevaluated: true });
    }

    private IEnumerable<int> Unevaluated()
        => _unevaluated.Select(u => u.SchemaId).Where(id => _schemas[id]?.Assertions is { HasUnevaluated: true }).Distinct();

    /// <summary>
    /// The schemas applied to the same value as <paramref name="roots"/> whose annotations can reach them: through
    /// <c>$ref</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>if</c>/<c>then</c>/<c>else</c> and
    /// <c>dependentSchemas</c> (not <c>not</c>, whose annotations never count), the roots included.
    /// </summary>
    private HashSet<int> InPlaceReach(IEnumerable<int> roots, bool loneIfs)
    {
        var reached = new HashSet<int>();
        var pending = new Stack<int>(roots);
        while (pending.Count > 0)
        {
            int id = pending.Pop();
            if (!reached.Add(id) || _schemas[id] is not { } s)
            {
                continue;
            }

            var next = new List<int>();
            if (s.RefId is int target)
            {
                next.Add(target);
            }

            next.AddRange(s.AllOf);
            next.AddRange(s.AnyOf);
            next.AddRange(s.OneOf);
            if (s.Assertions is { } a)
            {
                if (a.If is int test)
                {
                    next.Add(test);
                }

                next.AddRange(a.ConditionalChildren());
            }

            if (loneIfs && _loneIfs.TryGetValue(id, out int lone))
            {
                next.Add(lone);
            }

            foreach (int child in next)
            {
                pending.Push(child);
            }
        }

        return reached;
    }

    private SchemaSpec Invalid(int id, SourceNode node, string pointer)
    {
        _diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.InvalidContract,
            node.Location,
            "The schema at " + Display(pointer) + " is " + WithArticle(node.Describe()) + "; a schema must be an object or a boolean. It is treated as accepting any value"));
        return Empty(id, pointer);
    }

    private static string WithArticle(string kind) => kind == "null" ? kind : ("aeiou".IndexOf(kind[0]) >= 0 ? "an " : "a ") + kind;

    private SchemaSpec ReadMapping(int id, MappingNode mapping, string documentPath, string pointer, int depth)
    {
        var spec = new Draft();
        HashSet<string>? readOnlyNames = null;
        bool exclusiveMinimumFlag = false;
        bool exclusiveMaximumFlag = false;
        bool nullable = false;
        SourceNode? nullableValue = null;
        var dynamicTargets = new List<int>(0);

        foreach (var entry in mapping.Entries)
        {
            string keyword = entry.Key.Value;
            var value = entry.Value;
            var at = new KeywordPointer(pointer, keyword);
            switch (keyword)
            {
                case "type":
                    spec.Types = ReadTypes(value, at);
                    break;
                case "nullable":
                    nullable = value is ScalarNode n && n.TryGetBool(out bool isNullable) && isNullable;
                    nullableValue = value;
                    if (nullable && !ReadsNullable)
                    {
                        nullable = false;
                        Unsupported(entry.Key, at, "OpenAPI 3.1 schemas are JSON Schema 2020-12, which has no 'nullable', so null stays invalid; list \"null\" in 'type' to allow it (type: [string, \"null\"])");
                    }

                    break;
                case "properties":
                    if (value is MappingNode props)
                    {
                        string propertiesAt = at.ToString();
                        var list = new List<PropertySpec>(props.Entries.Count);
                        foreach (var p in props.Entries)
                        {
                            int childId = Read(p.Value, documentPath, propertiesAt + "/" + Escape(p.Key.Value), depth + 1);
                            list.Add(new PropertySpec(p.Key.Value, childId));
                            _propertyLocations[(id, p.Key.Value)] = p.Key.Location;
                            if (p.Value is MappingNode property && property.Get("readOnly") is ScalarNode flag && flag.TryGetBool(out bool readOnly) && readOnly)
                            {
                                (readOnlyNames ??= new HashSet<string>(StringComparer.Ordinal)).Add(p.Key.Value);
                            }
                        }

                        spec.Properties = list.ToEquatableArray();
                    }
                    else
                    {
                        InvalidValue(keyword, at, value, "expected an object of property schemas");
                    }

                    break;
                case "required":
                    spec.Required = ReadStrings(keyword, at, value);
                    break;
                case "additionalProperties":
                    _openValueLocations[(id, keyword)] = entry.Key.Location;
                    if (value is ScalarNode { Kind: ScalarKind.Boolean } ap)
                    {
                        // An explicit 'true' is kept as an any-value schema so records keep the extra properties.
                        if (ap.Value == "false")
                        {
                            spec.AdditionalPropertiesForbidden = true;
                        }
                        else
                        {
                            spec.AdditionalPropertiesId = Any();
                        }
                    }
                    else
                    {
                        spec.AdditionalPropertiesId = Read(value, documentPath, at.ToString(), depth + 1);
                    }

                    break;
                case "propertyNames":
                    spec.PropertyNamesId = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "minProperties":
                    spec.MinProperties = ReadCount(keyword, at, value);
                    break;
                case "maxProperties":
                    spec.MaxProperties = ReadCount(keyword, at, value);
                    break;
                case "enum":
                    if (value is SequenceNode values && values.Items.Count > 0)
                    {
                        spec.Enum = values.Items.Select(JsonText.Write).Distinct().ToEquatableArray();
                        foreach (var item in values.Items)
                        {
                            var key = (id, JsonText.Write(item));
                            if (!_enumValueLocations.ContainsKey(key))
                            {
                                _enumValueLocations[key] = item.Location;
                            }
                        }
                    }
                    else
                    {
                        InvalidValue(keyword, at, value, "expected a non-empty array");
                    }

                    break;
                case "const":
                    spec.Const = JsonText.Write(value);
                    break;
                case "minLength":
                    spec.MinLength = ReadCount(keyword, at, value);
                    break;
                case "maxLength":
                    spec.MaxLength = ReadCount(keyword, at, value);
                    break;
                case "pattern":
                    spec.Pattern = ReadPattern(at, value);
                    break;
                case "format":
                    spec.Format = ReadFormat(at, value);
                    break;
                case "minimum":
                    spec.Minimum = ReadNumber(keyword, at, value);
                    break;
                case "maximum":
                    spec.Maximum = ReadNumber(keyword, at, value);
                    break;
                case "exclusiveMinimum":
                    if (value is ScalarNode { Kind: ScalarKind.Boolean } exMin)
                    {
                        exclusiveMinimumFlag = exMin.Value == "true";
                    }
                    else
                    {
                        spec.ExclusiveMinimum = ReadNumber(keyword, at, value);
                    }

                    break;
                case "exclusiveMaximum":
                    if (value is ScalarNode { Kind: ScalarKind.Boolean } exMax)
                    {
                        exclusiveMaximumFlag = exMax.Value == "true";
                    }
                    else
                    {
                        spec.ExclusiveMaximum = ReadNumber(keyword, at, value);
                    }

                    break;
                case "multipleOf":
                    string? divisor = ReadNumber(keyword, at, value);
                    if (divisor is not null && decimal.Parse(divisor, CultureInfo.InvariantCulture) <= 0)
                    {
                        // A positive number below decimal's precision reads as 0: say so rather than "not positive".
                        bool tiny = value is ScalarNode { Value: var text } && !text.StartsWith("-", StringComparison.Ordinal)
                            && text.Split('e', 'E')[0].Any(c => c is >= '1' and <= '9');
                        InvalidValue(keyword, at, value, tiny ? "the number is below the smallest supported step (1e-28)" : "must be greater than 0");
                        divisor = null;
                    }

                    spec.MultipleOf = divisor;
                    break;
                case "items":
                    if (value is SequenceNode)
                    {
                        // Draft 7's tuple form: the same as 2020-12's prefixItems, with additionalItems for the rest.
                        spec.PrefixItems = ReadSchemaList(keyword, at, value, documentPath, depth);
                        spec.TupleItems = true;
                    }
                    else
                    {
                        spec.ItemsId = Read(value, documentPath, at.ToString(), depth + 1);
                    }

                    break;
                case "prefixItems":
                    spec.PrefixItems = ReadSchemaList(keyword, at, value, documentPath, depth);
                    break;
                case "additionalItems":
                    spec.AdditionalItemsId = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "patternProperties":
                    if (value is MappingNode patterns)
                    {
                        string patternsAt = at.ToString();
                        foreach (var p in patterns.Entries)
                        {
                            var patternAt = new KeywordPointer(patternsAt, p.Key.Value);
                            if (ReadPattern(at, p.Key) is { } pattern)
                            {
                                int patternSchema = Read(p.Value, documentPath, patternAt.ToString(), depth + 1);
                                _openValueLocations[(id, PatternKey(pattern))] = p.Key.Location;
                                (spec.PatternProperties ??= new List<PatternPropertySpec>()).Add(new PatternPropertySpec(pattern, patternSchema));
                            }
                        }
                    }
                    else
                    {
                        InvalidValue(keyword, at, value, "expected an object whose names are regular expressions");
                    }

                    break;
                case "minItems":
                    spec.MinItems = ReadCount(keyword, at, value);
                    break;
                case "maxItems":
                    spec.MaxItems = ReadCount(keyword, at, value);
                    break;
                case "uniqueItems":
                    spec.UniqueItems = value is ScalarNode u && u.TryGetBool(out bool unique) && unique;
                    break;
                case "allOf":
                    spec.AllOf = ReadSchemaList(keyword, at, value, documentPath, depth);
                    break;
                case "anyOf":
                    spec.AnyOf = ReadSchemaList(keyword, at, value, documentPath, depth);
                    break;
                case "oneOf":
                    spec.OneOf = ReadSchemaList(keyword, at, value, documentPath, depth);
                    break;
                case "$ref":
                    spec.RefId = ReadReference(entry.Key, value, documentPath, pointer, at, depth);
                    break;
                case "$dynamicRef" or "$recursiveRef":
                    if (StaticDynamicReference(entry.Key, value, documentPath, pointer, at, depth) is int dynamicTarget)
                    {
                        dynamicTargets.Add(dynamicTarget);
                    }
                    else
                    {
                        _dynamicReferences.Add(id);
                    }

                    break;
                case "not":
                    spec.Not = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "if":
                    spec.If = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "then":
                    spec.Then = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "else":
                    spec.Else = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "dependentRequired":
                case "dependentSchemas":
                case "dependencies":
                    ReadDependencies(ref spec, keyword, at, value, documentPath, depth);
                    break;
                case "contains":
                    spec.Contains = Read(value, documentPath, at.ToString(), depth + 1);
                    break;
                case "unevaluatedProperties":
                case "unevaluatedItems":
                    {
                        // As additionalProperties: false is a flag, true a schema that accepts anything (the names it
                        // evaluates still count for an enclosing schema's unevaluated* keyword).
                        bool forbidden = value is ScalarNode { Kind: ScalarKind.Boolean, Value: "false" };
                        int? schemaId = forbidden ? null : value is ScalarNode { Kind: ScalarKind.Boolean } ? Any() : Read(value, documentPath, at.ToString(), depth + 1);
                        if (keyword == "unevaluatedProperties")
                        {
                            _openValueLocations[(id, keyword)] = entry.Key.Location;
                            spec.UnevaluatedPropertiesForbidden = forbidden;
                            spec.UnevaluatedProperties = schemaId;
                        }
                        else
                        {
                            spec.UnevaluatedItemsForbidden = forbidden;
                            spec.UnevaluatedItems = schemaId;
                        }

                        _unevaluated.Add((id, keyword, entry.Key.Location, at.ToString()));
                        break;
                    }

                case "minContains":
                    spec.MinContains = ReadCount(keyword, at, value);
                    break;
                case "maxContains":
                    spec.MaxContains = ReadCount(keyword, at, value);
                    break;
                case "x-ec-max-bytes":
                    spec.MaxBytes = ReadCount(keyword, at, value);
                    break;
                case "title":
                    spec.Title = NonBlank((value as ScalarNode)?.Value);
                    break;
                case "x-ec-event-name":
                case "x-ec-properties":
                case "x-ec-message-id":
                case "x-ec-batch":
                    spec.Envelope = WithEnvelope(spec.Envelope, keyword, value, at);
                    break;
                case "x-ec-reserved":
                    spec.Reserved = (value as ScalarNode)?.Value ?? "reserved";
                    break;
                case "x-ec-code-list":
                    if (value is ScalarNode { Kind: ScalarKind.String } codeList && Checks.CodeLists.IsKnown(codeList.Value))
                    {
                        spec.CodeList = codeList.Value;
                    }
                    else
                    {
                        InvalidValue(keyword, at, value, "the known code lists are: iso4217");
                    }

                    break;
                case "description":
                    spec.Description = NonBlank((value as ScalarNode)?.Value);
                    break;
                default:
                    if (Extensions.IsUnknown(keyword, Extensions.Schema))
                    {
                        Unsupported(entry.Key, at, Extensions.Reason("schemas"));
                    }
                    else if (!keyword.StartsWith("x-", StringComparison.Ordinal) && !s_annotations.Contains(keyword) && !(ReadsSegmentKeys && keyword == "key"))
                    {
                        Unsupported(entry.Key, at, UnsupportedReason(keyword));
                    }

                    break;
            }
        }

        // A $dynamicRef that can reach one schema only applies it in place, as a $ref (or one more allOf part) does.
        foreach (int target in dynamicTargets)
        {
            if (spec.RefId is null)
            {
                spec.RefId = target;
            }
            else
            {
                spec.AllOf = spec.AllOf.Append(target).ToEquatableArray();
            }
        }

        if (exclusiveMinimumFlag && spec.Minimum is not null)
        {
            spec.ExclusiveMinimum = spec.Minimum;
            spec.Minimum = null;
        }

        if (exclusiveMaximumFlag && spec.Maximum is not null)
        {
            spec.ExclusiveMaximum = spec.Maximum;
            spec.Maximum = null;
        }

        if (nullable && spec.Types != JsonTypeSet.None)
        {
            spec.Types |= JsonTypeSet.Null;

            // Often meant as "or null", but the enum (or const) still applies to null, so null stays invalid.
            string? excludes = spec.Const is { } constant
                ? (constant == "null" ? null : "const")
                : (!spec.Enum.IsEmpty && !spec.Enum.Contains("null") ? "enum" : null);
            if (excludes is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NullableEnumWithoutNull, nullableValue!.Location, Display(pointer), excludes));
            }
        }

        // OpenAPI: a readOnly property in 'required' is required in responses only. Types and validators serve the
        // request a client sends, so it is optional there (and a response without it is accepted too).
        if (readOnlyNames is not null)
        {
            spec.Required = spec.Required.Where(name => !readOnlyNames.Contains(name)).ToEquatableArray();
        }

        if (spec.If is int loneIf && spec.Then is null && spec.Else is null)
        {
            _loneIfs[id] = loneIf;
        }

        return spec.ToSpec(id, pointer);
    }

    private EnvelopeSpec WithEnvelope(EnvelopeSpec? envelope, string keyword, SourceNode value, KeywordPointer at)
    {
        envelope ??= new EnvelopeSpec(null, null, null);
        if (value is not ScalarNode { Kind: ScalarKind.String } name)
        {
            InvalidValue(keyword, at, value, "expected the name of a property of this object");
            return envelope;
        }

        return keyword switch
        {
            "x-ec-event-name" => envelope with { EventNameProperty = name.Value },
            "x-ec-properties" => envelope with { PropertiesProperty = name.Value },
            "x-ec-batch" => envelope with { BatchItemsProperty = name.Value },
            _ => envelope with { MessageIdProperty = name.Value },
        };
    }

    private int? ReadReference(ScalarNode key, SourceNode value, string documentPath, string pointer, KeywordPointer at, int depth)
        => TryResolveReference(key, value, documentPath, pointer, at, out _, out var target) ? Read(target.Node, target.DocumentPath, target.Pointer, depth + 1) : null;

    /// <summary>
    /// Reads a <c>$dynamicRef</c> (or 2019-09's <c>$recursiveRef</c>) whose target does not depend on the dynamic scope:
    /// one that does not point at a <c>$dynamicAnchor</c> (a schema with <c>$recursiveAnchor: true</c>), or at one that no
    /// other schema declares. Otherwise (EC1003) it is not validated.
    /// </summary>
    private int? StaticDynamicReference(ScalarNode key, SourceNode value, string documentPath, string pointer, KeywordPointer at, int depth)
    {
        if (!TryResolveReference(key, value, documentPath, pointer, at, out string reference, out var target))
        {
            return null;
        }

        var documents = _documents!;
        int hash = reference.IndexOf('#');
        string fragment = hash < 0 ? string.Empty : Uri.UnescapeDataString(reference.Substring(hash + 1));
        if (key.Value == "$recursiveRef")
        {
            if (target.Node is MappingNode recursive && recursive.Get("$recursiveAnchor") is ScalarNode flag && flag.TryGetBool(out bool isRecursive) && isRecursive
                && documents.RecursiveAnchorDeclarations() > 1)
            {
                Unsupported(key, at, "more than one schema says $recursiveAnchor: true, so the schema it reaches depends on the dynamic scope, which is not resolved");
                return null;
            }
        }
        else if (fragment.Length > 0 && fragment[0] != '/' && target.Node is MappingNode anchored
            && anchored.GetString("$dynamicAnchor") == fragment && documents.DynamicAnchorDeclarations(fragment) > 1)
        {
            Unsupported(key, at, "$dynamicAnchor '" + fragment + "' is declared by more than one schema, so the schema it reaches depends on the dynamic scope, which is not resolved");
            return null;
        }

        return Read(target.Node, target.DocumentPath, target.Pointer, depth + 1);
    }

    /// <summary>Resolves the value of a reference keyword written at <paramref name="pointer"/>; EC1007 or EC1002 when it cannot be.</summary>
    private bool TryResolveReference(ScalarNode key, SourceNode value, string documentPath, string pointer, KeywordPointer at, out string reference, out ResolvedNode target)
    {
        target = default;
        reference = string.Empty;
        if (value is not ScalarNode { Kind: ScalarKind.String } text)
        {
            InvalidValue(key.Value, at, value, "expected a string");
            return false;
        }

        reference = text.Value;
        var documents = _documents ?? throw new InvalidOperationException("A " + key.Value + " was read after EndReading");
        if (!documents.TryResolve(reference, documentPath, out target, out string error, pointer))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedReference, text.Location, reference, error));
            return false;
        }

        return true;
    }

    private EquatableArray<int> ReadSchemaList(string keyword, KeywordPointer at, SourceNode value, string documentPath, int depth)
    {
        if (value is not SequenceNode sequence || sequence.Items.Count == 0)
        {
            InvalidValue(keyword, at, value, "expected a non-empty array of schemas");
            return EquatableArray<int>.Empty;
        }

        string listAt = at.ToString();
        var ids = new List<int>(sequence.Items.Count);
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            ids.Add(Read(sequence.Items[i], documentPath, listAt + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1));
        }

        return ids.ToEquatableArray();
    }

    private JsonTypeSet ReadTypes(SourceNode value, KeywordPointer at)
    {
        var names = value switch
        {
            ScalarNode { Kind: ScalarKind.String } s => new[] { s },
            SequenceNode seq => seq.Items.OfType<ScalarNode>().ToArray(),
            _ => Array.Empty<ScalarNode>(),
        };
        if (names.Length == 0)
        {
            InvalidValue("type", at, value, "expected a type name or an array of type names");
            return JsonTypeSet.None;
        }

        var types = JsonTypeSet.None;
        foreach (var name in names)
        {
            var type = name.Value switch
            {
                "null" => JsonTypeSet.Null,
                "boolean" => JsonTypeSet.Boolean,
                "object" => JsonTypeSet.Object,
                "array" => JsonTypeSet.Array,
                "number" => JsonTypeSet.Number,
                "string" => JsonTypeSet.String,
                "integer" => JsonTypeSet.Integer,
                _ => JsonTypeSet.None,
            };
            if (type == JsonTypeSet.None)
            {
                InvalidValue("type", at, name, "'" + name.Value + "' is not a JSON Schema type");
            }

            types |= type;
        }

        return types;
    }

    private EquatableArray<string> ReadStrings(string keyword, KeywordPointer at, SourceNode value)
    {
        if (value is SequenceNode seq && seq.Items.All(i => i is ScalarNode { Kind: ScalarKind.String }))
        {
            return seq.Items.Cast<ScalarNode>().Select(s => s.Value).Distinct().ToEquatableArray();
        }

        InvalidValue(keyword, at, value, "expected an array of strings");
        return EquatableArray<string>.Empty;
    }

    /// <summary>
    /// Reads <c>dependentRequired</c> (name → names), <c>dependentSchemas</c> (name → schema) or draft 7's
    /// <c>dependencies</c>, whose entries are either, told apart by their value.
    /// </summary>
    private void ReadDependencies(ref Draft spec, string keyword, KeywordPointer at, SourceNode value, string documentPath, int depth)
    {
        if (value is not MappingNode entries)
        {
            InvalidValue(keyword, at, value, "expected an object");
            return;
        }

        string entriesAt = at.ToString();
        foreach (var entry in entries.Entries)
        {
            string name = entry.Key.Value;
            var entryAt = new KeywordPointer(entriesAt, name);
            if (keyword != "dependentSchemas" && entry.Value is SequenceNode)
            {
                var required = ReadStrings(keyword, entryAt, entry.Value);
                (spec.DependentRequired ??= new List<DependentRequiredSpec>()).Add(new DependentRequiredSpec(name, required));
            }
            else if (keyword != "dependentRequired")
            {
                int id = Read(entry.Value, documentPath, entryAt.ToString(), depth + 1);
                (spec.DependentSchemas ??= new List<PropertySpec>()).Add(new PropertySpec(name, id));
            }
            else
            {
                InvalidValue(keyword, entryAt, entry.Value, "expected an array of strings");
            }
        }
    }

    private int? ReadCount(string keyword, KeywordPointer at, SourceNode value)
    {
        if (value is ScalarNode s && s.TryGetInt(out int count))
        {
            return count;
        }

        if (value is ScalarNode n && n.TryGetDecimal(out decimal d) && d == decimal.Truncate(d) && d >= 0 && d <= int.MaxValue)
        {
            return (int)d;
        }

        InvalidValue(keyword, at, value, "expected a non-negative integer");
        return null;
    }

    private string? ReadNumber(string keyword, KeywordPointer at, SourceNode value)
    {
        if (value is ScalarNode s && s.TryGetDecimal(out decimal d))
        {
            return d.ToString(CultureInfo.InvariantCulture);
        }

        InvalidValue(keyword, at, value, value is ScalarNode { Kind: ScalarKind.Number } ? "the number is outside the supported range (±7.9e28)" : "expected a number");
        return null;
    }

    private string? ReadPattern(KeywordPointer at, SourceNode value)
    {
        if (value is not ScalarNode { Kind: ScalarKind.String } s)
        {
            InvalidValue("pattern", at, value, "expected a regular expression string");
            return null;
        }

        // Plans repeat the same few patterns on many properties: each is compiled once per read.
        if (!_patternErrors.TryGetValue(s.Value, out string? error))
        {
            error = PatternError(s.Value);
            _patternErrors[s.Value] = error;
        }

        if (error is not null)
        {
            InvalidValue("pattern", at, value, error);
            return null;
        }

        return s.Value;
    }

    /// <summary>Why a pattern is not a regular expression the runtime can run (ECMA-262, translated as the runtime does), or null.</summary>
    private static string? PatternError(string pattern)
    {
        try
        {
            _ = new Regex(EventContracts.Validation.EcmaScriptRegex.Translate(pattern), RegexOptions.CultureInvariant, EventContracts.Validation.EcmaScriptRegex.MatchTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private string? ReadFormat(KeywordPointer at, SourceNode value)
    {
        if (value is not ScalarNode { Kind: ScalarKind.String } s)
        {
            InvalidValue("format", at, value, "expected a string");
            return null;
        }

        if (s_supportedFormats.Contains(s.Value))
        {
            return s.Value;
        }

        if (s_definedFormats.Contains(s.Value))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFormat, s.Location, s.Value, Display(at.ToString())));
        }
        else if (!s_widthFormats.Contains(s.Value))
        {
            // A name no specification defines (Userpilot's "color" on an error code): no validator checks it.
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownFormat, s.Location, s.Value, Display(at.ToString())));
        }

        return null;
    }

    private void InvalidValue(string keyword, KeywordPointer at, SourceNode value, string reason)
        => _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKeywordValue, value.Location, keyword, Display(at.ToString()), reason));

    private void Unsupported(ScalarNode key, KeywordPointer at, string reason)
        => _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedKeyword, key.Location, key.Value, Display(at.ToString()), reason));

    private static string UnsupportedReason(string keyword) => keyword switch
    {
        "$vocabulary" => "vocabularies are not read: every keyword this toolkit knows is applied",
        _ => "it is not a JSON Schema keyword this toolkit knows (vendor extensions start with x-)",
    };

    private static readonly string[] s_componentPrefixes = { "/components/schemas/", "/definitions/", "/$defs/" };

    private static string ComponentName(string pointer)
    {
        foreach (string prefix in s_componentPrefixes)
        {
            if (pointer.StartsWith(prefix, StringComparison.Ordinal))
            {
                string rest = pointer.Substring(prefix.Length);
                if (rest.IndexOf('/') < 0)
                {
                    return rest.Replace("~1", "/").Replace("~0", "~");
                }
            }
        }

        return string.Empty;
    }

    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    public static string Display(string pointer) => "#" + pointer;

    /// <summary>A long pointer with its middle left out (the diagnostic's location shows where it is).</summary>
    private static string Shortened(string pointer)
    {
        string[] segments = pointer.Split('/');
        const int Head = 5, Tail = 2;
        return segments.Length <= Head + Tail + 1
            ? Display(pointer)
            : "#" + string.Join("/", segments.Take(Head)) + "/(" + (segments.Length - Head - Tail).ToString(CultureInfo.InvariantCulture) + " more segments)/" + string.Join("/", segments.Skip(segments.Length - Tail));
    }

    private static SchemaSpec Empty(int id, string pointer) => new(
        id, pointer, false, JsonTypeSet.None, EquatableArray<PropertySpec>.Empty, EquatableArray<string>.Empty,
        null, false, null, null, null, EquatableArray<string>.Empty, null, null, null, null, null, null, null, null, null, null,
        null, null, null, false, EquatableArray<int>.Empty, EquatableArray<int>.Empty, EquatableArray<int>.Empty, null, null, null, null);

    /// <summary>
    /// The JSON Pointer of a keyword's value (<c>schema/keyword</c>), built only when a child schema is read
    /// there or a diagnostic names it: most keywords need neither.
    /// </summary>
    private readonly struct KeywordPointer
    {
        private readonly string _schema;
        private readonly string? _keyword;

        public KeywordPointer(string schema, string? keyword)
        {
            _schema = schema;
            _keyword = keyword;
        }

        public static implicit operator KeywordPointer(string pointer) => new(pointer, null);

        public override string ToString() => _keyword is null ? _schema : _schema + "/" + Escape(_keyword);
    }

    /// <summary>
    /// A schema being read: its keywords are set one by one, and the record is built once at the end.
    /// A struct, so a schema in progress costs no allocation of its own.
    /// </summary>
    private struct Draft
    {
        public JsonTypeSet Types;
        public EquatableArray<PropertySpec> Properties = EquatableArray<PropertySpec>.Empty;
        public EquatableArray<string> Required = EquatableArray<string>.Empty;
        public int? AdditionalPropertiesId;
        public bool AdditionalPropertiesForbidden;
        public int? PropertyNamesId;
        public int? MinProperties;
        public int? MaxProperties;
        public EquatableArray<string> Enum = EquatableArray<string>.Empty;
        public string? Const;
        public int? MinLength;
        public int? MaxLength;
        public string? Pattern;
        public string? Format;
        public string? Minimum;
        public string? Maximum;
        public string? ExclusiveMinimum;
        public string? ExclusiveMaximum;
        public string? MultipleOf;
        public int? ItemsId;
        public int? MinItems;
        public int? MaxItems;
        public bool UniqueItems;
        public EquatableArray<int> AllOf = EquatableArray<int>.Empty;
        public EquatableArray<int> AnyOf = EquatableArray<int>.Empty;
        public EquatableArray<int> OneOf = EquatableArray<int>.Empty;
        public int? RefId;
        public int? MaxBytes;
        public string? Title;
        public string? Description;
        public EnvelopeSpec? Envelope;
        public string? Reserved;
        public string? CodeList;
        public int? Not;
        public int? If;
        public int? Then;
        public int? Else;
        public List<DependentRequiredSpec>? DependentRequired;
        public List<PropertySpec>? DependentSchemas;
        public int? Contains;
        public int? MinContains;
        public int? MaxContains;
        public List<PatternPropertySpec>? PatternProperties;
        public EquatableArray<int> PrefixItems = EquatableArray<int>.Empty;
        public bool TupleItems;
        public int? AdditionalItemsId;
        public int? UnevaluatedProperties;
        public bool UnevaluatedPropertiesForbidden;
        public int? UnevaluatedItems;
        public bool UnevaluatedItemsForbidden;

        public Draft()
        {
        }

        public readonly SchemaSpec ToSpec(int id, string pointer) => new(
            id, pointer, false, Types, Properties, Required, AdditionalPropertiesId, AdditionalPropertiesForbidden, PropertyNamesId,
            MinProperties, MaxProperties, Enum, Const, MinLength, MaxLength, Pattern, Format, Minimum, Maximum, ExclusiveMinimum,
            ExclusiveMaximum, MultipleOf, TupleItems ? AdditionalItemsId : ItemsId, MinItems, MaxItems, UniqueItems, AllOf, AnyOf, OneOf, RefId, MaxBytes, Title,
            Description, Envelope, Reserved, CodeList, Assertions(),
            PatternProperties?.ToEquatableArray() ?? EquatableArray<PatternPropertySpec>.Empty,
            PrefixItems);

        private readonly AssertionSpec? Assertions()
        {
            bool conditional = If is not null && (Then is not null || Else is not null);
            bool unevaluated = UnevaluatedProperties is not null || UnevaluatedPropertiesForbidden || UnevaluatedItems is not null || UnevaluatedItemsForbidden;
            if (Not is null && !conditional && DependentRequired is null && DependentSchemas is null && Contains is null && !unevaluated)
            {
                return null;
            }

            // if without then/else, and minContains/maxContains without contains, assert nothing (JSON Schema 2020-12).
            return new AssertionSpec(
                Not,
                conditional ? If : null,
                conditional ? Then : null,
                conditional ? Else : null,
                DependentRequired?.ToEquatableArray() ?? EquatableArray<DependentRequiredSpec>.Empty,
                DependentSchemas?.ToEquatableArray() ?? EquatableArray<PropertySpec>.Empty,
                Contains,
                Contains is null ? null : MinContains,
                Contains is null ? null : MaxContains,
                UnevaluatedProperties,
                UnevaluatedPropertiesForbidden,
                UnevaluatedItems,
                UnevaluatedItemsForbidden);
        }
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<SourceNode>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(SourceNode? x, SourceNode? y) => ReferenceEquals(x, y);

        // The node's offset in its file tells nodes apart well enough, and costs less than an identity hash code,
        // which the runtime makes and stores in the object on first use.
        public int GetHashCode(SourceNode obj) => obj.Location.Offset;
    }
}
