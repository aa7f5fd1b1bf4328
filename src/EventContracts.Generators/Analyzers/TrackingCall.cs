using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>The arguments of a tracking call, found by the attributes on the parameters they bind to.</summary>
internal readonly struct TrackingArguments
{
    public TrackingArguments(IArgumentOperation? eventName, IArgumentOperation? properties, IArgumentOperation? messageId, IArgumentOperation? userId, IArgumentOperation? trackedEvent)
    {
        EventName = eventName;
        Properties = properties;
        MessageId = messageId;
        UserId = userId;
        TrackedEvent = trackedEvent;
    }

    public IArgumentOperation? EventName { get; }

    public IArgumentOperation? Properties { get; }

    public IArgumentOperation? MessageId { get; }

    public IArgumentOperation? UserId { get; }

    /// <summary>The argument of an <c>ITrackedEvent</c> parameter (<c>IEventTracker.TrackAsync</c>'s event), whose static type may name the event.</summary>
    public IArgumentOperation? TrackedEvent { get; }
}

/// <summary>
/// The <c>EventContracts.Delivery</c> parameter attributes of one compilation, and how to find the
/// tracking arguments of a call: any method or constructor whose parameters carry them, the toolkit's
/// own or a user's wrapper. Attributes on the parameters of an overridden method or of an interface
/// method the called one implements count too (they are inherited).
/// </summary>
internal sealed class TrackingSymbols
{
    private const int MaxInheritanceDepth = 8;

