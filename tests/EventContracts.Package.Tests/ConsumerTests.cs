using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace EventContracts.Package.Tests;

/// <summary>
/// A project that has only <c>PackageReference Include="EventContracts"</c>, a tracking plan and a few
/// lines of C# gets typed events, the built-in vendors and located diagnostics.
/// </summary>
public class ConsumerTests : IClassFixture<PackageFixture>
{
    private const string Plan = """
        events:
          - name: Order Completed
            destinations: [Courier, CustomerIo]
            properties:
              type: object
              required: [order_id]
              properties:
                order_id: { type: string }
                revenue: { type: number }
        """;

    private const string BrokenEvent = """
          - name: Cart Viewed
            destinations: [PushEngage]
            properties:
              type: object
              properties:
                cart: { type: object }
        """;

    private const string Program = """
        using Consumer;
        var evt = new OrderCompleted { OrderId = "A-17", Revenue = 19.99m };
        System.Console.WriteLine("valid=" + evt.Validate().IsValid);
        System.Console.WriteLine(System.Text.Encoding.UTF8.GetString(evt.ToUtf8Json()));
        foreach (var contract in EventContractCatalog.Contracts)
        {
            System.Console.WriteLine("contract " + contract.Name + " " + contract.Kind);
        }

        // System.Text.Json's own source generator runs in the same project, beside ours.
        System.Console.WriteLine("stj=" + System.Text.Json.JsonSerializer.Serialize(new Note("hi"), AppJson.Default.Note));

        internal sealed record Note(string Text);

        [System.Text.Json.Serialization.JsonSerializable(typeof(Note))]
        internal partial class AppJson : System.Text.Json.Serialization.JsonSerializerContext
        {
        }
        """;

    private readonly PackageFixture _package;

    public ConsumerTests(PackageFixture package) => _package = package;

    /// <summary>
    /// A project with the package and a tracking plan: an app running <see cref="Program"/> in the framework's default
    /// C#, or a library (<paramref name="library"/>) of its own code in C# 12 (.NET Standard's default is 7.3).
    /// </summary>
    private string CreateConsumer(string name, string targetFramework, string plan, (string File, string Code)? library = null)
    {
        string directory = _package.NewConsumer(name);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{(library is null ? "Exe" : "Library")}</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <LangVersion>{(library is null ? "default" : "12")}</LangVersion>
                <RootNamespace>Consumer</RootNamespace>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
                <TrackingPlan Include="tracking-plan.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "tracking-plan.yaml"), plan);
        var (file, code) = library ?? ("Program.cs", Program);
        File.WriteAllText(Path.Combine(directory, file), code);
        return directory;
    }

    [Fact]
    public void A_net10_consumer_gets_typed_events_and_all_five_vendors()
    {
        string directory = CreateConsumer("net10", "net10.0", Plan);

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("valid=True", run.Output);
        Assert.Contains("{\"order_id\":\"A-17\",\"revenue\":19.99}", run.Output);
        foreach (string vendor in new[] { "Courier", "Userpilot", "Tranthor", "CustomerIo", "PushEngage" })
        {
            Assert.Contains("contract " + vendor + " VendorRequest", run.Output);
        }

        Assert.Contains("contract Order Completed PlanEvent", run.Output);
        Assert.Contains("stj={\"Text\":\"hi\"}", run.Output);
    }

