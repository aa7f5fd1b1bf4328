using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using EventContracts.Generators.Diagnostics;
using EventContracts.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EventContracts.Generators.Reading;

/// <summary>
/// Parses YAML or JSON text (JSON is read as YAML flow syntax) into <see cref="SourceNode"/>s with
/// line and column, iteratively so that deeply nested input cannot exhaust the stack. YAML merge keys
/// (<c>&lt;&lt;: *anchor</c>) are applied: the merged entries keep the locations where they are written.
/// </summary>
internal static class SourceDocumentParser
{
    private static readonly Regex s_jsonNumber = new(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_yamlNumber = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    public static SourceNode? Parse(string path, string text, List<DiagnosticInfo> diagnostics)
    {
        var mended = new List<int>(0);
        text = JsonSurrogates.Mend(path, text, mended);
        if (mended.Count > 0)
        {
            var lines = Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines;
            foreach (int offset in mended)
            {
                diagnostics.Add(UnpairedSurrogate(LocationAt(path, lines, offset, JsonSurrogates.EscapeLength)));
            }
        }

        // A byte order mark is not content (YamlDotNet would read it into the first key); skip it and
        // shift every position by one so locations still match the text as given.
        int bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        try
        {
            return ParseCore(path, bom == 0 ? text : text.Substring(bom), bom, diagnostics, allowAnchors: true);
        }
        catch (YamlException ex)
        {
            // YamlDotNet can mark an error at the end of the input one line past the last one; the offset (clamped
            // to the text) is what the span uses, so the line and column are computed from it, never from the mark.
            int offset = ClampOffset(ex.Start.Index + bom, text);
            var location = LocationAt(path, Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines, offset, 0);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SyntaxError, location, System.IO.Path.GetFileName(path), FirstLine(ex.Message)));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SyntaxError, FileLocation.StartOf(path), System.IO.Path.GetFileName(path), FirstLine(ex.Message)));
            return null;
        }
    }

    /// <summary>
    /// Parses a slice of a file that starts at a line start, with locations relative to the slice's start. Returns
    /// null when the slice is not a self-contained YAML document: it has a syntax error, anchors or aliases (which
    /// can reach across slices), or more than one document; the caller then parses the whole file, which reports
    /// the problem.
    /// </summary>
    public static SourceNode? ParseSlice(string path, string text, List<DiagnosticInfo> diagnostics)
    {
        try
        {
            var sliceDiagnostics = new List<DiagnosticInfo>();
            var root = ParseCore(path, text, bom: 0, sliceDiagnostics, allowAnchors: false);
            if (root is null || sliceDiagnostics.Exists(d => d.Id != DiagnosticDescriptors.DuplicateKey.Id))
            {
                return null;
            }

            diagnostics.AddRange(sliceDiagnostics);
            return root;
        }
        catch (Exception ex) when (ex is YamlException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static SourceNode? ParseCore(string path, string text, int bom, List<DiagnosticInfo> diagnostics, bool allowAnchors)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        SourceNode? root = null;
        bool inDocument = false;

        while (MoveNext(parser, scanner, stack))
        {
            var current = parser.Current;
            if (!allowAnchors && (current is AnchorAlias || (current is NodeEvent { Anchor.IsEmpty: false })))
            {
                return null;
            }

            SourceNode? completed = null;
            switch (current)
            {
                case DocumentStart:
                    if (root is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidContract,
                            At(path, current!.Start, current.End, bom),
                            "Only the first YAML document of a file is read; this file has more than one"));
                        return root;
                    }

                    inDocument = true;
                    break;
                case DocumentEnd:
                    inDocument = false;
                    break;
                case MappingStart ms:
                    {
                        var node = new MappingNode(At(path, ms.Start, ms.End, bom));
                        Remember(anchors, ms.Anchor, node);
                        stack.Push(new Frame(node, ms.Style == MappingStyle.Flow));
                        break;
                    }

                case SequenceStart ss:
                    {
                        var node = new SequenceNode(At(path, ss.Start, ss.End, bom));
                        Remember(anchors, ss.Anchor, node);
                        stack.Push(new Frame(node, ss.Style == SequenceStyle.Flow));
                        break;
                    }

                case MappingEnd:
                case SequenceEnd:
                    completed = stack.Pop().Node;
                    break;
                case Scalar scalar:
                    {
                        var node = ToScalar(path, scalar, bom, diagnostics);
                        Remember(anchors, scalar.Anchor, node);
                        completed = node;
                        break;
                    }

                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out completed))
                    {
                        throw new YamlException(alias.Start, alias.End, "Alias *" + alias.Value.Value + " has no anchor");
                    }

                    break;
            }

            if (completed is null || !inDocument)
            {
                continue;
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            var parent = stack.Peek();
            if (parent.Node is SequenceNode sequence)
            {
                sequence.Items.Add(completed);
            }
            else if (parent.Node is MappingNode mapping)
            {
                if (parent.PendingKey is null)
                {
                    if (completed is not ScalarNode key)
                    {
                        throw new YamlException(current!.Start, current.End, "A mapping key must be a scalar");
                    }

                    parent.PendingKey = key;
                    parent.PendingIsMerge = IsMergeKey(current);
                }
                else
                {
                    if (parent.PendingIsMerge)
                    {
                        Merge(parent, completed, diagnostics);
                    }
                    else if (!mapping.Add(parent.PendingKey, completed) && parent.Merged?.Remove(parent.PendingKey.Value) != true)
                    {
                        // A key written beside a merge key overrides the merged one; only a key written twice is a duplicate.
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, parent.PendingKey.Location, parent.PendingKey.Value));
                    }

                    parent.PendingKey = null;
                }
            }
        }

        return root;
    }

    /// <summary>
    /// Moves the parser on. YamlDotNet's scanner throws <see cref="InvalidOperationException"/>, not a located
    /// <see cref="YamlException"/>, on some unclosed flow collections (a plain value inside <c>[</c> that runs onto the
    /// next <c>key: value</c> line); this turns it into one located where the scanner stopped, naming what is still open.
    /// </summary>
    private static bool MoveNext(Parser parser, Scanner scanner, Stack<Frame> stack)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException)
        {
            var at = scanner.CurrentPosition;
            string message = "the text here cannot be read";
            foreach (var frame in stack)
            {
                if (frame.Flow)
                {
                    var (open, close) = frame.Node is SequenceNode ? ('[', ']') : ('{', '}');
                    var start = frame.Node.Location;
                    message += string.Format(
                        CultureInfo.InvariantCulture,
                        " inside the '{0}' at line {1}, column {2}; is its '{3}' missing?",
                        open,
                        start.Line + 1,
                        start.Column + 1,
                        close);
                    break;
                }
            }

            throw new YamlException(at, at, message);
        }
    }

    /// <summary>Whether a mapping key is the YAML merge key: a plain (unquoted) <c>&lt;&lt;</c>, as YAML 1.1 defines it.</summary>
    private static bool IsMergeKey(ParsingEvent? key)
        => key is Scalar { Style: ScalarStyle.Plain, Value: "<<" } scalar
            && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific || scalar.Tag.Value == "tag:yaml.org,2002:merge");

    /// <summary>
    /// Applies a merge key: adds the entries of a mapping, or of a sequence of mappings (the earlier one winning), whose
    /// keys the mapping does not have yet. A key written in the mapping itself, before or after the merge key, wins.
    /// </summary>
    private static void Merge(Frame target, SourceNode value, List<DiagnosticInfo> diagnostics)
    {
        var sources = value switch
        {
            MappingNode single => new List<SourceNode> { single },
            SequenceNode sequence => sequence.Items,
            _ => new List<SourceNode> { value },
        };
        var mapping = (MappingNode)target.Node;
        foreach (var source in sources)
        {
            if (source is not MappingNode merged)
            {
                // Not fatal: the rest of the file can still be read, and the key says where the problem is.
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidContract,
                    target.PendingKey!.Location,
                    "The YAML merge key '<<' takes a mapping (such as an alias *name of one) or a sequence of mappings, not " + AOrAn(source.Describe()) + "; it is ignored"));
                continue;
            }

            foreach (var entry in merged.Entries)
            {
                if (mapping.Get(entry.Key.Value) is null)
                {
                    mapping.Add(entry.Key, entry.Value);
                    (target.Merged ??= new HashSet<string>(StringComparer.Ordinal)).Add(entry.Key.Value);
                }
            }
        }
    }

    private static string AOrAn(string noun) => (noun[0] is 'a' or 'o' ? "an " : "a ") + noun;

    private static void Remember(Dictionary<string, SourceNode> anchors, AnchorName anchor, SourceNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static ScalarNode ToScalar(string path, Scalar scalar, int bom, List<DiagnosticInfo> diagnostics)
    {
        var location = At(path, scalar.Start, scalar.End, bom);
        string value = WithoutUnpairedSurrogates(scalar.Value);
        if (!ReferenceEquals(value, scalar.Value))
        {
            // Not representable in UTF-8 (names become u8 literals) nor in XML docs. An error at this value, not a failed
            // parse: the rest of the file is still read, so its other events and types are generated and checked. (An
            // escaped one, which YAML's scanner refuses, is mended before parsing in JSON files: JsonSurrogates.)
            diagnostics.Add(UnpairedSurrogate(location));
        }

        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return new ScalarNode(location, value, ScalarKind.String);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new ScalarNode(location, "null", ScalarKind.Null);
            case "true" or "True" or "TRUE":
                return new ScalarNode(location, "true", ScalarKind.Boolean);
            case "false" or "False" or "FALSE":
                return new ScalarNode(location, "false", ScalarKind.Boolean);
        }

        // Most plain scalars are words (keys, type names): only a digit, sign or point can start a number.
        if (!MayStartNumber(value[0]))
        {
            return new ScalarNode(location, value, ScalarKind.String);
        }

        if (s_jsonNumber.IsMatch(value))
        {
            return new ScalarNode(location, value, ScalarKind.Number);
        }

        if (YamlInteger(value) is { } integer)
        {
            return new ScalarNode(location, integer, ScalarKind.Number);
        }

        if (s_yamlNumber.IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsInfinity(d))
        {
            return new ScalarNode(location, d.ToString("R", CultureInfo.InvariantCulture), ScalarKind.Number);
        }

        return new ScalarNode(location, value, ScalarKind.String);
    }

    private static bool MayStartNumber(char c) => c is (>= '0' and <= '9') or '-' or '+' or '.';

    /// <summary>
    /// An integer of the YAML 1.2 core schema that JSON does not write (<c>+5</c>, <c>007</c>, <c>0o17</c>, <c>0x1F</c>)
    /// as JSON's decimal text, exactly; null for anything else, and for more digits than any bound or value a schema can use
    /// (so a hostile file's million digits cost no quadratic conversion).
    /// </summary>
    private static string? YamlInteger(string value)
    {
        const int MaxDigits = 128;
        int radix = value.StartsWith("0o", StringComparison.Ordinal) ? 8 : value.StartsWith("0x", StringComparison.Ordinal) ? 16 : 10;
        int start = radix == 10 ? (value[0] is '-' or '+' ? 1 : 0) : 2;
        if (start == value.Length || value.Length - start > MaxDigits)
        {
            return null;
        }

        var number = System.Numerics.BigInteger.Zero;
        for (int i = start; i < value.Length; i++)
        {
            int digit = value[i] switch
            {
                >= '0' and <= '9' => value[i] - '0',
                >= 'a' and <= 'f' => value[i] - 'a' + 10,
                >= 'A' and <= 'F' => value[i] - 'A' + 10,
                _ => radix,
            };
            if (digit >= radix)
            {
                return null;
            }

            number = (number * radix) + digit;
        }

        return (value[0] == '-' ? -number : number).ToString(CultureInfo.InvariantCulture);
    }

    private static FileLocation At(string path, Mark start, Mark end, int bom)
        => new(
            path,
            (int)start.Index + bom,
            (int)Math.Max(0, end.Index - start.Index),
            Line(start.Line),
            Column(start, bom),
            Line(end.Line),
            Column(end, bom));

    // The skipped byte order mark is on the first line only.
    private static int Column(Mark mark, int bom) => Line(mark.Column) + (mark.Line <= 1 ? bom : 0);

    /// <summary>A span on one line, from an offset into the text whose <paramref name="lines"/> these are.</summary>
    private static FileLocation LocationAt(string path, Microsoft.CodeAnalysis.Text.TextLineCollection lines, int offset, int length)
    {
        var position = lines.GetLinePosition(offset);
        return new FileLocation(path, offset, length, position.Line, position.Character, position.Line, position.Character + length);
    }

    private static DiagnosticInfo UnpairedSurrogate(FileLocation location) => DiagnosticInfo.Create(
        DiagnosticDescriptors.SyntaxError,
        location,
        System.IO.Path.GetFileName(location.Path),
        "this string holds an unpaired UTF-16 surrogate (such as \\ud800 without its pair), which is no Unicode text and UTF-8 cannot encode; it is read with U+FFFD in its place");

    /// <summary>The value with each unpaired surrogate replaced by U+FFFD; the same string when it has none.</summary>
    private static string WithoutUnpairedSurrogates(string value)
    {
        System.Text.StringBuilder? text = null;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text?.Append(value[i]).Append(value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                (text ??= new System.Text.StringBuilder(value.Length).Append(value, 0, i)).Append('\uFFFD');
            }
            else
            {
                text?.Append(value[i]);
            }
        }

        return text?.ToString() ?? value;
    }

    // YamlDotNet marks are 1-based longs; Roslyn positions are 0-based ints.
    private static int Line(long oneBased) => (int)Math.Min(int.MaxValue, Math.Max(0, oneBased - 1));

    private static int ClampOffset(long index, string text) => (int)Math.Min(Math.Max(0, index), text.Length);

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return (newline < 0 ? message : message.Substring(0, newline)).Trim();
    }

    private sealed class Frame
    {
        public Frame(SourceNode node, bool flow)
        {
            Node = node;
            Flow = flow;
        }

        public SourceNode Node { get; }

        /// <summary>Whether the collection is written in flow style (<c>[...]</c> or <c>{...}</c>), which must be closed.</summary>
        public bool Flow { get; }

        public ScalarNode? PendingKey { get; set; }

        /// <summary>Whether <see cref="PendingKey"/> is a merge key, whose value is merged rather than added.</summary>
        public bool PendingIsMerge { get; set; }

        /// <summary>The keys a merge key added, which a key written in the mapping may still override; null until a merge.</summary>
        public HashSet<string>? Merged { get; set; }
    }
}
