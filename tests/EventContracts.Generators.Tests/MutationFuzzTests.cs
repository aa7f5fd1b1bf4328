using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Generators.Tests;

/// <summary>
/// A seeded mutation fuzzer over the five built-in vendor contracts and a tracking plan. Each case mutates one input
/// (byte flips, truncation, deleted/duplicated/reordered lines and nodes, type swaps, huge numbers, deep nesting,
/// <c>$ref</c> cycles, identifier clashes, C# keywords, non-ASCII names), runs the generator and checks:
/// no exception escapes it (no CS8785), every diagnostic lies inside its input file, and whenever no EC error was
/// reported the consumer compilation has no errors (checked on every <see cref="CompileEvery"/>th case).
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultCases"/> cases in all (split over the six inputs). For a long run:
/// <c>EVENTCONTRACTS_FUZZ_CASES=20000 dotnet test tests/EventContracts.Generators.Tests --filter FullyQualifiedName~MutationFuzzTests</c>;
/// <c>EVENTCONTRACTS_FUZZ_SEED</c> changes the base seed (default 20240601), <c>EVENTCONTRACTS_FUZZ_COMPILE_EVERY</c>
/// the compile sample. A failure names the input, the case number and the mutations, so one case can be replayed
/// with <see cref="Replay"/>.
/// </remarks>
public sealed class MutationFuzzTests
{
    public const int DefaultCases = 2_000;

    public const int DefaultSeed = 20240601;

    private const int CompileEvery = 10;

    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    public MutationFuzzTests(ITestOutputHelper output) => _output = output;

    /// <summary>A realistic plan: eight events across the five vendors, shared definitions and a local $ref.</summary>
    public const string Plan = """
        # Shop tracking plan used by the mutation fuzzer.
        events:
          - name: Order Completed
            description: A customer paid for an order.
            destinations: [Courier, CustomerIo, Tranthor]
            properties:
              type: object
              required: [order_id, revenue]
              properties:
                order_id: { type: string, maxLength: 64 }
                revenue: { type: number, minimum: 0 }
                currency: { type: string, pattern: "^[A-Z]{3}$" }
                coupon_used: { type: boolean }
                items:
                  type: array
                  maxItems: 50
                  items: { $ref: "#/definitions/LineItem" }
          - name: Order Refunded
            description: An order was refunded, fully or in part.
            destinations: [Courier, CustomerIo]
            properties:
              type: object
              required: [order_id, revenue]
              properties:
                order_id: { type: string }
                revenue: { type: number, maximum: 0 }
                reason: { type: string, enum: [damaged, late, other] }
          - name: Product Viewed
            description: A product page was shown.
            destinations: [Userpilot, PushEngage]
            properties:
              type: object
              additionalProperties: false
              required: [sku]
              properties:
                sku: { type: string, minLength: 1, maxLength: 32 }
                price: { type: number, minimum: 0, multipleOf: 0.01 }
                in_stock: { type: boolean }
          - name: Cart Updated
            description: Items were added to or removed from the cart.
            destinations: [Tranthor, CustomerIo]
            properties:
              type: object
              properties:
                cart_id: { type: string, format: uuid }
                items:
                  type: array
                  items: { $ref: "#/definitions/LineItem" }
                total: { $ref: "#/definitions/Money" }
          - name: Signed Up
            description: A visitor created an account.
            destinations: [Courier, Userpilot, Tranthor, CustomerIo, PushEngage]
            properties:
              type: object
              additionalProperties: false
              properties:
                plan: { type: string, enum: [free, pro, team] }
                seats: { type: integer, minimum: 1, maximum: 1000 }
          - name: Newsletter Subscribed
            description: A user subscribed to the newsletter.
            destinations: [CustomerIo, PushEngage]
            properties:
              type: object
              required: [email]
              properties:
                email: { type: string, format: email }
                source: { type: string }
          - name: Support Ticket Opened
            description: A customer opened a support ticket.
            destinations: [Courier]
            properties:
              type: object
              required: [ticket_id, priority]
              properties:
                ticket_id: { type: integer }
                priority: { type: string, enum: [low, normal, urgent] }
                opened_at: { type: string, format: date-time }
                tags: { type: array, uniqueItems: true, items: { type: string } }
          - name: Payment Failed
            description: A payment attempt was declined.
            destinations: [Courier, Tranthor]
            properties:
              type: object
              required: [order_id]
              properties:
                order_id: { type: string }
                amount: { $ref: "#/definitions/Money" }
                code: { oneOf: [{ type: string }, { type: integer }] }
        definitions:
          LineItem:
            type: object
            required: [sku, quantity]
            properties:
              sku: { type: string }
              quantity: { type: integer, minimum: 1 }
              unit_price: { $ref: "#/definitions/Money" }
          Money:
            type: object
            required: [amount, currency]
            properties:
              amount: { type: number }
              currency: { type: string, minLength: 3, maxLength: 3 }
        """;

