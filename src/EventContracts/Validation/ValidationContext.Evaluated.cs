using System;
using System.Text.Json;

namespace EventContracts.Validation;

/// <content>
/// The bookkeeping of <c>unevaluatedProperties</c> and <c>unevaluatedItems</c> (JSON Schema 2020-12 core §11): which
/// members of an object or array were evaluated by the keywords of the schemas applied to it in place.
/// </content>
/// <remarks>
/// <para>A validator of a schema with an <c>unevaluated*</c> keyword calls <see cref="BeginEvaluated"/> before it
/// applies its subschemas (<c>$ref</c>, <c>allOf</c>, <c>anyOf</c>, ...) to the value. While that scope is open, the
/// validators of those subschemas mark the members their <c>properties</c>, <c>patternProperties</c>,
/// <c>additionalProperties</c>, <c>prefixItems</c>, <c>items</c> and <c>contains</c> evaluate
/// (<see cref="MarkEvaluated"/>, <see cref="MarkEvaluatedItem"/>, <see cref="MarkAllEvaluated"/>). Marks made inside a
/// probe that fails (a failed <c>anyOf</c>/<c>oneOf</c> branch, an <c>if</c> that does not match, a <c>not</c>
/// subschema) are forgotten at its <see cref="EndProbe"/>, as JSON Schema drops the annotations of failed subschemas.
/// Then the validator walks the value again and asks <see cref="IsEvaluated"/>/<see cref="IsItemEvaluated"/> of each
/// member, and closes the scope with <see cref="EndEvaluated"/>.</para>
/// <para>Marks are kept only while a scope is open, and only for the members of the value the innermost scope is
/// about; the buffers are kept per thread like the path's, so valid input allocates nothing once warm.</para>
/// </remarks>
public ref partial struct ValidationContext
{
    [ThreadStatic]
    private static Evaluations? t_cachedEvaluations;

    /// <summary>
    /// Opens a scope that collects the members of the value at the current path (an object or an array) that keywords
    /// applied to it in place evaluate. Scopes nest; close each with <see cref="EndEvaluated"/>.
    /// </summary>
    /// <returns>A token to pass to <see cref="IsEvaluated"/>, <see cref="IsItemEvaluated"/> and <see cref="EndEvaluated"/>.</returns>
    public int BeginEvaluated()
    {
        Evaluations evaluations = _evaluations ??= RentEvaluations();
        return evaluations.Open(_depth);
    }

    /// <summary>Closes the scope <see cref="BeginEvaluated"/> opened; its marks stay for an enclosing scope about the same value.</summary>
    /// <param name="scope">The token <see cref="BeginEvaluated"/> returned.</param>
    public void EndEvaluated(int scope) => _evaluations?.Close(scope);

    /// <summary>Marks the member on top of the path (a property just pushed with <c>PushProperty</c>) as evaluated.</summary>
    public void MarkEvaluated()
    {
        if (_evaluations is { } evaluations && evaluations.Wants(_depth) && _segments is { } segments)
        {
            Segment segment = segments[_depth - 1];
            evaluations.Add(new Mark(_depth, segment.Kind, segment.Kind == SegmentKind.Index ? segment.Index : segment.Start, segment.Name));
        }
    }

    /// <summary>Marks item <paramref name="index"/> of the array at the current path as evaluated.</summary>
    /// <param name="index">The item's zero-based index.</param>
    public void MarkEvaluatedItem(int index)
    {
        if (_evaluations is { } evaluations && evaluations.Wants(_depth + 1))
        {
            evaluations.Add(new Mark(_depth + 1, SegmentKind.Index, index, null));
        }
    }

    /// <summary>Marks every member of the object or array at the current path as evaluated (<c>additionalProperties</c>, <c>items</c>, ...).</summary>
    public void MarkAllEvaluated()
    {
        if (_evaluations is { } evaluations && evaluations.Wants(_depth + 1))
        {
            evaluations.Add(new Mark(_depth + 1, Mark.All, 0, null));
        }
    }

    /// <summary>Whether the member on top of the path (a property just pushed) was evaluated in the scope.</summary>
    /// <param name="scope">The token <see cref="BeginEvaluated"/> returned.</param>
    /// <returns><see langword="true"/> when a keyword applied in place evaluated it.</returns>
    public readonly bool IsEvaluated(int scope)
    {
        if (_evaluations is not { } evaluations || _segments is not { } segments || _depth == 0)
        {
            return false;
        }

        Segment segment = segments[_depth - 1];
        return evaluations.Contains(scope, _depth, segment.Kind, segment.Kind == SegmentKind.Index ? segment.Index : segment.Start, segment.Name);
    }

    /// <summary>Whether item <paramref name="index"/> of the array at the current path was evaluated in the scope.</summary>
    /// <param name="scope">The token <see cref="BeginEvaluated"/> returned.</param>
    /// <param name="index">The item's zero-based index.</param>
    /// <returns><see langword="true"/> when a keyword applied in place evaluated it.</returns>
    public readonly bool IsItemEvaluated(int scope, int index)
        => _evaluations is { } evaluations && evaluations.Contains(scope, _depth + 1, SegmentKind.Index, index, null);

    /// <summary>Reports a property that no keyword evaluated and <c>unevaluatedProperties: false</c> does not allow, at the current path.</summary>
    /// <param name="reader">The reader, on the property's name.</param>
    public void ReportUnevaluatedProperty(scoped ref Utf8JsonReader reader)
    {
        if (!CountOnly())
        {
            AddError("unevaluatedProperties", "property " + Text.Quote(Text.StringValue(ref reader)) + " is not allowed: no keyword of the schema evaluates it");
        }
    }

    /// <summary>Reports an item that no keyword evaluated and <c>unevaluatedItems: false</c> does not allow, at the current path (the item's).</summary>
    public void ReportUnevaluatedItem()
    {
        if (!CountOnly())
        {
            AddError("unevaluatedItems", "the item is not allowed: no keyword of the schema evaluates it");
        }
    }

    // Called by BeginProbe/EndProbe: marks made inside a failed probe are forgotten.
    private readonly void SaveProbeMarks()
    {
        if (_evaluations is { IsOpen: true } evaluations)
        {
            evaluations.SaveProbe(_probeDepth);
        }
    }

    private readonly void DropProbeMarks()
    {
        if (_evaluations is { IsOpen: true } evaluations)
        {
            evaluations.RestoreProbe(_probeDepth);
        }
    }

    private void ReturnEvaluations()
    {
        Evaluations? evaluations = _evaluations;
        _evaluations = null;
        if (evaluations is not null)
        {
            evaluations.Clear();
            t_cachedEvaluations = evaluations;
        }
    }

    private static Evaluations RentEvaluations()
    {
        Evaluations? cached = t_cachedEvaluations;
        if (cached is not null)
        {
            t_cachedEvaluations = null;
            return cached;
        }

        return new Evaluations();
    }

    /// <summary>One evaluated member: its path depth, and what tells it apart among its object's or array's members.</summary>
    private readonly struct Mark
    {
        /// <summary>A mark that stands for every member.</summary>
        public const SegmentKind All = (SegmentKind)255;

        public readonly int Depth;
        public readonly SegmentKind Kind;

        // A JSON name's offset in the document, or an index.
        public readonly int Key;

        // A name kept as text (not over the document).
        public readonly string? Name;

        public Mark(int depth, SegmentKind kind, int key, string? name)
        {
            Depth = depth;
            Kind = kind;
            Key = key;
            Name = name;
        }
    }

    /// <summary>The open scopes and their marks (one per thread, reused).</summary>
    private sealed class Evaluations
    {
        private Mark[] _marks = new Mark[16];
        private int _markCount;

        // Each open scope: the depth of the value it is about, and its first mark.
        private (int Depth, int Start)[] _scopes = new (int, int)[4];
        private int _scopeCount;

        // The mark count when each probe (by probe depth) began.
        private int[] _probeStarts = new int[8];

        public bool IsOpen => _scopeCount > 0;

        public int Open(int depth)
        {
            if (_scopeCount == _scopes.Length)
            {
                Array.Resize(ref _scopes, _scopes.Length * 2);
            }

            _scopes[_scopeCount] = (depth, _markCount);
            return _scopeCount++;
        }

        public void Close(int scope)
        {
            if (scope < 0 || scope >= _scopeCount)
            {
                return;
            }

            int depth = _scopes[scope].Depth;
            int start = _scopes[scope].Start;
            _scopeCount = scope;
            if (_scopeCount == 0)
            {
                ClearMarks(0);
            }
            else if (_scopes[_scopeCount - 1].Depth != depth)
            {
                // The enclosing scope is about another value: these marks are of no use to it.
                ClearMarks(start);
            }
        }

        /// <summary>Whether a member at <paramref name="depth"/> can matter: the innermost scope is about its parent.</summary>
        public bool Wants(int depth) => _scopeCount > 0 && _scopes[_scopeCount - 1].Depth == depth - 1;

        public void Add(Mark mark)
        {
            if (_markCount == _marks.Length)
            {
                Array.Resize(ref _marks, _marks.Length * 2);
            }

            _marks[_markCount++] = mark;
        }

        public bool Contains(int scope, int depth, SegmentKind kind, int key, string? name)
        {
            if (scope < 0 || scope >= _scopeCount)
            {
                return false;
            }

            for (int i = _scopes[scope].Start; i < _markCount; i++)
            {
                ref readonly Mark mark = ref _marks[i];
                if (mark.Depth != depth)
                {
                    continue;
                }

                if (mark.Kind == Mark.All)
                {
                    return true;
                }

                if (mark.Kind == kind && (kind == SegmentKind.Name ? string.Equals(mark.Name, name, StringComparison.Ordinal) : mark.Key == key))
                {
                    return true;
                }
            }

            return false;
        }

        public void SaveProbe(int probeDepth)
        {
            if (probeDepth >= _probeStarts.Length)
            {
                Array.Resize(ref _probeStarts, Math.Max(_probeStarts.Length * 2, probeDepth + 1));
            }

            _probeStarts[probeDepth] = _markCount;
        }

        public void RestoreProbe(int probeDepth)
        {
            if (probeDepth < _probeStarts.Length && _probeStarts[probeDepth] < _markCount)
            {
                ClearMarks(_probeStarts[probeDepth]);
            }
        }

        public void Clear()
        {
            _scopeCount = 0;
            ClearMarks(0);
        }

        private void ClearMarks(int from)
        {
            // Names are cleared so a reused buffer keeps no strings alive.
            for (int i = from; i < _markCount; i++)
            {
                _marks[i] = default;
            }

            _markCount = from;
        }
    }
}
