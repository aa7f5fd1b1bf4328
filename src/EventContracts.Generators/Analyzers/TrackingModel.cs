using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EventContracts.Generators.Analyzers;

/// <summary>One contract or plan to read, with what makes its input the generator's: namespace and event-name style.</summary>
internal sealed record ContractRead(AdditionalText Text, ProjectFileKind Kind, string? Vendor, string? Operation, string Namespace, string? Style);

/// <summary>A destination as the call-site analyzers see it: what it accepts, and whether it needs a user identifier.</summary>
internal sealed record CallSiteDestination(DestinationSpec Spec, bool RequiresIdentity, EquatableArray<string> IdentityProperties);

/// <summary>
/// A record the generator writes: for the tracking plan, a plan event's own (<see cref="Event"/>) or the record of an
/// object in one (a nested object's, or a definition's that several events may share); for a vendor contract
/// (<see cref="Contract"/>), its request's or an object's in it. With its C# name (containing types included,
/// <c>OrderPlaced.ProductsItem</c>), its schema graph and schema (see <see cref="TrackingModel.RulesOf(GeneratedRecord)"/>),
/// and its properties by C# name, each with its wire name and schema. A member only a branch may declare
/// (<see cref="MemberSpec.Loose"/>) is left out: its schema applies only with the branch.
/// </summary>
internal sealed record GeneratedRecord(string Name, PlanEventSpec? Event, string? Contract, int Graph, int SchemaId, ImmutableDictionary<string, MemberSpec> Members);

/// <summary>
/// What the call-site analyzers know about a project: the tracking plan's events, the destinations
/// its vendor contracts describe, and the generated request properties that carry an idempotency key.
/// Built from the same readers and model as the generator; each contract or plan file is parsed once
/// per (path, content checksum) and the result is shared by every compilation, so typing in a
/// <c>.cs</c> file never reparses YAML.
/// </summary>
internal sealed class TrackingModel
{
    public static readonly TrackingModel Empty = new(
        false,
        new Dictionary<string, PlanEventSpec>(StringComparer.Ordinal),
        new Dictionary<string, int>(StringComparer.Ordinal),
        new List<IReadOnlyList<SchemaSpec>>(),
        new Dictionary<string, CallSiteDestination>(StringComparer.OrdinalIgnoreCase),
        ImmutableArray<(string TypeName, string PropertyName, string Vendor)>.Empty,
        new Dictionary<string, GeneratedRecord>(StringComparer.Ordinal));

    private const int MaxCachedReads = 256;

    // The latest read of each file (by path, metadata and namespace) with its text's checksum: an edit replaces the
    // file's entry, so typing in a plan keeps one read of it, not one per keystroke.
    private static readonly ConcurrentDictionary<string, (string Checksum, CachedRead Read)> s_reads = new(StringComparer.Ordinal);

    private static readonly object s_lastGate = new();
    private static (string Key, TrackingModel Model)? s_last;

    // Each event's plan (an index into the schema graphs of the plans and contracts), and the rules read from a schema
    // for call sites and records, made when one first needs them.
    private readonly Dictionary<string, int> _eventPlans;
    private readonly List<IReadOnlyList<SchemaSpec>> _graphs;
    private readonly ConcurrentDictionary<(int Graph, int SchemaId), PlanEventRules> _rules = new();

    /// <summary>How many reads of the file at <paramref name="path"/> are cached (for tests: one per file and metadata).</summary>
    internal static int CachedReads(string path) => s_reads.Keys.Count(k => k.StartsWith(path + "|", StringComparison.Ordinal));