    public static TestFile PlanFile { get; } = new("/fuzz/tracking-plan.yaml", Plan, Kind: "TrackingPlan");

    /// <summary>The inputs: the five vendor contracts, then the plan (index 5).</summary>
    public static IReadOnlyList<TestFile> Inputs { get; } = GeneratorHarness.BuiltInVendors.Append(PlanFile).ToList();

    public static TheoryData<int> InputIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Inputs.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static int TotalCases => ReadInt("EVENTCONTRACTS_FUZZ_CASES", DefaultCases);

    private static int BaseSeed => ReadInt("EVENTCONTRACTS_FUZZ_SEED", DefaultSeed);

    private static int CompileSample => Math.Max(1, ReadInt("EVENTCONTRACTS_FUZZ_COMPILE_EVERY", CompileEvery));

    [Fact]
    public void Unmutated_inputs_generate_without_errors()
    {
        var files = Inputs.ToList();
        var (run, output, _) = RunCase(files);
        Assert.Null(run.Results.Single().Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(InputIndexes))]
    public void Mutated_input_never_breaks_the_generator(int input)
    {
        int perInput = (TotalCases + Inputs.Count - 1) / Inputs.Count;
        var stats = new Stats();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        for (int n = 0; n < perInput; n++)
        {
            string? failure = RunOne(input, n, stats, BaseSeed);
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
            "{0}: {1} cases in {2:F1} s ({3} compiled, {4} with an EC error, {5} with warnings only, {6} clean; {7} compiled with EC errors and compile errors)",
            Name(input), stats.Cases, watch.Elapsed.TotalSeconds, stats.Compiled, stats.WithEcError, stats.WithWarningsOnly, stats.Clean, stats.CompileErrorsDespiteEcError);
        _output.WriteLine(summary);
        foreach (string note in stats.Notes.Take(20))
        {
            _output.WriteLine("  note: " + note);
        }

        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n\n", failures));
    }

    /// <summary>
    /// Cases long runs found, fixed since: CS0542 for events named like record members, CS0136 for two maps in one
    /// block (base seed 20240601), CS0162 for a presence branch naming a property no member writes (base seed 20261125).
    /// </summary>
    [Theory]
    [InlineData(5, 1310, DefaultSeed)]
    [InlineData(5, 1470, DefaultSeed)]
    [InlineData(0, 660, DefaultSeed)]
    [InlineData(2, 1690, 20261125)]
    public void Cases_found_by_the_long_run_stay_fixed(int input, int caseNumber, int baseSeed)
        => Assert.Null(Replay(input, caseNumber, baseSeed));

    /// <summary>Runs one case again (for debugging a reported failure): input index, case number and base seed from the message.</summary>
    internal static string? Replay(int input, int caseNumber, int baseSeed) => RunOne(input, caseNumber, new Stats(), baseSeed);