    // Per compilation (one instance per compilation start): each called method is searched once, however often it is called.
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<Marked>> _marks = new(SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, ImmutableArray<Marked>> _markParameters;

    // The same for what an [EventProperties] parameter's attribute (or an inherited one) says, read at every call.
    private readonly ConcurrentDictionary<IParameterSymbol, PropertiesSettings> _propertiesSettings = new(SymbolEqualityComparer.Default);
    private readonly Func<IParameterSymbol, PropertiesSettings> _readPropertiesSettings;

    private TrackingSymbols(INamedTypeSymbol? eventName, INamedTypeSymbol? properties, INamedTypeSymbol? messageId, INamedTypeSymbol? userId, INamedTypeSymbol? trackedEvent)
    {
        EventNameAttribute = eventName;
        PropertiesAttribute = properties;
        MessageIdAttribute = messageId;
        UserIdAttribute = userId;
        TrackedEventInterface = trackedEvent;
        _markParameters = MarkParameters;
        _readPropertiesSettings = ReadPropertiesSettings;
    }

    public INamedTypeSymbol? EventNameAttribute { get; }

    public INamedTypeSymbol? PropertiesAttribute { get; }

    public INamedTypeSymbol? MessageIdAttribute { get; }

    public INamedTypeSymbol? UserIdAttribute { get; }

    /// <summary><c>EventContracts.Delivery.ITrackedEvent</c>, which the generated plan-event records implement.</summary>
    public INamedTypeSymbol? TrackedEventInterface { get; }

    /// <summary>The attributes, or null when the compilation does not reference EventContracts.</summary>
    public static TrackingSymbols? Create(Compilation compilation)
    {
        var symbols = new TrackingSymbols(
            compilation.GetTypeByMetadataName("EventContracts.Delivery.EventNameAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.EventPropertiesAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.MessageIdAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.UserIdAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.ITrackedEvent"));
        return symbols.EventNameAttribute is null && symbols.PropertiesAttribute is null && symbols.MessageIdAttribute is null && symbols.UserIdAttribute is null
            ? null
            : symbols;
    }

    /// <summary>
    /// The marked arguments of an invocation or an object creation (<c>new T(...)</c>, <c>new(...)</c>, a record's
    /// primary constructor); false (and no allocation) for any other operation and for a call none of whose parameters is marked.
    /// </summary>
    public bool TryGetArguments(IOperation call, out TrackingArguments arguments)
    {
        var callArguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        IArgumentOperation? eventName = null, properties = null, messageId = null, userId = null, trackedEvent = null;
        foreach (var argument in callArguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            switch (Mark(parameter))
            {
                case Marked.EventName: eventName ??= argument; break;
                case Marked.Properties: properties ??= argument; break;
                case Marked.MessageId: messageId ??= argument; break;
                case Marked.UserId: userId ??= argument; break;
                case Marked.None when trackedEvent is null && SymbolEqualityComparer.Default.Equals(parameter.Type, TrackedEventInterface):
                    trackedEvent = argument;
                    break;
            }
        }

        arguments = new TrackingArguments(eventName, properties, messageId, userId, trackedEvent);
        return eventName is not null || properties is not null || messageId is not null || userId is not null;
    }

    /// <summary>
    /// The names an <c>[EventProperties(Adds = ...)]</c> parameter says its method adds to every event, from its own
    /// attribute or, when that has none, the one on the parameter of a method it overrides or implements.
    /// </summary>
    public ImmutableArray<string> AddedProperties(IParameterSymbol parameter)
        => _propertiesSettings.GetOrAdd(parameter, _readPropertiesSettings).Adds;

    /// <summary>
    /// Whether an <c>[EventProperties(OmitsNulls = true)]</c> parameter's method leaves out null properties, from its own
    /// attribute or, when that does not say, the one on the parameter of a method it overrides or implements.
    /// </summary>
    public bool OmitsNulls(IParameterSymbol parameter)
        => _propertiesSettings.GetOrAdd(parameter, _readPropertiesSettings).OmitsNulls;

    private PropertiesSettings ReadPropertiesSettings(IParameterSymbol parameter)
        => new(
            PropertiesSetting(parameter, "Adds") is { Kind: TypedConstantKind.Array, IsNull: false } adds
                ? adds.Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToImmutableArray()
                : ImmutableArray<string>.Empty,
            PropertiesSetting(parameter, "OmitsNulls") is { Kind: TypedConstantKind.Primitive, Value: true });

    /// <summary>What an <c>[EventProperties]</c> parameter says: the names its method adds, and whether it leaves out nulls.</summary>
    private sealed record PropertiesSettings(ImmutableArray<string> Adds, bool OmitsNulls);

    /// <summary>
    /// The named argument <paramref name="name"/> of the nearest <c>[EventProperties]</c> that sets it: on the parameter,
    /// else on the parameters of the methods it overrides or implements.
    /// </summary>
    private TypedConstant? PropertiesSetting(IParameterSymbol parameter, string name)
    {
        if (PropertiesAttribute is null)
        {
            return null;
        }

        var pending = new Stack<(IParameterSymbol Parameter, int Depth)>();
        pending.Push((parameter, 0));
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, PropertiesAttribute))
                {
                    foreach (var argument in attribute.NamedArguments)
                    {
                        if (argument.Key == name)
                        {
                            return argument.Value;
                        }
                    }
                }
            }

            if (depth < MaxInheritanceDepth && current.ContainingSymbol is IMethodSymbol method)
            {
                foreach (var inherited in Inherited(method))
                {
                    if (current.Ordinal < inherited.Parameters.Length)
                    {
                        pending.Push((inherited.Parameters[current.Ordinal], depth + 1));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="symbol"/> is marked <c>[MessageId]</c>.</summary>
    public bool HasMessageId(ISymbol symbol) => HasAttribute(symbol, MessageIdAttribute);

    /// <summary>
    /// A parameter declaration marked <c>[EventName]</c> (or <c>[MessageId]</c>, with <paramref name="messageId"/>), by
    /// its own attribute or the parameter of a method it overrides or implements, whose default is a constant string:
    /// the parameter, the string and the default's expression. Parameters without a default, or whose default is a
    /// literal of another kind, are passed over before the semantic model is asked.
    /// </summary>
    public (IParameterSymbol Parameter, string Value, ExpressionSyntax Default)? MarkedConstantDefault(
        ParameterSyntax syntax, SemanticModel model, bool messageId, System.Threading.CancellationToken cancellationToken)
    {
        // `= default`, `= null`, `= 0`, `= false` (CancellationToken ct = default on most async methods) cannot be a
        // string: passed over before the semantic model is asked.
        if (syntax.Default is not { } clause
            || (clause.Value is LiteralExpressionSyntax literal && !literal.IsKind(SyntaxKind.StringLiteralExpression))
            || model.GetDeclaredSymbol(syntax, cancellationToken) is not { HasExplicitDefaultValue: true, ExplicitDefaultValue: string value } parameter
            || (Mark(parameter) != (messageId ? Marked.MessageId : Marked.EventName) && !(messageId && syntax.Parent is ParameterListSyntax { Parent: RecordDeclarationSyntax } && InitializesMessageIdProperty(parameter))))
        {
            return null;
        }

        return (parameter, value, clause.Value);
    }

    /// <summary>
    /// Whether a parameter of a record's primary constructor (the caller checks that it is declared there) is the one of
    /// a <c>[property: MessageId]</c> property:
    /// <c>record Envelope([property: MessageId] string Id = "x")</c> gives every envelope that id.
    /// </summary>
    private bool InitializesMessageIdProperty(IParameterSymbol parameter)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { IsRecord: true } record }
            && record.GetMembers(parameter.Name).OfType<IPropertySymbol>().Any(HasMessageId);

    /// <summary>
    /// Whether a call's argument is the default of a parameter declared in a referenced assembly: no declaration here
    /// shows it, so the call is where its value is checked (a default declared in source is checked at the default).
    /// </summary>
    public static bool IsDefaultFromMetadata(IArgumentOperation argument)
        => argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter is { DeclaringSyntaxReferences.IsEmpty: true };

    /// <summary>The name a call is made by: the method's name, or the type (or <c>new</c>) of a constructor call.</summary>
    public static SyntaxNode CalledName(SyntaxNode call) => call switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name,
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name,
        InvocationExpressionSyntax invocation => invocation.Expression,
        ObjectCreationExpressionSyntax creation => creation.Type,
        _ => call,
    };

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }

    private Marked Mark(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return Own(parameter);
        }

        var marks = _marks.GetOrAdd(method.OriginalDefinition, _markParameters);
        return parameter.Ordinal < marks.Length ? marks[parameter.Ordinal] : Marked.None;
    }

    private ImmutableArray<Marked> MarkParameters(IMethodSymbol method)
    {
        var marks = ImmutableArray.CreateBuilder<Marked>(method.Parameters.Length);
        for (int ordinal = 0; ordinal < method.Parameters.Length; ordinal++)
        {
            marks.Add(Find(method, ordinal, 0));
        }

        return marks.MoveToImmutable();
    }

    /// <summary>The mark of a parameter: its own attribute, else the first found on the methods it overrides or implements.</summary>
    private Marked Find(IMethodSymbol method, int ordinal, int depth)
    {
        if (ordinal >= method.Parameters.Length)
        {
            return Marked.None;
        }

        var own = Own(method.Parameters[ordinal]);
        if (own != Marked.None || depth >= MaxInheritanceDepth)
        {
            return own;
        }

        foreach (var inherited in Inherited(method))
        {
            var mark = Find(inherited, ordinal, depth + 1);
            if (mark != Marked.None)
            {
                return mark;
            }
        }

        return Marked.None;
    }

    /// <summary>The method <paramref name="method"/> overrides and the interface methods it implements, explicitly or implicitly.</summary>
    private static IEnumerable<IMethodSymbol> Inherited(IMethodSymbol method)
    {
        if (method.OverriddenMethod is { } overridden)
        {
            yield return overridden;
        }

        foreach (var explicitly in method.ExplicitInterfaceImplementations)
        {
            yield return explicitly;
        }

        if (!method.ExplicitInterfaceImplementations.IsEmpty
            || method.MethodKind != MethodKind.Ordinary
            || method.DeclaredAccessibility != Accessibility.Public
            || method.ContainingType is not { } type)
        {
            yield break;
        }

        foreach (var contract in type.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate
                    && type.FindImplementationForInterfaceMember(candidate) is IMethodSymbol implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                {
                    yield return candidate;
                }
            }
        }
    }

    private Marked Own(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(type, EventNameAttribute))
            {
                return Marked.EventName;
            }

            if (SymbolEqualityComparer.Default.Equals(type, PropertiesAttribute))
            {
                return Marked.Properties;
            }

            if (SymbolEqualityComparer.Default.Equals(type, MessageIdAttribute))
            {
                return Marked.MessageId;
            }

            if (SymbolEqualityComparer.Default.Equals(type, UserIdAttribute))
            {
                return Marked.UserId;
            }
        }

        return Marked.None;
    }

    private enum Marked
    {
        None,
        EventName,
        Properties,
        MessageId,
        UserId,
    }
}

