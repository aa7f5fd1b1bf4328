using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using EventContracts.Tests.Vendors;
using Xunit;

namespace EventContracts.Tests.Support;

/// <summary>One built-in vendor contract as the tests see it: its schema file, its generated validator and typed model.</summary>
/// <param name="Name">The <c>Vendor</c> name (the catalog entry's name).</param>
/// <param name="SchemaFile">The contract file name under <c>schemas/</c>.</param>
/// <param name="OperationId">The operation whose request body is the vendor's track call.</param>
/// <param name="ValidateRequest">The generated <c>&lt;Vendor&gt;Contract.ValidateRequestJson</c>.</param>
/// <param name="ModelType">The generated request record.</param>
/// <param name="Read">The generated <c>FromUtf8Json</c>.</param>
/// <param name="Write">The generated <c>ToUtf8Json</c>.</param>
/// <param name="ValidateModel">The generated record's <c>Validate()</c>.</param>
public sealed record Vendor(
    string Name,
    string SchemaFile,
    string OperationId,
    Utf8JsonValidator ValidateRequest,
    Type ModelType,
    Func<byte[], object> Read,
    Func<object, byte[]> Write,
    Func<object, ValidationResult> ValidateModel)
{
    /// <summary>The five built-in vendors, in the order of the <c>EventContractsVendors</c> default.</summary>
    public static IReadOnlyList<Vendor> All { get; } = new[]
    {
        new Vendor(
            "Courier", "courier.openapi.yaml", "inbound_track", CourierContract.ValidateRequestJson, typeof(CourierRequest),
            b => CourierRequest.FromUtf8Json(b), o => ((CourierRequest)o).ToUtf8Json(), o => ((CourierRequest)o).Validate()),
        new Vendor(
            "Userpilot", "userpilot.openapi.yaml", "track", UserpilotContract.ValidateRequestJson, typeof(UserpilotRequest),
            b => UserpilotRequest.FromUtf8Json(b), o => ((UserpilotRequest)o).ToUtf8Json(), o => ((UserpilotRequest)o).Validate()),
        new Vendor(
            "Tranthor", "tranthor.openapi.yaml", "track", TranthorContract.ValidateRequestJson, typeof(TranthorRequest),
            b => TranthorRequest.FromUtf8Json(b), o => ((TranthorRequest)o).ToUtf8Json(), o => ((TranthorRequest)o).Validate()),
        new Vendor(
            "CustomerIo", "customerio.openapi.yaml", "track", CustomerIoContract.ValidateRequestJson, typeof(CustomerIoRequest),
            b => CustomerIoRequest.FromUtf8Json(b), o => ((CustomerIoRequest)o).ToUtf8Json(), o => ((CustomerIoRequest)o).Validate()),
        new Vendor(
            "PushEngage", "pushengage.openapi.yaml", "track", PushEngageContract.ValidateRequestJson, typeof(PushEngageRequest),
            b => PushEngageRequest.FromUtf8Json(b), o => ((PushEngageRequest)o).ToUtf8Json(), o => ((PushEngageRequest)o).Validate()),
    };

    /// <summary>Customer.io's batch call, generated from the same file (<c>Operation="track,batch"</c>).</summary>
    public static Vendor CustomerIoBatch { get; } = new(
        "CustomerIoBatch", "customerio.openapi.yaml", "batch", CustomerIoBatchContract.ValidateRequestJson, typeof(CustomerIoBatchRequest),
        b => CustomerIoBatchRequest.FromUtf8Json(b), o => ((CustomerIoBatchRequest)o).ToUtf8Json(), o => ((CustomerIoBatchRequest)o).Validate());

    /// <summary>Finds a vendor request contract (one of <see cref="All"/>, or <see cref="CustomerIoBatch"/>) by name.</summary>
    public static Vendor Get(string name) => All.Append(CustomerIoBatch).Single(v => v.Name == name);

    /// <summary>The catalog entry of this vendor.</summary>
    public EventContractDescriptor Descriptor => EventContractCatalog.Find(Name)
        ?? throw new InvalidOperationException("The catalog has no contract named " + Name + ".");

    /// <summary>The documented example with this name, as JSON text.</summary>
    public string Example(string exampleName) => Descriptor.Examples.Single(e => e.Name == exampleName).Json;

    /// <summary>Validates JSON text (encoded as UTF-8) with the generated request validator.</summary>
    public ValidationResult Validate(string json) => ValidateRequest(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Assertions on <see cref="ValidationResult"/> that print every error on failure.</summary>
public static class ValidationAssert
{
    /// <summary>Asserts the result is valid.</summary>
    public static void Valid(ValidationResult result, string? because = null)
        => Assert.True(result.IsValid, (because is null ? string.Empty : because + ": ") + result);

    /// <summary>Asserts exactly one error with the given path and keyword; optionally that its message contains each fragment.</summary>
    public static ValidationError Single(ValidationResult result, string path, string keyword, params string[] messageContains)
    {
        Assert.False(result.IsValid, "expected one error at '" + path + "' [" + keyword + "] but the payload was valid");
        Assert.True(result.Errors.Count == 1, "expected exactly one error at '" + path + "' [" + keyword + "] but got " + result);
        ValidationError error = result.Errors[0];
        Assert.True(error.Path == path && error.Keyword == keyword, "expected '" + path + "' [" + keyword + "] but got " + result);
        foreach (string fragment in messageContains)
        {
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), "the message of " + error + " does not name " + fragment);
        }

        return error;
    }

    /// <summary>Asserts the exact list of (path, keyword) pairs, in order.</summary>
    public static void Errors(ValidationResult result, params (string Path, string Keyword)[] expected)
    {
        var actual = result.Errors.Select(e => (e.Path, e.Keyword)).ToArray();
        Assert.True(actual.SequenceEqual(expected), "expected [" + string.Join(", ", expected.Select(e => "'" + e.Path + "' " + e.Keyword)) + "] but got " + result);
    }

    /// <summary>Asserts two results report the same errors (path, keyword and message), in the same order.</summary>
    public static void SameErrors(ValidationResult expected, ValidationResult actual)
    {
        Assert.Equal(
            expected.Errors.Select(e => e.ToString()).ToArray(),
            actual.Errors.Select(e => e.ToString()).ToArray());
    }
}

/// <summary>Small JSON helpers.</summary>
public static class Json
{
    /// <summary>Parses text into an element that outlives its document.</summary>
    public static JsonElement Element(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
