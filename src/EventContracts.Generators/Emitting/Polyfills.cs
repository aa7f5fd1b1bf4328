using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventContracts.Generators.Emitting;

/// <summary>The attribute types C# needs for the generated code's <c>init</c> accessors and <c>required</c> members.</summary>
[Flags]
internal enum LanguageSupportTypes
{
    None = 0,

    /// <summary><c>System.Runtime.CompilerServices.IsExternalInit</c> (.NET 5 and later): <c>init</c> accessors.</summary>
    IsExternalInit = 1,

    /// <summary><c>System.Runtime.CompilerServices.RequiredMemberAttribute</c> (.NET 7 and later): <c>required</c> members.</summary>
    RequiredMember = 2,

    /// <summary><c>System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute</c> (.NET 7 and later): <c>required</c> members.</summary>
    CompilerFeatureRequired = 4,

    /// <summary><c>System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute</c> (.NET 7 and later): a record's copy constructor.</summary>
    SetsRequiredMembers = 8,
}

/// <summary>
/// <see cref="LanguageSupportTypes"/> as an incremental pipeline value: a class, for the reason
/// <see cref="Model.PipelineList{T}"/> gives. One instance per combination.
/// </summary>
internal sealed class LanguageSupportSet
{
    private static readonly LanguageSupportSet[] s_all = Enumerable.Range(0, 16).Select(types => new LanguageSupportSet((LanguageSupportTypes)types)).ToArray();

    private LanguageSupportSet(LanguageSupportTypes types) => Types = types;

    public LanguageSupportTypes Types { get; }

    public static LanguageSupportSet Of(LanguageSupportTypes types) => s_all[(int)types];
}

/// <summary>
/// Internal copies of the <see cref="LanguageSupportTypes"/> a target framework lacks (.NET Standard, .NET Framework, .NET
/// before 7), so generated code compiles there as it does on .NET 7 and later. The framework is told by the SDK's
/// preprocessor symbols (<c>NET7_0_OR_GREATER</c>, ...) and the project's own declarations by syntax, file by file: a step
/// that read the compilation would run again after every edit (each edit makes a new compilation), and looking the
/// types up in it binds its references, hundreds of milliseconds of a cold build. Types the project's own code declares
/// are not declared again; <c>EventContractsPolyfills=false</c> turns them off where another source generator
/// (PolySharp) writes them, which this generator cannot see.
/// </summary>
internal static class Polyfills
{
    public const string HintName = "EventContracts.Polyfills.g.cs";

    private const LanguageSupportTypes RequiredMembers = LanguageSupportTypes.RequiredMember | LanguageSupportTypes.CompilerFeatureRequired | LanguageSupportTypes.SetsRequiredMembers;

    private const LanguageSupportTypes All = LanguageSupportTypes.IsExternalInit | RequiredMembers;

    /// <summary>
    /// What the target framework lacks, from the SDK's framework symbols; nothing when none is defined (a host that is
    /// not an SDK build: its project declares what it lacks).
    /// </summary>
    public static LanguageSupportTypes MissingFor(IEnumerable<string> preprocessorSymbols)
    {
        var symbols = new HashSet<string>(preprocessorSymbols, StringComparer.Ordinal);
        return symbols.Contains("NET7_0_OR_GREATER") ? LanguageSupportTypes.None
            : symbols.Contains("NET5_0_OR_GREATER") ? RequiredMembers
            : symbols.Contains("NETCOREAPP") || symbols.Contains("NETSTANDARD") || symbols.Contains("NETFRAMEWORK") ? All
            : LanguageSupportTypes.None;
    }

    /// <summary>
    /// Whether a syntax node may declare one of the types: a class of one of their names (see <see cref="Declared"/>). It
    /// runs on every node of an edited file, so it allocates nothing.
    /// </summary>
    public static bool MayDeclare(SyntaxNode node)
        => node is ClassDeclarationSyntax declaration && s_simpleNames.Contains(declaration.Identifier.ValueText);

