namespace EventContracts.Analyzers.Tests;

/// <summary>
/// Realistic consumer code for the analyzer robustness tests: calls through the package's tracker and sender, a user's
/// marked wrapper (<see cref="Project.Tracker"/>), marked constructors and interface methods, generated records,
/// dictionaries, anonymous objects, batch items, named arguments, constants, lambdas, local functions, generics,
/// <c>dynamic</c>, top-level statements, partial classes and <c>#if</c> regions. The generator's records are in
/// <see cref="GeneratedNamespace"/>.
/// </summary>
public static class ConsumerSources
{
    public const string GeneratedNamespace = "Consumer.Contracts";

    /// <summary>A class library's checkout: every shape the call-site analyzers look at.</summary>
    public const string Checkout = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using EventContracts.Delivery;
        using EventContracts.Http;
        using Consumer.Contracts;

        namespace Consumer
        {
            public static class Quiet
            {
                public static void Track([EventName] string name, [EventProperties(OmitsNulls = true)] object? properties = null) { }
            }

            public sealed record AnalyticsEvent([EventName] string Name, [EventProperties] object? Properties = null, [UserId] string? UserId = null, [MessageId] string? MessageId = null);

            public interface IAnalytics
            {
                void Track([EventName] string name, [EventProperties] IDictionary<string, object?>? properties = null, [UserId] string? userId = null);
            }

            public sealed class Analytics : IAnalytics
            {
                public void Track(string name, IDictionary<string, object?>? properties = null, string? userId = null)
                {
                }
            }

            public sealed class Envelope
            {
                [MessageId]
                public string Id { get; set; } = "";
            }

            public static class Checkout
            {
                private const string Completed = "Order Completed";
                private const string FixedId = "order-1";

