using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// Broken and hostile contract files, built in code. Whatever the input, the generator must not
/// throw or hang, must locate every diagnostic inside the input, and must never emit code that
/// does not compile.
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in HostileCorpus.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_fifty_cases()
        => Assert.True(HostileCorpus.Names.Count >= 50, "The hostile corpus has only " + HostileCorpus.Names.Count + " cases.");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_survives_and_locates_every_problem(string name)
    {
        var files = HostileCorpus.Files(name);
        var outcome = HostileCorpus.Run(files);
        var result = outcome.Result.Results.Single();

        Assert.Null(result.Exception);
        Assert.DoesNotContain(outcome.Result.Diagnostics, d => d.Id == "CS8785");

        var texts = files.ToDictionary(f => f.Path, f => SourceText.From(f.Text), StringComparer.Ordinal);
        foreach (var diagnostic in outcome.Result.Diagnostics)
        {
            Assert.StartsWith("EC", diagnostic.Id, StringComparison.Ordinal);
            Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, diagnostic + " has no file location");
            var lineSpan = diagnostic.Location.GetLineSpan();
            Assert.True(texts.TryGetValue(lineSpan.Path, out var text), diagnostic + " is located outside the input files");
            var span = diagnostic.Location.SourceSpan;
            Assert.True(span.Start >= 0 && span.End <= text!.Length, diagnostic + " has span " + span + " outside a text of length " + text!.Length);

            // The line/column Roslyn shows must be where the span starts.
            Assert.Equal(text.Lines.GetLinePosition(span.Start), lineSpan.StartLinePosition);
            Assert.Equal(text.Lines.GetLinePosition(span.End), lineSpan.EndLinePosition);
        }

        // Nothing is dropped silently: a contract that generates no code says why.
        if (!outcome.Result.GeneratedTrees.Any(t => t.FilePath.EndsWith(".Types.g.cs", StringComparison.Ordinal)))
        {
            Assert.Contains(outcome.Result.Diagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        }

        // Whatever was generated compiles and emits (XML docs checked, warnings as errors), whether or not the input had errors.
        Assert.Empty(HostileCorpus.EmitProblems(outcome.Output));
    }

    [Fact]
    public void Ten_megabyte_contract_is_read_in_seconds()
    {
        var files = HostileCorpus.Files("10mb-file");
        Assert.True(files[0].Text.Length >= 10 * 1024 * 1024);

        var stopwatch = Stopwatch.StartNew();
        var outcome = HostileCorpus.Run(files);
        stopwatch.Stop();

        Assert.Null(outcome.Result.Results.Single().Exception);
        Assert.Empty(outcome.Result.Diagnostics);
        Assert.Contains(outcome.Result.GeneratedTrees, t => t.FilePath.EndsWith("Hostile.Types.g.cs", StringComparison.Ordinal));
        // A guard against super-linear reading, not a speed target: generous, so a loaded CI machine does not trip it.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "Reading a 10 MB contract took " + stopwatch.Elapsed);
    }

    [Fact]
    public void Self_referencing_allOf_is_reported_and_still_generates_an_any_value_contract()
    {
        var outcome = HostileCorpus.Run(HostileCorpus.Files("self-allof"));

        Assert.Null(outcome.Result.Results.Single().Exception);
        Assert.Equal(new[] { "EC1006", "EC1024" }, outcome.Result.Diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Empty(HostileCorpus.EmitProblems(outcome.Output));
        Assert.Contains(outcome.Result.GeneratedTrees, t => t.FilePath.EndsWith("Hostile.Validation.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_key_and_positions_count_it()
    {
        string text = "\uFEFF{ type: object, properties: { order_id: { type: string, maxLength: x } } }";
        var outcome = HostileCorpus.Run(new[] { new TestFile("/hostile/bom.json", text, Vendor: HostileCorpus.Vendor) });

        // Only the invalid maxLength: 'type' was read as 'type', not as U+FEFF 'type' (which would be EC1003).
        var diagnostic = Assert.Single(outcome.Result.Diagnostics);
        Assert.Equal("EC1007", diagnostic.Id);
        Assert.Equal(text.IndexOf("x }", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(text.IndexOf("x }", StringComparison.Ordinal), diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Contains("OrderId", outcome.Result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Hostile.Types.g.cs", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Colliding_names_are_made_unique_and_reported()
    {
        var outcome = HostileCorpus.Run(HostileCorpus.Files("colliding-names"));

        var collisions = outcome.Result.Diagnostics.Where(d => d.Id == "EC1005").ToList();
        Assert.Equal(2, collisions.Count);
        string types = outcome.Result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Hostile.Types.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains(" OrderId { get; init; }", types, StringComparison.Ordinal);
        Assert.Contains(" OrderId2 { get; init; }", types, StringComparison.Ordinal);
        Assert.Contains(" OrderId3 { get; init; }", types, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_names_of_two_contracts_never_collide()
    {
        var outcome = HostileCorpus.Run(ContractsAAndAB(abSchema: "C"));

        Assert.Empty(HostileCorpus.EmitProblems(outcome.Output));
        var diagnostic = Assert.Single(outcome.Result.Diagnostics, d => d.Id == "EC1016");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/hostile/ab.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("'ABC'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("a.yaml#/definitions/BC", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The first contract in path order is generated whole; the later one not at all.
        Assert.Contains(outcome.Result.GeneratedTrees, t => t.FilePath.EndsWith("A.Types.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Result.GeneratedTrees, t => t.FilePath.EndsWith("AB.Types.g.cs", StringComparison.Ordinal));
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Consumer.Contracts.ABC"));
        Assert.Null(outcome.Output.GetTypeByMetadataName("Consumer.Contracts.ABRequest"));
    }

    [Fact]
    public void A_plan_event_named_like_a_vendor_type_is_reported_at_its_name()
    {
        const string plan = "events:\n  - name: Courier Request\n    destinations: [Courier]\n    properties: { type: object }\n";
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan")).ToList();
        var (result, output) = GeneratorHarness.Run(files);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "EC1016");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/app/tracking-plan.yaml", span.Path);
        Assert.Equal(1, span.StartLinePosition.Line);
        Assert.Contains("event 'Courier Request'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Contracts.CourierRequest"));
    }

    [Fact]
    public void Renaming_the_colliding_schema_brings_the_contract_back()
    {
        var outcome = HostileCorpus.Run(ContractsAAndAB(abSchema: "Line"));

        Assert.DoesNotContain(outcome.Result.Diagnostics, d => d.Id == "EC1016");
        Assert.Empty(HostileCorpus.EmitProblems(outcome.Output));
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Consumer.Contracts.ABLine"));
    }

    /// <summary>Contract A with schema BC (type ABC), and contract AB with a schema of the given name (AB + name).</summary>
    private static TestFile[] ContractsAAndAB(string abSchema) => new[]
    {
        new TestFile("/hostile/a.yaml", "type: object\nproperties:\n  c: { $ref: '#/definitions/BC' }\ndefinitions:\n  BC: { type: object, properties: { x: { type: string } } }\n", Vendor: "A"),
        new TestFile("/hostile/ab.yaml", "type: object\nproperties:\n  c: { $ref: '#/definitions/" + abSchema + "' }\ndefinitions:\n  " + abSchema + ": { type: object, properties: { y: { type: integer } } }\n", Vendor: "AB"),
    };

    [Fact]
    public void Alias_bomb_is_not_expanded()
    {
        var stopwatch = Stopwatch.StartNew();
        var outcome = HostileCorpus.Run(HostileCorpus.Files("alias-bomb-enum"));
        stopwatch.Stop();

        Assert.Null(outcome.Result.Results.Single().Exception);
        long generated = outcome.Result.GeneratedTrees.Sum(t => (long)t.Length);
        Assert.True(generated < 5_000_000, "The alias bomb expanded to " + generated + " characters of generated code");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "The alias bomb took " + stopwatch.Elapsed);
    }
}

/// <summary>The hostile inputs, generated on demand so no large file is committed.</summary>
internal static class HostileCorpus
{
    public const string Vendor = "Hostile";

    private const string Dir = "/hostile/";

    private static readonly Dictionary<string, Func<IReadOnlyList<TestFile>>> s_cases = Build();

    public static IReadOnlyList<string> Names => s_cases.Keys.ToList();

    public static IReadOnlyList<TestFile> Files(string name) => s_cases[name]();

    /// <summary>
    /// Runs the generator on a thread of its own and fails instead of hanging. Documentation comments
    /// are parsed with diagnostics, as in a project with GenerateDocumentationFile.
    /// </summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IReadOnlyList<TestFile> files)
    {
        var task = Task.Run(() =>
        {
            var options = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Diagnose);
            var compilation = GeneratorHarness.CreateCompilation().RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace Consumer { /// <summary>The consumer.</summary>\npublic static class Program { } }", options, path: "Program.cs"));
            var driver = GeneratorHarness.CreateDriver(files).WithUpdatedParseOptions(options)
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
            return (driver.GetRunResult(), output);
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "The generator did not finish within 60 s");
        return task.Result;
    }

    /// <summary>Errors and warnings of emitting the consumer assembly (metadata limits such as CS7013 show only here).</summary>
    public static IReadOnlyList<string> EmitProblems(Compilation output)
    {
        using var stream = new System.IO.MemoryStream();
        return output.Emit(stream).Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan())
            .Take(20)
            .ToList();
    }

    private static TestFile Contract(string text, string fileName = "contract.yaml", string? operation = null, string vendor = Vendor)
        => new(Dir + fileName, text, "EventContract", vendor, operation);

    private static TestFile Document(string fileName, string text) => new(Dir + fileName, text, "Document");

    private static string Schema(string properties) => "type: object\nproperties:\n" + properties;

    private static string OpenApi(string components, string requestSchema = "$ref: '#/components/schemas/A'") =>
        "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /track:\n    post:\n      operationId: track\n"
        + "      requestBody:\n        content:\n          application/json:\n            schema:\n              " + requestSchema + "\n"
        + "      responses:\n        '200': { description: ok }\n"
        + "components:\n  schemas:\n" + components;

    private static Dictionary<string, Func<IReadOnlyList<TestFile>>> Build()
    {
        var cases = new Dictionary<string, Func<IReadOnlyList<TestFile>>>(StringComparer.Ordinal);
        void Add(string name, Func<string> text) => cases.Add(name, () => new[] { Contract(text()) });
        void AddFiles(string name, Func<IReadOnlyList<TestFile>> files) => cases.Add(name, files);

        // Truncated vendor schemas: inside keys, values, flow collections and block scalars.
        foreach (var (vendor, count) in new[] { ("customerio.openapi.yaml", 12), ("pushengage.openapi.yaml", 8) })
        {
            for (int k = 1; k <= count; k++)
            {
                int part = k;
                string file = vendor;
                int parts = count + 1;
                AddFiles("truncated-" + file.Split('.')[0] + "-" + part.ToString("00", CultureInfo.InvariantCulture), () =>
                {
                    string full = GeneratorHarness.BuiltInVendors.Single(v => v.Path.EndsWith(file, StringComparison.Ordinal)).Text;
                    int offset = (int)((long)full.Length * part / parts) + (part * 7 % 13);
                    return new[] { Contract(full.Substring(0, offset), file, "track") };
                });
            }
        }

        AddFiles("truncated-json", () => new[]
        {
            Contract("{\"type\": \"object\", \"properties\": {\"order_id\": {\"type\": \"str", "contract.json"),
        });

        // $ref graphs that loop.
        Add("cyclic-ref-objects", () => OpenApi(
            "    A: { type: object, properties: { b: { $ref: '#/components/schemas/B' } } }\n"
            + "    B: { type: object, properties: { a: { $ref: '#/components/schemas/A' } } }\n"));
        Add("cyclic-ref-bare", () => OpenApi(
            "    A: { $ref: '#/components/schemas/B' }\n"
            + "    B: { $ref: '#/components/schemas/A' }\n"));
        Add("self-allof", () => OpenApi("    A:\n      allOf: [{ $ref: '#/components/schemas/A' }]\n"));
        Add("self-anyof", () => OpenApi("    A:\n      anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }]\n"));
        Add("self-ref-root", () => "$ref: '#'\n");
        Add("self-alias", () => "&a\ntype: object\nproperties:\n  self: *a\n  items: { type: array, items: *a }\n");
        AddFiles("cross-file-cycle", () => new[]
        {
            Contract("type: object\nproperties:\n  b: { $ref: 'b.yaml' }\n"),
            Document("b.yaml", "type: object\nproperties:\n  a: { $ref: 'contract.yaml' }\n"),
        });

        // Depth.
        Add("deep-properties-1000", () =>
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 1000; i++)
            {
                sb.Append("{type: object, properties: {p").Append(i).Append(": ");
            }

            sb.Append("{type: string}");
            sb.Append('}', 2000);
            return sb.ToString();
        });
        Add("deep-block-properties-200", () =>
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 200; i++)
            {
                string indent = new(' ', i * 4);
                sb.Append(indent).Append("type: object\n").Append(indent).Append("properties:\n").Append(indent).Append("  p").Append(i).Append(":\n");
            }

            sb.Append(new string(' ', 800)).Append("type: string\n");
            return sb.ToString();
        });
        Add("deep-flow-arrays-root", () => new string('[', 1000) + new string(']', 1000));
        Add("deep-flow-arrays-const", () => "type: object\nproperties:\n  a:\n    const: " + new string('[', 1000) + new string(']', 1000) + "\n");
        Add("deep-flow-arrays-enum-and-example", () => "type: array\nenum: [" + new string('[', 1000) + new string(']', 1000) + "]\nexample: " + new string('[', 1000) + new string(']', 1000) + "\n");
        Add("deep-items-1000", () => new StringBuilder().Insert(0, "{type: array, items: ", 1000).Append("{type: integer}").Append('}', 1000).ToString());
        Add("deep-allof-1000", () => new StringBuilder().Insert(0, "{allOf: [", 1000).Append("{type: object, properties: {a: {type: string}}}").Append(string.Concat(Enumerable.Repeat("]}", 1000))).ToString());

        // Exporters write "description": "" for none: every type and member is still documented.
        AddFiles("blank-descriptions", () => new[]
        {
            Contract("description: ''\ntype: object\nproperties:\n  a:\n    description: ' '\n    title: ''\n    type: object\n    properties:\n      b: { description: '', type: string }\n"),
            new TestFile(Dir + "plan.json", """
                { "rules": { "events": [ { "name": "Garage Opened", "description": "", "rules": { "properties": { "properties": {
                  "type": "object", "description": "", "properties": { "garage": { "description": "\n", "type": "object", "properties": { "door": { "description": "", "type": "string" } } } } } } } } ] } }
                """, "TrackingPlan"),
        });

        // Names that are not C# identifiers.
        Add("csharp-keywords", () => Schema(
            "  class: { type: string }\n  event: { type: string }\n  namespace: { type: integer }\n  string: { type: boolean }\n"
            + "  record: { type: string }\n  value: { type: string }\n  Validate: { type: string }\n  EqualityContract: { type: string }\n"
            + "  HostileRequest: { type: string }\n  AdditionalProperties: { type: string }\n  clone: { type: string }\n  Clone: { type: integer }\n"));
        Add("digits-first", () => Schema("  3d: { type: string }\n  '1': { type: integer }\n  2nd_place: { type: string }\n  '42': { type: object, properties: { '7': { type: string } } }\n"));
        Add("emoji-names", () => Schema("  \"😀\": { type: string }\n  \"🎉_party\": { type: string }\n  \"a😀b\": { type: string }\n  \"👍🏽\": { type: string }\n"));
        Add("punctuation-names", () => Schema("  '!!!': { type: string }\n  '-': { type: string }\n  '.': { type: string }\n  '$': { type: string }\n  '_': { type: string }\n  '__': { type: string }\n  '': { type: string }\n  ' ': { type: string }\n"));
        Add("colliding-names", () => Schema("  order_id: { type: string }\n  OrderId: { type: string }\n  order-id: { type: string }\n"));
        Add("case-only-collision", () => Schema("  a: { type: string }\n  A: { type: integer }\n  Equals: { type: string }\n  to_string: { type: string }\n"));
        Add("member-vs-nested-type", () => Schema("  x: { type: object, properties: { y: { type: string } } }\n  x_object: { type: string }\n  XObject2: { type: string }\n"));
        Add("hostile-enum-values", () => Schema("  kind: { type: string, enum: [a-b, a_b, 'A B', '', '😀', '\"', '\\\\', 'value__', 'class', '1'] }\n  mixed: { enum: [1, 'a', null, true] }\n"));
        Add("unicode-names", () => Schema("  名前: { type: string }\n  ñandú: { type: string }\n  Ωmega: { type: string }\n  'e\u0301t\u00e9': { type: string }\n"));
        Add("long-name", () => Schema("  ? " + new string('a', 5000) + "\n  : { type: string }\n  ? " + new string('b', 600) + "\n  : { type: object, properties: { c: { type: string } } }\n"));
        Add("code-injection", () => "type: object\ndescription: \"*/ </summary> \\n#error injected\\r\\n// \\u2028 \\u0000 \\\\ \\\"\"\ntitle: \"</summary><script>\"\nproperties:\n"
            + "  \"a\\\"b\": { type: string, description: \"line1\\n}\\n class Evil {\", pattern: \"\\\"\\\\\\n\" }\n"
            + "  \"x\\ny\": { type: string, const: \"\\\"\\u0000\\u2028\" }\n"
            + "  \"#if\": { type: string, enum: [\"\\u0085\", \"*/\", \"\\\\u0041\"], default: \"</c>\" }\n");
        Add("lone-surrogate-escape", () => Schema("  \"\\ud800\": { type: string, description: \"lone surrogate \\ud800\" }\n"));
        Add("raw-lone-surrogate", () => Schema("  \"a\ud800b\": { type: string, description: \"x\udc00y\", enum: [\"\ud800\"] }\n"));
        AddFiles("lone-surrogate-escapes-in-json", () => new[]
        {
            Contract("""
                { "type": "object", "description": "\udbff\udbff \\ud800 is text \ud83d\ude00", "properties": {
                  "a\ud800": { "type": "string", "pattern": "^\udc00$", "enum": ["\ud800", "x\udfff", "\ud800\u0041"] },
                  "b\\ud800": { "const": "end\ud800" }, "c": { "type": "string", "default": "\uD83D" } } }
                """, "contract.json"),
            new TestFile(Dir + "plan.json", """
                { "events": [ { "name": "Sent \ud800", "destinations": ["Hostile"] }, { "name": "Opened", "destinations": ["Hostile"],
                  "properties": { "type": "object", "properties": { "\udc00": { "type": "string" } } } } ] }
                """, "TrackingPlan"),
        });
        Add("component-named-like-generated-types", () => OpenApi(
            "    A: { type: object, properties: { c: { $ref: '#/components/schemas/Contract' }, d: { $ref: '#/components/schemas/Request' }, e: { $ref: '#/components/schemas/Response200' } } }\n"
            + "    Contract: { type: object, properties: { x: { type: string } } }\n"
            + "    Request: { type: object, properties: { x: { type: string } } }\n"
            + "    Response200: { type: object, properties: { x: { type: string } } }\n"));
        cases.Add("vendor-named-like-catalog", () => new[]
        {
            Contract(OpenApi("    A: { type: object, properties: { c: { $ref: '#/components/schemas/Catalog' } } }\n    Catalog: { type: object, properties: { x: { type: string } } }\n"), vendor: "EventContract", operation: "track"),
        });
        Add("deep-nested-enum", () =>
        {
            // 40 nested objects with long member names and an enum at the bottom: composed member names grow with the depth.
            var sb = new StringBuilder();
            for (int i = 0; i < 40; i++)
            {
                sb.Append("{type: object, properties: {a_rather_long_property_name_").Append(i).Append(": ");
            }

            sb.Append("{type: object, properties: {kind: {type: string, enum: [a, b]}}}");
            sb.Append('}', 80);
            return sb.ToString();
        });
        Add("raw-unicode-line-separators", () => "type: object\ndescription: \"one\u2028two\u2029three\u0085four\"\nproperties:\n  \"a\u2028b\": { type: string, maxLength: x }\n  c: { format: ipv4 }\n");
        cases.Add("hostile-vendor-unicode", () => new[]
        {
            Contract(Schema("  a: { type: string }\n"), "one.yaml", vendor: "名前"),
            Contract(Schema("  a: { type: string }\n"), "two.yaml", vendor: "e\u0301t\u00e9"),
            Contract(Schema("  a: { type: string }\n"), "three.yaml", vendor: "a/b\\c:d*e?f\"g<h>i|j"),
        });
        cases.Add("vendor-from-file-name", () => new[] { new TestFile(Dir + "3d.class.yaml", Schema("  a: { type: string }\n"), "EventContract") });
        cases.Add("duplicate-contract-names", () => new[]
        {
            Contract(Schema("  a: { type: string }\n"), "one.yaml"),
            Contract(Schema("  b: { type: string }\n"), "two.yaml"),
            Contract(Schema("  c: { type: string }\n"), "three.yaml", vendor: "hostile"),
        });
        cases.Add("hostile-vendor-keyword", () => new[] { Contract(Schema("  a: { type: string }\n"), vendor: "class") });
        cases.Add("hostile-vendor-digits", () => new[] { Contract(Schema("  a: { type: string }\n"), vendor: "3d secure") });
        cases.Add("hostile-vendor-emoji", () => new[] { Contract(Schema("  a: { type: string }\n"), vendor: "😀") });
        cases.Add("hostile-vendor-punctuation", () => new[] { Contract(Schema("  a: { type: string }\n"), vendor: "!!!") });
        Add("hostile-component-names", () => OpenApi(
            "    A: { type: object, properties: { c: { $ref: '#/components/schemas/class' }, d: { $ref: '#/components/schemas/3d' }, e: { $ref: '#/components/schemas/~1~0' }, f: { $ref: '#/components/schemas/HostileRequest' } } }\n"
            + "    class: { type: object, properties: { x: { type: string } } }\n"
            + "    3d: { type: object, properties: { x: { type: string } } }\n"
            + "    /~: { type: object, properties: { x: { type: string } } }\n"
            + "    HostileRequest: { type: object, properties: { x: { type: string } } }\n"));

        // Keys.
        Add("duplicate-keys", () => "type: object\nproperties:\n  a: { type: string }\n  a: { type: integer }\nproperties:\n  b: { type: string }\n");
        Add("complex-key", () => "type: object\nproperties:\n  ? [a, b]\n  : { type: string }\n");

        // Size.
        Add("10mb-file", () =>
        {
            var sb = new StringBuilder(11 * 1024 * 1024);
            sb.Append("type: object\nproperties:\n  order_id: { type: string }\nx-filler:\n");
            for (int i = 0; sb.Length < 10 * 1024 * 1024; i++)
            {
                sb.Append("  - { key: k").Append(i).Append(", value: 'lorem ipsum dolor sit amet, consectetur adipiscing elit' }\n");
            }

            return sb.ToString();
        });
        Add("alias-bomb-extension", () => BillionLaughs("x-lol: ") + "type: object\nproperties:\n  a: { type: string }\n");
        Add("alias-bomb-enum", () => BillionLaughs("x-lol: ") + "type: object\nproperties:\n  a: { enum: *l9 }\n  b: { const: *l9 }\nexamples: [*l9]\n");
        Add("alias-bomb-properties", () =>
        {
            var sb = new StringBuilder("x-defs:\n  l0: &l0 { type: string }\n");
            for (int i = 1; i <= 9; i++)
            {
                sb.Append("  l").Append(i).Append(": &l").Append(i).Append(" { type: object, properties: { ");
                sb.Append(string.Join(", ", Enumerable.Range(0, 10).Select(j => "p" + j + ": *l" + (i - 1))));
                sb.Append(" } }\n");
            }

            return sb.Append("type: object\nproperties:\n  root: *l9\n").ToString();
        });

        // Whitespace, encoding, empty documents.
        Add("tabs", () => "type: object\nproperties:\n\torder_id:\n\t\ttype: string\n");
        Add("tabs-in-flow", () => "{\t\"type\":\t\"object\",\t\"properties\":\t{\t\"a\":\t{\"type\":\t\"string\"}}}");
        Add("bom", () => "\uFEFFtype: object\nproperties:\n  order_id: { type: string }\n");
        Add("crlf", () => "type: object\r\nproperties:\r\n  order_id: { type: string, maxLength: x }\r\n  a: { format: ipv4 }\r\n");
        Add("empty-file", () => string.Empty);
        Add("whitespace-only", () => "   \n\n\t\n");
        Add("comment-only", () => "# nothing here\n");
        Add("null-document", () => "null\n");
        Add("tilde-document", () => "~\n");
        Add("document-marker-only", () => "---\n...\n");
        Add("multiple-documents", () => "type: object\n---\ntype: string\n");
        Add("json-array-root", () => "[{\"type\": \"object\"}]");
        Add("string-root", () => "\"just a string\"");
        Add("false-root", () => "false\n");
        Add("true-root", () => "true\n");
        Add("unterminated-quote", () => "type: object\nproperties:\n  a: { type: \"string }\n");
        Add("undefined-alias", () => "type: object\nproperties:\n  a: *nowhere\n");
        Add("nul-character", () => "type: object\nproperties:\n  a\0b: { type: string }\n");

        // Keyword values of the wrong type.
        Add("maxLength-string", () => Schema("  a: { type: string, maxLength: \"x\" }\n"));
        Add("required-number", () => "type: object\nrequired: 5\nproperties:\n  a: { type: string }\n");
        Add("required-unknown-property", () => "type: object\nrequired: [a, nope]\nproperties:\n  a: { type: string }\n");
        Add("enum-empty", () => Schema("  a: { type: string, enum: [] }\n"));
        Add("pattern-invalid", () => Schema("  a: { type: string, pattern: \"(\" }\n"));
        Add("pattern-catastrophic", () => Schema("  a: { type: string, pattern: \"^(a+)+$\" }\n"));
        Add("properties-scalar", () => "type: object\nproperties: 5\n");
        Add("items-scalar", () => "type: array\nitems: 5\n");
        Add("items-tuple", () => "type: array\nitems: [{ type: string }, { type: integer }]\n");
        Add("type-number", () => "type: 5\n");
        Add("type-empty-array", () => "type: []\n");
        Add("allOf-object", () => "allOf: { type: string }\n");
        Add("ref-number", () => "$ref: 5\n");
        Add("minimum-string", () => Schema("  a: { type: number, minimum: abc }\n"));
        Add("multipleOf-zero", () => Schema("  a: { type: number, multipleOf: 0 }\n  b: { type: number, multipleOf: -1 }\n"));
        Add("additionalProperties-string", () => "type: object\nadditionalProperties: \"no\"\n");
        Add("format-number", () => Schema("  a: { type: string, format: 5 }\n  b: { type: string, format: ipv4 }\n"));
        Add("huge-numbers", () => Schema(
            "  a: { type: number, minimum: 1e400, maximum: -1e400, exclusiveMinimum: 1e400, multipleOf: 1e-400 }\n"
            + "  b: { type: string, maxLength: 1e400, minLength: 99999999999999999999 }\n"
            + "  c: { type: integer, const: 1e400, enum: [1e400, -1e400] }\n"
            + "  d: { type: array, maxItems: 1e400, minItems: -1 }\n"));
        Add("unknown-type", () => Schema("  a: { type: foo }\n  b: { type: [string, foo, null] }\n"));
        Add("contradictory-keywords", () => Schema("  a: { type: string, minLength: 10, maxLength: 1, enum: [x], const: y }\n  b: { type: integer, minimum: 5, maximum: 1 }\n"));

        // OpenAPI documents that are not what we need.
        Add("swagger-2", () => "swagger: \"2.0\"\ninfo: { title: t, version: '1' }\npaths: {}\n");
        cases.Add("missing-paths", () => new[] { Contract("openapi: 3.0.3\ninfo: { title: t, version: '1' }\n", operation: "track") });
        cases.Add("paths-not-a-map", () => new[] { Contract("openapi: 3.0.3\npaths: [1, 2]\n", operation: "track") });
        cases.Add("operation-without-request-body", () => new[]
        {
            Contract("openapi: 3.0.3\npaths:\n  /track:\n    post:\n      operationId: track\n      responses:\n        '200': { description: ok }\n", operation: "track"),
        });
        cases.Add("request-body-without-json", () => new[]
        {
            Contract("openapi: 3.0.3\npaths:\n  /track:\n    post:\n      operationId: track\n      requestBody:\n        content:\n          text/plain:\n            schema: { type: string }\n", operation: "track"),
        });
        cases.Add("operation-by-method-and-path", () => new[]
        {
            Contract("openapi: 3.1.0\npaths:\n  /track:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: [object, 'null'], properties: { a: { type: [string, 'null'] } } }\n      responses:\n        default: { description: x, content: { application/json: { schema: { type: object, properties: { e: { type: string } } } } } }\n        2XX: { $ref: '#/components/responses/Nope' }\n", operation: "POST /track"),
        });
        cases.Add("operation-not-found", () => new[] { Contract(OpenApi("    A: { type: object }\n"), operation: "nope") });
        cases.Add("operation-blank", () => new[] { Contract(OpenApi("    A: { type: object }\n"), operation: "   ") });

        // References that lead nowhere.
        Add("ref-missing-file", () => Schema("  a: { $ref: 'missing.yaml#/A' }\n"));
        Add("ref-remote", () => Schema("  a: { $ref: 'https://example.com/schema.json#/A' }\n  b: { $ref: '//example.com/x.yaml' }\n"));
        Add("ref-missing-pointer", () => Schema("  a: { $ref: '#/definitions/Nope' }\n  b: { $ref: '#/properties/a/type/x' }\n  c: { $ref: '#/properties/9' }\n"));
        Add("ref-anchor", () => Schema("  a: { $ref: '#anchor' }\n  b: { $ref: '#%zz' }\n"));
        Add("ref-to-scalar", () => Schema("  a: { $ref: '#/properties/b/type' }\n  b: { type: string }\n"));
        AddFiles("ref-to-broken-file", () => new[]
        {
            Contract(Schema("  a: { $ref: 'broken.yaml#/A' }\n")),
            Document("broken.yaml", "A: { type: \"string }\n"),
        });
        AddFiles("ref-outside-directory", () => new[]
        {
            Contract(Schema("  a: { $ref: '../../../../etc/passwd' }\n  b: { $ref: '/etc/hostname' }\n")),
        });

        return cases;
    }

    private static string BillionLaughs(string prefix)
    {
        var sb = new StringBuilder(prefix).Append("\n  l0: &l0 [lol]\n");
        for (int i = 1; i <= 9; i++)
        {
            sb.Append("  l").Append(i).Append(": &l").Append(i).Append(" [");
            sb.Append(string.Join(", ", Enumerable.Repeat("*l" + (i - 1), 10)));
            sb.Append("]\n");
        }

        return sb.ToString();
    }
}
