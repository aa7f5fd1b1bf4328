using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// <c>unevaluatedProperties</c> and <c>unevaluatedItems</c> as JSON Schema 2020-12 defines them (core §11): a member is
/// evaluated when <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>, <c>prefixItems</c>,
/// <c>items</c>, <c>contains</c> or an <c>unevaluated*</c> keyword of the schema, or of a subschema applied to the same
/// value that passed (<c>allOf</c>, <c>$ref</c>, the passing <c>anyOf</c>/<c>oneOf</c> branches, a matching <c>if</c>
/// with its <c>then</c>, else <c>else</c>, the <c>dependentSchemas</c> whose name is present), evaluated it. One
/// contract with a property per case, generated, compiled and run: each payload gets the same verdict from the JSON
/// validator and from the typed <c>Validate()</c> of the record it reads into, and valid ones read and write back
/// unchanged.
/// </summary>
public class UnevaluatedKeywordTests
{
    private const string Contract = """
        type: object
        allOf:
          - $ref: '#/$defs/Base'
        anyOf:
          - { properties: { coupon: { type: string } }, required: [coupon] }
          - { properties: { voucher: { type: integer, minimum: 0 } }, required: [voucher] }
          - { properties: { free: { const: true } }, required: [free] }
        properties:
          composed:
            type: object
            allOf:
              - properties: { a: { type: string } }
              - $ref: '#/$defs/Named'
            unevaluatedProperties: false
          either:
            type: object
            anyOf:
              - { properties: { kind: { const: card }, last4: { type: string } }, required: [kind] }
              - { properties: { kind: { const: bank }, iban: { type: string } }, required: [kind] }
            unevaluatedProperties: false
          one:
            type: object
            oneOf:
              - { properties: { x: { type: integer } }, required: [x] }
              - { properties: { y: { type: integer, minimum: 0 } }, required: [y] }
            unevaluatedProperties: false
          conditional:
            type: object
            properties: { kind: { type: string } }
            if: { properties: { kind: { const: a } }, required: [kind] }
            then: { properties: { alpha: { type: integer } } }
            else: { properties: { other: { type: boolean } } }
            unevaluatedProperties: false
          onlyIf:
            type: object
            if: { properties: { probe: { const: 1 } }, required: [probe] }
            unevaluatedProperties: false
          ifInBranch:
            type: object
            allOf: [ { if: { properties: { probe: { const: 1 } }, required: [probe] } } ]
            unevaluatedProperties: false
          dependent:
            type: object
            properties: { card: { type: string } }
            dependentSchemas:
              card: { properties: { billing: { type: string } } }
            unevaluatedProperties: false
          patterned:
            type: object
            properties: { name: { type: string } }
            patternProperties: { "^x-": { type: string } }
            unevaluatedProperties: { type: integer, minimum: 0 }
          opened:
            type: object
            allOf: [ { additionalProperties: { type: string } } ]
            unevaluatedProperties: false
          innerTrue:
            type: object
            allOf: [ { properties: { a: { type: string } }, unevaluatedProperties: true } ]
            unevaluatedProperties: false
          notBranch:
            type: object
            not: { not: { properties: { bar: { type: integer } }, required: [bar] } }
            unevaluatedProperties: false
          nested:
            type: object
            properties:
              inner:
                type: object
                properties: { x: { type: integer } }
                unevaluatedProperties: false
              free: { type: object }
            unevaluatedProperties: false
          tuple:
            type: array
            prefixItems: [ { type: string } ]
            unevaluatedItems: false
          tagged:
            type: array
            prefixItems: [ { type: string } ]
            contains: { type: integer }
            unevaluatedItems: { type: boolean }
          layered:
            type: array
            allOf: [ { prefixItems: [ { type: string }, { type: string } ] } ]
            anyOf:
              - prefixItems: [ true, true, { const: x } ]
              - prefixItems: [ true, true, { const: y }, { const: z } ]
            unevaluatedItems: false
          rest:
            type: array
            allOf: [ { items: { type: integer } } ]
            unevaluatedItems: false
        unevaluatedProperties: false
        $defs:
          Base:
            properties:
              orderId: { type: string }
          Named:
            properties: { name: { type: string } }
        """;

    private static readonly Lazy<LoadedRecord> s_record = new(() => LoadedRecord.Load(Contract));

    [Theory]

