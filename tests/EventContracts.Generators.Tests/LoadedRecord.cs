using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>The request record of a contract <c>Shop</c>, generated, compiled and loaded, with its contract's JSON validator.</summary>
internal sealed record LoadedRecord(Type Type)
{
    /// <summary>Generates the contract (no warning allowed), compiles it and loads the assembly into a collectible context.</summary>
    public static LoadedRecord Load(string contract, string? operation = null)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", contract, "EventContract", "Shop", operation) });
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        return new LoadedRecord(LoadAssembly(output, "loaded-record").GetType("Consumer.Contracts.ShopRequest", throwOnError: true)!);
    }

    /// <summary>Emits a generated compilation (it must compile) and loads it into a collectible context.</summary>
    public static Assembly LoadAssembly(Compilation output, string name)
    {
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>A contract or plan event of a loaded assembly, by name, through its generated <c>EventContractCatalog</c>.</summary>
    public static EventContractDescriptor Contract(Assembly assembly, string name)
    {
        var catalog = assembly.GetType("Consumer.Contracts.EventContractCatalog", throwOnError: true)!;
        var find = catalog.GetMethod("Find", BindingFlags.Public | BindingFlags.Static)!;
        return (EventContractDescriptor?)find.Invoke(null, new object[] { name }) ?? throw new InvalidOperationException("The catalog has no contract " + name);
    }

    public Type Member(string name) => Type.GetProperty(name)?.PropertyType ?? throw new InvalidOperationException(Type + " has no member " + name + ": " + string.Join(", ", Type.GetProperties().Select(p => p.Name)));

    public LoadedRecord Nested(string member)
    {
        Type type = Member(member);
        return new LoadedRecord(Nullable.GetUnderlyingType(type) ?? type);
    }

    /// <summary>The JSON is valid, reads into the record, and the record is written as the same bytes and is valid.</summary>
    public void RoundTrips(string json)
    {
        Assert.True(IsValid(json), json + " should be valid");
        object record = JsonSerializer.Deserialize(json, Type)!;
        Assert.Equal(json, Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(record, Type)));
        Assert.True(ValidateTyped(record).IsValid, json + ": " + ValidateTyped(record));
    }

    /// <summary>Valid JSON read into the record, written back (valid too) as the returned text.</summary>
    public string ReadAndWrite(string json)
    {
        Assert.True(IsValid(json), json + " should be valid");
        string written = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(json, Type)!, Type));
        Assert.True(IsValid(written), written + " should be valid");
        return written;
    }

    /// <summary>The verdict of the contract's JSON validator (<c>ValidateJson</c> on the record type).</summary>
    public bool IsValid(string json) => Validate(json).IsValid;

    /// <summary>The contract's JSON validator's result, through the generated catalog.</summary>
    public ValidationResult Validate(string json) => Contract(Type.Assembly, "Shop").Validate(Encoding.UTF8.GetBytes(json));

    /// <summary>JSON read into the record (System.Text.Json, through the generated converter).</summary>
    public object Read(string json) => JsonSerializer.Deserialize(json, Type)!;

    /// <summary>The record's typed <c>Validate()</c>.</summary>
    public ValidationResult ValidateTyped(object record) => (ValidationResult)Type.GetMethod("Validate", Type.EmptyTypes)!.Invoke(record, null)!;

    /// <summary>Each JSON is invalid, and so is the record read from it (typed <c>Validate()</c> agrees with the JSON's verdict).</summary>
    public void RejectsTypedAndAsJson(params string[] json)
    {
        foreach (string invalid in json)
        {
            Assert.False(IsValid(invalid), invalid);
            Assert.False(ValidateTyped(Read(invalid)).IsValid, invalid);
        }
    }
}