/// <summary>Small helpers over operations shared by the call-site analyzers.</summary>
internal static class OperationValues
{
    /// <summary>
    /// The operand under conversions that keep the value a serializer writes: identity, boxing and unboxing, reference
    /// conversions (to <c>object</c>, an interface, a base or derived class) and wrapping in <c>Nullable</c>. Numeric and
    /// user-defined conversions (<c>(int)2.5</c>, <c>(char)65</c>, a strongly typed id's <c>implicit operator string</c>)
    /// change the value or its JSON type, so the conversion itself is what is written.
    /// </summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion && KeepsValue(conversion))
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>
    /// The operation whose type and constant a serializer writes: as <see cref="Unwrap"/>, but through boxing and
    /// reference conversions only to <c>object</c>, whose value System.Text.Json writes by its own type; under any other
    /// declared type (<c>IEnumerable&lt;char&gt;</c>, an interface) it writes by that type.
    /// </summary>
    public static IOperation Written(IOperation operation)
    {
        while (operation is IConversionOperation conversion
            && KeepsValue(conversion)
            && (conversion.Type?.SpecialType == SpecialType.System_Object || !IsReferenceOrBoxing(conversion)))
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool KeepsValue(IConversionOperation operation)
    {
        var conversion = Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetConversion(operation);
        return conversion.IsIdentity || conversion.IsBoxing || conversion.IsUnboxing || conversion.IsReference
            || (conversion.IsNullable && !conversion.IsUserDefined && NullableKeepsValue(operation.Operand.Type, operation.Type, conversion.IsImplicit));
    }

    /// <summary>
    /// Whether a nullable conversion writes the value it converts: one that only wraps or unwraps (<c>int</c> to
    /// <c>int?</c>), or whose implicit numeric step is exact and keeps an integer an integer (<c>int</c> to <c>long?</c>,
    /// <c>decimal?</c> or <c>double?</c>). Others change what is written: <c>char</c> to <c>int?</c> writes 97, <c>long</c>
    /// to <c>double?</c> may round, <c>float</c> to <c>double?</c> writes more digits. A null literal has no type and stays null.
    /// </summary>
    private static bool NullableKeepsValue(ITypeSymbol? from, ITypeSymbol? to, bool isImplicit)
    {
        if (from is null)
        {
            return true;
        }

        if (to is null)
        {
            return false;
        }

        var source = Underlying(from).SpecialType;
        var target = Underlying(to).SpecialType;
        if (source == target && SymbolEqualityComparer.Default.Equals(Underlying(from), Underlying(to)))
        {
            return true;
        }

        bool small = source is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16;
        bool integral = small || source is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

        // An implicit conversion between integral types widens; a double holds every 32-bit integer, a float every 16-bit one.
        return isImplicit && target switch
        {
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Decimal => integral,
            SpecialType.System_Double => small || source is SpecialType.System_Int32 or SpecialType.System_UInt32,
            SpecialType.System_Single => small,
            _ => false,
        };
    }

    /// <summary>
    /// The value a constant is written as after an implicit conversion to a nullable number, which the compiler does not
    /// fold (<c>'a'</c> into an <c>int?</c> is 97, <c>1</c> into a <c>double?</c> is 1.0); null for anything else.
    /// </summary>
    public static object? NullableNumber(IConversionOperation conversion)
    {
        if (conversion.Operand.ConstantValue is not { HasValue: true, Value: { } operand } || conversion.Type is not { } type)
        {
            return null;
        }

        var kind = Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetConversion(conversion);
        if (!kind.IsNullable || !kind.IsImplicit || kind.IsUserDefined)
        {
            return null;
        }

        // A char widens to its code: Convert takes it to integers only.
        object number = operand is char c ? (int)c : operand;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            return Underlying(type).SpecialType switch
            {
                SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 => Convert.ToInt64(number, invariant),
                SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => Convert.ToUInt64(number, invariant),
                SpecialType.System_Decimal => Convert.ToDecimal(number, invariant),
                SpecialType.System_Double => Convert.ToDouble(number, invariant),
                SpecialType.System_Single => Convert.ToSingle(number, invariant),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException)
        {
            // Code the compiler refuses (a constant out of the target's range) has no value to judge.
            return null;
        }
    }

    private static ITypeSymbol Underlying(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static bool IsReferenceOrBoxing(IConversionOperation operation)
    {
        var conversion = Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetConversion(operation);
        return conversion.IsBoxing || conversion.IsReference;
    }

    /// <summary>
    /// Whether an operation (as <see cref="Written"/> gives it) is always null: a constant null, or the default of a
    /// nullable value type (<c>default(decimal?)</c>, <c>new int?()</c>), which the compiler does not fold into a constant.
    /// </summary>
    public static bool IsNull(IOperation written) => written switch
    {
        { ConstantValue: { HasValue: true, Value: null } } => true,
        IDefaultValueOperation { Type.OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } => true,
        IObjectCreationOperation { Type.OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, Arguments.Length: 0, Initializer: null } => true,
        _ => false,
    };

    /// <summary>
    /// The constant string (or constant null) an argument always has, if it has one. Code with a syntax error (a string
    /// literal whose closing quote is not typed yet, which runs to the end of the line and takes the <c>);</c> after the
    /// name into its value) has none: what it will be is not written yet.
    /// </summary>
    public static bool TryGetConstantString(IOperation operation, out string? value)
    {
        if (!operation.IsImplicit && operation.Syntax.ContainsDiagnostics)
        {
            value = null;
            return false;
        }

        var inner = Unwrap(operation);
        var constant = inner.ConstantValue;
        if (!constant.HasValue)
        {
            constant = operation.ConstantValue;
        }

        if (constant.HasValue && (constant.Value is null || constant.Value is string))
        {
            value = constant.Value as string;
            return true;
        }

        // string.Empty is a static readonly field, not a constant, but it is always "".
        if (inner is IFieldReferenceOperation { Field: { Name: "Empty", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } })
        {
            value = string.Empty;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// The values an expression can take as far as its syntax shows them: each branch of a conditional (<c>?:</c>), of a
    /// switch expression and both sides of <c>??</c>, in order and through nested ones; the expression itself for anything
    /// else (a conditional the compiler folds to a constant included).
    /// </summary>
    public static IEnumerable<IOperation> Branches(IOperation operation)
    {
        var inner = Unwrap(operation);
        IEnumerable<IOperation>? branches = inner.ConstantValue.HasValue ? null : inner switch
        {
            // A constant condition takes one branch; the other is never written.
            IConditionalOperation { Condition.ConstantValue: { HasValue: true, Value: bool taken }, WhenFalse: { } whenFalse } conditional
                => new[] { taken ? conditional.WhenTrue : whenFalse },
            IConditionalOperation { WhenFalse: { } whenFalse } conditional => new[] { conditional.WhenTrue, whenFalse },

            // A switch on a constant takes one arm, which its patterns decide: left unread rather than guessed.
            ISwitchExpressionOperation { Value.ConstantValue.HasValue: false } switchExpression => switchExpression.Arms.Select(a => a.Value),

            // A constant null on the left is never written, a left side that cannot be null always is.
            ICoalesceOperation { Value.ConstantValue: { HasValue: true, Value: null } } coalesce => new[] { coalesce.WhenNull },
            ICoalesceOperation coalesce when coalesce.Value.ConstantValue.HasValue
                || coalesce.Value.Type is { IsValueType: true, OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T }
                => new[] { coalesce.Value },
            ICoalesceOperation coalesce => new[] { coalesce.Value, coalesce.WhenNull },
            _ => null,
        };
        if (branches is null)
        {
            yield return operation;
            yield break;
        }

        foreach (var branch in branches)
        {
            foreach (var leaf in Branches(branch))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The name a diagnostic shows for a call: the method's, or the type's for a constructor.</summary>
    public static string MethodName(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        IObjectCreationOperation { Type: { } type } => type.Name,
        _ => string.Empty,
    };
}
