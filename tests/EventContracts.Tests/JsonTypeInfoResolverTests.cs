using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests;

/// <summary>
/// <c>EventContractCatalog.JsonTypeInfoResolver</c>: JsonSerializer reads and writes every generated record through its
/// own converter with no reflection-based metadata behind it (what a trimmed or Native AOT app has), byte for byte as
/// the record's own writer.
/// </summary>
public class JsonTypeInfoResolverTests
{
    private static readonly JsonSerializerOptions s_options = new() { TypeInfoResolver = EventContractCatalog.JsonTypeInfoResolver };

    [Theory]
    [MemberData(nameof(RoundTripTests.Examples), MemberType = typeof(RoundTripTests))]
    public void Every_vendor_example_round_trips_through_JsonSerializer_with_the_resolver_alone(string vendorName, string exampleName)
    {
        var contract = EventContractCatalog.Find(vendorName)!;
        string json = contract.Examples.First(e => e.Name == exampleName).Json;

        object record = JsonSerializer.Deserialize(json, contract.ModelType, s_options)!;
        byte[] written = JsonSerializer.SerializeToUtf8Bytes(record, contract.ModelType, s_options);

        Assert.IsType(contract.ModelType, record);
        Assert.True(contract.Validate(written).IsValid, Encoding.UTF8.GetString(written));
        Assert.Equal(Encoding.UTF8.GetString((byte[])contract.ModelType.GetMethod("ToUtf8Json")!.Invoke(record, null)!), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Plan_and_vendor_records_resolve_and_other_types_do_not()
    {
        Assert.NotNull(EventContractCatalog.JsonTypeInfoResolver.GetTypeInfo(typeof(ShapeSample), s_options));
        Assert.NotNull(EventContractCatalog.JsonTypeInfoResolver.GetTypeInfo(typeof(CourierRequest), s_options));
        Assert.Null(EventContractCatalog.JsonTypeInfoResolver.GetTypeInfo(typeof(string), s_options));

        // Without reflection metadata behind it, a type the resolver does not know is refused, not serialized anyway.
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Uri("https://example.com"), s_options));
    }
}
