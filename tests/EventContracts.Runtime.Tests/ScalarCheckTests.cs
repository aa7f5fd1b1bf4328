using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// <c>ValidationContext.CheckValue</c> is the whole validator of a schema that asks only for <c>type</c> and the string or
/// number keywords; generated code calls it where it used to spell the type check, a switch on the token and a skip.
/// Each case compares it with that spelled-out form: the same errors, and the reader left on the same token.
/// </summary>
public class ScalarCheckTests
{
    private static readonly string[] s_values =
    {
        "null", "true", "false", "0", "-3", "2.5", "1e2", "70", "\"\"", "\"ab\"", "\"abcdef\"", "\"ABC\"", "\"2026-12-06\"",
        "{}", "{\"a\":[1,{\"b\":2}]}", "[]", "[1,[2,[3]],{\"c\":\"d\"}]",
    };

    private static readonly JsonTypes[] s_types =
    {
        JsonTypes.None, JsonTypes.String, JsonTypes.Number, JsonTypes.Integer, JsonTypes.String | JsonTypes.Null,
        JsonTypes.Boolean | JsonTypes.Number | JsonTypes.String, JsonTypes.Object, JsonTypes.Array | JsonTypes.Integer,
    };

    private static readonly StringRule[] s_stringRules =
    {
        new(2, 5, null, null), new(null, null, "^[A-Z]{3}$", null), new(null, 64, null, "date"),
    };

    private static readonly NumberRule[] s_numberRules =
    {
        new(0m, 10m, null, null, null), new(null, null, null, 100m, 5m),
    };

    public static TheoryData<string> Values()
    {
        var data = new TheoryData<string>();
        foreach (string value in s_values)
        {
            data.Add(value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Type_only_is_the_type_check_then_a_skip(string json)
    {
        foreach (JsonTypes types in s_types.Where(t => t != JsonTypes.None))
        {
            Same(json, (ref r, ref c) => c.CheckValue(ref r, types), (ref r, ref c) => Spelled(ref r, ref c, types, null, null), types.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void String_keywords_are_checked_on_strings_of_an_allowed_type(string json)
        => ForEachRule(json, s_stringRules, (types, rule) => ((ref r, ref c) => c.CheckValue(ref r, types, rule), (ref r, ref c) => Spelled(ref r, ref c, types, rule, null)));

    [Theory]
    [MemberData(nameof(Values))]
    public void Number_keywords_are_checked_on_numbers_of_an_allowed_type(string json)
        => ForEachRule(json, s_numberRules, (types, rule) => ((ref r, ref c) => c.CheckValue(ref r, types, rule), (ref r, ref c) => Spelled(ref r, ref c, types, null, rule)));

    [Theory]
    [MemberData(nameof(Values))]
    public void Enum_and_const_are_checked_on_values_of_an_allowed_type(string json)
    {
        var rules = new[] { new EnumRule("enum", "\"ab\"", "70", "null", "{}"), new EnumRule("const", "[1,[2,[3]],{\"c\":\"d\"}]") };
        ForEachRule(json, rules, (types, rule) => ((ref r, ref c) => c.CheckValue(ref r, types, rule), (ref r, ref c) => SpelledEnum(ref r, ref c, types, rule)));
    }

    [Fact]
    public void A_property_name_counts_as_a_string_for_propertyNames()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("{\"toolong\":1}");
        var context = new ValidationContext(utf8);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            reader.Read();
            context.CheckValue(ref reader, JsonTypes.String, new StringRule(null, 3, null, null));
            Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
            ValidationError error = Assert.Single(context.ToResult().Errors);
            Assert.Equal("maxLength", error.Keyword);
        }
        finally
        {
            context.Dispose();
        }
    }

    [Fact]
    public void The_comparison_sees_a_difference()
    {
        // The harness itself: a check that reports nothing differs from one that reports a type error.
        Assert.ThrowsAny<Exception>(() => Same("1", (ref r, ref c) => c.CheckValue(ref r, JsonTypes.String), (ref r, ref c) => r.Skip(), "type"));
        Assert.ThrowsAny<Exception>(() => Same("[1]", (ref r, ref c) => c.CheckValue(ref r, JsonTypes.Array), (ref r, ref c) => { }, "skip"));
    }

    /// <summary>What the generator wrote for such a schema before <c>CheckValue</c>.</summary>
    private static void Spelled(ref Utf8JsonReader reader, ref ValidationContext context, JsonTypes types, StringRule? stringRule, NumberRule? numberRule)
    {
        if (types != JsonTypes.None && !context.CheckType(ref reader, types))
        {
            reader.Skip();
            return;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String when stringRule is not null:
            case JsonTokenType.PropertyName when stringRule is not null:
                context.CheckString(ref reader, stringRule);
                break;
            case JsonTokenType.Number when numberRule is not null:
                context.CheckNumber(ref reader, numberRule);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>What the generator wrote for a schema of <c>type</c> and <c>enum</c> (or <c>const</c>) before <c>CheckValue</c>.</summary>
    private static void SpelledEnum(ref Utf8JsonReader reader, ref ValidationContext context, JsonTypes types, EnumRule rule)
    {
        if (types != JsonTypes.None && !context.CheckType(ref reader, types))
        {
            reader.Skip();
            return;
        }

        context.CheckEnum(ref reader, rule);
        reader.Skip();
    }

    /// <summary>Compares the pair of validators made for every allowed-types case and rule.</summary>
    private static void ForEachRule<TRule>(string json, TRule[] rules, Func<JsonTypes, TRule, (Validator Actual, Validator Expected)> make)
    {
        foreach (JsonTypes types in s_types)
        {
            foreach (TRule rule in rules)
            {
                (Validator actual, Validator expected) = make(types, rule);
                Same(json, actual, expected, types + " " + rule);
            }
        }
    }

    private delegate void Validator(ref Utf8JsonReader reader, ref ValidationContext context);

    private static void Same(string json, Validator actual, Validator expected, string what)
    {
        (string[] Errors, long End) a = Validate(json, actual);
        (string[] Errors, long End) e = Validate(json, expected);
        Assert.True(e.Errors.SequenceEqual(a.Errors), json + " with " + what + ": expected [" + string.Join("; ", e.Errors) + "], got [" + string.Join("; ", a.Errors) + "]");
        Assert.True(e.End == a.End, json + " with " + what + ": the reader ended at " + a.End + ", not " + e.End);
    }

    private static (string[] Errors, long End) Validate(string json, Validator validator)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var context = new ValidationContext(utf8);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            validator(ref reader, ref context);
            var errors = new List<string>();
            foreach (ValidationError error in context.ToResult().Errors)
            {
                errors.Add(error.Path + " " + error.Keyword + " " + error.Message);
            }

            return (errors.ToArray(), reader.BytesConsumed);
        }
        finally
        {
            context.Dispose();
        }
    }
}
