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
internal sealed record ProjectFile(ProjectFileKind Kind, SourceFile File, string? Vendor, string? Operation, string? EventNameStyle = null);

/// <summary>Project-wide settings: the namespace of generated code and the C# version.</summary>
internal sealed record GeneratorSettings(string Namespace);

/// <summary>Reads AdditionalFiles and MSBuild properties into pipeline values.</summary>
internal static class ProjectFiles
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <summary>The <c>.editorconfig</c> option that names the event-name style (it reaches additional files by path).</summary>
    public const string EventNameStyleOption = "eventcontracts.event_name_style";

    private static readonly Regex s_externalRef = new("[\"']?\\$ref[\"']?\\s*:\\s*[\"']?([^\"'#\\s,}]+)", RegexOptions.CultureInvariant);

    public static ProjectFile? Read(AdditionalText text, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(text);
        fileOptions.TryGetValue(MetadataPrefix + "EventContractsKind", out string? kindValue);
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
        fileOptions.TryGetValue(MetadataPrefix + "Operation", out string? operation);

        // .editorconfig options reach additional files by path, so [*.yaml] sections work here.
        fileOptions.TryGetValue(EventNameStyleOption, out string? style);
        return new ProjectFile(kind, SourceFile.From(text, cancellationToken), NullIfEmpty(vendor), NullIfEmpty(operation), NullIfEmpty(style));
    }

    public static GeneratorSettings Settings(AnalyzerConfigOptionsProvider options)
    {
        var global = options.GlobalOptions;
        string ns = global.TryGetValue("build_property.EventContractsNamespace", out string? configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : global.TryGetValue("build_property.RootNamespace", out string? root) && !string.IsNullOrWhiteSpace(root) ? root : "EventContracts.Generated";
        return new GeneratorSettings(SanitizeNamespace(ns));
    }

    /// <summary>
    /// One contract per operation: <c>Operation="track,batch"</c> on one file gives the contract named by
    /// <c>Vendor</c> for the first operation and <c>{Vendor}{Operation}</c> (<c>CustomerIoBatch</c>) for each
    /// other one. MSBuild keeps one AdditionalFiles item per path, so one item has to carry them all; the
    /// separator is a comma because the compiler's analyzer config reads ';' as the start of a comment.
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
        var operations = operation!.Split(',').Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
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

    private static bool HasOperationList(string? operation) => operation is not null && operation.IndexOf(',') >= 0;

    /// <summary>The files a contract's <c>$ref</c>s reach, directly or through other files.</summary>
    public static EquatableArray<SourceFile> ReferencedFiles(SourceFile main, EquatableArray<SourceFile> documents)
    {
        if (main.Text.IndexOf("$ref", StringComparison.Ordinal) < 0)
        {
            return EquatableArray<SourceFile>.Empty;
        }

        var byPath = new Dictionary<string, SourceFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents)
        {
            byPath[DocumentSet.Normalize(document.Path)] = document;
        }

        var result = new SortedDictionary<string, SourceFile>(StringComparer.Ordinal);
        var queue = new Queue<SourceFile>();
        queue.Enqueue(main);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (Match match in s_externalRef.Matches(current.Text))
            {
                string target = DocumentSet.Normalize(Combine(current.Path, match.Groups[1].Value));
                if (byPath.TryGetValue(target, out var file) && !string.Equals(target, DocumentSet.Normalize(main.Path), StringComparison.OrdinalIgnoreCase) && !result.ContainsKey(target))
                {
                    result[target] = file;
                    queue.Enqueue(file);
                }
            }
        }

        return result.Values.ToEquatableArray();
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

    private static string SanitizeNamespace(string value)
        => string.Join(".", value.Split('.').Where(p => p.Length > 0).Select(p => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(p) ? p : Naming.Bare(Naming.ToPascalCase(p))));
}