    private TrackingModel(
        bool hasPlan,
        Dictionary<string, PlanEventSpec> events,
        Dictionary<string, int> eventPlans,
        List<IReadOnlyList<SchemaSpec>> graphs,
        Dictionary<string, CallSiteDestination> destinations,
        ImmutableArray<(string TypeName, string PropertyName, string Vendor)> messageIdProperties,
        Dictionary<string, GeneratedRecord> records)
    {
        HasPlan = hasPlan;
        Events = events;
        _eventPlans = eventPlans;
        _graphs = graphs;
        Destinations = destinations;
        MessageIdProperties = messageIdProperties;
        Records = records;
        EventNames = events.Keys.OrderBy(k => k, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>
    /// True when the project has a tracking plan and every plan file parsed (unknown event names are reported only then:
    /// while a plan does not parse, the names it holds are not known).
    /// </summary>
    public bool HasPlan { get; }

    public IReadOnlyDictionary<string, PlanEventSpec> Events { get; }

    public ImmutableArray<string> EventNames { get; }

    public IReadOnlyDictionary<string, CallSiteDestination> Destinations { get; }

    /// <summary>
    /// Generated records (metadata names, namespace included) and their C# property that carries the vendor's message id:
    /// every record whose schema has <c>x-ec-message-id</c> (a request, or an item of a batch request), with its contract.
    /// </summary>
    public ImmutableArray<(string TypeName, string PropertyName, string Vendor)> MessageIdProperties { get; }

    /// <summary>
    /// The records generated for the tracking plan and the vendor contracts, by metadata name (namespace included,
    /// <c>+</c> for nesting).
    /// </summary>
    public IReadOnlyDictionary<string, GeneratedRecord> Records { get; }

    /// <summary>The destinations the plan gives <paramref name="evt"/> that are contracts of this project.</summary>
    public IEnumerable<CallSiteDestination> DestinationsOf(PlanEventSpec evt)
    {
        foreach (string name in evt.Destinations)
        {
            if (Destinations.TryGetValue(name, out var destination))
            {
                yield return destination;
            }
        }
    }

    /// <summary>
    /// What the plan's schema for <paramref name="evt"/> (an event of <see cref="Events"/>) says of the properties a call
    /// writes, or, with <paramref name="schemaId"/>, of an object nested in them.
    /// </summary>
    public PlanEventRules RulesOf(PlanEventSpec evt, int? schemaId = null) => RulesOf(GraphOf(evt), schemaId ?? evt.SchemaId);

    /// <summary>What the schema of a record of <see cref="Records"/> says of the values its initializers give.</summary>
    public PlanEventRules RulesOf(GeneratedRecord record) => RulesOf(record.Graph, record.SchemaId);

    /// <summary>
    /// The code list (<c>x-ec-code-list</c>, as Customer.io's <c>currency</c> has) a record's property schema takes its
    /// values from, or null.
    /// </summary>
    public string? CodeListOf(GeneratedRecord record, int schemaId)
    {
        var schemas = _graphs[record.Graph];
        return schemaId < 0 || schemaId >= schemas.Count ? null : schemas[schemaId].CodeList ?? SchemaGraph.Resolve(schemas, schemaId).CodeList;
    }

    /// <summary>The schema graph <paramref name="evt"/>'s rules come from (see <see cref="RulesOf(int, int)"/>).</summary>
    public int GraphOf(PlanEventSpec evt) => _eventPlans[evt.Name];

    /// <summary>What schema <paramref name="schemaId"/> of a plan's or a contract's schema graph says of a value.</summary>
    public PlanEventRules RulesOf(int graph, int schemaId)
        => _rules.GetOrAdd((graph, schemaId), key => PlanEventRules.For(_graphs[key.Graph], key.SchemaId));

    /// <summary>The model of the project's AdditionalFiles; never throws (an unreadable file contributes nothing).</summary>
    public static TrackingModel For(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return Build(options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Empty;
        }
    }

    private static TrackingModel Build(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        // The generator's namespace and each file's style make the analyzers' inputs equal to the generator's, so a
        // read the generator just made is taken from RecentReads instead of being made again. A referenced project's
        // plan has the namespace that project generates it in.
        string ns = ProjectFiles.Settings(provider).Namespace;
        var contracts = new List<(AdditionalText Text, ProjectFileKind Kind, string? Vendor, string? Operation, string? Style, string Namespace, bool Referenced)>();
        var documents = new List<AdditionalText>();
        foreach (var text in options.AdditionalFiles)
        {
            var fileOptions = provider.GetOptions(text);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.EventContractsKind", out string? kind);
            if (kind is "EventContract" or "TrackingPlan" or ProjectFiles.ReferencedTrackingPlanKind)
            {
                fileOptions.TryGetValue("build_metadata.AdditionalFiles.Vendor", out string? vendor);
                string? operation = ProjectFiles.Operation(fileOptions);
                fileOptions.TryGetValue(ProjectFiles.EventNameStyleOption, out string? style);
                if (kind == "TrackingPlan")
                {
                    contracts.Add((text, ProjectFileKind.TrackingPlan, NullIfEmpty(vendor), NullIfEmpty(operation), NullIfEmpty(style), ns, false));
                }
                else if (kind == ProjectFiles.ReferencedTrackingPlanKind)
                {
                    contracts.Add((text, ProjectFileKind.TrackingPlan, NullIfEmpty(vendor), NullIfEmpty(operation), NullIfEmpty(style), ProjectFiles.ReferencedNamespace(fileOptions), true));
                }
                else
                {
                    // An Operation list (Operation="track,batch") declares one contract per operation, as the generator reads it.
                    foreach (var (name, single) in ProjectFiles.Operations(NullIfEmpty(vendor), NullIfEmpty(operation), text.Path))
                    {
                        contracts.Add((text, ProjectFileKind.Contract, name, single, NullIfEmpty(style), ns, false));
                    }
                }

                documents.Add(text);
            }
            else if (IsJsonOrYaml(text.Path))
            {
                documents.Add(text);
            }
        }

        if (contracts.Count == 0)
        {
            return Empty;
        }

        // Checksums are computed once per SourceText and cached by it: cheap on every compilation.
        var checksums = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents)
        {
            if (document.GetText(cancellationToken) is { } text)
            {
                checksums[DocumentSet.Normalize(document.Path)] = Hex(text.GetChecksum());
            }
        }

        var reads = new List<CachedRead>(contracts.Count);
        var key = new StringBuilder();
        // The project's own files first: an event its own plan and a referenced project's both name is its own plan's.
        foreach (var (text, kind, vendor, operation, style, fileNamespace, _) in contracts.OrderBy(c => c.Referenced).ThenBy(c => c.Text.Path, StringComparer.Ordinal))
        {
            if (!checksums.TryGetValue(DocumentSet.Normalize(text.Path), out string? checksum))
            {
                continue;
            }

            string file = text.Path + "|" + kind + "|" + vendor + "|" + operation + "|" + fileNamespace + "|" + style;
            string readKey = file + "|" + checksum;
            CachedRead read;
            if (s_reads.TryGetValue(file, out var cached) && cached.Checksum == checksum && cached.Read.IsCurrent(checksums))
            {
                read = cached.Read;
            }
            else
            {
                read = Read(new ContractRead(text, kind, vendor, operation, fileNamespace, style), documents, checksums, cancellationToken);
                if (s_reads.Count > MaxCachedReads)
                {
                    // Files of many projects (or of removed ones): drop them all rather than grow without bound.
                    s_reads.Clear();
                }

                s_reads[file] = (checksum, read);
            }

            reads.Add(read);
            key.Append(readKey).Append('\n');
            foreach (var dependency in read.Dependencies)
            {
                key.Append(dependency.Path).Append('|').Append(dependency.Checksum).Append('\n');
            }
        }

        string modelKey = key.ToString();
        lock (s_lastGate)
        {
            if (s_last is { } last && string.Equals(last.Key, modelKey, StringComparison.Ordinal))
            {
                return last.Model;
            }
        }

        var model = Create(reads);
        lock (s_lastGate)
        {
            s_last = (modelKey, model);
        }

        return model;
    }

    private static CachedRead Read(
        ContractRead file,
        List<AdditionalText> documents,
        Dictionary<string, string> checksums,
        CancellationToken cancellationToken)
    {
        var (text, kind) = (file.Text, file.Kind);
        var main = SourceFile.From(text, cancellationToken);
        var referenced = EquatableArray<SourceFile>.Empty;
        if (main.Text.IndexOf("$ref", StringComparison.Ordinal) >= 0)
        {
            var all = documents
                .Select(d => SourceFile.From(d, cancellationToken))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToEquatableArray();
            referenced = ProjectFiles.ReferencedFiles(main, all);
        }

        var input = new ContractInput(main, file.Vendor, file.Operation, file.Namespace, referenced, file.Style);
        if (!RecentReads.TryGet(input, kind == ProjectFileKind.TrackingPlan, out var result))
        {
            result = kind == ProjectFileKind.TrackingPlan ? PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, cancellationToken) : ContractReader.Read(input, cancellationToken);
        }

        var dependencies = referenced
            .Select(f => (f.Path, checksums.TryGetValue(DocumentSet.Normalize(f.Path), out string? c) ? c : string.Empty))
            .ToImmutableArray();
        return new CachedRead(result.Spec, kind, dependencies, Destination(result.Spec), result.Spec is { } spec ? MessageIdsOf(spec) : ImmutableArray<(string, string)>.Empty);
    }

