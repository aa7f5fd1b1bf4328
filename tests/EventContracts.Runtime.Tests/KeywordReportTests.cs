using System.Text;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class KeywordReportTests
{
    [Fact]
    public void Property_count()
    {
        Assert.True(Run.Model((ref c) => c.CheckPropertyCount(2, 1, 2)).Passed);
        Outcome few = Run.Model((ref c) => c.CheckPropertyCount(0, 1, null));
        Assert.Equal("minProperties", few.Single.Keyword);
        Assert.Equal("object has 0 properties, fewer than minProperties 1", few.Single.Message);
        Outcome many = Run.Model((ref c) => c.CheckPropertyCount(3, null, 2));
        Assert.Equal("maxProperties", many.Single.Keyword);
        Assert.Equal("object has 3 properties, more than maxProperties 2", many.Single.Message);
    }

    [Fact]
    public void Item_count()
    {
        Assert.True(Run.Model((ref c) => c.CheckItemCount(50, null, 50)).Passed);
        Outcome many = Run.Model((ref c) => c.CheckItemCount(51, null, 50));
        Assert.Equal("maxItems", many.Single.Keyword);
        Assert.Equal("array has 51 items, more than maxItems 50", many.Single.Message);
        Assert.Equal("minItems", Run.Model((ref c) => c.CheckItemCount(1, 2, null)).Single.Keyword);
        Assert.Equal("array has 1 item, fewer than minItems 2", Run.Model((ref c) => c.CheckItemCount(1, 2, null)).Single.Message);
    }

    [Fact]
    public void Missing_required_property_is_reported_at_the_object()
    {
        Outcome outcome = Run.Model((ref c) =>
        {
            c.PushProperty("data");
            c.ReportMissing("profile_id");
            c.Pop();
            return !c.HasErrors;
        });
        Assert.Equal("/data", outcome.Single.Path);
        Assert.Equal("required", outcome.Single.Keyword);
        Assert.Equal("required property \"profile_id\" is missing", outcome.Single.Message);
    }

    [Fact]
    public void Max_bytes_names_both_sizes()
    {
        Assert.True(Run.Model((ref c) => c.CheckMaxBytes(4096, 4096)).Passed);
        Outcome outcome = Run.Model((ref c) => c.CheckMaxBytes(5000, 4096));
        Assert.Equal("x-ec-max-bytes", outcome.Single.Keyword);
        Assert.Contains("5000", outcome.Single.Message);
        Assert.Contains("4096", outcome.Single.Message);
    }

    [Fact]
    public void Additional_property_from_reader_and_from_name()
    {
        byte[] json = "{\"ok\":1,\"ext\\u0072a\":2}"u8.ToArray();
        var ctx = new ValidationContext(json);
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("ok"u8))
                {
                    ctx.ReportAdditionalProperty(ref reader);
                }

                reader.Read();
            }

            ValidationError error = Assert.Single(ctx.ToResult().Errors);
            Assert.Equal("", error.Path);
            Assert.Equal("additionalProperties", error.Keyword);
            Assert.Equal("property \"extra\" is not allowed", error.Message);
        }
        finally
        {
            ctx.Dispose();
        }

        Assert.Equal("property \"x\" is not allowed", Run.Model((ref c) => { c.ReportAdditionalProperty("x"); return false; }).Single.Message);
    }

    [Theory]
    [InlineData("[1,2,3]", true)]
    [InlineData("[]", true)]
    [InlineData("[1,\"1\",true,null,{},[]]", true)]
    [InlineData("[1,2,1.0]", false)]
    [InlineData("[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}]", false)]
    [InlineData("[[1,2],[2,1]]", true)]
    [InlineData("[\"a\",\"\\u0061\"]", false)]
    [InlineData("[0,false]", true)]
    [InlineData("[null,null]", false)]
    public void Unique_items_in_json_mode(string json, bool valid)
    {
        Outcome outcome = Run.Json(json, (ref r, ref c) => c.CheckUniqueItems(ref r));
        Assert.Equal(valid, outcome.Passed);
        if (!valid)
        {
            Assert.Equal("uniqueItems", outcome.Single.Keyword);
        }
    }

    [Fact]
    public void Unique_items_message_names_the_indexes()
    {
        Assert.Equal(
            "items 0 and 2 are equal; uniqueItems requires distinct items",
            Run.Json("[1,2,1]", (ref r, ref c) => c.CheckUniqueItems(ref r)).Single.Message);
    }

    [Fact]
    public void Unique_items_in_model_mode()
    {
        Assert.True(Run.Model((ref c) => c.CheckUniqueItems<string>(new[] { "a", "b" })).Passed);
        Assert.False(Run.Model((ref c) => c.CheckUniqueItems<string>(new[] { "a", "b", "a" })).Passed);
        Assert.True(Run.Model((ref c) => c.CheckUniqueItems<string>(new[] { "a", "A" })).Passed);
        Assert.False(Run.Model((ref c) => c.CheckUniqueItems<string>(new[] { "a", "A" }, StringComparer.OrdinalIgnoreCase)).Passed);

        using JsonDocument doc = JsonDocument.Parse("[1, 1.0]");
        JsonElement[] items = doc.RootElement.EnumerateArray().ToArray();
        Assert.False(Run.Model((ref c) => c.CheckUniqueItems<JsonElement>(items)).Passed);
    }

    [Fact]
    public void Invalid_json_reports_line_and_byte()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\n  \"a\": tru }");
        var ctx = new ValidationContext(json);
        try
        {
            var reader = new Utf8JsonReader(json);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                int token = ctx.BeginProbe(); // a probe in progress must not swallow the error
                _ = token;
                ctx.ReportInvalidJson(ex);
            }

            ValidationError error = Assert.Single(ctx.ToResult().Errors);
            Assert.Equal("json", error.Keyword);
            Assert.StartsWith("malformed JSON at line 2, byte ", error.Message);
            Assert.DoesNotContain("LineNumber", error.Message);
            Assert.False(ctx.IsProbing);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void Trailing_content_is_reported()
    {
        Assert.True(EndOfInput("{\"a\":[1,2]} "u8.ToArray(), allowMultiple: false).IsValid);
        ValidationResult result = EndOfInput("1 2"u8.ToArray(), allowMultiple: true);
        Assert.Equal("json", Assert.Single(result.Errors).Keyword);
    }

    private static ValidationResult EndOfInput(byte[] json, bool allowMultiple)
    {
        var ctx = new ValidationContext(json);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = allowMultiple });
            reader.Read();
            ctx.CheckEndOfInput(ref reader);
            return ctx.ToResult();
        }
        finally
        {
            ctx.Dispose();
        }
    }
}
