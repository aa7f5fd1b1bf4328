using System.Linq;
using System.Threading.Tasks;
using EventContracts.CodeFixes;
using EventContracts.Generators.Analyzers;
using Xunit;
using Verify = EventContracts.Analyzers.Tests.AnalyzerVerifier<EventContracts.Generators.Analyzers.EventNameAnalyzer>;

namespace EventContracts.Analyzers.Tests;

public sealed class EventNameTests
{
    private static string Call(string arguments) => $$"""
        namespace Consumer
        {
            public static class Program
            {
                private const string Known = "Cart Viewed";

                public static void Run(string dynamicName)
                {
                    {{arguments}}
                }
            }
        }
        """;

    [Fact]
    public Task Known_names_constants_and_non_constant_names_are_not_reported()
        => Verify.VerifyAsync(Call("Tracker.Track(\"Order Completed\"); Tracker.Track(Known); Tracker.Track(dynamicName); Tracker.Track(name: \"Signed Up\");"));

    [Fact]
    public Task Each_constant_branch_of_a_conditional_a_switch_expression_or_a_coalesce_is_checked_where_it_is_written()
        => Verify.VerifyAsync(Call("""
            Tracker.Track(dynamicName.Length > 3 ? "Order Completed" : {|EC2004:"Order Complete"|});
            Tracker.Track(dynamicName switch { "a" => {|EC2004:"Sined Up"|}, "b" => Known, _ => dynamicName });
            Tracker.Track(dynamicName ?? {|EC2004:"Card Viewed"|});
            Tracker.Track(dynamicName.Length > 3 ? {|EC2001:null|} : dynamicName.Length > 1 ? "Signed Up" : {|EC2001:""|});
            Tracker.Track(true ? "Signed Up" : "Never Sent");
            """));

