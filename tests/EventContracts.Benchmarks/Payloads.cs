using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EventContracts.Benchmarks.Contracts;
using EventContracts.Serialization;
using EventContracts.Tests.Support;

namespace EventContracts.Benchmarks;

/// <summary>The four benchmark payloads: the generated record, its UTF-8 JSON, and an equivalent hand-written POCO.</summary>
public sealed class Payload
{
    private Payload(string name, object record, Action<EventJsonWriter> writeGenerated, Action<Utf8JsonWriter> writeGeneratedToUtf8JsonWriter, Func<ValidationResult> validateTyped, Utf8JsonValidator validateJson, Type pocoType, byte[] json)
    {
        Name = name;
        Record = record;
        WriteGenerated = writeGenerated;
        WriteGeneratedToUtf8JsonWriter = writeGeneratedToUtf8JsonWriter;
        ValidateTyped = validateTyped;
        ValidateJson = validateJson;
        PocoType = pocoType;
        Json = json;
        Poco = JsonSerializer.Deserialize(json, PocoJsonContext.Default.GetTypeInfo(pocoType)!)!;
    }

    public string Name { get; }

    public object Record { get; }

    public Action<EventJsonWriter> WriteGenerated { get; }

    public Action<Utf8JsonWriter> WriteGeneratedToUtf8JsonWriter { get; }

    public Func<ValidationResult> ValidateTyped { get; }

    public Utf8JsonValidator ValidateJson { get; }

    public Type PocoType { get; }

    /// <summary>The generated serializer's output for <see cref="Record"/>.</summary>
    public byte[] Json { get; }

    public object Poco { get; }

    /// <summary>
    /// The JSON Schema the payload's validators check, as NJsonSchema reads it: the vendor operation's request schema
    /// from <c>schemas/*.openapi.yaml</c>, or the plan event's properties schema from <c>tracking-plan.yaml</c>.
    /// </summary>
    public string JsonSchema => (Name switch
    {
        "Courier" => OpenApiDocument.RequestSchema("courier.openapi.yaml", "inbound_track"),
        "CustomerIo" => OpenApiDocument.RequestSchema("customerio.openapi.yaml", "track"),
        "PushEngage" => OpenApiDocument.RequestSchema("pushengage.openapi.yaml", "track"),
        "PlanCart" => OpenApiDocument.PlanEventSchema(Path.Combine(AppContext.BaseDirectory, "tracking-plan.yaml"), "Cart Viewed"),
        _ => throw new InvalidOperationException(Name + " has no schema."),
    }).ToJsonString();

    public static Payload Get(string name) => name switch
    {
        "Courier" => s_courier.Value,
        "CustomerIo" => s_customerIo.Value,
        "PushEngage" => s_pushEngage.Value,
        "PlanCart" => s_planCart.Value,
        _ => throw new ArgumentException("Unknown payload " + name, nameof(name)),
    };

    private static readonly Lazy<Payload> s_courier = new(() =>
    {
        // A small Courier event: the vendor's documented example.
        var record = CourierRequest.FromUtf8Json(Example("Courier", "documented"));
        return new Payload("Courier", record, record.WriteTo, record.WriteTo, record.Validate, CourierContract.ValidateRequestJson, typeof(CourierPoco), record.ToUtf8Json());
    });

    private static readonly Lazy<Payload> s_customerIo = new(() =>
    {
        // Customer.io with the full `context`: the documented fullPayload example.
        var record = CustomerIoRequest.FromUtf8Json(Example("CustomerIo", "fullPayload"));
        return new Payload("CustomerIo", record, record.WriteTo, record.WriteTo, record.Validate, CustomerIoContract.ValidateRequestJson, typeof(CustomerIoPoco), record.ToUtf8Json());
    });

