using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class PushEngageTests
{
    private const string Path = "/pushengage/api/v1/events";

    [Fact]
    public async Task Accepted_call_is_200_with_error_code_0_and_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("pushengage", "pe-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"error_code":0,"data":{}}""", await response.Content.ReadAsStringAsync());
        JsonElement recorded = Assert.Single(await client.EventsAsync("pushengage"));
        Assert.Equal("pe-1", Vendors.RecordedId("pushengage", recorded));
    }

    [Fact]
    public async Task Missing_key_is_401002_and_unknown_key_is_401000()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["PushEngage"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("pushengage", "pe-2");

        using HttpResponseMessage missing = await client.PostAsync(Path, json);
        using HttpResponseMessage empty = await client.PostAsync(Path, json, new[] { ("Api-Key", "") });
        using HttpResponseMessage wrong = await client.PostAsync(Path, json, Vendors.Auth("pushengage", "wrong"));
        using HttpResponseMessage right = await client.PostAsync(Path, json, new[] { ("API-KEY", "right") });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(401002, (await missing.JsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("API key is required. Please provide a valid API key in the API-KEY header.", (await missing.JsonAsync()).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(401002, (await empty.JsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(401000, (await wrong.JsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Missing_event_name_is_1003_with_the_documented_detail()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path, """{"profile_id":"p"}""", Vendors.Auth("pushengage", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("Invalid data", error.GetProperty("message").GetString());
        Assert.Equal(1003, error.GetProperty("code").GetInt32());
        JsonElement detail = Assert.Single(error.GetProperty("details").EnumerateArray().ToArray());
        Assert.Equal("event_name is required", detail.GetProperty("message").GetString());
        Assert.Equal(new[] { "event_name" }, detail.GetProperty("path").EnumerateArray().Select(s => s.GetString()).ToArray());
    }

    [Fact]
    public async Task Validation_details_carry_the_json_pointer_as_segments()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path,
            """{"event_name":"PushEngage.add_to_cart","device_token_hash":"d","data":{"-price":1,"a/b":[1],"ok":true}}""",
            Vendors.Auth("pushengage", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string[][] paths = (await response.JsonAsync()).GetProperty("error").GetProperty("details").EnumerateArray()
            .Select(d => d.GetProperty("path").EnumerateArray().Select(s => s.GetString()!).ToArray())
            .ToArray();
        Assert.Contains(paths, p => p.SequenceEqual(new[] { "event_name" }));
        Assert.Contains(paths, p => p.SequenceEqual(new[] { "data", "-price" }));
        Assert.Contains(paths, p => p.SequenceEqual(new[] { "data", "a/b" }));
        Assert.DoesNotContain(paths, p => p.Contains("ok"));
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Data_over_4000_bytes_is_refused_and_at_4000_accepted()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        // {"k0":"xxx…","k1":…}: 16 strings of 240 characters make the data object exactly 4,000 bytes with k15 padded.
        string Data(int extra)
        {
            var members = Enumerable.Range(0, 16).Select(i => $"\"k{i:D2}\":\"{new string('x', 240)}\"").ToList();
            string data = "{" + string.Join(",", members) + "}";
            int pad = 4000 - System.Text.Encoding.UTF8.GetByteCount(data) + extra;
            return "{" + string.Join(",", members) + ",\"p\":\"" + new string('y', pad - 7) + "\"}";
        }

        string at = Data(0);
        string over = Data(1);
        Assert.Equal(4000, System.Text.Encoding.UTF8.GetByteCount(at));
        using HttpResponseMessage accepted = await client.PostAsync(Path, "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + at + "}", Vendors.Auth("pushengage", "k"));
        using HttpResponseMessage refused = await client.PostAsync(Path, "{\"event_name\":\"e\",\"profile_id\":\"p\",\"data\":" + over + "}", Vendors.Auth("pushengage", "k"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonElement detail = Assert.Single((await refused.JsonAsync()).GetProperty("error").GetProperty("details").EnumerateArray().ToArray());
        Assert.Equal(new[] { "data" }, detail.GetProperty("path").EnumerateArray().Select(s => s.GetString()).ToArray());
    }

    [Fact]
    public async Task Server_error_is_code_1001()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Faults.ErrorRate = 1);
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("pushengage", "pe-500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":{"message":"Something went wrong.","code":1001}}""", await response.Content.ReadAsStringAsync());
    }
}
