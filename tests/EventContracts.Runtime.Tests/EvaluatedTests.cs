using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// The <c>unevaluatedProperties</c>/<c>unevaluatedItems</c> bookkeeping of <see cref="ValidationContext"/>, called as
/// generated validators call it: a scope per value, marks per member, forgotten in a failed probe.
/// </summary>
public class EvaluatedTests
{
    private static readonly byte[] Document = """{"a":1,"b":{"a":2,"c":3},"c":[10,20,30]}""".ToUtf8();

    [Fact]
    public void Names_marked_in_the_scope_are_evaluated_and_a_nested_objects_names_are_not_its_parents()
    {
        // The root's walk marks "a"; the nested object's walk marks all its names, "a" and "c" (one level deeper).
        var ctx = new ValidationContext(Document);
        try
        {
            var reader = new Utf8JsonReader(Document);
            reader.Read();
            var start = reader;
            int scope = ctx.BeginEvaluated();
            WalkObject(ref reader, ref ctx, nested: false);
            Assert.Equal(1, CountEvaluated(ref start, ref ctx, scope));
            Assert.Equal("a", Evaluated(ref start, ref ctx, scope));
            ctx.EndEvaluated(scope);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void Marks_made_in_a_failed_probe_are_forgotten_and_in_a_passed_one_kept()
    {
        var ctx = new ValidationContext(Document);
        try
        {
            var reader = new Utf8JsonReader(Document);
            reader.Read();
            int scope = ctx.BeginEvaluated();

            int failed = ctx.BeginProbe();
            MarkNames(ref reader, ref ctx, "a");
            ctx.AddError("type", "the branch fails");
            Assert.False(ctx.EndProbe(failed));

            int passed = ctx.BeginProbe();
            MarkNames(ref reader, ref ctx, "b");
            Assert.True(ctx.EndProbe(passed));

            Assert.Equal("b", Evaluated(ref reader, ref ctx, scope));
            ctx.EndEvaluated(scope);
            Assert.False(ctx.HasErrors);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void An_inner_scope_about_the_same_value_leaves_its_marks_to_the_outer_one()
    {
        var ctx = new ValidationContext(Document);
        try
        {
            var reader = new Utf8JsonReader(Document);
            reader.Read();
            int outer = ctx.BeginEvaluated();
            int inner = ctx.BeginEvaluated();
            MarkNames(ref reader, ref ctx, "a");
            Assert.Equal("a", Evaluated(ref reader, ref ctx, inner));
            ctx.MarkAllEvaluated();
            ctx.EndEvaluated(inner);
            Assert.Equal("a b c", Evaluated(ref reader, ref ctx, outer));
            ctx.EndEvaluated(outer);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void Items_are_marked_by_index_and_all_at_once()
    {
        var ctx = new ValidationContext(Document);
        try
        {
            ctx.PushProperty("c");
            int scope = ctx.BeginEvaluated();
            ctx.MarkEvaluatedItem(1);
            Assert.False(ctx.IsItemEvaluated(scope, 0));
            Assert.True(ctx.IsItemEvaluated(scope, 1));
            ctx.PushIndex(1);
            ctx.MarkEvaluatedItem(0); // item 0 of the item's own array: not this array's
            ctx.Pop();
            Assert.False(ctx.IsItemEvaluated(scope, 0));
            ctx.MarkAllEvaluated();
            Assert.True(ctx.IsItemEvaluated(scope, 2));
            ctx.EndEvaluated(scope);
            ctx.PushIndex(0);
            ctx.ReportUnevaluatedItem();
            ctx.Pop();
            ctx.Pop();
            var error = Assert.Single(ctx.ToResult().Errors);
            Assert.Equal(("/c/0", "unevaluatedItems"), (error.Path, error.Keyword));
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void Valid_input_allocates_nothing_once_warm()
    {
        Assert.Equal(1, Run());
        Run();
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        int evaluated = 0;
        for (int i = 0; i < 20; i++)
        {
            evaluated += Run();
        }

        Assert.Equal(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20, evaluated);

        static int Run()
        {
            var ctx = new ValidationContext(Document);
            try
            {
                var reader = new Utf8JsonReader(Document);
                reader.Read();
                var start = reader;
                int scope = ctx.BeginEvaluated();
                int probe = ctx.BeginProbe();
                var copy = reader;
                WalkObject(ref copy, ref ctx, nested: false);
                ctx.AddError("type", "the branch fails");
                ctx.EndProbe(probe);
                WalkObject(ref reader, ref ctx, nested: false);
                int count = CountEvaluated(ref start, ref ctx, scope);
                ctx.EndEvaluated(scope);
                return count;
            }
            finally
            {
                ctx.Dispose();
            }
        }
    }

    /// <summary>Walks an object as a validator does: the root's "a" is marked, and every name of a nested object.</summary>
    private static void WalkObject(ref Utf8JsonReader reader, ref ValidationContext ctx, bool nested)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ctx.PushProperty(ref reader);
            if (nested || reader.ValueTextEquals("a"u8))
            {
                ctx.MarkEvaluated();
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                WalkObject(ref reader, ref ctx, nested: true);
            }
            else
            {
                reader.Skip();
            }

            ctx.Pop();
        }
    }

    private static int CountEvaluated(ref Utf8JsonReader start, ref ValidationContext ctx, int scope)
    {
        var reader = start;
        int count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ctx.PushProperty(ref reader);
            if (ctx.IsEvaluated(scope))
            {
                count++;
            }

            reader.Read();
            reader.Skip();
            ctx.Pop();
        }

        return count;
    }

    private static void MarkNames(ref Utf8JsonReader start, ref ValidationContext ctx, string name)
    {
        var reader = start;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ctx.PushProperty(ref reader);
            if (reader.ValueTextEquals(name))
            {
                ctx.MarkEvaluated();
            }

            reader.Read();
            reader.Skip();
            ctx.Pop();
        }
    }

    private static string Evaluated(ref Utf8JsonReader start, ref ValidationContext ctx, int scope)
    {
        var reader = start;
        var names = new System.Collections.Generic.List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ctx.PushProperty(ref reader);
            if (ctx.IsEvaluated(scope))
            {
                names.Add(reader.GetString()!);
            }

            reader.Read();
            reader.Skip();
            ctx.Pop();
        }

        return string.Join(" ", names);
    }
}