    private static readonly Lazy<Payload> s_pushEngage = new(() =>
    {
        // PushEngage with `data` just under its 4,000-byte limit: strings, numbers and booleans.
        var data = new JsonObject();
        int i = 0;
        while (true)
        {
            JsonNode value = (i % 5) switch
            {
                3 => JsonValue.Create(1000.25m + i),
                4 => JsonValue.Create(i % 2 == 0),
                _ => JsonValue.Create("value " + i.ToString(CultureInfo.InvariantCulture) + " " + new string((char)('a' + (i % 26)), 90)),
            };
            data["attribute_" + i.ToString("D2", CultureInfo.InvariantCulture)] = value;
            if (Encoding.UTF8.GetByteCount(data.ToJsonString()) > 4000)
            {
                data.Remove("attribute_" + i.ToString("D2", CultureInfo.InvariantCulture));
                break;
            }

            i++;
        }

        var body = new JsonObject
        {
            ["event_name"] = "subscription_renewed",
            ["profile_id"] = "customer-1043",
            ["device_token_hash"] = "5f2b9c1e7a3d4b8f",
            ["data"] = data,
        };
        var record = PushEngageRequest.FromUtf8Json(Encoding.UTF8.GetBytes(body.ToJsonString()));
        return new Payload("PushEngage", record, record.WriteTo, record.WriteTo, record.Validate, PushEngageContract.ValidateRequestJson, typeof(PushEngagePoco), record.ToUtf8Json());
    });

    private static readonly Lazy<Payload> s_planCart = new(() =>
    {
        // The benchmark plan's event with nested arrays: 5 items, each with tags and options.
        var record = new CartViewed
        {
            CartId = "cart-7f3a9c21",
            Currency = "EUR",
            Coupon = "SPRING24",
            Items = Enumerable.Range(1, 5).Select(n => new CartItem
            {
                Sku = "SKU-" + n.ToString("D5", CultureInfo.InvariantCulture),
                Name = "Trail running shoe, model " + n.ToString(CultureInfo.InvariantCulture),
                Price = 89.95m + n,
                Quantity = n,
                Tags = new[] { "outdoor", "running", "sale-" + n.ToString(CultureInfo.InvariantCulture) },
                Options = new[] { new ItemOption { Name = "size", Value = (40 + n).ToString(CultureInfo.InvariantCulture) }, new ItemOption { Name = "color", Value = "blue" } },
            }).ToArray(),
        };
        return new Payload("PlanCart", record, record.WriteTo, record.WriteTo, record.Validate, CartViewed.ValidateJson, typeof(CartViewedPoco), record.ToUtf8Json());
    });

    private static byte[] Example(string contract, string example)
        => Encoding.UTF8.GetBytes(EventContractCatalog.Find(contract)!.Examples.Single(e => e.Name == example).Json);
}

// ---------------------------------------------------------------- hand-written equivalents for System.Text.Json and Newtonsoft.Json
// System.Text.Json's source generator cannot see the EventContracts-generated records (both are source generators of
// this project), so the comparison serializes these plain classes holding the same data. Open maps keep JsonElement
// values, as the generated records do; Newtonsoft.Json writes them through JsonElementNewtonsoftConverter.

public sealed class CourierPoco
{
    [JsonPropertyName("event"), Newtonsoft.Json.JsonProperty("event")] public string Event { get; set; } = "";
    [JsonPropertyName("messageId"), Newtonsoft.Json.JsonProperty("messageId")] public string MessageId { get; set; } = "";
    [JsonPropertyName("properties"), Newtonsoft.Json.JsonProperty("properties")] public Dictionary<string, JsonElement> Properties { get; set; } = new();
    [JsonPropertyName("type"), Newtonsoft.Json.JsonProperty("type")] public string Type { get; set; } = "track";
    [JsonPropertyName("userId"), Newtonsoft.Json.JsonProperty("userId")] public string? UserId { get; set; }
}

