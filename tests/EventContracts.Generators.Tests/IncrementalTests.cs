using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// The pipeline caches: an unrelated edit reruns nothing, a contract edit reruns only that
/// contract, and no step output holds a Roslyn object or a collection without value equality.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] s_allTrackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    // A tracking plan beside the vendors, so the plan's steps run too.
    private static readonly TestFile s_plan = new("/app/tracking-plan.yaml", """
        events:
          - name: Order Completed
            destinations: [Courier, PushEngage]
            properties:
              type: object
              required: [order_id]
              properties:
                order_id: { type: string, maxLength: 64 }
                revenue: { type: number, minimum: 0 }
          - name: Order Refunded
            destinations: [Courier]
            properties:
              type: object
              properties:
                order_id: { type: string }
        """, Kind: "TrackingPlan");

    [Fact]
    public void Adding_an_unrelated_syntax_tree_reruns_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.BuiltInVendors.Append(s_plan)).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Consumer { internal static class Unrelated { internal static int Answer => 42; } }",
            new CSharpParseOptions(LanguageVersion.CSharp12),
            path: "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();

        // Every named step ran (so the assertion below is about something) and none of them did work.
        Assert.Equal(s_allTrackingNames.OrderBy(n => n, StringComparer.Ordinal), second.TrackedSteps.Keys.Intersect(s_allTrackingNames).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (name, steps) in second.TrackedSteps.Where(s => s_allTrackingNames.Contains(s.Key)))
        {
            Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} produced {output.Reason} for {output.Value}"));
        }

        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));

        // The generated text is the same object: nothing was regenerated.
        Assert.Equal(first.GeneratedSources.Length, second.GeneratedSources.Length);
        for (int i = 0; i < first.GeneratedSources.Length; i++)
        {
            Assert.Equal(first.GeneratedSources[i].HintName, second.GeneratedSources[i].HintName);
            Assert.Same(first.GeneratedSources[i].SourceText, second.GeneratedSources[i].SourceText);
        }
    }

    [Fact]
    public void Editing_one_contract_reruns_only_that_contract()
    {
        var vendors = GeneratorHarness.BuiltInVendors;
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(vendors, out var texts).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        int courier = vendors.ToList().FindIndex(v => v.Vendor == "Courier");
        const string Original = "description: Body of a Courier inbound track call.";
        Assert.Contains(Original, vendors[courier].Text, StringComparison.Ordinal);
        var edited = vendors[courier] with { Text = vendors[courier].Text.Replace(Original, "description: Body of a Courier track call (edited).", StringComparison.Ordinal) };
        driver = driver.ReplaceAdditionalText(texts[courier], GeneratorHarness.ToAdditionalText(edited)).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        // Models: the edited contract is read again and changes; the others (one per operation: Customer.io has two) come from the cache.
        var models = after.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(Operations(vendors), models.Count);
        var rerun = models.Where(o => o.Reason != IncrementalStepRunReason.Cached).ToList();
        var modified = Assert.Single(rerun);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
        Assert.Equal(edited.Path, ModelPath(modified.Value));

        // Sources: only Courier's files are new text; every other generated file is the cached object.
        var unchanged = before.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText, StringComparer.Ordinal);
        foreach (var source in after.GeneratedSources)
        {
            if (source.HintName.StartsWith("Courier.", StringComparison.Ordinal))
            {
                Assert.NotSame(unchanged[source.HintName], source.SourceText);
            }
            else
            {
                Assert.Same(unchanged[source.HintName], source.SourceText);
            }
        }

        string types = after.GeneratedSources.Single(s => s.HintName == "Courier.Types.g.cs").SourceText.ToString();
        Assert.Contains("Body of a Courier track call (edited).", types, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_contract_comment_changes_no_model_and_regenerates_nothing()
    {
        var vendors = GeneratorHarness.BuiltInVendors;
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(vendors, out var texts).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        int userpilot = vendors.ToList().FindIndex(v => v.Vendor == "Userpilot");
        var edited = vendors[userpilot] with { Text = "# a comment only a human reads\n" + vendors[userpilot].Text };
        driver = driver.ReplaceAdditionalText(texts[userpilot], GeneratorHarness.ToAdditionalText(edited)).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        // The file is read again (its text changed), but the model it gives is equal: nothing downstream runs.
        var models = after.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.Equal(Operations(vendors) - 1, models.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        Assert.All(after.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(before.GeneratedSources.Select(s => s.SourceText), after.GeneratedSources.Select(s => s.SourceText));
    }

    /// <summary>How many contracts the files make: one per listed operation.</summary>
    private static int Operations(IEnumerable<TestFile> files) => files.Sum(f => f.Operation!.Split(',').Length);

    // Four events, a definition two of them use, an enum and a nested object: every kind of part content.
    private const string MultiEventPlan = """
        events:
          - name: Order Completed
            destinations: [Courier]
            properties:
              type: object
              required: [order_id]
              properties:
                order_id: { type: string, maxLength: 64 }
                items: { type: array, items: { $ref: "#/definitions/LineItem" } }
          - name: Product Viewed
            destinations: [Courier, Userpilot]
            properties:
              type: object
              additionalProperties: false
              properties:
                sku: { type: string, maxLength: 32 }
                channel: { type: string, enum: [web, ios, android] }
          - name: Cart Updated
            destinations: [Userpilot]
            properties:
              type: object
              properties:
                cart: { type: object, properties: { id: { type: string }, size: { type: integer, minimum: 0 } } }
                items: { type: array, items: { $ref: "#/definitions/LineItem" } }
          - name: Signed Up
            destinations: [Courier]
            properties:
              type: object
              properties:
                plan: { type: string, enum: [free, pro] }
        definitions:
          LineItem: { type: object, required: [sku], properties: { sku: { type: string, pattern: "^[A-Z0-9]+$" } } }
        """;

    private static readonly string[] s_planFiles =
    {
        "TrackingPlan.CartUpdated.g.cs", "TrackingPlan.OrderCompleted.g.cs", "TrackingPlan.ProductViewed.g.cs", "TrackingPlan.Shared.g.cs", "TrackingPlan.SignedUp.g.cs",
    };

    [Fact]
    public void Editing_one_plan_event_re_emits_only_that_events_part()
    {
        var (before, after) = RunPlanEdit(MultiEventPlan, MultiEventPlan.Replace("sku: { type: string, maxLength: 32 }", "sku: { type: string, maxLength: 40 }", StringComparison.Ordinal));

        // The plan is read again and splits into parts that compare equal, except the edited event's.
        var parts = after.TrackedSteps[TrackingNames.PlanParts].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(5, parts.Count);
        var modified = Assert.Single(parts, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("TrackingPlan.ProductViewed", Assert.IsType<EventContracts.Generators.Model.ContractPart>(modified.Value).HintName);
        Assert.All(parts.Where(o => o != modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        // One output step ran (the edited event's file); every other one, vendors' and plan parts', is cached.
        var outputs = after.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(outputs.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        var changed = ChangedSources(before, after);
        Assert.Equal(new[] { "TrackingPlan.ProductViewed.g.cs" }, changed);
        Assert.Contains("new(null, 40, null, null)", Source(after, "TrackingPlan.ProductViewed.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_plan_event_parses_only_that_events_chunk()
    {
        var (_, after) = RunPlanEdit(MultiEventPlan, MultiEventPlan.Replace("sku: { type: string, maxLength: 32 }", "sku: { type: string, maxLength: 40 }", StringComparison.Ordinal));

        // Head (with the first event), three more events, the definitions: only Product Viewed's chunk is parsed again.
        var chunks = after.TrackedSteps[TrackingNames.PlanChunks].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(5, chunks.Count);
        var parsed = Assert.Single(chunks, o => o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal(IncrementalStepRunReason.Modified, parsed.Reason);
        var chunk = Assert.IsType<ParsedChunk>(parsed.Value);
        Assert.Equal(PlanChunkKind.Event, chunk.Kind);
        Assert.Contains(chunk.Nodes, n => n.Value == "Product Viewed");
        Assert.Contains(chunk.Nodes, n => n.Value == "40");
        Assert.Same(chunks[1].Value, parsed.Value);

        // The plan is read again from the chunks, and changes.
        var models = after.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(models, o => o.Reason != IncrementalStepRunReason.Cached).Reason);
    }

    [Fact]
    public void Lengthening_one_plan_event_parses_only_that_events_chunk_though_the_later_ones_move()
    {
        var (before, after) = RunPlanEdit(MultiEventPlan, MultiEventPlan.Replace(
            "channel: { type: string, enum: [web, ios, android] }",
            "channel: { type: string, enum: [web, ios, android] }\n        note: { type: string }",
            StringComparison.Ordinal));

        // The chunks after Product Viewed start further down, but their text is the same: they stay cached, and the
        // plan read from them locates their nodes where they are now.
        var chunks = after.TrackedSteps[TrackingNames.PlanChunks].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(5, chunks.Count);
        Assert.Equal(1, chunks.FindIndex(o => o.Reason != IncrementalStepRunReason.Cached));
        Assert.Single(chunks, o => o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal(new[] { "TrackingPlan.ProductViewed.g.cs" }, ChangedSources(before, after));

        var models = after.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<ContractReadResult>();
        var signedUp = models.Select(m => m.Spec).Single(s => s?.Kind == ContractSourceKind.PlanEvent)!.Events.Single(e => e.Name == "Signed Up");
        string text = MultiEventPlan.Replace("ios, android] }", "ios, android] }\n        note: { type: string }", StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("Signed Up", StringComparison.Ordinal), signedUp.NameLocation.Offset);
        Assert.Equal(text.Substring(0, signedUp.NameLocation.Offset).Count(c => c == '\n'), signedUp.NameLocation.Line);
    }

    [Theory]
    [MemberData(nameof(PlanTexts))]
    public void Reading_a_plan_from_its_chunks_equals_reading_it_whole(string name, string text, bool chunked)
    {
        var input = new ContractInput(new SourceFile("/app/tracking-plan.yaml", text), null, null, "Consumer", EquatableArray<SourceFile>.Empty);
        var split = PlanChunks.Split(input.File);
        var chunks = split.Chunks.Select(PlanChunks.Parse).ToEquatableArrayForTest();

        // Whether the chunks are used at all, so each case tests the path it names.
        Assert.True(chunked == (PlanChunks.Assemble(chunks, split.Positions, new List<DiagnosticInfo>()) is not null), name);
        Assert.Equal(
            PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, default),
            PlanReader.Read(input, chunks, split.Positions, default));
    }

    [Fact]
    public void A_chunk_that_did_not_move_keeps_its_nodes_and_a_moved_one_is_built_where_it_starts_now()
    {
        // A path of its own: a plan's last read is kept by path, and other tests read plans in parallel.
        string plan = MultiEventPlan.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = PlanChunks.Split(new SourceFile("/app/kept-trees-plan.yaml", plan));
        var chunks = split.Chunks.Select(PlanChunks.Parse).ToEquatableArrayForTest();
        var first = Events(PlanChunks.Assemble(chunks, split.Positions, new List<DiagnosticInfo>()));

        // The same parsed chunks read again (an edit elsewhere in the file): the events' nodes are the last read's.
        var again = Events(PlanChunks.Assemble(chunks, split.Positions, new List<DiagnosticInfo>()));
        Assert.All(Enumerable.Range(0, first.Count), i => Assert.Same(first[i], again[i]));

        // Two lines added above the third event: it and the events after it are built anew, two lines further down.
        var moved = split.Positions.Select((p, i) => i >= 2 ? new ChunkPosition(p.Offset + 7, p.Line + 2) : p).ToEquatableArrayForTest();
        var shifted = Events(PlanChunks.Assemble(chunks, moved, new List<DiagnosticInfo>()));
        Assert.Same(first[1], shifted[1]);
        Assert.NotSame(first[2], shifted[2]);
        Assert.Equal(first[2].Location.Line + 2, shifted[2].Location.Line);
        Assert.Equal(first[2].Location.Offset + 7, shifted[2].Location.Offset);
        Assert.Equal(((MappingNode)first[3]).GetKey("name")!.Location.Line + 2, ((MappingNode)shifted[3]).GetKey("name")!.Location.Line);

        // Only the last read is kept: reading the moved chunks again shares that read's nodes, and the first read's
        // trees of the chunks that moved are gone.
        Assert.Same(shifted[3], Events(PlanChunks.Assemble(chunks, moved, new List<DiagnosticInfo>()))[3]);
        var back = Events(PlanChunks.Assemble(chunks, split.Positions, new List<DiagnosticInfo>()));
        Assert.Same(first[1], back[1]);
        Assert.NotSame(first[2], back[2]);
        Assert.Equal(first[2].Location, back[2].Location);

        static List<SourceNode> Events(SourceNode? root) => ((SequenceNode)((MappingNode)root!).Get("events")!).Items;
    }

    [Fact]
    public void A_new_split_of_a_plan_takes_the_last_splits_chunks_whose_text_is_unchanged()
    {
        string plan = MultiEventPlan.Replace("\r\n", "\n", StringComparison.Ordinal);
        const string Path = "/app/kept-chunks-plan.yaml";
        var first = PlanChunks.Split(new SourceFile(Path, plan));
        var edited = PlanChunks.Split(new SourceFile(Path, plan.Replace("sku: { type: string, maxLength: 32 }", "sku: { type: string, maxLength: 40 }", StringComparison.Ordinal)));

        Assert.Equal(first.Chunks.Count, edited.Chunks.Count);
        Assert.All(new[] { 0, 2, 3, 4 }, i => Assert.Same(first.Chunks[i], edited.Chunks[i]));
        Assert.NotEqual(first.Chunks[1], edited.Chunks[1]);
        Assert.Contains("maxLength: 40", edited.Chunks[1].Text, StringComparison.Ordinal);

        // Another file's split takes nothing from this one.
        var other = PlanChunks.Split(new SourceFile("/app/other-plan.yaml", plan));
        Assert.All(Enumerable.Range(0, other.Chunks.Count), i => Assert.NotSame(first.Chunks[i], other.Chunks[i]));
        Assert.Equal(first.Chunks, other.Chunks.Select(c => c with { Path = Path }));
    }

    [Fact]
    public void An_edited_plans_parts_are_the_last_splits_parts_where_they_did_not_change()
    {
        var before = Parts(MultiEventPlan);
        var after = Parts(MultiEventPlan.Replace("sku: { type: string, maxLength: 32 }", "sku: { type: string, maxLength: 40 }", StringComparison.Ordinal));

        // The shared part, then Order Completed, Product Viewed (edited), Cart Updated and Signed Up.
        Assert.Equal(5, after.Count);
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.Same(before[i], after[i]));
        Assert.NotEqual(before[2], after[2]);

        static EquatableArray<ContractPart> Parts(string text)
        {
            var input = new ContractInput(new SourceFile("/app/kept-parts-plan.yaml", text), null, null, "Consumer", EquatableArray<SourceFile>.Empty);
            var spec = PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, default).Spec!;
            return EventContractGenerator.WithLastParts(spec.SourcePath, PlanPartitioner.Split(spec, EquatableArray<string>.Empty));
        }
    }

    public static TheoryData<string, string, bool> PlanTexts()
    {
        const string Event = "  - name: Third\n    properties: { type: object }\n";
        string plan = MultiEventPlan.Replace("\r\n", "\n", StringComparison.Ordinal);
        return new TheoryData<string, string, bool>
        {
            { "plain", plan, true },
            { "CRLF line ends", plan.Replace("\n", "\r\n", StringComparison.Ordinal), true },
            { "no trailing definitions, no final line break", "events:\n  - name: First\n  - name: Second\n    description: x", true },
            { "keys and comments around the events, block scalar", "# plan\nversion: 1\nevents:\n  # first\n  - name: First\n    description: |\n      Two\n\n      lines\n\n# between\n  - name: Second\n" + Event + "definitions: {}\n", true },
            { "indentless items", "events:\n- name: First\n- name: Second\n  properties: { type: object, properties: { a: { type: string } } }\ndefinitions: {}\n", true },
            { "duplicate key in an event", "events:\n  - name: First\n  - name: Second\n    description: a\n    description: b\n" + Event, true },
            { "invalid events", "events:\n  - name: First\n  - just text\n  - name: First\n  - { name: Fourth, colour: red }\n", true },
            { "syntax error in an event", "events:\n  - name: First\n  - name: [Second\n" + Event, false },
            { "anchor and alias across events", "events:\n  - name: First\n    properties: &p { type: object }\n  - name: Second\n    properties: *p\n", false },
            { "events key again after the events", "events:\n  - name: First\n  - name: Second\nevents: []\n", false },
            { "byte order mark", "\uFEFFevents:\n  - name: First\n  - name: Second\n", false },
            { "tab", "events:\n  - name: First\n  - name:\tSecond\n", false },
            { "quoted text over an item line", "events:\n  - name: First\n    description: \"a\n  - b\"\n  - name: Second\n", false },
            { "flow events", "{ \"events\": [ { \"name\": \"First\" }, { \"name\": \"Second\" } ] }", false },
            { "one event", "events:\n  - name: First\n", false },
            { "second document", "events:\n  - name: First\n  - name: Second\n---\nevents: []\n", false },
        };
    }

    [Fact]
    public void Adding_a_property_to_one_event_does_not_renumber_the_other_events()
    {
        // A new schema in the first event shifts every later schema's id in the plan; ids are per part, so only
        // the first event's file changes.
        var (before, after) = RunPlanEdit(MultiEventPlan, MultiEventPlan.Replace(
            "order_id: { type: string, maxLength: 64 }",
            "order_id: { type: string, maxLength: 64 }\n        coupon: { type: string, minLength: 3 }",
            StringComparison.Ordinal));

        Assert.Equal(new[] { "TrackingPlan.OrderCompleted.g.cs" }, ChangedSources(before, after));
        Assert.Contains("public string? Coupon { get; init; }", Source(after, "TrackingPlan.OrderCompleted.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_and_removing_the_last_event_leaves_the_other_parts_cached()
    {
        const string Added = """
              - name: Coupon Applied
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    code: { type: string, maxLength: 16 }
                    line: { $ref: "#/definitions/LineItem" }
            definitions:
            """;
        string withEvent = MultiEventPlan.Replace("definitions:", Added, StringComparison.Ordinal);

        // The catalog lists the events, so it changes too; no other file is emitted again.
        var (before, added) = RunPlanEdit(MultiEventPlan, withEvent);
        Assert.Equal(new[] { "EventContractCatalog.g.cs" }, ChangedSources(before, added));
        Assert.Equal(s_planFiles.Append("TrackingPlan.CouponApplied.g.cs").OrderBy(n => n, StringComparer.Ordinal), PlanFiles(added));
        var parts = added.TrackedSteps[TrackingNames.PlanParts].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(parts, o => o.Reason != IncrementalStepRunReason.Unchanged).Reason);

        var (withIt, removed) = RunPlanEdit(withEvent, MultiEventPlan);
        Assert.Equal(new[] { "EventContractCatalog.g.cs" }, ChangedSources(withIt, removed));
        Assert.Equal(s_planFiles, PlanFiles(removed));
        parts = removed.TrackedSteps[TrackingNames.PlanParts].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.Removed, Assert.Single(parts, o => o.Reason != IncrementalStepRunReason.Unchanged).Reason);
    }

    [Fact]
    public void Inserting_an_event_re_emits_the_events_after_it_and_keeps_the_ones_before()
    {
        // The driver compares a step's outputs by position, and an event's validators document their JSON
        // Pointer (#/events/2/...): the parts after an inserted event move, so they are emitted again with the
        // new pointers. The shared part and the events before the insertion stay cached.
        const string Inserted = """
              - name: Coupon Applied
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    code: { type: string }
              - name: Cart Updated
            """;
        var (before, after) = RunPlanEdit(MultiEventPlan, MultiEventPlan.Replace("  - name: Cart Updated", Inserted, StringComparison.Ordinal));

        Assert.Equal(new[] { "EventContractCatalog.g.cs", "TrackingPlan.CartUpdated.g.cs", "TrackingPlan.SignedUp.g.cs" }, ChangedSources(before, after));
        Assert.Contains("TrackingPlan.CouponApplied.g.cs", PlanFiles(after));
        Assert.Contains("tracking-plan.yaml#/events/3/properties", Source(after, "TrackingPlan.CartUpdated.g.cs"), StringComparison.Ordinal);
    }

    // A last event named like Courier's request type: EC1016 skips it, and the rest of the plan is generated.
    private const string TakenNameEvent = """
              - name: Courier Request
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    line: { $ref: "#/definitions/LineItem" }
            definitions:
            """;

    [Fact]
    public void Editing_one_event_of_a_plan_with_an_EC1016_event_re_emits_only_that_events_part()
    {
        string plan = MultiEventPlan.Replace("definitions:", TakenNameEvent, StringComparison.Ordinal);
        var (before, after) = RunPlanEdit(plan, plan.Replace("sku: { type: string, maxLength: 32 }", "sku: { type: string, maxLength: 40 }", StringComparison.Ordinal), allowedError: "EC1016");

        Assert.Contains(before.Diagnostics, d => d.Id == "EC1016");
        Assert.Equal(s_planFiles, PlanFiles(after));
        var parts = after.TrackedSteps[TrackingNames.PlanParts].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(parts, o => o.Reason != IncrementalStepRunReason.Unchanged);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
        Assert.Equal(new[] { "TrackingPlan.ProductViewed.g.cs" }, ChangedSources(before, after));
    }

    [Fact]
    public void Renaming_an_EC1016_event_generates_it_and_leaves_the_other_parts_cached()
    {
        // Which types are skipped changes; the parts that were generated compare equal, so only the new event's file and
        // the catalog are emitted.
        string plan = MultiEventPlan.Replace("definitions:", TakenNameEvent, StringComparison.Ordinal);
        var (before, after) = RunPlanEdit(plan, plan.Replace("name: Courier Request", "name: Courier Requested", StringComparison.Ordinal));

        Assert.Equal(s_planFiles, PlanFiles(before));
        Assert.Equal(s_planFiles.Append("TrackingPlan.CourierRequested.g.cs").OrderBy(n => n, StringComparer.Ordinal), PlanFiles(after));
        Assert.Equal(new[] { "EventContractCatalog.g.cs" }, ChangedSources(before, after));
        var parts = after.TrackedSteps[TrackingNames.PlanParts].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(parts, o => o.Reason != IncrementalStepRunReason.Unchanged).Reason);
    }

    /// <summary>
    /// Runs the vendors and a plan, then the plan edited; returns both results and checks the second compiles and reports
    /// no error (but <paramref name="allowedError"/>).
    /// </summary>
    private static (GeneratorRunResult Before, GeneratorRunResult After) RunPlanEdit(string plan, string editedPlan, string? allowedError = null)
    {
        Assert.NotEqual(plan, editedPlan);
        var files = GeneratorHarness.BuiltInVendors.Append(s_plan with { Text = plan }).ToList();
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(files, out var texts).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();
        Assert.Null(before.Exception);

        driver = driver.ReplaceAdditionalText(texts[files.Count - 1], GeneratorHarness.ToAdditionalText(s_plan with { Text = editedPlan }))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var after = driver.GetRunResult().Results.Single();
        Assert.Null(after.Exception);
        Assert.DoesNotContain(after.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != allowedError);
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => !p.StartsWith("EC", StringComparison.Ordinal));
        return (before, after);
    }

    /// <summary>Hint names of the generated files whose text is a new object (re-emitted) in <paramref name="after"/>.</summary>
    private static string[] ChangedSources(GeneratorRunResult before, GeneratorRunResult after)
    {
        var old = before.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText, StringComparer.Ordinal);
        return after.GeneratedSources
            .Where(s => old.TryGetValue(s.HintName, out var text) && !ReferenceEquals(text, s.SourceText))
            .Select(s => s.HintName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }

    private static string[] PlanFiles(GeneratorRunResult result)
        => result.GeneratedSources.Select(s => s.HintName).Where(h => h.StartsWith("TrackingPlan.", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    private static string Source(GeneratorRunResult result, string hintName)
        => result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    [Fact]
    public void Pipeline_values_hold_no_Roslyn_objects_and_no_collections_without_value_equality()
    {
        // The vendors, the plan, and a contract that reports diagnostics, so DiagnosticInfo values are walked too.
        var files = GeneratorHarness.BuiltInVendors.Append(s_plan).Append(new TestFile(
            "/contracts/broken.yaml",
            "type: object\nproperties:\n  a: { type: string, maxLength: x, format: ipv4 }\n  a: { $ref: '#/nope' }\n",
            Vendor: "Broken")).ToList();
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(GeneratorHarness.CreateCompilation());
        var result = driver.GetRunResult().Results.Single();
        Assert.NotEmpty(result.Diagnostics);

        var problems = new List<string>();
        int walked = 0;
        foreach (var (name, steps) in result.TrackedSteps.Where(s => s_allTrackingNames.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                walked++;
                problems.AddRange(ModelWalker.FindForbidden(output.Value, name));
            }
        }

        Assert.True(walked >= 5 * 4, "Only " + walked + " step outputs were walked");
        Assert.Empty(problems);
    }

    [Fact]
    public void Pipeline_values_are_classes_or_tuples_and_arrays_of_classes()
    {
        // The driver's node tables are generic over their values: over classes the compiler runs its precompiled code,
        // tuples and arrays of classes share the code the SDK's own generators JIT-compile for the same shapes, and over
        // each other struct shape (an EquatableArray, a bool, a tuple holding one) every table and node is JIT-compiled
        // again in each new compiler process. Before values were classes, that was about 2,000 methods of a cold build.
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.BuiltInVendors.Append(s_plan)).RunGenerators(GeneratorHarness.CreateCompilation());
        var result = driver.GetRunResult().Results.Single();
        var steps = result.TrackedSteps.Where(s => s_allTrackingNames.Contains(s.Key))
            .Concat(result.TrackedOutputSteps)
            .SelectMany(s => s.Value.SelectMany(step => step.Outputs).Select(output => (s.Key, Type: output.Value.GetType())))
            .ToList();

        Assert.True(steps.Count >= 30, "Only " + steps.Count + " step outputs");
        Assert.Empty(steps.Where(s => !SharesPrecompiledCode(s.Type)).Select(s => s.Key + ": " + s.Type).Distinct());
    }

    [Theory]
    [InlineData(typeof(string), true)]
    [InlineData(typeof((string, object)), true)]
    [InlineData(typeof(((string, object), string)), true)]
    [InlineData(typeof(ImmutableArray<string>), true)]
    [InlineData(typeof(bool), false)]
    [InlineData(typeof(EquatableArray<string>), false)]
    [InlineData(typeof((string, bool)), false)]
    [InlineData(typeof(((string, EquatableArray<string>), string)), false)]
    [InlineData(typeof(ImmutableArray<int>), false)]
    public void Shared_code_check_tells_struct_shapes(Type type, bool shared)
        => Assert.Equal(shared, SharesPrecompiledCode(type));

    private static bool SharesPrecompiledCode(Type type)
    {
        if (!type.IsValueType)
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        Type definition = type.GetGenericTypeDefinition();
        Type[] arguments = type.GetGenericArguments();
        return definition == typeof(ImmutableArray<>) ? !arguments[0].IsValueType
            : definition.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && arguments.All(SharesPrecompiledCode);
    }

    [Fact]
    public void Model_walker_finds_each_forbidden_kind_of_value()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var tree = compilation.SyntaxTrees.First();
        var planted = new object?[]
        {
            new Holder(compilation),
            new Holder(tree.GetRoot()),
            new Holder(compilation.GetTypeByMetadataName("Consumer.Program")),
            new Holder(Location.Create(tree, default)),
            new Holder(GeneratorHarness.ToAdditionalText(new TestFile("/x.yaml", "{}"))),
            new Holder(new List<string> { "a" }),
            new Holder(ImmutableArray.Create("a")),
            new Holder(new[] { 1 }),
            new Holder(new Dictionary<string, string>()),
            new Holder(new Holder(new Holder(new List<int>()))),
        };

        foreach (var value in planted)
        {
            Assert.NotEmpty(ModelWalker.FindForbidden(value, "planted"));
        }

        Assert.Empty(ModelWalker.FindForbidden(new Holder("text"), "allowed"));
        Assert.Empty(ModelWalker.FindForbidden(new[] { "a", "b" }.ToEquatableArrayForTest(), "allowed"));
    }

    private static string ModelPath(object value)
    {
        var spec = Assert.IsType<EventContracts.Generators.Reading.ContractReadResult>(value).Spec;
        Assert.NotNull(spec);
        return spec!.SourcePath;
    }

    private sealed record Holder(object? Value);
}

/// <summary>Walks a pipeline value by reflection and names every field that breaks caching.</summary>
internal static class ModelWalker
{
    private static readonly Type[] s_forbidden =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Location), typeof(AdditionalText),
    };

    public static IReadOnlyList<string> FindForbidden(object? root, string path)
    {
        var problems = new List<string>();
        Walk(root, path, new HashSet<object>(ReferenceEqualityComparer.Instance), problems);
        return problems;
    }

    public static EventContracts.Generators.Model.EquatableArray<T> ToEquatableArrayForTest<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => EventContracts.Generators.Model.EquatableArray.ToEquatableArray(items);

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> problems)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            return;
        }

        if (s_forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
        {
            problems.Add(path + " is a " + forbidden.Name + " (" + type.Name + ")");
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EventContracts.Generators.Model.EquatableArray<>))
        {
            // Value equality by contract: walk the items, not the ImmutableArray inside.
            int i = 0;
            foreach (object? item in (IEnumerable)value)
            {
                Walk(item, path + "[" + i++ + "]", visited, problems);
            }

            return;
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            || (value is IEnumerable && !IsValueTuple(type)))
        {
            problems.Add(path + " is a " + FriendlyName(type) + ", which compares by reference; use EquatableArray");
            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), path + "." + field.Name, visited, problems);
            }
        }
    }

    private static bool IsValueTuple(Type type) => type.IsValueType && type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true;

    private static string FriendlyName(Type type) => type.IsGenericType
        ? type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(", ", type.GetGenericArguments().Select(FriendlyName)) + ">"
        : type.Name;
}