    [Fact]
    public Task EC2004_code_fix_rewrites_the_branch_it_is_reported_on()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("""Tracker.Track(dynamicName.Length > 3 ? "Order Completed" : {|EC2004:"Order Complete"|});"""),
            Call("""Tracker.Track(dynamicName.Length > 3 ? "Order Completed" : "Order Completed");"""));

    [Fact]
    public Task EC2001_empty_event_name()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"\"|});"),
            expected: Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("Track", "empty"));

    [Fact]
    public Task EC2001_string_Empty_is_an_empty_event_name()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:string.Empty|}); Tracker.Track({|#1:System.String.Empty|});"),
            expected: new[]
            {
                Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("Track", "empty"),
                Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(1).WithArguments("Track", "empty"),
            });

    [Fact]
    public Task EC2001_null_event_name()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:null|}!);"),
            expected: Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("Track", "null"));

    [Fact]
    public Task EC2001_whitespace_event_name()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"  \"|});"),
            expected: Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("Track", "only whitespace"));

    [Fact]
    public Task EC2004_unknown_name_suggests_the_nearest()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"Order Complete\"|});"),
            expected: Verify.Diagnostic("EC2004").WithLocation(0).WithArguments("Order Complete", "; did you mean 'Order Completed'?"));

    [Fact]
    public Task EC2004_unknown_name_without_a_close_match_lists_known_events()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"Subscription Renewed\"|});"),
            expected: Verify.Diagnostic("EC2004").WithLocation(0).WithArguments("Subscription Renewed", "; known events: 'A Very Long Event Name That Goes On And On Past What PushEngage Accepts', 'Cart Viewed', 'Message Sent', 'Order Completed', 'PushEngage.Reserved' and 1 more"));

    [Fact]
    public Task EC2004_is_not_reported_without_a_tracking_plan()
        => Verify.VerifyAsync(Call("Tracker.Track(\"Anything Happened\");"), withPlan: false);

    [Fact]
    public Task EC2005_name_not_in_the_configured_style()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"video_started\"|});"),
            style: "title_case",
            withPlan: false,
            expected: Verify.Diagnostic("EC2005").WithLocation(0).WithArguments("video_started", "title_case", "Video Started"));

    [Fact]
    public Task EC2005_not_reported_for_a_styled_name()
        => Verify.VerifyAsync(Call("Tracker.Track(\"Video Started\");"), style: "title_case", withPlan: false);

    [Fact]
    public Task EC2005_not_reported_for_a_name_defined_by_the_plan()
        => Verify.VerifyAsync(Call("Tracker.Track(\"Order Completed\");"), style: "snake_case");

    [Fact]
    public Task EC2005_with_a_plan_only_when_the_styled_name_is_a_planned_event()
        => Verify.VerifyAsync(
            Call("""Tracker.Track({|#0:"video_started"|}); Tracker.Track({|EC2004:{|EC2005:"cart_viewed"|}|});"""),
            style: "title_case",
            expected: Verify.Diagnostic("EC2004").WithLocation(0).WithArguments("video_started", "; known events: 'A Very Long Event Name That Goes On And On Past What PushEngage Accepts', 'Cart Viewed', 'Message Sent', 'Order Completed', 'PushEngage.Reserved' and 1 more"));

    [Fact]
    public Task EC2002_name_too_long_for_a_destination_of_the_event()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"A Very Long Event Name That Goes On And On Past What PushEngage Accepts\"|});"),
            expected: Verify.Diagnostic("EC2002").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("A Very Long Event Name That Goes On And On Past What PushEngage Accepts", "71", "PushEngage", "64"));

    [Fact]
    public Task EC2003_name_rejected_by_a_destination_pattern()
        => Verify.VerifyAsync(
            Call("Tracker.Track({|#0:\"PushEngage.Reserved\"|});"),
            expected: Verify.Diagnostic("EC2003").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("PushEngage.Reserved", "PushEngage", @"pattern ^(?!PushEngage\.)"));

    [Fact]
    public Task EC2004_through_a_class_that_implements_a_marked_interface_method()
        => Verify.VerifyAsync("""
            namespace Consumer
            {
                using EventContracts.Delivery;

                public interface ITracker
                {
                    void Track([EventName] string eventName);
                }

                public interface IGenericTracker<T>
                {
                    void Track([EventName] string eventName, T value);
                }

                public sealed class ImplicitTracker : ITracker, IGenericTracker<int>
                {
                    public void Track(string eventName) { }

                    public void Track(string eventName, int value) { }
                }

                public static class Program
                {
                    public static void Run(ImplicitTracker tracker)
                    {
                        tracker.Track({|EC2004:"Order Complted"|});
                        tracker.Track({|EC2004:"Cart Viwed"|}, 1);
                        ((ITracker)tracker).Track({|EC2004:"Signed Upp"|});
                    }
                }
            }
            """);

    [Fact]
    public Task Constructors_and_record_primary_constructors_with_marked_parameters_are_checked()
        => Verify.VerifyAsync("""
            namespace Consumer
            {
                using EventContracts.Delivery;

                public sealed record AnalyticsEvent([EventName] string Name, [EventProperties] object? Properties = null);

                public sealed class TrackCall
                {
                    public TrackCall([EventName] string name) { }
                }

                public static class Program
                {
                    public static void Run()
                    {
                        var a = new AnalyticsEvent({|EC2004:"Order Complted"|});
                        var b = new TrackCall({|#0:""|});
                        TrackCall c = new({|EC2004:"Cart Viwed"|});
                        var d = new AnalyticsEvent("Signed Up");
                    }
                }
            }
            """,
            expected: Verify.Diagnostic("EC2001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("TrackCall", "empty"));

    [Fact]
    public Task EC2004_code_fix_uses_the_suggestion()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("Tracker.Track({|EC2004:\"Order Complete\"|});"),
            Call("Tracker.Track(\"Order Completed\");"));

    [Fact]
    public Task An_EventName_parameter_s_constant_default_is_checked_at_the_default_and_the_fix_rewrites_it()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public static class Mailer
                {
                    public static void Completed([EventName] string name = {|EC2004:"Order Complete"|}) => Tracker.Track(name);

                    public static void Viewed([EventName] string name = "Cart Viewed", string note = "Order Complete") => Tracker.Track(name);

                    public static void Any([EventName] string? name = null) => Tracker.Track(name ?? "Signed Up");
                }
            }
            """,
            """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public static class Mailer
                {
                    public static void Completed([EventName] string name = "Order Completed") => Tracker.Track(name);

                    public static void Viewed([EventName] string name = "Cart Viewed", string note = "Order Complete") => Tracker.Track(name);

                    public static void Any([EventName] string? name = null) => Tracker.Track(name ?? "Signed Up");
                }
            }
            """);

    [Fact]
    public Task The_default_of_an_override_or_implementation_of_an_EventName_parameter_is_checked_and_fixed()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public interface ITrack
                {
                    void Track([EventName] string name);
                }

                public sealed class Impl : ITrack
                {
                    public void Track(string name = {|EC2004:"Order Complete"|}) => Tracker.Track(name);
                }

                public abstract class BaseTracker
                {
                    public abstract void Send([EventName] string name);
                }

                public sealed class Derived : BaseTracker
                {
                    public override void Send(string name = {|EC2004:"Order Complete"|}) => Tracker.Track(name);

                    public void Other(string name = "Order Complete") { }
                }
            }
            """,
            """
            using EventContracts.Delivery;

            namespace Consumer
            {
                public interface ITrack
                {
                    void Track([EventName] string name);
                }

                public sealed class Impl : ITrack
                {
                    public void Track(string name = "Order Completed") => Tracker.Track(name);
                }

                public abstract class BaseTracker
                {
                    public abstract void Send([EventName] string name);
                }

                public sealed class Derived : BaseTracker
                {
                    public override void Send(string name = "Order Completed") => Tracker.Track(name);

                    public void Other(string name = "Order Complete") { }
                }
            }
            """);

    [Fact]
    public Task EC2005_code_fix_rewrites_the_name_in_style()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("Tracker.Track({|EC2004:{|EC2005:\"order_completed\"|}|});"),
            Call("Tracker.Track(\"Order Completed\");"),
            style: "title_case");

    [Fact]
    public Task EC2004_fix_all_writes_each_diagnostics_own_suggestion()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("""Tracker.Track({|EC2004:"Order Complted"|}); Tracker.Track({|EC2004:"Cart Viwed"|}); Tracker.Track({|EC2004:"Signed Upp"|}); Tracker.Track({|EC2004:"order completed"|});"""),
            Call("""Tracker.Track("Order Completed"); Tracker.Track("Cart Viewed"); Tracker.Track("Signed Up"); Tracker.Track("Order Completed");"""));

    [Fact]
    public Task EC2005_fix_all_writes_each_diagnostics_own_styled_name()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("""Tracker.Track({|EC2005:"Order Completed"|}); Tracker.Track({|EC2005:"Cart_Viewed"|}); Tracker.Track({|EC2005:@"SignedUp"|}); Tracker.Track("video_started");"""),
            Call("""Tracker.Track("order_completed"); Tracker.Track("cart_viewed"); Tracker.Track(@"signed_up"); Tracker.Track("video_started");"""),
            style: "snake_case",
            withPlan: false);

    [Fact]
    public Task EC2004_code_fix_keeps_a_verbatim_or_single_line_raw_literal_as_it_was_written_and_rewrites_a_constant_interpolated_string()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call(""""""
                Tracker.Track({|EC2004:@"Order Complete"|});
                Tracker.Track({|EC2004:"""Cart Viwed"""|});
                Tracker.Track({|EC2004:""""Signed Upp""""|});
                Tracker.Track({|EC2004:"""
                    Message Snt
                    """|});
                Tracker.Track({|EC2004:$"Order Complete"|});
                """"""),
            Call(""""""
                Tracker.Track(@"Order Completed");
                Tracker.Track("""Cart Viewed""");
                Tracker.Track(""""Signed Up"""");
                Tracker.Track("Message Sent");
                Tracker.Track("Order Completed");
                """"""));

    [Fact]
    public Task EC2004_suggests_a_name_without_its_accents_or_in_another_normalization_form_and_says_which()
    {
        // The plan was saved decomposed (NFD); the code is typed composed, or without accents.
        var files = Project.Files(withPlan: false).Append(new ContractFile(
            Project.Directory + "tracking-plan.yaml",
            "events:\n  - name: \"Gro\u0308ße Gea\u0308ndert\"\n    destinations: [Courier]\n  - name: Ürün Eklendi\n    destinations: [Courier]\n  - name: Signed Up\n    destinations: [Courier]\n",
            "TrackingPlan"));
        return Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track({|#0:"Größe Geändert"|}); Tracker.Track({|#1:"Urun Eklendi"|}); Tracker.Track("Ürün Eklendi");"""),
            files,
            Verify.Diagnostic("EC2004").WithLocation(0).WithArguments("Größe Geändert", "; did you mean 'Gro\u0308ße Gea\u0308ndert'? It looks the same, but its letters are other Unicode code points (composed or decomposed accents), which a destination takes for another event"),
            Verify.Diagnostic("EC2004").WithLocation(1).WithArguments("Urun Eklendi", "; did you mean 'Ürün Eklendi'?"));
    }

    [Fact]
    public Task EC2007_a_spaced_name_of_a_planned_event_is_reported_instead_of_EC2004_and_fixed_by_trimming()
        => CodeFixVerifier<EventNameAnalyzer, EventNameCodeFixProvider>.VerifyAsync(
            Call("""Tracker.Track({|EC2007:" Order Completed"|}); Tracker.Track({|EC2007:"Cart Viewed\t"|}); Tracker.Track("Signed Up");"""),
            Call("""Tracker.Track("Order Completed"); Tracker.Track("Cart Viewed"); Tracker.Track("Signed Up");"""));

    [Fact]
    public Task EC2007_a_spaced_unknown_name_gets_both_diagnostics()
        => Verify.VerifyAsync(
            Call("""Tracker.Track({|#0:"Order Shipped "|});"""),
            expected: new[]
            {
                Verify.Diagnostic("EC2007").WithLocation(0).WithArguments("Order Shipped ", "Order Shipped"),
                Verify.Diagnostic("EC2004").WithLocation(0).WithArguments("Order Shipped ", "; known events: 'A Very Long Event Name That Goes On And On Past What PushEngage Accepts', 'Cart Viewed', 'Message Sent', 'Order Completed', 'PushEngage.Reserved' and 1 more"),
            });
}
