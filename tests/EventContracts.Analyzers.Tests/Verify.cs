using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace EventContracts.Analyzers.Tests;

/// <summary>A vendor contract or plan given to the analyzers as an AdditionalFiles item with its metadata.</summary>
public sealed record ContractFile(string Path, string Text, string Kind, string? Vendor = null, string? Operation = null);

/// <summary>The project a test analyzes: the tracking plan, the vendor contracts, the C# style option.</summary>
public static class Project
{
    public const string Directory = "/0/";

    public static string RepositoryRoot { get; } = FindRoot();

    public static ReferenceAssemblies Net100 { get; } = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>The plan every test uses, with events for each destination.</summary>
    public const string Plan = """
        events:
          - name: Order Completed
            destinations: [CustomerIo, PushEngage]
            properties:
              type: object
              properties:
                revenue: { type: number }
          - name: Cart Viewed
            destinations: [PushEngage]
          - name: Signed Up
            destinations: [Userpilot]
          - name: Message Sent
            destinations: [Courier]
          - name: PushEngage.Reserved
            destinations: [PushEngage]
          - name: A Very Long Event Name That Goes On And On Past What PushEngage Accepts
            destinations: [PushEngage]
        """;

    /// <summary>A second plan file, of events whose schemas the call-site checks read (EC3007, EC3008).</summary>
    public const string SchemaPlan = """
        events:
          - name: Payment Submitted
            destinations: [CustomerIo]
            properties:
              type: object
              additionalProperties: false
              required: [method, amount]
              properties:
                method: { type: string, enum: [card, paypal, bank_transfer] }
                amount: { type: number, minimum: 0 }
                attempt: { type: integer, maximum: 5 }
                coupon: { type: string, pattern: "^[A-Z0-9]{4,12}$" }
                note: { type: [string, "null"], maxLength: 20 }
                speed: { oneOf: [{ const: express }, { const: standard }] }
                currency: { type: string }
          - name: Search Performed
            properties:
              type: object
              required: [query]
              properties:
                query: { type: string, minLength: 1 }
              patternProperties:
                "^filter_": { type: string }
              propertyNames: { maxLength: 20 }
          - name: Order Placed
            properties:
              type: object
              properties:
                shipping:
                  type: object
                  required: [country]
                  additionalProperties: false
                  properties:
                    country: { type: string, minLength: 2, maxLength: 2 }
                    express: { type: boolean }
                products:
                  type: array
                  items:
                    type: object
                    required: [sku]
                    properties:
                      sku: { type: string }
                      quantity: { type: integer, minimum: 1 }
                tags: { type: array, items: { type: string, enum: [new, sale] } }
                pair: { type: array, prefixItems: [{ type: string }, { type: integer }] }
              allOf:
                - properties: { shipping: { required: [country] } }
          - name: Account Created
            properties:
              type: object
              properties:
                email: { type: string, format: email }
                signed_up_at: { type: string, format: date-time }
                seats: { type: integer, multipleOf: 5 }
                price: { type: number, multipleOf: 0.01 }
          - name: Coupon Applied
            properties:
              type: object
              maxProperties: 4
              dependentRequired: { coupon: [discount] }
              properties:
                coupon: { type: string }
                discount: { type: number }
                codes: { type: array, maxItems: 2, uniqueItems: true, items: { type: string } }
                lines:
                  type: array
                  items: { type: object, properties: { sku: { type: string } }, dependentRequired: { sku: [quantity] } }
          - name: Contact Shared
            properties:
              type: object
              properties:
                email: { type: string }
                phone: { type: string }
                country: { type: string }
              anyOf: [{ required: [email] }, { required: [phone, country] }]
          - name: Shapes Written
            properties:
              type: object
              properties:
                blob: { maxItems: 2, uniqueItems: true }
                meta: { maxProperties: 1, dependentRequired: { a: [b] } }
                sorted: { maxProperties: 1 }
                sur: { type: object, anyOf: [{ required: ["\uFFFD"] }] }
                grid: { maxItems: 1 }
                keyed: { type: object, properties: { a: { type: string } } }
          - name: Written Values
            properties:
              type: object
              additionalProperties: false
              properties:
                count: { type: integer, maximum: 255 }
                letter: { type: string }
                user_id: { type: string }
                bag: { type: object }
                tags: { type: string }
                precise: { type: number, maximum: 99999999999999.99, exclusiveMinimum: 0 }
                sum: { type: number, minimum: 0.30000000000000004 }
                fixed: { const: fixed }
                odd: { type: string, enum: ["\uFFFD"] }
                Amount: { type: integer }
                nothing: { type: "null" }
        """;

    /// <summary>The vendor contracts, the plan and <see cref="SchemaPlan"/>; <paramref name="vendors"/>: false leaves the contracts out.</summary>
    public static IReadOnlyList<ContractFile> FilesWithSchemaPlan(bool vendors = true)
        => Files().Where(f => vendors || f.Kind == "TrackingPlan")
            .Append(new ContractFile(Directory + "schema-plan.yaml", SchemaPlan, "TrackingPlan"))
            .ToList();

    /// <summary>The tracking API the tests call: one method with every marked parameter.</summary>
    public const string Tracker = """
        namespace Consumer
        {
            using EventContracts.Delivery;

            public static class Tracker
            {
                public static void Track([EventName] string name, [EventProperties] object? properties = null, [UserId] string? userId = "user-1", [MessageId] string? messageId = null)
                {
                }

                public static void Identify([UserId] string? userId, [EventName] string name = "Signed Up")
                {
                }
            }
        }
        """;

