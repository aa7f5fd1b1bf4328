using System.Collections.Generic;
using System.Collections.Immutable;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// <see cref="Diagnostic.Create(DiagnosticDescriptor, Location, object[])"/> for the call-site analyzers, with string
/// arguments on one line: a C# constant (an event name, a property key) may hold a line break, which would cut the
/// message where MSBuild and the IDE show it.
/// </summary>
internal static class CallSiteDiagnostic
{
    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
        => Diagnostic.Create(descriptor, location, OneLine(arguments));

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object?[] arguments)
        => Diagnostic.Create(descriptor, location, properties, OneLine(arguments));

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, IEnumerable<Location>? additionalLocations, ImmutableDictionary<string, string?> properties, params object?[] arguments)
        => Diagnostic.Create(descriptor, location, additionalLocations, properties, OneLine(arguments));

    private static object?[] OneLine(object?[] arguments)
    {
        var result = new object?[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            result[i] = arguments[i] is string text ? DiagnosticInfo.OneLine(text) : arguments[i];
        }

        return result;
    }
}
