using System.Threading.Tasks;
using EventContracts.CodeFixes;
using EventContracts.Generators.Analyzers;
using Xunit;
using Verify = EventContracts.Analyzers.Tests.AnalyzerVerifier<EventContracts.Generators.Analyzers.DeliveryAnalyzer>;

namespace EventContracts.Analyzers.Tests;

public sealed class DeliveryTests
{
    private static string Call(string statements) => $$"""
        using System;
        using EventContracts.Delivery;

        // Stand-ins for the generator's records, in its namespace (no RootNamespace in these tests).
        namespace EventContracts.Generated
        {
            public sealed partial record CourierRequest
            {
                public string MessageId { get; init; } = "";

                public string Event { get; init; } = "";
            }

            public sealed partial record CustomerIoBatchTrackEvent
            {
                public string? MessageId { get; init; }

                public string Event { get; init; } = "";
            }
        }

        namespace Consumer.Legacy
        {
            public class CourierRequest
            {
                public string? MessageId { get; set; }
            }
        }

        namespace Consumer
        {
            public sealed class Envelope
            {
                [MessageId]
                public string Id { get; set; } = "";

                public string Other { get; set; } = "";
            }

            public static class Program
            {
                private const string FixedId = "order-1";

                public static void Run(string user, string id)
                {
                    {{statements}}
                }
            }
        }
        """;