    /// <summary>The type a class declaration of the project declares, by its namespace and name; none for another class.</summary>
    public static LanguageSupportTypes Declared(SyntaxNode node)
    {
        if (node is not ClassDeclarationSyntax declaration || declaration.Parent is TypeDeclarationSyntax)
        {
            return LanguageSupportTypes.None;
        }

        string name = string.Join(".", declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()).Append(declaration.Identifier.ValueText));
        return s_types.FirstOrDefault(t => t.MetadataName == name).Type;
    }

    private static readonly (string MetadataName, LanguageSupportTypes Type)[] s_types =
    {
        ("System.Runtime.CompilerServices.IsExternalInit", LanguageSupportTypes.IsExternalInit),
        ("System.Runtime.CompilerServices.RequiredMemberAttribute", LanguageSupportTypes.RequiredMember),
        ("System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute", LanguageSupportTypes.CompilerFeatureRequired),
        ("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute", LanguageSupportTypes.SetsRequiredMembers),
    };

    private static readonly HashSet<string> s_simpleNames = new(s_types.Select(t => t.MetadataName.Substring(t.MetadataName.LastIndexOf('.') + 1)), StringComparer.Ordinal);

    /// <summary>The source of the internal declarations of <paramref name="missing"/>.</summary>
    public static string Emit(LanguageSupportTypes missing)
    {
        var writer = new SourceWriter()
            .Line("// <auto-generated/>")
            .Line("// Generated by EventContracts: types this target framework lacks, which the generated records need for init")
            .Line("// accessors and required members. Set the MSBuild property EventContractsPolyfills to false where another")
            .Line("// package already adds them.")
            .Line("#nullable enable")
            .Line();
        if ((missing & (LanguageSupportTypes.IsExternalInit | LanguageSupportTypes.RequiredMember | LanguageSupportTypes.CompilerFeatureRequired)) != 0)
        {
            writer.Open("namespace System.Runtime.CompilerServices");
            bool first = true;
            if ((missing & LanguageSupportTypes.IsExternalInit) != 0)
            {
                Declare(writer, ref first, "Marks init accessors (C# 9).", null, "internal static class IsExternalInit");
            }

            if ((missing & LanguageSupportTypes.RequiredMember) != 0)
            {
                Declare(writer, ref first, "Marks a type with required members, and the members (C# 11).", "global::System.AttributeTargets.Class | global::System.AttributeTargets.Struct | global::System.AttributeTargets.Field | global::System.AttributeTargets.Property, AllowMultiple = false, Inherited = false", "internal sealed class RequiredMemberAttribute : global::System.Attribute");
            }

            if ((missing & LanguageSupportTypes.CompilerFeatureRequired) != 0)
            {
                Declare(writer, ref first, "Names a compiler feature a member needs (C# 11).", "global::System.AttributeTargets.All, AllowMultiple = true, Inherited = false", "internal sealed class CompilerFeatureRequiredAttribute : global::System.Attribute", static w =>
                {
                    w.Line("/// <summary>Creates the attribute.</summary>")
                        .Line("/// <param name=\"featureName\">The feature's name.</param>")
                        .Line("public CompilerFeatureRequiredAttribute(string featureName) => FeatureName = featureName;")
                        .Line()
                        .Line("/// <summary>The feature's name.</summary>")
                        .Line("public string FeatureName { get; }")
                        .Line()
                        .Line("/// <summary>Whether a compiler that does not know the feature may ignore it.</summary>")
                        .Line("public bool IsOptional { get; set; }");
                });
            }

            writer.Close();
        }

        if ((missing & LanguageSupportTypes.SetsRequiredMembers) != 0)
        {
            if ((missing & ~LanguageSupportTypes.SetsRequiredMembers) != 0)
            {
                writer.Line();
            }

            writer.Open("namespace System.Diagnostics.CodeAnalysis");
            bool first = true;
            Declare(writer, ref first, "Marks a constructor that sets every required member (C# 11).", "global::System.AttributeTargets.Constructor, AllowMultiple = false, Inherited = false", "internal sealed class SetsRequiredMembersAttribute : global::System.Attribute");
            writer.Close();
        }

        return writer.ToString();
    }

    private static void Declare(SourceWriter writer, ref bool first, string summary, string? usage, string declaration, Action<SourceWriter>? body = null)
    {
        if (!first)
        {
            writer.Line();
        }

        first = false;
        writer.Summary(summary);
        writer.Line(CSharpTypes.GeneratedCode);
        if (usage is not null)
        {
            writer.Line("[global::System.AttributeUsage(" + usage + ")]");
        }

        writer.Open(declaration);
        body?.Invoke(writer);
        writer.Close();
    }
}
