using System;
using System.Collections.Generic;
using System.Linq;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>A node found by following a JSON Pointer, with the document it lives in.</summary>
internal readonly record struct ResolvedNode(SourceNode Node, string DocumentPath, string Pointer);

/// <summary>
/// The contract file and the files its <c>$ref</c>s reach, parsed lazily, with JSON Pointer resolution, and the
/// schema resources (<c>$id</c>) and anchors (<c>$anchor</c>, <c>$dynamicAnchor</c>, draft 7's <c>"$id": "#name"</c>)
/// they declare. Paths are compared after normalizing separators and <c>..</c> segments.
/// </summary>
internal sealed class DocumentSet
{
    /// <summary>Keywords whose values are instances, not schemas: an <c>$id</c> inside one names nothing.</summary>
    private static readonly HashSet<string> s_instanceKeywords = new(StringComparer.Ordinal) { "enum", "const", "default", "examples", "example" };

    // Paths are case-sensitive, as on the file systems CI builds run on: pageview.json and PageView.json are two schemas.
    private readonly Dictionary<string, SourceFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceNode?> _parsed = new(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics;

    /// <summary>Schema resources by absolute URI (without fragment), from every document parsed so far.</summary>
    private readonly Dictionary<string, ResolvedNode> _resources = new(StringComparer.Ordinal);

    /// <summary>Anchors by their resource's absolute URI (or <see cref="DocumentKey"/>), <c>#</c> and the name.</summary>
    private readonly Dictionary<string, ResolvedNode> _anchors = new(StringComparer.Ordinal);

    /// <summary>How many schemas declare each <c>$dynamicAnchor</c> name, in the documents parsed so far.</summary>
    private readonly Dictionary<string, int> _dynamicAnchors = new(StringComparer.Ordinal);

    /// <summary>How many schemas say <c>$recursiveAnchor: true</c> (draft 2019-09), in the documents parsed so far.</summary>
    private int _recursiveAnchors;

    /// <summary>Per document, the base URI each schema with an <c>$id</c> sets, by the schema's pointer.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> _bases = new(StringComparer.Ordinal);

    /// <summary>
    /// Per document, the pointers of schemas that Segment validates as documents of their own (a plan's rules): a
    /// <c>#/...</c> pointer in one that the file's root lacks starts at the rule's schema.
    /// </summary>
    private readonly Dictionary<string, List<string>> _ruleRoots = new(StringComparer.Ordinal);

    /// <param name="main">The contract or plan file.</param>
    /// <param name="referenced">The files its <c>$ref</c>s reach.</param>
    /// <param name="diagnostics">Where parse problems are reported.</param>
    /// <param name="mainRoot">The main file's root when it was parsed already (a plan's chunks); null to parse it here.</param>
    public DocumentSet(SourceFile main, IEnumerable<SourceFile> referenced, List<DiagnosticInfo> diagnostics, SourceNode? mainRoot = null)
    {
        _diagnostics = diagnostics;
        MainPath = Normalize(main.Path);
        _files[MainPath] = main;
        if (mainRoot is not null)
        {
            _parsed[MainPath] = mainRoot;
            Index(mainRoot, main, MainPath);
        }

        foreach (var file in referenced)
        {
            _files[Normalize(file.Path)] = file;
        }
    }

    public string MainPath { get; }

    public SourceNode? Root(string documentPath)
    {
        string key = Normalize(documentPath);
        if (_parsed.TryGetValue(key, out var node))
        {
            return node;
        }

        _parsed[key] = null;
        if (_files.TryGetValue(key, out var file))
        {
            node = SourceDocumentParser.Parse(file.Path, file.Text, _diagnostics);
            _parsed[key] = node;
            if (node is not null)
            {
                Index(node, file, key);
            }
        }

        return node;
    }

    /// <summary>
    /// Resolves a <c>$ref</c> value written in <paramref name="fromDocument"/> at <paramref name="fromPointer"/>: against
    /// the base URI an enclosing <c>$id</c> sets (a schema resource or anchor of the documents read), else as a file path
    /// relative to the document, with a JSON Pointer or anchor fragment.
    /// </summary>
    public bool TryResolve(string reference, string fromDocument, out ResolvedNode resolved, out string error, string fromPointer = "")
    {
        resolved = default;
        if (Root(fromDocument) is null)
        {
            error = "the document '" + System.IO.Path.GetFileName(fromDocument) + "' could not be read";
            return false;
        }

        int hash = reference.IndexOf('#');
        string filePart = hash < 0 ? reference : reference.Substring(0, hash);
        string fragment = Uri.UnescapeDataString(hash < 0 ? string.Empty : reference.Substring(hash + 1));
        // Most documents declare no $id: their references are file paths, resolved without building URIs.
        string? baseUri = _bases.Count == 0 ? null : BaseAt(Normalize(fromDocument), fromPointer);
        bool absolute = IsAbsoluteUri(filePart);
        string? underId = null;
        if ((baseUri is not null || absolute || (filePart.Length > 0 && _resources.Count > 0))
            && Combine(baseUri ?? DocumentUri(Normalize(fromDocument)), filePart) is { } target)
        {
            string key = Canonical(target);
            underId = baseUri is not null && !absolute && filePart.Length > 0 ? key : null;

            // Another file may declare the $id: the files a contract refers to are parsed when one is needed.
            if (_resources.TryGetValue(key, out var resource) || (ReadAll() && _resources.TryGetValue(key, out resource)))
            {
                return TryFragment(resource, key, fragment, out resolved, out error);
            }

            if (absolute)
            {
                error = "no schema of this document or the files it refers to has this $id, and remote references are not read; add the file to the project and refer to it by relative path";
                return false;
            }
        }

        string documentPath = fromDocument;
        if (filePart.Length > 0)
        {
            documentPath = CombinePath(fromDocument, filePart);
            string key = Normalize(documentPath);

            // A reference is a URI: "my%20events.json" names the file "my events.json" (a file named with the escape
            // itself is taken first).
            if (!_files.ContainsKey(key) && filePart.IndexOf('%') >= 0 && Normalize(CombinePath(fromDocument, Uri.UnescapeDataString(filePart))) is var unescaped && _files.ContainsKey(unescaped))
            {
                documentPath = CombinePath(fromDocument, Uri.UnescapeDataString(filePart));
                key = unescaped;
            }

            if (!_files.ContainsKey(key))
            {
                string? otherCase = _files.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                error = otherCase is not null
                    ? "file '" + filePart + "' is not among the project's AdditionalFiles; '" + System.IO.Path.GetFileName(otherCase) + "' differs only in case (paths are case-sensitive)"
                    : underId is not null
                        ? "no project file declares the $id '" + underId + "' it resolves to under the enclosing $id, and no file '" + filePart + "' is among the project's AdditionalFiles (add the file that declares it as an AdditionalFiles item)"
                        : "file '" + filePart + "' is not among the project's AdditionalFiles (add it as an EventContract or AdditionalFiles item)";
                return false;
            }
        }

        var root = Root(documentPath);
        if (root is null)
        {
            error = "the document '" + System.IO.Path.GetFileName(documentPath) + "' could not be read";
            return false;
        }

        // A file's root $id is the base of its fragments; without one, the file is.
        string rootKey = BaseAt(Normalize(documentPath), string.Empty) is { } rootBase ? rootBase : DocumentKey(Normalize(documentPath));
        var file = new ResolvedNode(root, documentPath, string.Empty);
        if (TryFragment(file, rootKey, fragment, out resolved, out error))
        {
            return true;
        }

        // In a Segment rule, '#/definitions/Money' may mean the rule's own definitions, as Segment reads each rule alone.
        return filePart.Length == 0
            && fragment.StartsWith("/", StringComparison.Ordinal)
            && RuleRootAt(Normalize(documentPath), fromPointer) is { } ruleRoot
            && TryFragment(file, rootKey, ruleRoot, out var rule, out _)
            && TryFragment(rule, rootKey, fragment, out resolved, out _);
    }

    /// <summary>
    /// Marks the schema at <paramref name="pointer"/> as a Segment rule's: Segment validates it as a document of its own,
    /// so a <c>#/...</c> pointer in it that the file's root lacks is looked up from it.
    /// </summary>
    public void AddRuleRoot(string documentPath, string pointer)
    {
        string key = Normalize(documentPath);
        if (!_ruleRoots.TryGetValue(key, out var roots))
        {
            _ruleRoots[key] = roots = new List<string>();
        }

        roots.Add(pointer);
    }

    /// <summary>The innermost rule schema around <paramref name="pointer"/>, or null.</summary>
    private string? RuleRootAt(string documentKey, string pointer)
    {
        if (!_ruleRoots.TryGetValue(documentKey, out var roots))
        {
            return null;
        }

        string? innermost = null;
        foreach (string root in roots)
        {
            bool contains = root.Length == 0 || pointer == root || pointer.StartsWith(root + "/", StringComparison.Ordinal);
            if (contains && (innermost is null || root.Length > innermost.Length))
            {
                innermost = root;
            }
        }

        return innermost;
    }

    /// <summary>
    /// How many schemas of all the documents declare <c>$dynamicAnchor: name</c>. With one, a <c>$dynamicRef</c> to it
    /// can only ever reach that schema, whatever the dynamic scope: it resolves as a <c>$ref</c> does.
    /// </summary>
    public int DynamicAnchorDeclarations(string name)
    {
        ReadAll();
        return _dynamicAnchors.TryGetValue(name, out int count) ? count : 0;
    }

    /// <summary>How many schemas of all the documents say <c>$recursiveAnchor: true</c>; with one, <c>$recursiveRef</c> is static.</summary>
    public int RecursiveAnchorDeclarations()
    {
        ReadAll();
        return _recursiveAnchors;
    }

    /// <summary>Parses (and indexes) every document of the set not parsed yet.</summary>
    /// <returns><see langword="true"/>, so a caller can retry a lookup in one expression.</returns>
    private bool ReadAll()
    {
        foreach (string path in new List<string>(_files.Keys))
        {
            Root(path);
        }

        return true;
    }

    /// <summary>Applies a fragment to a schema resource: a JSON Pointer from its root, or the name of an anchor in it.</summary>
    private bool TryFragment(ResolvedNode resource, string resourceKey, string fragment, out ResolvedNode resolved, out string error)
    {
        resolved = default;
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            if (_anchors.TryGetValue(resourceKey + "#" + fragment, out resolved))
            {
                error = string.Empty;
                return true;
            }

            error = "no $anchor (or $dynamicAnchor) named '" + fragment + "' is declared in " + (resource.Pointer.Length > 0 ? "the schema resource at #" + resource.Pointer : "the document");
            return false;
        }

        var node = resource.Node;
        if (fragment.Length > 0)
        {
            foreach (string rawSegment in fragment.Substring(1).Split('/'))
            {
                string segment = rawSegment.Replace("~1", "/").Replace("~0", "~");
                SourceNode? next = node switch
                {
                    MappingNode mapping => mapping.Get(segment),
                    SequenceNode sequence when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < sequence.Items.Count => sequence.Items[index],
                    _ => null,
                };
                if (next is null)
                {
                    error = "'" + segment + "' is not found in #" + resource.Pointer + fragment;
                    return false;
                }

                node = next;
            }
        }

        resolved = new ResolvedNode(node, resource.DocumentPath, resource.Pointer + fragment);
        error = string.Empty;
        return true;
    }

