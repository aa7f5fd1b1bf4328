using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NJsonSchema;

namespace EventContracts.Benchmarks;

/// <summary>
/// Validating one valid event: the generated typed <c>Validate()</c> and raw-UTF-8 <c>ValidateJson</c> against NJsonSchema
/// on the same schema (read from schemas/*.openapi.yaml or the plan by the differential tests' reader), and the floor of a bare
/// <see cref="Utf8JsonReader"/> walk over the same bytes. Ratios are against NJsonSchema on the JSON text (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ValidateBenchmarks
{
    private Payload _payload = null!;
    private JsonSchema _schema = null!;
    private string _jsonText = null!;
    private Newtonsoft.Json.Linq.JToken _token = null!;

    [Params("Courier", "CustomerIo", "PushEngage", "PlanCart")]
    public string Event { get; set; } = "Courier";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payload.Get(Event);
        _schema = JsonSchema.FromJsonAsync(_payload.JsonSchema).GetAwaiter().GetResult();
        _jsonText = Encoding.UTF8.GetString(_payload.Json);
        _token = Newtonsoft.Json.Linq.JToken.Parse(_jsonText);

        if (!Typed().IsValid || !Json().IsValid || NJsonSchemaText() != 0 || NJsonSchemaParsed() != 0)
        {
            throw new InvalidOperationException(Event + " must be valid for every validator: typed " + Typed() + ", json " + Json() + ", NJsonSchema " + string.Join("; ", _schema.Validate(_jsonText).Select(e => e.ToString())));
        }
    }

    [Benchmark(Description = "Generated Validate() typed")]
    public ValidationResult Typed() => _payload.ValidateTyped();

    [Benchmark(Description = "Generated ValidateJson UTF-8")]
    public ValidationResult Json() => _payload.ValidateJson(_payload.Json);

    [Benchmark(Baseline = true, Description = "NJsonSchema (JSON text)")]
    public int NJsonSchemaText() => _schema.Validate(_jsonText).Count;

    [Benchmark(Description = "NJsonSchema (pre-parsed JToken)")]
    public int NJsonSchemaParsed() => _schema.Validate(_token).Count;

    [Benchmark(Description = "Floor: Utf8JsonReader walk")]
    public int ReaderWalk()
    {
        var reader = new Utf8JsonReader(_payload.Json);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
