using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace EventContracts.Emulator.Tests.Support;

/// <summary>Starts emulators for tests and talks to them over loopback HTTP.</summary>
internal static class TestEmulator
{
    public static Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null, params string[] args)
        => EmulatorApp.StartAsync(args.Append("--Logging:LogLevel:Default=Error").ToArray(), configure);

    public static HttpClient Client(RunningEmulator emulator)
        => new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = emulator.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, string json, IEnumerable<(string Name, string Value)>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach ((string name, string value) in headers ?? Array.Empty<(string, string)>())
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), "header " + name);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts a valid event of a vendor with the vendor's credentials.</summary>
    public static Task<HttpResponseMessage> PostValidAsync(this HttpClient client, string vendor, string id, string key = "test-key")
        => client.PostAsync(Vendors.Path(vendor), Vendors.ValidBody(vendor, id), Vendors.Auth(vendor, key));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement[]> EventsAsync(this HttpClient client, string? vendor = null)
    {
        using HttpResponseMessage response = await client.GetAsync(vendor is null ? "_emulator/events" : "_emulator/events?vendor=" + vendor);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonElement root = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        return root.EnumerateArray().ToArray();
    }

    public static string? MessageId(this JsonElement recorded)
        => recorded.GetProperty("messageId").ValueKind == JsonValueKind.Null ? null : recorded.GetProperty("messageId").GetString();
}

/// <summary>Per-vendor paths, credentials and bodies.</summary>
internal static class Vendors
{
    public static readonly string[] All = { "courier", "userpilot", "tranthor", "customerio", "pushengage" };

    public static string Path(string vendor) => vendor switch
    {
        "courier" => "/courier/inbound/courier",
        "userpilot" => "/userpilot/v1/track",
        "tranthor" => "/tranthor/api/public/apps/track",
        "customerio" => "/customerio/v1/track",
        "pushengage" => "/pushengage/api/v1/events",
        _ => throw new ArgumentException(vendor),
    };

    public static string ContractName(string vendor) => vendor switch
    {
        "courier" => "Courier",
        "userpilot" => "Userpilot",
        "tranthor" => "Tranthor",
        "customerio" => "CustomerIo",
        "pushengage" => "PushEngage",
        _ => throw new ArgumentException(vendor),
    };

    /// <summary>The vendor's credential headers carrying <paramref name="key"/> (Customer.io also asks for strict mode).</summary>
    public static (string Name, string Value)[] Auth(string vendor, string key) => vendor switch
    {
        "courier" => new[] { ("Authorization", "Bearer " + key) },
        "userpilot" => new[] { ("Authorization", "Token " + key) },
        "tranthor" => new[] { ("PublicWriteKey", "Bearer " + key), ("authorization", "Bearer " + key) },
        "customerio" => new[] { ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"))), ("X-Strict-Mode", "1") },
        "pushengage" => new[] { ("Api-Key", key) },
        _ => throw new ArgumentException(vendor),
    };

    /// <summary>Headers without any credential (Customer.io keeps strict mode so that it answers 401).</summary>
    public static (string Name, string Value)[] NoAuth(string vendor)
        => vendor == "customerio" ? new[] { ("X-Strict-Mode", "1") } : Array.Empty<(string, string)>();

    public static string ValidBody(string vendor, string id) => vendor switch
    {
        "courier" => $$$"""{"event":"Order Placed","messageId":"{{{id}}}","type":"track","properties":{"order_id":"{{{id}}}"}}""",
        "userpilot" => $$$"""{"user_id":"user-1","event_name":"purchase_completed","metadata":{"order_id":"{{{id}}}"}}""",
        "tranthor" => $$$"""{"messageId":"{{{id}}}","event":"Signed Up","userId":"1043","properties":{"plan":"Enterprise"}}""",
        "customerio" => $$$"""{"type":"track","userId":"u-1","event":"Course Started","messageId":"{{{id}}}","properties":{"title":"Intro"}}""",
        "pushengage" => $$$"""{"event_name":"add_to_cart","profile_id":"p-1","data":{"order_id":"{{{id}}}","price":9.99}}""",
        _ => throw new ArgumentException(vendor),
    };

    /// <summary>The id a recorded event carries: its messageId, or (vendors without one) the order id in its properties.</summary>
    public static string? RecordedId(string vendor, JsonElement recorded) => vendor switch
    {
        "userpilot" => recorded.GetProperty("body").GetProperty("metadata").GetProperty("order_id").GetString(),
        "pushengage" => recorded.GetProperty("body").GetProperty("data").GetProperty("order_id").GetString(),
        _ => recorded.MessageId(),
    };
}
