using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class ProbeTests
{
    private static readonly StringRule Short = new(null, 3, null, null);
    private static readonly NumberRule Positive = new(null, null, 0m, null, null);

    [Fact]
    public void Errors_inside_a_probe_are_counted_not_recorded()
    {
        Outcome outcome = Run.Model((ref c) =>
        {
            int token = c.BeginProbe();
            Assert.True(c.IsProbing);
            c.AddError("type", "ignored");
            Assert.False(c.HasErrors);
            Assert.False(c.EndProbe(token));
            Assert.False(c.IsProbing);

            token = c.BeginProbe();
            c.CheckString("ok", Short);
            Assert.True(c.EndProbe(token));
            return !c.HasErrors;
        });
        Assert.True(outcome.Passed);
    }

    [Fact]
    public void A_failed_inner_alternative_does_not_fail_the_outer_probe()
    {
        // oneOf [ anyOf [ too-long string, short string ] ]: the anyOf matches through its second alternative.
        Outcome outcome = Run.Model((ref c) =>
        {
            int outer = c.BeginProbe();
            int first = c.BeginProbe();
            c.CheckString("long value", Short);
            bool firstMatched = c.EndProbe(first);
            int second = c.BeginProbe();
            c.CheckString("ok", Short);
            bool secondMatched = c.EndProbe(second);
            Assert.False(firstMatched);
            Assert.True(secondMatched);
            if (!firstMatched && !secondMatched)
            {
                c.ReportCombinator("anyOf", 0);
            }

            return c.EndProbe(outer);
        });
        Assert.True(outcome.Passed);
    }

    [Fact]
    public void A_failed_inner_combinator_fails_the_outer_probe()
    {
        Outcome outcome = Run.Model((ref c) =>
        {
            int outer = c.BeginProbe();
            int inner = c.BeginProbe();
            c.CheckNumber(-1m, Positive);
            if (!c.EndProbe(inner))
            {
                c.ReportCombinator("anyOf", 0);
            }

            bool outerMatched = c.EndProbe(outer);
            Assert.False(outerMatched);
            Assert.False(c.HasErrors);
            c.ReportCombinator("oneOf", 0);
            return false;
        });
        Assert.Equal("oneOf", outcome.Single.Keyword);
        Assert.Equal("value matches none of the oneOf alternatives", outcome.Single.Message);
    }

    [Fact]
    public void OneOf_in_json_mode_with_reader_copies()
    {
        var oneOfMessages = Run.Json("5", (ref r, ref c) =>
        {
            int matched = 0;
            Utf8JsonReader copy = r;
            int token = c.BeginProbe();
            c.CheckType(ref copy, JsonTypes.Integer);
            matched += c.EndProbe(token) ? 1 : 0;
            copy = r;
            token = c.BeginProbe();
            c.CheckNumber(ref copy, Positive);
            matched += c.EndProbe(token) ? 1 : 0;
            if (matched != 1)
            {
                c.ReportCombinator("oneOf", matched);
                return false;
            }

            return true;
        });
        Assert.Equal("oneOf", oneOfMessages.Single.Keyword);
        Assert.Equal("value matches 2 oneOf alternatives; exactly one must match", oneOfMessages.Single.Message);
    }

    [Fact]
    public void Merge_inside_a_probe_only_counts()
    {
        var nested = new ValidationResult(new[] { new ValidationError("", "type", "x") });
        Assert.True(Run.Model((ref c) =>
        {
            int token = c.BeginProbe();
            c.Merge(nested);
            return !c.EndProbe(token) && !c.HasErrors;
        }).Passed);
    }

    [Fact]
    public void EndProbe_without_BeginProbe_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Run.Model((ref c) => c.EndProbe(0)));
    }

    [Fact]
    public void Combinator_messages()
    {
        Assert.Equal("value matches none of the anyOf alternatives", Run.Model((ref c) => { c.ReportCombinator("anyOf", 0); return false; }).Single.Message);
        Outcome allOf = Run.Model((ref c) => { c.ReportCombinator("allOf", 1); return false; });
        Assert.Equal("allOf", allOf.Single.Keyword);
        Assert.Contains("allOf", allOf.Single.Message);
    }
}
