using System.Threading.Tasks;
using EventContracts.CodeFixes;
using EventContracts.Generators.Analyzers;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = EventContracts.Analyzers.Tests.AnalyzerVerifier<EventContracts.Generators.Analyzers.EventPropertiesAnalyzer>;

namespace EventContracts.Analyzers.Tests;

public sealed class PropertiesTests
{
    private static string Call(string statements) => $$"""
        using System.Collections.Generic;

        namespace Consumer
        {
            public static class Program
            {
                private const string Amount = "19.99";

                private const string BadKey = "bad key";

                public static void Run(string text, decimal amount, object anything)
                {
                    {{statements}}
                }
            }
        }
        """;

    [Fact]
    public Task Valid_properties_are_not_reported()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = 19.99m, ["currency"] = "USD", ["items"] = 3 });
            Tracker.Track("Order Completed", new { revenue = amount, note = text, flag = true });
            Tracker.Track("Cart Viewed", new { size = 2, label = text, other = anything });
            Tracker.Track("Unknown Event", new { revenue = "19.99" });
            Tracker.Track(text, new { revenue = "19.99" });
            """));

    [Fact]
    public Task EC3001_reserved_property_with_the_wrong_type_in_an_anonymous_object()
        => Verify.VerifyAsync(
            Call("""Tracker.Track("Order Completed", new { {|#0:revenue = "19.99"|} });"""),
            expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3001", DiagnosticSeverity.Error).WithLocation(0)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("revenue", "Order Completed", "string", "CustomerIo", "'properties' object", "number", " (reserved: revenue amount (decimal number) in `currency`; US dollars when `currency` is absent)"));

    [Fact]
    public Task EC3001_reserved_property_with_the_wrong_type_in_a_dictionary()
        => Verify.VerifyAsync(Call("""Tracker.Track("Order Completed", new Dictionary<string, object?> { {|EC3001:["revenue"] = "19.99"|}, ["currency"] = "EUR" });"""));

    [Fact]
    public Task EC3001_code_fix_writes_a_string_that_spells_the_destination_s_type_as_that_type()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                Tracker.Track("Order Completed", new { {|EC3001:revenue = "19.99"|}, note = "x" });
                Tracker.Track("Order Completed", new Dictionary<string, object?> { {|EC3001:["revenue"] = "20"|}, ["currency"] = "EUR" });
                Tracker.Track("Order Completed", new Dictionary<string, object> { {|EC3001:{ "revenue", /* amount */ "-0.50" }|} });
                Tracker.Track("Order Completed", new { {|EC3001:revenue = "12345678901"|} });
                """),
            Call("""
                Tracker.Track("Order Completed", new { revenue = 19.99m, note = "x" });
                Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = 20, ["currency"] = "EUR" });
                Tracker.Track("Order Completed", new Dictionary<string, object> { { "revenue", /* amount */ -0.50m } });
                Tracker.Track("Order Completed", new { revenue = 12345678901L });
                """));

    [Fact]
    public Task EC3001_code_fix_is_not_offered_where_the_type_cannot_change_or_the_string_is_not_a_number()
    {
        // A Dictionary<string, string> keeps strings; "19,99", "1e3", "NaN" and a constant declared elsewhere are left to the author.
        string source = Call("""
            Tracker.Track("Order Completed", new Dictionary<string, string> { {|EC3001:["revenue"] = "19.99"|} });
            Tracker.Track("Order Completed", new { {|EC3001:revenue = "19,99"|} });
            Tracker.Track("Order Completed", new { {|EC3001:revenue = "1e3"|} });
            Tracker.Track("Order Completed", new { {|EC3001:revenue = "NaN"|} });
            Tracker.Track("Order Completed", new { {|EC3001:revenue = Amount|} });
            Tracker.Track("Order Completed", new { {|EC3001:revenue = text|} });
            """);
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source);
    }

    [Fact]
    public Task EC3001_code_fix_is_not_offered_for_an_anonymous_member_the_code_reads_as_a_string()
    {
        // string text = props.revenue; would no longer compile (CS0029) with revenue = 19.99m.
        string source = Call("""
            var props = new { revenue = "19.99" };
            Tracker.Track("Order Completed", {|EC3001:props|});
            string paid = props.revenue;
            """);
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source);
    }

    [Theory]
    [InlineData("19.99", "Number", "19.99m")]
    [InlineData("19.990", "Number", "19.990m")]
    [InlineData("7", "Number", "7")]
    [InlineData("7.0", "Integer", "7")]
    [InlineData("7.5", "Integer", null)]
    [InlineData("-2147483649", "Integer", "-2147483649L")]
    [InlineData("99999999999999999999", "Number", "99999999999999999999m")]
    [InlineData("0.123456789012345678901234567", "Number", "0.123456789012345678901234567m")]
    [InlineData("0.1234567890123456789012345678", "Number", null)]
    [InlineData("01", "Number", null)]
    [InlineData("+1", "Number", null)]
    [InlineData(" 1", "Number", null)]
    [InlineData("1.", "Number", null)]
    [InlineData("true", "Boolean", "true")]
    [InlineData("true", "Number", null)]
    [InlineData("1", "Boolean", null)]
    public void A_string_becomes_the_literal_it_spells_exactly(string text, string declared, string? expected)
        => Assert.Equal(expected, EventPropertiesAnalyzer.CSharpLiteral(text, (JsonTypeSet)System.Enum.Parse(typeof(JsonTypeSet), declared)));

    [Fact]
    public Task Destination_checks_and_their_fixes_read_a_local_through_the_statements_that_fill_it()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                var properties = new Dictionary<string, object> { ["size"] = 2 };
                properties["-tag"] = "x";
                properties.Add("bad key", 1);
                Tracker.Track("Cart Viewed", {|EC3002:{|EC3002:properties|}|});
                """),
            Call("""
                var properties = new Dictionary<string, object> { ["size"] = 2 };
                properties["tag"] = "x";
                properties.Add("bad_key", 1);
                Tracker.Track("Cart Viewed", properties);
                """));

    [Fact]
    public Task Fixes_leave_the_keys_and_values_of_a_dictionary_the_code_also_looks_up_or_reads()
    {
        // Each fix would compile and then break at run time: data["product id"] would throw KeyNotFoundException,
        // ContainsKey("-tag") would always be false, (string)props["revenue"] an InvalidCastException.
        string source = Call("""
            var data = new Dictionary<string, object> { ["product id"] = text };
            Tracker.Track("Cart Viewed", {|EC3002:data|});
            System.Console.WriteLine(data["product id"]);

            var tagged = new Dictionary<string, object> { ["size"] = 2 };
            if (!tagged.ContainsKey("-tag")) tagged["-tag"] = "none";
            Tracker.Track("Cart Viewed", {|EC3002:tagged|});

            var props = new Dictionary<string, object> { ["revenue"] = "19.99", ["currency"] = "EUR" };
            Tracker.Track("Order Completed", {|EC3001:props|});
            System.Console.WriteLine(((string)props["revenue"]).Length);
            """);
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source);
    }

    [Fact]
    public Task EC3002_code_fix_gives_the_writes_of_a_key_in_branches_one_name_and_others_their_own()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                var properties = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) properties["-tag"] = "x"; else properties["-tag"] = "y";
                Tracker.Track("Cart Viewed", {|EC3002:{|EC3002:properties|}|});

                var both = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) both["tag"] = "x";
                if (amount > 0) both["-tag"] = "y";
                Tracker.Track("Cart Viewed", {|EC3002:both|});

                var either = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) either["tag"] = "x"; else if (amount > 0) either["-tag"] = "y";
                Tracker.Track("Cart Viewed", {|EC3002:either|});

                var chosen = new Dictionary<string, object> { ["size"] = 2 };
                switch (text.Length)
                {
                    case 0: chosen["tag"] = "x"; break;
                    case 1: chosen["-tag"] = "y"; break;
                    default: chosen["-tag"] = "z"; break;
                }

                Tracker.Track("Cart Viewed", {|EC3002:{|EC3002:chosen|}|});
                """),
            Call("""
                var properties = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) properties["tag"] = "x"; else properties["tag"] = "y";
                Tracker.Track("Cart Viewed", properties);

                var both = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) both["tag"] = "x";
                if (amount > 0) both["tag_2"] = "y";
                Tracker.Track("Cart Viewed", both);

                var either = new Dictionary<string, object> { ["size"] = 2 };
                if (text.Length > 0) either["tag"] = "x"; else if (amount > 0) either["tag"] = "y";
                Tracker.Track("Cart Viewed", either);

                var chosen = new Dictionary<string, object> { ["size"] = 2 };
                switch (text.Length)
                {
                    case 0: chosen["tag"] = "x"; break;
                    case 1: chosen["tag"] = "y"; break;
                    default: chosen["tag"] = "z"; break;
                }

                Tracker.Track("Cart Viewed", chosen);
                """));

    [Fact]
    public Task EC3002_key_not_allowed_by_PushEngage()
        => Verify.VerifyAsync(Call("""Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:["-size"] = 2|}, ["ok_key-1"] = 1 }); Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:{ "bad key", 1 }|}, { "fine", 2 } });"""));

    [Fact]
    public Task EC3002_code_fix_renames_the_key_to_one_every_destination_accepts()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call(""""
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:["-size"] = 2|}, ["ok_key-1"] = 1 });
                Tracker.Track("Order Completed", new Dictionary<string, object> { {|EC3002:{ "bad key", 1 }|}, {|EC3002:{ "Ürün", 2 }|} });
                Tracker.Track("Cart Viewed", new { {|EC3002:_tag = 1|}, size = 2 });
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:[@"-colour"] = "red"|}, {|EC3002:["""-shade"""] = 1|} });
                """"),
            Call(""""
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["size"] = 2, ["ok_key-1"] = 1 });
                Tracker.Track("Order Completed", new Dictionary<string, object> { { "bad_key", 1 }, { "Urun", 2 } });
                Tracker.Track("Cart Viewed", new { tag = 1, size = 2 });
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { [@"colour"] = "red", ["""shade"""] = 1 });
                """"));

    [Fact]
    public Task EC3002_code_fixes_of_one_call_never_give_two_keys_one_name()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:["discount %"] = 10|}, {|EC3002:["discount $"] = 5|} });
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:["-size"] = 1|}, ["size"] = 2, ["size_2"] = 3 });
                Tracker.Track("Cart Viewed", new { {|EC3002:_src = 1|}, {|EC3002:__src = 2|} });
                """),
            Call("""
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["discount"] = 10, ["discount_2"] = 5 });
                Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["size_3"] = 1, ["size"] = 2, ["size_2"] = 3 });
                Tracker.Track("Cart Viewed", new { src = 1, src_2 = 2 });
                """));

    [Fact]
    public Task EC3002_code_fix_is_not_offered_for_a_name_without_letters_or_a_constant_key()
    {
        string source = Call("""
            Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:["!!!"] = 1|} });
            Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3002:[BadKey] = 1|} });
            Tracker.Track("Cart Viewed", new { {|EC3002:_ = 1|} });
            """);
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source);
    }

    [Theory]
    [InlineData("bad key", 255, "bad_key")]
    [InlineData("a.b..c", 255, "a_b_c")]
    [InlineData("-_x", 255, "x")]
    [InlineData("size!", 255, "size")]
    [InlineData("size_", 255, null)]
    [InlineData("Crème brûlée", 255, "Creme_brulee")]
    [InlineData("Größe Łódź", 255, "Grosse_Lodz")]
    [InlineData("🛒 cart", 255, "cart")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("!!!", 255, null)]
    [InlineData("ok", 255, null)]
    public void A_refused_key_becomes_a_plain_name(string key, int maxLength, string? expected)
        => Assert.Equal(expected, EventPropertiesAnalyzer.SanitizedName(key, maxLength));

    [Fact]
    public Task A_key_with_a_line_break_is_quoted_on_one_line()
        => Verify.VerifyAsync(
            Call("""Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|#0:["bad\nkey"] = 2|} });"""),
            expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3002", DiagnosticSeverity.Error).WithLocation(0)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Property 'bad\\nkey' of event 'Cart Viewed' cannot be sent to PushEngage: its property names must match ^[A-Za-z0-9][A-Za-z0-9_-]*$"));

    [Fact]
    public Task EC3003_nested_object_and_array_not_allowed_by_PushEngage()
        => Verify.VerifyAsync(Call("""Tracker.Track("Cart Viewed", new { {|EC3003:item = new { sku = "a" }|}, {|EC3003:tags = new[] { "a", "b" }|}, {|EC3003:missing = (string?)null|} });"""));

    [Fact]
    public Task EC3003_a_constant_string_longer_than_PushEngage_s_255_characters()
    {
        string fits = new('x', 255);
        string over = new('\u00e9', 256);
        return Verify.VerifyAsync(
            Call("Tracker.Track(\"Cart Viewed\", new { note = \"" + fits + "\", {|#0:bio = \"" + over + "\"|} });"),
            expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3003", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Property 'bio' of event 'Cart Viewed' is a string of 256 characters, but PushEngage accepts only strings of at most 255 characters in its 'data' object"));
    }

    [Fact]
    public Task EC4004_constant_payload_over_the_limit()
    {
        string big = new('x', 4100);
        return Verify.VerifyAsync(Call("Tracker.Track(\"Cart Viewed\", {|EC4004:new Dictionary<string, object> { {|EC3003:[\"note\"] = \"" + big + "\"|} }|});"));
    }

    [Fact]
    public Task EC4004_not_reported_under_the_limit_or_for_a_non_constant_value()
    {
        string fits = new('x', 3900);
        return Verify.VerifyAsync(Call("Tracker.Track(\"Cart Viewed\", new Dictionary<string, object> { {|EC3003:[\"note\"] = \"" + fits + "\"|} }); Tracker.Track(\"Cart Viewed\", new { note = text });"));
    }

    [Fact]
    public Task EC3005_currency_that_is_not_an_ISO_4217_code()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Order Completed", new { revenue = 19.99m, {|EC3005:currency = "EURO"|} });
            Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = 1m, {|EC3005:["currency"] = "usd"|} });
            Tracker.Track("Order Completed", new { revenue = 19.99m, currency = "EUR" });
            Tracker.Track("Order Completed", new { revenue = 19.99m, currency = text });
            """));

    [Fact]
    public Task EC3004_property_named_like_an_envelope_field()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Order Completed", new { revenue = 19.99m, {|EC3004:userId = "u-1"|} });
            Tracker.Track("Order Completed", new { revenue = 19.99m, user = "u-1" });
            """));

    [Fact]
    public Task Properties_passed_to_a_record_primary_constructor_are_checked()
        => Verify.VerifyAsync("""
            namespace Consumer
            {
                using EventContracts.Delivery;

                public sealed record AnalyticsEvent([EventName] string Name, [EventProperties] object? Properties = null);

                public static class Program
                {
                    public static void Run()
                    {
                        var a = new AnalyticsEvent("Cart Viewed", new { {|EC3003:cart = new { a = 1 }|} });
                        AnalyticsEvent b = new("Order Completed", new { {|EC3001:revenue = "19.99"|} });
                    }
                }
            }
            """);

    [Fact]
    public Task A_repeated_key_counts_once_with_its_last_indexer_value()
    {
        string half = new('x', 2500);
        return Verify.VerifyAsync(Call("""
            Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = "oops", ["revenue"] = 19.99m });
            Tracker.Track("Order Completed", new Dictionary<string, object?> { ["revenue"] = 19.99m, {|EC3001:["revenue"] = "oops"|} });
            Tracker.Track("Cart Viewed", new Dictionary<string, object> { ["note"] = "HALF", {|EC3003:["note"] = "HALF"|} });
            Tracker.Track("Cart Viewed", new Dictionary<string, object> { {|EC3003:{ "note", "HALF" }|}, { "note", "HALF" } });
            Tracker.Track("Cart Viewed", {|EC4004:new Dictionary<string, object> { {|EC3003:["note"] = "HALF"|}, {|EC3003:["other"] = "HALF"|} }|});
            """.Replace("HALF", half, System.StringComparison.Ordinal)));
    }

    [Fact]
    public Task An_application_s_record_class_or_struct_is_an_object_and_a_type_with_its_own_converter_is_not_judged()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Consumer
            {
                public sealed record Shoe(string Sku, int Size);

                public struct Point { public int X { get; set; } }

                [JsonConverter(typeof(SkuConverter))]
                public sealed class Sku { public string Value { get; set; } = ""; }

                public sealed class SkuConverter : JsonConverter<Sku>
                {
                    public override Sku Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => new Sku { Value = reader.GetString()! };

                    public override void Write(Utf8JsonWriter writer, Sku value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
                }

                public static class Program
                {
                    public static void Run(Shoe shoe, Point point, Sku sku, System.TimeSpan wait)
                    {
                        Tracker.Track("Cart Viewed", new Dictionary<string, object?> { {|EC3003:["product"] = shoe|}, ["sku"] = sku, ["wait"] = wait });
                        Tracker.Track("Cart Viewed", new { {|EC3003:product = shoe|}, {|EC3003:at = point|}, sku });
                    }
                }
            }
            """);

    [Fact]
    public Task Bytes_are_a_base64_string_and_other_arrays_are_arrays()
        => Verify.VerifyAsync(Call("""
            Tracker.Track("Cart Viewed", new
            {
                bytes = new byte[] { 1, 2 },
                memory = new System.Memory<byte>(new byte[] { 1 }),
                readOnly = new System.ReadOnlyMemory<byte>(new byte[] { 1 }),
                {|EC3003:signed = new sbyte[] { 1 }|},
                {|EC3003:segment = new System.ArraySegment<byte>(new byte[] { 1 })|},
                {|EC3003:jagged = new byte[][] { new byte[] { 1 } }|},
            });
            """));

    [Fact]
    public void String_sizes_agree_with_System_Text_Json_for_every_UTF16_unit()
    {
        var strings = new System.Collections.Generic.List<string> { string.Empty, "\uD83D\uDE00", "a\uDC00b", "<a href='x'>&amp;</a> + `DEL\u007F` \"q\" \\ \r\n" };
        for (int c = 0; c <= char.MaxValue; c++)
        {
            strings.Add(((char)c).ToString());
        }

        foreach (string value in strings)
        {
            long expected = System.Text.Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(value));
            string units = string.Join(" ", System.Linq.Enumerable.Select(value, c => "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(expected == Generators.Analyzers.EventPropertiesAnalyzer.JsonStringLength(value), $"[{units}]: System.Text.Json writes {expected} bytes");
        }
    }

    [Fact]
    public Task EC4004_counts_DEL_as_the_six_bytes_of_its_escape()
    {
        string value = new string('a', 3987) + "\\u007F";
        return Verify.VerifyAsync(
            Call("Tracker.Track(\"Cart Viewed\", {|#0:new Dictionary<string, object> { {|#1:[\"k\"] = \"" + value + "\"|} }|});"),
            expected: new[]
            {
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC4004", DiagnosticSeverity.Error).WithLocation(0)
                    .WithArguments("Cart Viewed", "4001", "PushEngage", "4000", "'data' object"),
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3003", DiagnosticSeverity.Error).WithLocation(1),
            });
    }

    private const string VendorRecords = """

        namespace EventContracts.Generated
        {
            public sealed partial record PushEngageRequest
            {
                public required string EventName { get; init; }
                public string? ProfileId { get; init; }
                public System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Data { get; init; }
            }

            public sealed partial record CustomerIoRequest
            {
                public required string Event { get; init; }
                public string? Timestamp { get; init; }
                public CustomerIoEventProperties? Properties { get; init; }
            }

            public sealed partial record CustomerIoEventProperties
            {
                public decimal? Revenue { get; init; }
                public string? Currency { get; init; }
            }
        }

        namespace Consumer
        {
            public sealed record PushEngageRequest
            {
                public string? EventName { get; init; }
            }
        }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult ContractMismatch(int location, string key, string record, string contract, string problem)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3009", DiagnosticSeverity.Warning).WithLocation(location)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Property '" + key + "'", record, contract, problem);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task EC3009_and_EC3005_report_a_constant_a_vendor_request_record_or_an_object_in_it_gets_that_the_contract_refuses(bool withPlan)
        => Verify.VerifyWithFilesAsync(
            Call("""
                var ok = new EventContracts.Generated.PushEngageRequest { EventName = "Cart Viewed", ProfileId = text };
                var reserved = new EventContracts.Generated.PushEngageRequest { {|#0:EventName = "PushEngage.Cart"|} };
                var renamed = ok with { {|#1:EventName = "An Event Name Much Longer Than The Sixty Four Characters PushEngage Keeps"|} };
                var chosen = ok with { {|#2:EventName = text.Length > 3 ? "Cart Viewed" : "PushEngage.Other"|} };
                var order = new EventContracts.Generated.CustomerIoRequest
                {
                    Event = "Order Completed",
                    {|#3:Timestamp = "yesterday"|},
                    Properties = new EventContracts.Generated.CustomerIoEventProperties { Revenue = 19.99m, {|#4:Currency = "eur"|} },
                };
                var fine = order with { Timestamp = "2024-06-01T09:30:00Z", Properties = new EventContracts.Generated.CustomerIoEventProperties { Currency = "EUR" } };
                var other = new Consumer.PushEngageRequest { EventName = "PushEngage.Not.Generated" };
                var unknown = new EventContracts.Generated.CustomerIoEventProperties { {|#5:Currency = text.Length > 0 ? "XYZ" : "USD"|} };
                var price = System.Text.Json.JsonSerializer.SerializeToElement(9.99m);
                var data = new Dictionary<string, System.Text.Json.JsonElement> { ["price"] = price, [text] = price };
                var keyed = ok with { Data = new Dictionary<string, System.Text.Json.JsonElement> { ["price"] = price, {|#6:["-size"] = price|}, ["in_stock"] = price } };
                var filled = new Dictionary<string, System.Text.Json.JsonElement> { ["color"] = price };
                filled["bad key"] = price;
                var sent = ok with { Data = {|#7:filled|} };
                var unread = ok with { Data = data };
                """) + VendorRecords,
            Project.Files(withPlan),
            ContractMismatch(0, "event_name", "PushEngageRequest", "PushEngage", "'PushEngage.Cart' does not match its pattern ^(?!PushEngage\\.)"),
            ContractMismatch(1, "event_name", "PushEngageRequest", "PushEngage", "'An Event Name Much Longer Than The Sixty Four Characters PushEngage Keeps' has 73 characters, over its maxLength 64"),
            ContractMismatch(2, "event_name", "PushEngageRequest", "PushEngage", "'PushEngage.Other' does not match its pattern ^(?!PushEngage\\.)"),
            ContractMismatch(3, "timestamp", "CustomerIoRequest", "CustomerIo", "'yesterday' is not a valid date-time (its format)"),
            ContractMismatch(4, "currency", "CustomerIoEventProperties", "CustomerIo", "'eur' does not match its pattern ^[A-Z]{3}$"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("EC3005", DiagnosticSeverity.Error).WithLocation(5)
                .WithArguments("currency", "CustomerIoEventProperties", "XYZ", "ISO 4217", "CustomerIo"),
            ContractMismatch(6, "data.-size", "PushEngageRequest", "PushEngage", "its propertyNames rule refuses it: '-size' does not match its pattern ^[A-Za-z0-9][A-Za-z0-9_-]*$"),
            ContractMismatch(7, "data.bad key", "PushEngageRequest", "PushEngage", "its propertyNames rule refuses it: 'bad key' does not match its pattern ^[A-Za-z0-9][A-Za-z0-9_-]*$"));

    private const string ShopContract = """
        openapi: 3.0.3
        info: { title: Shop, version: "1" }
        paths:
          /events:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name: { type: string }
                        labels:
                          type: object
                          propertyNames: { enum: [color, size] }
                          additionalProperties: { type: string, enum: [red, blue, small] }
              responses:
                '202': { description: accepted }
        """;

    private static readonly ContractFile[] s_shopFiles = { new(Project.Directory + "shop.openapi.yaml", ShopContract, "EventContract", "Shop", "POST /events") };

    private static string ShopSource(string labels) => Call("var request = new EventContracts.Generated.ShopRequest { Name = \"n\", Labels = " + labels + " };") + """

        namespace EventContracts.Generated
        {
            public sealed partial record ShopRequest
            {
                public required string Name { get; init; }
                public System.Collections.Generic.IReadOnlyDictionary<string, string>? Labels { get; init; }
            }
        }
        """;

    [Fact]
    public Task EC3009_code_fix_renames_a_key_of_a_dictionary_given_to_a_vendor_record_to_the_name_of_propertyNames_it_looks_like_a_typo_of()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            ShopSource("""new Dictionary<string, string> { {|EC3009:["colour"] = "red"|}, {|EC3009:["sizes"] = "small"|} }"""),
            ShopSource("""new Dictionary<string, string> { ["color"] = "red", ["size"] = "small" }"""),
            files: s_shopFiles);

    [Fact]
    public Task EC3009_code_fix_writes_the_contract_s_value_a_string_in_a_dictionary_given_to_a_vendor_record_looks_like_a_typo_of()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            ShopSource("""new Dictionary<string, string> { ["size"] = "small", {|EC3009:["color"] = "blu"|} }"""),
            ShopSource("""new Dictionary<string, string> { ["size"] = "small", ["color"] = "blue" }"""),
            files: s_shopFiles);
}
