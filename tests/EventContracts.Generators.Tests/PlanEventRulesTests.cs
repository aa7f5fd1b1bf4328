using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using EventContracts.Generators.Checks;
using EventContracts.Generators.Model;
using EventContracts.Generators.Reading;
using Xunit;
using Xunit.Abstractions;

namespace EventContracts.Generators.Tests;

/// <summary>
/// The call-site checks against a plan event's own schema (EC3007, EC3008) report only what the event's generated
/// validator also rejects: every name, type and constant they refuse is checked against <c>ValidateJson</c> of the
/// compiled plan, over a plan with every keyword they read.
/// </summary>
public sealed class PlanEventRulesTests
{
    private const string Plan = """
        events:
          - name: Closed
            properties:
              type: object
              additionalProperties: false
              required: [method, amount]
              patternProperties:
                "^x_": { type: integer, minimum: 0 }
              properties:
                method: { type: string, enum: [card, paypal, "quo\"te"] }
                amount: { type: number, exclusiveMinimum: 0, maximum: 100 }
                count: { type: integer, minimum: 1, maximum: 5 }
                code: { type: string, minLength: 2, maxLength: 4, pattern: "^[A-Z]+$" }
                note: { type: [string, "null"], maxLength: 3 }
                mixed: { enum: [a, 1, true, null] }
                fixed: { const: 2.0 }
                speed: { oneOf: [{ const: express }, { const: standard }] }
                either: { anyOf: [{ type: string, maxLength: 1 }, { type: integer, maximum: 1 }] }
                never: false
                child: { $ref: "#/definitions/Child" }
                when: { type: string, format: date-time }
                day: { type: string, format: date }
                contact: { type: string, format: email }
                site: { type: string, format: uri }
                ref: { type: string, format: uuid }
                step: { type: number, multipleOf: 0.25 }
                qty: { type: integer, multipleOf: 5 }
                banned: { type: string, not: { enum: [test, demo] } }
                tier: { if: { type: integer }, then: { minimum: 10 }, else: { type: string, maxLength: 2 } }
                pick: { oneOf: [{ type: integer }, { minimum: 5 }] }
                shunned: { not: { anyOf: [{ const: a }, { pattern: "^ab" }, { type: boolean }] } }
                unsure: { if: { minimum: 0 }, then: { type: string }, else: { type: string } }
          - name: Open
            properties:
              allOf:
                - type: object
                  required: [id]
                  properties:
                    id: { type: string, minLength: 1 }
                - $ref: "#/definitions/Named"
              propertyNames: { maxLength: 8, pattern: "^[a-z_]+$" }
              additionalProperties: { type: [boolean, "null"] }
          - name: Unevaluated
            properties:
              type: object
              properties:
                base: { type: string }
              anyOf:
                - properties: { left: { type: integer } }
                - properties: { right: { type: string, enum: [r] } }
              unevaluatedProperties: false
          - name: Guarded
            properties:
              type: object
              propertyNames: { not: { enum: [password, secret] } }
              additionalProperties: { not: { type: "null" } }
          - name: Counted
            properties:
              type: object
              minProperties: 2
              maxProperties: 4
              dependentRequired: { coupon: [discount, currency] }
              anyOf: [{ required: [email] }, { required: [phone, country] }]
              oneOf: [{ $ref: "#/definitions/ByCoupon" }, { allOf: [{ required: [a] }] }]
              properties:
                tags: { type: array, minItems: 1, maxItems: 3, uniqueItems: true }
                pair: { type: array, items: { type: [integer, string, boolean, "null"] }, uniqueItems: true }
        definitions:
          Child:
            type: object
            required: [name]
            properties:
              name: { type: string }
          ByCoupon:
            required: [coupon]
          Named:
            type: object
            properties:
              label: { type: string, maxLength: 5 }
        """;

    private static readonly string[] s_names =
    {
        "method", "amount", "count", "code", "note", "mixed", "fixed", "speed", "either", "never", "child", "x_1", "x", "metod",
        "id", "label", "other", "TooLongAName", "Upper", "base", "left", "right", "leftt", "",
        "when", "day", "contact", "site", "ref", "step", "qty", "banned", "tier", "pick", "shunned", "unsure", "password",
    };

