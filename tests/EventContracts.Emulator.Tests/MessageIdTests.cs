using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

/// <summary>
/// How the de-duplicating vendors read a <c>messageId</c>: an escaped unpaired surrogate (valid JSON, which validation
/// allows) is an id of its own, and of duplicate keys the first counts, in a track call and in a batch alike.
/// </summary>
public sealed class MessageIdTests
{
    [Theory]
    [InlineData("courier", HttpStatusCode.Accepted, HttpStatusCode.Conflict)]
    [InlineData("tranthor", HttpStatusCode.NoContent, HttpStatusCode.NoContent)]
    [InlineData("customerio", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Ids_with_escaped_unpaired_surrogates_are_told_apart_and_deduplicated(string vendor, HttpStatusCode accepted, HttpStatusCode repeated)
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage high = await client.PostValidAsync(vendor, "\\ud800");
        using HttpResponseMessage low = await client.PostValidAsync(vendor, "\\udc00");
        using HttpResponseMessage again = await client.PostValidAsync(vendor, "\\ud800");

        Assert.Equal(accepted, high.StatusCode);
        Assert.Equal(accepted, low.StatusCode);
        Assert.Equal(repeated, again.StatusCode);
        JsonElement[] events = await client.EventsAsync(vendor);
        Assert.Equal(2, events.Length);

        // The inspection endpoint writes such an id as System.Text.Json writes any lone surrogate: U+FFFD.
        Assert.All(events, e => Assert.Equal("\uFFFD", e.MessageId()));
    }

    [Fact]
    public async Task A_batch_with_such_an_id_is_accepted_whole_and_deduplicated_against_track_calls()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        const string Batch = """
            {"batch":[{"type":"track","event":"first","userId":"u"},{"type":"track","event":"second","userId":"u","messageId":"x\ud83dy"}]}
            """;

        using HttpResponseMessage response = await client.PostAsync("/customerio/v1/batch", Batch, Vendors.Auth("customerio", "k"));
        using HttpResponseMessage track = await client.PostValidAsync("customerio", "x\\ud83dy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        JsonElement[] events = await client.EventsAsync("customerio");
        Assert.Equal(new[] { "first", "second" }, events.Select(e => e.GetProperty("body").GetProperty("event").GetString()).ToArray());
    }

    [Fact]
    public async Task Of_duplicate_messageId_keys_the_first_counts_in_a_track_call_and_in_a_batch()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage track = await client.PostAsync(
            "/customerio/v1/track", """{"type":"track","userId":"u","event":"e","messageId":"A","messageId":"B"}""", Vendors.Auth("customerio", "k"));
        using HttpResponseMessage batch = await client.PostAsync(
            "/customerio/v1/batch", """{"batch":[{"type":"track","userId":"u","event":"e","messageId":"C","messageId":"D"}]}""", Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(new[] { "A", "C" }, (await client.EventsAsync("customerio")).Select(e => e.MessageId()).ToArray());
    }

    [Fact]
    public async Task Shared_context_and_data_with_an_escaped_unpaired_surrogate_are_checked_not_a_server_error()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage batch = await client.PostAsync(
            "/customerio/v1/batch", """{"batch":[{"type":"track","userId":"u","event":"e"}],"context":{"locale":"\ud800"}}""", Vendors.Auth("customerio", "k"));
        using HttpResponseMessage push = await client.PostAsync(
            "/pushengage/api/v1/events", """{"event_name":"e","profile_id":"p","data":{"k":"\ud800"}}""", Vendors.Auth("pushengage", "k"));

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
    }
}
