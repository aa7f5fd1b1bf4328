using System.Globalization;
using System.Linq;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// <c>$ref</c> by schema identifier: an <c>$id</c> sets the base URI its subschemas' references resolve against (an
/// embedded schema resource), and <c>$anchor</c> (or <c>$dynamicAnchor</c>, or draft 7's <c>"$id": "#name"</c>) names a
/// schema a fragment can point to. The generated code is compiled, loaded and run.
/// </summary>
public class SchemaIdentifierTests
{
    [Fact]
    public void A_ref_by_the_root_id_with_a_pointer_resolves_in_the_document()
    {
        var record = LoadedRecord.Load("""
            $id: https://example.com/schemas/shop.json
            type: object
            properties:
              total: { $ref: "https://example.com/schemas/shop.json#/$defs/money" }
              tax: { $ref: "shop.json#/$defs/money" }
              fee: { $ref: "#/$defs/money" }
            $defs:
              money: { type: number, minimum: 0 }
            """);

        Verdicts(record, new[] { """{"total":1,"tax":2,"fee":3}""" }, new[] { """{"total":-1}""", """{"tax":-1}""", """{"fee":"x"}""" });
    }

    [Fact]
    public void A_fragment_inside_an_embedded_resource_is_read_from_that_resource()
    {
        // item.json's "#/$defs/sku" is its own $defs/sku (a short string), not the document's (an integer).
        var record = LoadedRecord.Load("""
            $id: https://example.com/root.json
            type: object
            properties:
              item: { $ref: item.json }
              code: { $ref: "#/$defs/sku" }
            $defs:
              item:
                $id: item.json
                type: object
                properties:
                  sku: { $ref: "#/$defs/sku" }
                $defs:
                  sku: { type: string, maxLength: 3 }
              sku: { type: integer }
            """);

        Verdicts(record, new[] { """{"item":{"sku":"abc"},"code":7}""" }, new[] { """{"item":{"sku":"abcd"}}""", """{"item":{"sku":1}}""", """{"code":"abc"}""" });
    }

    [Fact]
    public void Anchors_resolve_in_their_resource_under_a_urn_base()
    {
        var record = LoadedRecord.Load("""
            $id: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed"
            type: object
            properties:
              name: { $ref: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/name" }
              count: { $ref: "#count" }
              level: { $ref: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#level" }
            $defs:
              name: { type: string }
              count: { $anchor: count, type: integer, minimum: 1 }
              level: { $dynamicAnchor: level, enum: [low, high] }
            """);

        Verdicts(record, new[] { """{"name":"a","count":2,"level":"low"}""" }, new[] { """{"name":1}""", """{"count":0}""", """{"level":"mid"}""" });
    }

