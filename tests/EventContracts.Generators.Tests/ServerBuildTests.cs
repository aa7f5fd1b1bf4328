using System;
using System.Linq;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// The compiler server runs a new <c>GeneratorDriver</c> for every build of a project: what an earlier build in the same
/// process read and wrote for a file that did not change is taken again (<see cref="RecentReads"/>, the parsed plan
/// chunks of <see cref="RecentChunks"/> and the generator's memo of sources), and a file that did change is read again.
/// </summary>
/// <remarks>Alone: the process keeps only the last few reads, and test classes running beside it read other files.</remarks>
[Collection(nameof(ServerBuildTests))]
public sealed class ServerBuildTests
{
    private static readonly TestFile s_plan = new("/server-build/tracking-plan.yaml", """
        events:
          - name: Order Completed
            destinations: [Courier]
            properties:
              type: object
              properties:
                order_id: { type: string, maxLength: 64 }
        """, Kind: "TrackingPlan");

    [Fact]
    public void A_new_driver_takes_unchanged_files_from_the_last_run_in_the_process_and_reads_a_changed_one()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var files = GeneratorHarness.BuiltInVendors.Append(s_plan).ToList();
        var first = GeneratorHarness.CreateDriver(files).RunGenerators(compilation).GetRunResult().Results.Single();

        var edited = s_plan with { Text = s_plan.Text.Replace("maxLength: 64", "maxLength: 32", StringComparison.Ordinal) };
        var second = GeneratorHarness.CreateDriver(files.Take(files.Count - 1).Append(edited)).RunGenerators(compilation).GetRunResult().Results.Single();

        var before = Reads(first);
        var after = Reads(second);
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
        {
            if (before[i].Spec?.Kind == Model.ContractSourceKind.PlanEvent)
            {
                Assert.NotSame(before[i], after[i]);
                Assert.NotEqual(before[i], after[i]);
            }
            else
            {
                Assert.Same(before[i], after[i]);
            }
        }

        // The same sources, but the edited event's.
        Assert.Equal(first.GeneratedSources.Select(s => s.HintName), second.GeneratedSources.Select(s => s.HintName));
        var changed = first.GeneratedSources.Zip(second.GeneratedSources)
            .Where(pair => pair.First.SourceText.ToString() != pair.Second.SourceText.ToString())
            .Select(pair => pair.First.HintName)
            .ToList();
        Assert.Contains(changed, name => name.Contains("OrderCompleted", StringComparison.Ordinal));
        Assert.DoesNotContain(changed, name => name.StartsWith("Courier", StringComparison.Ordinal) || name.StartsWith("PushEngage", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_read_as_a_contract_is_not_taken_for_the_same_file_read_as_a_plan()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var asPlan = new TestFile("/server-build/both.yaml", "events:\n  - name: Signed Up\n", Kind: "TrackingPlan");
        var asContract = asPlan with { Kind = "EventContract" };
        GeneratorHarness.CreateDriver(new[] { asPlan }).RunGenerators(compilation);

        var result = GeneratorHarness.CreateDriver(new[] { asContract }).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("SignedUp", StringComparison.Ordinal));
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void A_new_driver_takes_the_parses_of_unchanged_plan_chunks_and_parses_an_edited_one()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var plan = new TestFile("/server-build/chunked-plan.yaml", string.Concat(Enumerable.Range(0, 4).Select(i => $$"""
            events:
              - name: Event {{i}}
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    order_id: { type: string, maxLength: {{60 + i}} }

            """.Replace("events:\n", i == 0 ? "events:\n" : string.Empty, StringComparison.Ordinal))), Kind: "TrackingPlan");
        var edited = plan with { Text = plan.Text.Replace("maxLength: 62", "maxLength: 32", StringComparison.Ordinal) };
        Assert.NotEqual(plan.Text, edited.Text);

        var first = Chunks(GeneratorHarness.CreateDriver(new[] { plan }).RunGenerators(compilation).GetRunResult().Results.Single());
        var second = Chunks(GeneratorHarness.CreateDriver(new[] { edited }).RunGenerators(compilation).GetRunResult().Results.Single());

        Assert.Equal(4, first.Length);
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            if (i == 2)
            {
                Assert.NotEqual(first[i], second[i]);
            }
            else
            {
                Assert.Same(first[i], second[i]);
            }
        }
    }

    [Fact]
    public void A_new_read_of_an_edited_file_replaces_its_last_read_in_the_process()
    {
        var file = new SourceFile("/server-build/replaced.yaml", "events: []\n");
        var before = new ContractInput(file, null, null, "Consumer.Contracts", EquatableArray<SourceFile>.Empty);
        var after = before with { File = file with { Text = "events: [] # edited\n" } };
        var result = new ContractReadResult(null, EquatableArray<DiagnosticInfo>.Empty);

        RecentReads.Remember(before, trackingPlan: true, result);
        Assert.True(RecentReads.TryGet(before, trackingPlan: true, out _));
        RecentReads.Remember(after, trackingPlan: true, result);

        Assert.False(RecentReads.TryGet(before, trackingPlan: true, out _));
        Assert.True(RecentReads.TryGet(after, trackingPlan: true, out _));
    }

    [Fact]
    public void A_new_item_takes_the_slot_used_longest_ago_and_a_read_taken_counts_as_a_use()
    {
        var result = new ContractReadResult(null, EquatableArray<DiagnosticInfo>.Empty);
        var inputs = Enumerable.Range(0, 17)
            .Select(i => new ContractInput(new SourceFile($"/server-build/lru-{i}.yaml", "events: []\n"), null, null, "Consumer.Contracts", EquatableArray<SourceFile>.Empty))
            .ToArray();
        foreach (var input in inputs.Take(16))
        {
            RecentReads.Remember(input, trackingPlan: true, result);
        }

        // The first is read again (a driver of the next build takes it); the second is then the one used longest ago.
        Assert.True(RecentReads.TryGet(inputs[0], trackingPlan: true, out _));
        RecentReads.Remember(inputs[16], trackingPlan: true, result);

        Assert.True(RecentReads.TryGet(inputs[0], trackingPlan: true, out _));
        Assert.False(RecentReads.TryGet(inputs[1], trackingPlan: true, out _));
        Assert.All(inputs.Skip(2), input => Assert.True(RecentReads.TryGet(input, trackingPlan: true, out _)));
    }

    private static ParsedChunk[] Chunks(Microsoft.CodeAnalysis.GeneratorRunResult run)
        => run.TrackedSteps[TrackingNames.PlanChunks].SelectMany(s => s.Outputs).Select(o => o.Value).Cast<ParsedChunk>().ToArray();

    private static ContractReadResult[] Reads(Microsoft.CodeAnalysis.GeneratorRunResult run)
        => run.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Value).Cast<ContractReadResult>().ToArray();
}

/// <summary>Runs <see cref="ServerBuildTests"/> with no other test class in parallel.</summary>
[CollectionDefinition(nameof(ServerBuildTests), DisableParallelization = true)]
public sealed class ServerBuildTestsCollection
{
}