public sealed class CustomerIoPoco
{
    [JsonPropertyName("type"), Newtonsoft.Json.JsonProperty("type")] public string Type { get; set; } = "track";
    [JsonPropertyName("event"), Newtonsoft.Json.JsonProperty("event")] public string Event { get; set; } = "";
    [JsonPropertyName("userId"), Newtonsoft.Json.JsonProperty("userId")] public string? UserId { get; set; }
    [JsonPropertyName("anonymousId"), Newtonsoft.Json.JsonProperty("anonymousId")] public string? AnonymousId { get; set; }
    [JsonPropertyName("properties"), Newtonsoft.Json.JsonProperty("properties")] public Dictionary<string, JsonElement>? Properties { get; set; }
    [JsonPropertyName("context"), Newtonsoft.Json.JsonProperty("context")] public CustomerIoContextPoco? Context { get; set; }
    [JsonPropertyName("integrations"), Newtonsoft.Json.JsonProperty("integrations")] public Dictionary<string, bool>? Integrations { get; set; }
    [JsonPropertyName("messageId"), Newtonsoft.Json.JsonProperty("messageId")] public string? MessageId { get; set; }
    [JsonPropertyName("timestamp"), Newtonsoft.Json.JsonProperty("timestamp")] public string? Timestamp { get; set; }
    [JsonPropertyName("sentAt"), Newtonsoft.Json.JsonProperty("sentAt")] public string? SentAt { get; set; }
    [JsonPropertyName("receivedAt"), Newtonsoft.Json.JsonProperty("receivedAt")] public string? ReceivedAt { get; set; }
    [JsonPropertyName("originalTimestamp"), Newtonsoft.Json.JsonProperty("originalTimestamp")] public string? OriginalTimestamp { get; set; }
    [JsonPropertyName("version"), Newtonsoft.Json.JsonProperty("version")] public decimal? Version { get; set; }
}

public sealed class CustomerIoContextPoco
{
    [JsonPropertyName("active"), Newtonsoft.Json.JsonProperty("active")] public bool? Active { get; set; }
    [JsonPropertyName("ip"), Newtonsoft.Json.JsonProperty("ip")] public string? Ip { get; set; }
    [JsonPropertyName("locale"), Newtonsoft.Json.JsonProperty("locale")] public string? Locale { get; set; }
    [JsonPropertyName("userAgent"), Newtonsoft.Json.JsonProperty("userAgent")] public string? UserAgent { get; set; }
    [JsonPropertyName("channel"), Newtonsoft.Json.JsonProperty("channel")] public string? Channel { get; set; }
    [JsonPropertyName("campaign"), Newtonsoft.Json.JsonProperty("campaign")] public CampaignPoco? Campaign { get; set; }
    [JsonPropertyName("page"), Newtonsoft.Json.JsonProperty("page")] public PagePoco? Page { get; set; }
    [JsonPropertyName("library"), Newtonsoft.Json.JsonProperty("library")] public NameVersionPoco? Library { get; set; }
    [JsonPropertyName("app"), Newtonsoft.Json.JsonProperty("app")] public NameVersionPoco? App { get; set; }
    [JsonPropertyName("os"), Newtonsoft.Json.JsonProperty("os")] public NameVersionPoco? Os { get; set; }
}

public sealed class CampaignPoco
{
    [JsonPropertyName("name"), Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("source"), Newtonsoft.Json.JsonProperty("source")] public string? Source { get; set; }
    [JsonPropertyName("medium"), Newtonsoft.Json.JsonProperty("medium")] public string? Medium { get; set; }
    [JsonPropertyName("term"), Newtonsoft.Json.JsonProperty("term")] public string? Term { get; set; }
    [JsonPropertyName("content"), Newtonsoft.Json.JsonProperty("content")] public string? Content { get; set; }
}

