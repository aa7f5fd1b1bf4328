using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// Every EC1xxx diagnostic fires on a minimal input, at the exact line and column of the offending
/// text, with its documented severity, and leaves a consumer compilation without errors; and it
/// does not fire on the nearest valid input.
/// </summary>
public class DiagnosticTests
{
    private const string Path = "/app/contracts/shop.yaml";

    /// <summary>ID, severity, the files, the file and 0-based line/column expected, and a fragment of the message.</summary>
    public static TheoryData<string> FiringIds() => Ids(c => c.Id != "EC1012");

    public static TheoryData<string> AllIds() => Ids(_ => true);

    [Theory]
    [MemberData(nameof(FiringIds))]
    public void Fires_at_the_offending_text(string id)
    {
        var c = Cases.Single(x => x.Id == id);
        var (result, output) = GeneratorHarness.Run(c.Fires);

        Assert.Null(result.Results.Single().Exception);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        // The harness builds like TreatWarningsAsErrors, so the reported severity may be raised; the default is the documented one.
        Assert.Equal(c.Severity, diagnostic.DefaultSeverity);
        Assert.Equal(c.Severity, diagnostic.Descriptor.DefaultSeverity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(c.File, span.Path);
        Assert.Equal((c.Line, c.Column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains(c.MessageFragment, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The location's offset and its line/column agree with the file's text.
        string text = c.Fires.Single(f => f.Path == c.File).Text;
        Assert.Equal(span.StartLinePosition, Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines.GetLinePosition(diagnostic.Location.SourceSpan.Start));

        // Only the expected diagnostic, and whatever could still be generated compiles.
        Assert.All(result.Diagnostics, d => Assert.Equal(id, d.Id));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Does_not_fire_on_the_nearest_valid_input(string id)
    {
        var c = Cases.Single(x => x.Id == id);
        var (result, output) = GeneratorHarness.Run(c.DoesNotFire);

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void EC1012_fires_once_under_CSharp_10_and_nothing_is_generated()
    {
        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.CSharp10);
        var driver = GeneratorHarness.CreateDriver(new[] { Contract(ValidSchema) }, LanguageVersion.CSharp10)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
        var result = driver.GetRunResult();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1012", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains("10.0", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The project fails with EC1012 alone, not with hundreds of C# 11 feature errors in generated code.
        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void EC1005_says_what_holds_the_name_and_the_code_compiles()
    {
        var (result, output) = GeneratorHarness.Run(new[]
        {
            Contract("type: object\nproperties:\n  order_id: { type: string }\n  OrderId: { type: string }\n  Validate: { type: string }\n"
                + "  clone: { type: string }\n  ShopRequest: { type: string }\n"),
        });

        Assert.Equal(
            new[]
            {
                "JSON name 'OrderId' maps to the C# name 'OrderId', which JSON name 'order_id' also maps to; 'OrderId' is generated as 'OrderId2'",
                "JSON name 'Validate' maps to the C# name 'Validate', which every generated record already has as a member; 'Validate' is generated as 'Validate2'",
                "JSON name 'clone' maps to the C# name 'Clone', which C# does not allow in a record; 'clone' is generated as 'Clone2'",
                "JSON name 'ShopRequest' maps to the C# name 'ShopRequest', which is the record's own name; 'ShopRequest' is generated as 'ShopRequest2'",
            },
            result.Diagnostics.Where(d => d.Id == "EC1005").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Names_are_read_composed_so_a_decomposed_accent_gives_the_identifier_code_is_typed_with()
    {
        var (result, output) = GeneratorHarness.Run(new[]
        {
            Contract("type: object\nproperties:\n  \"gro\u0308ße\": { type: string }\n  café: { type: string }\n  \"cafe\u0301\": { type: string }\n  ısı: { type: number }\n"),
        });

        Assert.Equal(
            new[] { "JSON name 'cafe\u0301' maps to the C# name 'Café', which JSON name 'café' also maps to; 'cafe\u0301' is generated as 'Café2'" },
            result.Diagnostics.Where(d => d.Id == "EC1005").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        string types = string.Concat(output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("public string? Größe { get; init; }", types, System.StringComparison.Ordinal);
        Assert.Contains("public decimal? Isı { get; init; }", types, System.StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void EC1005_is_reported_at_an_enum_value_whose_member_name_is_taken()
    {
        var (result, output) = GeneratorHarness.Run(new[]
        {
            Contract("type: object\nproperties:\n  size:\n    type: string\n    enum:\n      - foo-bar\n      - foo_bar\n      - Foo Bar\n      - other\n"),
        });

        var found = result.Diagnostics.Where(d => d.Id == "EC1005").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(
            new[]
            {
                "Enum value 'foo_bar' maps to the C# name 'FooBar', which enum value 'foo-bar' also maps to; 'foo_bar' is generated as 'FooBar2'",
                "Enum value 'Foo Bar' maps to the C# name 'FooBar', which enum value 'foo-bar' also maps to; 'Foo Bar' is generated as 'FooBar3'",
            },
            found.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(new[] { 6, 7 }, found.Select(d => d.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_name_with_line_breaks_is_escaped_so_the_message_stays_one_line()
    {
        var (result, _) = GeneratorHarness.Run(new[] { Contract("{ \"type\": \"object\", \"properties\": { \"foo bar\": { \"type\": \"string\" }, \"foo\\nbar\\u2028\": { \"type\": \"string\" } } }") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "JSON name 'foo\\nbar\\u2028' maps to the C# name 'FooBar', which JSON name 'foo bar' also maps to; 'foo\\nbar\\u2028' is generated as 'FooBar2'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0", "must be greater than 0")]
    [InlineData("-2", "must be greater than 0")]
    [InlineData("1e-30", "the number is below the smallest supported step (1e-28)")]
    public void EC1007_says_why_a_multipleOf_is_ignored(string divisor, string why)
    {
        var (result, _) = GeneratorHarness.Run(new[] { Contract("type: object\nproperties:\n  x: { type: number, multipleOf: " + divisor + " }\n") });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1007", diagnostic.Id);
        Assert.Contains("has an invalid value: " + why + ";", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?i)^abc$", "is not ECMA-262 syntax")]
    [InlineData("(?>a+)b", "is not ECMA-262 syntax")]
    [InlineData("^(?#note)a$", "is not ECMA-262 syntax")]
    [InlineData("(?(a)b|c)", "is not ECMA-262 syntax")]
    [InlineData("^(?<year>\\d{4})-(?:\\d{2})(?=Z|$)", null)]
    [InlineData("(?<=a)b(?<!c)(?!d)", null)]
    [InlineData("^\\p{Lu}\\p{Ll}*$", null)]
    [InlineData("^[\U0001F600]$", "character class with a character beyond U+FFFF")]
    [InlineData("^[a-z\\u{1F600}]+$", "character class with a character beyond U+FFFF")]
    [InlineData("^\U0001F600+[^a]$", null)]
    public void EC1007_refuses_a_pattern_that_ECMA_262_in_Unicode_mode_would_read_otherwise(string pattern, string? reason)
    {
        // .NET runs (?i), atomic groups, conditionals and comments; ECMA-262 (JSON Schema's pattern syntax) does not.
        // Patterns match in Unicode mode, where an emoji is one character; a .NET class would match half of its surrogate pair.
        var (result, _) = GeneratorHarness.Run(new[] { Contract("type: object\nproperties:\n  x: { type: string, pattern: '" + pattern + "' }\n") });

        if (reason is null)
        {
            Assert.Empty(result.Diagnostics);
            return;
        }

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1007", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    // YamlDotNet's scanner fails with an unlocated InvalidOperationException on these: a plain value inside '[' or '{' that runs onto a 'key: value' line.
    [InlineData("TrackingPlan", "events:\n  - name: Yaml Broken\n    destinations: [Courier\n    properties: { type: object }\n", 3, 4, "the text here cannot be read inside the '[' at line 3, column 19; is its ']' missing?")]
    [InlineData("EventContract", "type: object\nproperties: { a: [b\nc: d\n", 2, 0, "the text here cannot be read inside the '[' at line 2, column 18; is its ']' missing?")]
    [InlineData("EventContract", "type: object\nproperties: { a: { type: string\nb: c\n", 2, 0, "the text here cannot be read inside the '{' at line 2, column 18; is its '}' missing?")]
    // Errors YamlDotNet locates itself, in JSON.
    [InlineData("EventContract", "{ \"type\": \"object\", \"required\": [\"a\"\n  \"properties\": {} }\n", 1, 2, "did not find expected ',' or ']'")]
    [InlineData("EventContract", "{ \"type\": \"object\",, \"properties\": {} }\n", 0, 19, "did not find expected node content")]
    [InlineData("TrackingPlan", "{ \"events\": [ { \"name\": \"A\" }\n", 1, 0, "did not find expected ',' or ']'")]
    public void EC1001_is_located_where_the_parser_stops_and_says_what_is_wrong(string kind, string text, int line, int column, string message)
    {
        var file = new TestFile(Path, text, kind, kind == "EventContract" ? "Shop" : null);
        var (result, _) = GeneratorHarness.Run(new[] { file });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1001", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.EndsWith(message, diagnostic.GetMessage(CultureInfo.InvariantCulture).TrimEnd('.'), StringComparison.Ordinal);
        Assert.DoesNotContain("Operation is not valid", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    // An escaped unpaired surrogate is valid JSON text; YAML's scanner, which reads JSON too, refused the whole file for it.
    [InlineData("\"id\\ud800\": { \"type\": \"string\" }", 57, "\"id\uFFFD\"")]
    [InlineData("\"id\": { \"enum\": [\"a\\udc00b\", \"\\ud83d\\ude00\"] }", 73, "\"a\uFFFDb\"")]
    public void An_escaped_unpaired_surrogate_in_a_JSON_file_is_an_error_at_it_and_the_rest_is_generated(string property, int column, string written)
    {
        string text = "{ \"events\": [\n  { \"name\": \"Signed Up\", \"destinations\": [\"Courier\"] },\n  { \"name\": \"Order Placed\", \"destinations\": [\"Courier\"],\n"
            + "    \"properties\": { \"type\": \"object\", \"properties\": { " + property + " } } }\n] }\n";
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.json", text, "TrackingPlan")));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EC1001", diagnostic.Id);
        Assert.Equal((3, column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("unpaired UTF-16 surrogate", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var sources = result.Results.Single().GeneratedSources;
        Assert.Contains(sources, s => s.HintName.Contains("SignedUp", StringComparison.Ordinal));
        var orderPlaced = Assert.Single(sources, s => s.HintName.Contains("OrderPlaced", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains(written, orderPlaced, StringComparison.Ordinal);
    }

    [Fact]
    public void EC1012_does_not_fire_without_contracts_or_on_CSharp_11()
    {
        var c10 = GeneratorHarness.CreateDriver(Array.Empty<TestFile>(), LanguageVersion.CSharp10)
            .RunGenerators(GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.CSharp10)).GetRunResult();
        Assert.Empty(c10.Diagnostics);

        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.CSharp11);
        GeneratorHarness.CreateDriver(new[] { Contract(ValidSchema) }, LanguageVersion.CSharp11)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Every_contract_ID_has_a_case()
    {
        // The contract-file diagnostics EC1001-EC1012 and EC1022-EC1024 each have a case here (plan, project and destination IDs are
        // tested with their checks).
        var contractIds = DiagnosticDescriptors.All.Select(d => d.Id).Where(i => string.CompareOrdinal(i, "EC1012") <= 0).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => "EC10" + i.ToString("00", CultureInfo.InvariantCulture)), contractIds);
        Assert.Equal(contractIds.Concat(new[] { "EC1022", "EC1023", "EC1024" }), Cases.Select(c => c.Id).OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_documented_ID_matches_its_descriptor_and_release_entry()
    {
        string docs = System.IO.Path.Combine(GeneratorHarness.RepositoryRoot, "docs", "diagnostics");
        string index = File.ReadAllText(System.IO.Path.Combine(docs, "README.md"));
        string releases = File.ReadAllText(System.IO.Path.Combine(GeneratorHarness.RepositoryRoot, "src", "EventContracts.Generators", "AnalyzerReleases.Unshipped.md"));
        var descriptors = DiagnosticDescriptors.All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        // Every ID's help link leads to a page, every page is about a real ID and is listed in the index.
        var pages = Directory.GetFiles(docs, "EC*.md").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.Empty(descriptors.Keys.Except(pages, StringComparer.Ordinal));
        foreach (string id in pages)
        {
            Assert.True(descriptors.TryGetValue(id, out var descriptor), "docs/diagnostics/" + id + ".md documents an ID that no descriptor has");
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor!.HelpLinkUri);
            string content = File.ReadAllText(System.IO.Path.Combine(docs, id + ".md"));
            Assert.StartsWith("# " + id + ": " + descriptor.Title + "\n", content, StringComparison.Ordinal);
            Assert.Contains("dotnet_diagnostic." + id + ".severity", content, StringComparison.Ordinal);
            Assert.Contains("**Severity:** " + descriptor.DefaultSeverity + " ", content, StringComparison.Ordinal);
            Assert.Contains("| [" + id + "](" + id + ".md) | " + descriptor.Title + " | " + descriptor.DefaultSeverity + " | " + descriptor.Category + " |", index, StringComparison.Ordinal);
            Assert.Contains(id + " | " + descriptor.Category + " | " + descriptor.DefaultSeverity + " | " + descriptor.Title, releases, StringComparison.Ordinal);
        }

        // The index links no page that does not exist, and every help link has the same shape.
        foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(index, @"\]\((EC\d{4})\.md\)"))
        {
            Assert.Contains(link.Groups[1].Value, pages);
        }

        Assert.All(descriptors.Values, d => Assert.Equal(DiagnosticDescriptors.HelpLinkBase + d.Id + ".md", d.HelpLinkUri));
    }

    [Fact]
    public void Severity_is_configurable_with_NoWarn_and_WarningsAsErrors()
    {
        var files = Cases.Single(x => x.Id == "EC1003").Fires;

        // <NoWarn>EC1003</NoWarn> (the compilation's specific options) removes the warning.
        Assert.DoesNotContain(RunWithOptions(files, ("EC1003", ReportDiagnostic.Suppress), null), d => d.Id == "EC1003");

        // <WarningsAsErrors>EC1003</WarningsAsErrors> makes it an error.
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RunWithOptions(files, ("EC1003", ReportDiagnostic.Error), null)).Severity);
    }

    [Fact]
    public void Severity_is_configurable_in_a_global_analyzer_config()
    {
        // 'dotnet_diagnostic.EC1003.severity = none' in a .globalconfig: EC diagnostics are located in
        // contract files, not C# files, so only global (not per-file .editorconfig) settings reach them.
        var files = Cases.Single(x => x.Id == "EC1003").Fires;
        Assert.DoesNotContain(RunWithOptions(files, null, new GlobalSeverity("EC1003", ReportDiagnostic.Suppress)), d => d.Id == "EC1003");
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RunWithOptions(files, null, new GlobalSeverity("EC1003", ReportDiagnostic.Error))).Severity);

        // And the default, for contrast.
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(RunWithOptions(files, null, null)).Severity);
    }

    [Fact]
    public void An_unknown_x_ec_extension_in_a_schema_is_reported_and_other_vendors_extensions_are_not()
    {
        var files = new[] { Contract("type: object\nx-ec-envelope: { eventName: event }\nx-acme-note: kept\nproperties:\n  sku: { type: string, x-ec-max-bytes: 40 }\n") };

        Diagnostic reported = Assert.Single(RunWithOptions(files, null, null));

        Assert.Equal("EC1003", reported.Id);
        Assert.Equal(DiagnosticSeverity.Warning, reported.Severity);
        Assert.Contains("Keyword 'x-ec-envelope' at #/x-ec-envelope", reported.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("x-ec-event-name", reported.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(1, reported.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Unknown_x_ec_extensions_on_the_operation_its_parameters_and_security_schemes_are_reported()
    {
        // The valid contract with EventContracts extensions, one misspelt at each place, and another vendor's key.
        string text = ValidOpenApi.Replace(
            "      operationId: track\n",
            "      operationId: track\n"
                + "      x-ec-identity: { anyOf: [] }\n"
                + "      x-ec-identiy: { anyOf: [event] }\n"
                + "      x-acme-tier: gold\n"
                + "      security: [ { key: [] } ]\n"
                + "      parameters:\n"
                + "        - { name: X-Source, in: header, schema: { type: string }, x-ec-send: app, x-ec-sent: app }\n",
            StringComparison.Ordinal)
            + "\ncomponents:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key, x-ec-value-prefix: \"Key \", x-ec-prefix: \"Key \" }\n";
        Assert.Contains("x-ec-sent", text, StringComparison.Ordinal);

        var reported = RunWithOptions(new[] { Contract(text) }, null, null).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.All(reported, d => Assert.Equal("EC1003", d.Id));
        Assert.Equal(
            new[]
            {
                (7, "Keyword 'x-ec-identiy' at #/paths/~1track/post/x-ec-identiy is not supported and is not validated: it is not an EventContracts extension of operations"),
                (11, "Keyword 'x-ec-sent' at #/paths/~1track/post/parameters/0/x-ec-sent is not supported and is not validated: it is not an EventContracts extension of parameters"),
                (20, "Keyword 'x-ec-prefix' at #/components/securitySchemes/key/x-ec-prefix is not supported and is not validated: it is not an EventContracts extension of security schemes"),
            },
            reported.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.GetMessage().Substring(0, d.GetMessage().IndexOf(" (", StringComparison.Ordinal)))));
        Assert.Contains("the operation x-ec-identity and x-ec-dedupe; a parameter x-ec-send; a security scheme x-ec-value-prefix", reported[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pointers_under_a_request_or_response_body_name_its_media_type()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: Shop, version: "1" }
            paths:
              /v2/track:
                post:
                  operationId: track
                  requestBody:
                    content:
                      application/vnd.acme.event+json:
                        schema: { type: object, properties: { pair: { type: array, maxitems: 2 } } }
                  responses:
                    "202":
                      content:
                        application/json:
                          schema: { type: object, properties: { ip: { type: string, format: ipv4 } } }
                    "400": { $ref: '#/components/responses/Invalid' }
            components:
              responses:
                Invalid:
                  content:
                    application/json:
                      schema: { type: object, properties: { count: { type: integer, minimum: x } } }
            """;

        var messages = RunWithOptions(new[] { Contract(text, operation: "track") }, null, null).Select(d => d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("EC1003 Keyword 'maxitems' at #/paths/~1v2~1track/post/requestBody/content/application~1vnd.acme.event+json/schema/properties/pair/maxitems ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("EC1009 Format 'ipv4' at #/paths/~1v2~1track/post/responses/202/content/application~1json/schema/properties/ip/format ", StringComparison.Ordinal));

        // A response by $ref: the pointer is where the schema is.
        Assert.Contains(messages, m => m.StartsWith("EC1007 Keyword 'minimum' at #/components/responses/Invalid/content/application~1json/schema/properties/count/minimum ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("EventContract", "contract")]
    [InlineData("TrackingPlan", "tracking plan")]
    public void A_file_that_cannot_be_read_is_reported_as_such_not_as_empty(string kind, string what)
    {
        const string path = "/app/contracts/doesnotexist.yaml";
        var driver = CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            new AdditionalText[] { new UnreadableText(path) },
            new CSharpParseOptions(LanguageVersion.CSharp12),
            new EventContracts.Testing.ItemMetadataOptionsProvider(new Dictionary<string, EventContracts.Testing.ItemMetadata> { [path] = new(kind, "Ghost", null) }, GeneratorHarness.Namespace));

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out _, out var diagnostics, CancellationToken.None);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EC1006", diagnostic.Id);
        Assert.Equal("The " + what + " file doesnotexist.yaml could not be read: it does not exist or cannot be opened; check the Include path of its item", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);

        // An empty file that exists is still called empty.
        var empty = Assert.Single(RunWithOptions(new[] { Contract(string.Empty, path, "Ghost", "track") }, null, null));
        Assert.Equal("EC1006", empty.Id);
        Assert.Contains("doesnotexist.yaml is empty", empty.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>What the compiler gives for an AdditionalFiles item whose file does not exist: no text.</summary>
    private sealed class UnreadableText : AdditionalText
    {
        public UnreadableText(string path) => Path = path;

        public override string Path { get; }

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    private static IReadOnlyList<Diagnostic> RunWithOptions(IEnumerable<TestFile> files, (string Id, ReportDiagnostic Report)? specific, SyntaxTreeOptionsProvider? provider)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var options = compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default);
        if (specific is { } s)
        {
            options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(s.Id, s.Report));
        }

        if (provider is not null)
        {
            options = options.WithSyntaxTreeOptionsProvider(provider);
        }

        GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation.WithOptions(options), out _, out var diagnostics, CancellationToken.None);
        return diagnostics;
    }

    /// <summary>What the compiler builds from a global AnalyzerConfig that sets one diagnostic's severity.</summary>
    private sealed class GlobalSeverity : SyntaxTreeOptionsProvider
    {
        private readonly string _id;
        private readonly ReportDiagnostic _report;

        public GlobalSeverity(string id, ReportDiagnostic report) => (_id, _report) = (id, report);

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = diagnosticId == _id ? _report : ReportDiagnostic.Default;
            return diagnosticId == _id;
        }
    }

    private static TheoryData<string> Ids(Func<DiagnosticCase, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Where(filter))
        {
            data.Add(c.Id);
        }

        return data;
    }

    private const string ValidSchema = """
        type: object
        required: [order_id]
        properties:
          order_id: { type: string, maxLength: 64, format: uuid }
          revenue: { type: number, minimum: 0 }
        """;

    private const string ValidOpenApi = """
        openapi: 3.0.3
        info: { title: Shop, version: "1" }
        paths:
          /track:
            post:
              operationId: track
              requestBody:
                content:
                  application/json:
                    schema: { type: object, properties: { event: { type: string } } }
              responses:
                "202": { description: Accepted }
        """;

    private static TestFile Contract(string text, string path = Path, string vendor = "Shop", string? operation = null)
        => new(path, text, "EventContract", vendor, operation);

    private static string Nested(int depth)
    {
        // depth levels of properties below the root, the innermost one a string.
        var sb = new System.Text.StringBuilder("type: object\nproperties:\n");
        for (int i = 0; i < depth; i++)
        {
            string indent = new(' ', 2 + (i * 4));
            sb.Append(indent).Append("p:\n").Append(indent).Append("  properties:\n");
        }

        sb.Append(new string(' ', 2 + (depth * 4))).Append("leaf: { type: string }\n");
        return sb.ToString();
    }

    internal sealed record DiagnosticCase(
        string Id,
        DiagnosticSeverity Severity,
        TestFile[] Fires,
        string File,
        int Line,
        int Column,
        string MessageFragment,
        TestFile[] DoesNotFire);

    internal static readonly DiagnosticCase[] Cases =
    {
        // The opening quote that is never closed.
        new("EC1001", DiagnosticSeverity.Error,
            new[] { Contract("type: object\nproperties:\n  order_id: { type: \"string }\n") }, Path, 2, 20, "shop.yaml is not valid YAML or JSON",
            new[] { Contract("type: object\nproperties:\n  order_id: { type: \"string\" }\n") }),

        // The $ref value.
        new("EC1002", DiagnosticSeverity.Error,
            new[] { Contract("type: object\nproperties:\n  item: { $ref: '#/definitions/LineItem' }\n") }, Path, 2, 16, "'#/definitions/LineItem'",
            new[] { Contract("type: object\nproperties:\n  item: { $ref: '#/definitions/LineItem' }\ndefinitions:\n  LineItem: { type: object, properties: { sku: { type: string } } }\n") }),

        // The keyword's key.
        new("EC1003", DiagnosticSeverity.Warning,
            new[] { Contract("$recursiveAnchor: true\ntype: object\nproperties:\n  sku:\n    type: object\n    items: { $recursiveRef: '#' }\n  other: { $id: other.json, $recursiveAnchor: true }\n") }, Path, 5, 13, "Keyword '$recursiveRef' at #/properties/sku/items/$recursiveRef",
            new[] { Contract("$recursiveAnchor: true\ntype: object\nproperties:\n  sku:\n    type: object\n    items: { $recursiveRef: '#' }\n  other: { $id: other.json, $anchor: o }\n  again: { $ref: 'other.json#o' }\n") }),

        // The 'paths' key of a document without the operation named by the Operation metadata.
        new("EC1004", DiagnosticSeverity.Error,
            new[] { Contract(ValidOpenApi, operation: "identify") }, Path, 2, 0, "Operation 'identify' is not in shop.yaml; operations with a JSON request body: track",
            new[] { Contract(ValidOpenApi, operation: "POST /track") }),

        // The second JSON name, which gets the suffixed C# name.
        new("EC1005", DiagnosticSeverity.Warning,
            new[] { Contract("type: object\nproperties:\n  order_id: { type: string }\n  OrderId: { type: string }\n") }, Path, 3, 2, "JSON name 'OrderId' maps to the C# name 'OrderId', which JSON name 'order_id' also maps to; 'OrderId' is generated as 'OrderId2'",
            new[] { Contract("type: object\nproperties:\n  order_id: { type: string }\n  order_total: { type: string }\n") }),

        // The 'swagger' key of a Swagger 2.0 document.
        new("EC1006", DiagnosticSeverity.Error,
            new[] { Contract("# converted from the vendor's docs\nswagger: \"2.0\"\ninfo: { title: Shop, version: \"1\" }\npaths: {}\n", operation: "track") }, Path, 1, 0, "Swagger 2.0 documents are not supported",
            new[] { Contract(ValidOpenApi, operation: "track") }),

        // The invalid value.
        new("EC1007", DiagnosticSeverity.Warning,
            new[] { Contract("type: object\nproperties:\n  order_id: { type: string, maxLength: \"64\" }\n") }, Path, 2, 39, "Keyword 'maxLength' at #/properties/order_id/maxLength has an invalid value",
            new[] { Contract("type: object\nproperties:\n  order_id: { type: string, maxLength: 64 }\n") }),

        // The second occurrence of the key.
        new("EC1008", DiagnosticSeverity.Warning,
            new[] { Contract("type: object\nproperties:\n  sku: { type: string }\n  qty: { type: integer }\n  sku: { type: string, minLength: 1 }\n") }, Path, 4, 2, "Key 'sku' appears more than once",
            new[] { Contract("type: object\nproperties:\n  sku: { type: string }\n  qty: { type: integer }\n  skus: { type: string, minLength: 1 }\n") }),

        // The format value.
        new("EC1009", DiagnosticSeverity.Warning,
            new[] { Contract("type: object\nproperties:\n  ip: { type: string, format: ipv4 }\n") }, Path, 2, 30, "Format 'ipv4' at #/properties/ip/format",
            new[] { Contract("type: object\nproperties:\n  ip: { type: string, format: uri }\n  n: { type: integer, format: int64 }\n") }),

        // The first schema past the 64th level: 64 nested 'p' properties, so the leaf's schema (the flow mapping after 'leaf: ') is the 65th.
        new("EC1010", DiagnosticSeverity.Warning,
            new[] { Contract(Nested(64)) }, Path, 2 + (2 * 64), 2 + (4 * 64) + "leaf: ".Length, "Schema at #/properties/p/properties/p/(124 more segments)/properties/leaf is nested more than 64 levels deep",
            new[] { Contract(Nested(63)) }),

        // The start of the second file (in ordinal path order) that claims the same contract name.
        new("EC1011", DiagnosticSeverity.Error,
            new[] { Contract(ValidSchema, "/app/contracts/a.yaml"), Contract(ValidSchema, "/app/contracts/b.yaml") }, "/app/contracts/b.yaml", 0, 0, "Contract name 'Shop' is used by more than one",
            new[] { Contract(ValidSchema, "/app/contracts/a.yaml"), Contract(ValidSchema, "/app/contracts/b.yaml", vendor: "Warehouse") }),

        // The 'nullable' value of a schema whose enum leaves null out (with null in it, or without type, nullable does nothing unsaid).
        new("EC1022", DiagnosticSeverity.Info,
            new[] { Contract("type: object\nproperties:\n  tier: { type: string, nullable: true, enum: [gold, silver] }\n") }, Path, 2, 34, "'nullable: true' at #/properties/tier does not allow null: its enum lists no null",
            new[] { Contract("type: object\nproperties:\n  tier: { type: string, nullable: true, enum: [gold, silver, null] }\n  mode: { nullable: true, enum: [a] }\n  kind: { type: string, nullable: false, enum: [a] }\n  name: { type: string, nullable: true }\n  fixed: { type: string, nullable: true, const: null }\n") }),

        // The format value; a format JSON Schema or OpenAPI defines (checked, or EC1009) or an OpenAPI hint is not reported.
        new("EC1023", DiagnosticSeverity.Info,
            new[] { Contract("type: object\nproperties:\n  shade: { type: string, format: color }\n") }, Path, 2, 33, "Format 'color' at #/properties/shade/format is not a format JSON Schema or OpenAPI defines",
            new[] { Contract("type: object\nproperties:\n  shade: { type: string, format: uuid }\n  key: { type: string, format: password }\n  file: { type: string, format: binary }\n") }),

        // The request body's schema key; an object body (or a bare schema of an object) is not reported.
        new("EC1024", DiagnosticSeverity.Info,
            new[] { Contract(ValidOpenApi.Replace("schema: { type: object, properties: { event: { type: string } } }", "schema: { type: array, items: { type: object, properties: { event: { type: string } } } }", StringComparison.Ordinal)) },
            Path, 9, 12, "The request body at #/paths/~1track/post/requestBody/content/application~1json/schema is an array of ShopRequestItem, not an object: no ShopRequest record is generated",
            new[] { Contract(ValidOpenApi), Contract("type: object\nproperties:\n  a: { type: string }\n", "/app/contracts/bare.yaml", "Bare") }),

        // Reported without a location: the project's LangVersion is the problem (see the dedicated tests).
        new("EC1012", DiagnosticSeverity.Error,
            new[] { Contract(ValidSchema) }, string.Empty, 0, 0, "C# 10.0",
            new[] { Contract(ValidSchema) }),
    };
}
