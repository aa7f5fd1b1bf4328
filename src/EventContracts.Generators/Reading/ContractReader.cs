using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>The result of reading one contract: the model (when anything could be generated) and the diagnostics.</summary>
internal sealed record ContractReadResult(ContractSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>
    /// Runs a reader so that nothing escapes: a generator must never throw, so an unexpected
    /// exception becomes a diagnostic on the file instead of CS8785.
    /// </summary>
    public static ContractReadResult Guarded(
        ContractInput input,
        string what,
        Func<ContractInput, List<DiagnosticInfo>, ContractSpec?> read,
        System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<DiagnosticInfo>();
        if (!input.File.Readable)
        {
            // Told apart from an empty file: the usual cause is a wrong Include path, which "is empty" would hide.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidContract,
                FileLocation.StartOf(input.File.Path),
                "The " + what + " file " + System.IO.Path.GetFileName(input.File.Path) + " could not be read: it does not exist or cannot be opened; check the Include path of its item"));
            return new ContractReadResult(null, diagnostics.ToEquatableArray());
        }

        ContractSpec? spec;
        try
        {
            spec = read(input, diagnostics);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidContract,
                FileLocation.StartOf(input.File.Path),
                "The " + what + " could not be read (" + ex.GetType().Name + ": " + ex.Message + "); please report this input"));
            spec = null;
        }

        return new ContractReadResult(spec, diagnostics.ToEquatableArray());
    }
}

/// <summary>
/// Reads an OpenAPI 3.0/3.1 document (YAML or JSON) or a bare JSON Schema file into a
/// <see cref="ContractSpec"/>: finds the track operation, its request body schema, responses,
/// servers, security and documented examples.
/// </summary>
internal static class ContractReader
{
    private const int MaxListedOperations = 12;

    private static readonly string[] s_methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    public static ContractReadResult Read(ContractInput input, System.Threading.CancellationToken cancellationToken)
        => ContractReadResult.Guarded(input, "contract", ReadCore, cancellationToken);

