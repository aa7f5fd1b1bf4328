using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// Registers the .NET SDK's MSBuild once per test process, before any MSBuild type can load
/// (a module initializer runs before any other code of this assembly). This class touches no MSBuild type.
/// MSBuildWorkspace 4.14 evaluates projects in its out-of-process build host (BuildHost-netcore, copied to the
/// output), which finds the SDK on its own; the Microsoft.Build*.dll the package copies next to the tests are not
/// used to evaluate anything in this process.
/// </summary>
internal static class MSBuildSetup
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
