using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using EventContracts.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Tests;

/// <summary>
/// Typed <c>Validate()</c> checks a record's CLR values without writing JSON; it must report exactly what
/// <c>ValidateJson</c> reports for the JSON the record is written as: the same errors, paths, keywords, messages and
/// order. Compared on every random payload of the differential generator that reads into a record.
/// </summary>
public class TypedValidationTests
{
    private const int PayloadsPerVendor = 10_000;

    private readonly ITestOutputHelper _output;

    public TypedValidationTests(ITestOutputHelper output) => _output = output;

    /// <summary>The five vendors.</summary>
    public static TheoryData<string> VendorNames() => new(Vendor.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VendorNames))]
    public void Typed_Validate_reports_what_ValidateJson_reports_on_10000_random_records(string vendorName)
    {
        Vendor vendor = Vendor.Get(vendorName);
        Gen<string> payloads = PayloadGenerator.For(vendor, DifferentialTests.Reference.For(vendor).DeclaredNames);
        var pcg = new PCG(7, 0x7E7E_0000UL + (ulong)vendorName.Length);

        int unreadable = 0, valid = 0, invalid = 0, nullNotWritable = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < PayloadsPerVendor; i++)
        {
            string json = payloads.Generate(pcg, null, out _);
            object record;
            try
            {
                record = vendor.Read(Encoding.UTF8.GetBytes(json));
            }
            catch (JsonException)
            {
                // Not the record's shape (a retyped member, say): there is no record to validate.
                unreadable++;
                continue;
            }

            // Every other record gets one member set to null: a value JSON cannot carry in a required member.
            string? nulled = i % 2 == 1 ? SetRandomMemberToNull(record, pcg) : null;
            ValidationResult typed = vendor.ValidateModel(record);
            byte[] body;
            try
            {
                body = vendor.Write(record);
            }
            catch (NullReferenceException)
            {
                // The serializer cannot write a null record, list or map member; typed validation reports its type.
                Assert.Contains(typed.Errors, e => e.Keyword == "type" && e.Message.EndsWith("but found null", StringComparison.Ordinal));
                nullNotWritable++;
                continue;
            }

            ValidationResult written = vendor.ValidateRequest(body);
            string[] expected = written.Errors.Select(e => e.ToString()).ToArray();
            string[] actual = typed.Errors.Select(e => e.ToString()).ToArray();
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add("#" + i + (nulled is null ? string.Empty : " (" + nulled + " = null)") + " json: [" + string.Join("; ", expected) + "] typed: [" + string.Join("; ", actual) + "] " + json);
            }

            if (written.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
        }

        string report = vendorName + ": " + PayloadsPerVendor + " payloads, " + unreadable + " not readable as a record, "
            + valid + " valid / " + invalid + " invalid records, " + nullNotWritable + " with a null the serializer cannot write, " + mismatches.Count + " mismatches"
            + string.Concat(mismatches.Take(5).Select(m => "\n  " + m));
        _output.WriteLine(report);
        Assert.True(mismatches.Count == 0, report);
        Assert.True(valid >= 500 && invalid >= 500, "the records must include valid and invalid ones: " + report);
    }

    /// <summary>Sets one nullable-at-run-time property of the record to null (init-only setters included); returns its name.</summary>
    private static string? SetRandomMemberToNull(object record, PCG pcg)
    {
        var properties = record.GetType().GetProperties()
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (properties.Length == 0)
        {
            return null;
        }

        var property = properties[(int)pcg.Next((uint)properties.Length)];
        property.SetValue(record, null);
        return property.Name;
    }
}
