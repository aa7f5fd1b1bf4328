using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>
/// The state of one validation run: the JSON Pointer path of the value being checked, the errors found so far, and
/// the probes of <c>anyOf</c>/<c>oneOf</c>. Generated validators create one per run and pass it by <see langword="ref"/>.
/// </summary>
/// <remarks>
/// <para>Valid input allocates nothing: the path is a stack of small entries kept in a per-thread array (rented in the
/// constructor, returned by <see cref="Dispose"/>); a path string is built only when an error is recorded.</para>
/// <para>Entry-point pattern for raw JSON (do not declare the context with <c>using</c>: a <c>using</c> variable
/// cannot be passed by <see langword="ref"/>):</para>
/// <code>
/// public static ValidationResult ValidateJson(ReadOnlySpan&lt;byte&gt; utf8Json)
/// {
///     var ctx = new ValidationContext(utf8Json);
///     try
///     {
///         var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
///         if (!reader.Read()) { ctx.AddError("json", "the input is empty"); }
///         else { ValidateRoot(ref reader, ref ctx); ctx.CheckEndOfInput(ref reader); }
///         return ctx.ToResult();
///     }
///     catch (JsonException ex) { ctx.ReportInvalidJson(ex); return ctx.ToResult(); }
///     catch (InvalidOperationException ex) { ctx.ReportInvalidJson(ex); return ctx.ToResult(); }
///     finally { ctx.Dispose(); }
/// }
/// </code>
/// <para>Typed models are validated with <c>new ValidationContext(default)</c> and the model-mode overloads.</para>
/// <para>Path: call <see cref="PushProperty(ref Utf8JsonReader)"/>/<see cref="PushProperty(string)"/> or
/// <see cref="PushIndex"/> before checking a member or an item and <see cref="Pop"/> after. <see cref="ReportMissing"/>
/// is called with the path at the object (the property is named in the message), as JSON Schema reports it.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref partial struct ValidationContext : IDisposable
{
    private const int InitialSegments = 32;

    [ThreadStatic]
    private static Segment[]? t_cachedSegments;

    private ReadOnlySpan<byte> _json;
    private Segment[]? _segments;
    private int _depth;
    private int _highWater;
    private List<ValidationError>? _errors;
    private int _probeDepth;
    private int _probeErrors;

    // The unevaluatedProperties/unevaluatedItems scopes (ValidationContext.Evaluated.cs), rented when the first opens.
    private Evaluations? _evaluations;

    /// <summary>Creates a context for one validation run.</summary>
    /// <param name="json">The whole UTF-8 JSON document being validated (used to render property names in paths), or <c>default</c> when validating typed objects.</param>
    public ValidationContext(ReadOnlySpan<byte> json)
    {
        _json = json;
        _segments = RentSegments();
        _depth = 0;
        _highWater = 0;
        _errors = null;
        _probeDepth = 0;
        _probeErrors = 0;
        _evaluations = null;
    }

    /// <summary><see langword="true"/> when an error has been recorded (errors counted inside a probe are not recorded).</summary>
    public readonly bool HasErrors => _errors is not null && _errors.Count > 0;

    /// <summary>The number of recorded errors.</summary>
    public readonly int ErrorCount => _errors?.Count ?? 0;

    /// <summary><see langword="true"/> between <see cref="BeginProbe"/> and the matching <see cref="EndProbe"/>: errors are counted, not recorded.</summary>
    public readonly bool IsProbing => _probeDepth > 0;

    /// <summary>How many path segments are pushed.</summary>
    public readonly int Depth => _depth;

    /// <summary>The JSON Pointer of the current path (allocates; meant for diagnostics and errors).</summary>
    public readonly string CurrentPath => BuildPointer();

    // ---------------------------------------------------------------- path

    /// <summary>Pushes the property name the reader is on (a <see cref="JsonTokenType.PropertyName"/> token).</summary>
    /// <remarks>Only the token's position in the document is stored; the name is decoded when an error needs the path.</remarks>
    /// <param name="reader">A reader over the document given to the constructor, on a property name.</param>
    public void PushProperty(scoped ref Utf8JsonReader reader)
    {
        ref Segment segment = ref Push();
        if (!reader.HasValueSequence && _json.Overlaps(reader.ValueSpan, out int offset) && offset > 0)
        {
            segment.Kind = SegmentKind.JsonName;
            segment.Start = offset;
            segment.Length = reader.ValueSpan.Length;
            segment.Escaped = reader.ValueIsEscaped;
            segment.Name = null;
        }
        else
        {
            // The reader is not over the constructor's document (or spans segments): keep the decoded name.
            segment.Kind = SegmentKind.Name;
            segment.Name = Text.StringValue(ref reader);
        }
    }

    /// <summary>Pushes a property name (the reference is stored; nothing is allocated).</summary>
    /// <param name="name">The property's JSON name.</param>
    public void PushProperty(string name)
    {
        ref Segment segment = ref Push();
        segment.Kind = SegmentKind.Name;
        segment.Name = name ?? string.Empty;
    }

    /// <summary>Pushes an array index.</summary>
    /// <param name="index">The zero-based index of the item.</param>
    public void PushIndex(int index)
    {
        ref Segment segment = ref Push();
        segment.Kind = SegmentKind.Index;
        segment.Index = index;
        segment.Name = null;
    }

    /// <summary>Pops the last pushed path segment.</summary>
    public void Pop()
    {
        if (_depth > 0)
        {
            _depth--;
        }
    }

    // ---------------------------------------------------------------- errors and probes

    /// <summary>Records an error at the current path, or only counts it while a probe is active.</summary>
    /// <param name="keyword">The JSON Schema keyword that failed.</param>
    /// <param name="message">The message, naming the offending value.</param>
    public void AddError(string keyword, string message)
    {
        if (_probeDepth > 0)
        {
            _probeErrors++;
            return;
        }

        (_errors ??= new List<ValidationError>()).Add(new ValidationError(BuildPointer(), keyword, message));
    }

    /// <summary>Forgets the errors recorded so far (the document they were found in turned out not to be JSON).</summary>
    internal readonly void ClearErrors() => _errors?.Clear();

    /// <summary>Starts a probe (one alternative of <c>anyOf</c>/<c>oneOf</c>): until the matching <see cref="EndProbe"/>, errors are counted but not recorded. Probes nest.</summary>
    /// <returns>A token to pass to <see cref="EndProbe"/>.</returns>
    public int BeginProbe()
    {
        _probeDepth++;
        SaveProbeMarks();
        return _probeErrors;
    }

    /// <summary>Ends the probe started by the matching <see cref="BeginProbe"/>.</summary>
    /// <param name="token">The token <see cref="BeginProbe"/> returned.</param>
    /// <returns><see langword="true"/> when no error was added during the probe (the alternative matched).</returns>
    /// <remarks>Errors counted during the probe are forgotten, so a failed inner alternative does not count against an enclosing probe; report a failed combinator with <see cref="ReportCombinator"/>.</remarks>
    public bool EndProbe(int token)
    {
        if (_probeDepth == 0)
        {
            throw new InvalidOperationException("EndProbe without a matching BeginProbe.");
        }

        bool passed = _probeErrors == token;
        if (!passed)
        {
            DropProbeMarks();
        }

        _probeErrors = token;
        _probeDepth--;
        return passed;
    }

    /// <summary>
    /// Returns the result: <see cref="ValidationResult.Valid"/> when no error was recorded, else each distinct error once,
    /// in the order found (two subschemas applied to one value, as <c>allOf</c> parts or a plan's common rule beside an
    /// event's own, can fail it with the same words).
    /// </summary>
    /// <returns>The validation result.</returns>
    public readonly ValidationResult ToResult()
    {
        if (_errors is null || _errors.Count == 0)
        {
            return ValidationResult.Valid;
        }

        if (_errors.Count == 1)
        {
            return new ValidationResult(_errors.ToArray());
        }

        var seen = new HashSet<(string Path, string Keyword, string Message)>();
        var distinct = new List<ValidationError>(_errors.Count);
        foreach (ValidationError error in _errors)
        {
            if (seen.Add((error.Path, error.Keyword, error.Message)))
            {
                distinct.Add(error);
            }
        }

        return new ValidationResult(distinct.ToArray());
    }

    /// <summary>Adds the errors of a nested validation, with the current path put in front of their paths.</summary>
    /// <param name="nested">The nested result (for example of a typed member's own <c>Validate</c>).</param>
    public void Merge(ValidationResult nested)
    {
        if (nested is null || nested.IsValid)
        {
            return;
        }

        if (_probeDepth > 0)
        {
            _probeErrors += nested.Errors.Count;
            return;
        }

        string prefix = BuildPointer();
        _errors ??= new List<ValidationError>();
        foreach (ValidationError error in nested.Errors)
        {
            _errors.Add(new ValidationError(prefix + error.Path, error.Keyword, error.Message));
        }
    }

    /// <summary>Returns the per-thread path buffer. Call once, in a <see langword="finally"/> block.</summary>
    public void Dispose()
    {
        ReturnEvaluations();
        Segment[]? segments = _segments;
        _segments = null;
        _depth = 0;
        if (segments is null)
        {
            return;
        }

        for (int i = 0; i < _highWater && i < segments.Length; i++)
        {
            segments[i].Name = null;
        }

        _highWater = 0;
        Segment[]? cached = t_cachedSegments;
        if (cached is null || cached.Length < segments.Length)
        {
            t_cachedSegments = segments;
        }
    }

    /// <summary>
    /// Makes <paramref name="json"/> the document that property-name segments pushed from now on point into, and
    /// returns the previous one. Typed validation uses it to check one written value with a JSON validator inside
    /// the same run: the path above the value stays, and valid input still allocates nothing.
    /// </summary>
    internal ReadOnlySpan<byte> SwapDocument(ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> previous = _json;
        _json = json;
        return previous;
    }

    // ---------------------------------------------------------------- internals

    private bool CountOnly()
    {
        if (_probeDepth > 0)
        {
            _probeErrors++;
            return true;
        }

        return false;
    }

    private static Segment[] RentSegments()
    {
        Segment[]? cached = t_cachedSegments;
        if (cached is not null)
        {
            t_cachedSegments = null;
            return cached;
        }

        return new Segment[InitialSegments];
    }

    private ref Segment Push()
    {
        Segment[] segments = _segments ??= RentSegments();
        if (_depth == segments.Length)
        {
            Array.Resize(ref segments, segments.Length * 2);
            _segments = segments;
        }

        _depth++;
        if (_depth > _highWater)
        {
            _highWater = _depth;
        }

        return ref segments[_depth - 1];
    }

    private readonly string BuildPointer()
    {
        if (_depth == 0 || _segments is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (int i = 0; i < _depth; i++)
        {
            Segment segment = _segments[i];
            builder.Append('/');
            switch (segment.Kind)
            {
                case SegmentKind.Index:
                    builder.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
                    break;
                case SegmentKind.Name:
                    AppendEscaped(builder, segment.Name ?? string.Empty);
                    break;
                default:
                    AppendEscaped(builder, DecodeName(segment));
                    break;
            }
        }

        return builder.ToString();
    }

    private readonly string DecodeName(Segment segment)
    {
        ReadOnlySpan<byte> raw = _json.Slice(segment.Start, segment.Length);
        return segment.Escaped ? JsonStringDecoder.ToString(raw) : Text.Utf8(raw);
    }

    private static void AppendEscaped(StringBuilder builder, string name)
    {
        foreach (char c in name)
        {
            switch (c)
            {
                case '~':
                    builder.Append("~0");
                    break;
                case '/':
                    builder.Append("~1");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private enum SegmentKind : byte
    {
        Name,
        JsonName,
        Index,
    }

    private struct Segment
    {
        public string? Name;
        public int Start;
        public int Length;
        public int Index;
        public SegmentKind Kind;
        public bool Escaped;
    }
}
