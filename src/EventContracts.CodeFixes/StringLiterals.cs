using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>Finds the string literal a diagnostic points at, when the fix may rewrite it, and writes its replacement.</summary>
internal static class StringLiterals
{
    // What C# counts as a new line, which a single-line raw literal cannot hold.
    private static readonly char[] s_lineBreaks = ['\r', '\n', '\u0085', '\u2028', '\u2029'];

    /// <summary>
    /// The string at <paramref name="location"/> (an argument's expression counts) when it is written whole where it
    /// stands: a string literal, or an interpolated string without holes (<c>$"Order Complete"</c>). Null for anything
    /// else, also for text with a syntax error, which (without its closing quote) runs to the end of the line, so
    /// rewriting it would take the code after it along.
    /// </summary>
    public static ExpressionSyntax? At(SyntaxNode root, Location location)
    {
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        return node switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.ContainsDiagnostics => literal,
            InterpolatedStringExpressionSyntax interpolated when !interpolated.ContainsDiagnostics && interpolated.Contents.All(c => c is InterpolatedStringTextSyntax) => interpolated,
            _ => null,
        };
    }

    /// <summary>
    /// A string literal of <paramref name="value"/> written the way <paramref name="original"/> is: verbatim stays verbatim
    /// and a single-line raw literal stays raw (with as many quotes as it had, more when the value needs them), where the
    /// value can be written so; anything else (an interpolated string too) becomes a regular literal.
    /// </summary>
    public static LiteralExpressionSyntax Like(ExpressionSyntax original, string value)
    {
        var token = original is LiteralExpressionSyntax literal ? literal.Token : default;
        if (token.IsKind(SyntaxKind.StringLiteralToken) && token.Text.StartsWith("@", StringComparison.Ordinal))
        {
            return String(SyntaxFactory.Literal("@\"" + value.Replace("\"", "\"\"") + "\"", value));
        }

        if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
            && value.Length > 0
            && value[0] != '"'
            && value[value.Length - 1] != '"'
            && value.IndexOfAny(s_lineBreaks) < 0)
        {
            int quotes = Math.Max(token.Text.TakeWhile(c => c == '"').Count(), LongestQuoteRun(value) + 1);
            string delimiter = new('"', Math.Max(quotes, 3));
            return String(SyntaxFactory.Token(default, SyntaxKind.SingleLineRawStringLiteralToken, delimiter + value + delimiter, value, default));
        }

        return String(SyntaxFactory.Literal(value));
    }

    private static LiteralExpressionSyntax String(SyntaxToken token) => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, token);

    private static int LongestQuoteRun(string value)
    {
        int longest = 0;
        int run = 0;
        foreach (char c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
