using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventContracts.Generators.Reading;

/// <summary>A file given to the generator, compared by path and content.</summary>
/// <param name="Path">The file's path as the compiler has it.</param>
/// <param name="Text">Its text; empty when it could not be read.</param>
/// <param name="Readable">False when the compiler could not read the file (it does not exist, or cannot be opened).</param>
internal sealed record SourceFile(string Path, string Text, bool Readable = true)
{
    /// <summary>
    /// The text of an AdditionalFiles item (a JSON file's comments blanked, see <see cref="JsonComments"/>), remembering
    /// whether it could be read at all, so a missing file is not reported as an empty one.
    /// </summary>
    public static SourceFile From(AdditionalText text, System.Threading.CancellationToken cancellationToken)
        => text.GetText(cancellationToken) is { } content ? new SourceFile(text.Path, JsonComments.Blank(text.Path, content.ToString())) : new SourceFile(text.Path, string.Empty, Readable: false);
}

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
