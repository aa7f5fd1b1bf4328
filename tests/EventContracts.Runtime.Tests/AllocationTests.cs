using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

internal static class Utf8Extensions
{
    public static byte[] ToUtf8(this string value) => System.Text.Encoding.UTF8.GetBytes(value);
}

/// <summary>Valid input validated in JSON mode allocates nothing once warmed up.</summary>
public class AllocationTests
{
    // A pattern no other test uses: compiled patterns are cached per text, and a Regex keeps one runner, so a match of the
    // same pattern on another test's thread at the same moment would make this thread allocate a runner of its own.
    private static readonly StringRule EventName = new(1, 64, "^(?!PushEngage\\.)(?!AllocationTests)", null);
    private static readonly StringRule Currency = new(null, null, "^[A-Z]{3}$", null);
    private static readonly StringRule When = new(null, null, null, "date-time");
    private static readonly StringRule Id = new(null, 36, null, "uuid");
    private static readonly StringRule Email = new(null, null, null, "email");
    private static readonly StringRule Short = new(null, 1000, null, null);
    private static readonly NumberRule Revenue = new(0m, 1_000_000m, null, null, 0.01m);
    private static readonly NumberRule Quantity = new(1m, null, null, null, 1m);
    private static readonly EnumRule Type = new("enum", "\"track\"", "\"identify\"");
    private static readonly EnumRule Number = new("enum", "1", "2.5");

    private static readonly byte[] Document =
        ("{\"event_name\":\"Order Completed\",\"type\":\"track\",\"revenue\":19.99,\"quantity\":2.0,\"currency\":\"USD\"," +
         "\"timestamp\":\"2024-02-29T23:59:60.5+00:00\",\"messageId\":\"2eb8aa08-aa98-11ea-b4aa-73b441d16380\"," +
         "\"email\":\"joe@example.com\",\"note\":\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\"\",\"plain\":\"caf\u00e9 \U0001F600\",\"level\":2.50," +
         "\"long\":\"" + new string('x', 60) + "\\n" + new string('y', 300) + "\",\"kind\":\"tr\\u0061ck\"}")
        .ToUtf8();

    private static ValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        var ctx = new ValidationContext(utf8Json);
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            ctx.CheckType(ref reader, JsonTypes.Object);
            int count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                count++;
                ctx.PushProperty(ref reader);
                bool isEventName = reader.ValueTextEquals("event_name"u8);
                bool isType = reader.ValueTextEquals("type"u8);
                bool isRevenue = reader.ValueTextEquals("revenue"u8);
                bool isQuantity = reader.ValueTextEquals("quantity"u8);
                bool isCurrency = reader.ValueTextEquals("currency"u8);
                bool isTimestamp = reader.ValueTextEquals("timestamp"u8);
                bool isId = reader.ValueTextEquals("messageId"u8);
                bool isEmail = reader.ValueTextEquals("email"u8);
                bool isLevel = reader.ValueTextEquals("level"u8);
                bool isKind = reader.ValueTextEquals("kind"u8);
                reader.Read();
                if (isEventName) { ctx.CheckType(ref reader, JsonTypes.String); ctx.CheckString(ref reader, EventName); }
                else if (isType) { ctx.CheckEnum(ref reader, Type); }
                else if (isRevenue) { ctx.CheckType(ref reader, JsonTypes.Number); ctx.CheckNumber(ref reader, Revenue); }
                else if (isQuantity) { ctx.CheckType(ref reader, JsonTypes.Integer); ctx.CheckNumber(ref reader, Quantity); }
                else if (isCurrency) { ctx.CheckString(ref reader, Currency); }
                else if (isTimestamp) { ctx.CheckString(ref reader, When); }
                else if (isId) { ctx.CheckString(ref reader, Id); }
                else if (isEmail) { ctx.CheckString(ref reader, Email); }
                else if (isLevel) { ctx.CheckEnum(ref reader, Number); }
                else if (isKind) { ctx.CheckConst(ref reader, Type); }
                else
                {
                    Utf8JsonReader copy = reader;
                    int token = ctx.BeginProbe();
                    ctx.CheckType(ref copy, JsonTypes.Number);
                    bool first = ctx.EndProbe(token);
                    token = ctx.BeginProbe();
                    ctx.CheckString(ref copy, Short);
                    bool second = ctx.EndProbe(token);
                    if (!first && !second)
                    {
                        ctx.ReportCombinator("anyOf", 0);
                    }
                }

                ctx.Pop();
            }

            ctx.CheckPropertyCount(count, 1, 20);
            return ctx.ToResult();
        }
        finally
        {
            ctx.Dispose();
        }
    }

    [Fact]
    public void The_document_is_valid()
    {
        ValidationResult result = Validate(Document);
        Assert.True(result.IsValid, result.ToString());
        Assert.Same(ValidationResult.Valid, result);
    }

    [Fact]
    public void Validating_valid_json_allocates_nothing()
    {
        Validate(Document);
        Validate(Document);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Validate(Document);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Each_check_alone_allocates_nothing()
    {
        AssertNoAllocation("\"Order Completed\"", (ref r, ref c) => c.CheckString(ref r, EventName));
        AssertNoAllocation("\"caf\\u00e9\"", (ref r, ref c) => c.CheckString(ref r, Short));
        AssertNoAllocation("\"2eb8aa08-aa98-11ea-b4aa-73b441d16380\"", (ref r, ref c) => c.CheckString(ref r, Id));
        AssertNoAllocation("19.99", (ref r, ref c) => c.CheckNumber(ref r, Revenue));
        AssertNoAllocation("1e2", (ref r, ref c) => c.CheckType(ref r, JsonTypes.Integer));
        AssertNoAllocation("\"identify\"", (ref r, ref c) => c.CheckEnum(ref r, Type));
        AssertNoAllocation("2.5", (ref r, ref c) => c.CheckEnum(ref r, Number));
    }

    private static void AssertNoAllocation(string json, JsonCheck check)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        Run.Json(utf8, check);
        long allocated = Measure(utf8, check);
        Assert.True(allocated == 0, json + " allocated " + allocated + " bytes");
    }

    private static long Measure(byte[] utf8, JsonCheck check)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            var ctx = new ValidationContext(utf8);
            try
            {
                var reader = new Utf8JsonReader(utf8);
                reader.Read();
                if (!check(ref reader, ref ctx))
                {
                    throw new InvalidOperationException("check failed");
                }
            }
            finally
            {
                ctx.Dispose();
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