                public static async Task PayAsync(IEventTracker tracker, EventTracker concrete, EventSender sender, IAnalytics analytics, string user, string id, decimal amount)
                {
                    Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = 19.99m, ["currency"] = "USD" }, userId: user);
                    Tracker.Track("Order Complete", new { revenue = amount, currency = "EURO" }, user, Guid.NewGuid().ToString());
                    Tracker.Track(Completed, new Dictionary<string, object> { { "revenue", "19.99" }, { "note", "x" } }, messageId: FixedId);
                    Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["-size"] = 2, ["item"] = new { sku = "a" }, ["tags"] = new[] { "a", "b" } });
                    Tracker.Track("Signed Up", userId: null);
                    Tracker.Track("signed_up", null, "", "fixed");
                    Tracker.Identify(user);
                    Tracker.Identify(null, "Signed Up");
                    analytics.Track("Message Sent", new Dictionary<string, object?> { ["text"] = "hi", ["count"] = 2L }, user);
                    Tracker.Track("Cart Viewed", new { items = new[] { user, id }.Select(s => new { sku = s, qty = s.Length }).ToList(), tags = from s in new[] { user } where s.Length > 0 select s });
                    Quiet.Track("Order Completed", new { revenue = amount > 0 ? (decimal?)null : amount, currency = (string?)null });
                    var a = new AnalyticsEvent("Signed Up", new { plan = "pro" }, null, "fixed-1");
                    AnalyticsEvent b = new("Order Completed", UserId: user, MessageId: id);
                    var envelope = new Envelope { Id = "fixed" };
                    var order = new OrderCompleted { Revenue = 19.99m };
                    await tracker.TrackAsync(order, user, id);
                    await tracker.TrackAsync(new SignedUp(), null, "fixed-2");
                    await concrete.TrackAsync(new SignedUp(), "", id);
                    await sender.SendAsync(new CartViewed(), user, "fixed-3");
                    var items = new List<BatchItem> { new BatchItem(order, user), new(new SignedUp(), user, "fixed-5") };
                    await sender.SendBatchAsync(CustomerIoContract.Profile, items);
                    var item = new CustomerIoBatchTrackEvent { Event = "Order Completed", MessageId = "batch-1" };
                    var again = item with { MessageId = FixedId };
                    var batch = new CustomerIoBatchRequest { Batch = [item, again, .. new[] { item }] } with { Batch = [] };
                    var request = new CourierRequest { Event = "Message Sent", Properties = default!, MessageId = "fixed-4" };
                    var push = new PushEngageRequest { EventName = amount > 0 ? "PushEngage.cart" : "cart", ProfileId = user, Data = new Dictionary<string, System.Text.Json.JsonElement> { ["-size"] = default, [user] = default } };
                    var filled = new Dictionary<string, object?> { ["revenue"] = amount };
                    if (amount > 100m) filled["currency"] = "EURO"; else if (user.Length > 0) { filled["-size"] = 1; } else filled.TryAdd("revenue", -1m);
                    switch (id.Length)
                    {
                        case 0: filled["currency"] = "USD"; break;
                        case 1 when amount > 0: filled.Add("note", null); break;
                        default: break;
                    }

                    Tracker.Track("Order Completed", filled, user);
                }
            }
        }
        """;

    /// <summary>Top-level statements: local functions, lambdas, generics, dynamic, interpolated names, a method group.</summary>
    public const string TopLevel = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using EventContracts.Delivery;
        using Consumer;
        using Consumer.Contracts;

        const string Name = "Order Completed";
        const string Part = "Completed";
        string user = args.Length > 0 ? args[0] : "u";
        Tracker.Track(Name, new { revenue = 1.5m });
        Tracker.Track($"Order {Part}", null, user);
        Tracker.Track($"Order {user}", null, user);
        Tracker.Track(default!, default, default, default);
        Tracker.Track(name: "Signed Up", messageId: "m-1", userId: null);
        Tracker.Track(userId: user, name: "Cart Viewed", properties: new Dictionary<string, object> { ["size"] = 2 });
        dynamic d = user;
        Tracker.Track(d, d);
        Tracker.Track("Order Completed", (object)d);
        Action<string> send = n => Tracker.Track(n);
        Action<string, object?, string?, string?> group = Tracker.Track;
        group("Signed Up", null, null, null);
        Local("Order Completed");
        Generic<string>("Signed Up", "x");
        var names = new[] { "Order Completed", "Cart Viewed" }.Select(n => { Tracker.Track(n, userId: null); return n; }).ToList();
        Func<string> expr = () => { Tracker.Track("Message Sent", new { text = "hi" }); return ""; };
        Tracker.Track(user.Length > 3 ? "Signed Up" : "Cart Viewed", userId: "");
        Tracker.Track(nameof(SignedUp));
        Tracker.Track("cart viewed", new { size = 3 }, user);
        Tracker.Track(SignedUp.EventName, new Dictionary<string, object?> { ["plan"] = null }, "");

        void Local([EventName] string name) => Tracker.Track(name, new { revenue = "1" }, userId: "");

        static void Generic<T>([EventName] string name, T value) => Tracker.Track(name, new Dictionary<string, T> { ["value"] = value });
        """;

    /// <summary>A partial class (its other half is <see cref="ShopOtherHalf"/>), nullable disabled, #if regions, expression-bodied members.</summary>
    public const string Shop = """
        #nullable disable
        using System.Collections.Generic;
        using EventContracts.Delivery;

        namespace Consumer
        {
            public partial class Shop
            {
                private readonly Dictionary<string, object> _props = new() { ["revenue"] = 1m };

                public Shop() => Tracker.Track(ShopNames.Paid, new { revenue = 2 });

                ~Shop()
                {
                    Tracker.Track(ShopNames.Paid);
                }

                public event System.Action Changed
                {
                    add => Tracker.Track("Signed Up", userId: "");
                    remove { }
                }

                public string UserId { get; set; }

                public string Name => "Order Completed";

                public string this[int i]
                {
                    get
                    {
                        Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["bad key"] = i, ["ok"] = null });
                        return "";
                    }
                }

                public static Shop operator +(Shop a, Shop b)
                {
                    Tracker.Track("Order Completed", new { revenue = "x" }, b?.UserId, messageId: null);
                    return a;
                }

                public void Viewed() => Tracker.Track("Cart Viewed", new { size = 1 });

                public void Paid() => Tracker.Track("Order complete", new { revenue = 3m }, UserId);

                public void Completed() => Tracker.Track(Name, _props, UserId);

        #if DEBUG
                public void Debug() => Tracker.Track("Debug Event", null, null);
        #else
                public void Release() => Tracker.Track("Signed Up", userId: null);
        #endif

                partial void OnPaid(decimal amount);
            }
        }
        """;

    public const string ShopOtherHalf = """
        namespace Consumer
        {
            public partial class Shop
            {
                partial void OnPaid(decimal amount) => Tracker.Track(ShopNames.Paid, new { revenue = amount });
            }

            public static class ShopNames
            {
                public const string Paid = "Order Completed";
            }
        }
        """;
}
