using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task With_every_call_failing_500_nothing_is_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Faults.ErrorRate = 1.0);
        using HttpClient client = TestEmulator.Client(emulator);

        foreach (string vendor in Vendors.All)
        {
            for (int i = 0; i < 5; i++)
            {
                using HttpResponseMessage response = await client.PostValidAsync(vendor, vendor + "-" + i);
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            }
        }

        using HttpResponseMessage courier = await client.PostValidAsync("courier", "c");
        Assert.Equal("api_error", (await courier.JsonAsync()).GetProperty("type").GetString());
        Assert.Empty(await client.EventsAsync());
        Assert.All(emulator.Events.Counts(), c => Assert.True(c.Faults >= 5));
    }

    [Fact]
    public async Task Faults_set_while_running_apply_to_the_next_calls_and_can_be_turned_off()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        var failing = new FaultOptions();
        failing.Courier.ErrorRate = 1.0;
        emulator.SetFaults(failing);
        using (HttpResponseMessage courier = await client.PostValidAsync("courier", "during"))
        using (HttpResponseMessage userpilot = await client.PostValidAsync("userpilot", "during"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, courier.StatusCode);
            Assert.True(userpilot.IsSuccessStatusCode);
        }

        // Changing the object afterwards does nothing; the settings were taken when set.
        failing.Courier.ErrorRate = 0;
        using (HttpResponseMessage still = await client.PostValidAsync("courier", "still"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, still.StatusCode);
        }

        emulator.SetFaults(new FaultOptions());
        using (HttpResponseMessage after = await client.PostValidAsync("courier", "after"))
        {
            Assert.True(after.IsSuccessStatusCode);
        }

        var invalid = new FaultOptions { ErrorRate = 0.7, DropRate = 0.7 };
        var refused = Assert.Throws<ArgumentException>(() => emulator.SetFaults(invalid));
        Assert.Contains("Emulator:Faults", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_seeded_30_percent_fault_rate_a_retrying_client_records_each_event_exactly_once()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            o.Faults.Seed = 20240601;
            o.Faults.ErrorRate = 0.10;
            o.Faults.RateLimitRate = 0.10;
            o.Faults.DropRate = 0.10;
            o.Faults.RetryAfterSeconds = 0;
        });
        using HttpClient client = TestEmulator.Client(emulator);
        const int PerVendor = 30;
        var outcomes = new Dictionary<string, int>();
        int attempts = 0;

        foreach (string vendor in Vendors.All)
        {
            for (int i = 0; i < PerVendor; i++)
            {
                string id = vendor + "-retry-" + i;
                for (int attempt = 1; ; attempt++)
                {
                    Assert.True(attempt <= 50, "too many attempts for " + id);
                    attempts++;
                    string outcome;
                    try
                    {
                        using HttpResponseMessage response = await client.PostValidAsync(vendor, id);
                        outcome = ((int)response.StatusCode).ToString();
                        if (response.IsSuccessStatusCode)
                        {
                            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                            break;
                        }

                        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests, vendor + " answered " + outcome);
                    }
                    catch (HttpRequestException)
                    {
                        outcome = "dropped";
                    }

                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            }
        }

        Assert.True(outcomes.GetValueOrDefault("500") > 0 && outcomes.GetValueOrDefault("429") > 0 && outcomes.GetValueOrDefault("dropped") > 0, string.Join(", ", outcomes));
        Assert.InRange(attempts, Vendors.All.Length * PerVendor * 1.15, Vendors.All.Length * PerVendor * 1.8);
        foreach (string vendor in Vendors.All)
        {
            JsonElement[] events = await client.EventsAsync(vendor);
            string?[] ids = events.Select(e => Vendors.RecordedId(vendor, e)).ToArray();
            Assert.Equal(PerVendor, ids.Length);
            Assert.Equal(PerVendor, ids.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, PerVendor).Select(i => vendor + "-retry-" + i), ids);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults()
    {
        async Task<string> RunAsync()
        {
            await using RunningEmulator emulator = await TestEmulator.StartAsync(null, "--Emulator:Faults:Seed=7", "--Emulator:Faults:ErrorRate=0.3", "--Emulator:Faults:RateLimitRate=0.2");
            using HttpClient client = TestEmulator.Client(emulator);
            var codes = new List<int>();
            for (int i = 0; i < 40; i++)
            {
                using HttpResponseMessage response = await client.PostValidAsync("pushengage", "s-" + i);
                codes.Add((int)response.StatusCode);
            }

            return string.Join(",", codes);
        }

        string first = await RunAsync();
        string second = await RunAsync();
        Assert.Equal(first, second);
        Assert.Contains("500", first);
        Assert.Contains("429", first);
        Assert.Contains("200", first);
    }

    [Fact]
    public async Task Rate_limited_calls_carry_Retry_After_and_are_not_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            o.Faults.RateLimitRate = 1;
            o.Faults.RetryAfterSeconds = 7;
        });
        using HttpClient client = TestEmulator.Client(emulator);

        foreach (string vendor in Vendors.All)
        {
            using HttpResponseMessage response = await client.PostValidAsync(vendor, "r-1");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        }

        Assert.Empty(await client.EventsAsync());
    }

    [Fact]
    public async Task Dropped_connections_fail_the_call_and_record_nothing()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Faults.DropRate = 1);
        using HttpClient client = TestEmulator.Client(emulator);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostValidAsync("courier", "d-1"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostValidAsync("customerio", "d-2"));

        Assert.Empty(await client.EventsAsync());
        Assert.Equal(1, emulator.Events.Counts().Single(c => c.Vendor == "courier").Faults);
    }

    [Fact]
    public async Task A_delay_range_slows_answers_without_failing_them()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            o.Faults.DelayMinMilliseconds = 150;
            o.Faults.DelayMaxMilliseconds = 200;
        });
        using HttpClient client = TestEmulator.Client(emulator);
        using (HttpResponseMessage warmUp = await client.GetAsync("_emulator/events"))
        {
        }

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await client.PostValidAsync("userpilot", "slow-1");
        watch.Stop();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 140, "took " + watch.ElapsedMilliseconds + " ms");
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Per_vendor_settings_override_the_global_ones()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            o.Faults.ErrorRate = 1;
            o.Faults.PushEngage.ErrorRate = 0;
        }, "--Emulator:Faults:Userpilot:RateLimitRate=1", "--Emulator:Faults:Userpilot:ErrorRate=0");
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage courier = await client.PostValidAsync("courier", "v-1");
        using HttpResponseMessage pushEngage = await client.PostValidAsync("pushengage", "v-2");
        using HttpResponseMessage userpilot = await client.PostValidAsync("userpilot", "v-3");

        Assert.Equal(HttpStatusCode.InternalServerError, courier.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pushEngage.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, userpilot.StatusCode);
        Assert.Single(await client.EventsAsync());
    }

    [Fact]
    public async Task Inspection_endpoints_are_never_faulted()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(o => o.Faults.DropRate = 1);
        using HttpClient client = TestEmulator.Client(emulator);

        for (int i = 0; i < 5; i++)
        {
            Assert.Empty(await client.EventsAsync());
            using HttpResponseMessage page = await client.GetAsync("_emulator");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}

