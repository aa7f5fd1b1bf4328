using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>
/// Hostile payloads through <see cref="JsonValidation.Validate"/> with a small hand-written validator shaped like the
/// generated ones (an object with <c>name</c>: string maxLength 64, <c>n</c>: number 0..1000, <c>deep</c>: any value,
/// walked recursively, and other properties skipped). Whatever the input: a clear error (or valid where the JSON and
/// JSON Schema specifications say so), no exception, no stack overflow. Invalid UTF-8 per vendor contract is covered
/// in EventContracts.Tests/InvalidPayloadTests; here it is checked against the plain entry point.
/// </summary>
public class HostileJsonTests
{
    private static readonly StringRule s_name = new(null, 64, null, null);
    private static readonly NumberRule s_n = new(0m, 1000m, null, null, null);

    /// <summary>The root validator: reads the object, dispatches by property name, leaves the reader on the last token.</summary>
    private static void Root(ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        if (!ctx.CheckType(ref reader, JsonTypes.Object))
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ctx.PushProperty(ref reader);
            bool isName = reader.ValueTextEquals("name"u8), isN = reader.ValueTextEquals("n"u8), isDeep = reader.ValueTextEquals("deep"u8);
            reader.Read();
            if (isName)
            {
                if (ctx.CheckType(ref reader, JsonTypes.String))
                {
                    ctx.CheckString(ref reader, s_name);
                }
            }
            else if (isN)
            {
                if (ctx.CheckType(ref reader, JsonTypes.Number))
                {
                    ctx.CheckNumber(ref reader, s_n);
                }
            }
            else if (isDeep)
            {
                Walk(ref reader, ref ctx);
            }
            else
            {
                reader.Skip();
            }

            ctx.Pop();
        }
    }

    /// <summary>Recurses into every array and object, as a schema with nested <c>items</c>/<c>properties</c> would.</summary>
    private static void Walk(ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            int index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ctx.PushIndex(index++);
                Walk(ref reader, ref ctx);
                ctx.Pop();
            }
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                ctx.PushProperty(ref reader);
                reader.Read();
                Walk(ref reader, ref ctx);
                ctx.Pop();
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ctx.CheckString(ref reader, s_name);
        }
    }

    private static ValidationResult Validate(byte[] utf8) => JsonValidation.Validate(utf8, Root);

    private static ValidationResult Validate(string json) => Validate(Encoding.UTF8.GetBytes(json));

    /// <summary>Runs on a thread with a small (256 KB) stack, so unbounded recursion would crash the test host, not pass.</summary>
    private static ValidationResult OnSmallStack(byte[] utf8)
    {
        ValidationResult? result = null;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Validate(utf8);
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            },
            256 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "validation did not finish in 30 s");
        Assert.Null(error);
        return result!;
    }

    private static ValidationError SingleJsonError(ValidationResult result)
    {
        ValidationError error = Assert.Single(result.Errors);
        Assert.Equal("json", error.Keyword);
        Assert.Equal(string.Empty, error.Path);
        return error;
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "a byte that is never UTF-8")]
    [InlineData(new byte[] { 0xC3 }, "a truncated two-byte sequence")]
    [InlineData(new byte[] { 0xED, 0xB0, 0x80 }, "an encoded lone low surrogate")]
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF }, "an overlong '/'")]
    public void Invalid_utf8_in_a_key_a_checked_value_or_a_skipped_value_is_one_malformed_json_error(byte[] bad, string because)
    {
        foreach (string template in new[] { "{\"name\":\"a#b\"}", "{\"other\":\"a#b\"}", "{\"a#\":1}", "{\"deep\":[{\"x\":\"#\"}]}" })
        {
            byte[] prefix = Encoding.UTF8.GetBytes(template.Substring(0, template.IndexOf('#')));
            byte[] suffix = Encoding.UTF8.GetBytes(template.Substring(template.IndexOf('#') + 1));
            ValidationError error = SingleJsonError(Validate(prefix.Concat(bad).Concat(suffix).ToArray()));
            Assert.Contains("not valid UTF-8 at byte " + (prefix.Length + 1), error.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(because));
        }
    }

    [Theory]
    [InlineData("[", "]", "arrays")]
    [InlineData("{\"a\":", "}", "objects")]
    public void Ten_thousand_deep_nesting_is_a_depth_error_not_a_stack_overflow(string open, string close, string what)
    {
        const int depth = 10_000;
        foreach (string where in new[] { "root", "deep", "skipped" })
        {
            string nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
            string json = where switch
            {
                "root" => nested,
                "deep" => "{\"name\":\"ok\",\"deep\":" + nested + "}",
                _ => "{\"other\":" + nested + ",\"name\":\"ok\"}",
            };

            ValidationResult result = OnSmallStack(Encoding.UTF8.GetBytes(json));

            // One malformed-JSON error at the document naming the depth limit (a root array is also not an object).
            ValidationError error = Assert.Single(result.Errors, e => e.Keyword == "json");
            Assert.Equal(string.Empty, error.Path);
            Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.All(result.Errors, e => Assert.True(e.Keyword == "json" || (where == "root" && e.Keyword == "type"), what + " at " + where + ": " + e));
        }
    }

    [Fact]
    public void Nesting_at_the_limit_is_valid_and_one_deeper_is_reported()
    {
        // MaxDepth counts the root object, so "deep" may hold MaxDepth - 1 levels.
        string Json(int levels) => "{\"deep\":" + new string('[', levels) + new string(']', levels) + "}";

        Assert.True(OnSmallStack(Encoding.UTF8.GetBytes(Json(JsonValidation.MaxDepth - 1))).IsValid);
        SingleJsonError(OnSmallStack(Encoding.UTF8.GetBytes(Json(JsonValidation.MaxDepth))));
    }

    [Fact]
    public void A_100_MB_string_is_checked_without_copying_it()
    {
        // One 100 MB ASCII string value (allocated once here); the validator's ASCII fast path counts it in place.
        const int size = 100 * 1024 * 1024;
        byte[] json = new byte[size + 32];
        int at = 0;
        foreach (byte b in "{\"name\":\""u8)
        {
            json[at++] = b;
        }

        json.AsSpan(at, size).Fill((byte)'a');
        at += size;
        foreach (byte b in "\"}"u8)
        {
            json[at++] = b;
        }

        var bytes = json.AsMemory(0, at);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ValidationResult result = JsonValidation.Validate(bytes.Span, Root);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        ValidationError error = Assert.Single(result.Errors);
        Assert.Equal("/name", error.Path);
        Assert.Equal("maxLength", error.Keyword);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1024 * 1024, "validating the 100 MB string allocated " + allocated + " bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());

        // The same string in a skipped property and inside "deep": read past without errors.
        json.AsSpan(0, 9).Clear();
        "{\"xxxx\":\""u8.CopyTo(json);
        Assert.True(JsonValidation.Validate(bytes.Span, Root).IsValid);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"name\":\"b\"}", true, null, "RFC 8259 only says names SHOULD be unique; each occurrence is valid")]
    [InlineData("{\"name\":\"a\",\"name\":5}", false, "type", "every occurrence is validated, not only the first")]
    [InlineData("{\"name\":5,\"name\":\"a\"}", false, "type", "nor only the last")]
    [InlineData("{\"n\":1,\"n\":1001}", false, "maximum", "a duplicate cannot hide an out-of-range value")]
    public void Duplicate_keys_are_each_validated(string json, bool valid, string? keyword, string because)
    {
        ValidationResult result = Validate(json);

        Assert.True(valid == result.IsValid, because + ": " + result);
        if (keyword is not null)
        {
            ValidationError error = Assert.Single(result.Errors);
            Assert.Equal(keyword, error.Keyword);
            Assert.StartsWith("/n", error.Path, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1e400", "maximum")]
    [InlineData("-1e400", "minimum")]
    [InlineData("1E+99999", "maximum")]
    [InlineData("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236436996517490890427349658496093101800920768458123488574006401409090380117575119999599", "maximum")]
    [InlineData("-0.0000000000000000000000000000000000000000000000000001e-400", "minimum")] // -1e-452 is below 0
    [InlineData("1e-400", null)]
    [InlineData("1000.0000000000000000000000000000000001", "maximum")]
    public void Numbers_beyond_double_and_decimal_range_are_compared_exactly(string number, string? keyword)
    {
        ValidationResult result = Validate("{\"n\":" + number + "}");

        if (keyword is null)
        {
            Assert.True(result.IsValid, number + ": " + result);
        }
        else
        {
            ValidationError error = Assert.Single(result.Errors);
            Assert.Equal("/n", error.Path);
            Assert.Equal(keyword, error.Keyword);
        }
    }

    /// <summary>Found by this suite: more than 29 significant digits used to be compared through a double.</summary>
    [Fact]
    public void A_long_number_just_below_the_maximum_is_valid()
    {
        Assert.True(Validate("{\"n\":999.99999999999999999999999999999999999}").IsValid);
        Assert.True(Validate("{\"n\":999.99999999999999999999999999999}").IsValid);
        Assert.False(Validate("{\"n\":1000.00000000000000000000000000000000001}").IsValid);
        Assert.True(Validate("{\"n\":1000.00000000000000000000000000000000000}").IsValid);
    }

    [Theory]
    [InlineData("\\ud800", true)]
    [InlineData("\\udfff", true)]
    [InlineData("\\udc00\\ud800", true)]
    [InlineData("a\\ud83d", true)]
    [InlineData("\\ud83d\\ude00", true)]
    public void Lone_surrogate_escapes_are_valid_json_strings(string escaped, bool valid)
    {
        // RFC 8259 section 8.2: the grammar allows them; JSON Schema counts code points, a lone surrogate counts one.
        foreach (string json in new[] { "{\"name\":\"" + escaped + "\"}", "{\"deep\":{\"" + escaped + "\":[\"" + escaped + "\"]}}" })
        {
            ValidationResult result = Validate(json);
            Assert.True(valid == result.IsValid, json + ": " + result);
        }
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("\\udc00\\ud800")]
    public void A_lone_surrogate_in_a_name_the_validator_compares_is_one_clear_malformed_json_error(string escaped)
    {
        // Current behaviour, not the RFC's: Utf8JsonReader.ValueTextEquals (which generated validators use to dispatch
        // on property names) refuses invalid UTF-16 escapes, so such a key is reported as malformed JSON at the
        // document rather than validated (or reported as an additional property). Clear, and nothing escapes.
        ValidationError error = SingleJsonError(Validate("{\"" + escaped + "\":1}"));

        Assert.Contains("surrogate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lone_surrogates_in_a_reported_path_do_not_break_the_error()
    {
        // A string too long under a key that is a lone surrogate: the error's path must still be built.
        string json = "{\"deep\":{\"\\ud800\":\"" + new string('x', 65) + "\"}}";

        ValidationError error = Assert.Single(Validate(json).Errors);

        Assert.Equal("maxLength", error.Keyword);
        Assert.StartsWith("/deep/", error.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"n\":5}", 0)]
    [InlineData("{\"n\":5000}", 1)]
    [InlineData(" {}", 0)]
    public void A_leading_utf8_byte_order_mark_is_skipped(string json, int errors)
    {
        byte[] withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray();

        ValidationResult result = Validate(withMark);

        Assert.Equal(Validate(json).Errors.Select(e => e.Keyword + " " + e.Path + " " + e.Message), result.Errors.Select(e => e.Keyword + " " + e.Path + " " + e.Message));
        Assert.Equal(errors, result.Errors.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "a mark and nothing else is an empty document")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x7B, 0x7D }, "only one mark is skipped")]
    [InlineData(new byte[] { 0x20, 0xEF, 0xBB, 0xBF, 0x7B, 0x7D }, "a mark after white space is content")]
    [InlineData(new byte[] { 0x7B, 0x7D, 0xEF, 0xBB, 0xBF }, "a mark after the value is trailing content")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0x7B, 0x7D }, "two bytes of a mark are not one")]
    public void A_byte_order_mark_anywhere_but_first_is_malformed(byte[] utf8, string because)
    {
        Assert.False(string.IsNullOrEmpty(because));
        SingleJsonError(Validate(utf8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"name\":\"a\"} {}")]
    [InlineData("{\"name\":\"\\u12\"}")]
    [InlineData("{\"name\":\"a\u0001\"}")]
    [InlineData("{\"n\":01}")]
    [InlineData("{\"n\":NaN}")]
    [InlineData("{\"n\":Infinity}")]
    [InlineData("\u00EF\u00BB\u00BF{}")]
    [InlineData("{\"n\":5000}}")]
    [InlineData("{\"n\":-1,\"name\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",")]
    [InlineData("[1] x")]
    public void Malformed_documents_are_one_clear_error(string json)
    {
        // Also when the part read before the malformation broke the schema (n out of range, name too long, an array for
        // an object): a document that is not JSON has no schema verdicts.
        ValidationError error = SingleJsonError(Validate(json));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
