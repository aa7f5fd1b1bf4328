using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace EventContracts.Package.Tests;

/// <summary>Packs the repository's EventContracts project once, with a version no cache has seen, into a temporary feed.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = FindRoot();
        WorkDirectory = Directory.CreateTempSubdirectory("eventcontracts-package-").FullName;
        Feed = Path.Combine(WorkDirectory, "feed");
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        foreach (string project in new[] { "src/EventContracts/EventContracts.csproj", "src/EventContracts.Http/EventContracts.Http.csproj", "src/EventContracts.Emulator/EventContracts.Emulator.csproj" })
        {
            var pack = Run(Root, "dotnet", $"pack {project} -c Release -o \"{Feed}\" -p:Version={Version}");
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
            }
        }

        PackagePath = Path.Combine(Feed, $"EventContracts.{Version}.nupkg");
    }

    public string Root { get; }

    public string WorkDirectory { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackagePath { get; }

    /// <summary>Creates an empty consumer project folder whose nuget.config adds the temporary feed to the normal sources.</summary>
    public string NewConsumer(string name)
    {
        string directory = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="eventcontracts-test" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        // Keep the repository's central package management and props out of the consumer.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    public static (int ExitCode, string Output) Run(string directory, string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 8 minutes:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the OS temp cleaner gets it later.
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Toolkit.sln not found");
    }
}
