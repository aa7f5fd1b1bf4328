using System;
using System.Collections.Generic;
using System.Linq;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>
/// The properties a tracking call writes, as far as its syntax shows them: the keys and values of a dictionary
/// initializer or an anonymous object, and the JSON types each value is written as.
/// </summary>
internal static class CallSiteProperties
{
    /// <summary>
    /// The keys and values of a dictionary initializer or an anonymous object, each key once: the last <c>[key] = value</c>
    /// of a repeated key (the value that is sent; CA2244 flags the repeat), the first <c>{ key, value }</c> (a repeated
    /// <c>Add</c> throws at run time, so nothing is sent: no destination rule applies, and counting the key twice would
    /// report a payload that never exists).
    /// </summary>
    public static bool TryGetEntries(IOperation value, out List<PropertyEntry> entries, out bool allKeysConstant)
    {
        entries = new List<PropertyEntry>();
        allKeysConstant = true;
        switch (OperationValues.Unwrap(value))
        {
            case IAnonymousObjectCreationOperation anonymous:
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        var memberName = (assignment.Syntax as Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousObjectMemberDeclaratorSyntax)?.NameEquals?.Name;
                        entries.Add(new PropertyEntry(property.Property.Name, assignment.Value, assignment.Syntax, memberName, inAnonymousObject: true));
                    }
                }

                return true;

