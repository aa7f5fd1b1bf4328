using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>
/// Reads a tracking plan: the native format (<c>events: [{name, description, destinations,
/// properties}]</c> plus <c>definitions</c>) or a Segment Protocols / Typewriter / RudderTyper
/// plan JSON (<c>rules.events[].rules.properties.properties</c>), told apart by content.
/// Each event becomes a record named after it, with its wire name kept as a constant.
/// </summary>
internal static class PlanReader
{
    /// <summary>Reads the plan, from its parsed chunks (<see cref="PlanChunks"/>) when they fit together, else parsing it whole.</summary>
    public static ContractReadResult Read(
        ContractInput input,
        EquatableArray<ParsedChunk> chunks,
        EquatableArray<ChunkPosition> positions,
        System.Threading.CancellationToken cancellationToken)
        => ContractReadResult.Guarded(input, "tracking plan", (input, diagnostics) => ReadCore(input, chunks, positions, diagnostics, cancellationToken), cancellationToken);

    /// <summary>
    /// EC1014's "which ..." for the C# name an event prefers: what holds it exactly, else what it differs from only in
    /// case (<paramref name="claimedBy"/> holds the names the plan's earlier events were given, with their wire names).
    /// </summary>
    private static string EventNameTakenBy(string preferred, Dictionary<string, string> claimedBy, string contractClass, string @namespace)
    {
        var made = new[] { contractClass, "EventContractCatalog" };
        if (claimedBy.TryGetValue(preferred, out string? exact))
        {
            return "event '" + exact + "' " + (Naming.Bare(Naming.ToPascalCase(exact)) == preferred ? "also maps to" : "was given");
        }

        if (made.Contains(preferred, StringComparer.Ordinal))
        {
            return "is a class the generator makes for the plan";
        }

        if (ExternalNames.HiddenBy(@namespace, preferred) is { } hidden)
        {
            return "in namespace " + @namespace + " would hide " + hidden + ", which the generated code uses";
        }

        if (ExternalNames.RootNamespaces.Contains(preferred))
        {
            return "would hide the namespace " + preferred + " from the code in namespace " + @namespace + " (" + preferred + ".X would name a member of the type)";
        }

        if (TypeModelBuilder.IsEventRecordMember(preferred))
        {
            return "every event's record has as a member";
        }

        if (claimedBy.FirstOrDefault(c => string.Equals(c.Key, preferred, StringComparison.OrdinalIgnoreCase)) is { Key: { } holder, Value: { } other })
        {
            return TypeModelBuilder.DiffersInCase(preferred, holder, string.Empty, "which event '" + other + "' " + (Naming.Bare(Naming.ToPascalCase(other)) == holder ? "maps to" : "was given"));
        }

        return made.FirstOrDefault(c => string.Equals(c, preferred, StringComparison.OrdinalIgnoreCase)) is { } madeClass
            ? TypeModelBuilder.DiffersInCase(preferred, madeClass, string.Empty, "a class the generator makes for the plan")
            : "is taken in namespace " + @namespace;
    }

