using System.Text;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>Paths as JSON Pointers: a small hand-written validator walks documents the way generated code does.</summary>
public class PathTests
{
    private static readonly StringRule Short = new(null, 3, null, null);

    /// <summary>Checks every string in the document against <see cref="Short"/>, pushing and popping like generated code.</summary>
    private static ValidationResult CheckAllStrings(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var ctx = new ValidationContext(utf8);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            Walk(ref reader, ref ctx);
            return ctx.ToResult();
        }
        finally
        {
            ctx.Dispose();
        }
    }

    private static void Walk(ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    ctx.PushProperty(ref reader);
                    reader.Read();
                    Walk(ref reader, ref ctx);
                    ctx.Pop();
                }

                break;
            case JsonTokenType.StartArray:
                int index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ctx.PushIndex(index++);
                    Walk(ref reader, ref ctx);
                    ctx.Pop();
                }

                break;
            default:
                ctx.CheckString(ref reader, Short);
                break;
        }
    }

    [Fact]
    public void Paths_are_json_pointers_with_indexes()
    {
        ValidationResult result = CheckAllStrings("{\"data\":{\"price\":\"long value\"},\"items\":[{\"sku\":\"ok\"},{\"sku\":\"too long\"}]}");
        Assert.Equal(new[] { "/data/price", "/items/1/sku" }, result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Tilde_and_slash_are_escaped()
    {
        ValidationResult result = CheckAllStrings("{\"a/b\":{\"c~d\":\"long value\"},\"~1\":\"long value\"}");
        Assert.Equal(new[] { "/a~1b/c~0d", "/~01" }, result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Escaped_property_names_are_unescaped_before_escaping_for_the_pointer()
    {
        // "a\/b" is a/b; "\u007e" is ~; "caf\u00e9" is café; "\ud83d\ude00" is an emoji
        ValidationResult result = CheckAllStrings("{\"a\\/b\":\"long value\",\"\\u007e\":\"long value\",\"caf\\u00e9\":\"long value\",\"\\ud83d\\ude00\":[\"long value\"]}");
        Assert.Equal(new[] { "/a~1b", "/~0", "/caf\u00e9", "/\U0001F600/0" }, result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Unescaped_non_ascii_names_are_decoded()
    {
        ValidationResult result = CheckAllStrings("{\"pr\u00e9\u20ac\":\"long value\"}");
        Assert.Equal("/pr\u00e9\u20ac", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Deep_documents_grow_the_path_stack()
    {
        var json = new StringBuilder();
        for (int i = 0; i < 100; i++)
        {
            json.Append("{\"k\":");
        }

        json.Append("\"long value\"");
        json.Append('}', 100);
        ValidationError error = Assert.Single(CheckAllStrings(json.ToString()).Errors);
        Assert.Equal(string.Concat(Enumerable.Repeat("/k", 100)), error.Path);
    }

    [Fact]
    public void String_names_and_indexes_in_model_mode()
    {
        Outcome outcome = Run.Model((ref c) =>
        {
            c.PushProperty("items");
            c.PushIndex(3);
            c.PushProperty("a/b~c");
            Assert.Equal("/items/3/a~1b~0c", c.CurrentPath);
            bool passed = c.CheckString("long value", Short);
            c.Pop();
            c.Pop();
            c.Pop();
            Assert.Equal(0, c.Depth);
            return passed;
        });
        Assert.Equal("/items/3/a~1b~0c", outcome.Single.Path);
    }

    [Fact]
    public void A_reader_over_other_bytes_falls_back_to_the_decoded_name()
    {
        byte[] other = "{\"x\\/y\":1}"u8.ToArray();
        Outcome outcome = Run.Model((ref c) =>
        {
            var reader = new Utf8JsonReader(other);
            reader.Read();
            reader.Read();
            c.PushProperty(ref reader);
            c.AddError("test", "message");
            c.Pop();
            return false;
        });
        Assert.Equal("/x~1y", outcome.Single.Path);
    }

    [Fact]
    public void Merge_prefixes_nested_paths()
    {
        var nested = new ValidationResult(new[]
        {
            new ValidationError("", "required", "required property \"sku\" is missing"),
            new ValidationError("/price", "minimum", "-1 is less than the minimum 0"),
        });
        Outcome outcome = Run.Model((ref c) =>
        {
            c.PushProperty("items");
            c.PushIndex(0);
            c.Merge(nested);
            c.Merge(ValidationResult.Valid);
            c.Pop();
            c.Pop();
            return !c.HasErrors;
        });
        Assert.Equal(new[] { "/items/0", "/items/0/price" }, outcome.Result.Errors.Select(e => e.Path));
        Assert.Equal(new[] { "required", "minimum" }, outcome.Result.Errors.Select(e => e.Keyword));
    }

    [Fact]
    public void The_result_has_each_distinct_error_once_in_the_order_found()
    {
        // Two subschemas of one value (allOf parts, a plan's common rule beside its event's) can fail it with the same words.
        Outcome outcome = Run.Model((ref c) =>
        {
            c.AddError("type", "expected object but found array");
            c.PushProperty("a");
            c.AddError("type", "expected object but found array");
            c.Pop();
            c.AddError("type", "expected object but found array");
            c.AddError("minItems", "expected object but found array");
            c.AddError("type", "expected object but found array");
            return !c.HasErrors;
        });

        Assert.Equal(new[] { ("", "type"), ("/a", "type"), ("", "minItems") }, outcome.Result.Errors.Select(e => (e.Path, e.Keyword)));
    }

    [Fact]
    public void Nested_contexts_on_one_thread_do_not_share_the_path_stack()
    {
        Outcome outer = Run.Model((ref c) =>
        {
            c.PushProperty("outer");
            Outcome inner = Run.Model((ref c2) =>
            {
                c2.PushProperty("inner");
                c2.AddError("test", "inner");
                c2.Pop();
                return false;
            });
            Assert.Equal("/inner", inner.Single.Path);
            c.AddError("test", "outer");
            c.Pop();
            return false;
        });
        Assert.Equal("/outer", outer.Single.Path);
    }
}
