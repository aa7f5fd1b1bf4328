using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>The entry-point pattern generated <c>ValidateJson</c> methods use, end to end.</summary>
public class EntryPointTests
{
    private static readonly StringRule EventName = new(1, 64, "^(?!PushEngage\\.)", null);

    private static ValidationResult ValidateJson(ReadOnlySpan<byte> utf8Json)
    {
        var ctx = new ValidationContext(utf8Json);
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                ctx.AddError("json", "the input is empty");
            }
            else
            {
                ValidateRoot(ref reader, ref ctx);
                ctx.CheckEndOfInput(ref reader);
            }

            return ctx.ToResult();
        }
        catch (JsonException ex)
        {
            ctx.ReportInvalidJson(ex);
            return ctx.ToResult();
        }
        catch (InvalidOperationException ex)
        {
            ctx.ReportInvalidJson(ex);
            return ctx.ToResult();
        }
        finally
        {
            ctx.Dispose();
        }
    }

    private static void ValidateRoot(ref Utf8JsonReader reader, ref ValidationContext ctx)
    {
        if (!ctx.CheckType(ref reader, JsonTypes.Object))
        {
            reader.Skip();
            return;
        }

        bool sawName = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isName = reader.ValueTextEquals("event_name"u8);
            bool isData = reader.ValueTextEquals("data"u8);
            if (!isName && !isData)
            {
                ctx.ReportAdditionalProperty(ref reader);
                reader.Read();
                reader.Skip();
                continue;
            }

            ctx.PushProperty(ref reader);
            reader.Read();
            if (isName)
            {
                sawName = true;
                if (ctx.CheckType(ref reader, JsonTypes.String))
                {
                    ctx.CheckString(ref reader, EventName);
                }
            }
            else if (ctx.CheckType(ref reader, JsonTypes.Object))
            {
                ctx.CheckMaxBytes(reader.HasValueSequence ? 0 : SizeOf(ref reader), 20);
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }

            ctx.Pop();
        }

        if (!sawName)
        {
            ctx.ReportMissing("event_name");
        }
    }

    private static long SizeOf(ref Utf8JsonReader reader)
    {
        Utf8JsonReader copy = reader;
        long start = copy.TokenStartIndex;
        copy.Skip();
        return copy.BytesConsumed - start;
    }

    [Fact]
    public void Valid_document()
    {
        Assert.Same(ValidationResult.Valid, ValidateJson("{\"event_name\":\"signup\",\"data\":{\"plan\":\"pro\"}}"u8));
    }

    [Fact]
    public void Several_errors_in_document_order()
    {
        ValidationResult result = ValidateJson("{\"event_name\":\"PushEngage.x\",\"extra\":1,\"data\":{\"plan\":\"professional\"}}"u8);
        Assert.Equal(
            new[] { "/event_name pattern", " additionalProperties", "/data x-ec-max-bytes" },
            result.Errors.Select(e => e.Path + " " + e.Keyword));
    }

    [Fact]
    public void Missing_property()
    {
        ValidationError error = Assert.Single(ValidateJson("{}"u8).Errors);
        Assert.Equal("(root): required property \"event_name\" is missing [required]", error.ToString());
    }

    [Theory]
    [InlineData("", "malformed JSON")]
    [InlineData("   ", "malformed JSON")]
    [InlineData("{\"event_name\":", "malformed JSON")]
    [InlineData("{\"event_name\":\"a\"} x", "malformed JSON")]
    [InlineData("{\"event_name\":'a'}", "malformed JSON at line 1")]
    [InlineData("[1,2", "malformed JSON")]
    public void Malformed_input_is_one_json_error(string json, string messageStart)
    {
        ValidationResult result = ValidateJson(System.Text.Encoding.UTF8.GetBytes(json));
        ValidationError error = result.Errors.Last();
        Assert.Equal("json", error.Keyword);
        Assert.StartsWith(messageStart, error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_an_exception()
    {
        byte[] json = [.. "{\"event_name\":\"a"u8, 0xFF, .. "\"}"u8];
        ValidationResult result = ValidateJson(json);
        Assert.Contains(result.Errors, e => e.Keyword == "json");
    }
}
