using System;
using System.Linq;
using System.Reflection;
using System.Text;
using EventContracts.Delivery;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// Every plan event is a record of its own, also when events share their properties schema: a <c>$ref</c> to a
/// definition, an <c>allOf</c> around one, a <c>$ref</c> to another event's properties, a YAML alias. The generated code is
/// compiled, loaded and run.
/// </summary>
public class SharedPropertiesTests
{
    private const string Plan = """
        events:
          - name: Product Viewed
            destinations: [Courier]
            properties: { $ref: "#/definitions/ProductProps" }
          - name: Product Added
            destinations: [Courier]
            properties: { $ref: "#/definitions/ProductProps" }
          - name: Product Removed
            destinations: [Courier]
            properties: { allOf: [ { $ref: "#/definitions/ProductProps" } ] }
          - name: Product Shared
            destinations: [Courier]
            properties: { $ref: "#/events/0/properties" }
          - name: Wishlist Viewed
            destinations: [Courier]
            properties: &wishlist
              type: object
              properties:
                product: { $ref: "#/definitions/ProductProps" }
          - name: Wishlist Shared
            destinations: [Courier]
            properties: *wishlist
        definitions:
          ProductProps:
            type: object
            additionalProperties: false
            required: [sku]
            properties:
              sku: { type: string, maxLength: 8 }
        """;

    private static readonly string[] s_events = { "Product Viewed", "Product Added", "Product Removed", "Product Shared", "Wishlist Viewed", "Wishlist Shared" };

    [Fact]
    public void Each_event_gets_its_own_record_with_its_own_name()
    {
        var (result, assembly) = Build();
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        foreach (string name in s_events)
        {
            Type type = assembly.GetType("Consumer.Contracts." + name.Replace(" ", string.Empty, StringComparison.Ordinal), throwOnError: true)!;
            var record = (ITrackedEvent)Activator.CreateInstance(type)!;
            Assert.Equal(name, record.EventName);
        }

        // The definition used as a property is its own (non-event) record, not one of the events' records.
        Type wishlist = assembly.GetType("Consumer.Contracts.WishlistViewed", throwOnError: true)!;
        Type product = wishlist.GetProperty("Product")!.PropertyType;
        Assert.Equal("Consumer.Contracts.ProductProps", product.FullName);
        Assert.False(typeof(ITrackedEvent).IsAssignableFrom(product));
    }

    [Fact]
    public void Each_event_keeps_the_shared_schema_rules()
    {
        var (_, assembly) = Build();
        foreach (string name in s_events.Take(4))
        {
            var descriptor = LoadedRecord.Contract(assembly, name);
            Assert.Equal(name.Replace(" ", string.Empty, StringComparison.Ordinal), descriptor.ModelType!.Name);
            Assert.True(descriptor.Validate(Encoding.UTF8.GetBytes("""{"sku":"A-1"}""")).IsValid, name);
            Assert.False(descriptor.Validate(Encoding.UTF8.GetBytes("""{"sku":"A-1","color":"red"}""")).IsValid, name + ": additionalProperties: false");
            Assert.False(descriptor.Validate(Encoding.UTF8.GetBytes("""{}""")).IsValid, name + ": sku is required");
        }
    }

    private static (GeneratorDriverRunResult Result, Assembly Assembly) Build()
    {
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", Plan, Kind: "TrackingPlan"));
        var (result, output) = GeneratorHarness.Run(files);
        return (result, LoadedRecord.LoadAssembly(output, "shared-properties"));
    }
}
