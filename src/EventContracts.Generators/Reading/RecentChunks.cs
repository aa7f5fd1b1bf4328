using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The plan chunks this process parsed lately, by value (path, kind and text). The compiler server runs a new generator
/// driver for every build, whose pipeline parses every chunk of a plan again before the plan's read is found in
/// <see cref="RecentReads"/>: most of a new driver's time on a large plan. A chunk parsed in an earlier build is taken
/// from here instead; one an edit changed is parsed.
/// </summary>
/// <remarks>
/// Two generations of at most <see cref="Capacity"/> chunks each: when the newer one is full it becomes the older one,
/// so memory stays bounded whatever the edits, and the chunks of the plans being built stay (a hit moves a chunk into
/// the newer generation).
/// </remarks>
internal static class RecentChunks
{
    /// <summary>
    /// More events than most plans have (a larger one is parsed again in part); an editor session that types into a plan
    /// adds a chunk per keystroke, so this bounds what is kept (a few kilobytes per chunk) to two generations of it.
    /// </summary>
    private const int Capacity = 2048;

    private static readonly object s_gate = new();
    private static Dictionary<PlanChunk, ParsedChunk> s_newer = new();
    private static Dictionary<PlanChunk, ParsedChunk> s_older = new();

    /// <summary>The parse of an equal chunk made earlier in the process, or <paramref name="parse"/>'s, kept for later.</summary>
    public static ParsedChunk GetOrParse(PlanChunk chunk, Func<PlanChunk, ParsedChunk> parse)
    {
        lock (s_gate)
        {
            if (s_newer.TryGetValue(chunk, out var parsed))
            {
                return parsed;
            }

            if (s_older.TryGetValue(chunk, out parsed))
            {
                Add(chunk, parsed);
                return parsed;
            }
        }

        // Parsed outside the lock: two threads may parse one chunk, and get equal results.
        var result = parse(chunk);
        lock (s_gate)
        {
            Add(chunk, result);
        }

        return result;
    }

    private static void Add(PlanChunk chunk, ParsedChunk parsed)
    {
        if (s_newer.Count >= Capacity)
        {
            s_older = s_newer;
            s_newer = new Dictionary<PlanChunk, ParsedChunk>();
        }

        s_newer[chunk] = parsed;
    }
}