public sealed class PagePoco
{
    [JsonPropertyName("name"), Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("path"), Newtonsoft.Json.JsonProperty("path")] public string? Path { get; set; }
    [JsonPropertyName("referrer"), Newtonsoft.Json.JsonProperty("referrer")] public string? Referrer { get; set; }
    [JsonPropertyName("search"), Newtonsoft.Json.JsonProperty("search")] public string? Search { get; set; }
    [JsonPropertyName("title"), Newtonsoft.Json.JsonProperty("title")] public string? Title { get; set; }
    [JsonPropertyName("url"), Newtonsoft.Json.JsonProperty("url")] public string? Url { get; set; }
    [JsonPropertyName("keywords"), Newtonsoft.Json.JsonProperty("keywords")] public List<string>? Keywords { get; set; }
}

public sealed class NameVersionPoco
{
    [JsonPropertyName("name"), Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("version"), Newtonsoft.Json.JsonProperty("version")] public string? Version { get; set; }
}

public sealed class PushEngagePoco
{
    [JsonPropertyName("event_name"), Newtonsoft.Json.JsonProperty("event_name")] public string EventName { get; set; } = "";
    [JsonPropertyName("profile_id"), Newtonsoft.Json.JsonProperty("profile_id")] public string? ProfileId { get; set; }
    [JsonPropertyName("device_token_hash"), Newtonsoft.Json.JsonProperty("device_token_hash")] public string? DeviceTokenHash { get; set; }
    [JsonPropertyName("data"), Newtonsoft.Json.JsonProperty("data")] public Dictionary<string, JsonElement>? Data { get; set; }
}

public sealed class CartViewedPoco
{
    [JsonPropertyName("cart_id"), Newtonsoft.Json.JsonProperty("cart_id")] public string CartId { get; set; } = "";
    [JsonPropertyName("currency"), Newtonsoft.Json.JsonProperty("currency")] public string Currency { get; set; } = "";
    [JsonPropertyName("coupon"), Newtonsoft.Json.JsonProperty("coupon")] public string? Coupon { get; set; }
    [JsonPropertyName("items"), Newtonsoft.Json.JsonProperty("items")] public List<CartItemPoco> Items { get; set; } = new();
}

public sealed class CartItemPoco
{
    [JsonPropertyName("sku"), Newtonsoft.Json.JsonProperty("sku")] public string Sku { get; set; } = "";
    [JsonPropertyName("name"), Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("price"), Newtonsoft.Json.JsonProperty("price")] public decimal Price { get; set; }
    [JsonPropertyName("quantity"), Newtonsoft.Json.JsonProperty("quantity")] public long Quantity { get; set; }
    [JsonPropertyName("tags"), Newtonsoft.Json.JsonProperty("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("options"), Newtonsoft.Json.JsonProperty("options")] public List<ItemOptionPoco>? Options { get; set; }
}

public sealed class ItemOptionPoco
{
    [JsonPropertyName("name"), Newtonsoft.Json.JsonProperty("name")] public string Name { get; set; } = "";
    [JsonPropertyName("value"), Newtonsoft.Json.JsonProperty("value")] public string Value { get; set; } = "";
}

/// <summary>System.Text.Json's own source-generated metadata and serializers for the POCOs (fast path included).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CourierPoco))]
[JsonSerializable(typeof(CustomerIoPoco))]
[JsonSerializable(typeof(PushEngagePoco))]
[JsonSerializable(typeof(CartViewedPoco))]
public sealed partial class PocoJsonContext : JsonSerializerContext
{
}

/// <summary>Lets Newtonsoft.Json write the JsonElement values of the POCOs' open maps, token by token.</summary>
public sealed class JsonElementNewtonsoftConverter : Newtonsoft.Json.JsonConverter<JsonElement>
{
    public override JsonElement ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, JsonElement existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer)
        => throw new NotSupportedException();

    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, JsonElement value, Newtonsoft.Json.JsonSerializer serializer) => Write(writer, value);

    private static void Write(Newtonsoft.Json.JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteValue(value.GetString());
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out long integer))
                {
                    writer.WriteValue(integer);
                }
                else
                {
                    writer.WriteValue(value.GetDecimal());
                }

                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                writer.WriteValue(value.GetBoolean());
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}
