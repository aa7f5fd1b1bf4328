using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace EventContracts.Analyzers.Tests;

/// <summary>The analyzers' view of the plan and contracts: built with the generator's readers, parsed once per file content.</summary>
/// <remarks>
/// The model cache is process-wide and keeps the last model: these tests run alone, since another test class's
/// analyzer run between two calls here (the fuzz tests make hundreds) would replace it.
/// </remarks>
[Collection(nameof(TrackingModelTests))]
public sealed class TrackingModelTests
{
    [Fact]
    public void The_same_files_in_a_new_compilation_reuse_the_parsed_model()
    {
        var first = TrackingModel.For(Options(Project.Files()), CancellationToken.None);
        var second = TrackingModel.For(Options(Project.Files()), CancellationToken.None);

        Assert.Same(first, second);
        Assert.True(first.HasPlan);
        Assert.Contains("Order Completed", first.EventNames);
        Assert.Equal(new[] { "Courier", "CustomerIo", "PushEngage", "Userpilot" }, first.Destinations.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
    }

    [Fact]
    public void An_edited_plan_is_read_again_and_the_contracts_are_not()
    {
        var before = TrackingModel.For(Options(Project.Files()), CancellationToken.None);
        var edited = Project.Files().Select(f => f.Kind == "TrackingPlan" ? f with { Text = f.Text + "\n  - name: Plan Edited\n    destinations: [Courier]\n" } : f).ToList();
        var after = TrackingModel.For(Options(edited), CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Contains("Plan Edited", after.EventNames);
        Assert.DoesNotContain("Plan Edited", before.EventNames);

        // The vendor contracts were not reparsed: the destination specs are the same objects.
        Assert.Same(before.Destinations["CustomerIo"].Spec, after.Destinations["CustomerIo"].Spec);
    }

    [Fact]
    public void Typing_in_a_plan_keeps_one_read_of_it()
    {
        // An editor analyzes after each keystroke; every version of the plan was kept until 256 had piled up
        // (about 870 KB each for a 200-event plan).
        const string Path = "/typing/tracking-plan.yaml";
        TrackingModel last = TrackingModel.Empty;
        for (int i = 0; i < 40; i++)
        {
            var files = new[] { new ContractFile(Path, "events:\n  - name: Typed " + new string('x', i + 1) + "\n", "TrackingPlan") };
            last = TrackingModel.For(Options(files), CancellationToken.None);
        }

        Assert.Contains("Typed " + new string('x', 40), last.EventNames);
        Assert.Equal(1, TrackingModel.CachedReads(Path));
    }

    [Fact]
    public void Identity_requirements_and_message_id_fields_come_from_the_contracts()
    {
        var model = TrackingModel.For(Options(Project.Files()), CancellationToken.None);

        Assert.False(model.Destinations["Courier"].RequiresIdentity);
        Assert.True(model.Destinations["Userpilot"].RequiresIdentity);
        Assert.True(model.Destinations["PushEngage"].RequiresIdentity);
        Assert.True(model.Destinations["CustomerIo"].RequiresIdentity);
        Assert.Contains(model.MessageIdProperties, p => p.TypeName == "EventContracts.Generated.CourierRequest" && p.PropertyName == "MessageId" && p.Vendor == "Courier");
        Assert.Contains(model.MessageIdProperties, p => p.TypeName == "EventContracts.Generated.CustomerIoRequest" && p.PropertyName == "MessageId" && p.Vendor == "CustomerIo");
        Assert.Contains(model.MessageIdProperties, p => p.TypeName == "EventContracts.Generated.CustomerIoBatchTrackEvent" && p.PropertyName == "MessageId" && p.Vendor == "CustomerIoBatch");
    }

    [Fact]
    public void A_read_the_generator_just_made_is_taken_instead_of_parsing_again()
    {
        // Paths of their own: the recent reads are process-wide and other tests read the usual ones.
        var courier = Project.Files(withPlan: false).Single(f => f.Vendor == "Courier") with { Path = "/recent/courier.openapi.yaml" };
        var userpilot = Project.Files(withPlan: false).Single(f => f.Vendor == "Userpilot");

        // What the generator would have remembered for the Courier file (its namespace comes from the same options; no
        // RootNamespace here), replaced by another contract's read so that taking it shows.
        var courierInput = new ContractInput(new SourceFile(courier.Path, courier.Text), "Courier", "inbound_track", "EventContracts.Generated", EquatableArray<SourceFile>.Empty);
        var userpilotRead = ContractReader.Read(new ContractInput(new SourceFile(userpilot.Path, userpilot.Text), "Userpilot", "track", "EventContracts.Generated", EquatableArray<SourceFile>.Empty), CancellationToken.None);
        RecentReads.Remember(courierInput, trackingPlan: false, userpilotRead);

        var model = TrackingModel.For(Options(new[] { courier }), CancellationToken.None);

        Assert.Equal(new[] { "Userpilot" }, model.Destinations.Keys);
    }

    [Fact]
    public void A_read_the_generator_made_is_still_taken_after_its_pipeline_is_gone_and_collected()
    {
        // A compiler without the server drops the generator's driver before the analyzers run, and compiling a large
        // project collects garbage in between: held weakly, every contract was parsed a second time.
        var courier = Project.Files(withPlan: false).Single(f => f.Vendor == "Courier") with { Path = "/collected/courier.openapi.yaml" };
        RememberUserpilotReadAs(courier);
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();
        System.GC.Collect();

        var model = TrackingModel.For(Options(new[] { courier }), CancellationToken.None);

        Assert.Equal(new[] { "Userpilot" }, model.Destinations.Keys);
    }

    /// <summary>What the generator's models step does, in a frame of its own so that nothing here keeps the read alive.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RememberUserpilotReadAs(ContractFile courier)
    {
        var userpilot = Project.Files(withPlan: false).Single(f => f.Vendor == "Userpilot");
        var courierInput = new ContractInput(new SourceFile(courier.Path, courier.Text), "Courier", "inbound_track", "EventContracts.Generated", EquatableArray<SourceFile>.Empty);
        var userpilotRead = ContractReader.Read(new ContractInput(new SourceFile(userpilot.Path, userpilot.Text), "Userpilot", "track", "EventContracts.Generated", EquatableArray<SourceFile>.Empty), CancellationToken.None);
        RecentReads.Remember(courierInput, trackingPlan: false, userpilotRead);
    }

    [Fact]
    public void A_referenced_project_s_plan_adds_its_records_in_its_namespace_and_the_project_s_own_plan_wins_a_shared_event()
    {
        // The library's path sorts first; its namespace has a keyword part, which metadata names write without the '@'.
        const string library = """
            events:
              - name: Cart Viewed
                properties: { type: object, properties: { library_only: { type: string } } }
              - name: Wish Listed
            """;
        const string own = """
            events:
              - name: Cart Viewed
                properties: { type: object, properties: { cart_id: { type: string } } }
            """;
        var files = new[]
        {
            new ContractFile("/a/lib/plan.yaml", library, ProjectFiles.ReferencedTrackingPlanKind, Operation: "My.class.Events"),
            new ContractFile("/z/app/tracking-plan.yaml", own, "TrackingPlan"),
        };

        var model = TrackingModel.For(Options(files), CancellationToken.None);

        Assert.Equal(new[] { "Cart Viewed", "Wish Listed" }, model.EventNames.OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Contains(model.Events["Cart Viewed"].Properties, p => p.JsonName == "cart_id");
        Assert.Contains("EventContracts.Generated.CartViewed", model.Records.Keys);
        Assert.Contains("My.class.Events.CartViewed", model.Records.Keys);
        Assert.Contains("My.class.Events.WishListed", model.Records.Keys);
        Assert.Contains(model.Records["My.class.Events.CartViewed"].Members.Keys, k => k == "LibraryOnly");
    }

    [Fact]
    public void Unreadable_files_give_an_empty_model_and_never_throw()
    {
        var files = new[] { new ContractFile("/0/tracking-plan.yaml", "events: [ {", "TrackingPlan"), new ContractFile("/0/broken.yaml", "\u0000{{", "EventContract", "Broken", "track") };
        var model = TrackingModel.For(Options(files), CancellationToken.None);

        Assert.Empty(model.EventNames);
        Assert.Empty(model.Destinations);
    }

    private static AnalyzerOptions Options(IEnumerable<ContractFile> files)
    {
        var list = files.ToList();
        return new AnalyzerOptions(list.Select(f => (AdditionalText)new Text(f.Path, f.Text)).ToImmutableArray(), new Provider(list));
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Provider(List<ContractFile> files) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var file = files.First(f => f.Path == textFile.Path);
            var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.EventContractsKind"] = file.Kind };
            if (file.Kind == ProjectFiles.ReferencedTrackingPlanKind)
            {
                // A referenced plan's Operation here is the namespace its project generates it in.
                values["build_metadata.AdditionalFiles.EventContractsReferencedNamespace"] = file.Operation!;
                return new Values(values);
            }

            if (file.Vendor is not null)
            {
                values["build_metadata.AdditionalFiles.Vendor"] = file.Vendor;
                values["build_metadata.AdditionalFiles.Operation"] = file.Operation!;
            }

            return new Values(values);
        }
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Values Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>Runs <see cref="TrackingModelTests"/> with no other test class in parallel.</summary>
[CollectionDefinition(nameof(TrackingModelTests), DisableParallelization = true)]
public sealed class TrackingModelTestsCollection
{
}
