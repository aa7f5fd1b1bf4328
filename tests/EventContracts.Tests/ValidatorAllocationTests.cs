using System;
using System.Linq;
using System.Text;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests;

/// <summary>Validating a valid payload allocates nothing: asserted on the generated vendor validators.</summary>
public class ValidatorAllocationTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var contract in EventContractCatalog.Contracts)
        {
            foreach (var example in contract.Examples)
            {
                data.Add(contract.Name, example.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ValidateJson_of_a_valid_example_allocates_nothing(string contractName, string exampleName)
    {
        var contract = EventContractCatalog.Find(contractName)!;
        byte[] utf8 = Encoding.UTF8.GetBytes(Array.Find(System.Linq.Enumerable.ToArray(contract.Examples), e => e.Name == exampleName)!.Json);

        // Warm up: regexes, per-thread path stacks and static rules are created once.
        Assert.True(contract.Validate(utf8).IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            contract.Validate(utf8);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Typed_validate_of_a_valid_example_record_allocates_nothing(string contractName, string exampleName)
    {
        var contract = EventContractCatalog.Find(contractName)!;
        var vendor = Support.Vendor.All.SingleOrDefault(v => v.Name == contractName);
        if (vendor is null)
        {
            // The plan of Plans/typed-checks.yaml documents no examples; its records are checked below.
            return;
        }

        object record = vendor.Read(Encoding.UTF8.GetBytes(contract.Examples.Single(e => e.Name == exampleName).Json));
        Assert.True(vendor.ValidateModel(record).IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            vendor.ValidateModel(record);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Typed_validate_of_a_valid_record_of_every_plan_shape_allocates_nothing()
    {
        // Lists, nested lists, maps with key rules, open JSON values with keywords, nested records and size limits.
        var record = ShapeSample.FromUtf8Json(Encoding.UTF8.GetBytes(
            "{\"id\":\"abc\",\"count\":5,\"amount\":1.25,\"mode\":\"a\",\"note\":null,\"score\":3,\"active\":true,"
            + "\"tags\":[\"a\",\"b\"],\"matrix\":[[1,2],[3]],\"attrs\":{\"a\":\"x\"},\"limits\":{\"x\":1},"
            + "\"blob\":{\"k\":\"v\"},\"extra\":\"ab\",\"child\":{\"name\":\"n\",\"age\":1},"
            + "\"children\":[{\"name\":\"a\",\"kind\":\"child\"}],\"size_limited\":\"short\",\"more\":1}"));
        Assert.True(record.Validate().IsValid, record.Validate().ToString());

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            record.Validate();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Typed_validate_of_a_valid_record_allocates_nothing()
    {
        var request = new PushEngageRequest
        {
            EventName = "add_to_cart",
            ProfileId = "customer-1043",
        };
        Assert.True(request.Validate().IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            request.Validate();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Typed_validate_of_a_record_with_a_map_allocates_nothing()
    {
        var request = new CourierRequest
        {
            Event = "Order Completed",
            MessageId = "0b7f3a52-5d0e-4c39-9a44-2f1c6e8d9a10",
            Properties = new System.Collections.Generic.Dictionary<string, System.Text.Json.JsonElement>
            {
                ["order_id"] = System.Text.Json.JsonSerializer.SerializeToElement(123),
                ["plan"] = System.Text.Json.JsonSerializer.SerializeToElement("pro"),
            },
        };
        Assert.True(request.Validate().IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            request.Validate();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
