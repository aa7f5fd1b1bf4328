using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary><c>Operation="track,batch"</c>: one contract file, one contract per operation.</summary>
public class MultiOperationTests
{
    [Fact]
    public void Each_listed_operation_becomes_its_own_contract()
    {
        var customerIo = GeneratorHarness.BuiltInVendors.Single(v => v.Vendor == "CustomerIo") with { Operation = "track, batch" };

        var (result, output) = GeneratorHarness.Run(new[] { customerIo });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("CustomerIo.Profile.g.cs", hints);
        Assert.Contains("CustomerIoBatch.Profile.g.cs", hints);
        string batchProfile = result.Results.Single().GeneratedSources.Single(s => s.HintName == "CustomerIoBatch.Profile.g.cs").SourceText.ToString();
        Assert.Contains("\"/batch\"", batchProfile);
        Assert.Contains("\"batch\",", batchProfile);
        Assert.Contains("500000,", batchProfile);
        Assert.Contains("propertiesAcceptAnyObject: false,", batchProfile);
        Assert.Contains("identityRequired: false);", batchProfile);
        string catalog = result.Results.Single().GeneratedSources.Single(s => s.HintName == "EventContractCatalog.g.cs").SourceText.ToString();
        Assert.Contains("\"CustomerIoBatch\"", catalog);
    }

    [Fact]
    public void A_problem_in_a_schema_the_operations_share_is_reported_once()
    {
        const string contract = """
            openapi: 3.0.3
            info: { title: Shop, version: "1" }
            paths:
              /track:
                post:
                  operationId: track
                  requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Event" } } } }
                  responses: { "202": { description: Accepted } }
              /batch:
                post:
                  operationId: batch
                  requestBody: { content: { application/json: { schema: { type: object, properties: { batch: { type: array, items: { $ref: "#/components/schemas/Event" } } } } } } }
                  responses: { "202": { description: Accepted } }
            components:
              schemas:
                Event: { type: object, properties: { tier: { type: string, nullable: true, enum: [gold] }, pair: { type: array, maxitems: 2 } } }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contract, "EventContract", "Shop", "track,batch") });

        Assert.Equal(new[] { "EC1003", "EC1022" }, result.Diagnostics.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Later_operations_are_named_after_their_operationId_humps_or_method_and_path()
    {
        const string contract = """
            openapi: 3.0.3
            info: { title: Shop, version: "1" }
            paths:
              /track:
                post:
                  operationId: track
                  requestBody: { content: { application/json: { schema: { type: object, properties: { a: { type: string } } } } } }
                  responses: { "202": { description: Accepted } }
              /automations/invoke:
                post:
                  operationId: automations_invokeAdHocAutomation
                  requestBody: { content: { application/json: { schema: { type: object, properties: { b: { type: string } } } } } }
                  responses: { "202": { description: Accepted } }
              /v1/batch:
                post:
                  requestBody: { content: { application/json: { schema: { type: object, properties: { c: { type: string } } } } } }
                  responses: { "202": { description: Accepted } }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contract, "EventContract", "Shop", "track,automations_invokeAdHocAutomation,POST /v1/batch") });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var profiles = result.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h.EndsWith(".Profile.g.cs", System.StringComparison.Ordinal)).OrderBy(h => h, System.StringComparer.Ordinal);
        Assert.Equal(new[] { "Shop.Profile.g.cs", "ShopAutomationsInvokeAdHocAutomation.Profile.g.cs", "ShopPostV1Batch.Profile.g.cs" }, profiles);
    }

    [Fact]
    public void An_unknown_operation_in_the_list_is_EC1004_and_the_others_are_generated()
    {
        var customerIo = GeneratorHarness.BuiltInVendors.Single(v => v.Vendor == "CustomerIo") with { Operation = "track,nope" };

        var (result, output) = GeneratorHarness.Run(new[] { customerIo });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.Contains("'nope'", diagnostic.GetMessage());
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "CustomerIo.Profile.g.cs");
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => p.StartsWith("CS"));
    }
}