    /// <summary>The base URI that the innermost <c>$id</c> around <paramref name="pointer"/> sets, or null for the document's own.</summary>
    private string? BaseAt(string documentKey, string pointer)
    {
        if (!_bases.TryGetValue(documentKey, out var bases))
        {
            return null;
        }

        // The innermost schema with an $id is the longest prefix of the pointer, cut at a '/', that has one.
        string at = pointer;
        while (true)
        {
            if (bases.TryGetValue(at, out string? baseUri))
            {
                return baseUri;
            }

            if (at.Length == 0)
            {
                return null;
            }

            at = at.Substring(0, Math.Max(0, at.LastIndexOf('/')));
        }
    }

    /// <summary>
    /// Records the <c>$id</c>s and anchors of a parsed document. Only a document whose text names one is walked, so the
    /// large vendor documents that use none cost a text search.
    /// </summary>
    private void Index(SourceNode root, SourceFile file, string documentKey)
    {
        if (file.Text.IndexOf("$id", StringComparison.Ordinal) < 0 && file.Text.IndexOf("nchor", StringComparison.Ordinal) < 0)
        {
            return;
        }

        // Before 2019-09, $ref replaced its schema, so an $id beside it set no base.
        bool refHidesId = root is MappingNode top && top.GetString("$schema") is { } dialect
            && (dialect.Contains("draft-04") || dialect.Contains("draft-06") || dialect.Contains("draft-07"));
        var bases = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<(SourceNode Node, string Pointer, string? Base)>();
        var seen = new HashSet<SourceNode>();
        pending.Push((root, string.Empty, null));
        while (pending.Count > 0)
        {
            var (node, pointer, baseUri) = pending.Pop();

            // A YAML alias repeats a node; it is indexed where it first appears.
            if (!seen.Add(node))
            {
                continue;
            }

            if (node is SequenceNode sequence)
            {
                for (int i = sequence.Items.Count - 1; i >= 0; i--)
                {
                    pending.Push((sequence.Items[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), baseUri));
                }

                continue;
            }

            if (node is not MappingNode mapping)
            {
                continue;
            }

            if (mapping.GetString("$id") is { } id && !(refHidesId && mapping.Get("$ref") is not null))
            {
                if (id.StartsWith("#", StringComparison.Ordinal))
                {
                    AddAnchor(baseUri ?? DocumentKey(documentKey), id.Substring(1), mapping, file.Path, pointer);
                }
                else if (Combine(baseUri ?? DocumentUri(documentKey), id) is { } resolvedId)
                {
                    baseUri = Canonical(resolvedId);
                    bases[pointer] = baseUri;
                    if (!_resources.ContainsKey(baseUri))
                    {
                        _resources[baseUri] = new ResolvedNode(mapping, file.Path, pointer);
                    }
                }
            }

            if (mapping.GetString("$anchor") is { } anchor)
            {
                AddAnchor(baseUri ?? DocumentKey(documentKey), anchor, mapping, file.Path, pointer);
            }

            if (mapping.Get("$recursiveAnchor") is ScalarNode recursive && recursive.TryGetBool(out bool isRecursive) && isRecursive)
            {
                _recursiveAnchors++;
            }

            if (mapping.GetString("$dynamicAnchor") is { } dynamicAnchor)
            {
                AddAnchor(baseUri ?? DocumentKey(documentKey), dynamicAnchor, mapping, file.Path, pointer);
                _dynamicAnchors[dynamicAnchor] = _dynamicAnchors.TryGetValue(dynamicAnchor, out int count) ? count + 1 : 1;
            }

            for (int i = mapping.Entries.Count - 1; i >= 0; i--)
            {
                var entry = mapping.Entries[i];
                string key = entry.Key.Value;
                if (entry.Value is MappingNode or SequenceNode && !s_instanceKeywords.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                {
                    pending.Push((entry.Value, pointer + "/" + SchemaReader.Escape(key), baseUri));
                }
            }
        }

        if (bases.Count > 0)
        {
            _bases[documentKey] = bases;
        }
    }

    private void AddAnchor(string resourceKey, string name, SourceNode node, string documentPath, string pointer)
    {
        string key = resourceKey + "#" + name;
        if (!_anchors.ContainsKey(key))
        {
            _anchors[key] = new ResolvedNode(node, documentPath, pointer);
        }
    }

    /// <summary>The base URI of a document whose root has no <c>$id</c>, for the relative <c>$id</c>s in it.</summary>
    private static string DocumentUri(string documentKey) => "file:///" + documentKey.TrimStart('/');

    /// <summary>The key of a document's own resource (no <c>$id</c> at its root): not a URI, so no reference can spell it.</summary>
    private static string DocumentKey(string documentKey) => "\u0001" + documentKey;

    /// <summary>Whether a reference starts with a URI scheme (<c>https:</c>, <c>urn:</c>), not a path.</summary>
    internal static bool IsAbsoluteUri(string value)
    {
        // A scheme (RFC 3986: a letter, then letters, digits, '+', '-', '.') and a colon; "C:" is a Windows drive.
        int colon = value.IndexOf(':');
        if (colon < 2 || !char.IsLetter(value[0]))
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = value[i];
            if (!(char.IsLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Resolves a URI reference against an absolute base URI; null when the base cannot take a relative path (a URN).</summary>
    private static string? Combine(string baseUri, string reference)
    {
        if (IsAbsoluteUri(reference))
        {
            return reference;
        }

        if (reference.Length == 0 || reference[0] == '#')
        {
            return baseUri + reference;
        }

        return Uri.TryCreate(baseUri, UriKind.Absolute, out var parent) && parent.AbsoluteUri.Contains("://")
            && Uri.TryCreate(parent, reference, out var combined) ? combined.AbsoluteUri : null;
    }

    /// <summary>An absolute URI as resources are keyed: without its fragment, in <see cref="Uri"/>'s normal form.</summary>
    private static string Canonical(string uri)
    {
        int hash = uri.IndexOf('#');
        string withoutFragment = hash < 0 ? uri : uri.Substring(0, hash);
        return Uri.TryCreate(withoutFragment, UriKind.Absolute, out var parsed) ? parsed.AbsoluteUri : withoutFragment;
    }

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Replace('\\', '/').Split('/'))
        {
            if (part == "." || (part.Length == 0 && parts.Count > 0))
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join("/", parts);
    }

    private static string CombinePath(string fromDocument, string relative)
    {
        string normalized = fromDocument.Replace('\\', '/');
        int slash = normalized.LastIndexOf('/');
        string directory = slash < 0 ? string.Empty : normalized.Substring(0, slash + 1);
        return relative.StartsWith("/") ? relative : directory + relative;
    }
}
