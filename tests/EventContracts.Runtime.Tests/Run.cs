using System;
using System.Text;
using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

/// <summary>A JSON-mode check, as generated code calls it: the reader is on the value's first token.</summary>
internal delegate bool JsonCheck(ref Utf8JsonReader reader, ref ValidationContext ctx);

/// <summary>A model-mode check.</summary>
internal delegate bool ModelCheck(ref ValidationContext ctx);

/// <summary>The outcome of one check: what it returned and the result the context built.</summary>
internal sealed record Outcome(bool Passed, ValidationResult Result)
{
    public ValidationError Single => Assert.Single(Result.Errors);
}

internal static class Run
{
    /// <summary>Runs a check on the root value of <paramref name="json"/> and asserts the reader was not advanced.</summary>
    public static Outcome Json(string json, JsonCheck check) => Json(Encoding.UTF8.GetBytes(json), check);

    public static Outcome Json(byte[] utf8, JsonCheck check)
    {
        var ctx = new ValidationContext(utf8);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            Assert.True(reader.Read());
            JsonTokenType token = reader.TokenType;
            long start = reader.TokenStartIndex;
            bool passed = check(ref reader, ref ctx);
            Assert.Equal(token, reader.TokenType);
            Assert.Equal(start, reader.TokenStartIndex);
            ValidationResult result = ctx.ToResult();
            Assert.Equal(passed, result.IsValid);
            return new Outcome(passed, result);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    public static Outcome Model(ModelCheck check)
    {
        var ctx = new ValidationContext(default);
        try
        {
            bool passed = check(ref ctx);
            ValidationResult result = ctx.ToResult();
            Assert.Equal(passed, result.IsValid);
            return new Outcome(passed, result);
        }
        finally
        {
            ctx.Dispose();
        }
    }

    /// <summary>JSON text for a .NET string (so tests can write values without escaping by hand).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);
}
