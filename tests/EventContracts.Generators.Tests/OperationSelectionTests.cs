using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>Which operation of a document the <c>Operation</c> metadata selects, and what is said when that is not clear.</summary>
public class OperationSelectionTests
{
    private const string Path = "/app/contracts/acme.yaml";

    // Two paths that differ only in case: OpenAPI paths are case-sensitive, so these are two operations.
    private const string TwoCases = """
        openapi: 3.0.3
        info: { title: Acme, version: "1" }
        paths:
          /Events:
            post:
              operationId: legacyTrack
              requestBody:
                content:
                  application/json:
                    schema: { type: object, required: [legacy_id], properties: { legacy_id: { type: string } } }
              responses: { "200": { description: ok } }
          /events:
            post:
              operationId: track
              requestBody:
                content:
                  application/json:
                    schema: { type: object, required: [name], properties: { name: { type: string } } }
              responses: { "200": { description: ok } }
        """;

    // operationIds must be unique, but real documents break that.
    private const string DuplicateId = """
        openapi: 3.0.3
        info: { title: Acme, version: "1" }
        paths:
          /dup:
            post:
              operationId: dupId
              requestBody: { content: { application/json: { schema: { type: object, properties: { first: { type: string } } } } } }
              responses: { "200": { description: ok } }
          /dup2:
            post:
              operationId: dupId
              requestBody: { content: { application/json: { schema: { type: object, properties: { second: { type: string } } } } } }
              responses: { "200": { description: ok } }
          /other:
            post:
              operationId: other
              requestBody: { content: { application/json: { schema: { type: object } } } }
              responses: { "200": { description: ok } }
        """;