    private static ContractSpec? ReadCore(ContractInput input, List<DiagnosticInfo> diagnostics)
    {
        var documents = new DocumentSet(input.File, input.ReferencedFiles, diagnostics);
        int reported = diagnostics.Count;
        var root = documents.Root(input.File.Path);
        if (root is null)
        {
            if (diagnostics.Count == reported)
            {
                // Empty, or only whitespace and comments: say so rather than generate nothing silently.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidContract, FileLocation.StartOf(input.File.Path), System.IO.Path.GetFileName(input.File.Path) + " is empty: it holds no YAML or JSON document"));
            }

            return null;
        }

        string name = ContractName(input);
        var rootMapping = root as MappingNode;
        var schemas = new SchemaReader(documents, diagnostics) { ReadsNullable = !IsOpenApi31OrLater(rootMapping) };
        OperationSpec? operation = null;
        int requestId;
        FileLocation? requestLocation = null;
        bool bodyRead = false;
        var responses = new List<(string Status, string? Description, int? SchemaId)>();
        var examples = new List<ExampleSpec>();

        if (rootMapping?.Get("swagger") is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidContract, rootMapping.GetKey("swagger")!.Location, "Swagger 2.0 documents are not supported; convert the contract to OpenAPI 3.0 or 3.1"));
            return null;
        }

        if (rootMapping is not null && rootMapping.Get("openapi") is null && LooksLikePlan(rootMapping))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidContract,
                rootMapping.GetKey("events")?.Location ?? rootMapping.GetKey("rules")!.Location,
                System.IO.Path.GetFileName(input.File.Path) + " is a tracking plan (a top-level 'events' list or Segment 'rules'), not a vendor contract: list it as a TrackingPlan item"));
            return null;
        }

        if (rootMapping?.Get("openapi") is not null)
        {
            var found = FindOperation(rootMapping, input, diagnostics);
            if (found is null)
            {
                return null;
            }

            var (method, path, operationNode, pathItem) = found.Value;
            string pathPointer = "/paths/" + SchemaReader.Escape(path);
            string operationPointer = pathPointer + "/" + method;
            ReportUnknownExtensions(operationNode, operationPointer, "operations", Extensions.Operation, diagnostics);
            operation = new OperationSpec(
                method.ToUpperInvariant(),
                path,
                operationNode.GetString("operationId"),
                operationNode.GetString("summary"),
                Servers(operationNode, pathItem, rootMapping),
                Security(operationNode, rootMapping, documents, input.File.Path, diagnostics),
                Identity(operationNode),
                (operationNode.Get("x-ec-dedupe") as MappingNode)?.GetString("duplicates"),
                ServerVariables(operationNode, pathItem, rootMapping),
                DefaultHeaders(operationNode, pathItem, pathPointer, operationPointer, documents, input.File.Path, diagnostics));

            var body = Resolve(operationNode.Get("requestBody"), input.File.Path, operationPointer + "/requestBody", documents, diagnostics);
            var media = JsonMedia(body);
            if (media?.Node.Get("schema") is { } schemaNode)
            {
                requestLocation = media.Value.DocumentPath == input.File.Path ? media.Value.Node.GetKey("schema")?.Location : null;
                requestId = schemas.Read(schemaNode, media.Value.DocumentPath, media.Value.Pointer + "/schema");
                bodyRead = true;
                examples.AddRange(Examples(media.Value.Node, documents, media.Value.DocumentPath, diagnostics));
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidContract,
                    operationNode.Location,
                    "Operation " + method.ToUpperInvariant() + " " + path + " has no JSON request body schema; its requests are validated as any JSON value"));
                requestId = schemas.Any();
            }

            if (Resolve(operationNode.Get("responses"), input.File.Path, operationPointer + "/responses", documents, diagnostics) is { Node: MappingNode responseMap } responsesAt)
            {
                foreach (var entry in responseMap.Entries)
                {
                    var response = Resolve(entry.Value, responsesAt.DocumentPath, responsesAt.Pointer + "/" + SchemaReader.Escape(entry.Key.Value), documents, diagnostics);
                    var responseMedia = JsonMedia(response);
                    int? responseSchema = responseMedia?.Node.Get("schema") is { } rs
                        ? schemas.Read(rs, responseMedia.Value.DocumentPath, responseMedia.Value.Pointer + "/schema")
                        : null;
                    responses.Add((entry.Key.Value, SchemaReader.NonBlank((response?.Node as MappingNode)?.GetString("description")), responseSchema));
                }
            }
        }
        else
        {
            requestId = schemas.Read(root, input.File.Path, string.Empty);
            bodyRead = true;
            if (rootMapping?.Get("examples") is SequenceNode bareExamples)
            {
                for (int i = 0; i < bareExamples.Items.Count; i++)
                {
                    examples.Add(new ExampleSpec("example " + (i + 1).ToString(CultureInfo.InvariantCulture), JsonText.Write(bareExamples.Items[i])));
                }
            }
        }

        schemas.BreakNonNestingCycles();
        var schemaList = schemas.Schemas;
        var types = new TypeModelBuilder(schemaList, schemas.ComponentNames, schemas.PropertyLocations, schemas.EnumValueLocations, schemas.Locations, name, diagnostics, new[] { name + "Contract", "EventContractCatalog" }, ExternalNames.ReservedIn(input.Namespace));
        string requestTypeName = name + "Request";
        var requestType = types.MapRoot(requestId, requestTypeName);
        if (requestType.Kind != TypeRefKind.Record && bodyRead)
        {
            // A batch-style array, a scalar, a union or an object without properties: said, as the user expects a typed
            // request from a contract.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.RequestNotObject,
                requestLocation ?? FileLocation.StartOf(input.File.Path),
                SchemaReader.Display(schemaList[requestId].Pointer),
                requestType.Kind switch
                {
                    TypeRefKind.List when requestType.Element is { Kind: TypeRefKind.Record, Name: { } item } => "an array of " + item + ", not an object",
                    TypeRefKind.List => "an array, not an object",
                    TypeRefKind.Map => "an object that declares no properties",
                    TypeRefKind.Json => "any value or a union of types",
                    _ => "a single value, not an object",
                },
                requestTypeName,
                name));
        }
        var responseSpecs = new List<ResponseSpec>();
        foreach (var (status, description, schemaId) in responses)
        {
            string? typeName = schemaId is int id ? types.MapRoot(id, Naming.Bare(Naming.ToPascalCase(name + "Response" + status))).Name : null;
            responseSpecs.Add(new ResponseSpec(status, description, schemaId, typeName));
        }

        return new ContractSpec(
            name,
            input.Namespace,
            input.File.Path,
            ContractSourceKind.VendorContract,
            operation,
            requestId,
            requestType.Kind == TypeRefKind.Record ? requestType.Name! : string.Empty,
            responseSpecs.ToEquatableArray(),
            examples.ToEquatableArray(),
            schemaList,
            types.Types,
            EquatableArray<PlanEventSpec>.Empty);
    }

    private static string ContractName(ContractInput input) => Naming.ContractName(input.Vendor, input.File.Path);

    /// <summary>EC1003 for each <c>x-ec-</c> key of <paramref name="node"/> that is not one of <paramref name="known"/> (see <see cref="Extensions"/>).</summary>
    private static void ReportUnknownExtensions(MappingNode node, string pointer, string place, string[] known, List<DiagnosticInfo> diagnostics)
    {
        foreach (var entry in node.Entries)
        {
            if (Extensions.IsUnknown(entry.Key.Value, known))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedKeyword,
                    entry.Key.Location,
                    entry.Key.Value,
                    SchemaReader.Display(pointer + "/" + SchemaReader.Escape(entry.Key.Value)),
                    Extensions.Reason(place)));
            }
        }
    }

    /// <summary>Whether the document says it is OpenAPI 3.1 or later (<c>openapi: 3.1.0</c>), whose schemas are JSON Schema 2020-12.</summary>
    private static bool IsOpenApi31OrLater(MappingNode? root)
        => root?.Get("openapi") is ScalarNode { Value: var version }
            && System.Version.TryParse(version.Trim(), out var parsed)
            && parsed >= new System.Version(3, 1);

    /// <summary>
    /// A document with a top-level <c>events</c> list, or Segment's <c>rules</c>, and no JSON Schema keyword beside it:
    /// a tracking plan listed as a contract, which would otherwise be read as a schema with one unknown keyword.
    /// </summary>
    private static bool LooksLikePlan(MappingNode root)
        => (root.Get("events") is SequenceNode || root.Get("rules") is MappingNode or SequenceNode)
            && !root.Entries.Any(entry => entry.Key.Value is "type" or "properties" or "$ref" or "allOf" or "anyOf" or "oneOf" or "$schema" or "$id");

    private static (string Method, string Path, MappingNode Operation, MappingNode PathItem)? FindOperation(MappingNode root, ContractInput input, List<DiagnosticInfo> diagnostics)
    {
        var candidates = new List<(string Method, string Path, MappingNode Operation, MappingNode PathItem)>();
        if (root.Get("paths") is MappingNode paths)
        {
            foreach (var pathEntry in paths.Entries)
            {
                if (pathEntry.Value is not MappingNode pathItem)
                {
                    continue;
                }

                foreach (string method in s_methods)
                {
                    if (pathItem.Get(method) is MappingNode op)
                    {
                        candidates.Add((method, pathEntry.Key.Value, op, pathItem));
                    }
                }
            }
        }

        string? wanted = string.IsNullOrWhiteSpace(input.Operation) ? null : input.Operation!.Trim();
        if (wanted is not null)
        {
            var matches = candidates.Where(c => Selects(wanted, c.Method, c.Path, c.Operation)).ToList();
            if (matches.Count > 1)
            {
                // Only a duplicated operationId can select more than one (a method and path names one path item's
                // operation). OpenAPI requires operationIds to be unique, so the document is wrong: keep the first, but
                // say which ones there are and how to name the other.
                var second = matches[1].Operation;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.AmbiguousOperation,
                    second.GetKey("operationId")?.Location ?? second.Location,
                    wanted,
                    System.IO.Path.GetFileName(input.File.Path),
                    string.Join(", ", matches.Select(m => Display(m.Method, m.Path))),
                    Display(matches[0].Method, matches[0].Path),
                    Display(matches[1].Method, matches[1].Path)));
            }

            if (matches.Count > 0)
            {
                return matches[0];
            }
        }
        else
        {
            var withBody = candidates.Where(c => c.Operation.Get("requestBody") is not null).ToList();
            if (withBody.Count == 1)
            {
                return withBody[0];
            }
        }

        // Each candidate as the user can select it: by its operationId, or by method and path when it has none or
        // shares it with another operation.
        var ids = candidates.Select(c => c.Operation.GetString("operationId")).Where(id => id is not null).ToList();
        var names = candidates
            .Where(c => c.Operation.Get("requestBody") is not null)
            .Select(c => c.Operation.GetString("operationId") is { } id && ids.Count(i => i == id) == 1 ? id : Display(c.Method, c.Path))
            .ToList();
        string available = string.Join(", ", names.Take(MaxListedOperations))
            + (names.Count > MaxListedOperations ? " and " + (names.Count - MaxListedOperations).ToString(CultureInfo.InvariantCulture) + " more" : string.Empty);
        if (wanted is not null && Suggest(wanted, candidates.Where(c => c.Operation.Get("requestBody") is not null).Select(c => Display(c.Method, c.Path)).ToList(), names) is { Length: > 0 } suggestion)
        {
            available += "; did you mean '" + suggestion + "'?";
        }
        var location = root.GetKey("paths")?.Location ?? FileLocation.StartOf(input.File.Path);
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.OperationNotFound,
            location,
            wanted is not null
                ? "Operation '" + wanted + "' is not in " + System.IO.Path.GetFileName(input.File.Path)
                : System.IO.Path.GetFileName(input.File.Path) + " has " + (names.Count == 0 ? "no operation" : "more than one operation") + " with a JSON request body and the item has no Operation metadata to say which one tracks the event",
            available.Length == 0 ? "none" : available));
        return null;
    }

    /// <summary>
    /// Whether <c>Operation</c> metadata names this operation: by its operationId, or as <c>"POST /path"</c> with the
    /// method in any case and the path exactly as the document writes it (OpenAPI paths are case-sensitive, and a
    /// document may have both <c>/Events</c> and <c>/events</c>).
    /// </summary>
    private static bool Selects(string wanted, string method, string path, MappingNode operation)
    {
        if (operation.GetString("operationId") == wanted)
        {
            return true;
        }

        int space = wanted.IndexOf(' ');
        return space > 0
            && string.Equals(wanted.Substring(0, space), method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(wanted.Substring(space + 1).Trim(), path, StringComparison.Ordinal);
    }

    private static string Display(string method, string path) => method.ToUpperInvariant() + " " + path;

    private static readonly System.Text.RegularExpressions.Regex s_pathParameter = new(@"\{[^}/]*\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The operation a wrong <c>Operation</c> most likely meant: for <c>"POST /path"</c>, the one whose path differs only
    /// in its parameters' names (<c>{id}</c> for <c>{audience_id}</c>), else the closest method and path; for an
    /// operationId, the closest name listed.
    /// </summary>
    private static string? Suggest(string wanted, List<string> methodPaths, List<string> names)
    {
        int space = wanted.IndexOf(' ');
        if (space <= 0 || wanted.IndexOf('/') < space)
        {
            return NameSuggestions.Suggest(wanted, names);
        }

        string normalized = wanted.Substring(0, space).ToUpperInvariant() + " " + wanted.Substring(space + 1).Trim();
        string shape = s_pathParameter.Replace(normalized, "{}");
        return methodPaths.FirstOrDefault(m => s_pathParameter.Replace(m, "{}") == shape) is { } sameShape
            ? sameShape
            : NameSuggestions.Suggest(normalized, methodPaths);
    }

    /// <summary>
    /// The JSON media type object of a request body or response (<c>application/json</c>, else the first type whose name
    /// has "json"), with the pointer that names it, media-type key included, so schema diagnostics point where the
    /// schema is.
    /// </summary>
    private static (MappingNode Node, string DocumentPath, string Pointer)? JsonMedia(ResolvedNode? owner)
    {
        if (owner is not { Node: MappingNode ownerMap } || ownerMap.Get("content") is not MappingNode content)
        {
            return null;
        }

        var entry = content.Entries.FirstOrDefault(e => e.Key.Value == "application/json" && e.Value is MappingNode);
        if (entry.Key is null)
        {
            entry = content.Entries.FirstOrDefault(e => e.Key.Value.Contains("json") && e.Value is MappingNode);
        }

        return entry.Key is null
            ? null
            : ((MappingNode)entry.Value, owner.Value.DocumentPath, owner.Value.Pointer + "/content/" + SchemaReader.Escape(entry.Key.Value));
    }

    private static SourceNode? Follow(SourceNode? node, DocumentSet documents, string documentPath, List<DiagnosticInfo> diagnostics)
        => Resolve(node, documentPath, string.Empty, documents, diagnostics)?.Node;

    /// <summary>
    /// Follows <c>$ref</c>s from <paramref name="node"/> (at <paramref name="pointer"/> in <paramref name="documentPath"/>)
    /// to the node they name, with that node's document and pointer; null when a reference cannot be resolved (EC1002).
    /// </summary>
    private static ResolvedNode? Resolve(SourceNode? node, string documentPath, string pointer, DocumentSet documents, List<DiagnosticInfo> diagnostics)
    {
        var resolved = node is null ? (ResolvedNode?)null : new ResolvedNode(node, documentPath, pointer);
        for (int guard = 0; guard < 16 && resolved?.Node is MappingNode map && map.Get("$ref") is ScalarNode reference; guard++)
        {
            if (!documents.TryResolve(reference.Value, resolved.Value.DocumentPath, out var target, out string error))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedReference, reference.Location, reference.Value, error));
                return null;
            }

            resolved = target;
        }

        return resolved;
    }

    private static IEnumerable<ExampleSpec> Examples(MappingNode media, DocumentSet documents, string documentPath, List<DiagnosticInfo> diagnostics)
    {
        if (media.Get("examples") is MappingNode examples)
        {
            foreach (var entry in examples.Entries)
            {
                if (Follow(entry.Value, documents, documentPath, diagnostics) is MappingNode example && example.Get("value") is { } value)
                {
                    yield return new ExampleSpec(entry.Key.Value, JsonText.Write(value));
                }
            }
        }
        else if (media.Get("example") is { } single and not ScalarNode { Kind: ScalarKind.Null })
        {
            // A bare null is what swagger-core writes for "no example" (on every operation of HubSpot's documents), not
            // a request body; a null body documented on purpose goes in "examples", which keeps it.
            yield return new ExampleSpec("example", JsonText.Write(single));
        }
        else
        {
            // Without one on the media type, the body schema's own (OpenAPI 3.0 "example", JSON Schema "examples"), as
            // Knock's documents give them. The schema's references were reported where it was read.
            var schema = Follow(media.Get("schema"), documents, documentPath, new List<DiagnosticInfo>()) as MappingNode;
            if (schema?.Get("examples") is SequenceNode list)
            {
                for (int i = 0; i < list.Items.Count; i++)
                {
                    yield return new ExampleSpec("example " + (i + 1).ToString(CultureInfo.InvariantCulture), JsonText.Write(list.Items[i]));
                }
            }
            else if (schema?.Get("example") is { } schemaExample and not ScalarNode { Kind: ScalarKind.Null })
            {
                yield return new ExampleSpec("example", JsonText.Write(schemaExample));
            }
        }
    }

    private static EquatableArray<string> Servers(MappingNode operation, MappingNode pathItem, MappingNode root)
    {
        var servers = (operation.Get("servers") ?? pathItem.Get("servers") ?? root.Get("servers")) as SequenceNode;
        return (servers?.Items ?? new List<SourceNode>())
            .OfType<MappingNode>()
            .Select(s => s.GetString("url"))
            .Where(u => u is not null)
            .Select(u => u!)
            .ToEquatableArray();
    }

    /// <summary>Defaults of the first server's URL variables (<c>{environment}</c> → <c>analytex</c>).</summary>
    private static EquatableArray<NameValue> ServerVariables(MappingNode operation, MappingNode pathItem, MappingNode root)
    {
        var servers = (operation.Get("servers") ?? pathItem.Get("servers") ?? root.Get("servers")) as SequenceNode;
        var variables = (servers?.Items.OfType<MappingNode>().FirstOrDefault()?.Get("variables")) as MappingNode;
        return (variables?.Entries ?? new List<KeyValuePair<ScalarNode, SourceNode>>())
            .Where(e => e.Value is MappingNode v && v.Get("default") is ScalarNode)
            .Select(e => new NameValue(e.Key.Value, ((ScalarNode)((MappingNode)e.Value).Get("default")!).Value))
            .ToEquatableArray();
    }

    /// <summary>Header parameters (of the path item or the operation) that carry <c>x-ec-send</c>: sent by default.</summary>
    private static EquatableArray<NameValue> DefaultHeaders(MappingNode operation, MappingNode pathItem, string pathPointer, string operationPointer, DocumentSet documents, string documentPath, List<DiagnosticInfo> diagnostics)
    {
        var result = new List<NameValue>();
        foreach (var (list, listPointer) in new[] { (pathItem.Get("parameters"), pathPointer + "/parameters"), (operation.Get("parameters"), operationPointer + "/parameters") })
        {
            var items = (list as SequenceNode)?.Items ?? new List<SourceNode>();
            for (int i = 0; i < items.Count; i++)
            {
                if (Follow(items[i], documents, documentPath, diagnostics) is not MappingNode parameter)
                {
                    continue;
                }

                ReportUnknownExtensions(parameter, listPointer + "/" + i.ToString(CultureInfo.InvariantCulture), "parameters", Extensions.Parameter, diagnostics);
                if (parameter.GetString("in") == "header"
                    && parameter.GetString("name") is { } name
                    && parameter.Get("x-ec-send") is ScalarNode value)
                {
                    result.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
                    result.Add(new NameValue(name, value.Value));
                }
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>The user identifier fields of <c>x-ec-identity</c>: the required alternatives, then the optional ones.</summary>
    private static EquatableArray<string> Identity(MappingNode operation)
    {
        if (operation.Get("x-ec-identity") is not MappingNode identity)
        {
            return EquatableArray<string>.Empty;
        }

        var names = new List<string>();
        if (identity.GetString("precedence") is { } first)
        {
            names.Add(first);
        }

        foreach (string key in new[] { "anyOf", "optional" })
        {
            if (identity.Get(key) is SequenceNode list)
            {
                names.AddRange(list.Items.OfType<ScalarNode>().Select(s => s.Value));
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToEquatableArray();
    }

    private static EquatableArray<SecuritySpec> Security(MappingNode operation, MappingNode root, DocumentSet documents, string documentPath, List<DiagnosticInfo> diagnostics)
    {
        var requirements = (operation.Get("security") ?? root.Get("security")) as SequenceNode;
        var first = requirements?.Items.OfType<MappingNode>().FirstOrDefault(r => r.Entries.Count > 0);
        if (first is null)
        {
            return EquatableArray<SecuritySpec>.Empty;
        }

        var schemes = (root.Get("components") as MappingNode)?.Get("securitySchemes") as MappingNode;
        var result = new List<SecuritySpec>();
        foreach (var entry in first.Entries)
        {
            var scheme = schemes?.Get(entry.Key.Value) as MappingNode;
            if (scheme?.Get("$ref") is ScalarNode r && documents.TryResolve(r.Value, documentPath, out var target, out _))
            {
                scheme = target.Node as MappingNode;
            }

            if (scheme is not null)
            {
                ReportUnknownExtensions(scheme, "/components/securitySchemes/" + SchemaReader.Escape(entry.Key.Value), "security schemes", Extensions.SecurityScheme, diagnostics);
            }

            result.Add(new SecuritySpec(
                entry.Key.Value,
                scheme?.GetString("type") ?? "unknown",
                scheme?.GetString("scheme"),
                scheme?.GetString("in"),
                scheme?.GetString("name"),
                scheme?.GetString("x-ec-value-prefix")));
        }

        return result.ToEquatableArray();
    }
}
