using System.Collections.Generic;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The node trees of one read of a plan's chunks, built or taken from the plan's last read: a chunk that is the same
/// parsed chunk at the same place as in the last read keeps the tree built for it then (trees are not changed once
/// built), so an edit to one event does not build every other event's nodes again, most of which would outlive a
/// collection during the read and be copied by it. Only each plan's last read is kept (<see cref="LastPerPlan{T}"/>).
/// </summary>
internal sealed class ChunkTrees
{
    private static readonly LastPerPlan<ChunkTrees> s_lastReads = new();

    private readonly IReadOnlyList<ParsedChunk> _chunks;
    private readonly IReadOnlyList<ChunkPosition> _starts;
    private readonly SourceNode?[] _trees;
    private ChunkTrees? _last;

    /// <summary>A read of a plan's chunks (all from one file), which starts where <paramref name="starts"/> say.</summary>
    public ChunkTrees(IReadOnlyList<ParsedChunk> chunks, IReadOnlyList<ChunkPosition> starts)
    {
        _chunks = chunks;
        _starts = starts;
        _trees = new SourceNode?[chunks.Count];
        _last = s_lastReads.Get(chunks[0].Path);
    }

    /// <summary>The tree of chunk <paramref name="index"/>, located where the chunk starts now.</summary>
    public SourceNode Tree(int index)
    {
        if (_trees[index] is { } built)
        {
            return built;
        }

        var chunk = _chunks[index];
        var start = _starts[index];
        var tree = _last is { } last && index < last._chunks.Count && ReferenceEquals(last._chunks[index], chunk) && last._starts[index] == start && last._trees[index] is { } kept
            ? kept
            : PlanChunks.Rebuild(chunk.Nodes, start);
        _trees[index] = tree;
        return tree;
    }

    /// <summary>Keeps this read, whose every tree was built, for the plan's next read (in place of its last one).</summary>
    public void Keep()
    {
        // The last read is not kept through this one.
        _last = null;
        s_lastReads.Set(_chunks[0].Path, this);
    }
}