            case IObjectCreationOperation creation:
                // Constructor arguments that are collections (a copied dictionary; a comparer or capacity is fine) may add entries we cannot see.
                allKeysConstant = creation.Arguments.All(a => a.Value.Type is null || !Implements(a.Value.Type, "IEnumerable"));
                if (creation.Initializer is null)
                {
                    // new Dictionary<string, object>(): no entries (all of them, unless a collection argument holds some).
                    return creation.Type is { } type && IsDictionary(type);
                }

                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    IOperation? key = null;
                    IOperation? item = null;
                    bool overwrites = false;
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set)
                    {
                        key = indexer.Arguments[0].Value;
                        item = set.Value;
                        overwrites = true;
                    }
                    else if (initializer is IInvocationOperation { Arguments.Length: 2 } add)
                    {
                        key = add.Arguments[0].Value;
                        item = add.Arguments[1].Value;
                    }

                    if (key is not null && item is not null && OperationValues.TryGetConstantString(key, out string? text) && text is not null)
                    {
                        var keySyntax = OperationValues.Unwrap(key) is ILiteralOperation literal ? literal.Syntax : null;
                        if (!positions.TryGetValue(text, out int position))
                        {
                            positions.Add(text, entries.Count);
                            entries.Add(new PropertyEntry(text, item, initializer.Syntax, keySyntax));
                        }
                        else if (overwrites)
                        {
                            entries[position] = new PropertyEntry(text, item, initializer.Syntax, keySyntax);
                        }
                    }
                    else
                    {
                        allKeysConstant = false;
                    }
                }

                return true;

            default:
                return false;
        }
    }

    public static bool Implements(ITypeSymbol type, string interfaceName)
        => type.AllInterfaces.Any(i => i.Name == interfaceName);

    /// <summary>The JSON types a C# value is written as; <see cref="JsonTypeSet.None"/> when the static type does not tell.</summary>
    public static JsonTypeSet TypeOf(IOperation value)
    {
        var inner = OperationValues.Unwrap(value);
        if (inner.ConstantValue is { HasValue: true, Value: null })
        {
            return JsonTypeSet.Null;
        }

        if (inner is IAnonymousObjectCreationOperation)
        {
            return JsonTypeSet.Object;
        }

        return TypeOf(inner.Type);
    }

    private static JsonTypeSet TypeOf(ITypeSymbol? type)
    {
        if (type is null)
        {
            return JsonTypeSet.None;
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments.Length: 1 } nullable)
        {
            var underlying = TypeOf(nullable.TypeArguments[0]);
            return underlying == JsonTypeSet.None ? JsonTypeSet.None : underlying | JsonTypeSet.Null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
            case SpecialType.System_DateTime:
                return JsonTypeSet.String;
            case SpecialType.System_Boolean:
                return JsonTypeSet.Boolean;
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return JsonTypeSet.Integer;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return JsonTypeSet.Number;
            case SpecialType.System_Object:
                return JsonTypeSet.None;
        }

        if (type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Dynamic || type.TypeKind == TypeKind.TypeParameter)
        {
            return JsonTypeSet.None;
        }

        if (type.IsAnonymousType)
        {
            return JsonTypeSet.Object;
        }

        if (IsBytes(type))
        {
            return JsonTypeSet.String;
        }

        if (type is IArrayTypeSymbol)
        {
            return JsonTypeSet.Array;
        }

        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (name is "global::System.DateTimeOffset" or "global::System.Guid" or "global::System.DateOnly" or "global::System.TimeOnly" or "global::System.Uri")
        {
            return JsonTypeSet.String;
        }

        if (name.StartsWith("global::System.Text.Json.", StringComparison.Ordinal))
        {
            return JsonTypeSet.None;
        }

        if (IsDictionary(type))
        {
            return JsonTypeSet.Object;
        }

        if (type.SpecialType == SpecialType.None && Implements(type, "IEnumerable"))
        {
            return JsonTypeSet.Array;
        }

        // A class, record, struct or interface of the application's is written as an object of its properties, unless
        // a converter of its own may write anything; the framework's other types (TimeSpan, Version, ...) are left.
        return type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
            && type.SpecialType == SpecialType.None
            && !name.StartsWith("global::System.", StringComparison.Ordinal)
            && !name.StartsWith("global::Microsoft.", StringComparison.Ordinal)
            && !type.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonConverterAttribute")
                ? JsonTypeSet.Object
                : JsonTypeSet.None;
    }

    /// <summary>
    /// <c>byte[]</c>, <c>Memory&lt;byte&gt;</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>: System.Text.Json writes them as one base64
    /// string, not as an array of numbers (other arrays and <c>ArraySegment&lt;byte&gt;</c> are arrays).
    /// </summary>
    private static bool IsBytes(ITypeSymbol type)
        => type switch
        {
            IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => true,
            INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", TypeArguments.Length: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
                => named.TypeArguments[0].SpecialType == SpecialType.System_Byte,
            _ => false,
        };

    private static bool IsDictionary(ITypeSymbol type)
    {
        static bool Named(INamedTypeSymbol t) => t.IsGenericType && t.Name is "IDictionary" or "IReadOnlyDictionary" && t.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
        return (type is INamedTypeSymbol named && Named(named)) || type.AllInterfaces.Any(Named);
    }
}

/// <summary>A key a tracking call writes, its value and where both are written.</summary>
internal readonly struct PropertyEntry
{
    public PropertyEntry(string key, IOperation value, SyntaxNode syntax, SyntaxNode? keySyntax, bool inAnonymousObject = false)
    {
        Key = key;
        Value = value;
        Syntax = syntax;
        KeySyntax = keySyntax;
        InAnonymousObject = inAnonymousObject;
    }

    /// <summary>The key as written, when a fix can rewrite it: a string literal, or an anonymous object's member name.</summary>
    public SyntaxNode? KeySyntax { get; }

    /// <summary>The value is an anonymous object's member: its type is the value's own, so it may change.</summary>
    public bool InAnonymousObject { get; }

    /// <summary>The key (for an anonymous object, the member's name).</summary>
    public string Key { get; }

    /// <summary>The value as the compiler binds it, conversions included.</summary>
    public IOperation Value { get; }

    /// <summary>The whole entry (<c>["key"] = value</c>, <c>{ "key", value }</c>, <c>key = value</c>): where its diagnostics go.</summary>
    public SyntaxNode Syntax { get; }
}
