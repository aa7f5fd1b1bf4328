using System.Threading.Tasks;

namespace EventContracts.Emulator;

/// <summary>
/// Starts the vendor emulator: <c>dotnet run --project src/EventContracts.Emulator [-- --urls http://127.0.0.1:5080]</c>.
/// A named entry point rather than top-level statements: the web SDK makes a top-level <c>Program</c> public in the global
/// namespace, and an app's test project that references this package would then have two (CS0433 at
/// <c>WebApplicationFactory&lt;Program&gt;</c>).
/// </summary>
internal static class Program
{
    private static Task Main(string[] args) => EmulatorApp.Build(args).RunAsync();
}
