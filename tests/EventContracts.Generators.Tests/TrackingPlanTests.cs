using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

public class TrackingPlanTests
{
    private const string NativePlan = """
        events:
          - name: Order Completed
            description: A customer paid for an order.
            destinations: [Courier, CustomerIo]
            properties:
              type: object
              required: [order_id, revenue]
              properties:
                order_id: { type: string, maxLength: 64 }
                revenue:  { type: number, minimum: 0 }
                currency: { type: string, pattern: "^[A-Z]{3}$" }
                items: { type: array, maxItems: 50, items: { $ref: "#/definitions/LineItem" } }
          - name: Signed Up
            destinations: [Userpilot]
        definitions:
          LineItem: { type: object, properties: { sku: { type: string } } }
        """;

    // A Segment Protocols plan as its API exports it: properties under rules.properties.properties.
    private const string SegmentPlan = """
        {
          "display_name": "Hostile plan",
          "rules": {
            "events": [
              {
                "name": "42_--terrible==\"event'++name~!3",
                "rules": { "type": "object", "properties": { "context": {}, "traits": { "type": "object" }, "properties": { "type": "object" } } }
              },
              {
                "name": "class",
                "rules": { "type": "object", "properties": { "properties": {
                  "type": "object",
                  "required": ["event", "nested"],
                  "properties": {
                    "event": { "type": "string", "enum": ["a b", "A-B", "a_b"] },
                    "nested": { "type": "object", "key": "nested", "properties": { "deeper": { "type": "object", "properties": { "n": { "type": ["integer", "null"] } } } } },
                    "lines": { "type": "array", "items": { "type": "object", "required": ["sku"], "properties": { "sku": { "type": "string" } } } },
                    "maybe": { "type": ["string", "null"] },
                    "union": { "type": ["string", "number"] },
                    "3d": { "type": "boolean" }
                  }
                } } }
              },
              { "name": "Event Collided", "rules": { "type": "object", "properties": { "properties": { "type": "object" } } } },
              { "name": "event_collided", "rules": { "type": "object", "properties": { "properties": { "type": "object" } } } }
            ]
          }
        }
        """;

    [Fact]
    public void Native_plan_events_become_records_with_their_wire_name_and_catalog_entries()
    {
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", NativePlan, Kind: "TrackingPlan"));
        var (result, output) = GeneratorHarness.Run(files);

        // Open properties are unbounded where Customer.io limits a call's size: information only.
        Assert.All(result.Diagnostics, d => Assert.Equal("EC4003", d.Id));
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => !p.StartsWith("EC4003"));
        foreach (var source in result.Results.Single().GeneratedSources.Where(s => s.HintName.StartsWith("TrackingPlan.", System.StringComparison.Ordinal)))
        {
            Baselines.Verify("NativePlan", source.HintName, source.SourceText.ToString());
        }

