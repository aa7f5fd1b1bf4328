using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

public class CrossFileReferenceTests
{
    private const string Main = """
        openapi: 3.1.0
        info: { title: Shop, version: "1" }
        paths:
          /events:
            post:
              operationId: track
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [event, total]
                      properties:
                        event: { type: string }
                        total: { $ref: 'shared/money.yaml#/components/schemas/Money' }
        """;

    private const string Money = """
        components:
          schemas:
            Money:
              type: object
              required: [amount, currency]
              properties:
                amount: { type: number, minimum: 0 }
                currency: { $ref: '#/components/schemas/Currency' }
            Currency: { type: string, pattern: "^[A-Z]{3}$" }
        """;

    [Fact]
    public void A_ref_into_another_file_generates_its_type_and_validator()
    {
        var files = new[]
        {
            new TestFile("/app/contracts/shop.yaml", Main, Vendor: "Shop", Operation: "track"),
            new TestFile("/app/contracts/shared/money.yaml", Money, Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Types.g.cs").SourceText.ToString();
        Assert.Contains("public sealed partial record ShopMoney", types);
        Assert.Contains("public required global::Consumer.Contracts.ShopMoney Total { get; init; }", types);
        string validation = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Validation.g.cs").SourceText.ToString();
        Assert.Contains("\"^[A-Z]{3}$\"", validation);
    }

    [Fact]
    public void Files_whose_paths_differ_only_in_case_are_two_files_and_a_ref_in_another_case_is_EC1002()
    {
        // matrix-org/matrix-analytics-events has PageView.json and pageview.json: each event gets its own schema.
        const string plan = """
            events:
              - name: PageView
                properties: { $ref: "schemas/PageView.json" }
              - name: pageview
                properties: { $ref: "schemas/pageview.json" }
              - name: Call Ended
                properties: { $ref: "schemas/callended.JSON" }
            """;
        var files = new[]
        {
            new TestFile("/app/plan.yaml", plan, Kind: "TrackingPlan"),
            new TestFile("/app/schemas/PageView.json", """{ "type": "object", "properties": { "screen": { "type": "string" } }, "additionalProperties": false }""", Kind: "None"),
            new TestFile("/app/schemas/pageview.json", """{ "type": "object", "properties": { "page": { "type": "string" } } }""", Kind: "None"),
            new TestFile("/app/schemas/CallEnded.json", """{ "type": "object" }""", Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        // The two events' C# names differ only in case, so the second is renamed (EC1014: Pageview2).
        Assert.Equal(new[] { ("EC1014", 3), ("EC1002", 6) }, result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line)).OrderBy(d => d.Line));
        var diagnostic = result.Diagnostics.Single(d => d.Id == "EC1002");
        Assert.Contains("file 'schemas/callended.JSON' is not among the project's AdditionalFiles; 'CallEnded.json' differs only in case (paths are case-sensitive)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        var assembly = LoadedRecord.LoadAssembly(output, "case-sensitive-paths");
        Assert.True(LoadedRecord.Contract(assembly, "PageView").Validate("""{"screen":"home"}"""u8).IsValid);
        Assert.False(LoadedRecord.Contract(assembly, "PageView").Validate("""{"page":"x"}"""u8).IsValid);
        Assert.True(LoadedRecord.Contract(assembly, "pageview").Validate("""{"page":"x"}"""u8).IsValid);
    }

    [Fact]
    public void A_ref_to_a_file_whose_name_holds_a_space_is_resolved_written_plainly_quoted_or_escaped()
    {
        const string plan = """
            events:
              - name: Order Completed
                properties: { $ref: "schemas/order completed.json" }
              - name: Order Refunded
                properties: { $ref: schemas/order%20refunded.json }
              - name: Cart Viewed
                properties:
                  $ref: schemas/cart viewed.json   # a YAML plain scalar may hold spaces
            """;
        var files = new[]
        {
            new TestFile("/app/plan.yaml", plan, Kind: "TrackingPlan"),
            new TestFile("/app/schemas/order completed.json", """{ "type": "object", "properties": { "order_id": { "type": "string" } } }""", Kind: "None"),
            new TestFile("/app/schemas/order refunded.json", """{ "type": "object", "properties": { "refund_id": { "type": "string" } } }""", Kind: "None"),
            new TestFile("/app/schemas/cart viewed.json", """{ "type": "object", "properties": { "cart_id": { "type": "string" } } }""", Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var assembly = LoadedRecord.LoadAssembly(output, "spaces-in-paths");
        Assert.False(LoadedRecord.Contract(assembly, "Order Completed").Validate("""{"order_id":1}"""u8).IsValid);
        Assert.False(LoadedRecord.Contract(assembly, "Order Refunded").Validate("""{"refund_id":1}"""u8).IsValid);
        Assert.False(LoadedRecord.Contract(assembly, "Cart Viewed").Validate("""{"cart_id":1}"""u8).IsValid);
    }

    [Fact]
    public void A_ref_to_a_file_that_is_not_an_additional_file_is_EC1002_at_the_ref()
    {
        var files = new[] { new TestFile("/app/contracts/shop.yaml", Main, Vendor: "Shop", Operation: "track") };

        var (result, output) = GeneratorHarness.Run(files);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1002", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/app/contracts/shop.yaml", span.Path);
        Assert.Equal(14, span.StartLinePosition.Line);
        Assert.Equal(31, span.StartLinePosition.Character);
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => p.StartsWith("CS"));
    }

    [Fact]
    public void Referenced_file_content_is_part_of_the_generated_contract()
    {
        var main = new TestFile("/app/contracts/shop.yaml", Main, Vendor: "Shop", Operation: "track");
        var money = new TestFile("/app/contracts/shared/money.yaml", Money, Kind: "None");
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(new[] { main, money }).RunGenerators(compilation);

        var edited = money with { Text = Money.Replace("minimum: 0", "minimum: 1") };
        var oldText = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Validation.g.cs").SourceText.ToString();
        driver = GeneratorHarness.CreateDriver(new[] { main, edited }).RunGenerators(compilation);
        var newText = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Validation.g.cs").SourceText.ToString();

        Assert.Contains("new(1m, null, null, null, null)", newText);
        Assert.DoesNotContain("new(1m, null, null, null, null)", oldText);
    }
}
