using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EventContracts.Generators.Analyzers;

/// <summary>The arguments of a tracking call, found by the attributes on the parameters they bind to.</summary>
internal readonly struct TrackingArguments
{
    public TrackingArguments(IArgumentOperation? eventName, IArgumentOperation? properties, IArgumentOperation? messageId, IArgumentOperation? userId)
    {
        EventName = eventName;
        Properties = properties;
        MessageId = messageId;
        UserId = userId;
    }

    public IArgumentOperation? EventName { get; }

    public IArgumentOperation? Properties { get; }

    public IArgumentOperation? MessageId { get; }

    public IArgumentOperation? UserId { get; }
}

/// <summary>
/// The <c>EventContracts.Delivery</c> parameter attributes of one compilation, and how to find the
/// tracking arguments of an invocation: any method whose parameters carry them, the toolkit's own or
/// a user's wrapper. Attributes on an overridden method's parameters count too (they are inherited).
/// </summary>
internal sealed class TrackingSymbols
{
    private TrackingSymbols(INamedTypeSymbol? eventName, INamedTypeSymbol? properties, INamedTypeSymbol? messageId, INamedTypeSymbol? userId)
    {
        EventNameAttribute = eventName;
        PropertiesAttribute = properties;
        MessageIdAttribute = messageId;
        UserIdAttribute = userId;
    }

    public INamedTypeSymbol? EventNameAttribute { get; }

    public INamedTypeSymbol? PropertiesAttribute { get; }

    public INamedTypeSymbol? MessageIdAttribute { get; }

    public INamedTypeSymbol? UserIdAttribute { get; }

    /// <summary>The attributes, or null when the compilation does not reference EventContracts.</summary>
    public static TrackingSymbols? Create(Compilation compilation)
    {
        var symbols = new TrackingSymbols(
            compilation.GetTypeByMetadataName("EventContracts.Delivery.EventNameAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.EventPropertiesAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.MessageIdAttribute"),
            compilation.GetTypeByMetadataName("EventContracts.Delivery.UserIdAttribute"));
        return symbols.EventNameAttribute is null && symbols.PropertiesAttribute is null && symbols.MessageIdAttribute is null && symbols.UserIdAttribute is null
            ? null
            : symbols;
    }

    /// <summary>False (and no allocation) for an invocation none of whose parameters is marked.</summary>
    public bool TryGetArguments(IInvocationOperation invocation, out TrackingArguments arguments)
    {
        IArgumentOperation? eventName = null, properties = null, messageId = null, userId = null;
        foreach (var argument in invocation.Arguments)
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
            }
        }

        arguments = new TrackingArguments(eventName, properties, messageId, userId);
        return eventName is not null || properties is not null || messageId is not null || userId is not null;
    }

    /// <summary>True when <paramref name="symbol"/> is marked <c>[MessageId]</c>.</summary>
    public bool HasMessageId(ISymbol symbol)
    {
        if (MessageIdAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, MessageIdAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private Marked Mark(IParameterSymbol parameter)
    {
        for (int depth = 0; parameter is not null && depth < 8; depth++)
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

            if (parameter.ContainingSymbol is IMethodSymbol { OverriddenMethod: { } overridden } && parameter.Ordinal < overridden.Parameters.Length)
            {
                parameter = overridden.Parameters[parameter.Ordinal];
            }
            else
            {
                break;
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
    /// <summary>The operand under implicit and explicit conversions (to <c>object</c>, to an interface, ...).</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The constant string (or constant null) an argument always has, if it has one.</summary>
    public static bool TryGetConstantString(IOperation operation, out string? value)
    {
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

        value = null;
        return false;
    }

    /// <summary>The method name a diagnostic shows for an invocation.</summary>
    public static string MethodName(IInvocationOperation invocation) => invocation.TargetMethod.Name;
}
