using System;
using System.Collections.Generic;
using System.Linq;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// <c>ValidationContext.CheckProperty</c> is a record member's typed check when its only keywords are string keywords on a
/// string or number keywords on a <c>long</c>/<c>decimal</c>; generated code calls it where it used to spell out the test,
/// the path segment and the report. Each case compares it with that spelled-out form: the same errors at the same paths.
/// </summary>
public class PropertyCheckTests
{
    private static readonly string?[] s_strings = { null, string.Empty, "ab", "abcdef", "ABC", "2026-12-06", "🐲🐲" };

    private static readonly StringRule[] s_stringRules =
    {
        new(2, 5, null, null), new(null, null, "^[A-Z]{3}$", null), new(null, 64, null, "date"),
    };

    private static readonly decimal?[] s_numbers = { null, -3m, 0m, 2.5m, 10m, 70m, 100m, 1e20m };

    private static readonly NumberRule[] s_numberRules =
    {
        new(0m, 10m, null, null, null), new(null, null, null, 100m, 5m),
    };

    private static readonly JsonTypes[] s_nullTypes = { JsonTypes.String, JsonTypes.String | JsonTypes.Null };

    private delegate void Check(ref ValidationContext context);

    [Fact]
    public void A_string_member_is_reported_under_its_name_only_when_a_keyword_fails()
    {
        foreach (string? value in s_strings)
        {
            foreach (StringRule rule in s_stringRules)
            {
                Same((ref c) => c.CheckProperty("name", value, rule), (ref c) => SpelledString(ref c, value, rule, null), value + " " + rule);
                foreach (JsonTypes types in s_nullTypes)
                {
                    Same((ref c) => c.CheckProperty("name", value, rule, types), (ref c) => SpelledString(ref c, value, rule, types), value + " " + rule + " " + types);
                }
            }
        }
    }

    [Fact]
    public void A_number_member_is_reported_under_its_name_only_when_a_keyword_fails()
    {
        foreach (decimal? value in s_numbers)
        {
            foreach (NumberRule rule in s_numberRules)
            {
                Same((ref c) => c.CheckProperty("n", value, rule), (ref c) => SpelledNumber(ref c, value, rule), value + " " + rule);
                if (value is { } number)
                {
                    Same((ref c) => c.CheckProperty("n", number, rule), (ref c) => SpelledNumber(ref c, number, rule), number + " " + rule);
                    if (decimal.Truncate(number) == number && Math.Abs(number) <= long.MaxValue)
                    {
                        long integer = (long)number;
                        Same((ref c) => c.CheckProperty("n", integer, rule), (ref c) => SpelledNumber(ref c, integer, rule), integer + " " + rule);
                        Same((ref c) => c.CheckProperty("n", (long?)integer, rule), (ref c) => SpelledNumber(ref c, integer, rule), integer + "? " + rule);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_null_required_string_is_checked_against_type()
    {
        Outcome refused = Run.Model((ref c) =>
        {
            c.CheckProperty("name", null, new StringRule(null, 3, null, null), JsonTypes.String);
            return c.ErrorCount == 0;
        });
        Assert.Equal("/name", refused.Single.Path);
        Assert.Equal("type", refused.Single.Keyword);

        Assert.True(Run.Model((ref c) =>
        {
            c.CheckProperty("name", null, new StringRule(null, 3, null, null), JsonTypes.String | JsonTypes.Null);
            return c.ErrorCount == 0;
        }).Passed);
    }

    private static void SpelledString(ref ValidationContext context, string? value, StringRule rule, JsonTypes? nullTypes)
    {
        if (value is { } text)
        {
            if (!rule.Passes(text))
            {
                context.PushProperty("name");
                context.CheckString(text, rule);
                context.Pop();
            }
        }
        else if (nullTypes is { } types)
        {
            context.PushProperty("name");
            context.CheckNull(types);
            context.Pop();
        }
    }

    private static void SpelledNumber(ref ValidationContext context, decimal? value, NumberRule rule)
    {
        if (value is { } number && !rule.Passes(number))
        {
            context.PushProperty("n");
            context.CheckNumber(number, rule);
            context.Pop();
        }
    }

    private static void SpelledNumber(ref ValidationContext context, long value, NumberRule rule)
    {
        if (!rule.Passes(value))
        {
            context.PushProperty("n");
            context.CheckNumber(value, rule);
            context.Pop();
        }
    }

    private static void Same(Check actual, Check expected, string what)
    {
        string[] a = Errors(actual);
        string[] e = Errors(expected);
        Assert.True(e.SequenceEqual(a), what + ": expected [" + string.Join("; ", e) + "], got [" + string.Join("; ", a) + "]");
    }

    private static string[] Errors(Check check)
    {
        var context = new ValidationContext(default);
        try
        {
            check(ref context);
            var errors = new List<string>();
            foreach (ValidationError error in context.ToResult().Errors)
            {
                errors.Add(error.Path + " " + error.Keyword + " " + error.Message);
            }

            return errors.ToArray();
        }
        finally
        {
            context.Dispose();
        }
    }
}