    [Fact]
    public void A_plan_replaced_by_content_with_an_older_timestamp_is_compiled_again()
    {
        string directory = CreateConsumer("oldtime", "net10.0", Plan);
        var first = PackageFixture.Run(directory, "dotnet", "run");
        string plan = Path.Combine(directory, "tracking-plan.yaml");
        File.WriteAllText(plan, Plan + "\n" + """
              - name: Signed Up
                destinations: [Courier]
            """);
        File.SetLastWriteTimeUtc(plan, new System.DateTime(2020, 1, 1, 0, 0, 0, System.DateTimeKind.Utc));

        var second = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.DoesNotContain("contract Signed Up PlanEvent", first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("contract Signed Up PlanEvent", second.Output);
    }

    [Fact]
    public void A_plan_problem_is_a_located_build_error_and_a_global_config_can_silence_it()
    {
        string directory = CreateConsumer("diagnostics", "net10.0", Plan + "\n" + BrokenEvent);

        var failing = PackageFixture.Run(directory, "dotnet", "build");
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("tracking-plan.yaml(15,9): error EC3003", failing.Output);

        // Roslyn applies .editorconfig sections to C# files only; plan-file diagnostics follow global config.
        File.WriteAllText(Path.Combine(directory, ".globalconfig"), "is_global = true\ndotnet_diagnostic.EC3003.severity = none\n");
        var silenced = PackageFixture.Run(directory, "dotnet", "build");
        Assert.True(silenced.ExitCode == 0, silenced.Output);
        Assert.DoesNotContain("EC3003", silenced.Output);
    }

    [Fact]
    public void A_net8_consumer_builds()
    {
        string directory = CreateConsumer("net8", "net8.0", Plan);

        var build = PackageFixture.Run(directory, "dotnet", "build");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
    }

    [Fact]
    public void A_netstandard2_0_library_builds_with_the_attribute_types_it_lacks_declared_once()
    {
        // .NET Standard 2.0 has no IsExternalInit or RequiredMemberAttribute: the generator declares them, internal, and
        // leaves out those the library declares itself (as a polyfill package would).
        string directory = CreateConsumer("netstandard20", "netstandard2.0", Plan, ("Checkout.cs", """
            namespace Consumer;

            public static class Checkout
            {
                public static bool Valid(string orderId) => new OrderCompleted { OrderId = orderId }.Validate().IsValid;
            }
            """));

        var build = PackageFixture.Run(directory, "dotnet", "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("0 Warning(s)", build.Output);

        File.WriteAllText(Path.Combine(directory, "IsExternalInit.cs"), "namespace System.Runtime.CompilerServices { internal static class IsExternalInit { } }\n");
        var own = PackageFixture.Run(directory, "dotnet", "build");
        Assert.True(own.ExitCode == 0, own.Output);
    }

    [Fact]
    public void The_package_holds_the_runtime_the_generator_its_dependencies_and_the_msbuild_interface()
    {
        using var archive = ZipFile.OpenRead(_package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("lib/netstandard2.0/EventContracts.dll", entries);
        Assert.Contains("lib/net8.0/EventContracts.dll", entries);

        // From .NET 9, typed validation reads open JSON values in place (JsonMarshal) instead of writing them.
        Assert.Contains("lib/net10.0/EventContracts.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/EventContracts.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/EventContracts.CodeFixes.dll", entries);
        Assert.Contains("buildTransitive/EventContracts.props", entries);
        Assert.Contains("buildTransitive/EventContracts.targets", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        foreach (string vendor in new[] { "courier", "userpilot", "tranthor", "customerio", "pushengage" })
        {
            Assert.Contains($"schemas/{vendor}.openapi.yaml", entries);
        }

        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", System.StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.Contains("Tests", System.StringComparison.Ordinal) || e.Contains("xunit", System.StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, entries.Count(e => e.StartsWith("analyzers/", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void The_SDK_s_own_compiler_runs_the_call_site_checks_on_collection_expressions_and_nullable_conversions()
    {
        // The analyzer tests run one Roslyn; a consumer's build runs the SDK's, whose operation trees differ (a builder
        // type's collection expression has its items as a span argument before them).
        string plan = """
            events:
              - name: Tags Posted
                properties:
                  type: object
                  properties:
                    tags: { type: array, uniqueItems: true, items: { type: string } }
                    count: { type: integer, maximum: 100 }
            """;
        string directory = CreateConsumer("collections", "net10.0", plan, ("Calls.cs", """
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using EventContracts.Delivery;

            namespace Consumer;

            public static class Calls
            {
                public static void Track([EventName] string name, [EventProperties] object properties) { }

                public static void Run()
                {
                    Track("Tags Posted", new { tags = (ImmutableArray<string>)["a", "a"] });
                    Track("Tags Posted", new Dictionary<string, ImmutableArray<string>> { ["tags"] = ["b", "b"] });
                    Track("Tags Posted", new { tags = (List<string>)["c", "c"] });
                    Track("Tags Posted", new { tags = (HashSet<string>)["d", "d"] });
                    Track("Tags Posted", new Dictionary<string, int?> { ["count"] = 'a' });
                    _ = new TagsPosted { Tags = ["e", "e"] };
                }
            }
            """));
        File.WriteAllText(Path.Combine(directory, ".globalconfig"), "is_global = true\ndotnet_diagnostic.EC3007.severity = error\n");

        var build = PackageFixture.Run(directory, "dotnet", "build");

        var reported = build.Output.Split('\n').Where(line => line.Contains("error EC3007", System.StringComparison.Ordinal))
            .Select(line => line.Substring(line.IndexOf("Calls.cs(", System.StringComparison.Ordinal) + 9).Split(',')[0]).Distinct().OrderBy(l => l, System.StringComparer.Ordinal);
        Assert.Equal(new[] { "13", "14", "15", "18" }, reported);
    }

    [Fact]
    public void The_vendor_examples_sample_runs_through_the_package()
    {
        string directory = _package.NewConsumer("sample");
        File.WriteAllText(Path.Combine(directory, "VendorExamples.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EventContractsNamespace>VendorExamples.Contracts</EventContractsNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(_package.Root, "samples", "VendorExamples", "Program.cs"), Path.Combine(directory, "Program.cs"));

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("All documented examples are valid.", run.Output);
    }

    [Fact]
    public void A_consumer_tracks_through_the_http_package_to_the_emulator_package_on_loopback()
    {
        string directory = _package.NewConsumer("emulator");
        File.WriteAllText(Path.Combine(directory, "EmulatorConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
                <PackageReference Include="EventContracts.Http" Version="{_package.Version}" />
                <PackageReference Include="EventContracts.Emulator" Version="{_package.Version}" />
                <TrackingPlan Include="tracking-plan.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "tracking-plan.yaml"), Plan);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Consumer;
            using EventContracts.Emulator;
            using EventContracts.Http;
            using Microsoft.Extensions.DependencyInjection;

            await using var emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=Warning" });
            var services = new ServiceCollection();
            services.AddEventContracts(b => b
                .AddVendor(CourierContract.Profile, o => { o.BaseAddress = emulator.ServerUrl("Courier"); o.ApiKey = "test-key"; })
                .AddVendor(CustomerIoContract.Profile, o => { o.BaseAddress = emulator.ServerUrl("CustomerIo"); o.ApiKey = "test-key"; }));
            await using var provider = services.BuildServiceProvider();
            var tracker = provider.GetRequiredService<EventTracker>();

            var result = await tracker.TrackAsync(new OrderCompleted { OrderId = "A-17", Revenue = 19.99m }, "user-1");
            foreach (var send in result.Results)
            {
                System.Console.WriteLine(send.Destination + "=" + send.Outcome);
            }

            System.Console.WriteLine("recorded=" + emulator.Events.Snapshot().Count);
            """);

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Courier=Accepted", run.Output);
        Assert.Contains("CustomerIo=Accepted", run.Output);
        Assert.Contains("recorded=2", run.Output);
    }

    [Fact]
    public void An_app_gets_the_call_site_checks_of_a_plan_kept_in_a_referenced_class_library()
    {
        // The README's layout for trimmed apps: the plan in a library, so the app's JsonSerializerContext sees its records.
        string root = _package.NewConsumer("referenced-plan");
        string library = Directory.CreateDirectory(Path.Combine(root, "Shop.Events")).FullName;
        File.WriteAllText(Path.Combine(library, "Shop.Events.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <EventContractsNamespace>Shop.Events.Generated</EventContractsNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
                <TrackingPlan Include="plan/tracking-plan.yaml" />
                <AdditionalFiles Include="plan/money.json" />
                <AdditionalFiles Include="stylecop.json" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "stylecop.json"), "{}");

        // A project the app only builds first (no reference to its assembly) has nothing the app can call.
        string other = Directory.CreateDirectory(Path.Combine(root, "Shop.Tools")).FullName;
        File.WriteAllText(Path.Combine(other, "Shop.Tools.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EventContractsVendors>none</EventContractsVendors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
                <TrackingPlan Include="tools-plan.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(other, "tools-plan.yaml"), "events:\n  - name: Tool Ran\n");
        Directory.CreateDirectory(Path.Combine(library, "plan"));
        File.WriteAllText(Path.Combine(library, "plan", "tracking-plan.yaml"), """
            events:
              - name: Order Completed
                destinations: [Courier, CustomerIo]
                properties:
                  type: object
                  required: [order_id]
                  properties:
                    order_id: { type: string }
                    revenue: { $ref: "money.json" }
            """);
        File.WriteAllText(Path.Combine(library, "plan", "money.json"), """{ "type": "number", "minimum": 0 }""");
        File.WriteAllText(Path.Combine(library, "Defaults.cs"), """
            namespace Shop.Events;

            public static class Defaults
            {
                public static void Checkout([EventContracts.Delivery.EventName] string name = "Order Complete") { }
            }
            """);

        string app = Directory.CreateDirectory(Path.Combine(root, "Shop.App")).FullName;
        File.WriteAllText(Path.Combine(app, "Shop.App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
                <ProjectReference Include="../Shop.Events/Shop.Events.csproj" />
                <ProjectReference Include="../Shop.Tools/Shop.Tools.csproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Shop.Events.Generated;

            Track("Order Complete", new { order_id = "A-17" }, userId: "user-1");
            Track("Order Completed", new { order_id = "A-18", revenue = -5m }, userId: "user-1");
            Track("Order Completed", new { order_id = "A-19" }, userId: null);
            var order = new OrderCompleted { OrderId = "A-20", Revenue = -1m };
            System.Console.WriteLine(order.Validate().IsValid);
            Shop.Events.Defaults.Checkout();

            static void Track([EventContracts.Delivery.EventName] string eventName, [EventContracts.Delivery.EventProperties] object properties, [EventContracts.Delivery.UserId] string? userId) { }
            """);

        var build = PackageFixture.Run(app, "dotnet", "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(build.Output.Contains("Program.cs(3,7): warning EC2004", System.StringComparison.Ordinal), build.Output);
        Assert.True(build.Output.Contains("Program.cs(4,51): warning EC3007", System.StringComparison.Ordinal), build.Output);
        Assert.True(build.Output.Contains("Program.cs(5,61): warning EC5001", System.StringComparison.Ordinal), build.Output);
        Assert.True(build.Output.Contains("Program.cs(6,52): warning EC3007", System.StringComparison.Ordinal), build.Output);

        // A default the library declares is sent by the app's call, so it is checked there.
        Assert.True(build.Output.Contains("Program.cs(8,22): warning EC2004", System.StringComparison.Ordinal), build.Output);

        // The app gets the library's plan and the file it refers to; not the library's stylecop.json (StyleCop would read
        // it as the app's), nor the plan of a project whose assembly it does not reference.
        string config = File.ReadAllText(Directory.GetFiles(Path.Combine(app, "obj"), "Shop.App.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single());
        Assert.Contains("tracking-plan.yaml]", config, System.StringComparison.Ordinal);
        Assert.Contains("money.json]", config, System.StringComparison.Ordinal);
        Assert.DoesNotContain("stylecop.json", config, System.StringComparison.Ordinal);
        Assert.DoesNotContain("tools-plan.yaml", config, System.StringComparison.Ordinal);

        // The library generates the records; the app does not generate them again (no CS0436, one OrderCompleted).
        Assert.DoesNotContain("CS0436", build.Output, System.StringComparison.Ordinal);
        var run = PackageFixture.Run(app, "dotnet", "run --no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("False", run.Output, System.StringComparison.Ordinal);

        // EventContractsReferencedPlans=false turns it off.
        var off = PackageFixture.Run(app, "dotnet", "build --no-incremental -p:EventContractsReferencedPlans=false");
        Assert.True(off.ExitCode == 0, off.Output);
        Assert.DoesNotContain("Program.cs(3,7): warning EC2004", off.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_event_name_at_a_call_site_is_located_and_editorconfig_sets_its_severity()
    {
        string directory = CreateConsumer("callsite", "net10.0", Plan);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), File.ReadAllText(Path.Combine(directory, "Consumer.csproj")).Replace("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", "<TreatWarningsAsErrors>false</TreatWarningsAsErrors>"));
        File.WriteAllText(Path.Combine(directory, "Tracking.cs"), """
            namespace Consumer;

            public static class Tracking
            {
                public static void Track([EventContracts.Delivery.EventName] string eventName) { }

                public static void Run() => Track("Order Complete");
            }
            """);

        var warned = PackageFixture.Run(directory, "dotnet", "build");
        Assert.True(warned.ExitCode == 0, warned.Output);
        Assert.True(warned.Output.Contains("Tracking.cs(7,39): warning EC2004"), warned.Output);
        Assert.Contains("Order Completed", warned.Output);

        File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.EC2004.severity = error\n");
        var failed = PackageFixture.Run(directory, "dotnet", "build");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("Tracking.cs(7,39): error EC2004", failed.Output);
    }

    [Fact]
    public void Two_items_for_one_contract_file_are_a_build_error_that_names_both_and_the_operation_list_to_use()
    {
        // The compiler keeps one AdditionalFiles item's metadata per file, so the generator alone would drop one contract.
        string directory = ContractConsumer("samefile", """
            <EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track" />
            <EventContract Include="contracts/acme.yaml" Vendor="AcmeLegacy" Operation="legacyTrack" />
            """);

        var failed = PackageFixture.Run(directory, "dotnet", "build");

        Assert.NotEqual(0, failed.ExitCode);
        string file = Path.Combine(directory, "contracts", "acme.yaml");
        Assert.True(
            failed.Output.Contains("error EC1020: " + file + " is listed by more than one EventContract item (Vendor=\"Acme\" Operation=\"track\", Vendor=\"AcmeLegacy\" Operation=\"legacyTrack\")", System.StringComparison.Ordinal),
            failed.Output);
        Assert.Contains("List the file once with all its operations: Operation=\"track,legacyTrack\"", failed.Output);

        // The form the error points to builds, with both contracts.
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(typeof(Consumer.AcmeRequest).Name + \" \" + typeof(Consumer.AcmeLegacyTrackRequest).Name);\n");
        WriteContractItems(directory, """<EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track,legacyTrack" />""");
        var run = PackageFixture.Run(directory, "dotnet", "run");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("AcmeRequest AcmeLegacyTrackRequest", run.Output);
        Assert.DoesNotContain("EC1020", run.Output);
    }

    [Fact]
    public void An_operation_list_may_use_semicolons_and_a_path_may_hold_a_hash()
    {
        // The compiler's analyzer config reads '#' and ';' as the start of a comment: before the targets encoded the value,
        // this item reached the generator as "POST /engage" (EC1004) and the second operation was lost without a word.
        string directory = ContractConsumer("separators", """<EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="POST /engage#profile-set; legacyTrack" />""");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            var profile = Consumer.AcmeRequest.FromUtf8Json("{\"distinct_id\":\"u-1\"}"u8);
            System.Console.WriteLine(profile.DistinctId + " " + Consumer.AcmeContract.Profile.Path + " " + typeof(Consumer.AcmeLegacyTrackRequest).Name);
            """);

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("u-1 /engage#profile-set AcmeLegacyTrackRequest", run.Output);
        Assert.DoesNotContain("EC10", run.Output);
    }

    [Fact]
    public void A_hash_or_semicolon_in_a_namespace_is_read_whole()
    {
        // The SDK names a project "C#Tools" RootNamespace "C#Tools"; the analyzer config would cut it to "C".
        string directory = ContractConsumer("hashns", """<EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track" />""");
        string project = Path.Combine(directory, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<RootNamespace>Consumer</RootNamespace>", "<RootNamespace>C#Tools</RootNamespace>", System.StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(typeof(CTools.AcmeRequest).FullName);\n");

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("CTools.AcmeRequest", run.Output);

        // A namespace the user writes with them is rewritten, and reported as written.
        File.WriteAllText(project, File.ReadAllText(project).Replace("<RootNamespace>C#Tools</RootNamespace>", "<RootNamespace>C#Tools</RootNamespace><EventContractsNamespace>Shop.Contracts#x;y</EventContractsNamespace>", System.StringComparison.Ordinal)
            .Replace("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", string.Empty, System.StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(typeof(Shop.ContractsXY.AcmeRequest).FullName);\n");
        var rewritten = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(rewritten.ExitCode == 0, rewritten.Output);
        Assert.Contains("warning EC1019: EventContractsNamespace 'Shop.Contracts#x;y' is not a valid C# namespace; the generated code is in namespace 'Shop.ContractsXY'", rewritten.Output);
        Assert.Contains("Shop.ContractsXY.AcmeRequest", rewritten.Output);
    }

    [Fact]
    public void Unknown_names_in_EventContractsVendors_are_a_build_warning_that_lists_the_built_in_vendors()
    {
        string directory = ContractConsumer("vendors", string.Empty, "Curier;customer io; Customer.io;Courier,Userpilot;PUSHENGAGE");

        var build = PackageFixture.Run(directory, "dotnet", "build");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(
            build.Output.Contains("warning EC1021: EventContractsVendors lists \"Curier\", \"Customer.io\", \"Courier,Userpilot\": not a built-in vendor, so nothing is added for it. The built-in vendors are Courier, Userpilot, Tranthor, CustomerIo and PushEngage, separated by ';' (none: no built-in vendor)", System.StringComparison.Ordinal),
            build.Output);
    }

    [Fact]
    public void EventContractsVendors_none_adds_no_built_in_vendor()
    {
        string directory = ContractConsumer("novendors", """<EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track" />""", "None");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            var types = typeof(Consumer.AcmeContract).Assembly.GetTypes();
            System.Console.WriteLine("contracts: " + string.Join(",", System.Linq.Enumerable.OrderBy(System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(types, t => t.Name.EndsWith("Contract", System.StringComparison.Ordinal)), t => t.Name), n => n, System.StringComparer.Ordinal)));
            """);

        var run = PackageFixture.Run(directory, "dotnet", "run");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("contracts: AcmeContract" + System.Environment.NewLine, run.Output);
        Assert.DoesNotContain("EC1021", run.Output);
    }

    [Fact]
    public void An_escaped_semicolon_separates_vendors_and_dotnet_watch_sees_the_plan_and_the_contracts()
    {
        string directory = ContractConsumer("escaped", """<EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track" />""", "Courier%3BCustomerIo");
        File.WriteAllText(Path.Combine(directory, "tracking-plan.yaml"), Plan);
        WriteContractItems(directory, """
            <EventContract Include="contracts/acme.yaml" Vendor="Acme" Operation="track" />
            <TrackingPlan Include="tracking-plan.yaml" />
            """);

        var build = PackageFixture.Run(directory, "dotnet", "build");
        var watched = PackageFixture.Run(directory, "dotnet", "msbuild -getItem:Watch -nologo");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("EC1021", build.Output);
        Assert.True(watched.ExitCode == 0, watched.Output);
        string[] files = System.Text.Json.JsonDocument.Parse(watched.Output).RootElement.GetProperty("Items").GetProperty("Watch")
            .EnumerateArray().Select(i => Path.GetFileName(i.GetProperty("Identity").GetString()!)).ToArray();
        Assert.Equal(new[] { "tracking-plan.yaml", "acme.yaml", "courier.openapi.yaml", "customerio.openapi.yaml" }, files.Where(f => f.EndsWith(".yaml", System.StringComparison.Ordinal)).OrderBy(f => f == "tracking-plan.yaml" ? 0 : f == "acme.yaml" ? 1 : 2).ThenBy(f => f, System.StringComparer.Ordinal));
    }

    /// <summary>A consumer with the Acme contract (two operations) and the given contract items, and no tracking plan.</summary>
    private string ContractConsumer(string name, string items, string? vendors = null)
    {
        string directory = _package.NewConsumer(name);
        Directory.CreateDirectory(Path.Combine(directory, "contracts"));
        File.WriteAllText(Path.Combine(directory, "contracts", "acme.yaml"), """
            openapi: 3.0.3
            info: { title: Acme, version: "1" }
            paths:
              /events:
                post:
                  operationId: track
                  requestBody: { content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } } }
                  responses: { "200": { description: ok } }
              /legacy:
                post:
                  operationId: legacyTrack
                  requestBody: { content: { application/json: { schema: { type: object, properties: { legacy_id: { type: string } } } } } }
                  responses: { "200": { description: ok } }
              /engage#profile-set:
                post:
                  requestBody: { content: { application/json: { schema: { type: object, properties: { distinct_id: { type: string } } } } } }
                  responses: { "200": { description: ok } }
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {(vendors is null ? string.Empty : "<EventContractsVendors>" + vendors + "</EventContractsVendors>")}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventContracts" Version="{_package.Version}" />
              </ItemGroup>
              <ItemGroup Label="contracts">
              </ItemGroup>
            </Project>
            """);
        WriteContractItems(directory, items);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(\"ok\");\n");
        return directory;
    }

    private static void WriteContractItems(string directory, string items)
    {
        string project = Path.Combine(directory, "Consumer.csproj");
        string text = File.ReadAllText(project);
        int start = text.IndexOf("<ItemGroup Label=\"contracts\">", System.StringComparison.Ordinal);
        int end = text.IndexOf("</ItemGroup>", start, System.StringComparison.Ordinal);
        File.WriteAllText(project, text.Substring(0, start) + "<ItemGroup Label=\"contracts\">\n" + items + "\n" + text.Substring(end));
    }
}
