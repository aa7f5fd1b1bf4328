using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using EventContracts.Emulator.Contracts;
using EventContracts.Emulator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EventContracts.Emulator.Tests;

public sealed class HostingTests
{
    [Fact]
    public void The_package_exports_no_global_Program_to_clash_with_an_app_s()
    {
        // A test project referencing the emulator and a web app names the app's Program in WebApplicationFactory<Program>.
        var assembly = typeof(EmulatorApp).Assembly;

        Assert.DoesNotContain(assembly.GetExportedTypes(), t => t.Name == "Program");
        Assert.NotNull(assembly.EntryPoint);
        Assert.Equal("EventContracts.Emulator.Program", assembly.EntryPoint!.DeclaringType!.FullName);
    }

    [Fact]
    public async Task Listens_on_127_0_0_1_5080_unless_urls_are_given()
    {
        await using WebApplication byDefault = EmulatorApp.Build(Array.Empty<string>());
        await using WebApplication withUrls = EmulatorApp.Build(new[] { "--urls", "http://127.0.0.1:6123" });

        Assert.Equal("http://127.0.0.1:5080", byDefault.Configuration[WebHostDefaults.ServerUrlsKey]);
        Assert.Equal("http://127.0.0.1:6123", withUrls.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public async Task Start_binds_a_free_loopback_port()
    {
        await using RunningEmulator first = await TestEmulator.StartAsync();
        await using RunningEmulator second = await TestEmulator.StartAsync();

        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.NotEqual(0, first.BaseAddress.Port);
        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        Assert.EndsWith("/", first.BaseAddress.AbsoluteUri);
        Assert.Equal(new Uri(first.BaseAddress, "customerio/v1"), first.ServerUrl("CustomerIo"));
        Assert.Equal(new Uri(first.BaseAddress, "courier"), first.ServerUrl("courier"));
    }

    [Fact]
    public async Task Options_are_read_from_configuration_then_adjusted_in_code()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync(
            o => o.Keys["Courier"] = "from-code",
            "--Emulator:Keys:PushEngage=from-args", "--Emulator:MaxEvents=42", "--Emulator:Faults:Seed=3", "--Emulator:Faults:CustomerIo:DropRate=0.25");

        EmulatorOptions options = emulator.Options;
        Assert.Equal("from-args", options.KeyFor("pushengage"));
        Assert.Equal("from-code", options.KeyFor("Courier"));
        Assert.Null(options.KeyFor("Userpilot"));
        Assert.Equal(42, options.MaxEvents);
        Assert.Equal(3, options.Faults.Seed);
        Assert.Equal(0.25, options.Faults.CustomerIo.DropRate);
        Assert.Equal(42, emulator.Events.Capacity);

        using HttpClient client = TestEmulator.Client(emulator);
        using HttpResponseMessage wrong = await client.PostValidAsync("pushengage", "x", key: "nope");
        using HttpResponseMessage right = await client.PostValidAsync("pushengage", "x", key: "from-args");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("--Emulator:Faults:ErrorRate=1.5")]
    [InlineData("--Emulator:Faults:Courier:DropRate=-0.1")]
    [InlineData("--Emulator:Faults:ErrorRate=0.6", "--Emulator:Faults:DropRate=0.6")]
    [InlineData("--Emulator:Faults:DelayMinMilliseconds=50", "--Emulator:Faults:DelayMaxMilliseconds=10")]
    [InlineData("--Emulator:Faults:ErrorRate=0.6", "--Emulator:Faults:Courier:DropRate=0.6")]
    [InlineData("--Emulator:Faults:DelayMinMilliseconds=500", "--Emulator:Faults:Courier:DelayMaxMilliseconds=100")]
    [InlineData("--Emulator:Keys:Segment=k")]
    [InlineData("--Emulator:MaxBodyBytes=0")]
    public void Bad_options_fail_at_build_with_the_option_named(params string[] args)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmulatorApp.Build(args));
        Assert.StartsWith("Emulator option Emulator:", error.Message);
    }

    [Fact]
    public void The_emulator_validates_through_the_generated_catalog()
    {
        foreach (string vendor in Vendors.All)
        {
            EventContractDescriptor? contract = EventContractCatalog.Find(Vendors.ContractName(vendor));
            Assert.NotNull(contract);
            Assert.Equal(ContractKind.VendorRequest, contract!.Kind);
        }
    }

    [Fact]
    public async Task Every_documented_example_of_every_vendor_contract_is_accepted_and_recorded()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);
        int expected = 0;

        foreach (string vendor in Vendors.All)
        {
            EventContractDescriptor contract = EventContractCatalog.Find(Vendors.ContractName(vendor))!;
            Assert.NotEmpty(contract.Examples);
            foreach (ContractExample example in contract.Examples)
            {
                using HttpResponseMessage response = await client.PostAsync(Vendors.Path(vendor), example.Json, Vendors.Auth(vendor, "k"));
                Assert.True(response.IsSuccessStatusCode, vendor + " example " + example.Name + ": " + (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync());
                expected++;
            }
        }

        Assert.Equal(expected, (await client.EventsAsync()).Length);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_not_served()
    {
        await using RunningEmulator emulator = await TestEmulator.StartAsync();
        using HttpClient client = TestEmulator.Client(emulator);

        using HttpResponseMessage unknown = await client.PostAsync("/segment/v1/track", "{}");
        using HttpResponseMessage get = await client.GetAsync("courier/inbound/courier");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }
}
