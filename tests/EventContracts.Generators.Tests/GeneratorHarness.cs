using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventContracts.Generators.Tests;

/// <summary>An AdditionalFiles item given to the generator in a test, with its EventContracts metadata.</summary>
public sealed record TestFile(string Path, string Text, string Kind = "EventContract", string? Vendor = null, string? Operation = null, string? EventNameStyle = null, bool BuiltIn = false);

/// <summary>Runs <see cref="EventContractGenerator"/> over in-memory files the way the compiler would.</summary>
public static class GeneratorHarness
{
    public const string Namespace = "Consumer.Contracts";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        Net100.References.All.Cast<MetadataReference>().ToImmutableArray()
            .Add(MetadataReference.CreateFromFile(typeof(EventContracts.ValidationResult).Assembly.Location)));

    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<TestFile> BuiltInVendors { get; } = new[]
    {
        Vendor("courier.openapi.yaml", "Courier", "inbound_track"),
        Vendor("userpilot.openapi.yaml", "Userpilot", "track"),
        Vendor("tranthor.openapi.yaml", "Tranthor", "track"),
        Vendor("customerio.openapi.yaml", "CustomerIo", "track,batch"),
        Vendor("pushengage.openapi.yaml", "PushEngage", "track"),
    };

    public static CSharpCompilation CreateCompilation(string source = "namespace Consumer { public static class Program { } }", LanguageVersion languageVersion = LanguageVersion.CSharp12)
        => CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(languageVersion), path: "Program.cs") },
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error)
                // The SDK suppresses these binding-unification notices in every build; so do we.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, LanguageVersion languageVersion = LanguageVersion.CSharp12)
        => CreateDriver(files, out _, languageVersion);

    /// <summary>Creates a driver and returns the additional texts it was given, for <see cref="GeneratorDriver.ReplaceAdditionalText"/>.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, out ImmutableArray<AdditionalText> texts, LanguageVersion languageVersion = LanguageVersion.CSharp12)
    {
        var list = files.ToList();
        texts = list.Select(ToAdditionalText).ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(languageVersion),
            new ItemMetadataOptionsProvider(
                list.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => new ItemMetadata(g.Last().Kind, g.Last().Vendor, g.Last().Operation, g.Last().EventNameStyle, g.Last().BuiltIn)),
                Namespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator and returns its result and the compilation that includes the generated code.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<TestFile> files, string? source = null)
    {
        var compilation = source is null ? CreateCompilation() : CreateCompilation(source);
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Errors and warnings of the consumer compilation (generated code included), as "id: message at path" lines.</summary>
    public static IReadOnlyList<string> CompileProblems(Compilation output)
        => output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan())
            .ToList();

    /// <summary>An in-memory AdditionalFiles item; the options provider finds its metadata by path.</summary>
    public static AdditionalText ToAdditionalText(TestFile file) => new InMemoryAdditionalText(file.Path, file.Text);

    public static TestFile Vendor(string fileName, string vendor, string operation)
        => new(Path.Combine(RepositoryRoot, "schemas", fileName), File.ReadAllText(Path.Combine(RepositoryRoot, "schemas", fileName)), "EventContract", vendor, operation, BuiltIn: true);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