    private static string? RunOne(int input, int caseNumber, Stats stats, int baseSeed)
    {
        int seed = unchecked(baseSeed * 1_000_003 + input * 7_919 + caseNumber);
        var random = new Random(seed);
        TestFile original = Inputs[input];
        var applied = new List<string>();
        string text = original.Text;
        int count = 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        for (int i = 0; i < count; i++)
        {
            text = Mutator.Apply(text, random, applied);
        }

        TestFile mutated = original with { Text = text };

        // A plan case keeps the vendors beside it (destinations resolve) and reuses a driver that already ran them, as
        // an IDE does when only the plan is edited; a vendor case runs alone on a fresh driver.
        bool plan = input == Inputs.Count - 1;
        List<TestFile> files = plan ? GeneratorHarness.BuiltInVendors.Append(mutated).ToList() : new List<TestFile> { mutated };
        string where = Name(input) + " case " + caseNumber.ToString(CultureInfo.InvariantCulture) + " (seed " + seed.ToString(CultureInfo.InvariantCulture) + "; " + string.Join(", ", applied) + ")";
        stats.Cases++;

        GeneratorDriverRunResult run;
        Compilation output;
        try
        {
            (run, output, _) = plan ? RunPlanCase(mutated) : RunCase(files);
        }
        catch (Exception ex)
        {
            return where + ": the generator run failed: " + ex;
        }

        var problems = new List<string>();
        var result = run.Results.Single();
        if (result.Exception is not null)
        {
            problems.Add("exception escaped the generator: " + result.Exception);
        }

        foreach (var d in run.Diagnostics.Where(d => d.Id == "CS8785"))
        {
            problems.Add("CS8785: " + d.GetMessage(CultureInfo.InvariantCulture));
        }

        var texts = files.ToDictionary(f => f.Path, f => SourceText.From(f.Text), StringComparer.Ordinal);
        foreach (var diagnostic in run.Diagnostics)
        {
            if (!diagnostic.Id.StartsWith("EC", StringComparison.Ordinal))
            {
                continue;
            }

            var lineSpan = diagnostic.Location.GetLineSpan();
            if (!(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile) || !texts.TryGetValue(lineSpan.Path ?? string.Empty, out var sourceText))
            {
                problems.Add(diagnostic.Id + " is not located in an input file: " + diagnostic);
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            if (span.Start < 0 || span.End > sourceText.Length)
            {
                problems.Add(diagnostic.Id + " has span " + span + " outside a text of length " + sourceText.Length + ": " + diagnostic);
                continue;
            }

            if (sourceText.Lines.GetLinePosition(span.Start) != lineSpan.StartLinePosition)
            {
                problems.Add(diagnostic.Id + " line/column " + lineSpan.StartLinePosition + " is not where its span starts: " + diagnostic);
            }
        }

        bool ecError = run.Diagnostics.Any(d => d.Id.StartsWith("EC", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (ecError)
        {
            stats.WithEcError++;
        }
        else if (run.Diagnostics.Any())
        {
            stats.WithWarningsOnly++;
        }
        else
        {
            stats.Clean++;
        }

        if (caseNumber % CompileSample == 0)
        {
            stats.Compiled++;
            var errors = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan())
                .Take(5)
                .ToList();
            if (errors.Count > 0)
            {
                if (ecError)
                {
                    // Not what the brief requires, but worth knowing: the hostile corpus expects even this to compile.
                    stats.CompileErrorsDespiteEcError++;
                    stats.Notes.Add(where + ": " + string.Join("; ", errors));
                }
                else
                {
                    problems.Add("no EC error was reported, but the generated code does not compile:\n    " + string.Join("\n    ", errors));
                }
            }
        }

        return problems.Count == 0 ? null : where + ":\n  " + string.Join("\n  ", problems) + "\n--- input ---\n" + Excerpt(text);
    }

    private static readonly Lazy<(GeneratorDriver Driver, AdditionalText Plan, Compilation Compilation)> s_planDriver = new(() =>
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(Inputs, out var texts).RunGenerators(compilation);
        return (driver, texts.Single(t => t.Path == PlanFile.Path), compilation);
    });

    private static (GeneratorDriverRunResult Run, Compilation Output, TimeSpan Elapsed) RunPlanCase(TestFile plan)
    {
        var (baseDriver, original, compilation) = s_planDriver.Value;
        return WithinTimeout(() =>
        {
            var driver = baseDriver.ReplaceAdditionalText(original, GeneratorHarness.ToAdditionalText(plan))
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
            return (driver.GetRunResult(), output);
        });
    }

    private static (GeneratorDriverRunResult Run, Compilation Output, TimeSpan Elapsed) RunCase(IReadOnlyList<TestFile> files)
        => WithinTimeout(() =>
        {
            var driver = GeneratorHarness.CreateDriver(files)
                .RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out var output, out _, CancellationToken.None);
            return (driver.GetRunResult(), output);
        });

