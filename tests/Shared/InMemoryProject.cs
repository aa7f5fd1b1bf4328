using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EventContracts.Testing;

/// <summary>
/// The EventContracts metadata an AdditionalFiles item carries (what build/EventContracts.targets sets), and the
/// <c>eventcontracts.event_name_style</c> an <c>.editorconfig</c> section would give the file.
/// </summary>
internal readonly record struct ItemMetadata(string Kind, string? Vendor, string? Operation, string? EventNameStyle = null, bool BuiltIn = false);

/// <summary>An AdditionalFiles item held in memory.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>
/// Analyzer config options as the compiler would give them for a project importing the EventContracts
/// MSBuild interface: the generated namespace globally, and each item's metadata by path.
/// </summary>
internal sealed class ItemMetadataOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly IReadOnlyDictionary<string, ItemMetadata> _items;

    /// <param name="items">Each item's metadata by path.</param>
    /// <param name="generatedNamespace">The <c>EventContractsNamespace</c> property.</param>
    /// <param name="properties">More MSBuild properties the props file makes visible to the compiler (name, value).</param>
    public ItemMetadataOptionsProvider(IReadOnlyDictionary<string, ItemMetadata> items, string generatedNamespace, IReadOnlyDictionary<string, string>? properties = null)
    {
        _items = items;
        var global = new Dictionary<string, string> { ["build_property.EventContractsNamespace"] = generatedNamespace };
        foreach (var property in properties ?? new Dictionary<string, string>())
        {
            global["build_property." + property.Key] = property.Value;
        }

        GlobalOptions = new DictionaryOptions(global);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        if (!_items.TryGetValue(textFile.Path, out var item))
        {
            return DictionaryOptions.Empty;
        }

        var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.EventContractsKind"] = item.Kind };
        if (item.Vendor is not null)
        {
            values["build_metadata.AdditionalFiles.Vendor"] = item.Vendor;
        }

        if (item.Operation is not null)
        {
            values["build_metadata.AdditionalFiles.Operation"] = item.Operation;
        }

        if (item.BuiltIn)
        {
            values["build_metadata.AdditionalFiles.EventContractsBuiltIn"] = "true";
        }

        if (item.EventNameStyle is not null)
        {
            values["eventcontracts.event_name_style"] = item.EventNameStyle;
        }

        return new DictionaryOptions(values);
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
