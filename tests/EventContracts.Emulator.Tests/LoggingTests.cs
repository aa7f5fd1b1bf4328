using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using EventContracts.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Api_keys_never_reach_the_logs_even_at_trace_level()
    {
        const string Configured = "CONFIGURED-KEY-7f3a";
        const string Presented = "PRESENTED-KEY-91bc";
        var capture = new CapturingLoggerProvider();
        await using (RunningEmulator emulator = await EmulatorApp.StartAsync(
            new[] { "--Logging:LogLevel:Default=Trace" },
            o =>
            {
                foreach (string vendor in Vendors.All)
                {
                    o.Keys[Vendors.ContractName(vendor)] = Configured;
                }

                o.Faults.Seed = 1;
                o.Faults.ErrorRate = 0.2;
                o.Faults.RateLimitRate = 0.2;
            },
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(capture);
            }))
        {
            using HttpClient client = TestEmulator.Client(emulator);
            foreach (string vendor in Vendors.All)
            {
                for (int i = 0; i < 5; i++)
                {
                    using HttpResponseMessage right = await client.PostValidAsync(vendor, vendor + i, Configured);
                    using HttpResponseMessage wrong = await client.PostValidAsync(vendor, vendor + i, Presented);
                    using HttpResponseMessage invalid = await client.PostAsync(Vendors.Path(vendor), "{}", Vendors.Auth(vendor, Configured));
                }
            }

            using HttpResponseMessage page = await client.GetAsync("_emulator");
        }

        Assert.NotEmpty(capture.Lines);
        Assert.Contains(capture.Lines, l => l.Contains("call refused"));
        string[] secrets =
        {
            Configured,
            Presented,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Configured + ":")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Presented + ":")),
        };
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(capture.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task In_process_the_host_lifetime_lines_are_left_out_unless_a_log_level_asks_for_them()
    {
        var quiet = new CapturingLoggerProvider();
        await using (RunningEmulator emulator = await EmulatorApp.StartAsync(Array.Empty<string>(), null, b => { b.Logging.ClearProviders(); b.Logging.AddProvider(quiet); }))
        {
        }

        var asked = new CapturingLoggerProvider();
        await using (RunningEmulator emulator = await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information" }, null, b => { b.Logging.ClearProviders(); b.Logging.AddProvider(asked); }))
        {
        }

        Assert.Contains(quiet.Lines, l => l.Contains("EventContracts emulator on", StringComparison.Ordinal));
        Assert.DoesNotContain(quiet.Lines, l => l.Contains("Application started", StringComparison.Ordinal));
        Assert.Contains(asked.Lines, l => l.Contains("Application started", StringComparison.Ordinal));
    }
}
