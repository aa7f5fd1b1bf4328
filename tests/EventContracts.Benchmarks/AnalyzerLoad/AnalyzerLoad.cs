using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace EventContracts.Benchmarks.AnalyzerLoad;

/// <summary>
/// <c>--analyzer-load [calls] [files] [runs]</c>: generates a consumer project in a temp folder (a 20-event tracking plan,
/// <c>calls</c> tracking call sites over <c>files</c> C# files: constant and literal names, anonymous objects and
/// dictionaries), builds it with <c>dotnet build -p:ReportAnalyzer=true -v:detailed</c> and reports the build's wall
/// time, the Csc task time, and the EventContracts analyzers' and generator's time from the compiler's own report.
/// It measures twice: without the compiler server (<c>-p:UseSharedCompilation=false</c>, a new csc process per build, as
/// CI and this machine's environment do) and with it (<c>=true</c>, warm, a developer's default). In each mode an untimed
/// build first brings the referenced EventContracts projects up to date (and starts the server); each measured run then
/// deletes the consumer's bin/ and obj/AnalyzerLoad/ and builds again (a full compile of the consumer, references up to date).
/// Logs: <c>$TMPDIR/ec-analyzer-load-{noserver|server}-run{n}.log</c>.
/// </summary>
public static class AnalyzerLoadRunner
{
    private const int Events = 20;

    /// <summary>
    /// A configuration of its own, so the referenced src/ projects build into bin/AnalyzerLoad/ and obj/AnalyzerLoad/, where
    /// no other build of the repository (Debug, Release) deletes or rewrites them mid-run. Built optimized
    /// (<see cref="Optimized"/>), as the package ships the generator.
    /// </summary>
    private const string Configuration = "AnalyzerLoad";

    /// <summary>Release's code generation for every project of the build, the consumer's included.</summary>
    private const string Optimized = "-p:Optimize=true";

    private static readonly string[] s_destinations =
    {
        "[Courier, CustomerIo]", "[Userpilot, Tranthor]", "[CustomerIo, PushEngage]", "[Courier, Userpilot, Tranthor]", "[Tranthor, CustomerIo]",
    };

    private static readonly string[] s_nouns = { "Order", "Cart", "Checkout", "Coupon", "Profile", "Invoice", "Search", "Review", "Wishlist", "Subscription" };

    private static readonly string[] s_verbs = { "Completed", "Viewed" };

    public static int Run(string[] args)
    {
        int calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        int files = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        Measure(calls, files, runs);
        return 0;
    }

