using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class OutageTests
{
    private static readonly DateTimeOffset s_start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("vendor=segment&seconds=30", "unknown vendor")]
    [InlineData("", "seconds is required")]
    [InlineData("vendor=courier", "seconds is required")]
    [InlineData("seconds=soon", "must be a number")]
    [InlineData("seconds=NaN", "must be a number")]
    [InlineData("seconds=Infinity", "must be a number")]
    [InlineData("seconds=0", "must be positive")]
    [InlineData("seconds=-5", "must be positive")]
    [InlineData("seconds=-1e300", "must be positive")]
    [InlineData("seconds=3600.5", "at most 3600 seconds")]
    [InlineData("seconds=1e300", "at most 3600 seconds")]
    [InlineData("seconds=3600.00000001", "at most 3600 seconds")]
    public async Task Post_outage_answers_400_for_bad_input_and_takes_nothing_down(string query, string error)
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.PostAsync("_emulator/outage?" + query, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, (await response.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
        using HttpResponseMessage call = await client.PostValidAsync("courier", "after-400");
        Assert.Equal(HttpStatusCode.Accepted, call.StatusCode);
    }

    [Fact]
    public async Task Delete_outage_with_an_unknown_vendor_is_400()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage response = await client.DeleteAsync("_emulator/outage?vendor=segment");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown vendor", (await response.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_running_emulator_checks_its_outage_arguments()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();

        Assert.Throws<ArgumentException>("vendor", () => emulator.StartOutage("segment", TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>("duration", () => emulator.StartOutage("courier", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>("duration", () => emulator.StartOutage(null, TimeSpan.FromHours(1) + TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentException>("vendor", () => emulator.EndOutage("segment"));
        Assert.False(emulator.EndOutage());
    }

    [Fact]
    public async Task An_outage_takes_only_its_vendor_down_with_503_and_no_Retry_After_and_records_nothing()
    {
        var time = new FakeTime(s_start);
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.TimeProvider = time);
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage started = await client.PostAsync("_emulator/outage?vendor=Courier&seconds=30", null);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        JsonElement body = await started.JsonAsync();
        Assert.Equal(new[] { "courier" }, body.GetProperty("vendors").EnumerateArray().Select(v => v.GetString()).ToArray());
        Assert.Equal(30, body.GetProperty("seconds").GetDouble());
        Assert.Equal(s_start.AddSeconds(30), body.GetProperty("until").GetDateTimeOffset());
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage down = await client.PostValidAsync("courier", "down-" + i);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Null(down.Headers.RetryAfter);
            Assert.Equal("api_error", (await down.JsonAsync()).GetProperty("type").GetString());
        }

        foreach (string vendor in Vendors.All.Where(v => v != "courier"))
        {
            using HttpResponseMessage up = await client.PostValidAsync(vendor, vendor + "-up");
            Assert.True(up.IsSuccessStatusCode, vendor + " answered " + (int)up.StatusCode);
        }

        Assert.Empty(await client.EventsAsync("courier"));
        Assert.Equal(4, (await client.EventsAsync()).Length);
        Assert.Equal(3, emulator.Events.Counts().Single(c => c.Vendor == "courier").Faults);
        Assert.All(emulator.Events.Counts().Where(c => c.Vendor != "courier"), c => Assert.Equal(0, c.Faults));

        string page = await client.GetStringAsync("_emulator");
        Assert.Contains("<h2>Outages</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>courier</td><td>2025-01-01 08:00:30.000 UTC</td><td>30.0 s</td><td>3</td></tr>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>userpilot</td><td>2025", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_vendor_every_endpoint_is_down_and_answers_in_its_own_shape()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        using (HttpResponseMessage started = await client.PostAsync("_emulator/outage?seconds=30", null))
        {
            Assert.Equal(Vendors.All, (await started.JsonAsync()).GetProperty("vendors").EnumerateArray().Select(v => v.GetString()).ToArray());
        }

        var bodies = new Dictionary<string, JsonElement>();
        foreach (string vendor in Vendors.All)
        {
            using HttpResponseMessage down = await client.PostValidAsync(vendor, vendor + "-down");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Null(down.Headers.RetryAfter);
            Assert.Equal("application/json", down.Content.Headers.ContentType?.MediaType);
            bodies[vendor] = await down.JsonAsync();
        }

        // Customer.io answers its 503 without X-Strict-Mode too: only bad calls depend on strict mode.
        using (HttpResponseMessage lenient = await client.PostAsync(Vendors.Path("customerio"), Vendors.ValidBody("customerio", "lenient"), Vendors.Auth("customerio", "k").Where(h => h.Name != "X-Strict-Mode")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lenient.StatusCode);
        }

        Assert.Equal("api_error", bodies["courier"].GetProperty("type").GetString());
        JsonElement userpilot = Assert.Single(bodies["userpilot"].GetProperty("errors").EnumerateArray());
        Assert.Equal("503", userpilot.GetProperty("error_code").GetString());
        Assert.Equal("service_unavailable", userpilot.GetProperty("error").GetString());
        Assert.Contains("unavailable", bodies["tranthor"].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(bodies["customerio"].GetProperty("meta").GetProperty("errors").EnumerateArray());
        Assert.Equal(503, bodies["pushengage"].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(await client.EventsAsync());

        // The inspection endpoints are never down.
        using HttpResponseMessage page = await client.GetAsync("_emulator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_outage_ends_by_itself_on_the_emulator_clock_and_the_recovery_is_logged()
    {
        var time = new FakeTime(s_start);
        var capture = new CapturingLoggerProvider();
        await using RunningEmulator emulator = await EmulatorApp.StartAsync(
            new[] { "--Logging:LogLevel:Default=Error", "--Logging:LogLevel:EventContracts.Emulator=Warning" },
            o => o.TimeProvider = time,
            builder => builder.Logging.AddProvider(capture));
        using HttpClient client = TestEmulator.Client(emulator);

        Assert.Equal(s_start.AddSeconds(30), emulator.StartOutage("CustomerIo", TimeSpan.FromSeconds(30)));
        time.Advance(TimeSpan.FromSeconds(29.9));
        using (HttpResponseMessage stillDown = await client.PostValidAsync("customerio", "late"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stillDown.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(0.1));
        using (HttpResponseMessage back = await client.PostValidAsync("customerio", "back"))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        Assert.Equal(new[] { "back" }, (await client.EventsAsync("customerio")).Select(e => e.MessageId()).ToArray());
        Assert.False(emulator.EndOutage("customerio"));
        Assert.Contains("<p>None: every endpoint answers.", await client.GetStringAsync("_emulator"), StringComparison.Ordinal);
        Assert.Contains(capture.Lines, l => l.Contains("Outage of customerio started: calls are answered 503 for 30 s", StringComparison.Ordinal));
        Assert.Single(capture.Lines, l => l.Contains("customerio: outage over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_outage_ends_by_itself_on_the_real_clock()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using (HttpResponseMessage started = await client.PostAsync("_emulator/outage?vendor=tranthor&seconds=0.3", null))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        using (HttpResponseMessage down = await client.PostValidAsync("tranthor", "t-down"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using HttpResponseMessage up = await client.PostValidAsync("tranthor", "t-up");
        Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        Assert.Equal(new[] { "t-up" }, (await client.EventsAsync("tranthor")).Select(e => e.MessageId()).ToArray());
    }

    [Fact]
    public async Task Delete_ends_an_outage_early_for_one_vendor_or_all()
    {
        var time = new FakeTime(s_start);
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.TimeProvider = time);
        using HttpClient client = TestEmulator.Client(emulator);
        using (HttpResponseMessage started = await client.PostAsync("_emulator/outage?seconds=600", null))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        using (HttpResponseMessage endedOne = await client.DeleteAsync("_emulator/outage?vendor=userpilot"))
        {
            Assert.Equal(HttpStatusCode.NoContent, endedOne.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(client, "userpilot"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "pushengage"));

        using (HttpResponseMessage endedAll = await client.DeleteAsync("_emulator/outage"))
        {
            Assert.Equal(HttpStatusCode.NoContent, endedAll.StatusCode);
        }

        foreach (string vendor in Vendors.All)
        {
            Assert.True((int)await StatusAsync(client, vendor) is >= 200 and < 300, vendor);
        }

        // Ending when nothing is down is harmless.
        using HttpResponseMessage again = await client.DeleteAsync("_emulator/outage");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task A_new_outage_replaces_the_vendors_current_one()
    {
        var time = new FakeTime(s_start);
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.TimeProvider = time);
        using HttpClient client = TestEmulator.Client(emulator);

        emulator.StartOutage(null, TimeSpan.FromMinutes(10));
        emulator.StartOutage("pushengage", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "pushengage"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "courier"));
    }

    [Fact]
    public async Task Calls_refused_by_an_outage_do_not_move_the_seeded_faults()
    {
        async Task<string> CodesAsync(bool withOutage)
        {
            var time = new FakeTime(s_start);
            await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.TimeProvider = time, "--Emulator:Faults:Seed=11", "--Emulator:Faults:ErrorRate=0.3");
            using HttpClient client = TestEmulator.Client(emulator);
            if (withOutage)
            {
                emulator.StartOutage("pushengage", TimeSpan.FromSeconds(1));
                for (int i = 0; i < 5; i++)
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "pushengage"));
                }

                time.Advance(TimeSpan.FromSeconds(1));
            }

            var codes = new List<int>();
            for (int i = 0; i < 30; i++)
            {
                codes.Add((int)await StatusAsync(client, "pushengage"));
            }

            return string.Join(",", codes);
        }

        string plain = await CodesAsync(withOutage: false);
        Assert.Contains("500", plain, StringComparison.Ordinal);
        Assert.Equal(plain, await CodesAsync(withOutage: true));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string vendor)
    {
        using HttpResponseMessage response = await client.PostValidAsync(vendor, vendor + "-" + Guid.NewGuid().ToString("N"));
        return response.StatusCode;
    }
}
