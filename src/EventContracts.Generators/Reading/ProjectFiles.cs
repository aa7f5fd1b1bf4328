using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EventContracts.Generators.Reading;

/// <summary>What role an AdditionalFiles item plays, from the metadata the package's targets set.</summary>
internal enum ProjectFileKind
{
    /// <summary>A YAML/JSON file that is not an item of ours but may be the target of a cross-file <c>$ref</c>.</summary>
    Document,
    Contract,
    TrackingPlan,
}

/// <summary>An AdditionalFiles item with its text and EventContracts metadata.</summary>
/// <param name="BuiltIn">One of the package's own vendor contracts, which <c>EventContractsVendors</c> adds.</param>
internal sealed record ProjectFile(ProjectFileKind Kind, SourceFile File, string? Vendor, string? Operation, string? EventNameStyle = null, bool BuiltIn = false);

/// <summary>Project-wide settings: the namespace of generated code.</summary>
/// <param name="Namespace">The namespace as generated code writes it (C# keywords escaped: <c>My.@class.Events</c>).</param>
/// <param name="RewrittenFrom">The <c>EventContractsNamespace</c> value when it is not a valid namespace and <paramref name="Namespace"/> is its rewrite (EC1019); else null.</param>
internal sealed record GeneratorSettings(string Namespace, string? RewrittenFrom = null, bool Polyfills = true);