    /// <summary>Builds the consumer <paramref name="runs"/> times without and with the compiler server; the median shares.</summary>
    public static AnalyzerShares Measure(int calls, int files, int runs)
    {
        var shares = new Dictionary<bool, double>();
        var analyzersAlone = new Dictionary<bool, double>();
        string root = FindRoot();
        string directory = Path.Combine(Path.GetTempPath(), "ec-analyzer-load-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(directory);
        try
        {
            string project = Write(directory, root, calls, files);
            Console.WriteLine($"consumer: {project} ({calls} call sites in {files} files, {Events} plan events)");
            Dotnet(directory, "restore --nologo -v:q", out _);
            foreach (bool server in new[] { false, true })
            {
                // false: a new csc process per build (no compiler server: cold JIT of the compiler, the analyzers and the
                // generator every build; what CI and this machine's environment, UseSharedCompilation=false, do).
                // true: the VBCSCompiler server, warmed by an untimed build first (a developer's default inner loop).
                string mode = server ? "compiler server (warm)" : "no compiler server";
                string shared = "-p:UseSharedCompilation=" + (server ? "true" : "false");

                // Cleaned first, like the timed builds: an up-to-date project skips Csc, and the server would start in the
                // first timed build instead.
                Clean(directory);
                Dotnet(directory, $"build --no-restore --nologo -v:q -c {Configuration} {Optimized} {shared}", out _);
                var results = new List<Figures>();
                for (int run = 1; run <= runs; run++)
                {
                    Clean(directory);
                    long start = Stopwatch.GetTimestamp();
                    string log = Dotnet(directory, $"build --no-restore --nologo -c {Configuration} {Optimized} {shared} -p:ReportAnalyzer=true -v:detailed -clp:PerformanceSummary", out _);
                    double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    File.WriteAllText(Path.Combine(Path.GetTempPath(), $"ec-analyzer-load-{(server ? "server" : "noserver")}-run{run}.log"), log);
                    Figures figures = Parse(log, wall);
                    results.Add(figures);
                    Console.WriteLine(mode + ", " + figures.ToString(run));
                }

                Figures median = results.OrderBy(r => r.Share).ElementAt(results.Count / 2);
                shares[server] = median.Share;
                analyzersAlone[server] = results.Select(r => r.OurAnalyzersSeconds / r.ElapsedSeconds).OrderBy(v => v).ElementAt(results.Count / 2);
                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: median share {1:P2} of the build ({2:F3} s of {3:F2} s; {4:P1} of Csc {5:F2} s); budget < 5%",
                    mode, median.Share, median.Ours, median.ElapsedSeconds, median.Ours / median.CscSeconds, median.CscSeconds));
            }

            Console.WriteLine($"logs: {Path.GetTempPath()}ec-analyzer-load-*-run*.log");
            return new AnalyzerShares(shares[false], shares[true], analyzersAlone[false], analyzersAlone[true]);
        }
        finally
        {
            // The compiler server and MSBuild's reusable nodes outlive the builds and kept a core busy for minutes after
            // them, skewing whatever was measured next (the --budgets run, a second run).
            Dotnet(directory, "build-server shutdown", out _);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The median shares of the build (0.05 is 5%) without and with the compiler server: of the analyzers and the generator
    /// together (the budget), and of the diagnostic analyzers alone (the generator has budgets of its own).
    /// </summary>
    public sealed record AnalyzerShares(double NoServer, double Server, double NoServerAnalyzersAlone, double ServerAnalyzersAlone);

    /// <summary>The figures of one build.</summary>
    public sealed record Figures(double WallSeconds, double ElapsedSeconds, double CscSeconds, double AllAnalyzersSeconds, double OurAnalyzersSeconds, double AllGeneratorsSeconds, double OurGeneratorSeconds, int EcDiagnostics, IReadOnlyList<string> OurAnalyzerLines, bool StartedServer)
    {
        public double Ours => OurAnalyzersSeconds + OurGeneratorSeconds;

        public double Share => Ours / ElapsedSeconds;

        public string ToString(int run) => string.Format(
            CultureInfo.InvariantCulture,
            "run {0}: build {1:F2} s (MSBuild 'Time Elapsed'; process wall {2:F2} s), Csc task {3:F2} s; analyzers (all) {4:F3} s, EventContracts analyzers {5:F3} s; generators (all) {6:F3} s, EventContracts generator {7:F3} s; EventContracts total {8:F3} s = {9:P2} of the build, {10:P1} of Csc; EC diagnostics in the build: {11}{12}{13}",
            run, ElapsedSeconds, WallSeconds, CscSeconds, AllAnalyzersSeconds, OurAnalyzersSeconds, AllGeneratorsSeconds, OurGeneratorSeconds, Ours, Share, Ours / CscSeconds, EcDiagnostics,
            StartedServer ? "; this build started the compiler server (its compilation ran in a new server process)" : string.Empty,
            string.Concat(OurAnalyzerLines.Select(l => Environment.NewLine + "    " + l)));
    }

    /// <summary>Reads the compiler's ReportAnalyzer tables and MSBuild's performance summary from a detailed log.</summary>
    public static Figures Parse(string log, double wall)
    {
        string[] lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        double elapsed = lines.Select(l => Regex.Match(l, @"^Time Elapsed (\d+):(\d+):(\d+(?:\.\d+)?)")).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 3600) + (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 60) + double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NaN).Last();
        double csc = lines.Select(l => Regex.Match(l, @"^\s+(\d+) ms\s+Csc\s+\d+ calls?")).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1000).DefaultIfEmpty(double.NaN).Last();
        double allAnalyzers = Total(lines, "Total analyzer execution time");
        double allGenerators = Total(lines, "Total generator execution time");
        string section = string.Empty;
        double ourAnalyzers = 0, ourGenerator = 0;
        var ourLines = new List<string>();
        foreach (string line in lines)
        {
            if (line.Contains("Total analyzer execution time", StringComparison.Ordinal))
            {
                section = "analyzer";
            }
            else if (line.Contains("Total generator execution time", StringComparison.Ordinal))
            {
                section = "generator";
            }

            // Assembly rows: "   0.123    4   EventContracts.Generators, Version=..."; the rows under them name the types.
            Match row = Regex.Match(line, @"^\s*(<?[\d.]+)\s+(<?\d+)\s+EventContracts\.Generators, Version=");
            if (row.Success)
            {
                double seconds = row.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                if (section == "analyzer")
                {
                    ourAnalyzers += seconds;
                }
                else if (section == "generator")
                {
                    ourGenerator += seconds;
                }
            }

            if (Regex.IsMatch(line, @"^\s*(<?[\d.]+)\s+(<?\d+)\s+EventContracts\.Generators\.[A-Za-z.]+"))
            {
                ourLines.Add(section + ": " + Regex.Replace(line.Trim(), @"\s+", " "));
            }
        }

        int ec = lines.Count(l => Regex.IsMatch(l, @": (warning|error|info) EC\d{4}:"));

        // The Csc task's detailed log names the server process it had to create.
        bool startedServer = lines.Any(l => l.Contains("Attempting to create process", StringComparison.Ordinal) && l.Contains("VBCSCompiler", StringComparison.Ordinal));
        return new Figures(wall, elapsed, csc, allAnalyzers, ourAnalyzers, allGenerators, ourGenerator, ec, ourLines.Distinct().ToList(), startedServer);
    }

    private static double Total(string[] lines, string label)
        => lines.Select(l => Regex.Match(l, Regex.Escape(label) + @": (<?[\d.]+) seconds")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(double.NaN).Last();

    private static string Write(string directory, string root, int calls, int files)
    {
        var names = new List<string>();
        for (int i = 0; i < Events; i++)
        {
            names.Add(s_nouns[i / 2] + " " + s_verbs[i % 2]);
        }

        var plan = new StringBuilder("# Generated by the analyzer-load benchmark.\nevents:\n");
        for (int i = 0; i < Events; i++)
        {
            plan.Append("  - name: ").Append(names[i]).Append('\n')
                .Append("    destinations: ").Append(s_destinations[i % s_destinations.Length]).Append('\n')
                .Append("    properties:\n      type: object\n      additionalProperties: false\n      properties:\n")
                .Append("        order_id: { type: string, maxLength: 64 }\n")
                .Append("        revenue: { type: number, minimum: 0 }\n")
                .Append("        coupon_used: { type: boolean }\n")
                .Append("        plan: { type: string, enum: [free, pro, team] }\n")
                .Append("        seats: { type: integer, minimum: 1 }\n");
        }

        File.WriteAllText(Path.Combine(directory, "tracking-plan.yaml"), plan.ToString());
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{root}/build/EventContracts.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <EventContractsNamespace>Consumer.Contracts</EventContractsNamespace>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <TrackingPlan Include="tracking-plan.yaml" />
                <ProjectReference Include="{root}/src/EventContracts/EventContracts.csproj" />
                <ProjectReference Include="{root}/src/EventContracts.Generators/EventContracts.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{root}/build/EventContracts.targets" />
            </Project>
            """);

        var shared = new StringBuilder("""
            using System.Collections.Generic;
            using EventContracts.Delivery;

            namespace Consumer
            {
                public static class Tracker
                {
                    public static void Track([EventName] string name, [EventProperties] object? properties, [UserId] string? userId, [MessageId] string? messageId = null)
                    {
                    }
                }

                public static class Names
                {

            """);
        for (int i = 0; i < Events; i++)
        {
            shared.Append("        public const string E").Append(i.ToString("D2", CultureInfo.InvariantCulture)).Append(" = \"").Append(names[i]).Append("\";\n");
        }

        shared.Append("    }\n}\n");
        File.WriteAllText(Path.Combine(directory, "Tracker.cs"), shared.ToString());

        int call = 0;
        for (int file = 0; file < files; file++)
        {
            int here = (calls / files) + (file < calls % files ? 1 : 0);
            var source = new StringBuilder($$"""
                using System;
                using System.Collections.Generic;

                namespace Consumer
                {
                    public static class Feature{{file:D2}}
                    {
                        public static void Run(string userId, string orderId, decimal amount)
                        {

                """);
            for (int i = 0; i < here; i++, call++)
            {
                int e = call % Events;
                string name = names[e];
                string constant = "Names.E" + e.ToString("D2", CultureInfo.InvariantCulture);
                source.Append("            ").Append((call % 5) switch
                {
                    0 => $"Tracker.Track(\"{name}\", new {{ order_id = orderId, revenue = 19.99, coupon_used = true }}, userId);",
                    1 => $"Tracker.Track({constant}, new Dictionary<string, object> {{ [\"order_id\"] = \"A-{call}\", [\"revenue\"] = amount, [\"seats\"] = 3 }}, userId);",
                    2 => $"Tracker.Track(\"{name}\", null, userId, Guid.NewGuid().ToString());",
                    3 => $"Tracker.Track({constant}, new Dictionary<string, object> {{ {{ \"plan\", \"pro\" }}, {{ \"seats\", {1 + (call % 9)} }} }}, userId);",
                    _ => $"Tracker.Track(name: {constant}, properties: new {{ plan = \"team\", seats = 2, revenue = amount }}, userId: userId);",
                }).Append('\n');
            }

            source.Append("        }\n    }\n}\n");
            File.WriteAllText(Path.Combine(directory, $"Feature{file:D2}.cs"), source.ToString());
        }

        return Path.Combine(directory, "Consumer.csproj");
    }

    /// <summary>Deletes the consumer's build output, so that the next build compiles it again.</summary>
    private static void Clean(string directory)
    {
        foreach (string path in new[] { Path.Combine(directory, "bin"), Path.Combine(directory, "obj", Configuration) })
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static string Dotnet(string directory, string arguments, out int exitCode)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        exitCode = process.ExitCode;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} exited {exitCode}:{Environment.NewLine}{Tail(stdout)}{stderr.Result}");
        }

        return stdout;
    }

    private static string Tail(string text) => text.Length > 4000 ? text.Substring(text.Length - 4000) : text;

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
