// Prints, for each vendor contract built into EventContracts, its documented example payloads:
// validated through the generated catalog, read into the generated record, and written back.
using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using EventContracts;
using VendorExamples.Contracts;

int failures = 0;
foreach (var contract in EventContractCatalog.Contracts)
{
    Console.WriteLine($"== {contract.Name} ({contract.Source}, model {contract.ModelType.Name})");
    foreach (var example in contract.Examples)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(example.Json);
        var result = contract.Validate(utf8);
        Console.WriteLine($"  example '{example.Name}': {(result.IsValid ? "valid" : "INVALID")}");
        foreach (var error in result.Errors)
        {
            Console.WriteLine($"    {error}");
        }

        if (!result.IsValid)
        {
            failures++;
            continue;
        }

        // JsonSerializer picks up the generated converter from the record's [JsonConverter] attribute.
        object? model = JsonSerializer.Deserialize(utf8, contract.ModelType);
        string written = JsonSerializer.Serialize(model, contract.ModelType);
        Console.WriteLine($"    serialized: {written}");
    }
}

// A payload that breaks PushEngage's rules, to show what a validation failure looks like. EC3009 already reports the
// reserved event-name prefix and the key at build time; the sample builds them anyway, to show the run-time check.
#pragma warning disable EC3009
var invalid = new PushEngageRequest
{
    EventName = "PushEngage.add_to_cart",
    Data = new Dictionary<string, JsonElement>
    {
        ["-price"] = JsonSerializer.SerializeToElement(99.99),
        ["size"] = JsonSerializer.SerializeToElement(new { eu = 42 }),
    },
};
#pragma warning restore EC3009
Console.WriteLine("== PushEngage, an invalid event built in code");
foreach (var error in invalid.Validate().Errors)
{
    Console.WriteLine($"    {error}");
}

Console.WriteLine(failures == 0 ? "All documented examples are valid." : $"{failures} documented example(s) failed validation.");
return failures == 0 ? 0 : 1;