    /// <summary>The destination a vendor contract describes, computed once per read.</summary>
    private static CallSiteDestination? Destination(ContractSpec? spec)
    {
        if (spec is null || spec.Kind != ContractSourceKind.VendorContract || DestinationSpec.From(spec) is not { } destination)
        {
            return null;
        }

        var identity = spec.Operation?.IdentityProperties ?? EquatableArray<string>.Empty;
        return new CallSiteDestination(destination, spec.RequiresIdentity(), identity);
    }

    private static TrackingModel Create(List<CachedRead> reads)
    {
        var events = new Dictionary<string, PlanEventSpec>(StringComparer.Ordinal);
        var eventPlans = new Dictionary<string, int>(StringComparer.Ordinal);
        var graphs = new List<IReadOnlyList<SchemaSpec>>();
        var destinations = new Dictionary<string, CallSiteDestination>(StringComparer.OrdinalIgnoreCase);
        var messageIds = ImmutableArray.CreateBuilder<(string, string, string)>();
        var records = new Dictionary<string, GeneratedRecord>(StringComparer.Ordinal);
        bool hasPlan = false;
        bool unreadablePlan = false;
        foreach (var read in reads)
        {
            if (read.Spec is not { } spec)
            {
                // A plan that does not parse (typically one being edited; the generator reports why on it) says nothing
                // about which names exist: reporting every call's name as unknown until it parses again is noise.
                unreadablePlan |= read.Kind == ProjectFileKind.TrackingPlan;
                continue;
            }

            int graph = graphs.Count;
            graphs.Add(spec.Schemas);
            bool isPlan = spec.Kind == ContractSourceKind.PlanEvent;
            if (isPlan)
            {
                hasPlan = true;
                foreach (var evt in spec.Events)
                {
                    if (!events.ContainsKey(evt.Name))
                    {
                        events.Add(evt.Name, evt);
                        eventPlans.Add(evt.Name, graph);
                    }
                }
            }
            else
            {
                if (read.Destination is { } destination && !destinations.ContainsKey(destination.Spec.Name))
                {
                    destinations.Add(destination.Spec.Name, destination);
                }

                foreach (var (typeName, property) in read.MessageIds)
                {
                    messageIds.Add((typeName, property, spec.Name));
                }
            }

            foreach (var type in spec.Types)
            {
                if (type.Kind != TypeSpecKind.Record)
                {
                    continue;
                }

                // A plan event's record, where this plan is the one the event's rules come from (a name two plans give is
                // the first's); the record of an object in an event or in a contract's request, where its schema is the
                // file's own.
                var evt = isPlan && type.EventName is { } eventName
                    ? spec.Events.FirstOrDefault(e => e.Name == eventName && e.TypeName == type.FullName)
                    : null;
                int schemaId = evt?.SchemaId ?? type.SchemaId;
                string metadataName = MetadataName(spec.Namespace, type.FullName);
                if ((!isPlan || type.EventName is null || evt is not null)
                    && schemaId >= 0
                    && schemaId < spec.Schemas.Count
                    && !records.ContainsKey(metadataName))
                {
                    records.Add(metadataName, new GeneratedRecord(
                        type.FullName,
                        evt,
                        isPlan ? null : spec.Name,
                        graph,
                        schemaId,
                        type.Members.Where(m => !m.Loose).ToImmutableDictionary(m => m.CSharpName, StringComparer.Ordinal)));
                }
            }
        }

        return new TrackingModel(hasPlan && !unreadablePlan, events, eventPlans, graphs, destinations, messageIds.ToImmutable(), records);
    }

