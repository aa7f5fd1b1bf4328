using System.Threading.Tasks;
using EventContracts.CodeFixes;
using EventContracts.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = EventContracts.Analyzers.Tests.AnalyzerVerifier<EventContracts.Generators.Analyzers.EventPropertiesAnalyzer>;

namespace EventContracts.Analyzers.Tests;

/// <summary>
/// EC3007 and EC3008: the properties a tracking call writes against the plan event's own schema ("Payment Submitted"
/// and "Search Performed" in <see cref="Project.SchemaPlan"/>).
/// </summary>
public sealed class PlanSchemaTests
{
    private static readonly System.Collections.Generic.IReadOnlyList<ContractFile> Files = Project.FilesWithSchemaPlan();

    private static string Call(string statements, string members = "") => $$"""
        using System.Collections.Generic;

        namespace Consumer
        {
            public static class Program
            {
                private const string Method = "card";

                public static void Run(string text, decimal amount, double ratio, int? maybe, object anything, Dictionary<string, object> copied)
                {
                    {{statements}}
                }

                {{members}}
            }
        }
        """;

    private static DiagnosticResult Mismatch(int location, string key, string evt, string problem)
        => new DiagnosticResult("EC3007", DiagnosticSeverity.Warning).WithLocation(location)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Property '" + key + "'", evt, problem);

    private static DiagnosticResult RecordMismatch(int location, string key, string record, string problem)
        => new DiagnosticResult("EC3007", DiagnosticSeverity.Warning).WithLocation(location)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage("Property '" + key + "' of record '" + record + "' does not match the tracking plan: " + problem);

    /// <summary><see cref="Call"/>'s source and a stand-in for a record the generator writes, with one member.</summary>
    private static string WithRecord(string statements, string record, string member) => Call(statements) + $$"""

        namespace EventContracts.Generated
        {
            public sealed partial record {{record}}
            {
                {{member}}
            }
        }
        """;

    /// <summary>The project's files and one more tracking plan.</summary>
    private static System.Collections.Generic.List<ContractFile> FilesAnd(string planFile, string plan)
        => System.Linq.Enumerable.ToList(System.Linq.Enumerable.Append(Files, new ContractFile(Project.Directory + planFile, plan, "TrackingPlan")));

    [Fact]
    public Task Calls_the_plan_accepts_are_not_reported()
        => Verify.VerifyWithFilesAsync(Call("""
            Tracker.Track("Payment Submitted", new { method = "card", amount = 12.5m });
            Tracker.Track("Payment Submitted", new { method = Method, amount, attempt = 5, coupon = "SPRING24", note = (string)null, speed = "express", currency = "EUR" });
            Tracker.Track("Payment Submitted", new { method = text, amount = ratio, attempt = maybe, note = text });
            Tracker.Track("Payment Submitted", new Dictionary<string, object?> { ["method"] = "paypal", ["amount"] = 0, ["attempt"] = 2.0 });
            Tracker.Track("Payment Submitted", new Dictionary<string, object?>(copied) { ["method"] = "paypal" });
            Tracker.Track("Payment Submitted", new Dictionary<string, object?> { [text] = 1, ["method"] = "paypal" });
            Tracker.Track("Payment Submitted", copied);
            Tracker.Track("Search Performed", new { query = text, filter_color = "red", filter_size = text });
            Tracker.Track("Search Performed", new { query = "shoes", other = anything, count = 3 });
            Tracker.Track("Account Created", new Dictionary<string, decimal?> { ["price"] = 'n', ["seats"] = 'd' });
            Tracker.Track("Account Created", new Dictionary<string, double?> { ["seats"] = 5L, ["price"] = 0.1f });
            """), Files);

