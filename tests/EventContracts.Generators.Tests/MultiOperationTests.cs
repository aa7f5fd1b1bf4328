using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary><c>Operation="track,batch"</c>: one contract file, one contract per operation.</summary>
public class MultiOperationTests
{
    [Fact]
    public void Each_listed_operation_becomes_its_own_contract()
    {
        var customerIo = GeneratorHarness.BuiltInVendors.Single(v => v.Vendor == "CustomerIo") with { Operation = "track, batch" };

        var (result, output) = GeneratorHarness.Run(new[] { customerIo });

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("CustomerIo.Profile.g.cs", hints);
        Assert.Contains("CustomerIoBatch.Profile.g.cs", hints);
        string batchProfile = result.Results.Single().GeneratedSources.Single(s => s.HintName == "CustomerIoBatch.Profile.g.cs").SourceText.ToString();
        Assert.Contains("\"/batch\"", batchProfile);
        Assert.Contains("\"batch\",", batchProfile);
        Assert.Contains("500000,", batchProfile);
        Assert.Contains("propertiesAcceptAnyObject: false);", batchProfile);
        string catalog = result.Results.Single().GeneratedSources.Single(s => s.HintName == "EventContractCatalog.g.cs").SourceText.ToString();
        Assert.Contains("\"CustomerIoBatch\"", catalog);
    }

    [Fact]
    public void An_unknown_operation_in_the_list_is_EC1004_and_the_others_are_generated()
    {
        var customerIo = GeneratorHarness.BuiltInVendors.Single(v => v.Vendor == "CustomerIo") with { Operation = "track,nope" };

        var (result, output) = GeneratorHarness.Run(new[] { customerIo });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1004", diagnostic.Id);
        Assert.Contains("'nope'", diagnostic.GetMessage());
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "CustomerIo.Profile.g.cs");
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => p.StartsWith("CS"));
    }
}
