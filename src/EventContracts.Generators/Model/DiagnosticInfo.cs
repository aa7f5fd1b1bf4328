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
    {
        var oneLine = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            oneLine[i] = OneLine(arguments[i]);
        }

        return new(descriptor.Id, location, oneLine.ToEquatableArray());
    }

    /// <summary>
    /// The text with line breaks and other control characters written as JSON escapes (<c>\n</c>, <c>\u0085</c>): a
    /// JSON name may hold them, and a message is one line (MSBuild and the IDE cut it at the first line break).
    /// </summary>
    internal static string OneLine(string text)
    {
        int i = 0;
        while (i < text.Length && !IsBreaking(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (IsBreaking(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static bool IsBreaking(char c) => c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029';

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