    // The root: names from the $ref'd Base, its own properties and the passing anyOf branch; others are rejected.
    [InlineData("""{"orderId":"o1","free":true}""", "")]
    [InlineData("""{"orderId":"o1","coupon":"c"}""", "")]
    [InlineData("""{"orderId":"o1","coupon":"c","voucher":-1}""", "/voucher unevaluatedProperties")]
    [InlineData("""{"free":true,"other":1}""", "/other unevaluatedProperties")]

    // allOf: the names of every branch (a, and name through $ref) are evaluated.
    [InlineData("""{"free":true,"composed":{"a":"x","name":"n"}}""", "")]
    [InlineData("""{"free":true,"composed":{"a":"x","b":1}}""", "/composed/b unevaluatedProperties")]

    // anyOf: only the names of the branches that pass.
    [InlineData("""{"free":true,"either":{"kind":"card","last4":"1234"}}""", "")]
    [InlineData("""{"free":true,"either":{"kind":"bank","iban":"DE"}}""", "")]
    [InlineData("""{"free":true,"either":{"kind":"card","iban":"DE"}}""", "/either/iban unevaluatedProperties")]

    // oneOf: the one passing branch's names.
    [InlineData("""{"free":true,"one":{"x":1}}""", "")]
    [InlineData("""{"free":true,"one":{"x":1,"y":-1}}""", "/one/y unevaluatedProperties")]

    // if/then/else: the if's names when it matches, with then's; else's when it does not.
    [InlineData("""{"free":true,"conditional":{"kind":"a","alpha":1}}""", "")]
    [InlineData("""{"free":true,"conditional":{"kind":"b","other":true}}""", "")]
    [InlineData("""{"free":true,"conditional":{"kind":"b","alpha":1}}""", "/conditional/alpha unevaluatedProperties")]
    [InlineData("""{"free":true,"conditional":{"kind":"a","other":true}}""", "/conditional/other unevaluatedProperties")]

    // An if without then/else asserts nothing, but evaluates its names when it matches.
    [InlineData("""{"free":true,"onlyIf":{"probe":1}}""", "")]
    [InlineData("""{"free":true,"onlyIf":{"probe":2}}""", "/onlyIf/probe unevaluatedProperties")]

    [InlineData("""{"free":true,"ifInBranch":{"probe":1}}""", "")]
    [InlineData("""{"free":true,"ifInBranch":{"probe":2}}""", "/ifInBranch/probe unevaluatedProperties")]

    // dependentSchemas: the names of the schemas whose name is present.
    [InlineData("""{"free":true,"dependent":{"card":"c","billing":"b"}}""", "")]
    [InlineData("""{"free":true,"dependent":{"billing":"b"}}""", "/dependent/billing unevaluatedProperties")]

    // patternProperties evaluate what they match; unevaluatedProperties as a schema checks the rest's values.
    [InlineData("""{"free":true,"patterned":{"name":"n","x-a":"s","count":2}}""", "")]
    [InlineData("""{"free":true,"patterned":{"x-a":"s","count":-2}}""", "/patterned/count minimum")]
    [InlineData("""{"free":true,"patterned":{"count":"two"}}""", "/patterned/count type")]

    // additionalProperties in a branch evaluates every name.
    [InlineData("""{"free":true,"opened":{"any":"thing","more":"x"}}""", "")]

    // An inner unevaluatedProperties that passes evaluates the rest for the outer one.
    [InlineData("""{"free":true,"innerTrue":{"a":"x","b":1}}""", "")]

    // not never evaluates anything.
    [InlineData("""{"free":true,"notBranch":{"bar":1}}""", "/notBranch/bar unevaluatedProperties")]
    [InlineData("""{"free":true,"notBranch":{}}""", "/notBranch not")]

    // Nested objects: each object's names are its own.
    [InlineData("""{"free":true,"nested":{"inner":{"x":1},"free":{"y":2}}}""", "")]
    [InlineData("""{"free":true,"nested":{"inner":{"x":1,"y":2}}}""", "/nested/inner/y unevaluatedProperties")]
    [InlineData("""{"free":true,"nested":{"inner":{},"x":1}}""", "/nested/x unevaluatedProperties")]

    // unevaluatedItems after prefixItems.
    [InlineData("""{"free":true,"tuple":["a"]}""", "")]
    [InlineData("""{"free":true,"tuple":["a","b"]}""", "/tuple/1 unevaluatedItems")]