        // One file for what the events share (the contract class, definitions), then one per event.
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h.StartsWith("TrackingPlan.", System.StringComparison.Ordinal));
        Assert.Equal(new[] { "TrackingPlan.OrderCompleted.g.cs", "TrackingPlan.Shared.g.cs", "TrackingPlan.SignedUp.g.cs" }, hints.OrderBy(h => h, System.StringComparer.Ordinal));
        string shared = PlanSource(result, "TrackingPlan.Shared.g.cs");
        Assert.Contains("public sealed partial record LineItem", shared);
        Assert.Contains("public const string Name = \"TrackingPlan\";", shared);
        Assert.Contains("public const string EventName = \"Order Completed\";", PlanSource(result, "TrackingPlan.OrderCompleted.g.cs"));
        Assert.Contains("public sealed partial record SignedUp", PlanSource(result, "TrackingPlan.SignedUp.g.cs"));
        string catalog = result.Results.Single().GeneratedSources.Single(s => s.HintName == "EventContractCatalog.g.cs").SourceText.ToString();
        Assert.Contains("global::EventContracts.ContractKind.PlanEvent", catalog);
        Assert.Contains("\"Signed Up\"", catalog);
    }

    [Fact]
    public void EC1014_says_what_holds_an_events_name_and_the_plan_compiles()
    {
        const string plan = """
            events:
              - name: Order Completed
                properties: { type: object, properties: { item: { $ref: "#/definitions/LineItem" } } }
              - name: order_completed
              - name: Event Contract Catalog
              - name: Equals
              - name: Line Item
            definitions:
              LineItem: { type: object, properties: { sku: { type: string } } }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        // An event keeps its name and the definition is renamed (EC1005), whatever the order of the plan.
        Assert.Equal(
            new[]
            {
                "EC1014: Event 'order_completed' maps to the C# name 'OrderCompleted', which event 'Order Completed' also maps to; it is generated as 'OrderCompleted2'",
                "EC1014: Event 'Event Contract Catalog' maps to the C# name 'EventContractCatalog', which is a class the generator makes for the plan; it is generated as 'EventContractCatalog2'",
                "EC1014: Event 'Equals' maps to the C# name 'Equals', which every event's record has as a member; it is generated as 'EqualsEvent'",
                "EC1005: Schema 'LineItem' maps to the C# name 'LineItem', which event 'Line Item' also maps to; 'LineItem' is generated as 'LineItem2'",
            },
            result.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).Select(d => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_definition_is_renamed_for_an_event_whatever_the_order_of_the_plan()
    {
        // Before, an event listed before the first use of a definition took its name and the definition was renamed silently.
        const string first = """
            events:
              - name: Line Item
              - name: Cart Viewed
                properties: { type: object, properties: { items: { type: array, items: { $ref: "#/definitions/LineItem" } } } }
            definitions:
              LineItem: { type: object, properties: { sku: { type: string } } }
            """;
        const string second = """
            events:
              - name: Cart Viewed
                properties: { type: object, properties: { items: { type: array, items: { $ref: "#/definitions/LineItem" } } } }
              - name: Line Item
            definitions:
              LineItem: { type: object, properties: { sku: { type: string } } }
            """;

        foreach (string plan in new[] { first, second })
        {
            var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("EC1005", diagnostic.Id);
            Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Empty(GeneratorHarness.CompileProblems(output));
            string types = PlanSources(result, "TrackingPlan.");
            Assert.Contains("public sealed partial record LineItem ", types);
            Assert.Contains("IReadOnlyList<global::Consumer.Contracts.LineItem2>? Items", types);
        }
    }

    [Theory]
    [InlineData("Converter")]
    [InlineData("Validate")]
    [InlineData("WireNames")]
    public void A_definition_named_like_a_member_of_every_record_is_renamed(string definition)
    {
        // Every record has a nested Converter and a Validate method: a record of that name would be CS0542.
        string plan = $$"""
            events:
              - name: Measured
                properties: { type: object, properties: { unit: { $ref: "#/definitions/{{definition}}" } } }
            definitions:
              {{definition}}: { type: object, properties: { name: { type: string } } }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "Schema '" + definition + "' maps to the C# name '" + definition + "', which every generated record has as a member (a record cannot be named like its member); '" + definition + "' is generated as '" + definition + "2'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_made_to_differ_by_more_than_case()
    {
        // C# tells them apart, but AnalysisMode=All reports CA1708 for each pair and Visual Basic cannot name either.
        const string plan = """
            events:
              - name: Order Placed
                properties:
                  type: object
                  properties:
                    userId: { type: string }
                    USER_ID: { type: string }
                    tostring: { type: string }
                    CLONE: { type: string }
                    orderplaced: { type: string }
                    status: { enum: [active, ACTIVE] }
              - name: ORDER PLACED
              - name: system
              - name: SYSTEM
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        Assert.Equal(
            string.Join("\n", new[]
            {
                "JSON name 'USER_ID' maps to the C# name 'USERID', which differs only in case from 'UserId', to which JSON name 'userId' maps; 'USER_ID' is generated as 'USERID2'",
                "JSON name 'tostring' maps to the C# name 'Tostring', which differs only in case from 'ToString', which every generated record has as a member; 'tostring' is generated as 'Tostring2'",
                "Enum value 'ACTIVE' maps to the C# name 'ACTIVE', which differs only in case from 'Active', to which enum value 'active' maps; 'ACTIVE' is generated as 'ACTIVE2'",
                "Event 'ORDER PLACED' maps to the C# name 'ORDERPLACED', which differs only in case from 'OrderPlaced', which event 'Order Placed' maps to; it is generated as 'ORDERPLACED2'",
                "Event 'system' maps to the C# name 'System', which would hide the namespace System from the code in namespace Consumer.Contracts (System.X would name a member of the type); it is generated as 'System2'",
            }),
            string.Join("\n", result.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).Select(d => d.GetMessage(CultureInfo.InvariantCulture))));
        Assert.Empty(GeneratorHarness.CompileProblems(output));

        // A record's own name and "Clone" clash only exactly (CS0542, CS8859), and SYSTEM hides no namespace.
        string types = PlanSources(result, "TrackingPlan.");
        Assert.Contains("public string? Orderplaced { get; init; }", types);
        Assert.Contains("public string? CLONE { get; init; }", types);
        Assert.Contains("public sealed partial record SYSTEM", types);
    }

    [Fact]
    public void A_suffix_does_not_take_the_name_another_event_of_the_plan_asks_for()
    {
        // From a real Segment plan: the suffixed 'Demo Test Event !!!' took DemoTestEvent2 and pushed 'Demo Test Event 2' to DemoTestEvent22.
        const string plan = """
            events:
              - name: Demo Test Event
              - name: Demo Test Event !!!
              - name: Demo Test Event 2
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "Event 'Demo Test Event !!!' maps to the C# name 'DemoTestEvent', which event 'Demo Test Event' also maps to; it is generated as 'DemoTestEvent3'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("public sealed partial record DemoTestEvent2 ", PlanSources(result, "TrackingPlan."));
        Assert.Contains("public const string EventName = \"Demo Test Event 2\";", PlanSources(result, "TrackingPlan.DemoTestEvent2."));
    }

    [Fact]
    public void A_json_plan_may_have_comments_and_its_locations_stay_those_of_the_file()
    {
        const string plan = """
            {
              // Web events. "Quotes" and /* markers */ in a comment are comment text.
              "events": [
                /* the checkout */
                { "name": "Order Completed", "description": "see https://example.com/a//b", "properties": { "type": "object" } },
                { "name": "" }
              ]
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/plan.json", plan, "TrackingPlan") });

        var invalid = Assert.Single(result.Diagnostics);
        Assert.Equal(("EC1013", 5), (invalid.Id, invalid.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("see https://example.com/a//b", PlanSources(result, "Plan."));
    }

    [Fact]
    public void A_plan_listed_as_a_contract_or_a_contract_as_a_plan_is_EC1006_naming_the_item_to_use()
    {
        const string plan = "events:\n  - name: Web Opened\n    properties: { type: object }\n";
        var (asContract, _) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, "EventContract", "Plan") });
        var contract = Assert.Single(asContract.Diagnostics);
        Assert.Equal(("EC1006", 0), (contract.Id, contract.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("tracking-plan.yaml is a tracking plan (a top-level 'events' list or Segment 'rules'), not a vendor contract: list it as a TrackingPlan item", contract.GetMessage(CultureInfo.InvariantCulture));

        // A JSON Schema whose properties include one named "events" is a contract all the same.
        var (schema, _) = GeneratorHarness.Run(new[] { new TestFile("/app/shop.yaml", "type: object\nproperties:\n  events: { type: array }\n", "EventContract", "Shop") });
        Assert.Empty(schema.Diagnostics);

        string openApi = File.ReadAllText(Path.Combine(GeneratorHarness.RepositoryRoot, "schemas", "pushengage.openapi.yaml"));
        var (asPlan, _) = GeneratorHarness.Run(new[] { new TestFile("/app/pushengage.openapi.yaml", openApi, "TrackingPlan") });
        var planDiagnostic = Assert.Single(asPlan.Diagnostics);
        Assert.Equal("EC1006", planDiagnostic.Id);
        Assert.EndsWith("this file is an OpenAPI document: list it as an EventContract item (with Vendor and Operation)", planDiagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Two_plans_with_one_file_name_are_EC1011_until_one_is_named_and_then_both_generate()
    {
        const string web = "events:\n  - name: Web Opened\n    properties: { type: object, properties: { page: { type: string } } }\n";
        const string app = "events:\n  - name: App Opened\n    properties: { type: object, properties: { screen: { type: string } } }\n";

        // The first in ordinal path order is generated; the message names the other by its path, as the file names agree.
        var (clash, _) = GeneratorHarness.Run(new[] { new TestFile("/app/web/tracking-plan.yaml", web, "TrackingPlan"), new TestFile("/app/ios/tracking-plan.yaml", app, "TrackingPlan") });
        var duplicate = Assert.Single(clash.Diagnostics);
        Assert.Equal("EC1011", duplicate.Id);
        Assert.Equal("/app/web/tracking-plan.yaml", duplicate.Location.GetLineSpan().Path);
        Assert.Contains("(/app/ios/tracking-plan.yaml)", duplicate.GetMessage(CultureInfo.InvariantCulture));

        // Vendor metadata names a plan as it names a vendor contract (EC1011's fix): both plans generate and compile.
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/web/tracking-plan.yaml", web, "TrackingPlan"), new TestFile("/app/ios/tracking-plan.yaml", app, "TrackingPlan", Vendor: "Ios") });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Contains("Ios.AppOpened.g.cs", hints);
        Assert.Contains("TrackingPlan.WebOpened.g.cs", hints);
        Assert.Contains("public const string Name = \"Ios\";", PlanSources(result, "Ios."));
    }

    [Fact]
    public void Segment_plan_with_hostile_names_nested_objects_enums_and_nullables_compiles()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/plan.json", SegmentPlan, Kind: "TrackingPlan") });

        var collision = Assert.Single(result.Diagnostics, d => d.Id == "EC1014");
        Assert.Contains("EventCollided2", collision.GetMessage());

        // The enum [a b, A-B, a_b] names its members AB, AB2, AB3, with EC1005 at the two later values.
        Assert.Equal(
            new[] { "AB2", "AB3" },
            result.Diagnostics.Where(d => d.Id == "EC1005").Select(d => d.GetMessage().Split('\'').Reverse().Skip(1).First()));
        Assert.Equal(3, result.Diagnostics.Length);
        Assert.Empty(GeneratorHarness.CompileProblems(output));

        string types = PlanSources(result, "Plan.");
        Assert.Contains("public sealed partial record _42TerribleEventName3", types);
        Assert.Contains("public sealed partial record Class", types);
        Assert.Contains("public required global::Consumer.Contracts.Class.EventKind Event { get; init; }", types);
        Assert.Contains("public bool? _3d { get; init; }", types);
        Assert.Contains("public long? N { get; init; }", types);
        Assert.Contains("global::System.Text.Json.JsonElement? Union { get; init; }", types);
    }

    [Fact]
    public void A_Segment_rule_s_own_definitions_are_found_from_the_rule_as_Segment_reads_each_rule_alone()
    {
        const string plan = """
            {
              "rules": {
                "global": { "type": "object", "properties": { "properties": { "type": "object", "properties": { "tier": { "$ref": "#/definitions/Tier" } } } }, "definitions": { "Tier": { "enum": ["gold"] } } },
                "events": [
                  {
                    "name": "Price Shown",
                    "rules": {
                      "$schema": "http://json-schema.org/draft-07/schema#",
                      "definitions": { "Money": { "type": "object", "required": ["amount"], "properties": { "amount": { "type": "number", "minimum": 0 }, "currency": { "$ref": "#/definitions/Code" } } }, "Code": { "enum": ["USD", "EUR"] } },
                      "type": "object",
                      "properties": { "properties": { "type": "object", "required": ["price"], "properties": { "price": { "$ref": "#/definitions/Money" }, "shared": { "$ref": "#/rules/events/0/rules/definitions/Code" } } } }
                    }
                  },
                  { "name": "Lost", "rules": { "type": "object", "properties": { "properties": { "type": "object", "properties": { "x": { "$ref": "#/definitions/Money" } } } } } }
                ]
              }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/plan.json", plan, Kind: "TrackingPlan") });

        // Only the rule without definitions of its own has nothing to find.
        var unresolved = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1002", unresolved.Id);
        Assert.Equal(13, unresolved.Location.GetLineSpan().StartLinePosition.Line);
        var contract = LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "segment-rule-definitions"), "Price Shown");
        Assert.True(contract.Validate("""{"price":{"amount":1,"currency":"EUR"},"shared":"USD","tier":"gold"}"""u8).IsValid);
        Assert.False(contract.Validate("""{"price":{"amount":-1}}"""u8).IsValid);
        Assert.False(contract.Validate("""{"price":{"amount":1,"currency":"GBP"}}"""u8).IsValid);
        Assert.False(contract.Validate("""{"price":{"amount":1},"shared":"GBP"}"""u8).IsValid);
        Assert.False(contract.Validate("""{"price":{"amount":1},"tier":"silver"}"""u8).IsValid);
    }

    [Fact]
    public void Segment_s_key_annotation_is_an_unknown_keyword_in_a_native_plan()
    {
        const string plan = """
            events:
              - name: Signed Up
                properties: { type: object, properties: { plan: { type: string, key: plan } } }
            """;

        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        Assert.Equal("EC1003", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void An_unknown_event_field_is_reported_where_it_is_written()
    {
        const string plan = """
            events:
              - name: Signed Up
                destinatons: [Userpilot]
            """;

        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1003", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Fact]
    public void An_event_without_a_name_is_EC1013_and_the_rest_is_generated()
    {
        const string plan = """
            events:
              - description: no name here
              - name: Signed Up
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1013", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("record SignedUp"));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_stray_rules_key_on_one_native_event_is_EC1003_and_every_event_keeps_its_properties()
    {
        const string plan = """
            events:
              - name: Mixed Native One
                destinations: [Courier]
                properties:
                  type: object
                  required: [order_id]
                  properties:
                    order_id: { type: string }
              - name: Mixed Native Two
                destinations: [Courier]
                rules: { note: "a stray field" }
                properties:
                  type: object
                  properties:
                    amount: { type: number }
            """;

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan")));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1003", diagnostic.Id);
        Assert.StartsWith("Keyword 'rules' at #/events/1 ", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal((10, 4), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = PlanSources(result, "TrackingPlan.");
        Assert.Contains("public required string OrderId { get; init; }", types);
        Assert.Contains("public decimal? Amount { get; init; }", types);
    }

    [Fact]
    public void A_top_level_events_list_of_Segment_rules_is_still_read_as_Segment()
    {
        // Typewriter's test fixtures write the Segment events at the top level, each with its JSON Schema under 'rules'.
        const string plan = """
            {
              "events": [
                { "name": "Empty Event", "rules": { "type": "object", "properties": { "properties": { "type": "object" } } } },
                {
                  "name": "Order Completed",
                  "description": "A customer paid.",
                  "rules": { "type": "object", "properties": { "properties": { "type": "object", "required": ["total"], "properties": { "total": { "type": "number" } } } } }
                }
              ]
            }
            """;

        Assert.Contains("public required decimal Total { get; init; }", CleanPlanSources("/app/plan.json", plan, "Plan."));
    }

    [Theory]
    [InlineData("tracking-plan.yaml", "events:\n  - name: \"   \"\n    destinations: [Courier]\n  - name: Signed Up\n", 1)]
    [InlineData("tracking-plan.yaml", "events:\n  - name: \"\\t\"\n  - name: Signed Up\n", 1)]
    [InlineData("plan.json", "{ \"rules\": { \"events\": [\n  { \"name\": \" \\u00a0 \", \"rules\": { \"type\": \"object\" } },\n  { \"name\": \"Signed Up\", \"rules\": { \"type\": \"object\" } } ] } }", 1)]
    public void An_event_name_of_only_whitespace_is_EC1013_like_an_empty_one(string fileName, string plan, int line)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/" + fileName, plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1013", diagnostic.Id);
        Assert.Contains("not empty or only whitespace", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("record SignedUp"));
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("Name_00"));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Theory]
    [InlineData("version: 1\nevents:\n  Order Completed:\n    properties: { type: object }\n", 2, "not a mapping")]
    [InlineData("version: 1\nevents:\n", 1, "not null")]
    [InlineData("rules:\n  events: Order Completed\n", 1, "not a single value")]
    public void An_events_key_that_is_not_an_array_is_EC1006_at_its_value(string text, int line, string found)
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", text, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1006", diagnostic.Id);
        Assert.EndsWith("A tracking plan's 'events' must be an array of events ('- name: ...' items), " + found, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("empty.yaml", "")]
    [InlineData("blank.yaml", "   \n\n")]
    [InlineData("comments.yaml", "# every event was removed\n\n")]
    [InlineData("bomonly.json", "\uFEFF")]
    public void An_empty_plan_file_is_EC1006(string fileName, string text)
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/" + fileName, text, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("EC1006", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.DefaultSeverity));
        Assert.Equal(fileName + " is empty: it holds no YAML or JSON document", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("/app/" + fileName, diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void YAML_merge_keys_merge_anchored_entries_and_keys_written_beside_them_win()
    {
        const string plan = """
            x-base: &base
              sku: { type: string }
              qty: { type: integer, minimum: 1 }
            x-more: &more
              sku: { type: integer }
              note: { type: string }
            x-money: &money { type: number, minimum: 0, maximum: 10 }
            events:
              - name: Merge Key Event
                properties:
                  type: object
                  required: [sku]
                  properties:
                    <<: [*base, *more]
                    extra: { type: string }
                    amount: { <<: *money, maximum: 100 }
                    qty: { type: integer, minimum: 2 }
            """;

        // No EC1008 for 'qty' and 'maximum', which override merged keys, and no EC1003 for keys of the anchored mappings.
        string types = CleanPlanSources("/app/tracking-plan.yaml", plan, "TrackingPlan.");

        Assert.Contains("public required string Sku { get; init; }", types);
        Assert.Contains("public long? Qty { get; init; }", types);
        Assert.Contains("public string? Note { get; init; }", types);
        Assert.Contains("public string? Extra { get; init; }", types);
        Assert.Contains("public decimal? Amount { get; init; }", types);
        Assert.DoesNotContain("Name_003C", types);

        // The written 'minimum: 2' of qty and 'maximum: 100' of amount are the ones validated.
        Assert.Contains("= new(2m, null, null, null, null);", types);
        Assert.Contains("= new(0m, 100m, null, null, null);", types);
        Assert.DoesNotContain("10m,", types);
    }

    [Fact]
    public void A_YAML_merge_key_without_a_mapping_is_EC1006_on_the_key_and_the_rest_is_read()
    {
        const string plan = """
            events:
              - name: Order Completed
                properties:
                  type: object
                  properties:
                    <<: 5
                    order_id: { type: string }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1006", diagnostic.Id);
        Assert.Equal("The YAML merge key '<<' takes a mapping (such as an alias *name of one) or a sequence of mappings, not a number; it is ignored", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal((5, 8), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = PlanSources(result, "TrackingPlan.");
        Assert.Contains("public string? OrderId { get; init; }", types);
        Assert.DoesNotContain("Name_003C", types);
    }

    [Fact]
    public void Segment_public_api_plan_track_rules_become_events_and_other_rules_are_not_events()
    {
        const string plan = """
            {
              "trackingPlan": {
                "name": "Shop",
                "rules": [
                  { "type": "IDENTIFY", "key": null, "version": 1, "jsonSchema": { "type": "object", "properties": { "traits": { "type": "object" } } } },
                  {
                    "type": "TRACK",
                    "key": "Order Completed",
                    "version": 1,
                    "jsonSchema": {
                      "description": "A customer paid.",
                      "type": "object",
                      "properties": {
                        "context": {},
                        "properties": { "type": "object", "required": ["order_id"], "properties": { "order_id": { "type": "string" } } }
                      }
                    }
                  }
                ]
              }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/segment-plan.json", plan, Kind: "TrackingPlan") });

        // The identify rule is said to be left out, on its type.
        var skipped = Assert.Single(result.Diagnostics);
        Assert.Equal(("EC1017", DiagnosticSeverity.Info), (skipped.Id, skipped.Severity));
        Assert.Equal("Rule #/trackingPlan/rules/0 of the tracking plan describes 'IDENTIFY' calls, not a track event; it is not generated", skipped.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(4, skipped.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = PlanSources(result, "SegmentPlan.");
        Assert.Contains("public const string EventName = \"Order Completed\";", types);
        Assert.Contains("public required string OrderId { get; init; }", types);
        Assert.Contains("A customer paid.", types);
    }

    [Fact]
    public void Typewriter_plan_json_rules_hold_the_event_properties_schema_itself()
    {
        // The shape `typewriter` 8 and later writes to plan.json (this one trimmed from MetaMask's): the rule's jsonSchema
        // is the event properties' schema, marked with eventMetadata, not the call's with them at properties.properties.
        const string plan = """
            {
              "id": "tp_2Nlh0KY5PSm8tOaeq8bBFAwgRjv",
              "name": "Demo Test",
              "rules": [
                {
                  "jsonSchema": {
                    "$id": "Signature_Approved_(TEST)",
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "description": "signing a lovely transaction",
                    "eventMetadata": { "name": "Signature Approved (TEST)", "type": "TRACK" },
                    "labels": { "team": "wallet" },
                    "properties": {
                      "account_name": { "description": "The account name", "type": ["string"] },
                      "is_third_party": { "type": ["boolean"] },
                      "properties": { "type": ["string"] },
                      "role": { "enum": ["Admin", "Member"], "type": ["string"] }
                    },
                    "required": ["account_name"],
                    "type": "object"
                  },
                  "key": "Signature Approved (TEST)",
                  "type": "TRACK",
                  "version": 1
                },
                {
                  "jsonSchema": { "$schema": "http://json-schema.org/draft-07/schema#", "eventMetadata": { "name": "Empty", "type": "TRACK" }, "properties": {}, "type": "object" },
                  "key": "Empty",
                  "type": "TRACK",
                  "version": 1
                }
              ]
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/plan.json", plan, Kind: "TrackingPlan") });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = PlanSources(result, "Plan.");
        Assert.Contains("public required string AccountName { get; init; }", types);
        Assert.Contains("public bool? IsThirdParty { get; init; }", types);
        Assert.Contains("public string? Properties { get; init; }", types);
        Assert.Contains("signing a lovely transaction", types);
        var assembly = LoadedRecord.LoadAssembly(output, "typewriter-plan-json");
        var approved = LoadedRecord.Contract(assembly, "Signature Approved (TEST)");
        Assert.True(approved.Validate("""{"account_name":"a","is_third_party":false,"properties":"p","role":"Admin"}"""u8).IsValid);
        Assert.Equal(
            new[] { "type", "enum", "required" },
            approved.Validate("""{"is_third_party":"no","role":"Superuser"}"""u8).Errors.Select(e => e.Keyword));
        Assert.True(LoadedRecord.Contract(assembly, "Empty").Validate("""{"any":1}"""u8).IsValid);
    }

    [Fact]
    public void A_config_api_rules_object_saved_as_the_whole_file_applies_its_global_rule_and_reports_its_other_calls()
    {
        // uswitch/terraform-provider-segment keeps each event library as the rules object alone.
        const string plan = """
            {
              "global": { "properties": { "properties": { "type": "object", "required": ["site"], "properties": { "site": { "type": "string" } } } } },
              "events": [
                { "name": "Form Submitted", "rules": { "properties": { "properties": { "type": "object", "properties": { "form_id": { "type": "string" } } } } } }
              ],
              "identify": { "properties": { "traits": { "type": "object" } } }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/form_events.json", plan, Kind: "TrackingPlan") });

        var skipped = Assert.Single(result.Diagnostics);
        Assert.Equal("Rule #/identify of the tracking plan describes 'identify' calls, not a track event; it is not generated", skipped.GetMessage(CultureInfo.InvariantCulture));
        var submitted = LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "root-rules"), "Form Submitted");
        Assert.True(submitted.Validate("""{"form_id":"f-1","site":"uk"}"""u8).IsValid);
        Assert.Equal(new[] { "required" }, submitted.Validate("""{"form_id":"f-1"}"""u8).Errors.Select(e => e.Keyword));
    }

    [Fact]
    public void A_member_s_docs_name_the_validation_keywords_its_declaration_states()
    {
        // Through a $ref wrapper with a keyword of its own, with an array's item keywords; a C# enum's members are its values.
        const string plan = """
            events:
              - name: Order Completed
                properties:
                  type: object
                  properties:
                    order_id: { $ref: "#/definitions/OrderId", maxLength: 32 }
                    tags: { type: array, maxItems: 5, uniqueItems: true, items: { type: string, minLength: 1, pattern: "^[a-z<]+$" } }
                    channel: { type: string, enum: [web, ios] }
                    code: { enum: [1, "a"] }
                    note: { type: string }
            definitions:
              OrderId: { type: string, pattern: "^o-" }
            """;

        string types = CleanPlanSources("/app/tracking-plan.yaml", plan, "TrackingPlan.");

        Assert.Contains("/// <remarks>Wire name <c>order_id</c>; optional, omitted when null. Declared with maxLength <c>32</c>, pattern <c>^o-</c>.</remarks>", types);
        Assert.Contains("/// <remarks>Wire name <c>tags</c>; optional, omitted when null. Declared with maxItems <c>5</c>, uniqueItems <c>true</c>, items minLength <c>1</c>, items pattern <c>^[a-z&lt;]+$</c>.</remarks>", types);
        Assert.Contains("/// <remarks>Wire name <c>channel</c>; optional, omitted when null.</remarks>", types);
        Assert.Contains("/// <remarks>Wire name <c>code</c>; optional, omitted when null. Declared with enum <c>1, \"a\"</c>.</remarks>", types);
        Assert.Contains("/// <remarks>Wire name <c>note</c>; optional, omitted when null.</remarks>", types);
    }

    [Fact]
    public void Segment_public_api_common_rule_properties_are_every_track_event_s_too()
    {
        // Segment validates a track call against its event's rule and the COMMON rule: the record has both's properties.
        const string plan = """
            {
              "rules": [
                {
                  "type": "COMMON", "key": null, "version": 1,
                  "jsonSchema": { "type": "object", "properties": { "properties": { "type": "object", "required": ["app_version"], "properties": { "app_version": { "type": "string", "pattern": "^[0-9.]+$" } } } } }
                },
                { "type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": { "properties": { "properties": { "type": "object", "required": ["order_id"], "properties": { "order_id": { "type": "string" } } } } } },
                { "type": "TRACK", "key": "App Opened", "version": 1, "jsonSchema": { "properties": {} } }
              ]
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/segment-plan.json", plan, Kind: "TrackingPlan") });

        Assert.Empty(result.Diagnostics);
        string types = PlanSources(result, "SegmentPlan.");
        Assert.Equal(2, types.Split("public required string AppVersion { get; init; }").Length - 1);
        Assert.Contains("public required string OrderId { get; init; }", types);
        var assembly = LoadedRecord.LoadAssembly(output, "segment-common");
        var order = LoadedRecord.Contract(assembly, "Order Completed");
        Assert.True(order.Validate("""{"order_id":"o-1","app_version":"1.2"}"""u8).IsValid);
        Assert.Equal(new[] { "pattern" }, order.Validate("""{"order_id":"o-1","app_version":"one"}"""u8).Errors.Select(e => e.Keyword));
        Assert.Equal(new[] { "required" }, LoadedRecord.Contract(assembly, "App Opened").Validate("""{}"""u8).Errors.Select(e => e.Keyword));
    }

    [Fact]
    public void Segment_config_api_global_properties_are_every_event_s_too_and_identify_and_group_rules_are_EC1017()
    {
        const string plan = """
            {
              "display_name": "Shop",
              "rules": {
                "global": { "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": { "context": {}, "properties": { "type": "object", "properties": { "platform": { "type": "string", "enum": ["web", "ios"] } } } } },
                "events": [
                  { "name": "Order Completed", "rules": { "properties": { "properties": { "type": "object", "properties": { "total": { "type": "number" } } } } } }
                ],
                "identify": { "properties": { "traits": { "type": "object" } } },
                "group_traits": [],
                "identify_traits": [ { "key": "email", "type": "string" } ]
              }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/config-plan.json", plan, Kind: "TrackingPlan") });

        // Rules of other calls that say something are said to be left out; an empty list says nothing.
        Assert.All(result.Diagnostics, d => Assert.Equal(("EC1017", DiagnosticSeverity.Info), (d.Id, d.Severity)));
        Assert.Equal(
            new[] { "Rule #/rules/identify of the tracking plan describes 'identify' calls, not a track event; it is not generated", "Rule #/rules/identify_traits of the tracking plan describes 'identify' calls, not a track event; it is not generated" },
            result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        string types = PlanSources(result, "ConfigPlan.");
        Assert.Contains("public decimal? Total { get; init; }", types);
        Assert.Contains("Platform", types);
        var order = LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "segment-global"), "Order Completed");
        Assert.True(order.Validate("""{"total":5,"platform":"ios"}"""u8).IsValid);

        // The event's schema and the global one both ask for an object: a value that is none gets that error once.
        Assert.Equal(new[] { ("", "type") }, order.Validate("[]"u8).Errors.Select(e => (e.Path, e.Keyword)));
        Assert.Equal(new[] { "enum" }, order.Validate("""{"total":5,"platform":"android"}"""u8).Errors.Select(e => e.Keyword));
    }

    [Fact]
    public void RudderTyper_plan_track_rules_become_events_and_identify_page_screen_group_rules_are_EC1017()
    {
        // RudderTyper exports every rule of a plan; the non-track ones have an empty name and their own eventType.
        const string plan = """
            {
              "rules": {
                "events": [
                  { "name": "", "eventType": "identify", "rules": { "type": "object", "properties": { "traits": { "type": "object" } } } },
                  { "name": "", "eventType": "page", "rules": { "type": "object" } },
                  { "name": "", "eventType": "screen", "rules": { "type": "object" } },
                  { "name": "", "eventType": "group", "rules": { "type": "object" } },
                  {
                    "name": "Order Completed",
                    "eventType": "track",
                    "rules": { "type": "object", "properties": { "properties": { "type": "object", "properties": { "total": { "type": "number" } } } } }
                  }
                ]
              }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/rudder-plan.json", plan, Kind: "TrackingPlan") });

        Assert.All(result.Diagnostics, d => Assert.Equal(("EC1017", DiagnosticSeverity.Info), (d.Id, d.Severity)));
        Assert.Equal(
            new[] { "identify", "page", "screen", "group" },
            result.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[1]));
        Assert.Equal(new[] { 3, 4, 5, 6 }, result.Diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(l => l));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = PlanSources(result, "RudderPlan.");
        Assert.Contains("public const string EventName = \"Order Completed\";", types);
        Assert.Contains("public decimal? Total { get; init; }", types);
    }

    [Fact]
    public void Event_file_names_stay_unique_when_type_names_differ_only_in_case()
    {
        // ORDERCompleted is renamed (EC1014: it differs from OrderCompleted only in case), and an event may be called
        // Shared, the name of the plan's shared file.
        const string plan = """
            events:
              - name: Order Completed
              - name: ORDER completed
              - name: Shared
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan") });

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h.StartsWith("TrackingPlan.", System.StringComparison.Ordinal));
        Assert.Equal(
            new[] { "TrackingPlan.ORDERCompleted2.g.cs", "TrackingPlan.OrderCompleted.g.cs", "TrackingPlan.Shared-2.g.cs", "TrackingPlan.Shared.g.cs" },
            hints.OrderBy(h => h, System.StringComparer.Ordinal));
        Assert.Equal("EC1014", Assert.Single(result.Diagnostics).Id);
        Assert.Contains("public sealed partial record ORDERCompleted2", PlanSource(result, "TrackingPlan.ORDERCompleted2.g.cs"));
        Assert.Contains("public sealed partial record Shared", PlanSource(result, "TrackingPlan.Shared-2.g.cs"));
    }

    [Fact]
    public void Plan_parts_emit_without_warnings_with_documentation_checked()
    {
        // Eight events sharing definitions, beside the vendors: the partial contract class is declared by the
        // shared part (documented, [GeneratedCode] once) and extended by each event's part.
        var (result, output) = HostileCorpus.Run(MutationFuzzTests.Inputs);

        Assert.Null(result.Results.Single().Exception);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "TrackingPlan.PaymentFailed.g.cs");
        Assert.Empty(HostileCorpus.EmitProblems(output));
    }

    private static string PlanSource(GeneratorDriverRunResult result, string hintName)
        => result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>All files of one plan (its shared part and its events), in hint-name order.</summary>
    /// <summary>Generates one plan, which must give no diagnostic and compile, and returns its sources (<see cref="PlanSources"/>).</summary>
    private static string CleanPlanSources(string path, string plan, string prefix)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(path, plan, Kind: "TrackingPlan") });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return PlanSources(result, prefix);
    }

    private static string PlanSources(GeneratorDriverRunResult result, string prefix)
        => string.Concat(result.Results.Single().GeneratedSources
            .Where(s => s.HintName.StartsWith(prefix, System.StringComparison.Ordinal))
            .OrderBy(s => s.HintName, System.StringComparer.Ordinal)
            .Select(s => s.SourceText.ToString()));
}
