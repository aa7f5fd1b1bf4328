using System.Linq;
using Xunit;

namespace EventContracts.Generators.Tests;

public class SnapshotTests
{
    public static TheoryData<string> Vendors => new() { "Courier", "Userpilot", "Tranthor", "CustomerIo", "PushEngage" };

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Generated_source_matches_baseline(string vendor)
    {
        var file = GeneratorHarness.BuiltInVendors.Single(v => v.Vendor == vendor);
        var (result, _) = GeneratorHarness.Run(new[] { file });

        Assert.Empty(result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var sources = result.Results.Single().GeneratedSources;
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Baselines.Verify(vendor, source.HintName, source.SourceText.ToString());
        }
    }

    [Fact]
    public void All_vendors_together_compile_without_warnings()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_input_order()
    {
        var forward = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors).Result;
        var backward = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors.Reverse()).Result;

        var a = forward.Results.Single().GeneratedSources.OrderBy(s => s.HintName).Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        var b = backward.Results.Single().GeneratedSources.OrderBy(s => s.HintName).Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        Assert.Equal(a, b);
    }
}