    // Constants a call can write, and values of each type a non-constant of that type can hold.
    private static readonly object?[] s_constants =
    {
        null, "", "a", "r", "card", "Card", "paypal", "quo\"te", "AB", "ABCD", "ABCDE", "ab", "abc", "abcdef", "express", "expres", "é",
        true, false, -1, 0, 1, 2, 5, 6, 100, 101, 0.5, 1.5, 2.0, 99.99m, 100.01m, 'A', '\uD800', "\uD800x",
        1e-30, 1e20, 0.1 + 0.2, 99.99999999999999, 100.00000000000001, 1e-30f, 2.5f, 1e-5, -1e-5f, 1e15, 2.56e2, 1.25e-5, 1e-8, 1e30,
        "2024-06-01T09:30:00Z", "2024-06-01T09:30:00", "2024-02-29", "2023-02-29", "bob@", "a@b.co", "https://x.io/a?b#c", "x.io/a",
        "123e4567-e89b-12d3-a456-426614174000", "123e4567", 0.75, 0.3, 10, 7, 12.5m, 79228162514264337593543950335m, 0.25f,
        "test", "demo", "Demo", "zz", 7.5, 9, 10.0, 4.5m,
    };

    private static readonly (JsonTypeSet Type, string[] Values)[] s_typed =
    {
        (JsonTypeSet.String, new[] { "\"\"", "\"a\"", "\"r\"", "\"card\"", "\"AB\"", "\"express\"", "\"abcdef\"" }),
        (JsonTypeSet.Integer, new[] { "-1", "0", "1", "2", "5", "100", "101" }),
        (JsonTypeSet.Number, new[] { "0.5", "1", "2", "99.99", "150.5" }),
        (JsonTypeSet.Boolean, new[] { "true", "false" }),
        (JsonTypeSet.Object, new[] { "{}", "{\"name\":\"n\"}" }),
        (JsonTypeSet.Array, new[] { "[]", "[1]" }),
    };

    private readonly ITestOutputHelper _output;

