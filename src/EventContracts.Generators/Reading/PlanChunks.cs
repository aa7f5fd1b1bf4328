using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>Which slice of a tracking plan's text a <see cref="PlanChunk"/> is.</summary>
internal enum PlanChunkKind
{
    /// <summary>Everything up to the second event: the top-level keys before <c>events:</c>, and the first event.</summary>
    Head,

    /// <summary>One further item of the <c>events</c> sequence.</summary>
    Event,

    /// <summary>The top-level keys after the events (<c>definitions</c>).</summary>
    Trailer,
}

/// <summary>
/// A slice of a tracking plan's text that starts at a line start. It is parsed with locations relative to its start, and
/// where it starts is kept apart (<see cref="ChunkPosition"/>), so a chunk that only moved (an edit above it changed the
/// length of the text) compares equal and stays cached.
/// </summary>
internal sealed record PlanChunk(string Path, PlanChunkKind Kind, string Text);

/// <summary>Where a <see cref="PlanChunk"/> starts in its file: offset and 0-based line.</summary>
internal readonly record struct ChunkPosition(int Offset, int Line);

/// <summary>A plan's chunks in text order and where each starts; both empty when the plan is to be parsed whole.</summary>
internal sealed record PlanSplit(string Path, EquatableArray<PlanChunk> Chunks, EquatableArray<ChunkPosition> Positions);

/// <summary>The kind of a <see cref="FlatNode"/>.</summary>
internal enum FlatNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}

/// <summary>
/// A <see cref="SourceNode"/> without its children, in a pre-order list: a sequence is followed by its
/// <see cref="Count"/> items, a mapping by <see cref="Count"/> key and value pairs.
/// </summary>
internal readonly record struct FlatNode(FlatNodeKind Kind, ScalarKind Scalar, string? Value, FileLocation Location, int Count);