    private static ContractSpec? ReadCore(ContractInput input, EquatableArray<ParsedChunk> chunks, EquatableArray<ChunkPosition> positions, List<DiagnosticInfo> diagnostics, System.Threading.CancellationToken cancellationToken)
    {
        var documents = new DocumentSet(input.File, input.ReferencedFiles, diagnostics, PlanChunks.Assemble(chunks, positions, diagnostics));
        int reported = diagnostics.Count;
        if (documents.Root(input.File.Path) is not { } root)
        {
            if (diagnostics.Count == reported)
            {
                // Empty, or only whitespace, comments or a byte order mark: an emptied plan must not drop every event silently.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidContract, FileLocation.StartOf(input.File.Path), System.IO.Path.GetFileName(input.File.Path) + " is empty: it holds no YAML or JSON document"));
            }

            return null;
        }

        var events = FindEvents(root, out string eventsPointer, out var format);
        if (events is null && root is MappingNode { } top && (top.Get("events") ?? (top.Get("rules") as MappingNode)?.Get("events")) is { } notList)
        {
            // An events key that holds something else: said where it is, not at the start of the file.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidContract,
                notList.Location,
                "A tracking plan's 'events' must be an array of events ('- name: ...' items), not " + (notList is MappingNode ? "a mapping" : notList is ScalarNode { Kind: ScalarKind.Null } ? "null" : "a single value")));
            return null;
        }

        if (events is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidContract,
                root.Location,
                "A tracking plan needs an 'events' array (native format), 'rules.events' (Segment Protocols / Typewriter) or a 'rules' array of TRACK rules (Segment Public API)"
                + (root is MappingNode { } document && (document.Get("openapi") is not null || document.Get("swagger") is not null)
                    ? "; this file is an OpenAPI document: list it as an EventContract item (with Vendor and Operation)"
                    : string.Empty)));
            return null;
        }

        string name = Naming.ContractName(input.Vendor, input.File.Path);
        var schemas = new SchemaReader(documents, diagnostics) { ReadsSegmentKeys = format != PlanFormat.Native };
        var common = CommonProperties(root, format, events, eventsPointer, input.File.Path, documents, schemas, diagnostics);
        var pending = new List<(string WireName, string? Description, int SchemaId, EquatableArray<string> Destinations, FileLocation Location)>();
        for (int i = 0; i < events.Items.Count; i++)
        {
            // A large plan is read event by event: an edit that makes this read obsolete ends it here.
            cancellationToken.ThrowIfCancellationRequested();
            string pointer = eventsPointer + "/" + i.ToString(CultureInfo.InvariantCulture);
            var evt = events.Items[i] as MappingNode;

            // Segment's Public API ("type") and RudderTyper ("eventType") list identify/group/page/screen rules beside the
            // track rules: only track rules are events (a COMMON rule applies to all of them).
            if (RuleType(evt, format) is { } ruleType && !string.Equals(ruleType.Value, "track", StringComparison.OrdinalIgnoreCase))
            {
                if (format == PlanFormat.SegmentPublicApi && IsCommonRule(ruleType))
                {
                    continue;
                }

                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PlanRuleNotTrack, ruleType.Location, "#" + pointer, ruleType.Value));
                continue;
            }

            string nameKey = format == PlanFormat.SegmentPublicApi ? "key" : "name";
            // A name of only whitespace is as good as none: no destination shows it readably, and its record would be Name_0020.
            if (evt is null || evt.Get(nameKey) is not ScalarNode { Kind: ScalarKind.String } nameNode || string.IsNullOrWhiteSpace(nameNode.Value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPlanEvent, events.Items[i].Location, "#" + pointer, "an event must be an object with a string '" + nameKey + "' that is not empty or only whitespace"));
                continue;
            }

            var (propertiesNode, propertiesPointer) = format switch
            {
                PlanFormat.SegmentConfig => EnvelopeProperties(evt, "rules", pointer),
                PlanFormat.SegmentPublicApi => RuleProperties(evt, pointer),
                _ => (evt.Get("properties"), pointer + "/properties"),
            };
            if (format != PlanFormat.Native)
            {
                documents.AddRuleRoot(input.File.Path, RuleRoot(propertiesPointer));
            }

            int schemaId = propertiesNode is null ? schemas.NewEmpty(propertiesPointer) : schemas.Read(propertiesNode, input.File.Path, propertiesPointer);
            if (common.Count > 0)
            {
                schemaId = schemas.AllOf(propertiesPointer, common.Prepend(schemaId));
            }

            if (format == PlanFormat.Native)
            {
                ReportUnknownFields(evt, pointer, diagnostics);
            }

            string? description = SchemaReader.NonBlank(evt.GetString("description")) ?? SchemaReader.NonBlank((evt.Get("jsonSchema") as MappingNode)?.GetString("description"));
            pending.Add((nameNode.Value, description, schemaId, Destinations(evt, diagnostics), nameNode.Location));
        }

        schemas.EndReading();
        schemas.BreakNonNestingCycles();
        OwnRoots(schemas, pending);
        var schemaList = schemas.Schemas;
        string contractClass = name + "Contract";
        var types = new TypeModelBuilder(schemaList, schemas.ComponentNames, schemas.PropertyLocations, schemas.EnumValueLocations, schemas.Locations, string.Empty, diagnostics, new[] { contractClass, "EventContractCatalog" }, ExternalNames.ReservedIn(input.Namespace));
        var specs = new List<PlanEventSpec>();
        var seenWireNames = new HashSet<string>(StringComparer.Ordinal);
        var preferredNames = new HashSet<string>(pending.Select(p => Naming.Bare(Naming.ToPascalCase(p.WireName))), StringComparer.OrdinalIgnoreCase);

        // Events claim their names before any schema is mapped: a definition is renamed for an event, never the other
        // way round, whatever the order of the plan.
        var typeNames = new string?[pending.Count];
        var claimedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < pending.Count; i++)
        {
            var (wireName, _, _, _, location) = pending[i];
            if (!seenWireNames.Add(wireName))
            {
                continue;
            }

            string preferred = Naming.Bare(Naming.ToPascalCase(wireName));
            string claimed = types.ClaimEventName(preferred, wireName, preferredNames);
            if (!string.Equals(claimed, preferred, StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateEventName, location, wireName, preferred, EventNameTakenBy(preferred, claimedBy, contractClass, input.Namespace), claimed));
            }

            typeNames[i] = claimed;
            claimedBy[Naming.Bare(claimed)] = wireName;
        }

        for (int i = 0; i < pending.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (wireName, description, schemaId, destinations, location) = pending[i];
            if (typeNames[i] is not { } claimed)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPlanEvent, location, "'" + wireName + "'", "an event with this name is already defined earlier in the plan"));
                continue;
            }

            string? typeName = types.MapEvent(schemaId, claimed, wireName, description);
            if (typeName is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPlanEvent, location, "'" + wireName + "'", "its properties schema must describe a JSON object"));
                continue;
            }

            var parts = RecordParts(schemaList, schemaId);
            specs.Add(new PlanEventSpec(wireName, typeName, schemaId, destinations, description, location, Properties(schemaList, schemaId, parts, schemas, location), OpenValues(schemaList, parts, schemas, location), NameRules(schemaList, parts)));
        }

        return new ContractSpec(
            name,
            input.Namespace,
            input.File.Path,
            ContractSourceKind.PlanEvent,
            null,
            -1,
            string.Empty,
            EquatableArray<ResponseSpec>.Empty,
            EquatableArray<ExampleSpec>.Empty,
            schemaList,
            types.Types,
            specs.ToEquatableArray(),
            input.EventNameStyle);
    }

    /// <summary>
    /// Gives each event a properties schema of its own to map. Types are keyed by schema, so events whose properties
    /// resolve to one schema (<c>$ref</c> to a definition or to another event's properties, a YAML alias) would share one
    /// record, and a definition that is also some event's properties would be that event's record where it is used as a
    /// property. Such an event maps a copy of the schema its properties resolve to.
    /// </summary>
    private static void OwnRoots(SchemaReader schemas, List<(string WireName, string? Description, int SchemaId, EquatableArray<string> Destinations, FileLocation Location)> pending)
    {
        var schemaList = schemas.Schemas;
        var claimed = new HashSet<int>();
        for (int i = 0; i < pending.Count; i++)
        {
            int own = pending[i].SchemaId;
            int target = SchemaGraph.Resolve(schemaList, own).Id;
            if (target != own || !claimed.Add(target))
            {
                pending[i] = pending[i] with { SchemaId = schemas.Copy(target, schemaList[own].Pointer) };
            }
        }
    }

    /// <summary>
    /// The event's properties as the destination checks see them: every property its record can carry, with the types a
    /// written event can give each one. Like the record, this takes the properties of <c>$ref</c> and <c>allOf</c> parts,
    /// and of the subschemas that apply only sometimes (<c>anyOf</c>/<c>oneOf</c> branches, <c>then</c>/<c>else</c>,
    /// <c>dependentSchemas</c>) at any of these levels. A value meets every declaration of the parts that always apply,
    /// so it has the types they all allow (a branch only narrows them further); a property declared only in branches can
    /// have the types of any of them, and their <c>required</c> does not count (the branch may not apply). A name a
    /// declaration refuses whatever its value (<c>false</c>, <c>not: {}</c>) is never written. The record omits an
    /// optional property that is null, so null is not among an optional property's types (and one that can only be null is
    /// never written), unless a branch or condition requires or tests its name (then a null it is given is written).
    /// </summary>
    private static EquatableArray<PlanPropertySpec> Properties(IReadOnlyList<SchemaSpec> schemaList, int schemaId, List<(SchemaSpec Schema, bool Branch)> parts, SchemaReader schemas, FileLocation eventLocation)
    {
        var names = new List<string>();
        var locations = new Dictionary<string, FileLocation>(StringComparer.Ordinal);
        var always = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sometimes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (schema, branch) in parts)
        {
            if (!branch)
            {
                required.UnionWith(schema.Required);
            }

            foreach (var property in schema.Properties)
            {
                if (!locations.ContainsKey(property.JsonName))
                {
                    names.Add(property.JsonName);
                    locations[property.JsonName] = schemas.PropertyLocations.TryGetValue((schema.Id, property.JsonName), out var l) ? l : eventLocation;
                }

                var declarations = branch ? sometimes : always;
                if (!declarations.TryGetValue(property.JsonName, out var ids))
                {
                    declarations[property.JsonName] = ids = new List<int>();
                }

                ids.Add(property.SchemaId);
            }
        }

        var result = new List<PlanPropertySpec>();
        foreach (string name in names)
        {
            if ((always.TryGetValue(name, out var fixedIds) ? Always(fixedIds) : Sometimes(sometimes[name])) is { } spec)
            {
                result.Add(spec);
            }

            PlanPropertySpec? Always(List<int> ids)
            {
                var types = JsonTypeSet.None;
                var constants = EquatableArray<string>.Empty;
                int? minLength = null;
                foreach (int id in ids)
                {
                    var declared = SchemaGraph.ValueTypes(schemaList, id);
                    var own = StringConstants(SchemaGraph.Resolve(schemaList, id));
                    if (SchemaGraph.AcceptsNothing(schemaList, id)
                        || (types != JsonTypeSet.None && declared != JsonTypeSet.None && SchemaGraph.Intersect(types, declared) == JsonTypeSet.None)
                        || (!constants.IsEmpty && !own.IsEmpty && !constants.Intersect(own, StringComparer.Ordinal).Any()))
                    {
                        return null;
                    }

                    types = SchemaGraph.Intersect(types, declared);
                    constants = constants.IsEmpty ? own : own.IsEmpty ? constants : constants.Intersect(own, StringComparer.Ordinal).ToEquatableArray();
                    if (SchemaGraph.Resolve(schemaList, id).MinLength is int length && length > (minLength ?? 0))
                    {
                        minLength = length;
                    }
                }

                return new PlanPropertySpec(name, types, locations[name], constants, (types & ~JsonTypeSet.Null) == JsonTypeSet.String ? minLength : null);
            }

            PlanPropertySpec? Sometimes(List<int> ids)
            {
                var possible = ids.Where(id => !SchemaGraph.AcceptsNothing(schemaList, id)).ToList();
                if (possible.Count == 0)
                {
                    return null;
                }

                var types = possible.Select(id => SchemaGraph.ValueTypes(schemaList, id)).Aggregate((a, b) => a == JsonTypeSet.None || b == JsonTypeSet.None ? JsonTypeSet.None : a | b);
                var constants = possible.SelectMany(id => StringConstants(SchemaGraph.Resolve(schemaList, id))).Distinct(StringComparer.Ordinal).ToEquatableArray();
                return new PlanPropertySpec(name, types, locations[name], constants, possible.Count == 1 && (types & ~JsonTypeSet.Null) == JsonTypeSet.String ? SchemaGraph.Resolve(schemaList, possible[0]).MinLength : null);
            }
        }

        // A null given to an optional property that a branch or condition requires is written (the record keeps whether
        // it was given), so null stays among its types.
        var written = SchemaGraph.ConditionalNames(schemaList, SchemaGraph.Resolve(schemaList, schemaId));
        written.UnionWith(required);
        return result
            .Where(p => written.Contains(p.JsonName) || p.Types != JsonTypeSet.Null)
            .Select(p => written.Contains(p.JsonName) || (p.Types & JsonTypeSet.Null) == 0 ? p : p with { Types = p.Types & ~JsonTypeSet.Null })
            .ToEquatableArray();
    }

    /// <summary>
    /// The schemas whose properties an event's record carries, in the order they are met: the properties schema, its
    /// <c>$ref</c> and <c>allOf</c> parts, and <c>anyOf</c>/<c>oneOf</c> branches, <c>then</c>/<c>else</c> and
    /// <c>dependentSchemas</c> (<c>Branch</c>: the schema may not apply, so its <c>required</c> does not count) at any of
    /// these levels.
    /// </summary>
    private static List<(SchemaSpec Schema, bool Branch)> RecordParts(IReadOnlyList<SchemaSpec> schemaList, int schemaId)
    {
        var parts = new List<(SchemaSpec, bool)>();
        var pending = new Stack<(int Id, bool Branch)>();
        var visited = new HashSet<(int, bool)>();
        pending.Push((schemaId, false));
        while (pending.Count > 0)
        {
            var (id, branch) = pending.Pop();
            var schema = SchemaGraph.Resolve(schemaList, id);

            // A schema reached as a branch is read again when it is also a part, whose required names count.
            if (visited.Contains((schema.Id, false)) || !visited.Add((schema.Id, branch)))
            {
                continue;
            }

            parts.Add((schema, branch));
            foreach (int part in schema.AllOf)
            {
                pending.Push((part, branch));
            }

            if (schema.RefId is int target)
            {
                pending.Push((target, branch));
            }

            // Subschemas that apply only to some values: anyOf/oneOf branches, then/else and dependentSchemas.
            var conditional = schema.Assertions?.ConditionalChildren() ?? Enumerable.Empty<int>();
            foreach (int alternative in schema.AnyOf.Concat(schema.OneOf).Concat(conditional))
            {
                pending.Push((alternative, true));
            }
        }

        return parts;
    }

    /// <summary>
    /// What the event's schemas say of the values of names they do not declare, one entry per keyword written:
    /// <c>additionalProperties</c>, each <c>patternProperties</c> pattern and <c>unevaluatedProperties</c> (not when it is
    /// <c>false</c>). A record writes those values as it holds them, nulls included.
    /// </summary>
    private static EquatableArray<PlanOpenValuesSpec> OpenValues(IReadOnlyList<SchemaSpec> schemaList, List<(SchemaSpec Schema, bool Branch)> parts, SchemaReader schemas, FileLocation eventLocation)
    {
        var result = new List<PlanOpenValuesSpec>();
        var everyPattern = parts.SelectMany(p => p.Schema.PatternProperties).Select(p => p.Pattern).Distinct(StringComparer.Ordinal).ToEquatableArray();
        foreach (var (schema, _) in parts)
        {
            Add("additionalProperties", null, schema.AdditionalPropertiesId, schema.PatternProperties.Select(p => p.Pattern).ToEquatableArray());
            foreach (var pattern in schema.PatternProperties)
            {
                Add(SchemaReader.PatternKey(pattern.Pattern), pattern.Pattern, pattern.SchemaId, EquatableArray<string>.Empty);
            }

            Add("unevaluatedProperties", null, schema.Assertions?.UnevaluatedProperties, everyPattern);

            void Add(string keyword, string? pattern, int? valuesId, EquatableArray<string> otherPatterns)
            {
                if (valuesId is int id)
                {
                    var location = schemas.OpenValueLocations.TryGetValue((schema.Id, keyword), out var at) ? at : eventLocation;
                    result.Add(new PlanOpenValuesSpec(pattern is null ? keyword : "patternProperties", pattern, SchemaGraph.ValueTypes(schemaList, id), location, otherPatterns));
                }
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>The <c>propertyNames</c> rules of the event's schemas that always apply (not those of <c>anyOf</c>/<c>oneOf</c> branches).</summary>
    private static EquatableArray<PlanNameRuleSpec> NameRules(IReadOnlyList<SchemaSpec> schemaList, List<(SchemaSpec Schema, bool Branch)> parts)
    {
        var rules = new List<PlanNameRuleSpec>();
        foreach (var (schema, branch) in parts)
        {
            if (branch || schema.PropertyNamesId is not int id)
            {
                continue;
            }

            var rule = SchemaGraph.Resolve(schemaList, id);
            bool opaque = rule.Format is not null || rule.Assertions is not null || !rule.AllOf.IsEmpty || !rule.AnyOf.IsEmpty || !rule.OneOf.IsEmpty;
            bool enumerated = rule.AlwaysFails || rule.HasEnum || rule.Const is not null;
            rules.Add(new PlanNameRuleSpec(opaque, enumerated, rule.AlwaysFails ? EquatableArray<string>.Empty : StringConstants(rule), rule.Pattern, rule.MinLength, rule.MaxLength));
        }

        return rules.ToEquatableArray();
    }

    /// <summary>The string values of a property's <c>enum</c> or <c>const</c>, unquoted.</summary>
    private static EquatableArray<string> StringConstants(SchemaSpec schema)
        => schema.HasEnum || schema.Const is not null ? JsonText.Strings(schema.AllowedValues).ToEquatableArray() : EquatableArray<string>.Empty;

    /// <summary>The kind of call a rule describes, when the format says it: Segment Public API's <c>type</c>, RudderTyper's <c>eventType</c>.</summary>
    private static ScalarNode? RuleType(MappingNode? rule, PlanFormat format)
    {
        string key = format switch
        {
            PlanFormat.SegmentPublicApi => "type",
            PlanFormat.SegmentConfig => "eventType",
            _ => string.Empty,
        };
        return key.Length > 0 && rule?.Get(key) is ScalarNode { Kind: ScalarKind.String } node ? node : null;
    }

    private enum PlanFormat
    {
        /// <summary><c>events: [{name, description, destinations, properties}]</c>.</summary>
        Native,

        /// <summary>Segment Config API / Typewriter / RudderTyper: <c>rules.events[{name, rules: {properties: {properties}}}]</c>.</summary>
        SegmentConfig,

        /// <summary>
        /// Segment Public API: <c>rules: [{type: TRACK, key, jsonSchema}]</c>, possibly under <c>trackingPlan</c> or <c>data</c>;
        /// the rule's schema is the call's or the event properties' own (<see cref="RuleProperties"/>).
        /// </summary>
        SegmentPublicApi,
    }

    private static SequenceNode? FindEvents(SourceNode root, out string pointer, out PlanFormat format)
    {
        pointer = "/events";
        format = PlanFormat.Native;
        if (root is not MappingNode map)
        {
            return null;
        }

        if (map.Get("events") is SequenceNode native)
        {
            format = IsSegmentEventList(native) ? PlanFormat.SegmentConfig : PlanFormat.Native;
            return native;
        }

        if (map.Get("rules") is MappingNode rules && rules.Get("events") is SequenceNode ruleEvents)
        {
            pointer = "/rules/events";
            format = PlanFormat.SegmentConfig;
            return ruleEvents;
        }

        foreach (string[] path in new[] { new[] { "rules" }, new[] { "trackingPlan", "rules" }, new[] { "data", "rules" }, new[] { "data", "trackingPlan", "rules" } })
        {
            SourceNode? node = map;
            foreach (string segment in path)
            {
                node = (node as MappingNode)?.Get(segment);
            }

            if (node is SequenceNode publicRules && publicRules.Items.OfType<MappingNode>().Any(r => r.Get("jsonSchema") is not null || r.Get("key") is not null))
            {
                pointer = "/" + string.Join("/", path);
                format = PlanFormat.SegmentPublicApi;
                return publicRules;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a top-level <c>events</c> list is Segment's (Typewriter's fixture format: each event's JSON Schema under
    /// <c>rules</c>) rather than native. The whole list decides, not one event: a native event with a stray <c>rules</c>
    /// key must not turn every other event's <c>properties</c> into nothing, so any event with a native-only field
    /// (<c>properties</c>, <c>destinations</c>) keeps the list native, and the stray key is reported as unknown.
    /// </summary>
    private static bool IsSegmentEventList(SequenceNode events)
    {
        bool anyRules = false;
        foreach (var evt in events.Items.OfType<MappingNode>())
        {
            if (evt.Get("properties") is not null || evt.Get("destinations") is not null)
            {
                return false;
            }

            anyRules |= evt.Get("rules") is MappingNode;
        }

        return anyRules;
    }

    /// <summary>
    /// The schemas of the properties every track event has, which Segment keeps apart from the events: the Config API's
    /// <c>rules.global</c> and the Public API's <c>COMMON</c> rules (<see cref="RuleProperties"/>). Each event's
    /// properties are its own schema and these together (<c>allOf</c>), as Segment validates an event against both. The
    /// Config API's <c>identify</c>, <c>group</c>, <c>identify_traits</c> and <c>group_traits</c> describe other calls: said
    /// to be left out (EC1017) when they say anything.
    /// </summary>
    private static List<int> CommonProperties(SourceNode root, PlanFormat format, SequenceNode events, string eventsPointer, string path, DocumentSet documents, SchemaReader schemas, List<DiagnosticInfo> diagnostics)
    {
        var common = new List<int>();
        // The rules object is the plan's "rules", or the file itself when it holds only the rules (a Config API plan's
        // rules saved apart, as uswitch/terraform-provider-segment keeps its event libraries).
        var rules = eventsPointer == "/rules/events" ? (root as MappingNode)?.Get("rules") as MappingNode : root as MappingNode;
        string rulesPointer = eventsPointer == "/rules/events" ? "/rules" : string.Empty;
        if (format == PlanFormat.SegmentConfig && rules is not null)
        {
            var (global, globalPointer) = EnvelopeProperties(rules, "global", rulesPointer);
            if (global is not null)
            {
                documents.AddRuleRoot(path, RuleRoot(globalPointer));
                common.Add(schemas.Read(global, path, globalPointer));
            }

            foreach (var entry in rules.Entries)
            {
                string call = entry.Key.Value switch
                {
                    "identify" or "identify_traits" => "identify",
                    "group" or "group_traits" => "group",
                    _ => string.Empty,
                };
                if (call.Length > 0 && entry.Value is MappingNode { Entries.Count: > 0 } or SequenceNode { Items.Count: > 0 })
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PlanRuleNotTrack, entry.Key.Location, "#" + rulesPointer + "/" + entry.Key.Value, call));
                }
            }
        }
        else if (format == PlanFormat.SegmentPublicApi)
        {
            for (int i = 0; i < events.Items.Count; i++)
            {
                if (events.Items[i] is MappingNode rule && RuleType(rule, format) is { } type && IsCommonRule(type))
                {
                    var (node, pointer) = RuleProperties(rule, eventsPointer + "/" + i.ToString(CultureInfo.InvariantCulture));
                    if (node is not null)
                    {
                        documents.AddRuleRoot(path, RuleRoot(pointer));
                        common.Add(schemas.Read(node, path, pointer));
                    }
                }
            }
        }

        return common;
    }

    /// <summary>The pointer of the Segment rule schema that holds an event's properties schema (its <c>properties.properties</c>, or itself).</summary>
    private static string RuleRoot(string propertiesPointer)
    {
        const string Envelope = "/properties/properties";
        return propertiesPointer.EndsWith(Envelope, StringComparison.Ordinal) ? propertiesPointer.Substring(0, propertiesPointer.Length - Envelope.Length) : propertiesPointer;
    }

    private static bool IsCommonRule(ScalarNode ruleType) => string.Equals(ruleType.Value, "common", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The event properties of a Segment Public API rule. Segment's API gives the schema of the whole call, the event
    /// properties at <c>jsonSchema.properties.properties</c> beside <c>context</c> and <c>traits</c>; the <c>plan.json</c>
    /// that Typewriter 8 and later writes keeps the event properties' schema itself as <c>jsonSchema</c>, marked with
    /// <c>eventMetadata</c>. A schema without that mark whose <c>properties</c> names only the call's parts is the call's.
    /// </summary>
    private static (SourceNode? Node, string Pointer) RuleProperties(MappingNode rule, string pointer)
    {
        if (rule.Get("jsonSchema") is MappingNode schema && schema.Get("eventMetadata") is null
            && schema.Get("properties") is MappingNode { Entries.Count: > 0 } parts
            && parts.Entries.All(p => p.Key.Value is "properties" or "context" or "traits"))
        {
            return EnvelopeProperties(rule, "jsonSchema", pointer);
        }

        return (rule.Get("jsonSchema"), pointer + "/jsonSchema");
    }

    /// <summary>The event properties inside a Segment rule's JSON Schema: <c>{wrapper}.properties.properties</c>.</summary>
    private static (SourceNode? Node, string Pointer) EnvelopeProperties(MappingNode evt, string wrapper, string pointer)
    {
        var schema = evt.Get(wrapper) as MappingNode;
        var top = schema?.Get("properties") as MappingNode;
        return (top?.Get("properties"), pointer + "/" + wrapper + "/properties/properties");
    }

    private static readonly HashSet<string> s_eventFields = new(StringComparer.Ordinal) { "name", "description", "destinations", "properties" };

    private static void ReportUnknownFields(MappingNode evt, string pointer, List<DiagnosticInfo> diagnostics)
    {
        foreach (var entry in evt.Entries)
        {
            if (!s_eventFields.Contains(entry.Key.Value) && !entry.Key.Value.StartsWith("x-", StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedKeyword,
                    entry.Key.Location,
                    entry.Key.Value,
                    "#" + pointer,
                    "a tracking-plan event has name, description, destinations and properties (extensions start with x-)"));
            }
        }
    }

    private static EquatableArray<string> Destinations(MappingNode evt, List<DiagnosticInfo> diagnostics)
    {
        var node = evt.Get("destinations");
        if (node is null)
        {
            return EquatableArray<string>.Empty;
        }

        if (node is not SequenceNode list || list.Items.Any(i => i is not ScalarNode { Kind: ScalarKind.String }))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKeywordValue, node.Location, "destinations", "the event", "expected an array of vendor names"));
            return EquatableArray<string>.Empty;
        }

        return list.Items.Cast<ScalarNode>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToEquatableArray();
    }
}
