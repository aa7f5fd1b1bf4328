using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class CustomerIoTests
{
    private const string Track = "/customerio/v1/track";
    private const string Batch = "/customerio/v1/batch";

    [Fact]
    public async Task Accepted_call_is_200_with_an_empty_object_and_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostValidAsync("customerio", "cio-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        JsonElement recorded = Assert.Single(await client.EventsAsync("customerio"));
        Assert.Equal("cio-1", recorded.MessageId());
        Assert.Equal(Track, recorded.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Invalid_body_in_strict_mode_is_400_with_meta_errors_naming_the_path()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Track,
            """{"type":"track","userId":"u","event":"Order Completed","properties":{"revenue":"19.99","currency":"usd"}}""",
            Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string[] errors = (await response.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains(errors, e => e.StartsWith("/properties/revenue:"));
        Assert.Contains(errors, e => e.StartsWith("/properties/currency:"));
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Without_strict_mode_a_bad_call_is_answered_200_and_dropped_as_the_vendor_documents()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["CustomerIo"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string basicRight = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("right:"));
        string basicWrong = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("wrong:"));

        using HttpResponseMessage invalid = await client.PostAsync(Track, """{"type":"track","event":"x"}""", new[] { ("Authorization", basicRight) });
        using HttpResponseMessage wrongKey = await client.PostAsync(Track, Vendors.ValidBody("customerio", "p-1"), new[] { ("Authorization", basicWrong) });

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongKey.StatusCode);
        Assert.Empty(await client.EventsAsync());
        Assert.Equal(2, emulator.Events.Counts().Single(c => c.Vendor == "customerio").Rejected);
    }

    [Fact]
    public async Task Always_strict_option_answers_errors_without_the_header()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.CustomerIoAlwaysStrict = true);
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Track, """{"type":"track","event":"x"}""", new[] { ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("k:"))) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Missing_and_wrong_keys_in_strict_mode_are_401_with_no_body()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Keys["CustomerIo"] = "right");
        using HttpClient client = TestEmulator.Client(emulator);
        string json = Vendors.ValidBody("customerio", "a-1");

        using HttpResponseMessage missing = await client.PostAsync(Track, json, Vendors.NoAuth("customerio"));
        using HttpResponseMessage wrong = await client.PostAsync(Track, json, Vendors.Auth("customerio", "wrong"));
        using HttpResponseMessage notBase64 = await client.PostAsync(Track, json, new[] { ("Authorization", "Basic %%%"), ("X-Strict-Mode", "1") });
        using HttpResponseMessage right = await client.PostAsync(Track, json, Vendors.Auth("customerio", "right"));

        foreach (HttpResponseMessage refused in new[] { missing, wrong, notBase64 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Repeated_messageId_within_12_hours_is_ignored_and_accepted_again_after()
    {
        var time = new FakeTime(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.TimeProvider = time);
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage first = await client.PostValidAsync("customerio", "window-1");
        time.Advance(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59));
        using HttpResponseMessage repeat = await client.PostValidAsync("customerio", "window-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("{}", await repeat.Content.ReadAsStringAsync());
        JsonElement only = Assert.Single(await client.EventsAsync("customerio"));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero), only.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(1, emulator.Events.Counts().Single(c => c.Vendor == "customerio").Duplicates);

        time.Advance(TimeSpan.FromMinutes(1));
        using HttpResponseMessage after = await client.PostValidAsync("customerio", "window-1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        JsonElement[] events = await client.EventsAsync("customerio");
        Assert.Equal(2, events.Length);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 20, 0, 0, TimeSpan.Zero), events[1].GetProperty("receivedAt").GetDateTimeOffset());

        // The window restarts at the second acceptance.
        time.Advance(TimeSpan.FromHours(1));
        using HttpResponseMessage again = await client.PostValidAsync("customerio", "window-1");
        Assert.Equal(2, (await client.EventsAsync("customerio")).Length);
    }

    [Fact]
    public async Task Calls_without_messageId_are_never_deduplicated()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        const string Json = """{"type":"track","anonymousId":"a-1","event":"Video Started"}""";

        using HttpResponseMessage first = await client.PostAsync(Track, Json, Vendors.Auth("customerio", "k"));
        using HttpResponseMessage second = await client.PostAsync(Track, Json, Vendors.Auth("customerio", "k"));

        Assert.Equal(2, (await client.EventsAsync("customerio")).Length);
    }

    [Fact]
    public async Task Batch_records_each_call_and_ignores_known_messageIds()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        using HttpResponseMessage earlier = await client.PostValidAsync("customerio", "b-known");

        using HttpResponseMessage response = await client.PostAsync(Batch, """
            {
              "batch": [
                {"type":"track","userId":"97980cfea0067","event":"Course Started","messageId":"b-1","properties":{"title":"Intro"}},
                {"type":"track","anonymousId":"23adfd82","event":"Course Previewed","messageId":"b-2","timestamp":"2024-03-05T14:20:00Z"},
                {"type":"track","userId":"u","event":"Again","messageId":"b-known"},
                {"type":"track","userId":"u","event":"Twice in one batch","messageId":"b-1"}
              ],
              "context": {"ip":"203.0.113.7","library":{"name":"EventContracts","version":"0.1.0"}},
              "integrations": {"All": false, "Mixpanel": true}
            }
            """, Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        JsonElement[] events = await client.EventsAsync("customerio");
        Assert.Equal(new[] { "b-known", "b-1", "b-2" }, events.Select(e => e.MessageId()).ToArray());
        Assert.Equal("Course Previewed", events[2].GetProperty("body").GetProperty("event").GetString());
        Assert.Equal(Batch, events[2].GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_batch_after_a_utf8_byte_order_mark_is_read_as_without_it()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Batch, "\uFEFF" + """{"batch":[{"type":"track","userId":"u","event":"Marked","messageId":"bom-b"}]}""", Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bom-b", Assert.Single(await client.EventsAsync("customerio")).MessageId());
    }

    [Fact]
    public async Task Batch_with_an_invalid_call_is_400_naming_the_element_and_records_nothing()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Batch, """
            {"batch":[{"type":"track","userId":"u","event":"ok","messageId":"v-1"},{"type":"track","event":"no identity","properties":{"value":"5"}}],
             "context":{"channel":"fax"},"integrations":{"All":"yes"}}
            """, Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string[] errors = (await response.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains(errors, e => e.StartsWith("/batch/1: "));
        Assert.Contains(errors, e => e.StartsWith("/batch/1/properties/value: "));
        Assert.Contains(errors, e => e.StartsWith("/context/channel: "));
        Assert.Contains(errors, e => e.StartsWith("/integrations/All: "));
        Assert.DoesNotContain(errors, e => e.StartsWith("/batch/0"));
        Assert.Empty(await client.EventsAsync());
    }

    [Theory]
    [InlineData("""{"batch":[]}""", "/batch: ")]
    [InlineData("""{"batch":{}}""", "/batch: ")]
    [InlineData("""{"context":{}}""", "(root): ")]
    [InlineData("""[1]""", "(root): ")]
    [InlineData("""{"batch":[""", "(root): ")]
    public async Task Batch_envelope_errors(string json, string expectedPrefix)
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync(Batch, json, Vendors.Auth("customerio", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith(expectedPrefix));
    }

    [Fact]
    public async Task Batch_with_invalid_utf8_is_reported_like_the_generated_validators_report_it()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        byte[] body = Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"u","event":"X"}]}""");
        body[body.Length - 6] = 0xFF;
        using var request = new HttpRequestMessage(HttpMethod.Post, "customerio/v1/batch") { Content = new ByteArrayContent(body) };
        foreach ((string name, string value) in Vendors.Auth("customerio", "k"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = Assert.Single((await response.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray().ToArray()).GetString()!;
        Assert.StartsWith("(root): malformed JSON: the input is not valid UTF-8", error);
        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Batch_applies_the_schema_size_limits_32000_per_call_and_500000_per_batch()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        string Call(int i, int padding) => $$$"""{"type":"track","userId":"u","event":"e","messageId":"s-{{{i}}}","properties":{"pad":"{{{new string('x', padding)}}}"}}""";

        // One call just over 32,000 bytes.
        string big = Call(0, 32_000);
        using HttpResponseMessage oneTooBig = await client.PostAsync(Batch, "{\"batch\":[" + Call(1, 10) + "," + big + "]}", Vendors.Auth("customerio", "k"));
        Assert.Equal(HttpStatusCode.BadRequest, oneTooBig.StatusCode);
        Assert.Contains((await oneTooBig.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("/batch/1: serialized value is"));

        // Twenty calls of about 26,000 bytes: each within 32,000, together over 500,000.
        string many = "{\"batch\":[" + string.Join(",", Enumerable.Range(0, 20).Select(i => Call(i, 26_000))) + "]}";
        using HttpResponseMessage batchTooBig = await client.PostAsync(Batch, many, Vendors.Auth("customerio", "k"));
        Assert.Equal(HttpStatusCode.BadRequest, batchTooBig.StatusCode);
        string[] errors = (await batchTooBig.JsonAsync()).GetProperty("meta").GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal("(root): serialized value is " + Encoding.UTF8.GetByteCount(many) + " bytes, more than the limit of 500000 bytes", Assert.Single(errors));

        // Nineteen of them fit, also sent pretty-printed (over 500,000 bytes as sent): the limit is on the compact JSON.
        string fits = "{\"batch\":[" + string.Join(",", Enumerable.Range(0, 19).Select(i => Call(i, 26_000))) + "]}";
        using HttpResponseMessage ok = await client.PostAsync(Batch, fits, Vendors.Auth("customerio", "k"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(19, (await client.EventsAsync("customerio")).Length);
        string indented = "{\n  \"batch\": [\n" + string.Join(",\n", Enumerable.Range(100, 19).Select(i => new string(' ', 400) + Call(i, 26_000).Replace("\",\"", "\", \"", StringComparison.Ordinal))) + "\n  ]\n}";
        Assert.True(Encoding.UTF8.GetByteCount(indented) > 500_000);
        using HttpResponseMessage pretty = await client.PostAsync(Batch, indented, Vendors.Auth("customerio", "k"));
        Assert.Equal(HttpStatusCode.OK, pretty.StatusCode);
    }
}
