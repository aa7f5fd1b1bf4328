using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.CodeFixes;

/// <summary>
/// Replaces a constant message id (EC5002) written where it is used (a string literal, or an interpolated string without
/// holes) with a new one per evaluation, <c>Guid.NewGuid().ToString()</c>: the destination then tells a new event from a repeat, and a sender's retries still
/// reuse the id it was given. A constant declared elsewhere is not rewritten, nor a parameter's default, which must stay
/// a constant (make it null and take a new id when none is given).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MessageIdCodeFixProvider)), Shared]
public sealed class MessageIdCodeFixProvider : NodeReplacementCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConstantMessageId.Id);

    /// <inheritdoc/>
    /// <remarks>
    /// Not on a parameter's default, which must stay constant, nor on a static property's initializer, which runs once:
    /// a Guid there is still one id for every event of the process.
    /// </remarks>
    protected override NodeEdit? Plan(SyntaxNode root, Diagnostic diagnostic)
        => StringLiterals.At(root, diagnostic.Location) is { } literal
            && literal.Parent is not EqualsValueClauseSyntax { Parent: ParameterSyntax }
            && !(literal.Parent is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } && property.Modifiers.Any(SyntaxKind.StaticKeyword))
            ? new NodeEdit("Use a new message id for each event (Guid.NewGuid())", literal, (document, ct) => NewIdAsync(document, literal, ct))
            : null;

    private static async Task<SyntaxNode> NewIdAsync(Document document, ExpressionSyntax literal, CancellationToken cancellationToken)
    {
        // Guid when the name means System.Guid there (a using, global usings, ImplicitUsings, and no member or local
        // named Guid hiding it), else fully qualified.
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var guid = model?.Compilation.GetTypeByMetadataName("System.Guid");
        var named = guid is null ? ImmutableArray<ISymbol>.Empty : model!.LookupSymbols(literal.SpanStart, name: "Guid");
        bool inScope = named.Length == 1 && SymbolEqualityComparer.Default.Equals(named[0], guid);
        return SyntaxFactory.ParseExpression((inScope ? "Guid" : "global::System.Guid") + ".NewGuid().ToString()");
    }
}