    /// <summary>
    /// Runs one case, failing it when the generator has not finished within <see cref="CaseTimeout"/> (a hang). On a thread
    /// of its own, so that time spent queued behind the thread-pool work of the tests running alongside does not count:
    /// in one CI run a replayed case that takes 2 s alone reached the 30 s.
    /// </summary>
    private static (GeneratorDriverRunResult Run, Compilation Output, TimeSpan Elapsed) WithinTimeout(Func<(GeneratorDriverRunResult Run, Compilation Output)> run)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(CaseTimeout))
        {
            throw new TimeoutException("The generator did not finish within " + CaseTimeout.TotalSeconds + " s");
        }

        return (task.Result.Run, task.Result.Output, watch.Elapsed);
    }

    private static string Name(int input) => System.IO.Path.GetFileName(Inputs[input].Path);

    private static string Excerpt(string text) => text.Length <= 3000 ? text : text.Substring(0, 3000) + "\n... (" + text.Length + " characters)";

    private static int ReadInt(string variable, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;

    private sealed class Stats
    {
        public int Cases;
        public int Compiled;
        public int WithEcError;
        public int WithWarningsOnly;
        public int Clean;
        public int CompileErrorsDespiteEcError;
        public List<string> Notes { get; } = new();
    }
}

/// <summary>Text mutations of YAML/JSON contracts, each drawn from a seeded <see cref="Random"/>.</summary>
internal static class Mutator
{
    private static readonly Regex s_key = new(@"^(?<indent>\s*(?:-\s+)?)(?<key>[A-Za-z_$][\w$.\-]*|""[^""]*""|'[^']*')\s*:", RegexOptions.CultureInvariant);

    private static readonly Regex s_number = new(@"(?<=[:\[,]\s*)-?\d+(\.\d+)?(?=\s*[,}\]\r\n]|$)", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static readonly Regex s_type = new(@"type:\s*(?<t>string|number|integer|object|array|boolean|""string""|""number""|""integer""|""object""|""array""|""boolean"")", RegexOptions.CultureInvariant);

    private static readonly string[] s_keywords = { "class", "namespace", "void", "int", "string", "object", "event", "params", "this", "base", "operator", "default", "record", "init", "value", "global", "@class", "System", "Equals", "GetHashCode", "ToString", "EqualityContract", "Clone", "Validate", "WriteTo", "AdditionalProperties", "EventName", "Destinations", "Profile", "Consumer", "EventContracts" };

    private static readonly string[] s_unicode = { "名前", "ünïcødé", "prix_€", "😀", "a\u200Bb", "ﬁle", "İstanbul", "שלום", "Ωmega", "e\u0301", "\u00A0x", "x\u0000y", "\uFEFFbom", "Σσς", "ǅ", "١٢٣" };

    private static readonly string[] s_typeNames = { "string", "number", "integer", "object", "array", "boolean", "null", "[string, number]", "[]", "{}", "foo", "'object'" };

    private static readonly string[] s_hugeNumbers = { "1e400", "-1e400", "99999999999999999999999999999999999999", "79228162514264337593543950336", "9223372036854775808", "-9223372036854775809", "1.0000000000000000000000000001", "0.0000000000000000000000000000000001", "1e-400", "-0", "0x1F", ".5", "1_000", "NaN", ".inf", "-.inf", "2147483648", "-1" };

    private static readonly string[] s_tokens = { "&a", "*a", "!!binary", "\t", "---", "...", "%YAML 1.2", "? ", "|", ">-", "{", "}", "[", "]", "\"", "'", "#", "<<: *a", "!custom", "\\u0000", "\r", "~", "null", ": :" };

    public static string Apply(string text, Random random, List<string> applied)
    {
        int kind = random.Next(16);
        switch (kind)
        {
            case 0: return FlipBytes(text, random, applied);
            case 1: return Truncate(text, random, applied);
            case 2: return DeleteLines(text, random, applied);
            case 3: return DuplicateLine(text, random, applied);
            case 4: return ReorderLines(text, random, applied);
            case 5: return DeleteNode(text, random, applied);
            case 6: return DuplicateNode(text, random, applied);
            case 7: return SwapType(text, random, applied);
            case 8: return SwapScalar(text, random, applied);
            case 9: return HugeNumber(text, random, applied);
            case 10: return DeepNesting(text, random, applied);
            case 11: return RefCycle(text, random, applied);
            case 12: return ClashIdentifier(text, random, applied);
            case 13: return RenameKey(text, random, applied, s_keywords, "keyword");
            case 14: return RenameKey(text, random, applied, s_unicode, "non-ASCII");
            default: return InsertToken(text, random, applied);
        }
    }

    private static string[] Lines(string text) => text.Split('\n');

    private static string Join(IEnumerable<string> lines) => string.Join("\n", lines);

    private static string FlipBytes(string text, Random random, List<string> applied)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
        {
            return text;
        }

        int flips = random.Next(1, 5);
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
        }

