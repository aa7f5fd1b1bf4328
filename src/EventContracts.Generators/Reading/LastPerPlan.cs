using System;
using System.Collections.Generic;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The last value made for each of a few plan files, by path: what a plan's next read can take from its last one. A
/// value replaces the path's last one, so an editor session that types into a plan keeps one value for it, not one per
/// keystroke; past <see cref="Paths"/> plans the values kept are dropped. Safe to use from several threads.
/// </summary>
/// <typeparam name="T">The value kept.</typeparam>
internal sealed class LastPerPlan<T>
    where T : class
{
    private const int Paths = 16;

    private readonly object _gate = new();
    private readonly Dictionary<string, T> _byPath = new(StringComparer.Ordinal);

    /// <summary>The value kept for <paramref name="path"/>, if any.</summary>
    public T? Get(string path)
    {
        lock (_gate)
        {
            return _byPath.TryGetValue(path, out var value) ? value : null;
        }
    }

    /// <summary>Keeps <paramref name="value"/> for <paramref name="path"/>, in place of its last one.</summary>
    public void Set(string path, T value)
    {
        lock (_gate)
        {
            if (_byPath.Count >= Paths && !_byPath.ContainsKey(path))
            {
                _byPath.Clear();
            }

            _byPath[path] = value;
        }
    }
}
