using System;
using System.Collections.Generic;
using System.Linq;

namespace EventContracts.Generators.Model;

/// <summary>
/// An <see cref="EquatableArray{T}"/> as a value of the incremental pipeline. The driver's node tables are generic over
/// the values they hold: over classes they run the code the compiler ships precompiled, while over a struct, or a tuple
/// holding one, every table and node is JIT-compiled again in each new compiler process (a cold build). So pipeline
/// values are classes, and a <c>Combine</c> of two of them is a tuple of classes, which the SDK's own generators share.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PipelineList<T> : IEquatable<PipelineList<T>>
    where T : IEquatable<T>
{
    public PipelineList(EquatableArray<T> items) => Items = items;

    public EquatableArray<T> Items { get; }

    public bool IsEmpty => Items.IsEmpty;

    public bool Equals(PipelineList<T>? other) => other is not null && Items.Equals(other.Items);

    public override bool Equals(object? obj) => Equals(obj as PipelineList<T>);

    public override int GetHashCode() => Items.GetHashCode();
}

internal static class PipelineList
{
    /// <summary>The items in the order of <paramref name="key"/> (ordinal), as a pipeline value.</summary>
    public static PipelineList<T> Sorted<T>(IEnumerable<T> items, Func<T, string> key)
        where T : IEquatable<T> => new(items.OrderBy(key, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The items as a pipeline value.</summary>
    public static PipelineList<T> ToPipelineList<T>(this EquatableArray<T> items)
        where T : IEquatable<T> => new(items);
}
