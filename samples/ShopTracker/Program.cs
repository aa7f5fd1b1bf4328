// ShopTracker: a scripted shopping session sent as typed events to every vendor the tracking plan
// names. By default the bundled emulator runs in-process on loopback, so no keys are needed; with
// EVENTCONTRACTS_MODE=real the senders read EVENTCONTRACTS_<VENDOR>_API_KEY / _BASE_URL and go to
// the real vendors.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EventContracts.Delivery;
using EventContracts.Emulator;
using EventContracts.Http;
using Microsoft.Extensions.DependencyInjection;
using ShopTracker.Events;

bool real = string.Equals(Environment.GetEnvironmentVariable("EVENTCONTRACTS_MODE"), "real", StringComparison.OrdinalIgnoreCase);
VendorProfile[] vendors =
{
    CourierContract.Profile, UserpilotContract.Profile, TranthorContract.Profile, CustomerIoContract.Profile, PushEngageContract.Profile,
};

await using RunningEmulator? emulator = real
    ? null
    : await EmulatorApp.StartAsync(new[] { "--Logging:LogLevel:Default=Warning" }, options => options.Keys["PushEngage"] = "pe-demo-key");
Console.WriteLine(real ? "Sending to the real vendors (EVENTCONTRACTS_MODE=real)." : $"Sending to the emulator at {emulator!.BaseAddress}");

var services = new ServiceCollection();
services.AddEventContracts(builder =>
{
    foreach (var vendor in vendors)
    {
        builder.AddVendor(vendor, options => Configure(options, vendor.Name));
    }
});
await using var provider = services.BuildServiceProvider();
var tracker = provider.GetRequiredService<EventTracker>();

int unexpected = 0;
const string user = "user-1043";
var orderMessageId = UuidV7.NewString();
var order = new OrderCompleted
{
    OrderId = "A-17",
    Revenue = 59.90m,
    Currency = "EUR",
    Items = new[] { new LineItem { Sku = "SHOE-42", Quantity = 1 }, new LineItem { Sku = "SOCK-3", Quantity = 2 } },
};

await Step("A visitor signs up", new SignedUp { Plan = SignedUp.PlanKind.Pro, Referrer = "newsletter" });
await Step("They look at running shoes", new ProductViewed { ProductId = "SHOE-42", Name = "Running Shoes", Price = 49.90m });
await Step("They add them to the cart", new ProductAdded { ProductId = "SHOE-42", Quantity = 1, Price = 49.90m });
await Step("They apply a coupon", new CouponApplied { Coupon = "SPRING-10", Discount = 5m });
await Step("Checkout starts", new CheckoutStarted { CartId = "cart-88", Value = 59.90m, Currency = "EUR" });
await Step("The order completes", order, orderMessageId);
await Step("The order is sent again after a timeout (same messageId)", order, orderMessageId, expectDuplicates: true);
await Step("A subscription renews", new SubscriptionRenewed { Plan = SubscriptionRenewed.PlanKind.Team, Amount = 49m, RenewedAt = "2026-11-23T10:00:00Z" });
// EC3007 already reports this constant at build time; the sample sends it anyway, to show the sender's run-time check.
#pragma warning disable EC3007
await Step("A refund with a positive amount (the plan says refunds are <= 0)", new OrderRefunded { OrderId = "A-17", Revenue = 10m }, expectInvalid: true);
#pragma warning restore EC3007
await Step("Someone subscribes to the newsletter", new NewsletterSubscribed { Topic = "running" });

if (!real)
{
    // A vendor "no": a sender configured with a revoked key gets PushEngage's 401000, parsed into a typed error.
    var options = new VendorSenderOptions { BaseAddress = emulator!.ServerUrl("PushEngage"), ApiKey = "revoked-key" };
    using var revoked = EventSender.Create(PushEngageContract.Profile, options);
    var result = await revoked.SendAsync(new ProductViewed { ProductId = "SHOE-42" }, user);
    Console.WriteLine();
    Console.WriteLine("== A PushEngage send with a revoked key");
    Print(result);
    unexpected += result.Outcome == SendOutcome.Rejected ? 0 : 1;

    var recorded = emulator.Events.Snapshot();
    Console.WriteLine();
    Console.WriteLine($"The emulator recorded {recorded.Count} events: " + string.Join(", ", recorded.GroupBy(e => e.Vendor).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
}

Console.WriteLine(unexpected == 0 ? "Session finished as scripted." : $"Session finished with {unexpected} unexpected result(s).");
return unexpected == 0 ? 0 : 1;

async Task Step(string title, ITrackedEvent trackedEvent, string? messageId = null, bool expectDuplicates = false, bool expectInvalid = false)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}: '{trackedEvent.EventName}' -> {string.Join(", ", trackedEvent.Destinations)}");
    var tracked = await tracker.TrackAsync(trackedEvent, user, messageId);
    foreach (var result in tracked.Results)
    {
        Print(result);
        bool expected = expectInvalid
            ? result.Outcome == SendOutcome.Invalid
            : expectDuplicates ? result.IsDelivered : result.Outcome == SendOutcome.Accepted;
        unexpected += expected ? 0 : 1;
    }
}

static void Print(SendResult result)
{
    string detail = result.Outcome switch
    {
        SendOutcome.Accepted => $"accepted (HTTP {result.StatusCode}{(result.VendorMessageId is null ? string.Empty : ", vendor id " + result.VendorMessageId)}, {result.Attempts} attempt(s))",
        SendOutcome.Duplicate => $"deduplicated: the vendor already has messageId {result.MessageId} (HTTP {result.StatusCode})",
        _ => $"{result.Outcome.ToString().ToLowerInvariant()}{(result.StatusCode is int code ? " (HTTP " + code + ")" : string.Empty)}",
    };
    Console.WriteLine($"  {result.Destination,-11} {detail}");
    foreach (var error in result.Errors)
    {
        Console.WriteLine($"      {error}");
    }
}

void Configure(VendorSenderOptions options, string vendor)
{
    if (real)
    {
        options.BindEnvironment(vendor);
        return;
    }

    options.BaseAddress = emulator!.ServerUrl(vendor);
    options.ApiKey = vendor == "PushEngage" ? "pe-demo-key" : "demo-key";
    foreach (var auth in vendors.Single(v => v.Name == vendor).Auth)
    {
        options.Credentials[auth.SchemeName] = options.ApiKey;
    }

    if (vendor == "CustomerIo")
    {
        // Without strict mode Customer.io answers 200 even to calls it drops; the emulator does the same.
        options.Headers["X-Strict-Mode"] = "1";
    }
}
