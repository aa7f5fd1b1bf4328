using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class TranthorTests
{
    private const string Path = "/tranthor/api/public/apps/track";

    [Fact]
    public async Task Accepted_call_is_204_with_an_empty_body_and_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("tranthor", "t-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        JsonElement recorded = Assert.Single(await client.EventsAsync("tranthor"));
        Assert.Equal("t-1", recorded.MessageId());
        Assert.Equal("Signed Up", recorded.GetProperty("body").GetProperty("event").GetString());
    }

    [Fact]
    public async Task Anonymous_call_is_accepted()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path, """{"messageId":"t-anon","event":"Viewed","anonymousId":"s-1"}""", Vendors.Auth("tranthor", "k"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(await client.EventsAsync("tranthor"));
    }

    [Fact]
    public async Task Invalid_body_is_400_with_a_message_naming_the_path()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path, """{"messageId":"t-2","event":"x","userId":"u","timestamp":"yesterday"}""", Vendors.Auth("tranthor", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/timestamp:", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Both_headers_are_required_and_must_carry_the_configured_key()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["Tranthor"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("tranthor", "t-3");

        using HttpResponseMessage none = await client.PostAsync(Path, json);
        using HttpResponseMessage onlyWriteKey = await client.PostAsync(Path, json, new[] { ("PublicWriteKey", "Bearer right") });
        using HttpResponseMessage onlyAuthorization = await client.PostAsync(Path, json, new[] { ("authorization", "Bearer right") });
        using HttpResponseMessage oneWrong = await client.PostAsync(Path, json, new[] { ("PublicWriteKey", "Bearer right"), ("authorization", "Bearer wrong") });

        foreach (HttpResponseMessage refused in new[] { none, onlyWriteKey, onlyAuthorization, oneWrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.False(string.IsNullOrEmpty((await refused.JsonAsync()).GetProperty("message").GetString()));
        }

        Assert.Empty(await client.EventsAsync());
        using HttpResponseMessage right = await client.PostAsync(Path, json, Vendors.Auth("tranthor", "right"));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);

        // The page documents "Bearer <key>"; a bare key is accepted as well.
        using HttpResponseMessage bare = await client.PostAsync(Path, Vendors.ValidBody("tranthor", "t-4"), new[] { ("PublicWriteKey", "right"), ("authorization", "right") });
        Assert.Equal(HttpStatusCode.NoContent, bare.StatusCode);
    }

    [Fact]
    public async Task Repeated_messageId_is_idempotent_success_recorded_once()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage first = await client.PostValidAsync("tranthor", "t-dup");
        using HttpResponseMessage second = await client.PostValidAsync("tranthor", "t-dup");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Single(await client.EventsAsync("tranthor"));
    }
}
