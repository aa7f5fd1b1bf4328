using System.Collections.Generic;
using System.Globalization;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Reading;

/// <summary>The JSON data model kind of a scalar, decided the way a JSON reader would see it.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A node of a parsed YAML or JSON document that remembers where it came from, so every problem
/// found later can be reported at its line and column. Lives only inside the reading step.
/// </summary>
internal abstract class SourceNode
{
    protected SourceNode(FileLocation location) => Location = location;

    public FileLocation Location { get; }

    public abstract string Describe();
}

internal sealed class ScalarNode : SourceNode
{
    public ScalarNode(FileLocation location, string value, ScalarKind kind)
        : base(location)
    {
        Value = value;
        Kind = kind;
    }

    public string Value { get; }

    public ScalarKind Kind { get; }

    public bool TryGetInt(out int value)
    {
        value = 0;
        return Kind == ScalarKind.Number && int.TryParse(Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0;
    }

    public bool TryGetDecimal(out decimal value)
    {
        value = 0;
        return Kind == ScalarKind.Number
            && decimal.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetBool(out bool value)
    {
        value = Kind == ScalarKind.Boolean && Value == "true";
        return Kind == ScalarKind.Boolean;
    }

    public override string Describe() => Kind switch
    {
        ScalarKind.String => "string",
        ScalarKind.Number => "number",
        ScalarKind.Boolean => "boolean",
        _ => "null",
    };
}

internal sealed class SequenceNode : SourceNode
{
    public SequenceNode(FileLocation location)
        : base(location)
    {
    }

    public List<SourceNode> Items { get; } = new();

    public override string Describe() => "array";
}

internal sealed class MappingNode : SourceNode
{
    // Most mappings have a handful of keys, found faster by a scan than by a dictionary (which would be
    // one more allocation per mapping); past this many keys they are indexed.
    private const int ScanLimit = 8;

    private Dictionary<string, int>? _index;

    public MappingNode(FileLocation location)
        : base(location)
    {
    }

    /// <summary>Entries in document order; a duplicated key keeps its first position and its last value.</summary>
    public List<KeyValuePair<ScalarNode, SourceNode>> Entries { get; } = new();

    public bool Add(ScalarNode key, SourceNode value)
    {
        int existing = IndexOf(key.Value);
        if (existing >= 0)
        {
            Entries[existing] = new KeyValuePair<ScalarNode, SourceNode>(key, value);
            return false;
        }

        Entries.Add(new KeyValuePair<ScalarNode, SourceNode>(key, value));
        if (_index is not null)
        {
            _index[key.Value] = Entries.Count - 1;
        }
        else if (Entries.Count > ScanLimit)
        {
            _index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < Entries.Count; i++)
            {
                _index[Entries[i].Key.Value] = i;
            }
        }

        return true;
    }

    public SourceNode? Get(string key) => IndexOf(key) is int i and >= 0 ? Entries[i].Value : null;

    public ScalarNode? GetKey(string key) => IndexOf(key) is int i and >= 0 ? Entries[i].Key : null;

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out int i) ? i : -1;
        }

        for (int i = 0; i < Entries.Count; i++)
        {
            if (string.Equals(Entries[i].Key.Value, key, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public string? GetString(string key) => Get(key) is ScalarNode { Kind: ScalarKind.String } s ? s.Value : null;

    public override string Describe() => "object";
}
