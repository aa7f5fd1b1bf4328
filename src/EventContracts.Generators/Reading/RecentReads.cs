using System;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The last few contract and plan reads of this process, by input and by how the file was read (a contract or a
/// tracking plan). The generator and the call-site analyzers run in the same compiler process (and in the same IDE
/// process) and read the same files: the analyzers take the generator's result instead of parsing and modelling every
/// contract and plan again, and the compiler server's new driver for each build takes the last build's. A few entries
/// suffice (one per contract operation and plan of the project being compiled): a new read of an item replaces its
/// last one, and a new item takes the slot used longest ago (a read taken counts as a use, so the files of the project
/// being built stay while other projects come and go).
/// </summary>
/// <remarks>
/// Held strongly: a compiler without the server drops the generator's driver, and with it the pipeline's values, once
/// the generated trees are added, and the collections of compiling a large project took weakly held reads before the
/// analyzers asked (a 1,000-call-site consumer's cold build read every contract a second time). The memory is bounded
/// by the few entries; the analyzers' own cache holds the same objects.
/// </remarks>
internal static class RecentReads
{
    private const int Capacity = 16;

    private static readonly object s_gate = new();
    private static readonly ContractInput?[] s_inputs = new ContractInput?[Capacity];
    private static readonly bool[] s_plans = new bool[Capacity];
    private static readonly ContractReadResult?[] s_results = new ContractReadResult?[Capacity];
    private static readonly long[] s_used = new long[Capacity];
    private static long s_clock;

    /// <summary>Keeps a read's result for <see cref="TryGet"/>.</summary>
    /// <param name="input">The file and its settings.</param>
    /// <param name="trackingPlan">Whether it was read as a tracking plan (else as a vendor contract).</param>
    /// <param name="result">What the read gave.</param>
    public static void Remember(ContractInput input, bool trackingPlan, ContractReadResult result)
    {
        lock (s_gate)
        {
            int slot = SlotOf(input, trackingPlan);
            if (slot < 0)
            {
                slot = LeastRecentlyUsed();
            }

            s_inputs[slot] = input;
            s_plans[slot] = trackingPlan;
            s_results[slot] = result;
            s_used[slot] = ++s_clock;
        }
    }

    /// <summary>
    /// The result of a recent read of an equal input (same file text, metadata, namespace and referenced files) read the
    /// same way.
    /// </summary>
    public static bool TryGet(ContractInput input, bool trackingPlan, out ContractReadResult result)
    {
        lock (s_gate)
        {
            int slot = IndexOf(input, trackingPlan, out result);
            if (slot < 0)
            {
                return false;
            }

            s_used[slot] = ++s_clock;
            return true;
        }
    }

    /// <summary>The slot a new item takes: an empty one, else the one read or taken longest ago.</summary>
    private static int LeastRecentlyUsed()
    {
        int oldest = 0;
        for (int i = 1; i < Capacity; i++)
        {
            if (s_used[i] < s_used[oldest])
            {
                oldest = i;
            }
        }

        return oldest;
    }

    /// <summary>
    /// The slot of an earlier read of the same item (file, vendor, operation and namespace, read the same way), whatever
    /// its text: an edited plan's new read replaces its last one, so a plan edited keystroke by keystroke keeps one read,
    /// not the last <see cref="Capacity"/> versions of itself (each a whole plan's model), and the others stay.
    /// </summary>
    private static int SlotOf(ContractInput input, bool trackingPlan)
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (s_inputs[i] is { } candidate && s_plans[i] == trackingPlan && candidate.File.Path == input.File.Path
                && candidate.Vendor == input.Vendor && candidate.Operation == input.Operation && candidate.Namespace == input.Namespace)
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOf(ContractInput input, bool trackingPlan, out ContractReadResult result)
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (s_inputs[i] is { } candidate && s_results[i] is { } found && s_plans[i] == trackingPlan && (ReferenceEquals(candidate, input) || candidate.Equals(input)))
            {
                result = found;
                return i;
            }
        }

        result = null!;
        return -1;
    }
}
