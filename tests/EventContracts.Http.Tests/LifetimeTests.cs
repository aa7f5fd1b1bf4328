using System.Diagnostics;
using System.Net.Http;
using EventContracts.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventContracts.Http.Tests;

/// <summary>
/// A sender or a service provider disposed while sends are under way (an application shutting down): each send ends
/// with a result that says so, not a timeout it never had nor an exception that loses the other destinations' results.
/// </summary>
public sealed class LifetimeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public LifetimeTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Disposing_a_sender_ends_its_send_under_way_as_disposed_and_refuses_later_ones()
    {
        EventSender sender = _fixture.FrontSender("Courier");
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Slowly(TimeSpan.FromSeconds(30)));

        Task<SendResult> sending = sender.SendAsync(Vendors.Order(marker), "user-dispose");
        await HeldAsync("courier", marker);
        sender.Dispose();
        SendResult result = await sending;

        Assert.Equal((SendOutcome.Failed, 1), (result.Outcome, result.Attempts));
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("disposed", error.Code);
        Assert.Equal("the sender was disposed while the request was under way; the vendor may have the event", error.Message);

        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() => sender.SendAsync(Vendors.Order(marker), "user-dispose"));
        Assert.Equal(nameof(EventSender), refused.ObjectName);
        Assert.Throws<ObjectDisposedException>(() => { _ = sender.SendJsonAsync("{}"u8.ToArray(), "id"); });
    }

    [Fact]
    public async Task Disposing_the_service_provider_lets_a_track_under_way_end_and_later_tracks_get_results()
    {
        // Courier through the front, which answers after 2 s; PushEngage straight to the emulator, which answers at once.
        var services = new ServiceCollection();
        services.AddEventContracts(b =>
        {
            b.AddVendor(CourierContract.Profile, o => (o.BaseAddress, o.ApiKey) = (_fixture.ThroughFront("Courier"), Vendors.Key("Courier")));
            b.AddVendor(PushEngageContract.Profile, o => (o.BaseAddress, o.ApiKey) = (_fixture.Direct("PushEngage"), Vendors.Key("PushEngage")));
        });
        ServiceProvider provider = services.BuildServiceProvider();
        IEventTracker tracker = provider.GetRequiredService<IEventTracker>();
        string marker = Vendors.Marker();
        _fixture.Front.Enqueue("courier", FrontAction.Slowly(TimeSpan.FromSeconds(2)));

        Task<TrackResult> tracking = tracker.TrackAsync(Vendors.Order(marker), "user-shutdown");
        await HeldAsync("courier", marker);
        await provider.DisposeAsync();
        TrackResult result = await tracking;

        // The HTTP client factory keeps a handler until its requests end, so the request under way is answered.
        Assert.All(result.Results.Where(r => r.Destination is "Courier" or "PushEngage"), r => Assert.True(r.Outcome == SendOutcome.Accepted && r.Attempts == 1, r.ToString()));
        Assert.Single(Vendors.Recorded(_fixture.Emulator, "Courier", marker));

        // A track begun after the shutdown sends nothing, and says why for each destination instead of throwing.
        string later = Vendors.Marker();
        TrackResult after = await tracker.TrackAsync(Vendors.Order(later), "user-shutdown");
        Assert.All(after.Results.Where(r => r.Destination is "Courier" or "PushEngage"), r =>
        {
            Assert.Equal((SendOutcome.Failed, 0), (r.Outcome, r.Attempts));
            VendorError error = Assert.Single(r.Errors);
            Assert.Equal("disposed", error.Code);
            Assert.Equal("not sent: the sender was disposed; is the application shutting down?", error.Message);
        });
        Assert.Empty(Vendors.Recorded(_fixture.Emulator, "PushEngage", later));
    }

    [Fact]
    public async Task A_given_http_client_disposed_by_its_owner_is_a_result()
    {
        var client = new HttpClient();
        using EventSender sender = EventSender.Create(CourierContract.Profile, Vendors.Options("Courier", _fixture.Direct("Courier")), client);
        client.Dispose();

        SendResult result = await sender.SendAsync(Vendors.Order(Vendors.Marker()), "user-owner");

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        VendorError error = Assert.Single(result.Errors);
        Assert.Equal("disposed", error.Code);
        Assert.StartsWith("a service it sends with was disposed (System.Net.Http.HttpClient; is the application shutting down?)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits until the front holds the request that carries <paramref name="marker"/>.</summary>
    private async Task HeldAsync(string vendor, string marker)
    {
        var watch = Stopwatch.StartNew();
        while (!_fixture.Front.ReceivedBy(vendor).Any(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(marker, StringComparison.Ordinal)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the request did not reach the front in 20 s");
            await Task.Delay(10);
        }
    }
}
