using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// report a payload that never exists). Only the framework's dictionaries are read (see <see cref="IsPlainDictionary"/>):
    /// a subclass may add, drop or merge keys. A local is read through its declaration when the statements between it and
    /// the call, in the same block, only fill it (<c>props["key"] = value;</c>, <c>props.Add("key", value);</c>), see
    /// <see cref="LocalBuild"/>. <paramref name="reportAt"/>: where the entries' problems are reported when not on
    /// themselves (see <see cref="PropertyEntry.ReportAt"/>). Null when the value is none of these.
    /// </summary>
    public static WrittenProperties? Read(IOperation value, SyntaxNode? reportAt, CancellationToken cancellationToken)
    {
        var entries = new List<PropertyEntry>();
        var inner = OperationValues.Unwrap(value);
        var fills = new List<Fill>();
        ILocalReferenceOperation? local = null;
        if (inner is ILocalReferenceOperation reference)
        {
            reportAt ??= reference.Syntax;
            if (LocalBuild(reference, fills, cancellationToken) is not { } initializer)
            {
                return null;
            }

            local = reference;
            inner = OperationValues.Unwrap(initializer);
        }

        switch (inner)
        {
            case IAnonymousObjectCreationOperation anonymous:
                var read = MembersReadElsewhere(anonymous, cancellationToken);
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        // A member the code reads elsewhere (props.coupn) keeps its name and type: a fix would break that read.
                        bool free = !read.Contains(property.Property);
                        var memberName = free ? (assignment.Syntax as AnonymousObjectMemberDeclaratorSyntax)?.NameEquals?.Name : null;
                        entries.Add(new PropertyEntry(property.Property.Name, assignment.Value, assignment.Syntax, memberName, valueTypeMayChange: free, reportAt));
                    }
                }

                return new WrittenProperties(entries, complete: true);

            case IObjectCreationOperation { Type: { } type } creation when IsPlainDictionary(type):
                // A comparer may make two written keys one (OrdinalIgnoreCase), so which are sent is not known from the text.
                if (creation.Arguments.Any(a => a.Value.Type is { } argument && argument.AllInterfaces.Concat(new[] { argument }).Any(i => i.Name is "IEqualityComparer" or "IComparer")))
                {
                    return null;
                }

                // Constructor arguments that are collections (a copied dictionary) may add entries we cannot see.
                bool complete = creation.Arguments.All(a => a.Value.Type is null || !Implements(a.Value.Type, "IEnumerable"));
                var definite = new HashSet<string>(StringComparer.Ordinal);
                var initializers = (creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty).Select(i => new Fill(i, Conditional: false));

                // A key the code also looks up or reads (data["sku"] after the call, ContainsKey("_promo")) keeps its
                // text and its value's type: a fix of the written key alone would compile and break that lookup.
                bool unread = local is null || !MentionedElsewhere(local, fills, cancellationToken);
                foreach (var fill in initializers.Concat(fills))
                {
                    if (!AddEntry(fill, entries, definite, reportAt, unread))
                    {
                        complete = false;

                        // [key] = value with a key not known replaces any entry written before it, when it surely runs.
                        if (fill.Operation is ISimpleAssignmentOperation && !fill.Conditional)
                        {
                            entries.Clear();
                            definite.Clear();
                        }
                    }
                }

                // The sorted ones compare keys by the current culture, which takes some keys that differ for one (é and
                // e + U+0301, a soft hyphen, a control character): which are sent depends on the machine. Printable ASCII
                // keys compare as they read.
                if (type.Name is "SortedDictionary" or "SortedList" && entries.Any(e => e.Key.Any(c => c < ' ' || c > '~')))
                {
                    return null;
                }

                return new WrittenProperties(entries, complete);

            default:
                return null;
        }
    }

    /// <summary>
    /// The items of an array written in place: an array creation's initializer, a <c>List&lt;T&gt;</c>'s collection
    /// initializer (each <c>Add</c> of one item, in order), or a collection expression of items only (no <c>..</c> spread)
    /// that makes an array, a list or an immutable array or list, or one of the interfaces a list implements; null for
    /// anything else (a set drops repeats and may reorder, a subclass may do anything), or when a copied collection may
    /// add items that are not written.
    /// </summary>
    public static IReadOnlyList<IOperation>? Items(IOperation value)
    {
        // A collection expression is converted to its target type: implicitly, or by a cast ((string[])["a"]).
        var inner = OperationValues.Unwrap(value);
        if (inner is IConversionOperation { Operand.Syntax: CollectionExpressionSyntax } conversion)
        {
            inner = conversion.Operand;
        }

        switch (inner)
        {
            case { Syntax: CollectionExpressionSyntax syntax, Type: { } target } collection when KeepsEveryItem(target):
                return ExpressionElements(collection, syntax);
            // A multi-dimensional array is not written at all (System.Text.Json refuses it).
            case IArrayCreationOperation { Initializer: { } initializer, Type: IArrayTypeSymbol { Rank: 1 } }:
                return initializer.ElementValues;
            case IObjectCreationOperation { Initializer: { } initializer, Type: { } type } creation
                when type is INamedTypeSymbol { Name: "List", Arity: 1 } list && InNamespace(list, "System", "Collections", "Generic") && creation.Arguments.All(a => a.Value.Type is null || !Implements(a.Value.Type, "IEnumerable")):
                var items = new List<IOperation>();
                foreach (var element in initializer.Initializers)
                {
                    if (element is not IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        return null;
                    }

                    items.Add(add.Arguments[0].Value);
                }

                return items;
            default:
                return null;
        }
    }

    /// <summary>
    /// The value each item of a LINQ projection is, <c>lines.Select(l => new { sku = l.Sku, quantity = l.Quantity })</c>
    /// (in query syntax too, and with <c>ToList()</c>, <c>ToArray()</c> or a filter or an order that keeps the items as they
    /// are after it): the expression the selector returns, when its body is that one <c>return</c>; null for anything
    /// else. How many items there are is not known.
    /// </summary>
    public static IOperation? ProjectedItem(IOperation value)
    {
        var inner = FromQuery(OperationValues.Unwrap(value));
        while (inner is IInvocationOperation { Arguments.Length: > 0 } call && IsEnumerableMethod(call.TargetMethod))
        {
            if (call.TargetMethod.Name == "Select")
            {
                return call.Arguments.Length == 2 ? LambdaResult(call.Arguments[1].Value) : null;
            }

            // orders.SelectMany(o => o.Lines, (o, l) => new { ... }) (and "from o in orders from l in o.Lines select ...")
            // makes its items with the result selector; orders.SelectMany(o => o.Lines.Select(l => new { ... })) with the
            // projection of the collection its selector returns.
            if (call.TargetMethod.Name == "SelectMany")
            {
                return call.Arguments.Length switch
                {
                    3 => LambdaResult(call.Arguments[2].Value),
                    2 when LambdaResult(call.Arguments[1].Value) is { } collection => ProjectedItem(collection),
                    _ => null,
                };
            }

            if (!s_keepsItems.Contains(call.TargetMethod.Name))
            {
                return null;
            }

            inner = FromQuery(OperationValues.Unwrap(call.Arguments[0].Value));
        }

        return null;
    }

    // The value a lambda of one expression returns (l => new { ... }); null for a block with statements or a method group.
    private static IOperation? LambdaResult(IOperation argument)
        => OperationValues.Unwrap(argument) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body.Operations: { Length: 1 } body } }
            && body[0] is IReturnOperation { ReturnedValue: { } returned }
                ? returned
                : null;

    // Query syntax (from l in lines select new { ... }) is the same calls, wrapped.
    private static IOperation FromQuery(IOperation operation)
        => operation is ITranslatedQueryOperation query ? OperationValues.Unwrap(query.Operation) : operation;

    // LINQ methods whose items are items of their source, unchanged.
    private static readonly HashSet<string> s_keepsItems = new(StringComparer.Ordinal)
    {
        "ToList", "ToArray", "AsEnumerable", "Where", "Take", "Skip", "TakeWhile", "SkipWhile", "Distinct",
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Reverse",
    };

    private static bool IsEnumerableMethod(IMethodSymbol method)
        => method.ContainingType is { Name: "Enumerable" } type && InNamespace(type, "System", "Linq");

    /// <summary>
    /// Whether a collection expression of this type holds each of its items once, in order, and is written as a JSON array.
    /// </summary>
    private static bool KeepsEveryItem(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.Rank == 1,
        INamedTypeSymbol { Arity: 1, Name: "List" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection" or "IList" or "ICollection" } list
            => InNamespace(list, "System", "Collections", "Generic"),
        INamedTypeSymbol { Arity: 1, Name: "ImmutableArray" or "ImmutableList" } immutable => InNamespace(immutable, "System", "Collections", "Immutable"),
        _ => false,
    };

    /// <summary>
    /// A collection expression's items, each as the operation of its value (with its conversion to the element type); null
    /// when it spreads another collection, or when the compiler gives no operation per item (the oldest supported one has
    /// none for a collection expression). Newer compilers put the builder method's argument (the items as a span, on the
    /// whole expression) before the items of a type like <c>ImmutableArray&lt;T&gt;</c>: it is not an item.
    /// </summary>
    private static IReadOnlyList<IOperation>? ExpressionElements(IOperation collection, CollectionExpressionSyntax syntax)
    {
        var items = collection.ChildOperations.Where(child => child.Syntax != syntax).ToList();
        if (items.Count != syntax.Elements.Count)
        {
            return null;
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (syntax.Elements[i] is not ExpressionElementSyntax element || items[i].Syntax != element.Expression)
            {
                return null;
            }
        }

        return items;
    }

    /// <summary>
    /// Adds the entry an initializer element or a filling statement writes; false when its key is not a constant. Where
    /// it surely runs, <c>[key] = value</c> replaces the key's entries, and <c>{ key, value }</c>, <c>Add(key, value)</c> or
    /// <c>TryAdd(key, value)</c> keeps the first (a repeated <c>Add</c> throws). Where a branch runs it
    /// (<see cref="Fill.Conditional"/>), its value is one the key may have: it is added beside the others, but not after a
    /// sure write of the key by <c>Add</c> or <c>TryAdd</c>, which keeps that one.
    /// </summary>
    private static bool AddEntry(Fill fill, List<PropertyEntry> entries, HashSet<string> definite, SyntaxNode? reportAt, bool unread)
    {
        var element = fill.Operation;
        IOperation? key = null;
        IOperation? item = null;
        bool overwrites = false;
        if (element is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set)
        {
            key = indexer.Arguments[0].Value;
            item = set.Value;
            overwrites = true;
        }
        else if (element is IInvocationOperation { Arguments.Length: 2 } add)
        {
            key = add.Arguments[0].Value;
            item = add.Arguments[1].Value;
        }

        if (key is null || item is null || !OperationValues.TryGetConstantString(key, out string? written) || written is null)
        {
            return false;
        }

        string text = PlanEventRules.Constant.WithoutLoneSurrogates(written);
        var keySyntax = unread && OperationValues.Unwrap(key) is ILiteralOperation literal ? literal.Syntax : null;
        var entry = new PropertyEntry(text, item, element.Syntax, keySyntax, reportAt: reportAt, conditional: fill.Conditional, valueMayBeRewritten: unread);
        int position = entries.FindIndex(e => e.Key == text);
        if (fill.Conditional)
        {
            if (overwrites || !definite.Contains(text))
            {
                entries.Add(entry);
            }
        }
        else if (position < 0)
        {
            entries.Add(entry);
            definite.Add(text);
        }
        else if (element is IInvocationOperation { TargetMethod.Name: "TryAdd" } && !definite.Contains(text))
        {
            // A TryAdd after a branch's write of the key keeps that value when the branch ran, and adds this one when it did not.
            entries.Add(entry);
            definite.Add(text);
        }
        else if (overwrites || !definite.Contains(text))
        {
            // An Add after a branch's write of the key throws when the branch ran: its value is sent only when it did not.
            entries[position] = entry;
            entries.RemoveAll(e => e.Key == text && e.Syntax != element.Syntax);
            definite.Add(text);
        }

        return true;
    }

    /// <summary>
    /// The members of an anonymous object that code other than its own initializer names: in the method (or the top-level
    /// statements) that creates it, a member access or a property pattern that binds to one (anonymous objects of the same
    /// shape share their members, so a read of another one's counts too).
    /// </summary>
    private static HashSet<IPropertySymbol> MembersReadElsewhere(IAnonymousObjectCreationOperation anonymous, CancellationToken cancellationToken)
    {
        var read = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        var names = new HashSet<string>(anonymous.Initializers.OfType<ISimpleAssignmentOperation>().Select(a => a.Target).OfType<IPropertyReferenceOperation>().Select(p => p.Property.Name), StringComparer.Ordinal);
        var scope = ReadingScope(anonymous.Syntax);
        if (anonymous.SemanticModel is not { } model || scope is null || names.Count == 0)
        {
            return read;
        }

        foreach (var name in names.SelectMany(n => IdentifierIndex.Named(scope, n)))
        {
            // A member's name in an anonymous object's own initializer declares it; only the others can read one. Checked
            // before binding: a method of many tracking calls names the same members in each call's object.
            if (name.Parent is not NameEqualsSyntax { Parent: AnonymousObjectMemberDeclaratorSyntax }
                && model.GetSymbolInfo(name, cancellationToken).Symbol is IPropertySymbol { ContainingType.IsAnonymousType: true } property)
            {
                read.Add(property);
            }
        }

        return read;
    }

    // Where code can read what a call writes: its member, or every top-level statement of the file.
    private static SyntaxNode? ReadingScope(SyntaxNode node)
        => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is var member && member is GlobalStatementSyntax ? member.Parent : member;

    /// <summary>
    /// Whether the dictionary local the call passes is named anywhere in its method but in its declaration, the fills
    /// (<c>local[key] = value</c>, <c>local.Add(key, value)</c>) and the call: a lookup, a read or another use.
    /// </summary>
    private static bool MentionedElsewhere(ILocalReferenceOperation passed, List<Fill> fills, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<SyntaxNode> { passed.Syntax };
        foreach (var fill in fills)
        {
            var instance = fill.Operation switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation indexer } => indexer.Instance,
                IInvocationOperation invocation => invocation.Instance,
                _ => null,
            };
            if (instance is not null)
            {
                allowed.Add(instance.Syntax);
            }
        }

        var scope = ReadingScope(passed.Syntax);
        if (passed.SemanticModel is not { } model || scope is null)
        {
            return true;
        }

        foreach (var identifier in IdentifierIndex.Named(scope, passed.Local.Name))
        {
            if (!allowed.Contains(identifier)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, passed.Local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The initializer of the local a call passes, with the statements that fill it added to <paramref name="fills"/>,
    /// when what the call sends is known from them: the declaration and the call are statements of one block (or of the
    /// top-level statements), and every statement between them either does not mention the local or only looks keys up
    /// in it (<c>ContainsKey</c>, <c>TryGetValue</c>, <c>Count</c>), is one
    /// <c>local[key] = value;</c>, <c>local.Add(key, value);</c> or <c>local.TryAdd(key, value);</c>, or is an <c>if</c> or a
    /// <c>switch</c> whose condition at most looks keys up in it and whose branches only fill it that way (or only look
    /// keys up); and the declaration declares it alone. Null when
    /// anything else may change or share it: another mention (a read, a method call, a reassignment, an alias declared
    /// beside it), a loop, a label, a lambda or local function that captures it, or a call made inside one.
    /// </summary>
    private static IOperation? LocalBuild(ILocalReferenceOperation reference, List<Fill> fills, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (reference.SemanticModel is not { } model
            || local.IsRef
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
            || reference.Syntax.FirstAncestorOrSelf<StatementSyntax>() is not { } call
            || StatementsBetween(declaration, call) is not { } statements)
        {
            return null;
        }

        // The call itself inside a lambda or local function runs when that is called, not where it is written.
        var scope = declaration.Parent is GlobalStatementSyntax global ? global.Parent! : declaration.Parent!;
        if (reference.Syntax.Ancestors().TakeWhile(n => n != scope).Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        {
            return null;
        }

        bool Mentions(SyntaxNode node)
            => node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local);

        // statements[0] is the declaration, the last one the call.
        int last = statements.Count - 1;
        for (int i = 1; i <= last; i++)
        {
            var statement = statements[i];
            if (statement is LabeledStatementSyntax)
            {
                return null;
            }

            var mentions = statement.DescendantNodes().Where(Mentions).ToList();
            if (mentions.Count == 0)
            {
                continue;
            }

            if (i == last)
            {
                if (mentions.Count != 1 || mentions[0] != reference.Syntax)
                {
                    return null;
                }

                continue;
            }

            if (!OnlyLooksUp(statement) && !Branch(statement, conditional: false))
            {
                return null;
            }
        }

        // One fill statement; or an if or a switch whose branches hold only fills, statements that do not mention the local,
        // and ifs and switches like it. A branch that may leave (return, throw, a break but a switch section's last, ...)
        // is not read: what it wrote may never be sent.
        bool Branch(StatementSyntax statement, bool conditional)
        {
            switch (statement)
            {
                case BlockSyntax block:
                    return block.Statements.All(s => Branch(s, conditional));
                case IfStatementSyntax ifStatement when conditional || ifStatement.DescendantNodes().Any(Mentions):
                    return OnlyLooksUp(ifStatement.Condition)
                        && Branch(ifStatement.Statement, conditional: true)
                        && (ifStatement.Else is null || Branch(ifStatement.Else.Statement, conditional: true));
                case SwitchStatementSyntax switchStatement when conditional || switchStatement.DescendantNodes().Any(Mentions):
                    // Each section ends with its break, the only jump read: its fills run when its label is chosen.
                    return OnlyLooksUp(switchStatement.Expression)
                        && switchStatement.Sections.All(section =>
                            section.Labels.All(OnlyLooksUp)
                            && section.Statements.LastOrDefault() is BreakStatementSyntax
                            && section.Statements.Take(section.Statements.Count - 1).All(s => Branch(s, conditional: true)));
                case ExpressionStatementSyntax { Expression: { } expression } when conditional && OnlyLooksUp(expression):
                    return !Leaves(expression);
                case ExpressionStatementSyntax { Expression: { } expression }:
                    if (expression.DescendantNodesAndSelf().Count(Mentions) != 1
                        || model.GetOperation(expression, cancellationToken) is not { } fill
                        || !Fills(fill, local))
                    {
                        return false;
                    }

                    fills.Add(new Fill(fill, conditional));
                    return true;
                case LocalDeclarationStatementSyntax or EmptyStatementSyntax when conditional:
                    return OnlyLooksUp(statement) && !Leaves(statement);
                default:
                    return false;
            }
        }

        // Whether every mention of the local in a node only looks keys up (if (!props.ContainsKey("currency")) ...,
        // var count = props.Count;): that neither changes nor shares it.
        bool OnlyLooksUp(SyntaxNode node)
            => node.DescendantNodesAndSelf().Where(Mentions).All(mention =>
                mention.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContainsKey" or "ContainsValue" or "TryGetValue" or "Count" } access
                && access.Expression == mention
                && (access.Name.Identifier.ValueText == "Count" || access.Parent is InvocationExpressionSyntax));

        // Last, as it reads the whole scope: a lambda or local function that captures the local can fill it when called.
        return IdentifierIndex.Named(ReadingScope(scope) ?? scope, local.Name)
            .Any(n => scope.Span.Contains(n.Span) && Mentions(n) && n.Ancestors().TakeWhile(a => a != scope).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            ? null
            : model.GetOperation(initializer.Value, cancellationToken);
    }

    /// <summary>
    /// Whether one of two nodes is in an <c>if</c>'s statement and the other in its <c>else</c>, or each in another section
    /// of one <c>switch</c> (C# has no fall-through): they never both run.
    /// </summary>
    public static bool InOtherBranches(SyntaxNode first, SyntaxNode second)
    {
        if (first.SyntaxTree != second.SyntaxTree)
        {
            return false;
        }

        foreach (var ancestor in first.Ancestors())
        {
            switch (ancestor)
            {
                case IfStatementSyntax { Else: { } otherwise } ifStatement
                    when ifStatement.Statement.Span.Contains(first.Span) ? otherwise.Span.Contains(second.Span) : ifStatement.Statement.Span.Contains(second.Span):
                case SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } section
                    when switchStatement.Sections.Any(other => other != section && other.Span.Contains(second.Span)):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a statement in a branch may leave it other than at its end: a throw expression (the statements that jump are not read at all).</summary>
    private static bool Leaves(SyntaxNode node) => node.DescendantNodesAndSelf().Any(n => n is ThrowExpressionSyntax);

    /// <summary>Whether an operation is <c>local[key] = value</c>, <c>local.Add(key, value)</c> or <c>local.TryAdd(key, value)</c>.</summary>
    private static bool Fills(IOperation operation, ILocalSymbol local) => operation switch
    {
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1, Instance: ILocalReferenceOperation target } }
            => SymbolEqualityComparer.Default.Equals(target.Local, local),
        IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2, Instance: ILocalReferenceOperation target }
            => SymbolEqualityComparer.Default.Equals(target.Local, local),
        _ => false,
    };

    /// <summary>
    /// The statements from <paramref name="first"/> through <paramref name="second"/>, in order, when one block (or the
    /// top-level statements) holds both and <paramref name="first"/> comes first; null otherwise.
    /// </summary>
    private static List<StatementSyntax>? StatementsBetween(StatementSyntax first, StatementSyntax second)
    {
        if (first.Parent is BlockSyntax block && second.Parent == block)
        {
            return Range(block.Statements, first, second);
        }

        return first.Parent is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } firstGlobal
            && second.Parent is GlobalStatementSyntax { Parent: { } other } secondGlobal
            && other == unit
            ? Range(unit.Members, firstGlobal, secondGlobal)?.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList()
            : null;
    }

    private static List<T>? Range<T>(SyntaxList<T> list, SyntaxNode first, SyntaxNode second)
        where T : SyntaxNode
    {
        int from = IndexOf(list, first), to = IndexOf(list, second);
        if (from < 0 || to <= from)
        {
            return null;
        }

        var range = new List<T>(to - from + 1);
        for (int i = from; i <= to; i++)
        {
            range.Add(list[i]);
        }

        return range;
    }

    /// <summary>
    /// Where a node is in its list, found by its position (the list is in source order): a method of many tracking calls
    /// is a block of many statements, and each call that passes a local looks for two of them.
    /// </summary>
    private static int IndexOf<T>(SyntaxList<T> list, SyntaxNode node)
        where T : SyntaxNode
    {
        int start = node.FullSpan.Start, low = 0, high = list.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int at = list[middle].FullSpan.Start;
            if (at < start)
            {
                low = middle + 1;
            }
            else if (at > start)
            {
                high = middle - 1;
            }
            else
            {
                // Nodes of no width (missing in broken code) share their start with the next one.
                for (int i = middle; i >= 0 && list[i].FullSpan.Start == start; i--)
                {
                    if (list[i] == node)
                    {
                        return i;
                    }
                }

                for (int i = middle + 1; i < list.Count && list[i].FullSpan.Start == start; i++)
                {
                    if (list[i] == node)
                    {
                        return i;
                    }
                }

                return -1;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="type"/> implements an interface of that name (generic or not).</summary>
    public static bool Implements(ITypeSymbol type, string interfaceName)
        => type.AllInterfaces.Any(i => i.Name == interfaceName);

    /// <summary>
    /// The JSON types a C# value is written as; <see cref="JsonTypeSet.None"/> when the static type does not tell. The type
    /// is the one a serializer sees: the value's own under a conversion to <c>object</c>, else the declared one (a string
    /// stored as <c>IEnumerable&lt;char&gt;</c> is written as an array).
    /// </summary>
    public static JsonTypeSet TypeOf(IOperation value)
    {
        var inner = OperationValues.Written(value);
        if (OperationValues.IsNull(inner))
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

        // The framework types System.Text.Json writes with a built-in converter of its own.
        if (type is INamedTypeSymbol { Arity: 0 } framework && InNamespace(framework, "System"))
        {
            switch (framework.Name)
            {
                case "DateTimeOffset" or "Guid" or "DateOnly" or "TimeOnly" or "TimeSpan" or "Uri" or "Version":
                    return JsonTypeSet.String;
                case "Int128" or "UInt128":
                    return JsonTypeSet.Integer;
                case "Half":
                    return JsonTypeSet.Number;
            }
        }

        // A converter of its own (on the type or a base type) may write anything, a collection as a string included.
        if (NamespaceStartsWith(type, "System", "Text", "Json") || HasOwnConverter(type))
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

        // A class, record, struct or interface of the application's is written as an object of its properties; the
        // framework's other types are left.
        return type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
            && type.SpecialType == SpecialType.None
            && !NamespaceStartsWith(type, "System")
            && !NamespaceStartsWith(type, "Microsoft")
                ? JsonTypeSet.Object
                : JsonTypeSet.None;
    }

    private static bool HasOwnConverter(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonConverterAttribute"))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>A generic dictionary, or a non-generic <c>System.Collections.IDictionary</c> (<c>Hashtable</c>): written as an object.</summary>
    private static bool IsDictionary(ITypeSymbol type)
    {
        static bool Named(INamedTypeSymbol t)
            => t.IsGenericType
                ? t.Name is "IDictionary" or "IReadOnlyDictionary" && InNamespace(t, "System", "Collections", "Generic")
                : t.Name == "IDictionary" && InNamespace(t, "System", "Collections");
        return (type is INamedTypeSymbol named && Named(named)) || type.AllInterfaces.Any(Named);
    }

    /// <summary>
    /// A dictionary type of the framework, whose constructor adds no entry and whose indexer and <c>Add</c> store what they
    /// are given (a subclass's may add, drop or merge keys): <c>Dictionary</c>, <c>SortedDictionary</c>, <c>SortedList</c>,
    /// <c>ConcurrentDictionary</c>, <c>Hashtable</c>.
    /// </summary>
    private static bool IsPlainDictionary(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { Arity: 2, Name: "Dictionary" or "SortedDictionary" or "SortedList" } generic => InNamespace(generic, "System", "Collections", "Generic"),
        INamedTypeSymbol { Arity: 2, Name: "ConcurrentDictionary" } concurrent => InNamespace(concurrent, "System", "Collections", "Concurrent"),
        INamedTypeSymbol { Arity: 0, Name: "Hashtable" } table => InNamespace(table, "System", "Collections"),
        _ => false,
    };

    /// <summary>Whether a type's namespace is <paramref name="names"/> (outermost first) or one inside it, read without formatting it.</summary>
    private static bool NamespaceStartsWith(ITypeSymbol type, params string[] names)
    {
        var chain = new List<string>();
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            chain.Add(current.Name);
        }

        if (chain.Count < names.Length)
        {
            return false;
        }

        for (int i = 0; i < names.Length; i++)
        {
            if (chain[chain.Count - 1 - i] != names[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a type is declared directly in the namespace <paramref name="names"/> (outermost first), read without formatting it.</summary>
    private static bool InNamespace(INamedTypeSymbol type, params string[] names)
    {
        var current = type.ContainingNamespace;
        for (int i = names.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != names[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}

/// <summary>
/// An initializer element or a statement that fills a dictionary (<c>[key] = value</c>, <c>Add</c>, <c>TryAdd</c>), and
/// whether a branch of an <c>if</c> or a <c>switch</c> holds it, so that it may not run.
/// </summary>
internal readonly record struct Fill(IOperation Operation, bool Conditional);

/// <summary>The entries a tracking call's properties argument writes, and whether they are all of them.</summary>
internal sealed class WrittenProperties
{
    public WrittenProperties(List<PropertyEntry> entries, bool complete)
    {
        Entries = entries;
        Complete = complete;
    }

    /// <summary>
    /// The entries, as <see cref="CallSiteProperties.Read"/> says: each key once, but a key that an <c>if</c>'s branches
    /// write has an entry for each value it may be sent with (<see cref="PropertyEntry.Conditional"/>).
    /// </summary>
    public List<PropertyEntry> Entries { get; }

    /// <summary>
    /// Every key is a constant and nothing else adds one: a name no entry has is never written, so the names the schema
    /// requires can be looked for.
    /// </summary>
    public bool Complete { get; }
}

/// <summary>A key a tracking call writes, its value and where both are written.</summary>
internal readonly struct PropertyEntry
{
    public PropertyEntry(string key, IOperation value, SyntaxNode syntax, SyntaxNode? keySyntax, bool valueTypeMayChange = false, SyntaxNode? reportAt = null, bool conditional = false, bool valueMayBeRewritten = true)
    {
        Key = key;
        Value = value;
        Syntax = syntax;
        KeySyntax = keySyntax;
        ValueTypeMayChange = valueTypeMayChange;
        ReportAt = reportAt ?? syntax;
        Conditional = conditional;
        ValueMayBeRewritten = valueMayBeRewritten;
    }

    /// <summary>
    /// Nothing but the call reads the value back: false for an entry of a dictionary the code also looks up or reads, where
    /// a value of another type would break a cast there (<c>(string)props["revenue"]</c>).
    /// </summary>
    public bool ValueMayBeRewritten { get; }

    /// <summary>A branch of an <c>if</c> or a <c>switch</c> writes it: the key may be sent with this value, or without it.</summary>
    public bool Conditional { get; }

    /// <summary>Where the entry's problems are reported: the entry, or, for one written before the call, the call's argument.</summary>
    public SyntaxNode ReportAt { get; }

    /// <summary>The key as written, when a fix can rewrite it: a string literal, or the name of an anonymous object's member that nothing else reads.</summary>
    public SyntaxNode? KeySyntax { get; }

    /// <summary>The value is an anonymous object's member that nothing else reads: its type is the value's own, so a fix may change it.</summary>
    public bool ValueTypeMayChange { get; }

    /// <summary>The key (for an anonymous object, the member's name).</summary>
    public string Key { get; }

    /// <summary>The value as the compiler binds it, conversions included.</summary>
    public IOperation Value { get; }

    /// <summary>The whole entry (<c>["key"] = value</c>, <c>{ "key", value }</c>, <c>key = value</c>): where its diagnostics go.</summary>
    public SyntaxNode Syntax { get; }
}
