using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// A tracking plan whose type names are taken by a vendor contract or an earlier plan (EC1016) loses only what needs a
/// taken name: the colliding events, and the events whose records use a colliding definition. Everything else of the
/// plan is generated as it is without the collision, and the output compiles.
/// </summary>
public class TypeNameCollisionTests
{
    private const string PlanPath = "/app/tracking-plan.yaml";

    // "Courier Request" is the record name of the built-in Courier contract's request (CourierRequest).
    private const string PlanWithTakenEvent = """
        events:
          - name: Order Completed
            destinations: [Courier]
            properties:
              type: object
              properties:
                order_id: { type: string }
                items: { type: array, items: { $ref: "#/definitions/LineItem" } }
          - name: Courier Request
            destinations: [Courier]
            properties:
              type: object
              properties:
                items: { type: array, items: { $ref: "#/definitions/LineItem" } }
                kind: { type: string, enum: [a, b] }
          - name: Signed Up
            destinations: [Courier]
            properties:
              type: object
              properties:
                plan: { type: string, enum: [free, pro] }
        definitions:
          LineItem: { type: object, properties: { sku: { type: string } } }
        """;

    [Fact]
    public void A_plan_event_named_like_a_vendor_type_skips_only_that_event()
    {
        var (result, output) = Run(PlanWithTakenEvent);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1016", diagnostic.Id);
        Assert.Equal((PlanPath, 8, 10), Where(diagnostic));
        Assert.Equal(
            "Type 'CourierRequest' (event 'Courier Request' of tracking-plan.yaml) of contract 'TrackingPlan' has the same name as a type of contract 'Courier' (courier.openapi.yaml#/components/schemas/InboundTrackEvent); event 'Courier Request' is skipped",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.CompileProblems(output));

        // The other events and the definitions are generated, and listed in the catalog; CourierRequest is Courier's.
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.OrderCompleted"));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.SignedUp"));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.LineItem"));
        Assert.Contains(output.GetTypeByMetadataName("Consumer.Contracts.CourierRequest")!.GetMembers(), m => m.Name == "MessageId");
        string catalog = Source(result, "EventContractCatalog.g.cs");
        Assert.Contains("\"Order Completed\"", catalog, StringComparison.Ordinal);
        Assert.Contains("\"Signed Up\"", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Courier Request\"", catalog, StringComparison.Ordinal);
        Assert.Equal(new[] { "TrackingPlan.OrderCompleted.g.cs", "TrackingPlan.Shared.g.cs", "TrackingPlan.SignedUp.g.cs" }, PlanFiles(result));
    }

    [Fact]
    public void What_a_skipped_event_leaves_is_generated_as_without_the_collision()
    {
        var (skipped, _) = Run(PlanWithTakenEvent);
        var (renamed, _) = Run(PlanWithTakenEvent.Replace("name: Courier Request", "name: Courier Requested", StringComparison.Ordinal));

        Assert.Empty(renamed.Diagnostics);
        foreach (string file in PlanFiles(skipped))
        {
            Assert.Equal(Source(renamed, file), Source(skipped, file));
        }

        // The catalog differs by the skipped event's entry only.
        var renamedCatalog = Source(renamed, "EventContractCatalog.g.cs").Split('\n');
        var skippedCatalog = Source(skipped, "EventContractCatalog.g.cs").Split('\n');
        var extra = renamedCatalog.Except(skippedCatalog).ToList();
        Assert.NotEmpty(extra);
        Assert.All(extra, line => Assert.True(line.Contains("CourierRequested", StringComparison.Ordinal) || line.Contains("\"Courier Requested\"", StringComparison.Ordinal), line));
        Assert.Empty(skippedCatalog.Except(renamedCatalog));
    }

    [Fact]
    public void A_definition_named_like_a_vendor_type_skips_the_events_that_use_it_directly_or_not()
    {
        const string plan = """
            events:
              - name: Order Completed
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    request: { $ref: "#/definitions/CourierRequest" }
              - name: Order Wrapped
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    wrapper: { $ref: "#/definitions/Wrapper" }
              - name: Signed Up
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    item: { $ref: "#/definitions/LineItem" }
            definitions:
              CourierRequest: { type: object, properties: { note: { type: string } } }
              Wrapper: { type: object, properties: { inner: { $ref: "#/definitions/CourierRequest" }, item: { $ref: "#/definitions/LineItem" } } }
              LineItem: { type: object, properties: { sku: { type: string } } }
            """;

        var (result, output) = Run(plan);

        // Each event that is not generated is told why, at its name.
        var diagnostics = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.All(diagnostics, d => Assert.Equal("EC1016", d.Id));
        Assert.Equal(new[] { (PlanPath, 1, 10), (PlanPath, 7, 10) }, diagnostics.Select(Where));
        Assert.EndsWith("; event 'Order Completed', which uses it, is skipped", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.StartsWith("Type 'CourierRequest' (tracking-plan.yaml#/definitions/CourierRequest) of contract 'TrackingPlan'", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("; event 'Order Wrapped', which uses it, is skipped", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Nothing generated refers to a type that is not: the definition that uses the taken one goes too.
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Null(output.GetTypeByMetadataName("Consumer.Contracts.OrderCompleted"));
        Assert.Null(output.GetTypeByMetadataName("Consumer.Contracts.OrderWrapped"));
        Assert.Null(output.GetTypeByMetadataName("Consumer.Contracts.Wrapper"));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.SignedUp"));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.LineItem"));
        Assert.DoesNotContain(output.GetTypeByMetadataName("Consumer.Contracts.CourierRequest")!.GetMembers(), m => m.Name == "Note");
        string catalog = Source(result, "EventContractCatalog.g.cs");
        Assert.Contains("\"Signed Up\"", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Order Completed\"", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Order Wrapped\"", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_whose_record_another_event_uses_takes_that_event_along()
    {
        // Order Shipped's 'order' property is Courier Request's properties schema, so its record is CourierRequest.
        const string plan = """
            events:
              - name: Courier Request
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    note: { type: string }
              - name: Order Shipped
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    order: { $ref: "#/events/0/properties" }
              - name: Signed Up
                destinations: [Courier]
            """;

        var (result, output) = Run(plan);

        Assert.Equal(
            new[] { "event 'Courier Request' is skipped", "event 'Order Shipped', which uses it, is skipped" },
            result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split("; ").Last()));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Null(output.GetTypeByMetadataName("Consumer.Contracts.OrderShipped"));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.SignedUp"));
    }

    [Fact]
    public void A_later_plan_loses_only_the_events_an_earlier_plan_named_first()
    {
        const string first = "events:\n  - name: Order Completed\n    destinations: [Courier]\n";
        const string second = "events:\n  - name: Order Completed\n    destinations: [Courier]\n  - name: Order Shipped\n    destinations: [Courier]\n";
        var files = GeneratorHarness.BuiltInVendors
            .Append(new TestFile("/app/a-plan.yaml", first, Kind: "TrackingPlan"))
            .Append(new TestFile("/app/b-plan.yaml", second, Kind: "TrackingPlan"));

        var (result, output) = GeneratorHarness.Run(files);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("EC1016", "/app/b-plan.yaml", 1), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("of contract 'BPlan' has the same name as a type of contract 'APlan' (event 'Order Completed' of a-plan.yaml); event 'Order Completed' is skipped", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.OrderShipped"));
        Assert.EndsWith("APlan.OrderCompleted.g.cs", Assert.Single(output.GetTypeByMetadataName("Consumer.Contracts.OrderCompleted")!.Locations.Select(l => l.SourceTree!.FilePath).Distinct()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_whose_contract_class_name_is_taken_is_skipped_whole()
    {
        // Vendor "Tracking" with a schema "PlanContract" generates TrackingPlanContract, the plan's contract class.
        var vendor = new TestFile("/app/contracts/tracking.yaml", "type: object\nproperties:\n  c: { $ref: '#/definitions/PlanContract' }\ndefinitions:\n  PlanContract: { type: object, properties: { x: { type: string } } }\n", Vendor: "Tracking");
        var plan = new TestFile(PlanPath, "events:\n  - name: Signed Up\n", Kind: "TrackingPlan");

        var (result, output) = GeneratorHarness.Run(new[] { vendor, plan });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1016", diagnostic.Id);
        Assert.EndsWith("; contract 'TrackingPlan' is skipped", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Null(output.GetTypeByMetadataName("Consumer.Contracts.SignedUp"));
    }

    private static (GeneratorDriverRunResult Result, Compilation Output) Run(string plan)
        => GeneratorHarness.Run(GeneratorHarness.BuiltInVendors.Append(new TestFile(PlanPath, plan, Kind: "TrackingPlan")));

    private static (string Path, int Line, int Column) Where(Diagnostic d)
        => (d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character);

    private static string Source(GeneratorDriverRunResult result, string hintName)
        => result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static string[] PlanFiles(GeneratorDriverRunResult result)
        => result.Results.Single().GeneratedSources.Select(s => s.HintName)
            .Where(h => h.StartsWith("TrackingPlan.", StringComparison.Ordinal))
            .OrderBy(h => h, StringComparer.Ordinal)
            .ToArray();

    [Theory]
    [InlineData("/app/contracts/courier.yaml")]
    [InlineData("/a/courier.yaml")]
    public void A_contract_of_the_project_keeps_a_built_in_vendors_name_wherever_its_path_sorts_and_EC1011_is_at_it(string path)
    {
        // Your own Courier document beside the built-in one: yours is generated, the built-in one is skipped, and the
        // error is on your file (not in the package's folder) with the way to say it.
        const string Own = """
            openapi: 3.0.3
            info: { title: Own Courier, version: "1" }
            paths:
              /send:
                post:
                  operationId: send
                  requestBody: { content: { application/json: { schema: { type: object, properties: { own_field: { type: string } } } } } }
                  responses: { "202": { description: Accepted } }
            """;
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile(path, Own, "EventContract", "Courier", "send")).ToList();

        var (result, output) = GeneratorHarness.Run(files);

        var duplicate = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1011", duplicate.Id);
        Assert.Equal(path, duplicate.Location.GetLineSpan().Path);
        Assert.Equal(
            "Contract name 'Courier' is used by more than one EventContract or TrackingPlan item (courier.openapi.yaml, the built-in Courier contract that EventContractsVendors adds); the built-in one is skipped: leave Courier out of EventContractsVendors",
            duplicate.GetMessage(CultureInfo.InvariantCulture));
        Assert.NotNull(output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".CourierRequest")!.GetMembers("OwnField").SingleOrDefault());
    }
}