    [Fact]
    public Task Fresh_ids_and_real_users_are_not_reported()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Signed Up", userId: user, messageId: Guid.NewGuid().ToString());
            Tracker.Track("Message Sent", userId: null);
            Tracker.Track("Unknown Event", userId: null);
            Tracker.Identify(user);
            var request = new EventContracts.Generated.CourierRequest { MessageId = id, Event = "Message Sent" };
            var envelope = new Envelope { Id = id, Other = "constant is fine here" };
            var legacy = new Consumer.Legacy.CourierRequest { MessageId = "template-1" };
            """));

    [Fact]
    public Task EC5001_null_user_for_a_destination_that_requires_one()
        => Verify.VerifyAsync(
            Call("""Tracker.Track("Signed Up", userId: {|#0:null|});"""),
            expected: Verify.Diagnostic("EC5001").WithLocation(0).WithArguments("Track", "null", "Signed Up", "Userpilot (user_id)"));

    [Fact]
    public Task EC5001_empty_user_once_naming_every_requiring_destination()
        => Verify.VerifyAsync(
            Call("""Tracker.Track("Order Completed", userId: {|#0:""|}); Tracker.Track("Order Completed", userId: {|#1:string.Empty|});"""),
            expected: new[]
            {
                Verify.Diagnostic("EC5001").WithLocation(0).WithArguments("Track", "empty", "Order Completed", "CustomerIo (userId or anonymousId) and PushEngage (profile_id or device_token_hash)"),
                Verify.Diagnostic("EC5001").WithLocation(1).WithArguments("Track", "empty", "Order Completed", "CustomerIo (userId or anonymousId) and PushEngage (profile_id or device_token_hash)"),
            });

    [Fact]
    public Task EC5001_and_EC5002_at_each_constant_branch_of_a_conditional_or_coalesce()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Signed Up", userId: user.Length > 0 ? user : {|EC5001:null|});
            Tracker.Track("Signed Up", userId: user ?? {|EC5001:""|});
            Tracker.Track(user.Length > 0 ? "Signed Up" : "Message Sent", userId: {|EC5001:null|});
            Tracker.Track("Signed Up", userId: user, messageId: id ?? {|EC5002:"fallback"|});
            Tracker.Track("Signed Up", userId: user, messageId: id.Length > 0 ? id : {|EC5002:"fixed"|});
            Tracker.Track("Message Sent", userId: user.Length > 0 ? user : null);
            """));

    [Fact]
    public Task EC5002_constant_message_id_argument()
        => Verify.VerifyAsync(
            Call("""Tracker.Track("Signed Up", messageId: {|#0:"msg-1"|}); Tracker.Track("Signed Up", messageId: {|EC5002:FixedId|});"""),
            expected: Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("messageId", "\"msg-1\"", "the destination"));

    [Fact]
    public Task EC5002_constant_message_id_in_a_generated_request_and_a_marked_property()
        => Verify.VerifyAsync(Call("""
            var request = new EventContracts.Generated.CourierRequest { MessageId = {|#0:"fixed"|}, Event = "Message Sent" };
            var envelope = new Envelope { Id = {|EC5002:"fixed"|} };
            """),
            expected: Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("CourierRequest.MessageId", "\"fixed\"", "Courier"));

    [Fact]
    public Task EC5002_code_fix_writes_a_new_id_for_each_event_in_place_of_a_literal()
        => CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(
            Call("""
                Tracker.Track("Signed Up", messageId: {|EC5002:"msg-1"|});
                var request = new EventContracts.Generated.CourierRequest { MessageId = {|EC5002:"fixed"|}, Event = "Message Sent" };
                var envelope = new Envelope();
                envelope.Id ??= {|EC5002:@"fixed"|};
                Tracker.Track("Signed Up", messageId: {|EC5002:$"msg-2"|});
                """),
            Call("""
                Tracker.Track("Signed Up", messageId: Guid.NewGuid().ToString());
                var request = new EventContracts.Generated.CourierRequest { MessageId = Guid.NewGuid().ToString(), Event = "Message Sent" };
                var envelope = new Envelope();
                envelope.Id ??= Guid.NewGuid().ToString();
                Tracker.Track("Signed Up", messageId: Guid.NewGuid().ToString());
                """));

    [Fact]
    public Task EC5002_code_fix_qualifies_Guid_where_System_is_not_imported()
        => CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(
            """
            namespace Consumer
            {
                public static class Program
                {
                    public static void Run() => Tracker.Track("Signed Up", messageId: {|EC5002:"msg-1"|});
                }
            }
            """,
            """
            namespace Consumer
            {
                public static class Program
                {
                    public static void Run() => Tracker.Track("Signed Up", messageId: global::System.Guid.NewGuid().ToString());
                }
            }
            """);

    [Fact]
    public Task EC5002_code_fix_qualifies_Guid_where_a_member_named_Guid_hides_the_type()
        => CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(
            """
            using System;

            namespace Consumer
            {
                public sealed class Order
                {
                    public string Guid { get; set; } = "";

                    public void Send() => Tracker.Track("Signed Up", messageId: {|EC5002:"msg-1"|});
                }
            }
            """,
            """
            using System;

            namespace Consumer
            {
                public sealed class Order
                {
                    public string Guid { get; set; } = "";

                    public void Send() => Tracker.Track("Signed Up", messageId: global::System.Guid.NewGuid().ToString());
                }
            }
            """);

    [Fact]
    public async Task EC5002_a_constant_default_of_a_MessageId_parameter_is_reported_at_the_default_and_left_to_the_user()
    {
        // Every call that leaves the argument out sends the same id; a fix cannot write Guid.NewGuid() there (CS1736).
        const string source = """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public static class Mailer
                {
                    public static void Reset([MessageId] string? id = MARK) { }

                    public static void Welcome([MessageId] string? id = null, string? note = "not an id") { }
                }
            }
            """;
        await Verify.VerifyAsync(
            source.Replace("MARK", "{|#0:\"password-reset-mail\"|}", System.StringComparison.Ordinal),
            expected: Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("id", "\"password-reset-mail\"", "the destination"));
        string marked = source.Replace("MARK", "{|EC5002:\"password-reset-mail\"|}", System.StringComparison.Ordinal);
        await CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(marked, marked);
    }

    [Fact]
    public Task EC5002_the_default_of_an_override_or_implementation_of_a_marked_parameter_and_a_MessageId_property_initializer()
    {
        // new Impl().Track() and new Envelope() send these ids; only the interface and the base class say [MessageId].
        const string source = """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public interface ITrack
                {
                    void Track([MessageId] string? messageId = null);
                }

                public sealed class Impl : ITrack
                {
                    public void Track(string? messageId = {|#0:"always-the-same"|}) { }
                }

                public abstract class BaseTracker
                {
                    public abstract void Send([MessageId] string? messageId = null);
                }

                public sealed class Derived : BaseTracker
                {
                    public override void Send(string? messageId = {|#1:"same-id"|}) { }
                }

                public sealed class Envelope
                {
                    [MessageId]
                    public string Id { get; set; } = {|#2:"same-id-for-all"|};

                    public string Note { get; set; } = "not an id";
                }
            }
            """;
        return Verify.VerifyAsync(
            source,
            expected: new[]
            {
                Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("messageId", "\"always-the-same\"", "the destination"),
                Verify.Diagnostic("EC5002").WithLocation(1).WithArguments("messageId", "\"same-id\"", "the destination"),
                Verify.Diagnostic("EC5002").WithLocation(2).WithArguments("Id", "\"same-id-for-all\"", "the destination"),
            });
    }

    [Fact]
    public async Task EC5002_a_static_MessageId_property_or_a_record_s_MessageId_parameter_gets_no_fix_that_keeps_one_id()
    {
        // A static initializer runs once: Guid.NewGuid() there would still be one id for every event of the process.
        const string source = """
            namespace Consumer
            {
                public sealed class Defaults
                {
                    [EventContracts.Delivery.MessageId]
                    public static string Id { get; set; } = {|EC5002:"process-wide"|};
                }

                public sealed record Envelope([property: EventContracts.Delivery.MessageId] string Id = {|EC5002:"every-envelope"|}, string Note = "not an id");

                public sealed record Plain(string Id = "not marked");
            }
            """;
        await CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(source, source);
    }

    [Fact]
    public Task EC5002_code_fix_gives_a_MessageId_property_initializer_a_new_id()
        => CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(
            """
            namespace Consumer
            {
                public sealed class Envelope
                {
                    [EventContracts.Delivery.MessageId]
                    public string Id { get; set; } = {|EC5002:"same-id-for-all"|};
                }
            }
            """,
            """
            namespace Consumer
            {
                public sealed class Envelope
                {
                    [EventContracts.Delivery.MessageId]
                    public string Id { get; set; } = global::System.Guid.NewGuid().ToString();
                }
            }
            """);

    [Fact]
    public Task EC5002_code_fix_leaves_a_constant_declared_elsewhere_alone()
    {
        // FixedId may be meant (a fixture, a test id); the fix would have to change every use of it.
        string source = Call("""Tracker.Track("Signed Up", messageId: {|EC5002:FixedId|});""");
        return CodeFixVerifier<DeliveryAnalyzer, MessageIdCodeFixProvider>.VerifyAsync(source, source);
    }

    [Fact]
    public Task EC5002_constant_message_id_in_a_generated_batch_item()
        => Verify.VerifyAsync(
            Call("""
                var item = new EventContracts.Generated.CustomerIoBatchTrackEvent { Event = "x", MessageId = {|#0:"batch-fixed"|} };
                var again = item with { MessageId = {|EC5002:FixedId|} };
                """),
            expected: Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("CustomerIoBatchTrackEvent.MessageId", "\"batch-fixed\"", "CustomerIoBatch"));

    [Fact]
    public Task EC5002_constant_message_id_assigned_with_coalescing_and_in_a_deconstruction()
        => Verify.VerifyAsync(
            Call("""
                var request = new EventContracts.Generated.CourierRequest { Event = "Message Sent" };
                var envelope = new Envelope();
                envelope.Id ??= {|#0:"fixed"|};
                (envelope.Id, envelope.Other) = ({|EC5002:FixedId|}, "not an id");
                (envelope.Other, (envelope.Id, _)) = ("not an id", ({|EC5002:"nested"|}, 1));
                (envelope.Id, envelope.Other) = (id, "fresh ids are fine");
                (string a, string b) = ("local", "names");
                envelope.Other ??= "not an id";
                """),
            expected: Verify.Diagnostic("EC5002").WithLocation(0).WithArguments("Envelope.Id", "\"fixed\"", "the destination"));

    [Fact]
    public Task EC5001_and_EC5002_at_constructors_with_marked_parameters_and_an_omitted_user_at_the_called_name()
        => Verify.VerifyAsync("""
            namespace Consumer
            {
                using EventContracts.Delivery;

                public sealed record AnalyticsEvent([EventName] string Name, [UserId] string? UserId = null, [MessageId] string? MessageId = null);

                public static class Program
                {
                    public static void Run(string user)
                    {
                        var a = new AnalyticsEvent("Signed Up", {|EC5001:null|});
                        var b = new {|EC5001:AnalyticsEvent|}("Signed Up");
                        AnalyticsEvent c = new("Message Sent", user, {|EC5002:"fixed"|});
                        var d = new AnalyticsEvent("Signed Up", user);
                        {|EC5001:Send|}(
                            "Signed Up");
                        Program.{|EC5001:Send|}("Signed Up");
                    }

                    public static void Send([EventName] string name, [UserId] string? userId = null)
                    {
                    }
                }
            }
            """);

    [Fact]
    public Task The_packages_own_senders_check_message_ids_and_the_trackers_user_id()
        => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using EventContracts.Http;

            namespace EventContracts.Generated
            {
                // A stand-in for a generated plan-event record: its EventName constant names the event.
                public sealed class SignedUp : EventContracts.Delivery.ITrackedEvent
                {
                    public const string EventName = "Signed Up";

                    string EventContracts.Delivery.ITrackedEvent.EventName => EventName;

                    System.Collections.Generic.IReadOnlyList<string> EventContracts.Delivery.ITrackedEvent.Destinations => new[] { "Userpilot" };

                    void EventContracts.Delivery.ITrackedEvent.WriteProperties(System.Text.Json.Utf8JsonWriter writer) { }

                    EventContracts.ValidationResult EventContracts.Delivery.ITrackedEvent.Validate() => null!;

                    EventContracts.ValidationResult EventContracts.Delivery.ITrackedEvent.ValidatePropertiesJson(System.ReadOnlySpan<byte> utf8Json) => null!;
                }
            }

            namespace Consumer
            {
                using EventContracts.Generated;

                public static class Program
                {
                    public static async Task Run(IEventTracker tracker, EventTracker concrete, EventSender sender, EventContracts.Delivery.ITrackedEvent untyped, string user, string id)
                    {
                        await tracker.TrackAsync(new SignedUp(), {|#0:null|}, {|#1:"fixed-1"|});
                        await concrete.TrackAsync(new SignedUp(), {|EC5001:""|}, id);
                        await sender.SendAsync(new SignedUp(), user, {|EC5002:"fixed-2"|});
                        await tracker.TrackAsync(new SignedUp(), user, id);
                        await tracker.TrackAsync(untyped, null, id);
                        _ = new BatchItem(new SignedUp(), user, {|EC5002:"fixed-3"|});
                        _ = new BatchItem(new SignedUp(), user, id);
                        var item = new BatchItem(new SignedUp(), user, id);
                        _ = item with { MessageId = {|EC5002:"fixed-4"|} };
                        _ = item with { UserId = "a constant user is fine" };
                        _ = new BatchItem(new SignedUp(), user) { MessageId = {|EC5002:"fixed-5"|} };
                    }
                }
            }
            """,
            expected: new[]
            {
                Verify.Diagnostic("EC5001").WithLocation(0).WithArguments("TrackAsync", "null", "Signed Up", "Userpilot (user_id)"),
                Verify.Diagnostic("EC5002").WithLocation(1).WithArguments("messageId", "\"fixed-1\"", "the destination"),
            });
}
