using System;
using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// <c>patternProperties</c> and the tuple keywords (<c>prefixItems</c>, draft 7's array form of <c>items</c> with
/// <c>additionalItems</c>) as JSON Schema defines them: generated, compiled and run. Values they govern are open JSON
/// values in the record (each pattern or position has its own schema), so every valid payload reads into the record and
/// is written back unchanged, and the typed <c>Validate()</c> gives the JSON validator's verdict.
/// </summary>
public class PatternAndTupleKeywordTests
{
    private const string Contract = """
        type: object
        properties:
          labels:
            type: object
            properties: { name: { type: string } }
            patternProperties:
              "^x-": { type: string }
              "^n_": { type: integer, minimum: 0 }
            additionalProperties: false
          metrics:
            type: object
            patternProperties: { "^m_[a-z]+$": { type: number } }
          point:
            type: array
            prefixItems: [ { type: number }, { type: number }, { type: string } ]
            items: false
          row:
            type: array
            prefixItems: [ { type: string } ]
            items: { type: integer }
          draft7:
            type: array
            items: [ { type: boolean } ]
            additionalItems: { type: string, maxLength: 3 }
        """;

    private static readonly Lazy<LoadedRecord> s_record = new(() => LoadedRecord.Load(Contract));

    [Theory]
    [InlineData("""{"labels":{"name":"a","x-team":"web","n_count":3}}""", "")]
    [InlineData("""{"labels":{"x-team":5}}""", "/labels/x-team type")]
    [InlineData("""{"labels":{"n_count":-1}}""", "/labels/n_count minimum")]
    [InlineData("""{"labels":{"other":1}}""", "/labels/other additionalProperties")]
    [InlineData("""{"metrics":{"m_cpu":0.5,"free":"text"}}""", "")]
    [InlineData("""{"metrics":{"m_cpu":"high"}}""", "/metrics/m_cpu type")]
    [InlineData("""{"metrics":{"m_CPU":"high"}}""", "")]
    [InlineData("""{"point":[1.5,2,"a"]}""", "")]
    [InlineData("""{"point":[1.5]}""", "")]
    [InlineData("""{"point":[1.5,"x"]}""", "/point/1 type")]
    [InlineData("""{"point":[1,2,"a",4]}""", "/point/3 false")]
    [InlineData("""{"row":["id",1,2]}""", "")]
    [InlineData("""{"row":["id",1,"2"]}""", "/row/2 type")]
    [InlineData("""{"row":[1]}""", "/row/0 type")]
    [InlineData("""{"draft7":[true,"abc"]}""", "")]
    [InlineData("""{"draft7":[true,"abcd"]}""", "/draft7/1 maxLength")]
    [InlineData("""{"draft7":["yes"]}""", "/draft7/0 type")]
    public void The_json_and_the_typed_record_get_the_schemas_verdict(string json, string errors)
    {
        var record = s_record.Value;
        Assert.Equal(errors, string.Join(", ", record.Validate(json).Errors.Select(e => e.Path + " " + e.Keyword)));
        Assert.Equal(errors, string.Join(", ", record.ValidateTyped(record.Read(json)).Errors.Select(e => e.Path + " " + e.Keyword)));
    }

    [Theory]
    [InlineData("""{"labels":{"name":"a","x-team":"web","n_count":3}}""")]
    [InlineData("""{"metrics":{"m_cpu":0.5,"free":"text"}}""")]
    [InlineData("""{"point":[1.5,2,"a"]}""")]
    [InlineData("""{"row":["id",1,2]}""")]
    [InlineData("""{"draft7":[true,"abc"]}""")]
    public void Valid_json_reads_into_the_record_and_is_written_back_unchanged(string json) => s_record.Value.RoundTrips(json);
}
