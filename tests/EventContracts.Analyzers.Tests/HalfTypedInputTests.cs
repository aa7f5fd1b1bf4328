using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Generators.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace EventContracts.Analyzers.Tests;

/// <summary>What an editor holds while the user types: cases the analyzer fuzz test and the IDE-typical trials found.</summary>
public sealed class HalfTypedInputTests
{
    private const string Calls = """
        namespace Consumer
        {
            public static class Program
            {
                public static void Run()
                {
                    Tracker.Track("Order Completed");
                    Tracker.Track("Cart Viewed");
                    Tracker.Track("Signed Up");
                }
            }
        }
        """;

    /// <summary>
    /// A plan the user is half-way through editing does not parse (the generator reports EC1001 on it): the analyzers
    /// cannot tell which names it has, so they report no name as unknown, instead of an EC2004 "the plan has no events"
    /// at every tracking call of the project until the YAML parses again.
    /// </summary>
    [Theory]
    [InlineData("events: [ {")]
    [InlineData("events:\n  - name: Order Completed\n    destinations: [CustomerIo, Push")]
    [InlineData("events:\n  - name: Order Completed\n    destinations: [CustomerIo]\n  - name: \"Cart Viewed\n")]
    public Task An_unparsable_plan_reports_no_name_as_unknown(string plan)
        => VerifyWithPlanAsync<EventNameAnalyzer>(Calls, plan);

    /// <summary>A plan that parses and has no events yet still makes every name unknown (the user has a plan; nothing is in it).</summary>
    [Fact]
    public Task A_parsed_plan_without_events_still_reports_unknown_names()
        => VerifyWithPlanAsync<EventNameAnalyzer>(
            """
            namespace Consumer
            {
                public static class Program
                {
                    public static void Run() => Tracker.Track({|#0:"Order Completed"|});
                }
            }
            """,
            "events: []\n",
            AnalyzerVerifier<EventNameAnalyzer>.Diagnostic("EC2004").WithLocation(0).WithArguments("Order Completed", "; the plan has no events"),
            // The test Tracker's Identify defaults its [EventName] parameter to "Signed Up", which this plan lacks too.
            AnalyzerVerifier<EventNameAnalyzer>.Diagnostic("EC2004").WithSpan("/0/Test1.cs", 11, 88, 11, 99).WithArguments("Signed Up", "; the plan has no events"));

    /// <summary>
    /// A string literal whose closing quote is not typed yet runs to the end of the line: its value is the rest of the line
    /// (<c>Cart Viewed);</c>), not a name. No analyzer judges it (the compiler reports CS1010), so no EC2004 suggests
    /// 'Cart Viewed' for it, whose fix would replace the whole literal and delete the <c>);</c> typed after the name.
    /// </summary>
    [Fact]
    public Task An_unterminated_literal_is_not_a_name()
        => VerifyBrokenAsync<EventNameAnalyzer>("""
            namespace Consumer
            {
                public static class Program
                {
                    public static void Name()
                    {
                        Tracker.Track("Cart Viewed);
                    }

                    public static void Named()
                    {
                        Tracker.Track(name: "Order Complete
                    }
                }
            }
            """);

    [Fact]
    public Task An_unterminated_user_id_or_message_id_is_not_a_constant()
        => VerifyBrokenAsync<DeliveryAnalyzer>("""
            namespace Consumer
            {
                public static class Program
                {
                    public static void User()
                    {
                        Tracker.Track("Signed Up", userId: ");
                    }

                    public static void Message()
                    {
                        Tracker.Track("Signed Up", userId: "user-1", messageId: "fixed);
                    }
                }
            }
            """);

    private static Task VerifyBrokenAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Project.Net100,
            TestState = { Sources = { source, Project.Tracker } },
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        Project.Configure(test.TestState, Project.Files(), "title_case");
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyWithPlanAsync<TAnalyzer>(string source, string plan, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Project.Net100,
            TestState = { Sources = { source, Project.Tracker } },
        };
        var files = Project.Files(withPlan: false).Append(new ContractFile(Project.Directory + "tracking-plan.yaml", plan, "TrackingPlan"));
        Project.Configure(test.TestState, files, style: null);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
