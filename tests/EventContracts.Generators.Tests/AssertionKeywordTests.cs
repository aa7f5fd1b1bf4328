using System;
using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// The keywords that only decide validity (<c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentRequired</c>,
/// <c>dependentSchemas</c>, draft 7's <c>dependencies</c>, <c>contains</c>/<c>minContains</c>/<c>maxContains</c>), as JSON
/// Schema 2020-12 defines them: one contract with a property per case, generated, compiled and run. Each payload gets
/// the same verdict from the JSON validator and from the typed <c>Validate()</c> of the record it reads into.
/// </summary>
public class AssertionKeywordTests
{
    private const string Contract = """
        type: object
        properties:
          notString: { not: { type: string } }
          notEnum: { type: string, not: { enum: [admin, root] } }
          conditional:
            type: object
            if: { properties: { country: { const: US } }, required: [country] }
            then: { required: [zip] }
            else: { required: [postcode] }
          onlyThen:
            type: integer
            if: { minimum: 10 }
            then: { multipleOf: 5 }
          onlyIf: { type: integer, if: { minimum: 10 } }
          dependents:
            type: object
            dependentRequired: { card: [expiry, cvc] }
            dependentSchemas:
              refund: { required: [reason], properties: { reason: { type: string, minLength: 3 } } }
          draft7:
            type: object
            dependencies:
              a: [b]
              c: { properties: { d: { type: integer } } }
          tags:
            type: array
            items: { type: string }
            contains: { const: sale }
          counted:
            type: array
            contains: { type: integer }
            minContains: 2
            maxContains: 3
          anyCount:
            type: array
            contains: { type: integer }
            minContains: 0
            maxContains: 1
        """;

    private static readonly Lazy<LoadedRecord> s_record = new(() => LoadedRecord.Load(Contract));

    [Theory]
    [InlineData("""{"notString":1}""", "")]
    [InlineData("""{"notString":"x"}""", "/notString not")]
    [InlineData("""{"notEnum":"guest"}""", "")]
    [InlineData("""{"notEnum":"root"}""", "/notEnum not")]
    [InlineData("""{"conditional":{"country":"US","zip":"10001"}}""", "")]
    [InlineData("""{"conditional":{"country":"US","postcode":"X"}}""", "/conditional required")]
    [InlineData("""{"conditional":{"country":"FR","postcode":"75001"}}""", "")]
    [InlineData("""{"conditional":{"postcode":"75001"}}""", "")]
    [InlineData("""{"conditional":{"country":"FR","zip":"1"}}""", "/conditional required")]
    [InlineData("""{"onlyThen":7}""", "")]
    [InlineData("""{"onlyThen":15}""", "")]
    [InlineData("""{"onlyThen":12}""", "/onlyThen multipleOf")]
    [InlineData("""{"onlyIf":12}""", "")]
    [InlineData("""{"dependents":{}}""", "")]
    [InlineData("""{"dependents":{"card":"4111","expiry":"12/30","cvc":"123"}}""", "")]
    [InlineData("""{"dependents":{"card":"4111","expiry":"12/30"}}""", "/dependents dependentRequired")]
    [InlineData("""{"dependents":{"card":"4111"}}""", "/dependents dependentRequired, /dependents dependentRequired")]
    [InlineData("""{"dependents":{"expiry":"12/30"}}""", "")]
    [InlineData("""{"dependents":{"refund":true,"reason":"damaged"}}""", "")]
    [InlineData("""{"dependents":{"refund":true}}""", "/dependents required")]
    [InlineData("""{"dependents":{"refund":true,"reason":"no"}}""", "/dependents/reason minLength")]
    [InlineData("""{"dependents":{"reason":"no"}}""", "")]
    [InlineData("""{"draft7":{"a":1,"b":2}}""", "")]
    [InlineData("""{"draft7":{"a":1}}""", "/draft7 dependentRequired")]
    [InlineData("""{"draft7":{"c":1,"d":2}}""", "")]
    [InlineData("""{"draft7":{"c":1,"d":"x"}}""", "/draft7/d type")]
    [InlineData("""{"draft7":{"d":"x"}}""", "")]
    [InlineData("""{"tags":["new","sale"]}""", "")]
    [InlineData("""{"tags":["new"]}""", "/tags contains")]
    [InlineData("""{"tags":[]}""", "/tags contains")]
    [InlineData("""{"counted":[1,"a",2]}""", "")]
    [InlineData("""{"counted":[1,2,3]}""", "")]
    [InlineData("""{"counted":[1,"a"]}""", "/counted minContains")]
    [InlineData("""{"counted":[1,2,3,4]}""", "/counted maxContains")]
    [InlineData("""{"anyCount":[]}""", "")]
    [InlineData("""{"anyCount":["a",1]}""", "")]
    [InlineData("""{"anyCount":[1,2]}""", "/anyCount maxContains")]
    public void The_json_and_the_typed_record_get_the_schemas_verdict(string json, string errors)
    {
        var record = s_record.Value;
        var result = record.Validate(json);
        Assert.Equal(errors, string.Join(", ", result.Errors.Select(e => e.Path + " " + e.Keyword)));

        var typed = record.ValidateTyped(record.Read(json));
        Assert.Equal(errors, string.Join(", ", typed.Errors.Select(e => e.Path + " " + e.Keyword)));
    }

    [Fact]
    public void A_name_the_schema_only_requires_or_depends_on_is_still_an_additional_property()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              closed:
                type: object
                properties: { a: { type: integer } }
                required: [a]
                dependentRequired: { c: [a] }
                additionalProperties: false
            """);

        Assert.Equal(
            "/closed/c additionalProperties",
            string.Join(", ", record.Validate("""{"closed":{"a":1,"c":2}}""").Errors.Select(e => e.Path + " " + e.Keyword)));
        Assert.True(record.IsValid("""{"closed":{"a":1}}"""));

        // The record has no place for it: reading it says so instead of dropping it into a record that then passes.
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => record.Read("""{"closed":{"a":1,"c":2}}"""));
        Assert.Contains("has the property \"c\", which its schema does not allow (additionalProperties: false)", error.Message, StringComparison.Ordinal);
        record.RoundTrips("""{"closed":{"a":1}}""");
    }

    [Fact]
    public void A_not_that_refers_back_to_its_own_schema_is_reported_and_broken_instead_of_recursing_forever()
    {
        var (result, output) = GeneratorHarness.Run(new[]
        {
            new TestFile("/app/contracts/shop.yaml", "type: object\nproperties:\n  loop: { $ref: '#/$defs/Loop' }\n$defs:\n  Loop: { not: { $ref: '#/$defs/Loop' } }\n", "EventContract", "Shop"),
        });

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "EC1006");
        Assert.Contains("refers back to itself", diagnostic.GetMessage());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
