using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class CourierTests
{
    private const string Path = "/courier/inbound/courier";

    [Fact]
    public async Task Accepted_call_is_202_with_an_assigned_id_and_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("courier", "c-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement body = await response.JsonAsync();
        string assigned = body.GetProperty("messageId").GetString()!;
        Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", assigned);
        Assert.NotEqual("c-1", assigned);

        JsonElement[] events = await client.EventsAsync("courier");
        JsonElement recorded = Assert.Single(events);
        Assert.Equal("courier", recorded.GetProperty("vendor").GetString());
        Assert.Equal("c-1", recorded.MessageId());
        Assert.Equal(Path, recorded.GetProperty("path").GetString());
        Assert.Equal("Order Placed", recorded.GetProperty("body").GetProperty("event").GetString());
        Assert.True(recorded.TryGetProperty("receivedAt", out _));
    }

    [Fact]
    public async Task A_body_after_a_utf8_byte_order_mark_is_validated_recorded_and_deduplicated_as_without_it()
    {
        // As ASP.NET Core's JSON input and Node's body-parser do (RFC 8259 section 8.1 lets a parser ignore the mark).
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage first = await client.PostAsync(Path, "\uFEFF" + Vendors.ValidBody("courier", "bom-1"), Vendors.Auth("courier", "k"));
        using HttpResponseMessage again = await client.PostAsync(Path, "\uFEFF" + Vendors.ValidBody("courier", "bom-1"), Vendors.Auth("courier", "k"));
        using HttpResponseMessage twoMarks = await client.PostAsync(Path, "\uFEFF\uFEFF" + Vendors.ValidBody("courier", "bom-2"), Vendors.Auth("courier", "k"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twoMarks.StatusCode);
        JsonElement recorded = Assert.Single(await client.EventsAsync("courier"));
        Assert.Equal("bom-1", recorded.MessageId());
        Assert.Equal("Order Placed", recorded.GetProperty("body").GetProperty("event").GetString());
    }

    [Fact]
    public async Task Invalid_body_is_400_invalid_request_error_naming_the_path()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path,
            """{"event":"Order Placed","messageId":"c-2","type":"identify","properties":{}}""",
            Vendors.Auth("courier", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement body = await response.JsonAsync();
        Assert.Equal("invalid_request_error", body.GetProperty("type").GetString());
        Assert.Contains("/type:", body.GetProperty("message").GetString());
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Missing_required_field_is_named_in_the_message()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Path, """{"event":"x","type":"track","properties":{}}""", Vendors.Auth("courier", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"messageId\"", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Reused_messageId_is_409_and_recorded_once()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage first = await client.PostValidAsync("courier", "dup-1");
        using HttpResponseMessage second = await client.PostValidAsync("courier", "dup-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        JsonElement body = await second.JsonAsync();
        Assert.Equal("invalid_request_error", body.GetProperty("type").GetString());
        Assert.Contains("dup-1", body.GetProperty("message").GetString());
        Assert.Single(await client.EventsAsync("courier"));
    }

    [Fact]
    public async Task Missing_wrong_and_right_keys_with_a_configured_key()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["Courier"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("courier", "k-1");

        using HttpResponseMessage missing = await client.PostAsync(Path, json);
        using HttpResponseMessage wrong = await client.PostAsync(Path, json, Vendors.Auth("courier", "wrong"));
        using HttpResponseMessage wrongScheme = await client.PostAsync(Path, json, new[] { ("Authorization", "Token right") });
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongScheme.StatusCode);
        Assert.Equal("authentication_error", (await wrong.JsonAsync()).GetProperty("type").GetString());
        Assert.DoesNotContain("wrong", await wrong.Content.ReadAsStringAsync());
        Assert.Empty(await client.EventsAsync());

        using HttpResponseMessage right = await client.PostAsync(Path, json, Vendors.Auth("courier", "right"));
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Any_non_empty_key_is_accepted_when_none_is_configured()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("courier", "any-1");

        using HttpResponseMessage missing = await client.PostAsync(Path, json);
        using HttpResponseMessage empty = await client.PostAsync(Path, json, new[] { ("Authorization", "Bearer ") });
        using HttpResponseMessage any = await client.PostAsync(Path, json, Vendors.Auth("courier", "whatever"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, any.StatusCode);
        Assert.Equal("any-1", Assert.Single(await client.EventsAsync()).MessageId());
    }
}