    public static IReadOnlyList<ContractFile> Files(bool withPlan = true)
    {
        var files = new List<ContractFile>
        {
            Vendor("courier.openapi.yaml", "Courier", "inbound_track"),
            Vendor("userpilot.openapi.yaml", "Userpilot", "track"),
            Vendor("customerio.openapi.yaml", "CustomerIo", "track,batch"), // as build/EventContracts.targets declares it
            Vendor("pushengage.openapi.yaml", "PushEngage", "track"),
        };
        if (withPlan)
        {
            files.Add(new ContractFile(Directory + "tracking-plan.yaml", Plan, "TrackingPlan"));
        }

        return files;
    }

    /// <summary>Adds the contract files, their metadata (a global config, as the package's targets give it) and the runtime reference.</summary>
    public static void Configure(SolutionState state, IEnumerable<ContractFile> files, string? style)
    {
        foreach (var file in files)
        {
            state.AdditionalFiles.Add((file.Path, file.Text));
        }

        state.AnalyzerConfigFiles.Add((GlobalConfigPath, GlobalConfig(files, style)));
        foreach (string runtime in RuntimeAssemblies)
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(runtime));
        }
    }

    /// <summary>Where <see cref="GlobalConfig"/> is written.</summary>
    public const string GlobalConfigPath = "/.globalconfig";

    /// <summary>The runtime assemblies a consumer references (the attributes, the tracker interface).</summary>
    public static IReadOnlyList<string> RuntimeAssemblies { get; } = new[]
    {
        typeof(EventContracts.Delivery.EventNameAttribute).Assembly.Location,
        typeof(EventContracts.Http.IEventTracker).Assembly.Location,
    };

    /// <summary>The contract files' metadata as the package's targets give it, and the event-name style of <c>/0/Test0.cs</c>.</summary>
    public static string GlobalConfig(IEnumerable<ContractFile> files, string? style)
    {
        var config = new StringBuilder("is_global = true\n");
        foreach (var file in files)
        {
            config.Append('[').Append(file.Path).Append("]\n");
            config.Append("build_metadata.AdditionalFiles.EventContractsKind = ").Append(file.Kind).Append('\n');
            if (file.Vendor is not null)
            {
                config.Append("build_metadata.AdditionalFiles.Vendor = ").Append(file.Vendor).Append('\n');
            }

            if (file.Operation is not null)
            {
                config.Append("build_metadata.AdditionalFiles.Operation = ").Append(file.Operation).Append('\n');
            }
        }

        if (style is not null)
        {
            config.Append("[/0/Test0.cs]\neventcontracts.event_name_style = ").Append(style).Append('\n');
        }

        return config.ToString();
    }

    private static ContractFile Vendor(string fileName, string vendor, string operation)
        => new(Directory + fileName, File.ReadAllText(Path.Combine(RepositoryRoot, "schemas", fileName)), "EventContract", vendor, operation);

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

/// <summary>
/// Runs one analyzer over a call site (the test source plus <see cref="Project.Tracker"/>). EC3005 and EC3007 have a
/// message for a call and one for a generated record, so markup such as <c>{|EC3007:...|}</c> takes the first
/// (<see cref="MarkupOptions.UseFirstDescriptor"/>; it checks the ID and the span, not the message).
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, string? style = null, bool withPlan = true, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Project.Net100,
            TestState = { Sources = { source, Project.Tracker } },
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        Project.Configure(test.TestState, Project.Files(withPlan), style);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>As <see cref="VerifyAsync"/>, with the project's contract and plan files given.</summary>
    public static Task VerifyWithFilesAsync(string source, IEnumerable<ContractFile> files, params DiagnosticResult[] expected)
        => VerifyWithFilesAsync(source, files, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>As <see cref="VerifyAsync"/>, with the project's files and output kind (an application, for top-level statements).</summary>
    public static Task VerifyWithFilesAsync(string source, IEnumerable<ContractFile> files, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Project.Net100,
            TestState = { Sources = { source, Project.Tracker }, OutputKind = outputKind },
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        Project.Configure(test.TestState, files, style: null);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);
}

/// <summary>
/// Runs an analyzer and a code fix: the source before, the diagnostics, the source after (markup as
/// <see cref="AnalyzerVerifier{TAnalyzer}"/> reads it).
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Checks one fix at a time (as many times as there are diagnostics) and Fix All in the document, project and
    /// solution, which must reach <paramref name="fixedSource"/> in one pass; a <paramref name="fixedSource"/> equal to
    /// <paramref name="source"/> checks that no fix is offered.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string? style = null, bool withPlan = true, IReadOnlyList<ContractFile>? files = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = Project.Net100,
            TestState = { Sources = { source, Project.Tracker } },
            FixedState = { Sources = { fixedSource, Project.Tracker } },
            NumberOfFixAllIterations = 1,
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        if (source == fixedSource)
        {
            // The same text after: no fix may be offered for any of the diagnostics.
            test.NumberOfIncrementalIterations = 0;
            test.NumberOfFixAllIterations = 0;
            test.FixedState.MarkupHandling = MarkupMode.Allow;
        }

        files ??= Project.Files(withPlan);
        Project.Configure(test.TestState, files, style);
        Project.Configure(test.FixedState, files, style);
        return test.RunAsync(CancellationToken.None);
    }
}
