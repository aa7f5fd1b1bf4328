using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// A seeded token-level mutation fuzzer over realistic consumer code (<see cref="ConsumerSources"/>): each case mutates
/// one of the sources as a user half-way through typing leaves it (a token deleted, duplicated or swapped with its
/// neighbour, the file cut, a literal replaced by another kind, <c>default</c>, <c>null</c>, <c>!</c> or an unbalanced
/// brace or parenthesis inserted, an identifier renamed, arguments reordered), lets the workspace run the generator, runs
/// every analyzer of the package and every code fix on the EC diagnostics it fixes, and checks what
/// <see cref="RobustnessCheck"/> checks.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultCases"/> cases (split over the three sources). For a long run:
/// <c>EVENTCONTRACTS_ANALYZER_FUZZ_CASES=5000 dotnet test tests/EventContracts.Analyzers.Tests -c Release --filter FullyQualifiedName~AnalyzerFuzzTests</c>;
/// <c>EVENTCONTRACTS_ANALYZER_FUZZ_SEED</c> changes the base seed (default <see cref="DefaultSeed"/>). A failure names the
/// source, the case number and the mutations; <see cref="ReplayAsync"/> runs one case again.
/// </remarks>
public sealed class AnalyzerFuzzTests
{
    public const int DefaultCases = 300;

    public const int DefaultSeed = 20261205;


    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public AnalyzerFuzzTests(ITestOutputHelper output) => _output = output;

    public static IReadOnlyList<(string Name, string Text, OutputKind Kind)> Seeds { get; } = new[]
    {
        ("Checkout", ConsumerSources.Checkout, OutputKind.DynamicallyLinkedLibrary),
        ("TopLevel", ConsumerSources.TopLevel, OutputKind.ConsoleApplication),
        ("Shop", ConsumerSources.Shop, OutputKind.DynamicallyLinkedLibrary),
    };

    public static TheoryData<int> SeedIndexes() => new() { 0, 1, 2 };

    private static int TotalCases => ReadInt("EVENTCONTRACTS_ANALYZER_FUZZ_CASES", DefaultCases);

    private static int BaseSeed => ReadInt("EVENTCONTRACTS_ANALYZER_FUZZ_SEED", DefaultSeed);

    /// <summary>
    /// Every this many cases the whole compilation is analyzed too, not just the edited document as an editor does
    /// (<c>EVENTCONTRACTS_ANALYZER_FUZZ_WHOLE_EVERY</c>; never by default: it binds all the generated code, seconds a case).
    /// </summary>
    private static int WholeCompilationEvery => ReadInt("EVENTCONTRACTS_ANALYZER_FUZZ_WHOLE_EVERY", int.MaxValue);