/// <summary>
/// A parsed <see cref="PlanChunk"/>, as value-equatable data: its node (the root of a head or trailer, the item of an
/// event) and the parser's diagnostics, located relative to the chunk's start; no nodes when the chunk does not parse on
/// its own.
/// </summary>
internal sealed record ParsedChunk(string Path, PlanChunkKind Kind, EquatableArray<FlatNode> Nodes, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Splits a native tracking plan's text into one chunk per event (plus its head and trailer), so the incremental
/// pipeline parses and caches each chunk on its own: YAML parsing is most of a plan's reading, and an edit to one event
/// parses that event only. The split is conservative: it needs a block <c>events:</c> sequence at the top level whose
/// items start at one indentation, and any text it cannot vouch for (tabs, document markers, directives, unusual line
/// breaks, indentation between the item's and the top level's) leaves the plan to be parsed whole. A chunk that does
/// not parse on its own (a syntax error, an anchor or alias) does the same, so diagnostics are those of the whole file.
/// </summary>
internal static class PlanChunks
{
    /// <summary>Nesting past this depth is left to the whole-file parse, so flattening and rebuilding need no deep recursion.</summary>
    private const int MaxDepth = 256;

    /// <summary>The plan's chunks, or none when it is to be parsed whole.</summary>
    public static PlanSplit Split(SourceFile file)
    {
        var whole = new PlanSplit(file.Path, EquatableArray<PlanChunk>.Empty, EquatableArray<ChunkPosition>.Empty);
        string text = file.Text;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            return whole;
        }

        foreach (char c in text)
        {
            if (c is '\t' or '\u0085' or '\u2028' or '\u2029')
            {
                return whole;
            }
        }

        var starts = new List<(int Offset, int Line)>();
        int itemIndent = -1;
        bool inEvents = false;
        int trailerOffset = -1;
        int trailerLine = 0;
        int line = 0;
        for (int start = 0; start < text.Length; line++)
        {
            int end = text.IndexOf('\n', start);
            int next = end < 0 ? text.Length : end + 1;
            int contentEnd = end < 0 ? text.Length : end;
            if (contentEnd > start && text[contentEnd - 1] == '\r')
            {
                contentEnd--;
            }

            if (text.IndexOf('\r', start, contentEnd - start) >= 0 || StartsWithAny(text, start, contentEnd, s_documentMarkers))
            {
                return whole;
            }

            int indent = start;
            while (indent < contentEnd && text[indent] == ' ')
            {
                indent++;
            }

            bool blank = indent == contentEnd || text[indent] == '#';
            indent -= start;
            if (!inEvents)
            {
                if (indent == 0 && !blank && IsEventsKey(text, start, contentEnd))
                {
                    inEvents = true;
                }
            }
            else if (!blank)
            {
                bool item = text[start + indent] == '-' && (start + indent + 1 == contentEnd || text[start + indent + 1] == ' ');
                if (itemIndent < 0)
                {
                    if (!item)
                    {
                        return whole;
                    }

                    itemIndent = indent;
                }

                if (item && indent == itemIndent)
                {
                    starts.Add((start, line));
                }
                else if (indent == 0)
                {
                    trailerOffset = start;
                    trailerLine = line;
                    break;
                }
                else if (indent < itemIndent)
                {
                    return whole;
                }
            }

            start = next;
        }

        if (starts.Count < 2)
        {
            return whole;
        }

        int eventsEnd = trailerOffset < 0 ? text.Length : trailerOffset;
        int count = starts.Count + (trailerOffset < 0 ? 0 : 1);
        var last = s_lastSplits.Get(file.Path);
        var chunks = ImmutableArray.CreateBuilder<PlanChunk>(count);
        var positions = ImmutableArray.CreateBuilder<ChunkPosition>(count);
        chunks.Add(Chunk(PlanChunkKind.Head, 0, starts[1].Offset));
        positions.Add(new ChunkPosition(0, 0));
        for (int i = 1; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Offset : eventsEnd;
            chunks.Add(Chunk(PlanChunkKind.Event, starts[i].Offset, end - starts[i].Offset));
            positions.Add(new ChunkPosition(starts[i].Offset, starts[i].Line));
        }

        if (trailerOffset >= 0)
        {
            chunks.Add(Chunk(PlanChunkKind.Trailer, trailerOffset, text.Length - trailerOffset));
            positions.Add(new ChunkPosition(trailerOffset, trailerLine));
        }

        var split = new PlanSplit(file.Path, new EquatableArray<PlanChunk>(chunks.MoveToImmutable()), new EquatableArray<ChunkPosition>(positions.MoveToImmutable()));
        s_lastSplits.Set(file.Path, split);
        return split;

        // The last split's chunk at the same index when its text is the same (an edit leaves most chunks as they were):
        // no copy of the text is made, and the pipeline compares the chunk with its last value by reference.
        PlanChunk Chunk(PlanChunkKind kind, int offset, int length)
        {
            int index = chunks.Count;
            return last is not null && index < last.Chunks.Count && last.Chunks[index] is var old
                && old.Kind == kind && old.Text.Length == length && string.CompareOrdinal(text, offset, old.Text, 0, length) == 0
                ? old
                : new PlanChunk(file.Path, kind, text.Substring(offset, length));
        }
    }

    /// <summary>
    /// Parses a chunk, or takes an equal chunk's parse from an earlier build in the process (<see cref="RecentChunks"/>); a
    /// chunk that does not parse on its own, or not into the node its kind expects, has no nodes.
    /// </summary>
    public static ParsedChunk Parse(PlanChunk chunk) => RecentChunks.GetOrParse(chunk, ParseCore);

    private static ParsedChunk ParseCore(PlanChunk chunk)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = SourceDocumentParser.ParseSlice(chunk.Path, chunk.Text, diagnostics);
        SourceNode? node = chunk.Kind switch
        {
            PlanChunkKind.Event => root is SequenceNode { Items.Count: 1 } sequence ? sequence.Items[0] : null,
            _ => root as MappingNode,
        };
        var nodes = node is null ? null : Flatten(node);
        return nodes is null
            ? new ParsedChunk(chunk.Path, chunk.Kind, EquatableArray<FlatNode>.Empty, EquatableArray<DiagnosticInfo>.Empty)
            : new ParsedChunk(chunk.Path, chunk.Kind, nodes.Value, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The plan's root node put together from its parsed chunks (located where <paramref name="positions"/> say they
    /// start), with their diagnostics added in text order; null when a chunk did not parse on its own or the chunks do
    /// not fit together (the plan is then parsed whole).
    /// </summary>
    public static SourceNode? Assemble(IReadOnlyList<ParsedChunk> chunks, IReadOnlyList<ChunkPosition> positions, List<DiagnosticInfo> diagnostics)
    {
        if (chunks.Count < 2 || chunks.Count != positions.Count || chunks[0].Kind != PlanChunkKind.Head)
        {
            return null;
        }

        foreach (var chunk in chunks)
        {
            if (chunk.Nodes.IsEmpty)
            {
                return null;
            }
        }

        var trees = new ChunkTrees(chunks, positions);
        if (trees.Tree(0) is not MappingNode head || head.Get("events") is not SequenceNode { Items.Count: 1 } headEvents)
        {
            return null;
        }

        var events = new SequenceNode(headEvents.Location);
        events.Items.Add(headEvents.Items[0]);
        var root = new MappingNode(head.Location);
        foreach (var entry in head.Entries)
        {
            root.Add(entry.Key, ReferenceEquals(entry.Value, headEvents) ? events : entry.Value);
        }

        for (int i = 1; i < chunks.Count; i++)
        {
            var node = trees.Tree(i);
            if (chunks[i].Kind == PlanChunkKind.Event)
            {
                events.Items.Add(node);
            }
            else
            {
                // A trailer key that repeats a head key would be a duplicate the whole-file parse reports in its own order.
                foreach (var entry in ((MappingNode)node).Entries)
                {
                    if (!root.Add(entry.Key, entry.Value))
                    {
                        return null;
                    }
                }
            }
        }

        for (int i = 0; i < chunks.Count; i++)
        {
            foreach (var diagnostic in chunks[i].Diagnostics)
            {
                diagnostics.Add(diagnostic with { Location = At(diagnostic.Location, positions[i]) });
            }
        }

        trees.Keep();
        return root;
    }

    private static bool IsEventsKey(string text, int start, int end)
    {
        const string Key = "events:";
        if (end - start < Key.Length || string.CompareOrdinal(text, start, Key, 0, Key.Length) != 0)
        {
            return false;
        }

        int i = start + Key.Length;
        while (i < end && text[i] == ' ')
        {
            i++;
        }

        return i == end || (text[i] == '#' && i > start + Key.Length);
    }

    /// <summary>Each plan's last split, whose chunks a new split of the plan takes where their text is unchanged.</summary>
    private static readonly LastPerPlan<PlanSplit> s_lastSplits = new();

    // Document start and end markers and directives: a plan with them is parsed whole.
    private static readonly string[] s_documentMarkers = { "---", "...", "%" };

    private static bool StartsWithAny(string text, int start, int end, string[] prefixes)
    {
        foreach (string prefix in prefixes)
        {
            if (end - start >= prefix.Length && string.CompareOrdinal(text, start, prefix, 0, prefix.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static EquatableArray<FlatNode>? Flatten(SourceNode root)
    {
        var nodes = ImmutableArray.CreateBuilder<FlatNode>();
        var pending = new Stack<(SourceNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (node)
            {
                case ScalarNode scalar:
                    nodes.Add(new FlatNode(FlatNodeKind.Scalar, scalar.Kind, scalar.Value, scalar.Location, 0));
                    break;
                case SequenceNode sequence:
                    nodes.Add(new FlatNode(FlatNodeKind.Sequence, default, null, sequence.Location, sequence.Items.Count));
                    for (int i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        pending.Push((sequence.Items[i], depth + 1));
                    }

                    break;
                case MappingNode mapping:
                    nodes.Add(new FlatNode(FlatNodeKind.Mapping, default, null, mapping.Location, mapping.Entries.Count));
                    for (int i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        pending.Push((mapping.Entries[i].Value, depth + 1));
                        pending.Push((mapping.Entries[i].Key, depth + 1));
                    }

                    break;
            }
        }

        return new EquatableArray<FlatNode>(nodes.ToImmutable());
    }

    private static FileLocation At(FileLocation relative, ChunkPosition start)
        => new(relative.Path, relative.Offset + start.Offset, relative.Length, relative.Line + start.Line, relative.Column, relative.EndLine + start.Line, relative.EndColumn);

    internal static SourceNode Rebuild(EquatableArray<FlatNode> nodes, ChunkPosition start)
    {
        // Each open collection with the children it still expects; a mapping's key waits for its value.
        var open = new Stack<(SourceNode Node, int Remaining, ScalarNode? Key)>();
        SourceNode? root = null;
        foreach (var flat in nodes)
        {
            var location = At(flat.Location, start);
            SourceNode node = flat.Kind switch
            {
                FlatNodeKind.Scalar => new ScalarNode(location, flat.Value!, flat.Scalar),
                FlatNodeKind.Sequence => new SequenceNode(location),
                _ => new MappingNode(location),
            };
            if (open.Count == 0)
            {
                root = node;
            }
            else
            {
                var (parent, remaining, key) = open.Pop();
                if (parent is SequenceNode sequence)
                {
                    sequence.Items.Add(node);
                    remaining--;
                }
                else if (key is null)
                {
                    key = (ScalarNode)node;
                }
                else
                {
                    ((MappingNode)parent).Add(key, node);
                    key = null;
                    remaining--;
                }

                if (remaining > 0 || key is not null)
                {
                    open.Push((parent, remaining, key));
                }
            }

            if (flat.Kind != FlatNodeKind.Scalar && flat.Count > 0)
            {
                open.Push((node, flat.Count, null));
            }
        }

        return root!;
    }
}
