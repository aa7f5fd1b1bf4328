using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// The identifier names under a syntax node (a member, or a file's top-level statements), grouped by their text: found in
/// one walk and kept while the node lives. The call-site checks look for the other mentions of a local or an anonymous
/// object's members once per call; walking the whole method each time made a method of many tracking calls quadratic.
/// </summary>
internal static class IdentifierIndex
{
    private static readonly ConditionalWeakTable<SyntaxNode, Dictionary<string, IdentifierNameSyntax[]>> s_indexes = new();

    /// <summary>The identifier names spelled <paramref name="text"/> under <paramref name="scope"/>, in source order.</summary>
    public static IReadOnlyList<IdentifierNameSyntax> Named(SyntaxNode scope, string text)
        => s_indexes.GetValue(scope, Build).TryGetValue(text, out var names) ? names : Array.Empty<IdentifierNameSyntax>();

    // Racing threads may both build one; either result is the same.
    private static Dictionary<string, IdentifierNameSyntax[]> Build(SyntaxNode scope)
        => scope.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .GroupBy(name => name.Identifier.ValueText, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
}
