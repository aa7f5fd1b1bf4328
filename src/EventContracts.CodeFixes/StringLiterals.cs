using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>Finds the string literal a diagnostic points at, when the fix may rewrite it.</summary>
internal static class StringLiterals
{
    /// <summary>
    /// The string literal at <paramref name="location"/> (an argument's expression counts), or null: also for a literal
    /// with a syntax error, which (without its closing quote) runs to the end of the line, so rewriting it would take
    /// the code after it along.
    /// </summary>
    public static LiteralExpressionSyntax? At(SyntaxNode root, Location location)
    {
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        return node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.ContainsDiagnostics
            ? literal
            : null;
    }
}
