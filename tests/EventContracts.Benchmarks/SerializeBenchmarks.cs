using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using EventContracts.Serialization;

namespace EventContracts.Benchmarks;

/// <summary>
/// One event serialized to UTF-8 JSON into a reused buffer: the generated <c>WriteTo(EventJsonWriter)</c> (and its
/// <c>WriteTo(Utf8JsonWriter)</c>, which hands the same bytes to a <c>Utf8JsonWriter</c> as one raw value) against
/// System.Text.Json (its own source generator, then reflection) and Newtonsoft.Json on equivalent POCOs, and the floor
/// of copying the already-serialized bytes. Ratios are against System.Text.Json source-gen (the baseline).
/// </summary>
[MemoryDiagnoser]
public class SerializeBenchmarks
{
    private Payload _payload = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;
    private EventJsonWriter _output = null!;
    private JsonTypeInfo _sourceGenInfo = null!;
    private JsonSerializerOptions _reflectionOptions = null!;
    private global::Newtonsoft.Json.JsonSerializer _newtonsoft = null!;
    private MemoryStream _stream = null!;
    private StreamWriter _streamWriter = null!;

    [Params("Courier", "CustomerIo", "PushEngage", "PlanCart")]
    public string Event { get; set; } = "Courier";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payload.Get(Event);
        _buffer = new ArrayBufferWriter<byte>(16 * 1024);
        _writer = new Utf8JsonWriter(_buffer);
        _output = new EventJsonWriter(16 * 1024);
        _sourceGenInfo = PocoJsonContext.Default.GetTypeInfo(_payload.PocoType)!;
        _reflectionOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        _newtonsoft = global::Newtonsoft.Json.JsonSerializer.Create(new global::Newtonsoft.Json.JsonSerializerSettings
        {
            NullValueHandling = global::Newtonsoft.Json.NullValueHandling.Ignore,
            Converters = { new JsonElementNewtonsoftConverter() },
        });
        _stream = new MemoryStream(16 * 1024);
        _streamWriter = new StreamWriter(_stream, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);

        // Every contender must write the same JSON (property order and number spelling aside).
        Check("generated", Generated());
        Check("generated into a Utf8JsonWriter", GeneratedToUtf8JsonWriter());
        Check("System.Text.Json source-gen", StjSourceGen());
        Check("System.Text.Json reflection", StjReflection());
        Check("Newtonsoft.Json", NewtonsoftJson());
        Check("byte copy", ByteCopyFloor());
        Console.WriteLine("// " + Event + ": " + _payload.Json.Length + " bytes of JSON");
    }

    [Benchmark(Description = "Generated WriteTo")]
    public int Generated()
    {
        _output.Reset();
        _payload.WriteGenerated(_output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "Generated, into a Utf8JsonWriter")]
    public int GeneratedToUtf8JsonWriter()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _payload.WriteGeneratedToUtf8JsonWriter(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "STJ source-gen")]
    public int StjSourceGen()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _payload.Poco, _sourceGenInfo);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "STJ reflection")]
    public int StjReflection()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _payload.Poco, _payload.PocoType, _reflectionOptions);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Newtonsoft.Json")]
    public int NewtonsoftJson()
    {
        _stream.SetLength(0);
        using (var json = new global::Newtonsoft.Json.JsonTextWriter(_streamWriter) { CloseOutput = false })
        {
            _newtonsoft.Serialize(json, _payload.Poco, _payload.PocoType);
        }

        _streamWriter.Flush();
        return (int)_stream.Length;
    }

    [Benchmark(Description = "Floor: copy bytes")]
    public int ByteCopyFloor()
    {
        _buffer.ResetWrittenCount();
        byte[] bytes = _payload.Json;
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
        return _buffer.WrittenCount;
    }

    private void Check(string contender, int length)
    {
        ReadOnlySpan<byte> written = contender switch
        {
            "Newtonsoft.Json" => _stream.GetBuffer().AsSpan(0, length),
            "generated" => _output.WrittenSpan,
            _ => _buffer.WrittenSpan,
        };
        JsonNode expected = JsonNode.Parse(_payload.Json)!;
        JsonNode actual = JsonNode.Parse(written)!;
        if (!JsonNode.DeepEquals(Normalize(expected), Normalize(actual)))
        {
            throw new InvalidOperationException(contender + " wrote different JSON for " + Event + ":\n" + Encoding.UTF8.GetString(written) + "\nexpected\n" + Encoding.UTF8.GetString(_payload.Json));
        }
    }

    // Numbers compare by value (Newtonsoft.Json writes decimal 0 as 0.0).
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(System.Linq.Enumerable.Select(o, p => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(a, Normalize))),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node?.DeepClone(),
    };
}
