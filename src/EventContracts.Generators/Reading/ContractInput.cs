using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>A file given to the generator, compared by path and content.</summary>
internal sealed record SourceFile(string Path, string Text);

/// <summary>
/// One <c>EventContract</c> item as the generator sees it: the file, its MSBuild metadata, the
/// generated namespace, and the other files its <c>$ref</c>s point to (so a change elsewhere does
/// not touch it).
/// </summary>
internal sealed record ContractInput(
    SourceFile File,
    string? Vendor,
    string? Operation,
    string Namespace,
    EquatableArray<SourceFile> ReferencedFiles,
    string? EventNameStyle = null);
