using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EventContracts.Tests.Support;

/// <summary>
/// Reads the vendor OpenAPI files copied to the output directory (<c>schemas/*.yaml</c>) independently of the generator:
/// YAML is turned into JSON with YAML 1.2 core-schema scalar resolution (plain <c>12</c> is a number, quoted
/// <c>'1234'</c> a string, plain <c>null</c> null), so the tests compare the generator's reading against their own.
/// </summary>
public static class OpenApiDocument
{
    private static readonly ConcurrentDictionary<string, JsonObject> s_documents = new(StringComparer.Ordinal);
    private static readonly Regex s_int = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>The whole OpenAPI document of a schema file, as JSON (a fresh copy per call).</summary>
    public static JsonObject Load(string schemaFile)
    {
        JsonObject cached = s_documents.GetOrAdd(schemaFile, static file => LoadYaml(Path.Combine(AppContext.BaseDirectory, "schemas", file)));
        return (JsonObject)cached.DeepClone();
    }

    /// <summary>
    /// A tracking plan event's <c>properties</c> schema as one JSON Schema document, with the plan's <c>definitions</c>
    /// beside it so its <c>#/definitions/...</c> references resolve.
    /// </summary>
    public static JsonObject PlanEventSchema(string planPath, string eventName)
    {
        JsonObject plan = LoadYaml(planPath);
        JsonNode planEvent = plan["events"]!.AsArray().Single(e => (string?)e!["name"] == eventName)!;
        var root = (JsonObject)planEvent["properties"]!.DeepClone();
        if (plan["definitions"] is JsonObject definitions)
        {
            root["definitions"] = definitions.DeepClone();
        }

        return root;
    }

    private static JsonObject LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    /// <summary>The operation object with this operationId.</summary>
    public static JsonObject Operation(JsonObject document, string operationId)
    {
        foreach (var path in document["paths"]!.AsObject())
        {
            foreach (var method in path.Value!.AsObject())
            {
                if (method.Value is JsonObject operation && (string?)operation["operationId"] == operationId)
                {
                    return operation;
                }
            }
        }

        throw new InvalidOperationException("No operation " + operationId);
    }

    /// <summary>The named request examples of an operation (<c>requestBody.content.application/json.examples</c>), in file order.</summary>
    public static IReadOnlyList<(string Name, JsonNode? Value)> RequestExamples(string schemaFile, string operationId)
    {
        JsonObject operation = Operation(Load(schemaFile), operationId);
        JsonObject examples = operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        return examples.Select(e => (e.Key, e.Value!["value"])).ToArray();
    }

    /// <summary>
    /// A standalone JSON Schema (draft 4 style, as NJsonSchema reads it) for the request body of an operation: the body
    /// schema at the root, every <c>components/schemas</c> entry under <c>definitions</c>, <c>$ref</c>s rewritten from
    /// <c>#/components/schemas/X</c> to <c>#/definitions/X</c>, and OpenAPI 3.0's <c>nullable: true</c> written as the
    /// JSON Schema it stands for (<c>"null"</c> added to <c>type</c>). Nothing else is changed: keywords NJsonSchema does not
    /// know (<c>propertyNames</c>, <c>x-ec-max-bytes</c>) stay in the document and are handled as departures by the tests.
    /// </summary>
    public static JsonObject RequestSchema(string schemaFile, string operationId)
    {
        JsonObject document = Load(schemaFile);
        JsonObject operation = Operation(document, operationId);
        JsonObject body = operation["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
        var root = (JsonObject)body.DeepClone();
        var all = (JsonObject)document["components"]!["schemas"]!.DeepClone();
        root["definitions"] = all;
        Rewrite(root);

        // Keep only the definitions the body reaches (NJsonSchema 11.6.2 fails to resolve the Customer.io document when
        // the unrelated BatchRequest, which also refers to TrackEvent, is present).
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>();
        pending.Push(body.DeepClone());
        while (pending.Count > 0)
        {
            foreach (string target in References(pending.Pop()))
            {
                if (reachable.Add(target))
                {
                    pending.Push(all[target]);
                }
            }
        }

        foreach (string name in all.Select(d => d.Key).ToArray())
        {
            if (!reachable.Contains(name))
            {
                all.Remove(name);
            }
        }

        return root;
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    if (pair.Key == "$ref" && pair.Value is JsonValue value && value.TryGetValue(out string? target))
                    {
                        int slash = target.LastIndexOf('/');
                        yield return target.Substring(slash + 1);
                    }
                    else
                    {
                        foreach (string inner in References(pair.Value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    foreach (string inner in References(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>Every property name the request schema (with its definitions) declares, for generators that aim at real properties.</summary>
    public static IReadOnlyList<string> DeclaredPropertyNames(JsonObject schemaDocument)
        => Members(schemaDocument)
            .Where(m => m.Key == "properties" && m.Value is JsonObject)
            .SelectMany(m => ((JsonObject)m.Value!).Select(p => p.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every <c>pattern</c> value in a schema document (including those under <c>propertyNames</c>).</summary>
    public static IReadOnlyList<string> Patterns(JsonObject schemaDocument)
        => Members(schemaDocument)
            .Where(m => m.Key == "pattern" && m.Value is JsonValue value && value.TryGetValue(out string? _))
            .Select(m => m.Value!.GetValue<string>())
            .ToArray();

    /// <summary>Every <c>maxLength</c> value in a schema document.</summary>
    public static IReadOnlyList<int> MaxLengths(JsonObject schemaDocument)
        => Members(schemaDocument)
            .Where(m => m.Key == "maxLength" && m.Value is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            .Select(m => int.Parse(m.Value!.ToJsonString(), CultureInfo.InvariantCulture))
            .Distinct()
            .OrderBy(v => v)
            .ToArray();

    /// <summary>Every object member anywhere in the document, depth first, in document order.</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonNode? node)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var pair in obj)
                    {
                        yield return pair;
                    }

                    foreach (var pair in obj.Reverse())
                    {
                        pending.Push(pair.Value);
                    }

                    break;
                case JsonArray array:
                    for (int i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push(array[i]);
                    }

                    break;
            }
        }
    }

    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue(out string? target)
                    && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + target.Substring("#/components/schemas/".Length);
                }

                if (obj["nullable"] is JsonValue nullable && nullable.TryGetValue(out bool isNullable))
                {
                    obj.Remove("nullable");
                    if (isNullable)
                    {
                        switch (obj["type"])
                        {
                            case JsonValue single:
                                obj["type"] = new JsonArray(single.GetValue<string>(), "null");
                                break;
                            case JsonArray many when !many.Any(t => (string?)t == "null"):
                                many.Add("null");
                                break;
                        }
                    }
                }

                foreach (var pair in obj.ToArray())
                {
                    Rewrite(pair.Value);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Rewrite(item);
                }

                break;
        }
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var obj = new JsonObject();
                foreach (var pair in mapping.Children)
                {
                    obj[((YamlScalarNode)pair.Key).Value!] = Convert(pair.Value);
                }

                return obj;
            }

            case YamlSequenceNode sequence:
            {
                var array = new JsonArray();
                foreach (YamlNode item in sequence.Children)
                {
                    array.Add(Convert(item));
                }

                return array;
            }

            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return null;
            case "true":
            case "True":
            case "TRUE":
                return JsonValue.Create(true);
            case "false":
            case "False":
            case "FALSE":
                return JsonValue.Create(false);
        }

        if (s_int.IsMatch(value))
        {
            return JsonValue.Create(long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (s_float.IsMatch(value))
        {
            return JsonValue.Create(decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(value);
    }
}