        applied.Add("flip " + flips + " bits");
        return Encoding.UTF8.GetString(bytes);
    }

    private static string Truncate(string text, Random random, List<string> applied)
    {
        int at = random.Next(text.Length + 1);
        applied.Add("truncate at " + at);
        return text.Substring(0, at);
    }

    private static string DeleteLines(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        int at = random.Next(lines.Count);
        int count = Math.Min(random.Next(1, 4), lines.Count - at);
        lines.RemoveRange(at, count);
        applied.Add("delete lines " + (at + 1) + ".." + (at + count));
        return Join(lines);
    }

    private static string DuplicateLine(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        int at = random.Next(lines.Count);
        lines.Insert(at, lines[at]);
        applied.Add("duplicate line " + (at + 1));
        return Join(lines);
    }

    private static string ReorderLines(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        if (lines.Count < 2)
        {
            return text;
        }

        int a = random.Next(lines.Count - 1);
        int b = random.Next(2) == 0 ? a + 1 : random.Next(lines.Count);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        applied.Add("swap lines " + (a + 1) + " and " + (b + 1));
        return Join(lines);
    }

    /// <summary>A key line and the lines indented below it.</summary>
    private static (int Start, int End)? PickNode(List<string> lines, Random random)
    {
        var keyLines = Enumerable.Range(0, lines.Count).Where(i => s_key.IsMatch(lines[i])).ToList();
        if (keyLines.Count == 0)
        {
            return null;
        }

        int start = keyLines[random.Next(keyLines.Count)];
        int indent = Indent(lines[start]);
        int end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent))
        {
            end++;
        }

        return (start, end);
    }

    private static int Indent(string line)
    {
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '-'))
        {
            i++;
        }

        return i;
    }

    private static string DeleteNode(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        if (PickNode(lines, random) is not (int start, int end))
        {
            return text;
        }

        lines.RemoveRange(start, end - start);
        applied.Add("delete node at line " + (start + 1) + " (" + (end - start) + " lines)");
        return Join(lines);
    }

    private static string DuplicateNode(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        if (PickNode(lines, random) is not (int start, int end))
        {
            return text;
        }

        var node = lines.GetRange(start, end - start);
        int insertAt = random.Next(2) == 0 ? end : random.Next(lines.Count + 1);
        lines.InsertRange(insertAt, node);
        applied.Add("duplicate node at line " + (start + 1) + " to line " + (insertAt + 1));
        return Join(lines);
    }

    private static string SwapType(string text, Random random, List<string> applied)
    {
        var matches = s_type.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var m = matches[random.Next(matches.Count)];
        string replacement = s_typeNames[random.Next(s_typeNames.Length)];
        var g = m.Groups["t"];
        applied.Add("type " + g.Value + " -> " + replacement + " at " + g.Index);
        return text.Substring(0, g.Index) + replacement + text.Substring(g.Index + g.Length);
    }

    /// <summary>Replaces a scalar value after a key with a value of another kind (string, number, object, array).</summary>
    private static string SwapScalar(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => s_key.Match(lines[i]) is { Success: true } m && lines[i].Length > m.Length + 1).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        int at = candidates[random.Next(candidates.Count)];
        var match = s_key.Match(lines[at]);
        string[] values = { "\"text\"", "42", "-3.5", "{}", "{ a: 1 }", "[]", "[1, \"x\", {}]", "true", "null", "~", "''" };
        string value = values[random.Next(values.Length)];
        applied.Add("value at line " + (at + 1) + " -> " + value);
        lines[at] = match.Value + " " + value;
        return Join(lines);
    }

    private static string HugeNumber(string text, Random random, List<string> applied)
    {
        var matches = s_number.Matches(text);
        string huge = s_hugeNumbers[random.Next(s_hugeNumbers.Length)];
        if (matches.Count == 0)
        {
            return text;
        }

        var m = matches[random.Next(matches.Count)];
        applied.Add("number " + m.Value + " -> " + huge + " at " + m.Index);
        return text.Substring(0, m.Index) + huge + text.Substring(m.Index + m.Length);
    }

    /// <summary>Adds, under a random <c>properties:</c> block line, a property nested 20..2000 objects deep (flow or block style).</summary>
    private static string DeepNesting(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        var anchors = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimEnd().EndsWith("properties:", StringComparison.Ordinal)).ToList();
        int depth = random.Next(3) switch { 0 => random.Next(20, 64), 1 => random.Next(64, 300), _ => random.Next(300, 2000) };
        var nested = new StringBuilder();
        bool arrays = random.Next(2) == 0;
        for (int i = 0; i < depth; i++)
        {
            nested.Append(arrays ? "{ type: array, items: " : "{ type: object, properties: { n: ");
        }

        nested.Append("{ type: string }");
        for (int i = 0; i < depth; i++)
        {
            nested.Append(arrays ? " }" : " } }");
        }

        applied.Add("nest " + depth + (arrays ? " arrays" : " objects"));
        if (anchors.Count == 0)
        {
            return text + "\ndeep: " + nested;
        }

        int at = anchors[random.Next(anchors.Count)];
        string indent = new string(' ', lines[at].Length - lines[at].TrimStart().Length + 2);
        lines.Insert(at + 1, indent + "deep_" + depth + ": " + nested);
        return Join(lines);
    }

    /// <summary>Points a $ref at itself or builds a two-schema cycle in the file's definitions.</summary>
    private static string RefCycle(string text, Random random, List<string> applied)
    {
        var refs = Regex.Matches(text, @"\$ref:\s*[""']?(?<target>#/[^""'\s}]+)[""']?", RegexOptions.CultureInvariant);
        bool openApi = text.Contains("components:", StringComparison.Ordinal);
        string prefix = openApi ? "#/components/schemas/" : "#/definitions/";
        if (refs.Count > 0 && random.Next(2) == 0)
        {
            // Make the referenced schema reference itself, directly or through allOf.
            var m = refs[random.Next(refs.Count)];
            string name = m.Groups["target"].Value.Split('/').Last();
            var lines = Lines(text).ToList();
            int def = lines.FindIndex(l => l.TrimStart().StartsWith(name + ":", StringComparison.Ordinal));
            if (def >= 0)
            {
                string indent = new string(' ', lines[def].Length - lines[def].TrimStart().Length + 2);
                string self = m.Groups["target"].Value;
                lines.Insert(def + 1, random.Next(2) == 0 ? indent + "allOf: [{ $ref: \"" + self + "\" }]" : indent + "$ref: \"" + self + "\"");
                applied.Add("self $ref in " + name);
                return Join(lines);
            }
        }

        // A new property referring to a cycle A -> B -> A (or A -> A).
        string a = "CycleA" + random.Next(100), b = random.Next(2) == 0 ? a : "CycleB" + random.Next(100);
        string block = openApi
            ? "\n    " + a + ": { type: object, properties: { next: { $ref: \"" + prefix + b + "\" } } }\n    " + (a == b ? string.Empty : b + ": { $ref: \"" + prefix + a + "\" }")
            : "\n  " + a + ": { type: object, properties: { next: { $ref: \"" + prefix + b + "\" } } }\n  " + (a == b ? string.Empty : b + ": { allOf: [{ $ref: \"" + prefix + a + "\" }] }");
        var all = Lines(text).ToList();
        int anchor = all.FindIndex(l => l.TrimEnd() == (openApi ? "  schemas:" : "definitions:"));
        if (anchor < 0)
        {
            all.Add(openApi ? "components:\n  schemas:" : "definitions:");
            anchor = all.Count - 1;
        }

        all.Insert(anchor + 1, block.TrimStart('\n'));
        int props = all.FindIndex(l => l.TrimEnd().EndsWith("properties:", StringComparison.Ordinal));
        if (props >= 0)
        {
            string indent = new string(' ', all[props].Length - all[props].TrimStart().Length + 2);
            all.Insert(props + 1, indent + "cycle: { $ref: \"" + prefix + a + "\" }");
        }

        applied.Add("$ref cycle " + a + (a == b ? string.Empty : " <-> " + b));
        return Join(all);
    }

    /// <summary>Adds a sibling whose name maps to the same C# identifier (order_id / orderId / OrderId / order-id / order id).</summary>
    private static string ClashIdentifier(string text, Random random, List<string> applied)
    {
        var lines = Lines(text).ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => s_key.IsMatch(lines[i])).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        int at = candidates[random.Next(candidates.Count)];
        var m = s_key.Match(lines[at]);
        string key = m.Groups["key"].Value.Trim('"', '\'');
        string[] variants =
        {
            key.ToUpperInvariant(), key.Replace('_', '-'), key.Replace("_", string.Empty, StringComparison.Ordinal), "_" + key, key + "_", key.Replace('_', ' '),
            char.ToUpperInvariant(key.Length > 0 ? key[0] : 'x') + (key.Length > 1 ? key.Substring(1) : string.Empty), key + "2", "\"" + key + " \"",
        };
        string variant = variants[random.Next(variants.Length)];
        if (!variant.StartsWith("\"", StringComparison.Ordinal))
        {
            variant = "\"" + variant + "\"";
        }

        lines.Insert(at, m.Groups["indent"].Value.Replace('-', ' ') + variant + lines[at].Substring(m.Length - 1));
        applied.Add("clash " + key + " / " + variant + " at line " + (at + 1));
        return Join(lines);
    }

    private static string RenameKey(string text, Random random, List<string> applied, string[] names, string what)
    {
        var lines = Lines(text).ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => s_key.IsMatch(lines[i])).ToList();

        // Event names, operation ids and enum values are identifiers too.
        var values = Regex.Matches(text, @"(?<=(name|operationId|title):\s*)[^\s#][^\n#]*", RegexOptions.CultureInvariant);
        string name = names[random.Next(names.Length)];
        string quoted = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal) + "\"";
        if (values.Count > 0 && random.Next(3) == 0)
        {
            var v = values[random.Next(values.Count)];
            applied.Add(what + " value " + name + " at " + v.Index);
            return text.Substring(0, v.Index) + quoted + text.Substring(v.Index + v.Length);
        }

        if (candidates.Count == 0)
        {
            return text;
        }

        int at = candidates[random.Next(candidates.Count)];
        var m = s_key.Match(lines[at]);
        var key = m.Groups["key"];
        applied.Add(what + " key " + key.Value + " -> " + name + " at line " + (at + 1));
        lines[at] = lines[at].Substring(0, key.Index) + quoted + lines[at].Substring(key.Index + key.Length);
        return Join(lines);
    }

    private static string InsertToken(string text, Random random, List<string> applied)
    {
        string token = s_tokens[random.Next(s_tokens.Length)];
        int at = random.Next(text.Length + 1);
        applied.Add("insert " + Regex.Escape(token) + " at " + at);
        return text.Insert(at, token);
    }
}
