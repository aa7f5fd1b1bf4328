using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace EventContracts.Validation;

/// <content>The keyword checks. JSON-mode overloads take the reader on the value's token and do not advance it.</content>
public ref partial struct ValidationContext
{
    private const int StackChars = 256;

    // ---------------------------------------------------------------- type

    /// <summary>Checks the <c>type</c> keyword against the token the reader is on.</summary>
    /// <param name="reader">The reader, on the value's first token (not advanced); a property name counts as a string, for <c>propertyNames</c>.</param>
    /// <param name="allowed">The allowed types.</param>
    /// <returns><see langword="true"/> when the value has an allowed type.</returns>
    public bool CheckType(scoped ref Utf8JsonReader reader, JsonTypes allowed)
    {
        JsonTypes actual;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: actual = JsonTypes.Null; break;
            case JsonTokenType.True:
            case JsonTokenType.False: actual = JsonTypes.Boolean; break;
            case JsonTokenType.StartObject: actual = JsonTypes.Object; break;
            case JsonTokenType.StartArray: actual = JsonTypes.Array; break;
            case JsonTokenType.String:
            case JsonTokenType.PropertyName: actual = JsonTypes.String; break;
            case JsonTokenType.Number: actual = JsonTypes.Number; break;
            default: actual = JsonTypes.None; break;
        }

        if ((allowed & actual) != 0)
        {
            return true;
        }

        if (actual == JsonTypes.Number && (allowed & JsonTypes.Integer) != 0 && JsonNumber.IsIntegerToken(ref reader))
        {
            return true;
        }

        if (CountOnly())
        {
            return false;
        }

        AddError("type", "expected " + TypeNames(allowed) + " but found " + Text.DescribeToken(ref reader, withKind: true));
        return false;
    }

    /// <summary>Checks the <c>type</c> keyword for a JSON <c>null</c> (a typed member holding <see langword="null"/>).</summary>
    /// <param name="allowed">The allowed types; <see cref="JsonTypes.None"/> allows every type.</param>
    /// <returns><see langword="true"/> when <c>null</c> is allowed.</returns>
    public bool CheckNull(JsonTypes allowed)
    {
        if (allowed == JsonTypes.None || (allowed & JsonTypes.Null) != 0)
        {
            return true;
        }

        if (!CountOnly())
        {
            AddError("type", "expected " + TypeNames(allowed) + " but found null");
        }

        return false;
    }

    // ---------------------------------------------------------------- scalar schemas

    /// <summary>
    /// Validates a value against a schema that asks only for <c>type</c>, and moves the reader past it.
    /// The whole validator of such a schema, so generated code states it in one call.
    /// </summary>
    /// <param name="reader">The reader, on the value's first token; left on its last token.</param>
    /// <param name="allowed">The allowed types.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckValue(scoped ref Utf8JsonReader reader, JsonTypes allowed)
    {
        CheckType(ref reader, allowed);
        reader.Skip();
    }

    /// <summary>
    /// Validates a value against a schema that asks for <c>type</c> and string keywords only: the type, then the string
    /// keywords on a string. Leaves the reader on the value's last token.
    /// </summary>
    /// <param name="reader">The reader, on the value's first token (a property name counts as a string, for <c>propertyNames</c>).</param>
    /// <param name="allowed">The allowed types; <see cref="JsonTypes.None"/> when the schema has no <c>type</c>.</param>
    /// <param name="rule">The string keywords.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckValue(scoped ref Utf8JsonReader reader, JsonTypes allowed, StringRule rule)
    {
        if ((allowed == JsonTypes.None || CheckType(ref reader, allowed)) && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            CheckString(ref reader, rule);
            return;
        }

        reader.Skip();
    }

    /// <summary>
    /// Validates a value against a schema that asks for <c>type</c> and number keywords only: the type, then the number
    /// keywords on a number. Leaves the reader on the value's last token.
    /// </summary>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="allowed">The allowed types; <see cref="JsonTypes.None"/> when the schema has no <c>type</c>.</param>
    /// <param name="rule">The number keywords.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckValue(scoped ref Utf8JsonReader reader, JsonTypes allowed, NumberRule rule)
    {
        if ((allowed == JsonTypes.None || CheckType(ref reader, allowed)) && reader.TokenType == JsonTokenType.Number)
        {
            CheckNumber(ref reader, rule);
            return;
        }

        reader.Skip();
    }

    /// <summary>
    /// Validates a value against a schema that asks for <c>type</c> and <c>enum</c> (or <c>const</c>) only: the type, then
    /// the listed values. Leaves the reader on the value's last token.
    /// </summary>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="allowed">The allowed types; <see cref="JsonTypes.None"/> when the schema has no <c>type</c>.</param>
    /// <param name="rule">The <c>enum</c> or <c>const</c> values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckValue(scoped ref Utf8JsonReader reader, JsonTypes allowed, EnumRule rule)
    {
        if (allowed == JsonTypes.None || CheckType(ref reader, allowed))
        {
            CheckEnum(ref reader, rule);
        }

        reader.Skip();
    }

    // ---------------------------------------------------------------- record members (model mode)

    /// <summary>
    /// Reports a C# enum value that is none of its type's declared members (a cast from a number): it has no wire value,
    /// so the record cannot be written. Keyword <c>enum</c>.
    /// </summary>
    /// <param name="enumName">The enum type's name.</param>
    /// <param name="value">The value's number.</param>
    public void ReportUndeclared(string enumName, long value)
    {
        if (!CountOnly())
        {
            AddError("enum", value.ToString(CultureInfo.InvariantCulture) + " is not a member of " + enumName + ", so it has no wire value");
        }
    }

    /// <summary>
    /// Reports an open value that is a <see langword="default"/> <see cref="JsonElement"/>: it holds no JSON value, so the
    /// record cannot be written. Keyword <c>type</c>.
    /// </summary>
    public void ReportUndefinedValue()
    {
        if (!CountOnly())
        {
            AddError("type", "a default JsonElement holds no JSON value, so it cannot be written");
        }
    }

    /// <summary>
    /// Checks a record's string member against the string keywords; the member's name goes on the path only on the way to
    /// an error. Null passes: an optional member left null is not written.
    /// </summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="rule">The string keywords.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckProperty(string name, string? value, StringRule rule)
    {
        if (value is not null && !rule.Passes(value))
        {
            ReportProperty(name, value, rule);
        }
    }

    /// <summary>
    /// Checks a record's string member like <see cref="CheckProperty(string, string?, StringRule)"/>, and a null against
    /// <c>type</c>, as its JSON <c>null</c> would be (a required member holding <see langword="null"/>).
    /// </summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="rule">The string keywords.</param>
    /// <param name="nullTypes">The types the schema allows; see <see cref="CheckNull"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckProperty(string name, string? value, StringRule rule, JsonTypes nullTypes)
    {
        if (value is null)
        {
            ReportNullProperty(name, nullTypes);
        }
        else if (!rule.Passes(value))
        {
            ReportProperty(name, value, rule);
        }
    }

    /// <summary>
    /// Checks a record's number member (a <c>decimal</c>, or a <c>long</c>, which converts exactly) against the number
    /// keywords; the name goes on the path only on the way to an error.
    /// </summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="rule">The number keywords.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckProperty(string name, decimal value, NumberRule rule)
    {
        if (!rule.Passes(value))
        {
            ReportProperty(name, value, rule);
        }
    }

    /// <summary>Checks an optional number member like <see cref="CheckProperty(string, decimal, NumberRule)"/>; null passes (it is not written).</summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="rule">The number keywords.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckProperty(string name, decimal? value, NumberRule rule)
    {
        if (value is { } number && !rule.Passes(number))
        {
            ReportProperty(name, number, rule);
        }
    }

    private void ReportProperty(string name, string value, StringRule rule)
    {
        PushProperty(name);
        CheckString(value, rule);
        Pop();
    }

    private void ReportProperty(string name, decimal value, NumberRule rule)
    {
        PushProperty(name);
        CheckNumber(value, rule);
        Pop();
    }

    private void ReportNullProperty(string name, JsonTypes nullTypes)
    {
        PushProperty(name);
        CheckNull(nullTypes);
        Pop();
    }

    // ---------------------------------------------------------------- strings

    /// <summary>Checks <c>minLength</c>, <c>maxLength</c>, <c>pattern</c> and <c>format</c> against a string token (other tokens pass).</summary>
    /// <param name="reader">The reader, on a <see cref="JsonTokenType.String"/> (or <see cref="JsonTokenType.PropertyName"/>, for <c>propertyNames</c>) token; not advanced.</param>
    /// <param name="rule">The string keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckString(scoped ref Utf8JsonReader reader, StringRule rule)
    {
        if (reader.TokenType != JsonTokenType.String && reader.TokenType != JsonTokenType.PropertyName)
        {
            return true;
        }

        if (rule.ChecksAsciiBytes && !reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            // ASCII without escapes is one byte per code point, and a simple pattern reads the bytes as they are. Under a
            // pattern that admits only ASCII, a match proves the text ASCII, so it is tried before scanning.
            ReadOnlySpan<byte> bytes = reader.ValueSpan;
            SimplePattern? simple = rule.Simple;
            bool tried = simple is { MatchesOnlyAscii: true };
            bool matched = tried && simple!.IsMatch(bytes);
            if (matched || IsAscii(bytes))
            {
                bool passed = rule.LengthPasses(bytes.Length) || ReportLength(bytes.Length, rule);
                if (simple is not null && !(tried ? matched : simple.IsMatch(bytes)))
                {
                    passed = false;
                    if (!CountOnly())
                    {
                        AddError("pattern", Text.Quote(Text.StringValue(ref reader)) + " does not match the pattern " + rule.Pattern);
                    }
                }

                return passed;
            }
        }

        ReadOnlySpan<byte> raw = Text.ValueBytes(ref reader);
        char[]? rented = null;
        Span<char> buffer = raw.Length <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            if (!JsonStringDecoder.TryDecode(raw, buffer, out int written))
            {
                if (!CountOnly())
                {
                    AddError("json", "the string is not valid UTF-8");
                }

                return false;
            }

            return CheckStringCore(buffer.Slice(0, written), null, rule);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Checks <c>minLength</c>, <c>maxLength</c>, <c>pattern</c> and <c>format</c> against a string (a <see langword="null"/> string passes).</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The string keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckString(string value, StringRule rule)
    {
        if (value is null)
        {
            return true;
        }

        return CheckStringCore(value.AsSpan(), value, rule);
    }

    private bool CheckStringCore(scoped ReadOnlySpan<char> value, string? valueString, StringRule rule)
    {
        StringFailures failures = rule.Evaluate(value, valueString, out int length, out bool timedOut);
        if (failures == StringFailures.None)
        {
            return true;
        }

        if ((failures & StringFailures.Length) != 0)
        {
            ReportLength(length, rule);
        }

        if ((failures & StringFailures.Pattern) != 0 && !CountOnly())
        {
            AddError("pattern", timedOut
                ? "matching " + Text.Quote(value) + " against the pattern " + rule.Pattern + " timed out"
                : Text.Quote(value) + " does not match the pattern " + rule.Pattern);
        }

        if ((failures & StringFailures.Format) != 0 && !CountOnly())
        {
            AddError("format", Text.Quote(value) + " is not a valid " + rule.Format);
        }

        return false;
    }

    internal static bool IsAscii(ReadOnlySpan<byte> utf8)
    {
#if NET8_0_OR_GREATER
        return System.Text.Ascii.IsValid(utf8);
#else
        foreach (byte b in utf8)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
#endif
    }

    private bool ReportLength(int length, StringRule rule)
    {
        if (CountOnly())
        {
            return false;
        }

        string count = length.ToString(CultureInfo.InvariantCulture) + (length == 1 ? " character" : " characters");
        if (length < rule.MinLength)
        {
            AddError("minLength", "string of " + count + " is shorter than minLength " + rule.MinLength.Value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            AddError("maxLength", "string of " + count + " is longer than maxLength " + rule.MaxLength!.Value.ToString(CultureInfo.InvariantCulture));
        }

        return false;
    }

    // ---------------------------------------------------------------- numbers

    /// <summary>Checks <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> and <c>multipleOf</c> against a number token (other tokens pass).</summary>
    /// <param name="reader">The reader, on the value's token (not advanced).</param>
    /// <param name="rule">The number keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckNumber(scoped ref Utf8JsonReader reader, NumberRule rule)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return true;
        }

        if (reader.HasValueSequence)
        {
            byte[] copy = BuffersExtensions.ToArray(reader.ValueSequence);
            return CheckNumberCore(JsonNumber.Parse(copy), copy, rule);
        }

        ReadOnlySpan<byte> text = reader.ValueSpan;
        return CheckNumberCore(JsonNumber.Parse(text), text, rule);
    }

    /// <summary>Checks the number keywords against a <see cref="decimal"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The number keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckNumber(decimal value, NumberRule rule)
        => rule.Passes(value) || CheckNumberCore(JsonNumber.FromDecimal(value), default, rule, value);

    /// <summary>Checks the number keywords against a <see cref="long"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The number keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckNumber(long value, NumberRule rule)
        => rule.Passes(value) || CheckNumberCore(JsonNumber.FromDecimal(value), default, rule, value);

    /// <summary>Checks the number keywords against a <see cref="double"/> (NaN and infinities are not JSON numbers and fail with keyword <c>type</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The number keywords.</param>
    /// <returns><see langword="true"/> when every keyword passes.</returns>
    public bool CheckNumber(double value, NumberRule rule)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            if (!CountOnly())
            {
                AddError("type", Text.Invariant(value) + " is not a JSON number");
            }

            return false;
        }

        return CheckNumberCore(JsonNumber.FromDouble(value), default, rule, shownDouble: value);
    }

    private bool CheckNumberCore(in JsonNumber number, scoped ReadOnlySpan<byte> text, NumberRule rule, decimal? shownDecimal = null, double? shownDouble = null)
    {
        NumberFailures failures = rule.Evaluate(number, text);
        if (failures == NumberFailures.None)
        {
            return true;
        }

        if (CountOnly())
        {
            return false;
        }

        string value = shownDecimal is decimal d ? Text.Invariant(d)
            : shownDouble is double f ? Text.Invariant(f)
            : Text.Truncate(Text.Utf8(text));
        if ((failures & NumberFailures.Minimum) != 0)
        {
            AddError("minimum", value + " is less than the minimum " + Text.Invariant(rule.Minimum!.Value));
        }

        if ((failures & NumberFailures.Maximum) != 0)
        {
            AddError("maximum", value + " is greater than the maximum " + Text.Invariant(rule.Maximum!.Value));
        }

        if ((failures & NumberFailures.ExclusiveMinimum) != 0)
        {
            AddError("exclusiveMinimum", value + " is not greater than the exclusiveMinimum " + Text.Invariant(rule.ExclusiveMinimum!.Value));
        }

        if ((failures & NumberFailures.ExclusiveMaximum) != 0)
        {
            AddError("exclusiveMaximum", value + " is not less than the exclusiveMaximum " + Text.Invariant(rule.ExclusiveMaximum!.Value));
        }

        if ((failures & NumberFailures.MultipleOf) != 0)
        {
            AddError("multipleOf", value + " is not a multiple of " + Text.Invariant(rule.MultipleOf!.Value));
        }

        return false;
    }

    // ---------------------------------------------------------------- enum and const

    /// <summary>Checks <c>enum</c> or <c>const</c> (as the rule's keyword says) against the value the reader is on.</summary>
    /// <param name="reader">The reader, on the value's first token (not advanced; containers are read from a copy).</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value equals an allowed value.</returns>
    public bool CheckEnum(scoped ref Utf8JsonReader reader, EnumRule rule)
    {
        if (rule.Matches(ref reader))
        {
            return true;
        }

        if (!CountOnly())
        {
            AddError(rule.Keyword, rule.Describe(Text.DescribeToken(ref reader, withKind: false)));
        }

        return false;
    }

    /// <summary>Checks <c>const</c> (or <c>enum</c>: the rule's keyword decides) against the value the reader is on; the same as <see cref="CheckEnum(ref Utf8JsonReader, EnumRule)"/>.</summary>
    /// <param name="reader">The reader, on the value's first token (not advanced).</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value equals the allowed value.</returns>
    public bool CheckConst(scoped ref Utf8JsonReader reader, EnumRule rule) => CheckEnum(ref reader, rule);

    /// <summary>Checks <c>enum</c>/<c>const</c> against a string (<see langword="null"/> is the JSON <c>null</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(string? value, EnumRule rule)
        => rule.Matches(value) || FailEnum(rule, Text.Quote(value));

    /// <summary>Checks <c>enum</c>/<c>const</c> against a <see cref="decimal"/> (compared by value: 1 equals 1.0).</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(decimal value, EnumRule rule)
        => rule.Matches(JsonNumber.FromDecimal(value)) || FailEnum(rule, Text.Invariant(value));

    /// <summary>Checks <c>enum</c>/<c>const</c> against a <see cref="long"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(long value, EnumRule rule)
        => rule.Matches(JsonNumber.FromDecimal(value)) || FailEnum(rule, Text.Invariant(value));

    /// <summary>Checks <c>enum</c>/<c>const</c> against a <see cref="double"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(double value, EnumRule rule)
        => (!double.IsNaN(value) && !double.IsInfinity(value) && rule.Matches(JsonNumber.FromDouble(value))) || FailEnum(rule, Text.Invariant(value));

    /// <summary>Checks <c>enum</c>/<c>const</c> against a <see cref="bool"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(bool value, EnumRule rule)
        => rule.Matches(value) || FailEnum(rule, value ? "true" : "false");

    /// <summary>Checks <c>enum</c>/<c>const</c> against any JSON value (JSON equality).</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed values.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckEnum(JsonElement value, EnumRule rule)
        => rule.Matches(value) || FailEnum(rule, value.ValueKind == JsonValueKind.Undefined ? "undefined" : Text.Truncate(value.GetRawText()));

    /// <summary>Checks <c>const</c> (or <c>enum</c>: the rule's keyword decides) against a string; the same as <see cref="CheckEnum(string, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(string? value, EnumRule rule) => CheckEnum(value, rule);

    /// <summary>Checks <c>const</c> against a <see cref="decimal"/>; the same as <see cref="CheckEnum(decimal, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(decimal value, EnumRule rule) => CheckEnum(value, rule);

    /// <summary>Checks <c>const</c> against a <see cref="long"/>; the same as <see cref="CheckEnum(long, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(long value, EnumRule rule) => CheckEnum(value, rule);

    /// <summary>Checks <c>const</c> against a <see cref="double"/>; the same as <see cref="CheckEnum(double, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(double value, EnumRule rule) => CheckEnum(value, rule);

    /// <summary>Checks <c>const</c> against a <see cref="bool"/>; the same as <see cref="CheckEnum(bool, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(bool value, EnumRule rule) => CheckEnum(value, rule);

    /// <summary>Checks <c>const</c> against any JSON value; the same as <see cref="CheckEnum(JsonElement, EnumRule)"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="rule">The allowed value.</param>
    /// <returns><see langword="true"/> when the value is allowed.</returns>
    public bool CheckConst(JsonElement value, EnumRule rule) => CheckEnum(value, rule);

    private bool FailEnum(EnumRule rule, string shown)
    {
        if (!CountOnly())
        {
            AddError(rule.Keyword, rule.Describe(shown));
        }

        return false;
    }

    // ---------------------------------------------------------------- objects and arrays

    /// <summary>Checks <c>minProperties</c> and <c>maxProperties</c>.</summary>
    /// <param name="count">The number of properties of the object.</param>
    /// <param name="min">The <c>minProperties</c> keyword, or <see langword="null"/>.</param>
    /// <param name="max">The <c>maxProperties</c> keyword, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both pass.</returns>
    public bool CheckPropertyCount(int count, int? min, int? max)
    {
        if (count < min)
        {
            return Fail("minProperties", "object has " + Plural(count, "property", "properties") + ", fewer than minProperties " + min.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (count > max)
        {
            return Fail("maxProperties", "object has " + Plural(count, "property", "properties") + ", more than maxProperties " + max.Value.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    /// <summary>Checks <c>minItems</c> and <c>maxItems</c>.</summary>
    /// <param name="count">The number of items of the array.</param>
    /// <param name="min">The <c>minItems</c> keyword, or <see langword="null"/>.</param>
    /// <param name="max">The <c>maxItems</c> keyword, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both pass.</returns>
    public bool CheckItemCount(int count, int? min, int? max)
    {
        if (count < min)
        {
            return Fail("minItems", "array has " + Plural(count, "item", "items") + ", fewer than minItems " + min.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (count > max)
        {
            return Fail("maxItems", "array has " + Plural(count, "item", "items") + ", more than maxItems " + max.Value.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    /// <summary>Reports a missing required property (keyword <c>required</c>) at the current path (the object).</summary>
    /// <param name="propertyName">The property's JSON name.</param>
    public void ReportMissing(string propertyName)
    {
        if (!CountOnly())
        {
            AddError("required", "required property " + Text.Quote(propertyName) + " is missing");
        }
    }

    /// <summary>Checks a serialized size against a byte limit (keyword <c>x-ec-max-bytes</c>).</summary>
    /// <param name="byteCount">The size of the serialized value in UTF-8 bytes.</param>
    /// <param name="max">The largest size allowed, in bytes.</param>
    /// <returns><see langword="true"/> when the size is within the limit.</returns>
    public bool CheckMaxBytes(long byteCount, int max)
    {
        if (byteCount <= max)
        {
            return true;
        }

        return Fail("x-ec-max-bytes", "serialized value is " + byteCount.ToString(CultureInfo.InvariantCulture) + " bytes, more than the limit of " + max.ToString(CultureInfo.InvariantCulture) + " bytes");
    }

    /// <summary>
    /// Checks <c>x-ec-max-bytes</c> against the value the reader is on, measured as the value serialized as compact
    /// UTF-8 JSON the way the generated serializer writes it (<see cref="PayloadSize.MeasureJson"/>): insignificant
    /// whitespace and the input's choice of escapes do not count.
    /// </summary>
    /// <param name="start">A reader on the first token of the value (not advanced; a copy is read).</param>
    /// <param name="max">The largest size allowed, in bytes.</param>
    /// <returns><see langword="true"/> when the size is within the limit.</returns>
    public bool CheckMaxBytes(scoped ref Utf8JsonReader start, int max)
        => CheckMaxBytes(PayloadSize.MeasureJson(ref start), max);

    /// <summary>
    /// Checks <c>x-ec-max-bytes</c> like <see cref="CheckMaxBytes(ref Utf8JsonReader, int)"/>, given also the reader
    /// on the value's last token: when the input's bytes are already what the serializer would write (no escapes,
    /// no non-ASCII, only insignificant whitespace to drop) the size is read off the input without re-writing it.
    /// </summary>
    /// <param name="start">A reader on the first token of the value (not advanced).</param>
    /// <param name="end">The reader on the value's last token.</param>
    /// <param name="max">The largest size allowed, in bytes.</param>
    /// <returns><see langword="true"/> when the size is within the limit.</returns>
    public bool CheckMaxBytes(scoped ref Utf8JsonReader start, scoped ref Utf8JsonReader end, int max)
    {
        long from = start.TokenStartIndex;
        long to = end.BytesConsumed;
        if (!start.HasValueSequence && from >= 0 && to <= _json.Length && to > from)
        {
            ReadOnlySpan<byte> slice = _json.Slice((int)from, (int)(to - from));

            // Plain text only loses whitespace when written compactly: within the limit as it stands is within it.
            if (slice.Length <= max && PayloadSize.IsPlain(slice))
            {
                return true;
            }

            if (PayloadSize.TryMeasurePlain(slice, out long size))
            {
                return CheckMaxBytes(size, max);
            }
        }

        return CheckMaxBytes(ref start, max);
    }

    /// <summary>Reports a property that <c>additionalProperties</c> does not allow, at the current path; the message names the property.</summary>
    /// <remarks>JSON Schema reports this at the object: call it before pushing the property. If the property is already pushed, the path points at the property instead.</remarks>
    /// <param name="reader">The reader, on the property's name token.</param>
    public void ReportAdditionalProperty(scoped ref Utf8JsonReader reader)
    {
        if (!CountOnly())
        {
            AddError("additionalProperties", "property " + Text.Quote(Text.StringValue(ref reader)) + " is not allowed");
        }
    }

    /// <summary>Reports a property that <c>additionalProperties</c> does not allow, at the current path; the message names the property.</summary>
    /// <param name="name">The property's JSON name.</param>
    public void ReportAdditionalProperty(string name)
    {
        if (!CountOnly())
        {
            AddError("additionalProperties", "property " + Text.Quote(name) + " is not allowed");
        }
    }

    /// <summary>Checks <c>uniqueItems</c> against the array the reader is on (items compared with JSON equality; allocates).</summary>
    /// <param name="reader">The reader, on a <see cref="JsonTokenType.StartArray"/> token (not advanced; other tokens pass).</param>
    /// <returns><see langword="true"/> when no two items are equal.</returns>
    public bool CheckUniqueItems(scoped ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return true;
        }

        Utf8JsonReader copy = reader;
        using JsonDocument document = JsonDocument.ParseValue(ref copy);
        var items = new List<JsonElement>();
        foreach (JsonElement item in document.RootElement.EnumerateArray())
        {
            items.Add(item);
        }

        var hashes = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            hashes[i] = ContractEquality.JsonHash(items[i]);
        }

        for (int i = 1; i < items.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (hashes[i] == hashes[j] && ContractEquality.JsonEquals(items[i], items[j]))
                {
                    return FailUnique(j, i);
                }
            }
        }

        return true;
    }

    /// <summary>Checks <c>uniqueItems</c> against a list.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items (<see langword="null"/> passes).</param>
    /// <param name="comparer">The item comparer; by default the one <see cref="ContractEquality"/> uses (JSON equality for <see cref="JsonElement"/>).</param>
    /// <returns><see langword="true"/> when no two items are equal.</returns>
    public bool CheckUniqueItems<T>(IReadOnlyList<T> items, IEqualityComparer<T>? comparer = null)
    {
        if (items is null || items.Count < 2)
        {
            return true;
        }

        comparer ??= ContractEquality.ComparerFor<T>();
        for (int i = 1; i < items.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (comparer.Equals(items[i], items[j]))
                {
                    return FailUnique(j, i);
                }
            }
        }

        return true;
    }

    private bool FailUnique(int first, int second)
        => Fail("uniqueItems", "items " + first.ToString(CultureInfo.InvariantCulture) + " and " + second.ToString(CultureInfo.InvariantCulture) + " are equal; uniqueItems requires distinct items");

    // ---------------------------------------------------------------- combinators and malformed input

    /// <summary>Reports a failed <c>allOf</c>, <c>anyOf</c> or <c>oneOf</c> at the current path.</summary>
    /// <param name="keyword"><c>allOf</c>, <c>anyOf</c> or <c>oneOf</c>.</param>
    /// <param name="matched">How many alternatives matched.</param>
    public void ReportCombinator(string keyword, int matched)
    {
        if (CountOnly())
        {
            return;
        }

        string message;
        switch (keyword)
        {
            case "anyOf":
                message = "value matches none of the anyOf alternatives";
                break;
            case "oneOf":
                message = matched == 0
                    ? "value matches none of the oneOf alternatives"
                    : "value matches " + matched.ToString(CultureInfo.InvariantCulture) + " oneOf alternatives; exactly one must match";
                break;
            case "allOf":
                message = "value matches only " + matched.ToString(CultureInfo.InvariantCulture) + " of the allOf schemas; all must match";
                break;
            default:
                message = "value does not satisfy " + keyword + " (" + matched.ToString(CultureInfo.InvariantCulture) + " matched)";
                break;
        }

        AddError(keyword, message);
    }

    /// <summary>Reports malformed JSON (keyword <c>json</c>) with its line and byte position; ends any probe.</summary>
    /// <param name="ex">The exception the reader threw.</param>
    public void ReportInvalidJson(JsonException ex)
    {
        _probeDepth = 0;
        _probeErrors = 0;
        string detail = ex?.Message ?? "malformed JSON";
        int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            detail = detail.Substring(0, cut);
        }

        string message = ex?.LineNumber is long line
            ? "malformed JSON at line " + (line + 1).ToString(CultureInfo.InvariantCulture) + ", byte " + ((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture) + ": " + detail
            : "malformed JSON: " + detail;
        AddError("json", message);
    }

    /// <summary>Reports input the reader rejected with an <see cref="InvalidOperationException"/> (for example invalid UTF-8 in a string) as malformed JSON (keyword <c>json</c>); ends any probe.</summary>
    /// <param name="ex">The exception the reader threw.</param>
    public void ReportInvalidJson(InvalidOperationException ex)
    {
        _probeDepth = 0;
        _probeErrors = 0;
        AddError("json", "malformed JSON: " + (ex?.Message ?? "invalid input"));
    }

    /// <summary>After the root value, checks that nothing but white space follows (a reader with default options throws for trailing content; this also catches it when it does not).</summary>
    /// <param name="reader">The reader, on the root value's last token.</param>
    /// <returns><see langword="true"/> when the input ends after the root value.</returns>
    public bool CheckEndOfInput(scoped ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        if (reader.Read())
        {
            return Fail("json", "unexpected content after the JSON value at byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    // ---------------------------------------------------------------- helpers

    private bool Fail(string keyword, string message)
    {
        if (!CountOnly())
        {
            AddError(keyword, message);
        }

        return false;
    }

    private static string Plural(int count, string one, string many)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static string TypeNames(JsonTypes allowed)
    {
        var names = new List<string>(7);
        if ((allowed & JsonTypes.Object) != 0) names.Add("object");
        if ((allowed & JsonTypes.Array) != 0) names.Add("array");
        if ((allowed & JsonTypes.String) != 0) names.Add("string");
        if ((allowed & JsonTypes.Number) != 0) names.Add("number");
        else if ((allowed & JsonTypes.Integer) != 0) names.Add("integer");
        if ((allowed & JsonTypes.Boolean) != 0) names.Add("boolean");
        if ((allowed & JsonTypes.Null) != 0) names.Add("null");
        if (names.Count == 0)
        {
            return "nothing";
        }

        if (names.Count == 1)
        {
            return names[0];
        }

        var builder = new StringBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(i == names.Count - 1 ? " or " : ", ");
            }

            builder.Append(names[i]);
        }

        return builder.ToString();
    }
}