    [Fact]
    public void An_anchor_without_any_id_names_a_schema_of_its_document()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              country: { $ref: "#iso" }
            $defs:
              c: { $anchor: iso, type: string, pattern: "^[A-Z]{2}$" }
            """);

        Verdicts(record, new[] { """{"country":"NL"}""" }, new[] { """{"country":"nl"}""" });
    }

    [Fact]
    public void In_draft_7_an_id_beside_a_ref_sets_no_base_and_an_id_fragment_is_an_anchor()
    {
        // The allOf's $ref resolves against the root's base (…/base/foo.json, a number), not the $id beside it
        // (which would make it …/foo.json, a string). "#pos" is draft 7's spelling of an anchor.
        var record = LoadedRecord.Load("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "$id": "http://localhost:1234/sibling_id/base/",
              "type": "object",
              "properties": {
                "v": { "allOf": [ { "$id": "http://localhost:1234/sibling_id/", "$ref": "foo.json" } ] },
                "n": { "$ref": "#pos" }
              },
              "definitions": {
                "foo": { "$id": "http://localhost:1234/sibling_id/foo.json", "type": "string" },
                "base_foo": { "$id": "foo.json", "type": "number" },
                "pos": { "$id": "#pos", "type": "integer", "minimum": 1 }
              }
            }
            """);

        Verdicts(record, new[] { """{"v":5,"n":1}""" }, new[] { """{"v":"a"}""", """{"n":0}""" });
    }

    [Fact]
    public void A_dynamic_ref_to_an_anchor_only_one_schema_declares_is_a_ref_and_unevaluated_properties_see_through_it()
    {
        var record = LoadedRecord.Load("""
            $id: https://example.com/tree.json
            type: object
            properties:
              root: { $dynamicRef: "#node" }
              tags:
                type: object
                allOf: [ { $dynamicRef: "#/$defs/tagged" } ]
                unevaluatedProperties: false
            $defs:
              node:
                $dynamicAnchor: node
                type: object
                required: [value]
                properties:
                  value: { type: integer }
                  children: { type: array, items: { $dynamicRef: "#node" } }
              tagged: { properties: { label: { type: string } } }
            """);

        Verdicts(record, new[] { """{"root":{"value":1,"children":[{"value":2,"children":[]}]},"tags":{"label":"x"}}""" }, new[] { """{"root":{"value":1,"children":[{"children":[]}]}}""", """{"root":{"value":"1"}}""", """{"tags":{"label":"x","other":1}}""" });
    }

    [Fact]
    public void A_recursive_ref_that_only_one_recursive_anchor_can_meet_is_a_ref_to_its_resource()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              menu: { $ref: "#/$defs/menu" }
            $defs:
              menu:
                $id: https://example.com/menu.json
                $recursiveAnchor: true
                type: object
                properties:
                  label: { type: string }
                  items: { type: array, items: { $recursiveRef: "#" } }
            """);

        Verdicts(record, new[] { """{"menu":{"label":"a","items":[{"label":"b","items":[]}]}}""" }, new[] { """{"menu":{"label":"a","items":[{"label":2}]}}""" });
    }

    [Fact]
    public void An_anchor_in_another_file_is_found_by_the_file_path()
    {
        var files = new[]
        {
            new TestFile("/app/contracts/shop.yaml", "type: object\nproperties:\n  currency: { $ref: 'shared/codes.yaml#currency' }\n", Vendor: "Shop"),
            new TestFile("/app/contracts/shared/codes.yaml", "$defs:\n  c: { $anchor: currency, type: string, pattern: '^[A-Z]{3}$' }\n", Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("\"^[A-Z]{3}$\"", result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Validation.g.cs").SourceText.ToString());
    }

    [Fact]
    public void A_ref_by_the_id_another_project_file_declares_reads_that_file()
    {
        var files = new[]
        {
            new TestFile("/app/contracts/shop.yaml", "type: object\nproperties:\n  price: { $ref: 'https://acme.example/schemas/money.json#/$defs/amount' }\n  fee: { $ref: 'https://acme.example/schemas/money.json' }\n", Vendor: "Shop"),
            new TestFile("/app/shared/money.json", "{ \"$id\": \"https://acme.example/schemas/money.json\", \"type\": \"number\", \"$defs\": { \"amount\": { \"type\": \"number\", \"minimum\": 0 } } }", Kind: "None"),
            new TestFile("/app/shared/unrelated.yaml", "description: mentions https://acme.example/schemas/money.json without declaring it\n", Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        string types = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Types.g.cs").SourceText.ToString();
        Assert.Contains("public decimal? Price { get; init; }", types);
        Assert.Contains("public decimal? Fee { get; init; }", types);
        var input = Assert.Single(EventContracts.Generators.Reading.ProjectFiles.ReferencedFiles(
            new EventContracts.Generators.Reading.SourceFile(files[0].Path, files[0].Text),
            files.Skip(1).Select(f => new EventContracts.Generators.Reading.SourceFile(f.Path, f.Text)).ToEquatableArray()));
        Assert.Equal("/app/shared/money.json", input.Path);
    }

    [Fact]
    public void A_relative_ref_under_an_id_reads_the_project_file_that_declares_the_uri_it_resolves_to()
    {
        // CDEvents' style: "links/embeddedlinksarray" under $id .../schema/artifact-published is .../schema/links/embeddedlinksarray,
        // which another project file declares; no file has that path.
        var files = new[]
        {
            new TestFile("/app/contracts/event.json", """{"$id":"https://example.com/schema/event","type":"object","properties":{"links":{"$ref":"links/linklist"},"nested":{"$id":"parts/part","type":"object","properties":{"code":{"$ref":"codes"}}}}}""", Vendor: "Shop"),
            new TestFile("/app/contracts/links/linklist.json", """{"$id":"https://example.com/schema/links/linklist","type":"array","items":{"type":"string"}}""", Kind: "None"),
            new TestFile("/app/shared/codes.json", """{"$id":"https://example.com/schema/parts/codes","type":"string","maxLength":3}""", Kind: "None"),
        };

        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var referenced = EventContracts.Generators.Reading.ProjectFiles.ReferencedFiles(
            new EventContracts.Generators.Reading.SourceFile(files[0].Path, files[0].Text),
            files.Skip(1).Select(f => new EventContracts.Generators.Reading.SourceFile(f.Path, f.Text)).ToEquatableArray());
        Assert.Equal(new[] { "/app/contracts/links/linklist.json", "/app/shared/codes.json" }, referenced.Select(f => f.Path).ToArray());

        var record = new LoadedRecord(LoadedRecord.LoadAssembly(output, "relative-ref-under-id").GetType("Consumer.Contracts.ShopRequest", throwOnError: true)!);
        Verdicts(record, new[] { """{"links":["a"],"nested":{"code":"abc"}}""" }, new[] { """{"links":[1]}""", """{"nested":{"code":"abcd"}}""" });
    }

    [Theory]
    [InlineData("#nowhere", "no $anchor (or $dynamicAnchor) named 'nowhere' is declared in the document")]
    [InlineData("https://example.com/other.json", "no schema of this document or the files it refers to has this $id, and remote references are not read")]
    [InlineData("https://example.com/shop.json#/$defs/missing", "'missing' is not found in #/$defs/missing")]
    [InlineData("parts/money", "no project file declares the $id 'https://example.com/parts/money' it resolves to under the enclosing $id, and no file 'parts/money' is among the project's AdditionalFiles")]
    public void A_ref_no_id_or_anchor_resolves_is_EC1002_at_the_ref(string reference, string reason)
    {
        string contract = "$id: https://example.com/shop.json\ntype: object\nproperties:\n  a: { $ref: '" + reference + "' }\n$defs:\n  b: { $anchor: b, type: string }\n";

        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contract, Vendor: "Shop") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1002", diagnostic.Id);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(reason, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    private static void Verdicts(LoadedRecord record, string[] valid, string[] invalid)
    {
        foreach (string json in valid)
        {
            Assert.True(record.IsValid(json), json);
        }

        foreach (string json in invalid)
        {
            Assert.False(record.IsValid(json), json);
        }
    }
}