    // contains evaluates the items it matches; the schema checks the rest.
    [InlineData("""{"free":true,"tagged":["a",1,true,2]}""", "")]
    [InlineData("""{"free":true,"tagged":["a",1,"b"]}""", "/tagged/2 type")]

    // Items evaluated by allOf and by the passing anyOf branches.
    [InlineData("""{"free":true,"layered":["a","b","x"]}""", "")]
    [InlineData("""{"free":true,"layered":["a","b","y","z"]}""", "")]
    [InlineData("""{"free":true,"layered":["a","b","x","z"]}""", "/layered/3 unevaluatedItems")]
    [InlineData("""{"free":true,"layered":["a","b","q"]}""", "/layered anyOf, /layered/2 unevaluatedItems")]

    // items evaluates every item.
    [InlineData("""{"free":true,"rest":[1,2,3]}""", "")]
    public void The_json_and_the_typed_record_get_the_schemas_verdict(string json, string errors)
    {
        var record = s_record.Value;
        Assert.Equal(errors, string.Join(", ", record.Validate(json).Errors.Select(e => e.Path + " " + e.Keyword)));
        Assert.Equal(errors, string.Join(", ", record.ValidateTyped(record.Read(json)).Errors.Select(e => e.Path + " " + e.Keyword)));
    }

    [Theory]
    [InlineData("""{"orderId":"o1","coupon":"c"}""")]
    [InlineData("""{"composed":{"a":"x","name":"n"},"free":true}""")]
    [InlineData("""{"either":{"kind":"bank","iban":"DE"},"free":true}""")]
    [InlineData("""{"conditional":{"kind":"a","alpha":1},"free":true}""")]
    [InlineData("""{"dependent":{"card":"c","billing":"b"},"free":true}""")]
    [InlineData("""{"patterned":{"name":"n","x-a":"s","count":2},"free":true}""")]
    [InlineData("""{"tagged":["a",1,true,2],"free":true}""")]
    [InlineData("""{"layered":["a","b","y","z"],"free":true}""")]
    public void Valid_json_reads_into_the_record_and_is_written_back_unchanged(string json) => s_record.Value.RoundTrips(json);

    [Fact]
    public void A_name_only_a_branch_evaluates_is_kept_and_an_unknown_one_added_to_the_record_is_rejected_typed()
    {
        var record = s_record.Value;
        object read = record.Read("""{"voucher":3,"orderId":"o1"}""");
        Assert.True(record.ValidateTyped(read).IsValid);
        Assert.Equal("""{"orderId":"o1","voucher":3}""", JsonSerializer.Serialize(read, record.Type));

        // The same record with a name no keyword evaluates in its AdditionalProperties.
        object extended = record.Read("""{"voucher":3,"orderId":"o1","note":"x"}""");
        var typed = record.ValidateTyped(extended);
        var error = Assert.Single(typed.Errors);
        Assert.Equal(("/note", "unevaluatedProperties"), (error.Path, error.Keyword));
        Assert.Equal(typed.Errors.Select(e => e.Message), record.Validate(JsonSerializer.Serialize(extended, record.Type)).Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_dynamic_reference_applied_in_place_keeps_the_keyword_EC1003_and_plain_uses_report_nothing()
    {
        // Two schemas declare the dynamic anchor 'meta': which one the reference reaches depends on the dynamic scope.
        const string contract = """
            $id: https://example.com/shop.json
            type: object
            properties:
              plain:
                type: object
                allOf: [ { properties: { a: { type: string } } } ]
                unevaluatedProperties: false
              dynamic:
                type: object
                allOf: [ { $dynamicRef: '#meta' } ]
                unevaluatedProperties: false
            $defs:
              meta: { $dynamicAnchor: meta, properties: { a: { type: string } } }
              extended: { $id: extended.json, $dynamicAnchor: meta, properties: { b: { type: string } } }
            """;
        var (result, _) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contract, "EventContract", "Shop") });

        var reported = result.Diagnostics.Where(d => d.Id == "EC1003").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(2, reported.Count);
        Assert.StartsWith("Keyword '$dynamicRef' at #/properties/dynamic/allOf/0/$dynamicRef", reported[0], StringComparison.Ordinal);
        Assert.StartsWith("Keyword 'unevaluatedProperties' at #/properties/dynamic/unevaluatedProperties is not supported and is not validated: the schema at #/properties/dynamic/allOf/0", reported[1], StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "EC1003");
    }
}