    public PlanEventRulesTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_name_value_and_required_name_the_rules_refuse_the_generated_validator_refuses()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", Plan, Kind: "TrackingPlan") });
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var assembly = LoadedRecord.LoadAssembly(output, "plan-event-rules");
        var input = new ContractInput(new SourceFile("/app/tracking-plan.yaml", Plan), null, null, "Consumer", EquatableArray<SourceFile>.Empty);
        var spec = PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, default).Spec!;

        int refused = 0, checkedCases = 0;
        foreach (var evt in spec.Events)
        {
            var rules = PlanEventRules.For(spec.Schemas, evt.SchemaId);
            var contract = LoadedRecord.Contract(assembly, evt.Name);
            bool Rejects(string name, string valueJson, out string errors)
            {
                var validation = contract.Validate(Encoding.UTF8.GetBytes("{" + JsonText.Quote(name) + ":" + valueJson + "}"));
                string pointer = "/" + name.Replace("~", "~0").Replace("/", "~1");
                errors = string.Join("; ", validation.Errors.Select(e => e.ToString()));
                return validation.Errors.Any(e => e.Path == pointer || e.Path.StartsWith(pointer + "/", StringComparison.Ordinal)
                    || (e.Path.Length == 0 && e.Message.Contains(name, StringComparison.Ordinal)));
            }

            // EC3008: an event without a required name is invalid.
            var empty = contract.Validate("{}"u8);
            foreach (string required in rules.Required)
            {
                Assert.Contains(empty.Errors, e => e.Keyword == "required" && e.Message.Contains(required, StringComparison.Ordinal));
            }

            foreach (string name in s_names)
            {
                if (rules.NameProblem(name, out _) is { } nameProblem)
                {
                    refused++;
                    foreach (string value in new[] { "true", "\"x\"", "1", "null" })
                    {
                        Assert.True(Rejects(name, value, out string errors), $"{evt.Name}: '{name}' ({nameProblem}) with {value} is valid: {errors}");
                    }

                    continue;
                }

                foreach (object? constant in s_constants)
                {
                    checkedCases++;
                    var value = new PlanEventRules.Constant(constant);
                    if (rules.ValueProblem(name, value.Types, value, out _) is { } problem)
                    {
                        refused++;
                        string json = Json(constant);
                        Assert.True(Rejects(name, json, out string errors), $"{evt.Name}: '{name}' = {json} ({problem}) is valid: {errors}");
                    }
                }

                foreach (var (type, values) in s_typed)
                {
                    checkedCases++;
                    if (rules.ValueProblem(name, type, null, out _) is { } problem)
                    {
                        refused++;
                        foreach (string json in values)
                        {
                            Assert.True(Rejects(name, json, out string errors), $"{evt.Name}: '{name}' as {type} ({problem}) accepts {json}: {errors}");
                        }
                    }
                }
            }
        }

        _output.WriteLine($"{checkedCases} name/value cases, {refused} refused, each confirmed by the generated validator");
        Assert.True(refused > 150, "the rules refused only " + refused + " cases: the test no longer exercises them");
    }

    [Fact]
    public void Every_count_dependency_and_repeated_item_the_rules_refuse_the_generated_validator_refuses()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/tracking-plan.yaml", Plan, Kind: "TrackingPlan") });
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var contract = LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "plan-event-counts"), "Counted");
        var input = new ContractInput(new SourceFile("/app/tracking-plan.yaml", Plan), null, null, "Consumer", EquatableArray<SourceFile>.Empty);
        var spec = PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, default).Spec!;
        var rules = PlanEventRules.For(spec.Schemas, spec.Events.Single(e => e.Name == "Counted").SchemaId);
        int refused = 0, cases = 0;

        // Every set of five names: how many (minProperties 2, maxProperties 4), and what 'coupon' brings with it.
        string[] pool = { "coupon", "discount", "currency", "a", "b", "email", "phone", "country" };
        for (int mask = 0; mask < 1 << pool.Length; mask++)
        {
            var names = pool.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            string json = "{" + string.Join(",", names.Select(n => JsonText.Quote(n) + ":1")) + "}";
            var errors = contract.Validate(Encoding.UTF8.GetBytes(json)).Errors;
            string all = string.Join("; ", errors.Select(e => e.ToString()));
            cases++;
            if (rules.CountProblem(names.Count, names.Count) is { } countProblem)
            {
                refused++;
                Assert.True(errors.Any(e => e.Keyword is "minProperties" or "maxProperties"), $"{json} ({countProblem}) is valid: {all}");
            }

            Assert.True(rules.CountProblem(names.Count, null) is null || names.Count > 4, json + ": at least that many names is never too few");
            Assert.True(rules.CountProblem(0, names.Count) is null || names.Count < 2, json + ": at most that many names is never too many");
            foreach (var (name, requiredBy) in rules.DependentRequired(names).Where(d => !names.Contains(d.Name)))
            {
                refused++;
                Assert.True(errors.Any(e => e.Message.Contains(name, StringComparison.Ordinal)), $"{json} lacks '{name}' (with '{requiredBy}') and is valid: {all}");
            }

            foreach (var (keyword, lacking) in rules.UnmetBranches(names.Contains))
            {
                refused++;
                Assert.True(errors.Any(e => e.Keyword == keyword), $"{json} meets no branch of its {keyword} (each lacks one of {string.Join(" / ", lacking.Select(l => string.Join(", ", l)))}) and is valid: {all}");
            }
        }

        // Arrays of constants: how many items (tags: 1 to 3), and repeated values under uniqueItems.
        object?[][] arrays =
        {
            Array.Empty<object?>(), new object?[] { "a" }, new object?[] { "a", "b", "c" }, new object?[] { "a", "b", "c", "d" },
            new object?[] { "a", "a" }, new object?[] { "a", "A" }, new object?[] { 1, 1.0 }, new object?[] { 1, 1m }, new object?[] { 1, 2 },
            new object?[] { 1, "1" }, new object?[] { true, true }, new object?[] { true, false }, new object?[] { null, null },
            new object?[] { 0.1 + 0.2, 0.3 }, new object?[] { 2.5m, 2.50m }, new object?[] { 'x', "x" }, new object?[] { "\uD800", "\uFFFD" },
            new object?[] { 1e20, 1e20 }, new object?[] { double.NaN, double.NaN },
        };
        foreach (string property in new[] { "tags", "pair" })
        {
            int schemaId = rules.ValueSchemas(property).Single();
            foreach (var items in arrays)
            {
                cases++;
                var constants = items.Select(i => new PlanEventRules.Constant(i)).ToList();
                if (rules.ItemsProblem(schemaId, constants) is { } problem)
                {
                    refused++;
                    // As System.Text.Json writes them (a lone surrogate as U+FFFD, 2.50m as 2.50).
                    string json = "{\"a\":1,\"b\":2," + JsonText.Quote(property) + ":" + System.Text.Json.JsonSerializer.Serialize(items) + "}";
                    var errors = contract.Validate(Encoding.UTF8.GetBytes(json)).Errors;
                    Assert.True(errors.Any(e => e.Path == "/" + property), $"{json} ({problem}) is valid: {string.Join("; ", errors.Select(e => e.ToString()))}");
                }
            }
        }

        _output.WriteLine($"{cases} cases, {refused} refusals, each confirmed by the generated validator");
        Assert.True(refused > 30, "the rules refused only " + refused + " cases: the test no longer exercises them");
        Assert.Equal("it has at least 5 properties, over its maxProperties 4", rules.CountProblem(5, null));
        Assert.Equal("it has 5 properties, over its maxProperties 4", rules.CountProblem(5, 5));
        Assert.Equal("it has 1 property, under its minProperties 2", rules.CountProblem(1, 1));
        Assert.Equal("it has at most 1 property, under its minProperties 2", rules.CountProblem(0, 1));
        Assert.Equal(new[] { ("discount", "coupon"), ("currency", "coupon") }, rules.DependentRequired(new[] { "coupon" }));
        var unmet = rules.UnmetBranches(new[] { "phone", "b" }.Contains).ToList();
        Assert.Equal(new[] { "anyOf", "oneOf" }, unmet.Select(u => u.Keyword));
        Assert.Equal(new[] { "email", "country" }, unmet[0].Lacking.Select(l => Assert.Single(l)));
        Assert.Equal(new[] { "coupon", "a" }, unmet[1].Lacking.Select(l => Assert.Single(l)));
        Assert.Empty(rules.UnmetBranches(new[] { "phone", "country", "a" }.Contains));
        Assert.Equal("items 0 and 1 are both 1, and it has uniqueItems: true", rules.ItemsProblem(rules.ValueSchemas("pair").Single(), new[] { new PlanEventRules.Constant(1), new PlanEventRules.Constant(1.0) }));
        Assert.Null(rules.ItemsProblem(rules.ValueSchemas("pair").Single(), new[] { new PlanEventRules.Constant(1), null, new PlanEventRules.Constant(1.5) }));
    }

    [Fact]
    public void What_the_rules_say_of_one_event()
    {
        var input = new ContractInput(new SourceFile("/app/tracking-plan.yaml", Plan), null, null, "Consumer", EquatableArray<SourceFile>.Empty);
        var spec = PlanReader.Read(input, EquatableArray<ParsedChunk>.Empty, EquatableArray<ChunkPosition>.Empty, default).Spec!;
        PlanEventRules Rules(string name) => PlanEventRules.For(spec.Schemas, spec.Events.Single(e => e.Name == name).SchemaId);
        string? Value(string evt, string name, object? constant) => Rules(evt).ValueProblem(name, new PlanEventRules.Constant(constant).Types, new PlanEventRules.Constant(constant), out _);

        Assert.Equal(new[] { "method", "amount" }, Rules("Closed").Required);
        Assert.Equal(new[] { "id" }, Rules("Open").Required);
        Assert.Null(Rules("Closed").NameProblem("x_9", out _));
        Assert.Null(Value("Closed", "method", "quo\"te"));
        Assert.Null(Value("Closed", "mixed", null));
        Assert.Null(Value("Closed", "mixed", 1));
        Assert.Null(Value("Closed", "fixed", 2));
        Assert.Null(Value("Closed", "either", 1));
        Assert.Null(Value("Closed", "either", "a"));
        Assert.Null(Value("Open", "anything", false));
        Assert.Equal("'bbbbbb' is not one of its enum values: \"a\", 1, true, null", Value("Closed", "mixed", "bbbbbb"));
        Assert.Equal("3 is not its const 2.0", Value("Closed", "fixed", 3));
        Assert.Equal("the plan's schema for it is false, which no value matches", Value("Closed", "never", 1));
        Assert.Equal("'ab' has 2 characters, over its maxLength 1", Assert.IsType<string>(Value("Closed", "either", "ab")).Split(new[] { "(the first: " }, StringSplitOptions.None)[1].TrimEnd(')'));
        Assert.Equal("it is string and the plan allows boolean or null", Value("Open", "other", "x"));
        Assert.Equal("'abcdef' has 6 characters, over its maxLength 3", Value("Closed", "note", "abcdef"));

        // format and multipleOf, judged as the validator judges them.
        Assert.Equal("'2024-06-01T09:30:00' is not a valid date-time (its format)", Value("Closed", "when", "2024-06-01T09:30:00"));
        Assert.Equal("'2023-02-29' is not a valid date (its format)", Value("Closed", "day", "2023-02-29"));
        Assert.Equal("'bob@' is not a valid email (its format)", Value("Closed", "contact", "bob@"));
        Assert.Equal("'x.io/a' is not a valid uri (its format)", Value("Closed", "site", "x.io/a"));
        Assert.Equal("'123e4567' is not a valid uuid (its format)", Value("Closed", "ref", "123e4567"));
        Assert.Null(Value("Closed", "when", "2024-06-01T09:30:00Z"));
        Assert.Null(Value("Closed", "day", "2024-02-29"));
        Assert.Null(Value("Closed", "contact", "a@b.co"));
        Assert.Null(Value("Closed", "ref", "123e4567-e89b-12d3-a456-426614174000"));
        Assert.Equal("0.3 is not a multiple of its multipleOf 0.25", Value("Closed", "step", 0.3));
        Assert.Equal("7 is not a multiple of its multipleOf 5", Value("Closed", "qty", 7));
        Assert.Null(Value("Closed", "step", 12.5m));
        Assert.Null(Value("Closed", "step", 0.25f));
        Assert.Null(Value("Closed", "qty", 10));

        // not, if/then/else and oneOf's "only one": a constant is refused where the other schema's answer is certain.
        Assert.Equal("'demo' matches the schema of its not (\"test\", \"demo\"), which refuses every value that does", Value("Closed", "banned", "demo"));
        Assert.Null(Value("Closed", "banned", "Demo"));
        Assert.Equal("'abc' matches the schema of its not, which refuses every value that does", Value("Closed", "shunned", "abc"));
        Assert.Equal("true matches the schema of its not, which refuses every value that does", Value("Closed", "shunned", true));
        Assert.Null(Value("Closed", "shunned", "b"));
        Assert.Equal("it matches its if, and its then refuses it: 9 is outside its minimum 10", Value("Closed", "tier", 9));
        Assert.Equal("it does not match its if, and its else refuses it: 'abc' has 3 characters, over its maxLength 2", Value("Closed", "tier", "abc"));
        Assert.Equal("it does not match its if, and its else refuses it: it is number and the plan allows string", Value("Closed", "tier", 7.5));
        Assert.Null(Value("Closed", "tier", 10.0));
        Assert.Null(Value("Closed", "tier", "zz"));
        Assert.Equal("7 matches 2 branches of its oneOf, which allows exactly one", Value("Closed", "pick", 7));
        Assert.Null(Value("Closed", "pick", "x"));
        Assert.Null(Value("Closed", "pick", 3));
        Assert.Null(Value("Closed", "pick", 7.5));
        Assert.StartsWith("its then and its else both refuse it (its then: it is integer", Value("Closed", "unsure", 1e30));
        Assert.StartsWith("it matches its if, and its then refuses it: it is integer", Value("Closed", "unsure", 1e20));
        Assert.Equal("its propertyNames rule refuses it: 'password' matches the schema of its not (\"password\", \"secret\"), which refuses every value that does", Rules("Guarded").NameProblem("password", out _));
        Assert.Equal("null matches the schema of its not, which refuses every value that does", Value("Guarded", "other", null));
        Assert.Null(Value("Guarded", "other", 0));

        // additionalProperties sees only its own schema's properties: 'label', declared in an allOf part, is still
        // "additional" to the event's schema, whose additionalProperties allows booleans and null only.
        Assert.Equal("it is string and the plan allows boolean or null", Value("Open", "label", "abc"));
        Assert.Equal("its propertyNames rule refuses it: 'TooLongAName' has 12 characters, over its maxLength 8", Rules("Open").NameProblem("TooLongAName", out _));
        Assert.Equal("no schema of the event evaluates it and it has unevaluatedProperties: false; did you mean 'left'?", Rules("Unevaluated").NameProblem("leftt", out string? suggestion));
        Assert.Equal("left", suggestion);
        Assert.Null(Rules("Unevaluated").NameProblem("right", out _));
    }

    private static string Json(object? constant) => constant switch
    {
        null => "null",
        string s => JsonText.Quote(s),
        char c => JsonText.Quote(c.ToString()),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("not a constant: " + constant),
    };
}