    /// <summary>
    /// The metadata name of a generated type: nested types are written Outer.Inner from the namespace and use '+' in
    /// metadata, and a keyword part of the namespace is written escaped (<c>My.@class.Events</c>), which metadata names
    /// do not say.
    /// </summary>
    private static string MetadataName(string @namespace, string fullName)
    {
        string name = fullName.Replace('.', '+').Replace("@", string.Empty);
        return @namespace.Length == 0 ? name : @namespace.Replace("@", string.Empty) + "." + name;
    }

    /// <summary>The generated records whose schema names a message-id property (<c>x-ec-message-id</c>), by metadata name, with that property's C# name.</summary>
    private static ImmutableArray<(string TypeName, string Property)> MessageIdsOf(ContractSpec spec)
    {
        var result = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var type in spec.Types)
        {
            if (type.Kind != TypeSpecKind.Record
                || type.SchemaId < 0
                || type.SchemaId >= spec.Schemas.Count
                || SchemaGraph.Resolve(spec.Schemas, type.SchemaId).Envelope?.MessageIdProperty is not { } jsonName
                || type.Members.FirstOrDefault(m => m.JsonName == jsonName) is not { } member)
            {
                continue;
            }

            result.Add((MetadataName(spec.Namespace, type.FullName), member.CSharpName));
        }

        return result.ToImmutable();
    }

    private static string Hex(ImmutableArray<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool IsJsonOrYaml(string path)
        => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private sealed class CachedRead
    {
        public CachedRead(
            ContractSpec? spec,
            ProjectFileKind kind,
            ImmutableArray<(string Path, string Checksum)> dependencies,
            CallSiteDestination? destination,
            ImmutableArray<(string TypeName, string Property)> messageIds)
        {
            Destination = destination;
            MessageIds = messageIds;
            Spec = spec;
            Kind = kind;
            Dependencies = dependencies;
        }

        public ContractSpec? Spec { get; }

        public CallSiteDestination? Destination { get; }

        public ImmutableArray<(string TypeName, string Property)> MessageIds { get; }

        public ProjectFileKind Kind { get; }

        public ImmutableArray<(string Path, string Checksum)> Dependencies { get; }

        public bool IsCurrent(Dictionary<string, string> checksums)
        {
            foreach (var (path, checksum) in Dependencies)
            {
                if (!checksums.TryGetValue(DocumentSet.Normalize(path), out string? current) || current != checksum)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
