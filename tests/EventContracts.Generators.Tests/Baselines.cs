using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// Compares generated sources with files under Baselines/. Run
/// <c>dotnet test tests/EventContracts.Generators.Tests -p:UpdateBaselines=true</c> to accept new output.
/// </summary>
public static class Baselines
{
    public static bool Updating { get; } = typeof(Baselines).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Any(a => a.Key == "UpdateBaselines" && a.Value == "true");

    public static string Directory => Path.Combine(GeneratorHarness.RepositoryRoot, "tests", "EventContracts.Generators.Tests", "Baselines");

    public static void Verify(string testId, string hintName, string actual)
    {
        string path = Path.Combine(Directory, testId, hintName + ".txt");
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No baseline {path}. Run: dotnet test tests/EventContracts.Generators.Tests -p:UpdateBaselines=true");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            Assert.Fail($"Generated {hintName} differs from {path} (accept with -p:UpdateBaselines=true):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>A readable line diff: the first differing lines with context.</summary>
    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int first = 0;
        while (first < e.Length && first < a.Length && e[first] == a[first])
        {
            first++;
        }

        var sb = new StringBuilder();
        for (int i = Math.Max(0, first - 3); i < Math.Min(Math.Max(e.Length, a.Length), first + 12); i++)
        {
            string left = i < e.Length ? e[i] : "<end>";
            string right = i < a.Length ? a[i] : "<end>";
            sb.AppendLine(left == right ? "  " + left : "- " + left + "\n+ " + right);
        }

        return sb.ToString();
    }
}
