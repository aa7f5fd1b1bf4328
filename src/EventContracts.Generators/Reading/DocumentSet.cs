using System;
using System.Collections.Generic;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>A node found by following a JSON Pointer, with the document it lives in.</summary>
internal readonly record struct ResolvedNode(SourceNode Node, string DocumentPath, string Pointer);

/// <summary>
/// The contract file and the files its <c>$ref</c>s reach, parsed lazily, with JSON Pointer
/// resolution. Paths are compared after normalizing separators and <c>..</c> segments.
/// </summary>
internal sealed class DocumentSet
{
    private readonly Dictionary<string, SourceFile> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SourceNode?> _parsed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DiagnosticInfo> _diagnostics;

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
        }

        return node;
    }

    /// <summary>Resolves a <c>$ref</c> value relative to <paramref name="fromDocument"/>.</summary>
    public bool TryResolve(string reference, string fromDocument, out ResolvedNode resolved, out string error)
    {
        resolved = default;
        int hash = reference.IndexOf('#');
        string filePart = hash < 0 ? reference : reference.Substring(0, hash);
        string fragment = hash < 0 ? string.Empty : reference.Substring(hash + 1);
        string documentPath = fromDocument;
        if (filePart.Length > 0)
        {
            if (filePart.Contains("://"))
            {
                error = "remote references are not read; add the file to the project and refer to it by relative path";
                return false;
            }

            documentPath = Combine(fromDocument, filePart);
            if (!_files.ContainsKey(Normalize(documentPath)))
            {
                error = "file '" + filePart + "' is not among the project's AdditionalFiles (add it as an EventContract or AdditionalFiles item)";
                return false;
            }
        }

        var root = Root(documentPath);
        if (root is null)
        {
            error = "the document '" + System.IO.Path.GetFileName(documentPath) + "' could not be read";
            return false;
        }

        fragment = Uri.UnescapeDataString(fragment);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            error = "only JSON Pointer fragments (#/...) are supported, not anchors";
            return false;
        }

        var node = root;
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
                    error = "'" + segment + "' is not found in " + (fragment.Length > 0 ? "#" + fragment : "the document");
                    return false;
                }

                node = next;
            }
        }

        resolved = new ResolvedNode(node, documentPath, fragment);
        error = string.Empty;
        return true;
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

    private static string Combine(string fromDocument, string relative)
    {
        string normalized = fromDocument.Replace('\\', '/');
        int slash = normalized.LastIndexOf('/');
        string directory = slash < 0 ? string.Empty : normalized.Substring(0, slash + 1);
        return relative.StartsWith("/") ? relative : directory + relative;
    }
}
