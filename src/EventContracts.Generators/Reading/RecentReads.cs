using System;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The last few contract and plan reads of this process, by input. The generator and the call-site analyzers run in
/// the same compiler process (and in the same IDE process) and read the same files: the analyzers take the generator's
/// result instead of parsing and modelling every contract and plan again. A few entries suffice (one per contract
/// operation and plan of the project being compiled); older ones are dropped.
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
    private static readonly ContractReadResult?[] s_results = new ContractReadResult?[Capacity];
    private static int s_next;

    /// <summary>Keeps a read's result for <see cref="TryGet"/>.</summary>
    public static void Remember(ContractInput input, ContractReadResult result)
    {
        lock (s_gate)
        {
            int slot = IndexOf(input, out _);
            if (slot < 0)
            {
                slot = s_next;
                s_next = (s_next + 1) % Capacity;
            }

            s_inputs[slot] = input;
            s_results[slot] = result;
        }
    }

    /// <summary>The result of a recent read of an equal input (same file text, metadata, namespace and referenced files).</summary>
    public static bool TryGet(ContractInput input, out ContractReadResult result)
    {
        lock (s_gate)
        {
            return IndexOf(input, out result) >= 0;
        }
    }

    private static int IndexOf(ContractInput input, out ContractReadResult result)
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (s_inputs[i] is { } candidate && s_results[i] is { } found && (ReferenceEquals(candidate, input) || candidate.Equals(input)))
            {
                result = found;
                return i;
            }
        }

        result = null!;
        return -1;
    }
}
