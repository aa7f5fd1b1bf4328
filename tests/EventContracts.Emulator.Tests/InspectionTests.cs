using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class InspectionTests
{
    [Fact]
    public async Task Events_are_listed_in_order_and_filtered_by_vendor()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        foreach (string vendor in Vendors.All)
        {
            using HttpResponseMessage response = await client.PostValidAsync(vendor, vendor + "-1");
            Assert.True(response.IsSuccessStatusCode, vendor);
        }

        JsonElement[] all = await client.EventsAsync();
        Assert.Equal(Vendors.All, all.Select(e => e.GetProperty("vendor").GetString()).ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, all.Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        Assert.Equal(new[] { "courier-1", null, "tranthor-1", "customerio-1", null }, all.Select(e => e.MessageId()).ToArray());
        foreach (string vendor in Vendors.All)
        {
            JsonElement only = Assert.Single(await client.EventsAsync(vendor));
            Assert.Equal(vendor, only.GetProperty("vendor").GetString());
            Assert.Equal(JsonValueKind.Object, only.GetProperty("body").ValueKind);
        }

        Assert.Equal(5, emulator.Events.Snapshot().Count);
        Assert.Single(emulator.Events.Snapshot("CustomerIo"));
    }

    [Fact]
    public async Task Events_keep_their_request_headers_without_the_credentials_secrets()
    {
        const string Key = "secret-key-4711";
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            foreach (string vendor in Vendors.All)
            {
                o.Keys[Vendors.ContractName(vendor)] = Key;
            }
        });
        using HttpClient client = TestEmulator.Client(emulator);
        foreach (string vendor in Vendors.All)
        {
            var headers = Vendors.Auth(vendor, Key).Append(("X-Test-Run", vendor + "-42")).Append(("Cookie", "session=" + Key)).Append(("X-Auth-Token", Key));
            using HttpResponseMessage response = await client.PostAsync(Vendors.Path(vendor), Vendors.ValidBody(vendor, vendor + "-h"), headers);
            Assert.True(response.IsSuccessStatusCode, vendor);
        }

        using (HttpResponseMessage batch = await client.PostAsync(
            "/customerio/v1/batch",
            """{"batch":[{"type":"track","userId":"u","event":"A","messageId":"hb-1"},{"type":"track","userId":"u","event":"B","messageId":"hb-2"}]}""",
            Vendors.Auth("customerio", Key).Append(("X-Test-Run", "batch"))))
        {
            Assert.True(batch.IsSuccessStatusCode);
        }

        var recorded = emulator.Events.Snapshot();
        Assert.Equal(7, recorded.Count);
        foreach (RecordedEvent e in recorded.Take(5))
        {
            Assert.Equal(e.Vendor + "-42", e.Headers["x-test-run"]);
            Assert.Equal("***", e.Headers["Cookie"]);
            Assert.Equal("***", e.Headers["X-Auth-Token"]);
            Assert.Equal("application/json; charset=utf-8", e.Headers["Content-Type"]);
        }

        Assert.Equal("Bearer ***", recorded[0].Headers["Authorization"]);
        Assert.Equal("Token ***", recorded[1].Headers["Authorization"]);
        Assert.Equal("***", recorded[2].Headers["PublicWriteKey"]);
        Assert.Equal("Bearer ***", recorded[2].Headers["Authorization"]);
        Assert.Equal("Basic ***", recorded[3].Headers["Authorization"]);
        Assert.Equal("1", recorded[3].Headers["X-Strict-Mode"]);
        Assert.Equal("***", recorded[4].Headers["Api-Key"]);
        Assert.Same(recorded[5].Headers, recorded[6].Headers);
        Assert.Equal("batch", recorded[6].Headers["X-Test-Run"]);

        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Key + ":"));
        string listed = (await client.EventsAsync()).Aggregate("", (text, e) => text + e.GetProperty("headers").GetRawText());
        Assert.Contains("\"X-Test-Run\":\"courier-42\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"Authorization\":\"Basic ***\"", listed, StringComparison.Ordinal);
        foreach (RecordedEvent e in recorded)
        {
            Assert.DoesNotContain(e.Headers.Values, v => v.Contains(Key, StringComparison.Ordinal) || v.Contains(basic, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(Key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_vendor_filter_is_400()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.GetAsync("_emulator/events?vendor=segment");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_clears_events_counters_and_remembered_messageIds()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        using (HttpResponseMessage first = await client.PostValidAsync("courier", "reset-1"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using HttpResponseMessage deleted = await client.DeleteAsync("_emulator/events");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await client.EventsAsync());
        Assert.All(emulator.Events.Counts(), c => Assert.Equal(0, c.Accepted));
        using HttpResponseMessage again = await client.PostValidAsync("courier", "reset-1");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, Assert.Single(await client.EventsAsync()).GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_store_is_bounded_and_keeps_the_newest_events()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.MaxEvents = 3);
        using HttpClient client = TestEmulator.Client(emulator);
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage response = await client.PostValidAsync("tranthor", "b-" + i);
        }

        JsonElement[] events = await client.EventsAsync();
        Assert.Equal(new[] { "b-2", "b-3", "b-4" }, events.Select(e => e.MessageId()).ToArray());
        VendorCounts counts = emulator.Events.Counts().Single(c => c.Vendor == "tranthor");
        Assert.Equal(3, counts.Stored);
        Assert.Equal(5, counts.Accepted);
    }

    [Fact]
    public async Task Concurrent_calls_are_all_recorded_once()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (int i = 0; i < 25; i++)
            {
                using HttpResponseMessage response = await client.PostValidAsync(worker % 2 == 0 ? "pushengage" : "courier", "w" + worker + "-" + i);
                Assert.True(response.IsSuccessStatusCode);
            }
        }));

        JsonElement[] events = await client.EventsAsync();
        Assert.Equal(200, events.Length);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(100, events.Count(e => e.GetProperty("vendor").GetString() == "courier"));
    }

    [Fact]
    public async Task The_html_page_lists_counts_and_encodes_event_bodies()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        using (HttpResponseMessage posted = await client.PostAsync("/courier/inbound/courier",
            """{"event":"<b>bold</b>","messageId":"<script>alert('id')</script>","type":"track","properties":{"x":"<script>alert(1)</script>","amp":"a&b"}}""",
            Vendors.Auth("courier", "k")))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        using HttpResponseMessage page = await client.GetAsync("_emulator");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;id&#x27;)&lt;/script&gt;", html);
        Assert.Contains("a&amp;b", html);
        Assert.Contains("<td>courier</td><td>1</td><td>1</td>", html);
        Assert.StartsWith("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Root_redirects_to_the_page()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = emulator.BaseAddress };

        using HttpResponseMessage response = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/_emulator", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_in_the_vendor_shape_with_or_without_content_length()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.MaxBodyBytes = 1000);
        using HttpClient client = TestEmulator.Client(emulator);
        string big = Vendors.ValidBody("courier", new string('x', 1200));

        using HttpResponseMessage withLength = await client.PostAsync("/courier/inbound/courier", big, Vendors.Auth("courier", "k"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal("invalid_request_error", (await withLength.JsonAsync()).GetProperty("type").GetString());

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "pushengage/api/v1/events")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(Vendors.ValidBody("pushengage", new string('y', 1200))))),
        };
        chunked.Headers.Add("Api-Key", "k");
        using HttpResponseMessage withoutLength = await client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Equal(1003, (await withoutLength.JsonAsync()).GetProperty("error").GetProperty("code").GetInt32());

        using HttpResponseMessage small = await client.PostValidAsync("courier", "fits");
        Assert.Equal(HttpStatusCode.Accepted, small.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        foreach (string vendor in new[] { "courier", "userpilot", "tranthor", "customerio", "pushengage" })
        {
            using HttpResponseMessage response = await client.PostAsync(Vendors.Path(vendor), "{\"event\":", Vendors.Auth(vendor, "k"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Empty(await client.EventsAsync());
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream : MemoryStream
    {
        public NonSeekableStream(byte[] bytes)
            : base(bytes)
        {
        }

        public override bool CanSeek => false;
    }
}
