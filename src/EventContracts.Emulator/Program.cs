// Starts the vendor emulator: `dotnet run --project src/EventContracts.Emulator [-- --urls http://127.0.0.1:5080]`.
using EventContracts.Emulator;

await EmulatorApp.Build(args).RunAsync();