/// <summary>Reads AdditionalFiles and MSBuild properties into pipeline values.</summary>
internal static class ProjectFiles
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <summary>The <c>.editorconfig</c> option that names the event-name style (it reaches additional files by path).</summary>
    public const string EventNameStyleOption = "eventcontracts.event_name_style";

    private static readonly char[] s_operationSeparators = { ',', ';' };

    // The value of a $ref up to its fragment: quoted (JSON, YAML), where a file name may hold spaces, or a YAML plain
    // scalar, up to the end of its line or flow entry (trailing spaces trimmed by the reader).
    private static readonly Regex s_externalRef = new("[\"']?\\$ref[\"']?\\s*:\\s*(?:\"([^\"#]+)|'([^'#]+)|([^\"'#\\s,}][^\"'#\\r\\n,}]*))", RegexOptions.CultureInvariant);

    public static ProjectFile? Read(AdditionalText text, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(text);
        fileOptions.TryGetValue(MetadataPrefix + "EventContractsKind", out string? kindValue);
        if (kindValue is ReferencedTrackingPlanKind or ReferencedDocumentKind)
        {
            // A referenced project generates its own plan; here it and its documents only inform the call-site analyzers.
            return null;
        }

        var kind = kindValue switch
        {
            "EventContract" => ProjectFileKind.Contract,
            "TrackingPlan" => ProjectFileKind.TrackingPlan,
            _ => ProjectFileKind.Document,
        };
        if (kind == ProjectFileKind.Document && !IsJsonOrYaml(text.Path))
        {
            return null;
        }

        fileOptions.TryGetValue(MetadataPrefix + "Vendor", out string? vendor);
        string? operation = Operation(fileOptions);

        // .editorconfig options reach additional files by path, so [*.yaml] sections work here.
        fileOptions.TryGetValue(EventNameStyleOption, out string? style);
        bool builtIn = fileOptions.TryGetValue(MetadataPrefix + "EventContractsBuiltIn", out string? builtInValue) && string.Equals(builtInValue, "true", StringComparison.OrdinalIgnoreCase);
        return new ProjectFile(kind, SourceFile.From(text, cancellationToken), NullIfEmpty(vendor), NullIfEmpty(operation), NullIfEmpty(style), builtIn);
    }

    /// <summary>
    /// A contract item's <c>Operation</c>. The compiler's analyzer config ends a value at its first <c>#</c> or <c>;</c>
    /// (a comment), so the package's targets pass it as <c>EventContractsOperation</c> with <c>\</c>, <c>#</c> and
    /// <c>;</c> written <c>\5C</c>, <c>\23</c> and <c>\3B</c>; <c>Operation</c> itself is read where that is empty
    /// (the config lists every visible metadata name for every file, empty where an item has none).
    /// </summary>
    public static string? Operation(AnalyzerConfigOptions fileOptions)
        => Encoded(fileOptions, MetadataPrefix + "EventContractsOperation", MetadataPrefix + "Operation");

    /// <summary>
    /// The value of <paramref name="encodedKey"/> decoded (<c>\5C</c>, <c>\23</c>, <c>\3B</c>), or where that is empty
    /// or absent the value of <paramref name="plainKey"/> as the config has it (cut at a <c>#</c> or <c>;</c>).
    /// </summary>
    private static string? Encoded(AnalyzerConfigOptions options, string encodedKey, string plainKey)
    {
        if (!options.TryGetValue(encodedKey, out string? encoded) || encoded.Length == 0)
        {
            options.TryGetValue(plainKey, out string? plain);
            return plain;
        }

        var decoded = new System.Text.StringBuilder(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            char c = encoded[i] == '\\' && i + 2 < encoded.Length ? Unescaped(encoded[i + 1], encoded[i + 2]) : '\0';
            if (c != '\0')
            {
                decoded.Append(c);
                i += 2;
            }
            else
            {
                decoded.Append(encoded[i]);
            }
        }

        return decoded.ToString();
    }

    private static char Unescaped(char high, char low) => (high, low) switch
    {
        ('5', 'C') => '\\',
        ('2', '3') => '#',
        ('3', 'B') => ';',
        _ => '\0',
    };

    /// <summary>
    /// The <c>EventContractsKind</c> the package's targets give a tracking plan of a referenced project (a class library
    /// that holds the plan): not generated again, read by the call-site analyzers, whose records are in that project's
    /// namespace (<see cref="ReferencedNamespace"/>).
    /// </summary>
    public const string ReferencedTrackingPlanKind = "ReferencedTrackingPlan";

    // The namespace of generated code in a project that sets neither EventContractsNamespace nor RootNamespace.
    private const string DefaultNamespace = "EventContracts.Generated";

    /// <summary>The <c>EventContractsKind</c> of a JSON/YAML file a referenced project's plan may <c>$ref</c>.</summary>
    public const string ReferencedDocumentKind = "ReferencedDocument";

    /// <summary>
    /// The namespace a referenced project generates its plan's records in, as its targets pass it with the file
    /// (<c>EventContractsReferencedNamespace</c>, encoded as the project's own namespace is), sanitized as the generator
    /// there sanitizes it.
    /// </summary>
    public static string ReferencedNamespace(AnalyzerConfigOptions fileOptions)
    {
        // Always written encoded by the targets: no plain form to fall back on.
        string key = MetadataPrefix + "EventContractsReferencedNamespace";
        string? value = Encoded(fileOptions, key, key);
        return SanitizeNamespace(!string.IsNullOrWhiteSpace(value) ? value! : DefaultNamespace).Namespace;
    }

    public static GeneratorSettings Settings(AnalyzerConfigOptionsProvider options)
    {
        var global = options.GlobalOptions;
        bool polyfills = !(global.TryGetValue("build_property.EventContractsPolyfills", out string? switched) && string.Equals(switched.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        // As for Operation, the package's targets pass the namespaces encoded: "C#Tools" would reach us as "C".
        string? configured = Encoded(global, "build_property._EventContractsNamespace", "build_property.EventContractsNamespace");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var (ns, rewritten) = SanitizeNamespace(configured!);
            return new GeneratorSettings(ns, rewritten ? configured!.Trim() : null, polyfills);
        }

        // The default follows RootNamespace, which the SDK takes from the project name ("my-app"): not reported, as the
        // user wrote no namespace.
        string? value = Encoded(global, "build_property._EventContractsRootNamespace", "build_property.RootNamespace");
        string root = !string.IsNullOrWhiteSpace(value) ? value! : DefaultNamespace;
        return new GeneratorSettings(SanitizeNamespace(root).Namespace, Polyfills: polyfills);
    }

    /// <summary>
    /// One contract per operation: <c>Operation="track,batch"</c> on one file gives the contract named by
    /// <c>Vendor</c> for the first operation and <c>{Vendor}{Operation}</c> (<c>CustomerIoBatch</c>) for each
    /// other one. MSBuild keeps one AdditionalFiles item per path, so one item has to carry them all, separated by
    /// commas or semicolons.
    /// </summary>
    public static IEnumerable<ProjectFile> PerOperation(ProjectFile file)
    {
        if (file.Kind != ProjectFileKind.Contract || !HasOperationList(file.Operation))
        {
            yield return file;
            yield break;
        }

        foreach (var (vendor, operation) in Operations(file.Vendor, file.Operation, file.File.Path))
        {
            yield return file with { Vendor = vendor, Operation = operation };
        }
    }

    /// <summary>
    /// The contracts one contract item declares, as (contract name, operation) pairs: itself, or one per operation of an
    /// <c>Operation</c> list (see <see cref="PerOperation"/>). The analyzers read contracts by these too.
    /// </summary>
    public static IEnumerable<(string? Vendor, string? Operation)> Operations(string? vendor, string? operation, string path)
    {
        if (!HasOperationList(operation))
        {
            yield return (vendor, operation);
            yield break;
        }

        string name = Naming.ContractName(vendor, path);
        var operations = operation!.Split(s_operationSeparators).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (operations.Count == 0)
        {
            // Only commas: no operation has that name, which EC1004 says, listing the ones there are.
            yield return (vendor, operation);
            yield break;
        }

        for (int i = 0; i < operations.Count; i++)
        {
            yield return (i == 0 ? name : name + Naming.Bare(Naming.ToPascalCase(Words(operations[i]))), operations[i]);
        }
    }

    /// <summary>
    /// An operation as words for its contract's name: an operationId keeps its humps (<c>invokeAdHoc</c> → <c>InvokeAdHoc</c>);
    /// the method of <c>"POST /v1/batch"</c> is a word, not an acronym (<c>PostV1Batch</c>).
    /// </summary>
    private static string Words(string operation)
    {
        int space = operation.IndexOf(' ');
        return space > 0 && operation.Substring(0, space).All(char.IsUpper)
            ? operation.Substring(0, space).ToLowerInvariant() + operation.Substring(space)
            : operation;
    }

    private static bool HasOperationList(string? operation) => operation is not null && operation.IndexOfAny(s_operationSeparators) >= 0;

    /// <summary>
    /// The files a contract's <c>$ref</c>s reach, directly or through other files: by relative path, or by a URI (an
    /// absolute one, or a relative one resolved against an <c>$id</c> the referring file declares) that another file
    /// declares as its <c>$id</c>. Found from the texts without parsing them, so a file too many may come along (its
    /// edits then re-read the contract), never one too few.
    /// </summary>
    public static EquatableArray<SourceFile> ReferencedFiles(SourceFile main, EquatableArray<SourceFile> documents)
    {
        if (main.Text.IndexOf("$ref", StringComparison.Ordinal) < 0)
        {
            return EquatableArray<SourceFile>.Empty;
        }

        var byPath = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            byPath[DocumentSet.Normalize(document.Path)] = document;
        }

        string mainPath = DocumentSet.Normalize(main.Path);
        var result = new SortedDictionary<string, SourceFile>(StringComparer.Ordinal);
        var queue = new Queue<SourceFile>();
        var uris = new HashSet<string>(StringComparer.Ordinal);
        queue.Enqueue(main);

        void Add(string path, SourceFile file)
        {
            if (!string.Equals(path, mainPath, StringComparison.Ordinal) && !result.ContainsKey(path))
            {
                result[path] = file;
                queue.Enqueue(file);
            }
        }

        // The files that declare a URI as an $id come along (each URI looked for once).
        void AddDeclarers(string uri)
        {
            if (!uris.Add(uri))
            {
                return;
            }

            var declaration = new Regex("[\"']?\\$id[\"']?\\s*:\\s*[\"']?" + Regex.Escape(uri) + "(?:[\"'#\\s,}]|$)", RegexOptions.CultureInvariant);
            foreach (var document in documents)
            {
                if (document.Text.IndexOf(uri, StringComparison.Ordinal) >= 0 && declaration.IsMatch(document.Text))
                {
                    Add(DocumentSet.Normalize(document.Path), document);
                }
            }
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            List<string>? bases = null;
            foreach (Match match in s_externalRef.Matches(current.Text))
            {
                string reference = (match.Groups[1].Success ? match.Groups[1] : match.Groups[2].Success ? match.Groups[2] : match.Groups[3]).Value.TrimEnd();
                if (DocumentSet.IsAbsoluteUri(reference))
                {
                    AddDeclarers(reference);
                    continue;
                }

                // A path in another case is not the file (paths are case-sensitive), but comes along so that the
                // unresolved reference can name it.
                string target = DocumentSet.Normalize(Combine(current.Path, reference));
                if (!byPath.ContainsKey(target) && reference.IndexOf('%') >= 0)
                {
                    // As DocumentSet reads it: "my%20events.json" is the file "my events.json".
                    target = DocumentSet.Normalize(Combine(current.Path, Uri.UnescapeDataString(reference)));
                }

                if (!byPath.ContainsKey(target) && byPath.Keys.FirstOrDefault(k => string.Equals(k, target, StringComparison.OrdinalIgnoreCase)) is { } otherCase)
                {
                    target = otherCase;
                }

                if (byPath.TryGetValue(target, out var file))
                {
                    Add(target, file);
                }

                // Under an $id, a relative reference is a URI resolved against it (links/list under
                // https://example.com/schema/event is https://example.com/schema/links/list).
                foreach (string baseUri in bases ??= IdBases(current.Text))
                {
                    if (Uri.TryCreate(new Uri(baseUri), reference, out var resolved))
                    {
                        AddDeclarers(resolved.AbsoluteUri);
                    }
                }
            }
        }

        return result.Values.ToEquatableArray();
    }

    private static readonly Regex s_id = new("[\"']?\\$id[\"']?\\s*:\\s*[\"']?([^\"'#\\s,}]+)", RegexOptions.CultureInvariant);

    /// <summary>
    /// The base URIs a file's <c>$id</c>s may set: each absolute one, and each relative one resolved against those
    /// (which <c>$id</c> encloses which reference is not known without parsing).
    /// </summary>
    private static List<string> IdBases(string text)
    {
        var bases = new List<string>();
        if (text.IndexOf("$id", StringComparison.Ordinal) < 0)
        {
            return bases;
        }

        var ids = s_id.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (string id in ids.Where(DocumentSet.IsAbsoluteUri))
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out var absolute))
            {
                continue;
            }

            bases.Add(absolute.AbsoluteUri);
            foreach (string relative in ids.Where(i => !DocumentSet.IsAbsoluteUri(i)))
            {
                if (Uri.TryCreate(absolute, relative, out var nested))
                {
                    bases.Add(nested.AbsoluteUri);
                }
            }
        }

        return bases;
    }

    private static string Combine(string from, string relative)
    {
        string normalized = from.Replace('\\', '/');
        int slash = normalized.LastIndexOf('/');
        return relative.StartsWith("/", StringComparison.Ordinal) ? relative : (slash < 0 ? string.Empty : normalized.Substring(0, slash + 1)) + relative;
    }

    private static bool IsJsonOrYaml(string path)
        => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    /// <summary>
    /// The namespace as C# can write it, and whether that changed its meaning. Each dot-separated part is trimmed; a
    /// C# keyword is escaped (<c>class</c> → <c>@class</c>, the same namespace); a part that is not an identifier is
    /// rewritten as a name is (<c>1abc</c> → <c>_1abc</c>, <c>Bar-Baz</c> → <c>BarBaz</c>) and an empty part is
    /// dropped (<c>a..b</c> → <c>a.b</c>): those two are rewrites.
    /// </summary>
    private static (string Namespace, bool Rewritten) SanitizeNamespace(string value)
    {
        var parts = new List<string>();
        bool rewritten = false;
        foreach (string raw in value.Split('.'))
        {
            // An '@' the user wrote is C#'s own escape: "@class" is the part "class".
            string part = raw.Trim();
            part = part.StartsWith("@", StringComparison.Ordinal) ? part.Substring(1) : part;
            if (part.Length == 0)
            {
                rewritten = true;
                continue;
            }

            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(part))
            {
                part = Naming.Bare(Naming.ToPascalCase(part));
                rewritten = true;
            }

            parts.Add(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(part) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + part : part);
        }

        return (string.Join(".", parts), rewritten);
    }
}
