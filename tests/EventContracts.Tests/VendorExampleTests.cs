using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using EventContracts.Tests.Support;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests;

/// <summary>The catalog of the five built-in vendor contracts, and their documented examples.</summary>
public class VendorExampleTests
{
    /// <summary>Every (catalog entry, example) pair.</summary>
    public static TheoryData<string, string> CatalogExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (EventContractDescriptor contract in EventContractCatalog.Contracts)
        {
            foreach (ContractExample example in contract.Examples)
            {
                data.Add(contract.Name, example.Name);
            }
        }

        return data;
    }

    /// <summary>The five vendor names.</summary>
    public static TheoryData<string> VendorNames() => new(Vendor.All.Select(v => v.Name));

    [Fact]
    public void Catalog_has_the_five_vendor_requests_and_the_CustomerIo_batch_ordered_by_name()
    {
        string[] names = EventContractCatalog.Contracts.Where(c => c.Kind == ContractKind.VendorRequest).Select(c => c.Name).ToArray();

        Assert.Equal(new[] { "Courier", "CustomerIo", "CustomerIoBatch", "PushEngage", "Tranthor", "Userpilot" }, names);

        // The rest are the events of this project's tracking plan (Plans/typed-checks.yaml).
        Assert.Equal(new[] { "Presence Sample", "Shape Sample" }, EventContractCatalog.Contracts.Where(c => c.Kind != ContractKind.VendorRequest).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Catalog_entry_describes_the_vendor_request(string vendorName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        EventContractDescriptor descriptor = vendor.Descriptor;

        Assert.Equal(vendorName, descriptor.Name);
        Assert.Equal(vendorName, descriptor.Vendor);
        Assert.Equal(ContractKind.VendorRequest, descriptor.Kind);
        Assert.Equal(vendor.ModelType, descriptor.ModelType);
        Assert.Contains(vendor.SchemaFile, descriptor.Source, StringComparison.Ordinal);
        Assert.True(descriptor.Examples.Count >= 2, vendorName + " documents at least two request examples (schemas/README.md)");
        Assert.Equal(descriptor.Examples.Count, descriptor.Examples.Select(e => e.Name).Distinct().Count());
        Assert.Same(descriptor, EventContractCatalog.Find(vendorName));
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_name_and_is_case_sensitive()
    {
        Assert.Null(EventContractCatalog.Find("Segment"));
        Assert.Null(EventContractCatalog.Find("courier"));
    }

    [Theory]
    [MemberData(nameof(CatalogExamples))]
    public void Documented_example_is_valid(string contractName, string exampleName)
    {
        EventContractDescriptor contract = EventContractCatalog.Find(contractName)!;
        byte[] utf8 = Encoding.UTF8.GetBytes(contract.Examples.Single(e => e.Name == exampleName).Json);

        ValidationAssert.Valid(contract.Validate(utf8), contractName + "/" + exampleName + " through the catalog");
        ValidationAssert.Valid(Vendor.Get(contractName).ValidateRequest(utf8), contractName + "/" + exampleName + " through " + contractName + "Contract.ValidateRequestJson");
    }

    [Theory]
    [MemberData(nameof(CatalogExamples))]
    public void Documented_example_reads_into_a_valid_record(string contractName, string exampleName)
    {
        Vendor vendor = Vendor.Get(contractName);
        object model = vendor.Read(Encoding.UTF8.GetBytes(vendor.Example(exampleName)));

        Assert.IsType(vendor.ModelType, model);
        ValidationAssert.Valid(vendor.ValidateModel(model), contractName + "/" + exampleName + " as a record");
    }

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Catalog_examples_are_the_request_examples_of_the_contract_file(string vendorName)
    {
        // Read independently of the generator: the names, order and JSON values must match the YAML file.
        Vendor vendor = Vendor.Get(vendorName);
        var fromFile = OpenApiDocument.RequestExamples(vendor.SchemaFile, vendor.OperationId);
        var fromCatalog = vendor.Descriptor.Examples;

        Assert.Equal(fromFile.Select(e => e.Name).ToArray(), fromCatalog.Select(e => e.Name).ToArray());
        for (int i = 0; i < fromFile.Count; i++)
        {
            JsonNode? catalogValue = JsonNode.Parse(fromCatalog[i].Json);
            Assert.True(
                JsonNode.DeepEquals(fromFile[i].Value, catalogValue),
                vendorName + "/" + fromFile[i].Name + ": catalog " + fromCatalog[i].Json + " differs from the file's " + fromFile[i].Value?.ToJsonString());
        }
    }

    [Fact]
    public void A_catalog_validator_rejects_what_its_vendor_rejects()
    {
        // The catalog's Validate is wired to the vendor's own validator, not to a permissive stand-in.
        byte[] missingEvent = Encoding.UTF8.GetBytes("{\"messageId\":\"m\",\"type\":\"track\",\"properties\":{}}");

        ValidationAssert.Single(EventContractCatalog.Find("Courier")!.Validate(missingEvent), "", "required", "event");
        ValidationAssert.Single(EventContractCatalog.Find("PushEngage")!.Validate("{\"profile_id\":\"p\"}"u8), "", "required", "event_name");
    }
}
