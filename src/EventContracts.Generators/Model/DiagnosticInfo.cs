using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EventContracts.Generators.Model;

/// <summary>A position in a contract or plan file, kept as plain values so it can live in the pipeline.</summary>
internal readonly record struct FileLocation(string Path, int Offset, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public static FileLocation StartOf(string path) => new(path, 0, 0, 0, 0, 0, 0);

    public Location ToLocation() => Location.Create(
        Path,
        new TextSpan(Offset, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));
}

/// <summary>
/// An equatable stand-in for <see cref="Diagnostic"/>: descriptor id, location and message
/// arguments. Turned into a real diagnostic only at the output step.
/// </summary>
internal sealed record DiagnosticInfo(string Id, FileLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, FileLocation location, params string[] arguments)
        => new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), args);
    }
}