    [Fact]
    public Task EC3007_reports_a_name_additionalProperties_false_refuses_with_the_declared_name_it_looks_like()
        => Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#0:metod = "card"|} });"""),
            Files,
            Mismatch(0, "metod", "Payment Submitted", "the event allows only the properties it declares (additionalProperties: false): 'method', 'amount', 'attempt', 'coupon', 'note', 'speed', 'currency'; did you mean 'method'?"));

    [Fact]
    public Task EC3007_reports_a_value_outside_the_enum_with_the_value_it_looks_like()
        => Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track("Payment Submitted", new Dictionary<string, object> { {|#0:["method"] = "PayPal"|}, ["amount"] = 1 });"""),
            Files,
            Mismatch(0, "method", "Payment Submitted", "'PayPal' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\"; did you mean 'paypal'?"));

    [Fact]
    public Task EC3007_reports_types_and_bounds_the_plan_refuses()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Payment Submitted", new { method = "card", {|#0:amount = "12"|} });
                Tracker.Track("Payment Submitted", new { method = "card", {|#1:amount = -1|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#2:attempt = 6|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#3:attempt = 1.5|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#4:coupon = "spring"|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#5:note = "a note far longer than twenty"|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#6:note = new { code = "EUR" }|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#7:attempt = text|} });
                """),
            Files,
            new[]
            {
                Mismatch(0, "amount", "Payment Submitted", "it is string and the plan allows number"),
                Mismatch(1, "amount", "Payment Submitted", "-1 is outside its minimum 0"),
                Mismatch(2, "attempt", "Payment Submitted", "6 is outside its maximum 5"),
                Mismatch(3, "attempt", "Payment Submitted", "it is number and the plan allows integer"),
                Mismatch(4, "coupon", "Payment Submitted", "'spring' does not match its pattern ^[A-Z0-9]{4,12}$"),
                Mismatch(5, "note", "Payment Submitted", "'a note far longer than twenty' has 29 characters, over its maxLength 20"),
                Mismatch(6, "note", "Payment Submitted", "it is object and the plan allows string or null"),
                Mismatch(7, "attempt", "Payment Submitted", "it is string and the plan allows integer"),
            });

    [Fact]
    public Task EC3007_reports_a_constant_outside_its_format_or_multipleOf()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Account Created", new { email = "ada@example.com", signed_up_at = "2024-06-01T09:30:00Z", seats = 10, price = 9.99m });
                Tracker.Track("Account Created", new { email = text, seats = maybe, price = amount });
                Tracker.Track("Account Created", new { {|#0:email = "ada@"|}, {|#1:signed_up_at = "2024-06-01 09:30"|} });
                Tracker.Track("Account Created", new Dictionary<string, object> { {|#2:["seats"] = 7|}, {|#3:["price"] = 9.999m|} });
                Tracker.Track("Account Created", new Dictionary<string, int?> { {|#4:["seats"] = 'a'|}, ["price"] = 'd' });
                """),
            Files,
            new[]
            {
                Mismatch(0, "email", "Account Created", "'ada@' is not a valid email (its format)"),
                Mismatch(1, "signed_up_at", "Account Created", "'2024-06-01 09:30' is not a valid date-time (its format)"),
                Mismatch(2, "seats", "Account Created", "7 is not a multiple of its multipleOf 5"),
                Mismatch(3, "price", "Account Created", "9.999 is not a multiple of its multipleOf 0.01"),
                Mismatch(4, "seats", "Account Created", "97 is not a multiple of its multipleOf 5"),
            });

    [Fact]
    public Task EC3007_reports_a_constant_a_plan_records_initializer_or_with_expression_gives_that_its_property_refuses()
        => Verify.VerifyWithFilesAsync(
            Call("""
                var ok = new EventContracts.Generated.AccountCreated { Email = "ada@example.com", SignedUpAt = "2024-06-01T09:30:00Z", Seats = 10, Price = 9.99m };
                var bad = new EventContracts.Generated.AccountCreated { {|#0:Email = "ada@"|}, {|#1:Seats = 7|}, Price = null, SignedUpAt = text };
                var changed = ok with { {|#2:Price = 9.999m|}, {|#3:Email = maybe is null ? "a@b.co" : "b@"|} };
                var other = new Consumer.AccountCreated { Email = "not checked" };
                """) + """

                namespace EventContracts.Generated
                {
                    public sealed partial record AccountCreated
                    {
                        public string? Email { get; init; }
                        public string? SignedUpAt { get; init; }
                        public long? Seats { get; init; }
                        public decimal? Price { get; init; }
                    }
                }

                namespace Consumer
                {
                    public sealed record AccountCreated
                    {
                        public string? Email { get; init; }
                    }
                }
                """,
            Files,
            new[]
            {
                Mismatch(0, "email", "Account Created", "'ada@' is not a valid email (its format)"),
                Mismatch(1, "seats", "Account Created", "7 is not a multiple of its multipleOf 5"),
                Mismatch(2, "price", "Account Created", "9.999 is not a multiple of its multipleOf 0.01"),
                Mismatch(3, "email", "Account Created", "'b@' is not a valid email (its format)"),
            });

    [Fact]
    public Task EC3007_reports_a_constant_that_the_record_of_an_object_in_a_plan_event_gets_and_its_schema_refuses()
        => Verify.VerifyWithFilesAsync(
            Call("""
                var fine = new EventContracts.Generated.OrderPlaced.ProductsItem { Sku = "A", Quantity = 1 };
                var item = new EventContracts.Generated.OrderPlaced.ProductsItem { Sku = "A", {|#0:Quantity = 0|} };
                var more = item with { Quantity = 2, Sku = text };
                var less = item with { {|#1:Quantity = maybe is null ? 1 : -1|} };
                var line = new EventContracts.Generated.LineItem { {|#2:Sku = ""|}, Quantity = 2 };
                var lines = new[] { new EventContracts.Generated.LineItem { Sku = "B", {|#3:Quantity = 0|} } };
                var other = new Consumer.LineItem { Sku = "" };
                """) + """

                namespace EventContracts.Generated
                {
                    public sealed partial record OrderPlaced
                    {
                        public sealed partial record ProductsItem
                        {
                            public string? Sku { get; init; }
                            public long? Quantity { get; init; }
                        }
                    }

                    public sealed partial record LineItem
                    {
                        public string? Sku { get; init; }
                        public long? Quantity { get; init; }
                    }
                }

                namespace Consumer
                {
                    public sealed record LineItem
                    {
                        public string? Sku { get; init; }
                    }
                }
                """,
            System.Linq.Enumerable.Append(Files, new ContractFile(Project.Directory + "shared-plan.yaml", """
                events:
                  - name: Basket Shared
                    properties:
                      type: object
                      properties:
                        lines: { type: array, items: { $ref: '#/definitions/LineItem' } }
                  - name: Basket Saved
                    properties:
                      type: object
                      properties:
                        line: { $ref: '#/definitions/LineItem' }
                definitions:
                  LineItem:
                    type: object
                    properties:
                      sku: { type: string, minLength: 1 }
                      quantity: { type: integer, minimum: 1 }
                """, "TrackingPlan")),
            new[]
            {
                RecordMismatch(0, "quantity", "OrderPlaced.ProductsItem", "0 is outside its minimum 1"),
                RecordMismatch(1, "quantity", "OrderPlaced.ProductsItem", "-1 is outside its minimum 1"),
                RecordMismatch(2, "sku", "LineItem", "'' has 0 characters, under its minLength 1"),
                RecordMismatch(3, "quantity", "LineItem", "0 is outside its minimum 1"),
            });

    [Fact]
    public Task EC3007_reports_the_names_values_and_count_of_a_dictionary_a_plan_record_gets_in_place()
        => Verify.VerifyWithFilesAsync(
            WithRecord("""
                var fine = new EventContracts.Generated.ScoresPosted { Scores = new Dictionary<string, long> { ["a"] = 1, ["b"] = 5 } };
                var named = fine with { Scores = new Dictionary<string, long> { ["a"] = 1, {|#0:["B"] = 2|} } };
                var high = new EventContracts.Generated.ScoresPosted { Scores = new Dictionary<string, long> { {|#1:["c"] = 7|} } };
                var many = new EventContracts.Generated.ScoresPosted { Scores = {|#2:new Dictionary<string, long> { ["a"] = 1, ["b"] = 2, ["c"] = 3 }|} };
                var unknown = new EventContracts.Generated.ScoresPosted { Scores = new Dictionary<string, long> { [text] = 9, ["a"] = 1 } };
                """, "ScoresPosted", "public IReadOnlyDictionary<string, long>? Scores { get; init; }"),
            FilesAnd("scores-plan.yaml", """
                events:
                  - name: Scores Posted
                    properties:
                      type: object
                      properties:
                        scores:
                          type: object
                          maxProperties: 2
                          propertyNames: { pattern: "^[a-z]+$" }
                          additionalProperties: { type: integer, maximum: 5 }
                """),
            Mismatch(0, "scores.B", "Scores Posted", "its propertyNames rule refuses it: 'B' does not match its pattern ^[a-z]+$"),
            Mismatch(1, "scores.c", "Scores Posted", "7 is outside its maximum 5"),
            Mismatch(2, "scores", "Scores Posted", "it has 3 properties, over its maxProperties 2"));

    [Fact]
    public Task EC3007_reports_a_constant_refused_by_not_if_then_else_or_by_matching_two_oneOf_branches()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Coupon Applied", new { code = "SPRING", plan = "team", seats = 12, tier = "silver" });
                Tracker.Track("Coupon Applied", new { code = text, plan = text, seats = maybe, tier = text });
                Tracker.Track("Coupon Applied", new { {|#0:code = "TEST"|}, plan = "team", {|#1:seats = 2|} });
                Tracker.Track("Coupon Applied", new Dictionary<string, object> { ["plan"] = "solo", {|#2:["seats"] = 3|}, {|#3:["tier"] = "gold"|} });
                Tracker.Track("Coupon Applied", new Dictionary<string, object> { {|#4:["password"] = "x"|} });
                """),
            FilesAnd("coupons-plan.yaml", """
                events:
                  - name: Coupon Applied
                    properties:
                      type: object
                      propertyNames: { not: { enum: [password, secret] } }
                      properties:
                        code: { type: string, not: { enum: [TEST, DEMO] } }
                        plan: { type: string, enum: [solo, team] }
                        seats: { type: integer, if: { minimum: 10 }, else: { maximum: 1 } }
                        tier: { oneOf: [{ enum: [gold, silver] }, { pattern: "^g" }] }
                      if: { properties: { plan: { const: solo } } }
                      then: { properties: { seats: { maximum: 1 } } }
                """),
            Mismatch(0, "code", "Coupon Applied", "'TEST' matches the schema of its not (\"TEST\", \"DEMO\"), which refuses every value that does"),
            Mismatch(1, "seats", "Coupon Applied", "it does not match its if, and its else refuses it: 2 is outside its maximum 1"),
            Mismatch(2, "seats", "Coupon Applied", "it does not match its if, and its else refuses it: 3 is outside its maximum 1"),
            Mismatch(3, "tier", "Coupon Applied", "'gold' matches 2 branches of its oneOf, which allows exactly one"),
            Mismatch(4, "password", "Coupon Applied", "its propertyNames rule refuses it: 'password' matches the schema of its not (\"password\", \"secret\"), which refuses every value that does"));

    [Fact]
    public Task EC3007_reads_the_items_of_a_collection_expression_a_record_gets()
        => Verify.VerifyWithFilesAsync(
            WithRecord("""
                var ok = new EventContracts.Generated.TagsPosted { Tags = ["a", "b"] };
                var repeated = new EventContracts.Generated.TagsPosted { {|#0:Tags = ["a", "a"]|} };
                var many = ok with { {|#1:Tags = ["a", "b", text]|} };
                var longer = new EventContracts.Generated.TagsPosted { Tags = ["a", {|#2:"abcd"|}] };
                var spread = new EventContracts.Generated.TagsPosted { Tags = ["a", "a", .. new[] { text }] };
                var none = new EventContracts.Generated.TagsPosted { {|#3:Tags = []|} };
                var cast = new EventContracts.Generated.TagsPosted { {|#4:Tags = (string[])["a", "a"]|} };
                Tracker.Track("Tags Posted", new { {|#5:tags = (List<string>)["a", "b", "c"]|} });
                Tracker.Track("Tags Posted", new Dictionary<string, System.Collections.Immutable.ImmutableArray<string>> { {|#6:["tags"] = ["b", "b"]|} });
                Tracker.Track("Tags Posted", new { tags = (HashSet<string>)["a", "a"] });
                Tracker.Track("Tags Posted", new { {|#7:tags = (System.Collections.Immutable.ImmutableArray<string>)["c", "c"]|} });
                """, "TagsPosted", "public IReadOnlyList<string>? Tags { get; init; }"),
            FilesAnd("tags-plan.yaml", """
                events:
                  - name: Tags Posted
                    properties:
                      type: object
                      properties:
                        tags: { type: array, minItems: 1, maxItems: 2, uniqueItems: true, items: { type: string, maxLength: 3 } }
                """),
            Mismatch(0, "tags", "Tags Posted", "items 0 and 1 are both 'a', and it has uniqueItems: true"),
            Mismatch(1, "tags", "Tags Posted", "it has 3 items, over its maxItems 2"),
            Mismatch(2, "tags[1]", "Tags Posted", "'abcd' has 4 characters, over its maxLength 3"),
            Mismatch(3, "tags", "Tags Posted", "it has 0 items, under its minItems 1"),
            Mismatch(4, "tags", "Tags Posted", "items 0 and 1 are both 'a', and it has uniqueItems: true"),
            Mismatch(5, "tags", "Tags Posted", "it has 3 items, over its maxItems 2"),
            Mismatch(6, "tags", "Tags Posted", "items 0 and 1 are both 'b', and it has uniqueItems: true"),
            Mismatch(7, "tags", "Tags Posted", "items 0 and 1 are both 'c', and it has uniqueItems: true"));

    [Fact]
    public Task EC3007_checks_a_record_property_against_the_declarations_of_its_allOf_parts_too()
        => Verify.VerifyWithFilesAsync(
            WithRecord("""
                var fine = new EventContracts.Generated.VisitLogged { At = "2024-06-01T09:30:00Z" };
                var bad = fine with { {|#0:At = "yesterday"|} };
                """, "VisitLogged", "public string? At { get; init; }"),
            FilesAnd("visits-plan.yaml", """
                events:
                  - name: Visit Logged
                    properties:
                      type: object
                      allOf: [{ $ref: "#/definitions/Stamped" }]
                      properties:
                        at: { type: string }
                definitions:
                  Stamped:
                    properties:
                      at: { type: string, format: date-time }
                """),
            Mismatch(0, "at", "Visit Logged", "'yesterday' is not a valid date-time (its format)"));

    [Fact]
    public Task EC3005_reports_a_constant_a_plan_record_gets_outside_the_code_list_of_its_property()
        => Verify.VerifyWithFilesAsync(
            WithRecord("""
                var fine = new EventContracts.Generated.PriceQuoted { Currency = "EUR" };
                var bad = fine with { {|#0:Currency = "EURO"|} };
                var typo = new EventContracts.Generated.PriceQuoted { {|#1:Currency = "eur"|} };
                """, "PriceQuoted", "public string? Currency { get; init; }"),
            FilesAnd("prices-plan.yaml", """
                events:
                  - name: Price Quoted
                    properties:
                      type: object
                      properties:
                        currency: { type: string, pattern: "^[A-Z]{3,4}$", x-ec-code-list: iso4217 }
                """),
            new DiagnosticResult("EC3005", DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("currency", "PriceQuoted", "EURO", "ISO 4217", "the tracking plan"),
            Mismatch(1, "currency", "Price Quoted", "'eur' does not match its pattern ^[A-Z]{3,4}$"));

    [Fact]
    public Task EC3007_and_EC3008_report_counts_repeated_constants_and_dependent_names_of_objects_and_arrays_the_call_writes_whole()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Coupon Applied", new { coupon = "A", discount = 5, codes = new[] { "A", "B" } });
                Tracker.Track("Coupon Applied", new { codes = new[] { text, text }, lines = new[] { new { sku = "A", quantity = 1 } } });
                Tracker.Track("Coupon Applied", copied);
                Tracker.Track("Coupon Applied", new { coupon = Maybe() });
                Tracker.Track("Coupon Applied", new Dictionary<string, object?> { ["coupon"] = Maybe(), ["a"] = 1, ["b"] = 2, ["c"] = 3, ["discount"] = 0 });
                Tracker.Track("Coupon Applied", {|#0:new { coupon = "A" }|});
                Tracker.Track("Coupon Applied", new { coupon = "A", discount = 5, {|#1:codes = new[] { "A", "B", "C" }|} });
                Tracker.Track("Coupon Applied", new { coupon = "A", discount = 5, {|#2:codes = new List<string> { "A", "A" }|} });
                Tracker.Track("Coupon Applied", {|#3:new Dictionary<string, object> { ["coupon"] = "A", ["discount"] = 1, ["a"] = 1, ["b"] = 2, ["c"] = 3 }|});
                Tracker.Track("Coupon Applied", new { lines = new[] { {|#4:new { sku = "A" }|} } });
                Tracker.Track("Coupon Applied", {|#5:new Dictionary<string, object?> { ["coupon"] = Maybe(), ["a"] = 1, ["b"] = 2, ["c"] = 3, ["d"] = 4, ["discount"] = 0 }|});
                """, "private static string? Maybe() => null;"),
            Files,
            new[]
            {
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Coupon Applied", "property 'discount' (with 'coupon')"),
                Mismatch(1, "codes", "Coupon Applied", "it has 3 items, over its maxItems 2"),
                Mismatch(2, "codes", "Coupon Applied", "items 0 and 1 are both 'A', and it has uniqueItems: true"),
                new DiagnosticResult("EC3007", DiagnosticSeverity.Warning).WithLocation(3)
                    .WithArguments("The properties object", "Coupon Applied", "it has 5 properties, over its maxProperties 4"),
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(4).WithArguments("Coupon Applied", "property 'lines[0].quantity' (with 'lines[0].sku')"),
                new DiagnosticResult("EC3007", DiagnosticSeverity.Warning).WithLocation(5)
                    .WithArguments("The properties object", "Coupon Applied", "it has at least 5 properties, over its maxProperties 4"),
            });

    [Fact]
    public Task Nested_values_are_read_as_System_Text_Json_writes_them()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Shapes Written", new { blob = new byte[] { 1, 1, 3 } });
                Tracker.Track("Shapes Written", new Dictionary<string, object> { ["blob"] = new byte[] { 1, 2, 3 } });
                Tracker.Track("Shapes Written", new { meta = (IEnumerable<KeyValuePair<string, object>>)new Dictionary<string, object> { ["a"] = 1, ["c"] = 2 } });
                Tracker.Track("Shapes Written", new { sorted = new SortedDictionary<string, object> { ["\u00e9"] = 1, ["e\u0301"] = 2 } });
                Tracker.Track("Shapes Written", new { sorted = new SortedList<string, object> { ["a"] = 1, ["a\u00AD"] = 2 } });
                Tracker.Track("Shapes Written", new { sur = new Dictionary<string, object> { ["\uD800"] = 1 } });
                Tracker.Track("Shapes Written", new { grid = new int[,] { { 1, 2 }, { 3, 4 } } });
                Tracker.Track("Shapes Written", new { keyed = new Dictionary<string, object> { ["a"] = 5, [text] = "x" } });
                Tracker.Track("Shapes Written", new { {|#0:blob = new[] { 1, 2, 3 }|}, meta = {|#1:new Dictionary<string, object> { ["a"] = 1, ["c"] = 2 }|} });
                Tracker.Track("Shapes Written", new { sorted = {|#2:new SortedDictionary<string, object> { ["x"] = 1, ["y"] = 2 }|} });
                """),
            Files,
            new[]
            {
                Mismatch(0, "blob", "Shapes Written", "it has 3 items, over its maxItems 2"),
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Shapes Written", "property 'meta.b' (with 'meta.a')"),
                Mismatch(1, "meta", "Shapes Written", "it has 2 properties, over its maxProperties 1"),
                Mismatch(2, "sorted", "Shapes Written", "it has 2 properties, over its maxProperties 1"),
            });

    [Fact]
    public Task EC3008_reports_an_anyOf_none_of_whose_branches_has_its_required_names()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Contact Shared", new { email = "ada@example.com" });
                Tracker.Track("Contact Shared", new { phone = "+4930123", country = "DE" });
                Tracker.Track("Contact Shared", copied);
                Tracker.Track("Contact Shared", {|#0:new { phone = "+4930123" }|});
                Tracker.Track("Contact Shared", {|#1:new Dictionary<string, object>()|});
                """),
            Files,
            new[]
            {
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Contact Shared", "property 'email' or property 'country' (its anyOf)"),
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Contact Shared", "property 'email' or properties 'phone' and 'country' (its anyOf)"),
            });

    [Fact]
    public Task EC3007_reports_a_string_none_of_the_oneOf_consts_accepts()
        => Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#0:speed = "expres"|} });"""),
            Files,
            Mismatch(0, "speed", "Payment Submitted", "'expres' is none of its oneOf values: 'express', 'standard'; did you mean 'express'?"));

    [Fact]
    public Task EC3007_reads_patternProperties_and_propertyNames()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Search Performed", new { query = "shoes", {|#0:filter_size = 42|} });
                Tracker.Track("Search Performed", new Dictionary<string, object> { ["query"] = "shoes", {|#1:["a_name_longer_than_twenty"] = 1|} });
                Tracker.Track("Search Performed", new { {|#2:query = ""|} });
                """),
            Files,
            new[]
            {
                Mismatch(0, "filter_size", "Search Performed", "it is integer and the plan allows string"),
                Mismatch(1, "a_name_longer_than_twenty", "Search Performed", "its propertyNames rule refuses it: 'a_name_longer_than_twenty' has 25 characters, over its maxLength 20"),
                Mismatch(2, "query", "Search Performed", "'' has 0 characters, under its minLength 1"),
            });

    [Fact]
    public Task EC3007_checks_each_value_and_each_event_a_conditional_can_give()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Payment Submitted", new { {|#0:method = text.Length > 1 ? "card" : text.Length > 0 ? "PayPal" : "cash"|}, {|#1:amount = text.Length > 1 ? 1 : -1|} });
                Tracker.Track(text.Length > 1 ? "Payment Submitted" : "Search Performed", new { method = "card", amount = 1, {|#3:query = ""|} });
                """),
            Files,
            Mismatch(0, "method", "Payment Submitted", "'PayPal' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\"; did you mean 'paypal'?"),
            Mismatch(0, "method", "Payment Submitted", "'cash' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            Mismatch(1, "amount", "Payment Submitted", "-1 is outside its minimum 0"),
            Mismatch(3, "query", "Payment Submitted", "the event allows only the properties it declares (additionalProperties: false): 'method', 'amount', 'attempt', 'coupon', 'note', 'speed', 'currency'"),
            Mismatch(3, "query", "Search Performed", "'' has 0 characters, under its minLength 1"));

    [Fact]
    public Task A_local_filled_by_the_statements_before_the_call_is_read_through_them()
        => Verify.VerifyWithFilesAsync(
            Call("""
                var props = new Dictionary<string, object> { ["method"] = "PayPal" };
                props["amount"] = -1;
                props.Add("metod", "card");
                Tracker.Track("Payment Submitted", {|#0:{|#1:{|#2:props|}|}|});

                var partial = new Dictionary<string, object>();
                partial["method"] = "card";
                Tracker.Track("Payment Submitted", {|#3:partial|});

                var anonymous = new { method = "card", amount = "12" };
                Tracker.Track("Payment Submitted", {|#4:anonymous|});
                """),
            Files,
            Mismatch(0, "method", "Payment Submitted", "'PayPal' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\"; did you mean 'paypal'?"),
            Mismatch(1, "amount", "Payment Submitted", "-1 is outside its minimum 0"),
            Mismatch(2, "metod", "Payment Submitted", "the event allows only the properties it declares (additionalProperties: false): 'method', 'amount', 'attempt', 'coupon', 'note', 'speed', 'currency'; did you mean 'method'?"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("Payment Submitted", "property 'amount'"),
            Mismatch(4, "amount", "Payment Submitted", "it is string and the plan allows number"));

    [Fact]
    public Task Entries_an_if_or_a_switch_may_write_are_values_the_call_may_send_and_names_it_may_write()
        => Verify.VerifyWithFilesAsync(
            Call("""
                var props = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) props["coupon"] = "bad coupon";
                else if (maybe < 0) { props["attempt"] = 9; System.Console.WriteLine(text); }
                else { var note = text.Trim(); props.Add("colour", note); }
                Tracker.Track("Payment Submitted", {|#0:{|#1:{|#2:props|}|}|});

                var replaced = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) replaced["attempt"] = 9;
                replaced["attempt"] = 1;
                Tracker.Track("Payment Submitted", replaced);

                var thrown = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) thrown.Add("amount", -1);
                Tracker.Track("Payment Submitted", thrown);

                var either = new Dictionary<string, object> { ["amount"] = 5 };
                if (maybe > 0) either["method"] = "card"; else either["method"] = "cash";
                Tracker.Track("Payment Submitted", {|#3:either|});

                var partial = new Dictionary<string, object>();
                if (maybe > 0) { partial["method"] = "card"; }
                Tracker.Track("Payment Submitted", {|#5:partial|});

                var counted = new Dictionary<string, object> { ["coupon"] = "A", ["discount"] = 1, ["a"] = 1, ["b"] = 2, ["c"] = 3 };
                if (maybe > 0) counted["d"] = 4;
                Tracker.Track("Coupon Applied", {|#6:counted|});

                var fewer = new Dictionary<string, object> { ["coupon"] = "A", ["discount"] = 1, ["a"] = 1 };
                if (maybe > 0) { fewer["b"] = 2; fewer["c"] = 3; }
                Tracker.Track("Coupon Applied", fewer);

                var dependent = new Dictionary<string, object> { ["coupon"] = "A" };
                if (maybe > 0) dependent["discount"] = 1;
                Tracker.Track("Coupon Applied", dependent);

                var trigger = new Dictionary<string, object>();
                if (maybe > 0) trigger["coupon"] = "A";
                Tracker.Track("Coupon Applied", trigger);

                var tried = new Dictionary<string, object> { ["method"] = "card" };
                tried.TryAdd("amount", -1);
                tried.TryAdd("method", "cash");
                Tracker.Track("Payment Submitted", {|#7:tried|});

                var kept = new Dictionary<string, object> { ["amount"] = 5 };
                if (maybe > 0) kept["method"] = "card";
                kept.TryAdd("method", "bank");
                Tracker.Track("Payment Submitted", {|#8:kept|});

                var chosen = new Dictionary<string, object> { ["amount"] = 5 };
                switch (maybe)
                {
                    case 1:
                        chosen["method"] = "card";
                        break;
                    case 2 when text.Length > 0:
                        System.Console.WriteLine(text);
                        chosen["method"] = "cheque";
                        break;
                    default:
                        break;
                }

                Tracker.Track("Payment Submitted", {|#9:chosen|});

                var looked = new Dictionary<string, object> { ["amount"] = 5 };
                int before = looked.Count;
                System.Console.WriteLine(looked.TryGetValue("amount", out var seen) ? seen : before);
                if (!looked.ContainsKey("method") && looked.Count < 3) looked["method"] = "cheque";
                Tracker.Track("Payment Submitted", {|#10:looked|});

                var guarded = new Dictionary<string, object> { ["amount"] = 5 };
                switch (maybe)
                {
                    case 1: guarded["method"] = "cheque"; return;
                    default: guarded["method"] = "card"; break;
                }

                Tracker.Track("Payment Submitted", guarded);

                var nested = new Dictionary<string, object> { ["country"] = "DE" };
                if (maybe > 0) nested["country"] = "Germany";
                Tracker.Track("Order Placed", new { shipping = {|#4:nested|} });

                var left = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) { left["attempt"] = 9; return; }
                Tracker.Track("Payment Submitted", left);

                var looped = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) { foreach (var c in text) { looped["attempt"] = 9; } }
                Tracker.Track("Payment Submitted", looped);

                var thrower = new Dictionary<string, object> { ["method"] = "card", ["amount"] = 5 };
                if (maybe > 0) { thrower["attempt"] = 9; _ = anything ?? throw new System.Exception(); }
                Tracker.Track("Payment Submitted", thrower);
                """),
            Files,
            Mismatch(0, "attempt", "Payment Submitted", "9 is outside its maximum 5"),
            Mismatch(1, "colour", "Payment Submitted", "the event allows only the properties it declares (additionalProperties: false): 'method', 'amount', 'attempt', 'coupon', 'note', 'speed', 'currency'"),
            Mismatch(2, "coupon", "Payment Submitted", "'bad coupon' does not match its pattern ^[A-Z0-9]{4,12}$"),
            Mismatch(3, "method", "Payment Submitted", "'cash' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(5).WithArguments("Payment Submitted", "property 'amount'"),
            new DiagnosticResult("EC3007", DiagnosticSeverity.Warning).WithLocation(6)
                .WithArguments("The properties object", "Coupon Applied", "it has at least 5 properties, over its maxProperties 4"),
            Mismatch(7, "amount", "Payment Submitted", "-1 is outside its minimum 0"),
            Mismatch(8, "method", "Payment Submitted", "'bank' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            Mismatch(9, "method", "Payment Submitted", "'cheque' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            Mismatch(10, "method", "Payment Submitted", "'cheque' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            Mismatch(4, "shipping.country", "Order Placed", "'Germany' has 7 characters, over its maxLength 2"));

    [Fact]
    public Task A_local_that_anything_else_may_change_or_share_is_not_read()
        => Verify.VerifyWithFilesAsync(
            Call("""
                var read = new Dictionary<string, object> { ["method"] = "cash" };
                if (read.Remove("note")) { read["amount"] = 1; }
                Tracker.Track("Payment Submitted", read);

                var passed = new Dictionary<string, object> { ["method"] = "cash" };
                Fill(passed);
                Tracker.Track("Payment Submitted", passed);

                var looped = new Dictionary<string, object> { ["method"] = "cash" };
                foreach (var c in text) { looped[c.ToString()] = 1; }
                Tracker.Track("Payment Submitted", looped);

                var reassigned = new { method = "cash" };
                reassigned = new { method = "card" };
                Tracker.Track("Payment Submitted", reassigned);

                var later = new Dictionary<string, object> { ["method"] = "cash" };
                System.Action send = () => Tracker.Track("Payment Submitted", later);
                later["method"] = "card";

                var outer = new Dictionary<string, object> { ["method"] = "cash" };
                if (text.Length > 0)
                {
                    Tracker.Track("Payment Submitted", outer);
                }

                var dynamicKey = new Dictionary<string, object> { ["method"] = "card" };
                dynamicKey[text] = 1;
                Tracker.Track("Payment Submitted", dynamicKey);

                var captured = new Dictionary<string, object> { ["method"] = "card" };
                AddAmount();
                Tracker.Track("Payment Submitted", captured);
                void AddAmount() => captured["amount"] = 1;

                Dictionary<string, object> declared = new() { ["method"] = "cash" }, alias = declared;
                Tracker.Track("Payment Submitted", declared);

                var subclass = new Renaming { ["method"] = "cash", ["amount"] = 1 };
                Tracker.Track("Payment Submitted", subclass);
                Tracker.Track("Order Placed", new { pair = new HashSet<object> { "a", "a", 1 } });
                """, "private static void Fill(Dictionary<string, object> d) => d[\"amount\"] = 1;\n\nprivate sealed class Renaming : Dictionary<string, object> { public new object this[string key] { set => base[key == \"method\" ? \"method\" : key] = value is \"cash\" ? \"card\" : value; } }"),
            Files);

    [Fact]
    public Task Objects_and_arrays_nested_in_the_properties_are_checked_against_their_schemas()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Order Placed", new { shipping = new { country = "DE", express = true }, products = new[] { new { sku = "a", quantity = 2 } }, tags = new[] { "new" }, pair = new object[] { "a", 1 } });
                Tracker.Track("Order Placed", new { shipping = new { {|#0:country = "Germany"|}, {|#1:expres = true|} } });
                Tracker.Track("Order Placed", new { shipping = {|#2:new { express = true }|} });
                Tracker.Track("Order Placed", new { products = new object[] { new { sku = "a", {|#3:quantity = 0|} }, {|#4:new { quantity = 1 }|} } });
                Tracker.Track("Order Placed", new { tags = new[] { "new", {|#5:"sle"|} } });
                Tracker.Track("Order Placed", new Dictionary<string, object> { ["tags"] = new List<string> { {|#6:"x"|} }, ["pair"] = new object[] { "a", {|#7:"b"|} } });
                var order = new { shipping = new { country = "Germany" } };
                Tracker.Track("Order Placed", {|#8:order|});
                """),
            Files,
            Mismatch(0, "shipping.country", "Order Placed", "'Germany' has 7 characters, over its maxLength 2"),
            Mismatch(1, "shipping.expres", "Order Placed", "the event allows only the properties it declares (additionalProperties: false): 'country', 'express'; did you mean 'express'?"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("Order Placed", "property 'shipping.country'"),
            Mismatch(3, "products[0].quantity", "Order Placed", "0 is outside its minimum 1"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(4).WithArguments("Order Placed", "property 'products[1].sku'"),
            Mismatch(5, "tags[1]", "Order Placed", "'sle' is not one of its enum values: \"new\", \"sale\"; did you mean 'sale'?"),
            Mismatch(6, "tags[0]", "Order Placed", "'x' is not one of its enum values: \"new\", \"sale\""),
            Mismatch(7, "pair[1]", "Order Placed", "it is string and the plan allows integer"),
            Mismatch(8, "shipping.country", "Order Placed", "'Germany' has 7 characters, over its maxLength 2"));

    [Fact]
    public Task Values_are_judged_as_they_are_written()
        => Verify.VerifyWithFilesAsync(
            Call(
                """
                const string Nothing = null;
                Tracker.Track("Written Values", new { count = (int)2.5, letter = (char)65, user_id = (string)new UserId("u-1") });
                Tracker.Track("Written Values", new { count = unchecked((byte)300), letter = (char)text.Length, bag = new System.Collections.Hashtable { ["k"] = 1 }, tags = new CsvTags() });
                Tracker.Track("Written Values", new Dictionary<string, long> { ["count"] = 'A' });
                Tracker.Track("Written Values", new Dictionary<string, string> { ["user_id"] = new UserId("u-1") });
                Tracker.Track("Written Values", new { precise = 99999999999999.99, sum = 0.1 + 0.2 });
                Tracker.Track("Written Values", new { precise = 1e-30, @fixed = Nothing ?? "fixed", odd = "\uD800" });
                Tracker.Track("Written Values", new { @fixed = true ? "fixed" : text });
                Tracker.Track("Written Values", new Dictionary<string, object>(System.StringComparer.OrdinalIgnoreCase) { ["Amount"] = 1, ["amount"] = 2 });
                Tracker.Track("Payment Submitted", new PaymentProperties { ["amount"] = 1 });
                Tracker.Track("Written Values", new Dictionary<string, IEnumerable<char>> { {|#3:["tags"] = ""|} });
                Tracker.Track("Written Values", new { nothing = text, count = maybe });
                Tracker.Track("Written Values", new { {|#0:count = (int)300.7|}, {|#1:letter = (int)'A'|}, {|#2:nothing = 1|} });
                Tracker.Track("Written Values", new { {|#4:precise = 1e15|}, sum = 0.00001e5 });
                Tracker.Track("Written Values", new { {|#5:precise = -1e-5f|}, {|#6:count = 2.56E2|} });
                Tracker.Track("Written Values", new { precise = 0.00001, {|#7:sum = 1.5e-3|} });
                """,
                """
                public readonly struct UserId
                {
                    private readonly string _value;

                    public UserId(string value) => _value = value;

                    public static implicit operator string(UserId id) => id._value;

                    public static explicit operator int(UserId id) => id._value.Length;
                }

                [System.Text.Json.Serialization.JsonConverter(typeof(CsvTagsConverter))]
                public sealed class CsvTags : IEnumerable<string>
                {
                    public IEnumerator<string> GetEnumerator() => new List<string>().GetEnumerator();

                    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
                }

                public sealed class CsvTagsConverter : System.Text.Json.Serialization.JsonConverter<CsvTags>
                {
                    public override CsvTags Read(ref System.Text.Json.Utf8JsonReader reader, System.Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new CsvTags();

                    public override void Write(System.Text.Json.Utf8JsonWriter writer, CsvTags value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(string.Join(",", value));
                }

                public sealed class PaymentProperties : Dictionary<string, object>
                {
                    public PaymentProperties() => this["method"] = "card";
                }
                """),
            Files,
            Mismatch(0, "count", "Written Values", "300 is outside its maximum 255"),
            Mismatch(1, "letter", "Written Values", "it is integer and the plan allows string"),
            Mismatch(2, "nothing", "Written Values", "it is integer and the plan allows null"),
            Mismatch(3, "tags", "Written Values", "it is array and the plan allows string"),
            Mismatch(4, "precise", "Written Values", "1000000000000000 is outside its maximum 99999999999999.99"),
            Mismatch(5, "precise", "Written Values", "-0.00001 is outside its exclusiveMinimum 0"),
            Mismatch(6, "count", "Written Values", "256 is outside its maximum 255"),
            Mismatch(7, "sum", "Written Values", "0.0015 is outside its minimum 0.30000000000000004"));

    [Fact]
    public Task In_top_level_statements_a_local_function_that_captures_the_local_or_makes_the_call_stops_the_read()
        => Verify.VerifyWithFilesAsync(
            """
            using System.Collections.Generic;
            using Consumer;

            var props = new Dictionary<string, object> { ["method"] = "card" };
            AddAmount();
            Tracker.Track("Payment Submitted", props);

            var later = new Dictionary<string, object> { ["method"] = "card" };
            later["amount"] = 1;
            Send();

            var direct = new Dictionary<string, object> { {|#0:["method"] = "cash"|} };
            Tracker.Track("Payment Submitted", {|#1:direct|});

            void AddAmount() => props["amount"] = 1;
            void Send() => Tracker.Track("Payment Submitted", later);
            """,
            Files,
            OutputKind.ConsoleApplication,
            Mismatch(1, "method", "Payment Submitted", "'cash' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Payment Submitted", "property 'amount'"));

    [Fact]
    public Task EC3007_offers_no_rename_to_a_name_the_call_already_writes()
    {
        string source = Call("""Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|EC3007:metod = "card"|} });""");
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source, files: Files);
    }

    [Fact]
    public Task EC3007_renames_an_anonymous_member_in_a_local_only_where_nothing_else_reads_it()
    {
        // The local's member read after the call would no longer bind (CS1061) after a rename.
        string read = Call("""
            var props = new { amount = 1, metod = "card" };
            Tracker.Track("Payment Submitted", {|EC3007:{|EC3008:props|}|});
            System.Console.WriteLine(props.metod);
            """);
        string unread = Call("""
            var props = new { amount = 1, metod = "card" };
            Tracker.Track("Payment Submitted", {|EC3007:{|EC3008:props|}|});
            """);
        string renamed = Call("""
            var props = new { amount = 1, method = "card" };
            Tracker.Track("Payment Submitted", props);
            """);
        return Task.WhenAll(
            CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(read, read, files: Files),
            CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(unread, renamed, files: Files));
    }

    [Fact]
    public Task EC3008_leaves_out_the_names_the_tracking_method_adds_itself()
        => Verify.VerifyWithFilesAsync(
            Call(
                """
                Send("Payment Submitted", new { method = "card" });
                Send("Payment Submitted", {|#0:new { attempt = 1 }|});
                new Analytics().Track("Payment Submitted", new { method = "card" });
                Tracker.Track("Payment Submitted", {|#1:new { method = "card" }|});
                """,
                """
                private static void Send([EventContracts.Delivery.EventName] string name, [EventContracts.Delivery.EventProperties(Adds = new[] { "amount" })] object properties)
                {
                }

                public interface IAnalytics
                {
                    void Track([EventContracts.Delivery.EventName] string name, [EventContracts.Delivery.EventProperties(Adds = new[] { "amount", "app_version" })] object properties);
                }

                public sealed class Analytics : IAnalytics
                {
                    public void Track(string name, object properties)
                    {
                    }
                }
                """),
            Files,
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Payment Submitted", "property 'method'"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Payment Submitted", "property 'amount'"));

    [Fact]
    public Task Each_item_of_a_LINQ_projection_is_checked_as_the_selector_writes_it()
        => Verify.VerifyWithFilesAsync(
            Call(
                """
                var lines = new List<Line>();
                Tracker.Track("Order Placed", new { products = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Select(lines, l => {|#0:new { name = l.Name, quantity = l.Count }|})) });
                Tracker.Track("Order Placed", new { products = System.Linq.Enumerable.Select(lines, l => new { sku = l.Name, {|#1:quantity = 0|} }) });
                Tracker.Track("Order Placed", new { products = System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(lines, l => l.Count > 0), (l, i) => { return new { sku = l.Name, {|#2:quantity = l.Name|} }; }) });
                Tracker.Track("Order Placed", new { tags = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(lines, l => {|#3:"clearance"|})) });
                Tracker.Track("Order Placed", new { products = System.Linq.Enumerable.Select(lines, l => new { sku = l.Name, quantity = l.Count }), pair = System.Linq.Enumerable.Select(lines, l => "x") });
                Tracker.Track("Order Placed", new { products = System.Linq.Enumerable.Select(lines, l => {|#4:l.Count > 0 ? new { sku = l.Name } : null|}) });
                """,
                """
                public sealed record Line(string Name, int Count);
                """),
            Files,
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Order Placed", "property 'products[*].sku'"),
            Mismatch(1, "products[*].quantity", "Order Placed", "0 is outside its minimum 1"),
            Mismatch(2, "products[*].quantity", "Order Placed", "it is string and the plan allows integer"),
            Mismatch(3, "tags[*]", "Order Placed", "'clearance' is not one of its enum values: \"new\", \"sale\""),
            Mismatch(4, "products[*]", "Order Placed", "it is null and the plan allows object"));

    [Fact]
    public Task Query_syntax_projections_are_read_as_the_calls_they_are()
        => Verify.VerifyWithFilesAsync(
            """
            using System.Collections.Generic;
            using System.Linq;

            namespace Consumer
            {
                public static class Program
                {
                    public static void Run(List<string> skus)
                    {
                        Tracker.Track("Order Placed", new { products = (from s in skus where s.Length > 0 orderby s select new { sku = s, {|#0:quantity = 0|} }).ToList() });
                        Tracker.Track("Order Placed", new { products = from s in skus select new { sku = s, quantity = s.Length } });
                    }

                    public static void Many(List<List<string>> baskets)
                    {
                        Tracker.Track("Order Placed", new { products = baskets.SelectMany(b => b, (b, s) => new { sku = s, {|#1:quantity = 0|} }) });
                        Tracker.Track("Order Placed", new { products = baskets.SelectMany(b => b.Select(s => new { sku = s, {|#2:quantity = "one"|} })).ToList() });
                        Tracker.Track("Order Placed", new { products = from b in baskets from s in b select {|#3:new { name = s, quantity = 1 }|} });
                        Tracker.Track("Order Placed", new { products = baskets.SelectMany(b => b.Select(s => new { sku = s, quantity = b.Count })) });
                    }
                }
            }
            """,
            Files,
            Mismatch(0, "products[*].quantity", "Order Placed", "0 is outside its minimum 1"),
            Mismatch(1, "products[*].quantity", "Order Placed", "0 is outside its minimum 1"),
            Mismatch(2, "products[*].quantity", "Order Placed", "it is string and the plan allows integer"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("Order Placed", "property 'products[*].sku'"));

    [Fact]
    public Task Framework_types_are_judged_as_System_Text_Json_writes_them()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Payment Submitted", new { method = "card", {|#0:amount = System.TimeSpan.FromSeconds(2)|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = (System.Half)2, {|#1:attempt = new System.Version(1, 0)|} });
                Tracker.Track("Payment Submitted", new { method = "card", amount = System.UInt128.One, attempt = (System.Int128)3, {|#2:note = System.Int128.One|} });
                """),
            Files,
            Mismatch(0, "amount", "Payment Submitted", "it is string and the plan allows number"),
            Mismatch(1, "attempt", "Payment Submitted", "it is string and the plan allows integer"),
            Mismatch(2, "note", "Payment Submitted", "it is integer and the plan allows string or null"));

    [Fact]
    public Task A_tracking_method_that_omits_nulls_sends_a_null_property_nowhere()
        => Verify.VerifyWithFilesAsync(
            Call(
                """
                Send("Payment Submitted", new { method = "card", amount = 1, coupon = (string?)null, attempt = default(long?) });
                Send("Payment Submitted", {|#0:new Dictionary<string, object?> { ["method"] = "card", ["amount"] = null }|});
                new Quiet().Track("Payment Submitted", new { method = "card", amount = 1, coupon = (string?)null });
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|#1:coupon = (string?)null|} });
                Send("Payment Submitted", new { method = "card", amount = 1, {|#2:coupon = "x"|} });
                Send("Payment Submitted", new { method = "card", amount = text.Length > 1 ? null : (decimal?)1m, coupon = text.Length > 2 ? "ABCD" : null });
                Send("Payment Submitted", new { method = "card", {|#3:amount = text.Length > 1 ? (decimal?)null : -1m|} });
                Tracker.Track("Payment Submitted", new { method = "card", {|#4:amount = text.Length > 1 ? null : (decimal?)1m|} });
                Tracker.Track("Payment Submitted", new { method = "card", {|#5:amount = default(decimal?)|} });
                Send("Payment Submitted", {|#6:new { method = "card", amount = new decimal?() }|});
                """,
                """
                private static void Send([EventContracts.Delivery.EventName] string name, [EventContracts.Delivery.EventProperties(OmitsNulls = true)] object properties)
                {
                }

                public interface IQuiet
                {
                    void Track([EventContracts.Delivery.EventName] string name, [EventContracts.Delivery.EventProperties(OmitsNulls = true)] object properties);
                }

                public sealed class Quiet : IQuiet
                {
                    public void Track(string name, object properties)
                    {
                    }
                }
                """),
            Files,
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Payment Submitted", "property 'amount'"),
            Mismatch(1, "coupon", "Payment Submitted", "it is null and the plan allows string"),
            Mismatch(2, "coupon", "Payment Submitted", "'x' does not match its pattern ^[A-Z0-9]{4,12}$"),
            Mismatch(3, "amount", "Payment Submitted", "-1 is outside its minimum 0"),
            Mismatch(4, "amount", "Payment Submitted", "it is null and the plan allows number"),
            Mismatch(5, "amount", "Payment Submitted", "it is null and the plan allows number"),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(6).WithArguments("Payment Submitted", "property 'amount'"));

    [Fact]
    public Task EC3007_is_not_reported_again_where_a_destination_refuses_the_value_s_type()
        => Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track("Payment Submitted", new { method = "card", amount = 1, {|EC3001:currency = 3|} });"""),
            Files);

    [Fact]
    public Task EC3008_reports_the_required_names_a_call_with_known_keys_does_not_write()
        => Verify.VerifyWithFilesAsync(
            Call("""
                Tracker.Track("Payment Submitted", {|#0:new { method = "card" }|});
                Tracker.Track("Payment Submitted", {|#1:new Dictionary<string, object>()|});
                Tracker.Track("Search Performed", {|#2:new Dictionary<string, object> { ["filter_a"] = "b" }|});
                """),
            Files,
            new[]
            {
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Payment Submitted", "property 'amount'"),
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Payment Submitted", "properties 'method', 'amount'"),
                new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("Search Performed", "property 'query'"),
            });

    [Fact]
    public Task The_plan_is_checked_in_a_project_without_vendor_contracts()
        => Verify.VerifyWithFilesAsync(
            Call("""Tracker.Track("Payment Submitted", {|#1:new { {|#0:method = "cash"|} }|});"""),
            Project.FilesWithSchemaPlan(vendors: false),
            Mismatch(0, "method", "Payment Submitted", "'cash' is not one of its enum values: \"card\", \"paypal\", \"bank_transfer\""),
            new DiagnosticResult("EC3008", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Payment Submitted", "property 'amount'"));

    [Fact]
    public Task EC3007_code_fix_writes_the_plan_s_value_a_typo_stands_for()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""Tracker.Track("Payment Submitted", new { {|EC3007:method = "PayPal"|}, amount = 1, {|EC3007:speed = @"Standard"|} }); Tracker.Track("Payment Submitted", new { {|EC3007:method = $"Card"|}, amount = 1 });"""),
            Call("""Tracker.Track("Payment Submitted", new { method = "paypal", amount = 1, speed = @"standard" }); Tracker.Track("Payment Submitted", new { method = "card", amount = 1 });"""),
            files: Files);

    [Fact]
    public Task EC3007_code_fix_is_not_offered_for_a_value_like_none_of_the_plan_s()
    {
        string source = Call("""Tracker.Track("Payment Submitted", new { {|EC3007:method = "cash"|}, amount = 1 });""");
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(source, source, files: Files);
    }

    [Fact]
    public Task EC3007_code_fix_renames_a_key_to_the_declared_name_it_looks_like()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                Tracker.Track("Payment Submitted", {|EC3008:new { method = "card", {|EC3007:ammount = 1|} }|});
                Tracker.Track("Payment Submitted", new Dictionary<string, object> { ["method"] = "card", ["amount"] = 1, {|EC3007:["coupn"] = "SPRING24"|} });
                var typo = new Dictionary<string, object> { ["amount"] = 1 };
                if (maybe > 0) typo["metod"] = "card"; else typo["metod"] = "paypal";
                Tracker.Track("Payment Submitted", {|EC3008:{|EC3007:{|EC3007:typo|}|}|});
                var late = new Dictionary<string, object> { ["amount"] = 1 };
                if (maybe > 0) late["method"] = "card"; else late["metod"] = "paypal";
                Tracker.Track("Payment Submitted", {|EC3007:late|});
                """),
            Call("""
                Tracker.Track("Payment Submitted", new { method = "card", amount = 1 });
                Tracker.Track("Payment Submitted", new Dictionary<string, object> { ["method"] = "card", ["amount"] = 1, ["coupon"] = "SPRING24" });
                var typo = new Dictionary<string, object> { ["amount"] = 1 };
                if (maybe > 0) typo["method"] = "card"; else typo["method"] = "paypal";
                Tracker.Track("Payment Submitted", typo);
                var late = new Dictionary<string, object> { ["amount"] = 1 };
                if (maybe > 0) late["method"] = "card"; else late["method"] = "paypal";
                Tracker.Track("Payment Submitted", late);
                """),
            files: Files);

    [Fact]
    public Task EC3007_code_fix_renames_a_key_to_the_name_of_the_propertyNames_enum_it_looks_like()
        => CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            Call("""
                Tracker.Track("Filter Applied", new { {|EC3007:colour = "red"|}, size = 2 });
                Tracker.Track("Filter Applied", new Dictionary<string, object> { {|EC3007:["Size"] = 2|} });
                """),
            Call("""
                Tracker.Track("Filter Applied", new { color = "red", size = 2 });
                Tracker.Track("Filter Applied", new Dictionary<string, object> { ["size"] = 2 });
                """),
            files: FilesAnd("filters-plan.yaml", """
                events:
                  - name: Filter Applied
                    properties:
                      type: object
                      propertyNames: { enum: [color, size, brand] }
                """));

    [Fact]
    public Task A_propertyNames_rule_whose_parts_suggest_each_other_s_names_offers_no_rename()
    {
        string source = Call("""Tracker.Track("Pair Named", new Dictionary<string, object> { {|EC3007:["ab"] = 1|} });""");
        return CodeFixVerifier<EventPropertiesAnalyzer, PropertyCodeFixProvider>.VerifyAsync(
            source,
            source,
            files: FilesAnd("pair-plan.yaml", """
                events:
                  - name: Pair Named
                    properties:
                      type: object
                      propertyNames: { allOf: [{ enum: [ab, cd] }, { enum: [ab2, cd] }] }
                """));
    }
}