    [Theory]
    [InlineData("POST /events", "Name")]
    [InlineData("post /events", "Name")]
    [InlineData("POST /Events", "LegacyId")]
    [InlineData("Post /Events", "LegacyId")]
    public void A_method_and_path_selects_the_path_in_its_exact_case_and_the_method_in_any(string operation, string member)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(Path, TwoCases, "EventContract", "Acme", operation) });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var request = output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".AcmeRequest")!;
        Assert.Equal(new[] { member }, request.GetMembers().OfType<Microsoft.CodeAnalysis.IPropertySymbol>().Select(p => p.Name).Where(n => n is "Name" or "LegacyId"));
    }

    [Fact]
    public void A_path_in_another_case_is_not_in_the_document()
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, TwoCases, "EventContract", "Acme", "POST /EVENTS") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.Contains("Operation 'POST /EVENTS' is not in acme.yaml; operations with a JSON request body: legacyTrack, track", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_Operation_metadata_a_document_with_several_request_bodies_says_so_and_lists_them()
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, TwoCases, "EventContract", "Acme") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.Equal(
            "acme.yaml has more than one operation with a JSON request body and the item has no Operation metadata to say which one tracks the event; operations with a JSON request body: legacyTrack, track",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("POST /audiences/{id}/contacts", "POST /audiences/{audience_id}/contacts")]
    [InlineData("post /audiences/{audienceId}/contacts", "POST /audiences/{audience_id}/contacts")]
    [InlineData("POST /v1/evnts", "POST /v1/events")]
    public void A_method_and_path_that_is_not_there_is_EC1004_suggesting_the_path_with_other_parameter_names_or_the_closest(string operation, string suggestion)
    {
        const string Document = """
            openapi: 3.0.3
            info: { title: Acme, version: "1" }
            paths:
              /audiences/{audience_id}/contacts:
                post:
                  operationId: createContact
                  requestBody: { content: { application/json: { schema: { type: object } } } }
                  responses: { "200": { description: ok } }
              /v1/events:
                post:
                  operationId: track
                  requestBody: { content: { application/json: { schema: { type: object } } } }
                  responses: { "200": { description: ok } }
            """;

        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, Document, "EventContract", "Acme", operation) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.EndsWith("operations with a JSON request body: createContact, track; did you mean '" + suggestion + "'?", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_without_a_request_body_is_EC1006_alone_and_validates_any_value()
    {
        const string Document = """
            openapi: 3.0.3
            info: { title: Acme, version: "1" }
            paths:
              /ping:
                post:
                  operationId: ping
                  responses: { "200": { description: ok } }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(Path, Document, "EventContract", "Acme", "ping") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1006", diagnostic.Id);
        Assert.Equal("Operation POST /ping has no JSON request body schema; its requests are validated as any JSON value", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.True(LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "no-body"), "Acme").Validate("[1]"u8).IsValid);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(" , ,")]
    [InlineData(";")]
    public void An_operation_list_of_only_commas_is_EC1004_not_nothing(string operation)
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, TwoCases, "EventContract", "Acme", operation) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.Contains("Operation '" + operation.Trim() + "' is not in acme.yaml; operations with a JSON request body: legacyTrack, track", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.StartsWith("Acme", StringComparison.Ordinal));
    }

    [Fact]
    public void EC1004_lists_twelve_operations_says_how_many_more_and_suggests_the_closest()
    {
        // Mixpanel's ingestion document has 19 operations with a JSON body: the list said nothing of the 7 it left out.
        string document = "openapi: 3.0.3\ninfo: { title: Acme, version: \"1\" }\npaths:\n" + string.Concat(Enumerable.Range(1, 14).Select(i => $$"""
              /op{{i}}:
                post:
                  operationId: operation-{{i}}
                  requestBody: { content: { application/json: { schema: { type: object } } } }
                  responses: { "200": { description: ok } }

            """));

        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, document, "EventContract", "Acme", "operation-14x") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.EndsWith(
            "operations with a JSON request body: " + string.Join(", ", Enumerable.Range(1, 12).Select(i => "operation-" + i.ToString(CultureInfo.InvariantCulture))) + " and 2 more; did you mean 'operation-14'?",
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_media_type_example_null_is_no_example_and_documented_examples_are_kept_the_schema_s_own_without_them()
    {
        // swagger-core writes "example": null on every operation it has no example for (HubSpot's documents).
        const string document = """
            {
              "openapi": "3.0.1",
              "info": { "title": "Acme", "version": "1" },
              "paths": {
                "/send": { "post": { "operationId": "send", "requestBody": { "content": { "application/json": {
                  "schema": { "type": "object", "properties": { "name": { "type": "string" } } }, "example": null } } },
                  "responses": { "204": { "description": "ok" } } } },
                "/other": { "post": { "operationId": "other", "requestBody": { "content": { "application/json": {
                  "schema": { "type": "object", "example": { "b": 2 } }, "examples": { "minimal": { "value": { "a": 1 } } } } } },
                  "responses": { "204": { "description": "ok" } } } },
                "/schema": { "post": { "operationId": "onSchema", "requestBody": { "content": { "application/json": {
                  "schema": { "$ref": "#/components/schemas/Trigger" } } } },
                  "responses": { "204": { "description": "ok" } } } }
              },
              "components": { "schemas": { "Trigger": { "type": "object", "example": { "recipients": ["u-1"] } } } }
            }
            """;

        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/acme.json", document, "EventContract", "Acme", "send,other,onSchema") });

        // The two bodies that declare no properties have no typed request, and say so.
        Assert.Equal(new[] { "EC1024", "EC1024" }, result.Diagnostics.Select(d => d.Id));
        var assembly = LoadedRecord.LoadAssembly(output, "example-null");
        Assert.Empty(LoadedRecord.Contract(assembly, "Acme").Examples);
        var example = Assert.Single(LoadedRecord.Contract(assembly, "AcmeOther").Examples);
        Assert.Equal(("minimal", "{\"a\":1}"), (example.Name, example.Json));

        // Without one on the media type, the body schema's own (Knock's documents put them there).
        var onSchema = Assert.Single(LoadedRecord.Contract(assembly, "AcmeOnSchema").Examples);
        Assert.Equal(("example", "{\"recipients\":[\"u-1\"]}"), (onSchema.Name, onSchema.Json));
    }

    [Fact]
    public void Empty_entries_of_an_operation_list_are_skipped()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(Path, TwoCases, "EventContract", "Acme", "track,, legacyTrack,") });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("Acme.Types.g.cs", hints);
        Assert.Contains("AcmeLegacyTrack.Types.g.cs", hints);
    }

    [Fact]
    public void A_duplicated_operationId_is_EC1018_at_the_second_one_and_the_first_operation_is_generated()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(Path, DuplicateId, "EventContract", "Acme", "dupId") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1018", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal(
            "Operation 'dupId' names more than one operation in acme.yaml (POST /dup, POST /dup2), but an operationId must be unique; POST /dup is generated. Select one by method and path instead, for example Operation=\"POST /dup2\"",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.Equal((10, 6), (span.StartLinePosition.Line, span.StartLinePosition.Character));

        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var request = output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".AcmeRequest")!;
        Assert.NotEmpty(request.GetMembers("First"));
    }

    [Fact]
    public void Operations_that_share_an_operationId_are_selected_by_method_and_path_without_a_warning()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile(Path, DuplicateId, "EventContract", "Acme", "POST /dup2") });

        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".AcmeRequest")!.GetMembers("Second"));
    }

    [Fact]
    public void EC1004_lists_operations_that_share_an_operationId_by_method_and_path_once_each()
    {
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile(Path, DuplicateId, "EventContract", "Acme", "nope") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.EndsWith("operations with a JSON request body: POST /dup, POST /dup2, other", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