    [Theory]
    [MemberData(nameof(SeedIndexes))]
    public async Task Unmutated_sources_compile_and_report_with_working_fixes(int seed)
    {
        using var workspace = await CreateAsync(seed);
        var result = await RobustnessCheck.RunAsync(workspace.Project, workspace.DocumentId, wholeCompilation: true, applyFixes: true, CancellationToken.None);
        var compilation = (await workspace.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        errors.ForEach(_output.WriteLine);
        foreach (var diagnostic in result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            _output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(errors);
        Assert.Empty(result.Failures);
        Assert.NotEmpty(result.Diagnostics);
        Assert.NotNull(compilation.GetTypeByMetadataName(ConsumerSources.GeneratedNamespace + ".OrderCompleted"));
    }

    [Theory]
    [MemberData(nameof(SeedIndexes))]
    public async Task Mutated_sources_never_break_the_analyzers_or_the_fixes(int seed)
    {
        int perSeed = (TotalCases + Seeds.Count - 1) / Seeds.Count;
        using var workspace = await CreateAsync(seed);
        var failures = new List<string>();
        var stats = new Stats();
        var watch = Stopwatch.StartNew();
        for (int n = 0; n < perSeed; n++)
        {
            string? failure = await RunOneAsync(workspace, seed, n, BaseSeed, stats);
            if (failure is not null)
            {
                failures.Add(failure);
                if (failures.Count >= 10)
                {
                    break;
                }
            }
        }

        watch.Stop();
        string summary = string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1} cases in {2:F1} s (slowest {3:F2} s; {4} with compile errors; {5} EC diagnostics; {6} code actions checked; {7} skipped: Roslyn's own parser threw)",
            Seeds[seed].Name, stats.Cases, watch.Elapsed.TotalSeconds, stats.Slowest.TotalSeconds, stats.WithErrors, stats.Diagnostics, stats.Fixes, stats.RoslynFailures);
        _output.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n\n", failures));
    }

    /// <summary>
    /// A case of a long run (seed 20261207) on which Roslyn 4.14's incremental parser throws: skipped and counted, not
    /// failed (no analyzer ran).
    /// </summary>
    [Fact]
    public async Task A_case_Roslyn_itself_cannot_parse_is_skipped()
        => Assert.Null(await ReplayAsync(1, 1786, 20261207));

    /// <summary>Runs one case again (for debugging a reported failure): seed index, case number and base seed from the message.</summary>
    internal static async Task<string?> ReplayAsync(int seed, int caseNumber, int baseSeed)
    {
        using var workspace = await CreateAsync(seed);
        return await RunOneAsync(workspace, seed, caseNumber, baseSeed, new Stats());
    }

    /// <summary>The seed's project, with the generator run, the compilation built and analyzed once (as an editor has them before the first edit).</summary>
    private static async Task<AnalyzerWorkspace> CreateAsync(int seed)
    {
        var workspace = await AnalyzerWorkspace.CreateAsync(Seeds[seed].Text, Seeds[seed].Kind, otherSources: Seeds[seed].Name == "Shop" ? new[] { ConsumerSources.ShopOtherHalf } : null);
        // Warm up (the analyzers' first run reads the contracts and the plan, and JIT-compiles): the case timeout is for the cases.
        _ = await RobustnessCheck.RunAsync(workspace.Project, workspace.DocumentId, wholeCompilation: false, applyFixes: true, CancellationToken.None);
        return workspace;
    }

    private static async Task<string?> RunOneAsync(AnalyzerWorkspace workspace, int seed, int caseNumber, int baseSeed, Stats stats)
    {
        var random = new Random(unchecked(baseSeed * 1_000_003 + seed * 7_919 + caseNumber));
        var applied = new List<string>();
        string text = Seeds[seed].Text;
        int count = 1 + (random.Next(3) == 0 ? random.Next(1, 3) : 0);
        for (int i = 0; i < count; i++)
        {
            text = CSharpMutator.Apply(text, random, applied);
        }

        string header = string.Format(CultureInfo.InvariantCulture, "{0} case {1} (base seed {2}): {3}", Seeds[seed].Name, caseNumber, baseSeed, string.Join("; ", applied));
        using var timeout = new CancellationTokenSource(CaseTimeout);
        var watch = Stopwatch.StartNew();
        RobustnessResult result;
        try
        {
            result = await RobustnessCheck.RunAsync(workspace.WithSource(text), workspace.DocumentId, WholeCompilationEvery != int.MaxValue && caseNumber % WholeCompilationEvery == 0, applyFixes: true, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return header + "\n  took more than " + CaseTimeout.TotalSeconds + " s";
        }
        catch (Exception ex)
        {
            return header + "\n  " + ex;
        }

        watch.Stop();
        stats.Cases++;
        if (result.RoslynFailure is not null)
        {
            stats.RoslynFailures++;
            return null;
        }

        stats.Slowest = watch.Elapsed > stats.Slowest ? watch.Elapsed : stats.Slowest;
        stats.WithErrors += result.CompilerErrors ? 1 : 0;
        stats.Diagnostics += result.Diagnostics.Count;
        stats.Fixes += result.FixesChecked;
        return result.Failures.Count == 0 ? null : header + "\n  " + string.Join("\n  ", result.Failures) + "\n--- source ---\n" + text;
    }

    private static int ReadInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;

    private sealed class Stats
    {
        public int Cases;
        public TimeSpan Slowest;
        public int WithErrors;
        public int Diagnostics;
        public int Fixes;
        public int RoslynFailures;
    }
}

/// <summary>Token-level edits of C# source, as a user half-way through typing leaves it.</summary>
internal static class CSharpMutator
{
    private static readonly string[] s_literals =
    {
        "\"\"", "\" \"", "null", "default", "default(string)", "42", "-1", "3.5m", "1e308", "'x'", "true", "$\"Order {1}\"", "$\"Order Completed\"",
        "\"Order Complete\"", "\"order_completed\"", "\"\\n\"", "\"\\uD800\"", "@\"Order\nCompleted\"", "\"\"\"Signed Up\"\"\"", "\"x\"u8", "(string)null", "nameof(Tracker)",
        "new object()", "new { }", "new()", "new[] { 1 }", "null!", "\"Cart Viewed\" + \"\"", "\"revenue\"", "(object)\"\"", "typeof(string)", "throw null",
        "\"" + new string('x', 300) + "\"",
    };

    private static readonly string[] s_inserted =
    {
        "default", "null", "!", "{", "}", "(", ")", "[", "]", ",", ";", "=>", "?", "..", "=", ":", "new", "await", "ref", "out", "params", "dynamic",
        "\"", "'", "/*", "//", "@", "$\"", "#if X\n", "\n#endif\n", "#nullable disable\n", "this", "base", "static", "partial", "<", ">", "::", "in", "^",
    };

    private static readonly string[] s_names =
    {
        "x", "Track", "TrackAsync", "Identify", "name", "userId", "messageId", "properties", "EventName", "Tracker", "var", "dynamic", "nameof", "@class",
        "_", "value", "OrderCompleted", "SignedUp", "BatchItem", "MessageId", "Dictionary", "Add", "string", "object", "Revenue", "Profile", "async",
    };

    public static string Apply(string text, Random random, List<string> applied)
    {
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            applied.Add("insert Tracker.Track(\"\")");
            return text + "Tracker.Track(\"\")";
        }

        var token = tokens[random.Next(tokens.Count)];
        switch (random.Next(11))
        {
            case 0:
                applied.Add("delete '" + token.Text + "' at " + token.SpanStart);
                return text.Remove(token.SpanStart, token.Span.Length);
            case 1:
                applied.Add("duplicate '" + token.Text + "' at " + token.SpanStart);
                return text.Insert(token.Span.End, " " + token.Text);
            case 2:
            {
                int i = tokens.IndexOf(token);
                if (i + 1 >= tokens.Count)
                {
                    goto case 0;
                }

                var next = tokens[i + 1];
                applied.Add("swap '" + token.Text + "' and '" + next.Text + "' at " + token.SpanStart);
                return text.Substring(0, token.SpanStart) + next.Text + text.Substring(token.Span.End, next.SpanStart - token.Span.End) + token.Text + text.Substring(next.Span.End);
            }

            case 3:
            {
                int at = random.Next(2) == 0 ? token.SpanStart : random.Next(text.Length + 1);
                applied.Add("cut at " + at);
                return text.Substring(0, at);
            }

            case 4:
            case 5:
            {
                var literals = tokens.Where(t => t.Parent is LiteralExpressionSyntax || t.IsKind(SyntaxKind.InterpolatedStringStartToken)).ToList();
                var target = literals.Count > 0 ? literals[random.Next(literals.Count)] : token;
                var span = target.Parent is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax ? target.Parent.Span : target.Span;
                string replacement = s_literals[random.Next(s_literals.Length)];
                applied.Add("replace '" + text.Substring(span.Start, span.Length) + "' at " + span.Start + " with " + replacement);
                return text.Substring(0, span.Start) + replacement + text.Substring(span.End);
            }

            case 6:
            {
                string inserted = s_inserted[random.Next(s_inserted.Length)];
                int at = random.Next(2) == 0 ? token.SpanStart : token.Span.End;
                applied.Add("insert '" + inserted.Replace("\n", "\\n", StringComparison.Ordinal) + "' at " + at);
                return text.Insert(at, " " + inserted + " ");
            }

            case 7:
            {
                var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                if (identifiers.Count == 0)
                {
                    goto case 0;
                }

                var target = identifiers[random.Next(identifiers.Count)];
                string name = random.Next(2) == 0 ? identifiers[random.Next(identifiers.Count)].Text : s_names[random.Next(s_names.Length)];
                applied.Add("rename '" + target.Text + "' at " + target.SpanStart + " to " + name);
                return text.Substring(0, target.SpanStart) + name + text.Substring(target.Span.End);
            }

            case 8:
            {
                int i = tokens.IndexOf(token);
                int end = Math.Min(tokens.Count - 1, i + random.Next(1, 8));
                applied.Add("delete tokens " + token.SpanStart + ".." + tokens[end].Span.End);
                return text.Remove(token.SpanStart, tokens[end].Span.End - token.SpanStart);
            }

            case 9:
            {
                // Arguments in another order (named or not), or one argument dropped: a call being edited.
                var lists = root.DescendantNodes().OfType<ArgumentListSyntax>().Where(l => l.Arguments.Count >= 1).ToList();
                if (lists.Count == 0)
                {
                    goto case 0;
                }

                var list = lists[random.Next(lists.Count)];
                var arguments = list.Arguments.Select(a => a.ToString()).ToList();
                if (arguments.Count >= 2 && random.Next(2) == 0)
                {
                    int a = random.Next(arguments.Count), b = random.Next(arguments.Count);
                    (arguments[a], arguments[b]) = (arguments[b], arguments[a]);
                    applied.Add("swap arguments " + a + " and " + b + " at " + list.SpanStart);
                }
                else
                {
                    int a = random.Next(arguments.Count);
                    arguments.RemoveAt(a);
                    applied.Add("drop argument " + a + " at " + list.SpanStart);
                }

                return text.Substring(0, list.SpanStart) + "(" + string.Join(", ", arguments) + ")" + text.Substring(list.Span.End);
            }

            default:
            {
                // A statement duplicated or deleted: a line copied or cut.
                var statements = root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).ToList();
                if (statements.Count == 0)
                {
                    goto case 1;
                }

                var statement = statements[random.Next(statements.Count)];
                if (random.Next(2) == 0)
                {
                    applied.Add("delete statement at " + statement.SpanStart);
                    return text.Remove(statement.SpanStart, statement.Span.Length);
                }

                applied.Add("duplicate statement at " + statement.SpanStart);
                return text.Insert(statement.Span.End, "\n" + statement.ToString());
            }
        }
    }
}
