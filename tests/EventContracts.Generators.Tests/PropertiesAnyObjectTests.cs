using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// <c>VendorProfile.PropertiesAcceptAnyObject</c>: the generator says a contract accepts any object as the event's
/// properties only when no rule of the request can fail on their content, so senders may validate the envelope alone.
/// </summary>
public class PropertiesAnyObjectTests
{
    private static bool Flag(string contractText)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contractText, "EventContract", "Shop", "track") });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return Profile(result, "Shop");
    }

    private static bool Profile(Microsoft.CodeAnalysis.GeneratorDriverRunResult result, string contract)
    {
        string profile = result.Results.Single().GeneratedSources.Single(s => s.HintName == contract + ".Profile.g.cs").SourceText.ToString();
        bool yes = profile.Contains("propertiesAcceptAnyObject: true,", System.StringComparison.Ordinal);
        Assert.True(yes || profile.Contains("propertiesAcceptAnyObject: false,", System.StringComparison.Ordinal), profile);
        return yes;
    }

    private static string Contract(string properties, string rootExtra = "")
        => """
            openapi: 3.0.3
            info: { title: Shop, version: "1" }
            servers: [ { url: "https://api.shop.test" } ]
            paths:
              /track:
                post:
                  operationId: track
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: '#/components/schemas/Track' }
                  responses:
                    "202": { description: Accepted }
            components:
              schemas:
                Anything: { type: object, description: Any custom data. }
                Track:
                  type: object
                  x-ec-event-name: event
                  x-ec-properties: properties
                  required: [event, properties]
            """ + "\n" + (rootExtra.Length > 0 ? "      " + rootExtra + "\n" : string.Empty) + """
                  properties:
                    event: { type: string, maxLength: 64 }
                    userId: { type: string }
            """ + "\n        properties: " + properties + "\n";

    [Theory]
    [InlineData("{ type: object }")]
    [InlineData("{ type: object, additionalProperties: true, description: Custom data. }")]
    [InlineData("{ type: object, nullable: true }")]
    [InlineData("{ $ref: '#/components/schemas/Anything' }")]
    [InlineData("{ allOf: [ { $ref: '#/components/schemas/Anything' }, { type: object, additionalProperties: {} } ] }")]
    [InlineData("{ description: Any value at all. }")]
    public void A_properties_schema_that_only_says_object_accepts_any_object(string properties)
        => Assert.True(Flag(Contract(properties)));

    [Theory]
    [InlineData("{ type: object, maxProperties: 3 }")]
    [InlineData("{ type: object, required: [id] }")]
    [InlineData("{ type: object, properties: { id: { type: string } } }")]
    [InlineData("{ type: object, additionalProperties: { type: string } }")]
    [InlineData("{ type: object, additionalProperties: false }")]
    [InlineData("{ type: object, propertyNames: { maxLength: 10 } }")]
    [InlineData("{ type: object, x-ec-max-bytes: 100 }")]
    [InlineData("{ type: string }")]
    [InlineData("{ anyOf: [ { type: object }, { type: string } ] }")]
    [InlineData("{ allOf: [ { $ref: '#/components/schemas/Anything' }, { minProperties: 1 } ] }")]
    public void A_rule_on_the_properties_content_keeps_whole_body_validation(string properties)
        => Assert.False(Flag(Contract(properties)));

    [Theory]
    [InlineData("x-ec-max-bytes: 2000")]
    [InlineData("anyOf: [ { required: [userId] }, { properties: { properties: { minProperties: 1 } } } ]")]
    [InlineData("oneOf: [ { required: [userId] }, { properties: { userId: { maxLength: 3 } } } ]")]
    public void A_request_rule_that_sees_the_whole_body_keeps_whole_body_validation(string rootExtra)
        => Assert.False(Flag(Contract("{ type: object }", rootExtra)));

    [Theory]
    [InlineData("anyOf: [ { required: [userId] }, { required: [event] } ]")]
    [InlineData("minProperties: 2")]
    [InlineData("additionalProperties: false")]
    public void Request_rules_on_which_members_are_present_do_not_look_into_the_properties(string rootExtra)
        => Assert.True(Flag(Contract("{ type: object }", rootExtra)));

    [Fact]
    public void Built_in_contracts_accept_any_object_except_customerio_and_pushengage()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors);

        Assert.True(Profile(result, "Courier"));
        Assert.True(Profile(result, "Userpilot"));
        Assert.True(Profile(result, "Tranthor"));
        Assert.False(Profile(result, "CustomerIo"));
        Assert.False(Profile(result, "PushEngage"));
    }
}
