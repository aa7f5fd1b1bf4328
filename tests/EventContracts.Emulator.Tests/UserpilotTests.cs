using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class UserpilotTests
{
    private const string Path = "/userpilot/v1/track";

    [Fact]
    public async Task Accepted_call_is_202_with_an_empty_body_and_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("userpilot", "u-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        JsonElement recorded = Assert.Single(await client.EventsAsync("userpilot"));
        Assert.Null(recorded.MessageId());
        Assert.Equal("u-1", Vendors.RecordedId("userpilot", recorded));
    }

    [Fact]
    public async Task Invalid_body_is_400_with_one_error_item_per_problem_naming_the_path()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path, """{"user_id":"u","metadata":"not an object"}""", Vendors.Auth("userpilot", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement[] errors = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(2, errors.Length);
        foreach (JsonElement error in errors)
        {
            Assert.Equal("invalid_request", error.GetProperty("error").GetString());
            Assert.Equal("400", error.GetProperty("error_code").GetString());
            Assert.Equal("Bad request", error.GetProperty("message").GetString());
        }

        string[] details = errors.Select(e => e.GetProperty("details").GetString()!).ToArray();
        Assert.Contains(details, d => d.StartsWith("/metadata:"));
        Assert.Contains(details, d => d.Contains("\"event_name\""));
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Missing_and_wrong_keys_are_401_with_the_errors_shape()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["Userpilot"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("userpilot", "u-2");

        using HttpResponseMessage missing = await client.PostAsync(Path, json);
        using HttpResponseMessage wrong = await client.PostAsync(Path, json, Vendors.Auth("userpilot", "wrong"));
        using HttpResponseMessage bearer = await client.PostAsync(Path, json, new[] { ("Authorization", "Bearer right") });
        using HttpResponseMessage right = await client.PostAsync(Path, json, Vendors.Auth("userpilot", "right"));

        foreach (HttpResponseMessage refused in new[] { missing, wrong, bearer })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            JsonElement error = Assert.Single((await refused.JsonAsync()).GetProperty("errors").EnumerateArray().ToArray());
            Assert.Equal("unauthorized", error.GetProperty("error").GetString());
            Assert.Equal("401", error.GetProperty("error_code").GetString());
        }

        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Repeated_calls_are_all_recorded_because_userpilot_has_no_idempotency_key()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage first = await client.PostValidAsync("userpilot", "same");
        using HttpResponseMessage second = await client.PostValidAsync("userpilot", "same");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(2, (await client.EventsAsync("userpilot")).Length);
    }
}
