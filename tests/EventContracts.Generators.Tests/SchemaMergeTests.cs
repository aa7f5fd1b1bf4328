using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// An object schema built from parts (<c>allOf</c>, <c>$ref</c>) and branches (<c>anyOf</c>/<c>oneOf</c>) becomes one record
/// with every property any of them declares, typed so that every value the schema allows can be read into it: JSON the
/// contract accepts reads into the record and is written back byte for byte, and the record validates as that JSON does.
/// The generated code is compiled, loaded and run.
/// </summary>
public class SchemaMergeTests
{
    [Fact]
    public void Properties_of_a_oneOf_inside_allOf_are_members()
    {
        var record = LoadedRecord.Load("""
            type: object
            allOf:
              - properties: { a: { type: integer } }
              - oneOf:
                  - { required: [x], properties: { x: { type: integer } } }
                  - { required: [y], properties: { y: { type: string } } }
            """);

        Assert.Equal(typeof(long?), record.Member("X"));
        Assert.Equal(typeof(string), record.Member("Y"));
        record.RoundTrips("""{"a":1,"x":2}""");
        record.RoundTrips("""{"a":1,"y":"b"}""");
        Assert.False(record.IsValid("""{"a":1}"""));
    }

    [Fact]
    public void A_null_that_a_branch_or_condition_requires_is_written_back()
    {
        // Courier's element nodes: one oneOf branch requires a nullable "locales" the others leave optional. Dropping the
        // null on writing made the JSON match no branch.
        var record = LoadedRecord.Load("""
            type: object
            $defs:
              Locales: { type: [object, "null"], additionalProperties: { type: string } }
            properties:
              node:
                oneOf:
                  - { type: object, required: [kind, locales], properties: { kind: { enum: [action] }, locales: { $ref: "#/$defs/Locales" } } }
                  - { type: object, required: [kind], properties: { kind: { enum: [text] }, locales: { $ref: "#/$defs/Locales" } } }
              pair:
                type: object
                properties: { a: { type: integer }, b: { type: [string, "null"] } }
                dependentRequired: { a: [b] }
              count:
                type: object
                minProperties: 1
                properties: { note: { type: [string, "null"] } }
                anyOf: [ { required: [note] }, { required: [other] } ]
              plain: { type: [string, "null"] }
            """);

        record.RoundTrips("""{"node":{"kind":"action","locales":null}}""");
        record.RoundTrips("""{"node":{"kind":"text"}}""");
        record.RoundTrips("""{"node":{"kind":"text","locales":null}}""");
        record.RoundTrips("""{"node":{"kind":"action","locales":{"en":"Hi"}}}""");
        record.RoundTrips("""{"pair":{"a":1,"b":null}}""");
        record.RoundTrips("""{"count":{"note":null}}""");
        Assert.False(record.IsValid("""{"node":{"kind":"action"}}"""));

        // An optional null no branch or condition asks for is still omitted.
        Assert.Equal("""{}""", record.ReadAndWrite("""{"plain":null}"""));

        // Assigned in C#, a null is given too; left out, the name is missing and typed Validate() says so as the JSON does.
        var node = record.Nested("Node");
        object given = Activator.CreateInstance(node.Type)!;
        object absent = Activator.CreateInstance(node.Type)!;
        // kind is the branches' discriminator: one enum of their values.
        Type kind = Nullable.GetUnderlyingType(node.Member("Kind"))!;
        node.Type.GetProperty("Kind")!.GetSetMethod()!.Invoke(given, new[] { Enum.Parse(kind, "Action") });
        node.Type.GetProperty("Kind")!.GetSetMethod()!.Invoke(absent, new[] { Enum.Parse(kind, "Action") });
        node.Type.GetProperty("Locales")!.GetSetMethod()!.Invoke(given, new object?[] { null });
        Assert.Equal("""{"kind":"action","locales":null}""", Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(given, node.Type)));
        Assert.Equal("""{"kind":"action"}""", Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(absent, node.Type)));
        Assert.NotEqual(given, absent);
        Assert.Equal(given, JsonSerializer.Deserialize("""{"kind":"action","locales":null}""", node.Type));
    }

    [Fact]
    public void A_discriminator_each_oneOf_branch_fixes_to_another_value_holds_any_of_them()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              step:
                oneOf:
                  - { type: object, required: [action], properties: { action: { type: string, enum: [delay] }, seconds: { type: integer } } }
                  - { type: object, required: [action], properties: { action: { type: string, enum: [send] }, template: { type: string } } }
            """);

        var step = record.Nested("Step");
        Type action = Nullable.GetUnderlyingType(step.Member("Action"))!;
        Assert.True(action.IsEnum, action + " should be an enum of both branches' values");
        Assert.Equal(new[] { "Delay", "Send" }, Enum.GetNames(action));
        record.RoundTrips("""{"step":{"action":"send","template":"welcome"}}""");
        record.RoundTrips("""{"step":{"action":"delay","seconds":5}}""");
        Assert.False(record.IsValid("""{"step":{"action":"jump"}}"""));

        // The branch the discriminator picks decides; the other branch's properties are extra there, and allowed.
        Assert.True(record.IsValid("""{"step":{"action":"delay","template":"t"}}"""));
    }

    [Fact]
    public void A_discriminator_the_branches_give_overlapping_enums_and_null_is_one_nullable_enum()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              shape:
                anyOf:
                  - { type: object, required: [kind], properties: { kind: { type: string, enum: [circle, disc] }, r: { type: number } } }
                  - { type: object, required: [kind], properties: { kind: { type: [string, "null"], enum: [square, disc, null] }, side: { type: number } } }
                  - { type: object, properties: { kind: { $ref: '#/$defs/Legacy' } } }
            $defs:
              Legacy: { type: string, enum: [blob] }
            """);

        var shape = record.Nested("Shape");
        Type kind = shape.Member("Kind");
        Type underlying = Nullable.GetUnderlyingType(kind) ?? throw new Xunit.Sdk.XunitException(kind + " should be nullable");
        Assert.Equal(new[] { "Circle", "Disc", "Square", "Blob" }, Enum.GetNames(underlying));
        record.RoundTrips("""{"shape":{"kind":"disc","r":1}}""");
        record.RoundTrips("""{"shape":{"kind":"square","side":2}}""");
        record.RoundTrips("""{"shape":{"kind":"blob"}}""");
        // A branch requires kind, so a null given for it is written back.
        record.RoundTrips("""{"shape":{"kind":null,"side":2}}""");
        Assert.False(record.IsValid("""{"shape":{"kind":"triangle"}}"""));
    }

    [Theory]
    [InlineData("""{"step":{"action":"delay","seconds":5}}""", true)]
    [InlineData("""{"step":{"action":"send","template":"t"}}""", true)]
    [InlineData("""{"step":{"action":"send","seconds":5}}""", false)]
    [InlineData("""{"step":{"action":"delay","template":"t"}}""", false)]
    [InlineData("""{"step":{"action":"delay"}}""", true)]
    public void A_record_with_a_discriminator_enum_validates_typed_as_its_JSON_does(string json, bool valid)
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              step:
                oneOf:
                  - { type: object, additionalProperties: false, required: [action], properties: { action: { type: string, enum: [delay] }, seconds: { type: integer } } }
                  - { type: object, additionalProperties: false, required: [action], properties: { action: { type: string, enum: [send] }, template: { type: string } } }
            """);

        Assert.Equal(valid, record.IsValid(json));
        Assert.Equal(valid, record.ValidateTyped(record.Read(json)).IsValid);
    }

    [Fact]
    public void A_property_one_branch_gives_an_enum_and_another_a_plain_string_stays_a_string()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              step:
                oneOf:
                  - { type: object, required: [action], properties: { action: { type: string, enum: [delay] } } }
                  - { type: object, required: [action, custom], properties: { action: { type: string, minLength: 2 }, custom: { type: boolean } } }
            """);

        Assert.Equal(typeof(string), record.Nested("Step").Member("Action"));
        record.RoundTrips("""{"step":{"action":"jump","custom":true}}""");
        Assert.False(record.IsValid("""{"step":{"action":"x","custom":true}}"""));
    }

    [Fact]
    public void A_value_of_another_shape_for_a_name_only_some_branches_declare_is_kept_as_undeclared()
    {
        // {"v":"s","w":1} is valid through the second branch, which leaves v open: the member cannot hold "s".
        var record = LoadedRecord.Load("""
            type: object
            properties:
              step:
                type: object
                anyOf:
                  - { properties: { v: { type: integer }, items: { type: array, items: { type: object, required: [n], properties: { n: { type: integer } } } } } }
                  - { required: [w] }
                  - { type: string }
              kind:
                oneOf:
                  - { type: object, properties: { k: { type: string } } }
                  - { type: object, properties: { k: { type: string, maxLength: 2 } } }
            """);

        var step = record.Nested("Step");
        Assert.Equal(typeof(long?), step.Member("V"));
        record.RoundTrips("""{"step":{"v":"s","w":1}}""");
        record.RoundTrips("""{"step":{"items":[{"m":1}],"w":1}}""");
        object stepValue = record.Type.GetProperty("Step")!.GetValue(record.Read("""{"step":{"v":"s","w":1}}"""))!;
        Assert.Null(step.Type.GetProperty("V")!.GetValue(stepValue));
        var undeclared = (System.Collections.Generic.IReadOnlyDictionary<string, JsonElement>)step.Type.GetProperty("AdditionalProperties")!.GetValue(stepValue)!;
        Assert.Equal("s", undeclared["v"].GetString());
        record.RoundTrips("""{"step":{"v":5,"w":1}}""");
        record.RoundTrips("""{"step":{"v":5,"items":[{"n":1}]}}""");
        Assert.False(record.IsValid("""{"step":{"v":"s"}}"""));
        Assert.False(record.ValidateTyped(record.Read("""{"step":{"v":"s"}}""")).IsValid);

        // Malformed JSON is still an error, not an undeclared value; so is a value no branch allows where every one declares it.
        Assert.ThrowsAny<JsonException>(() => record.Read("""{"step":{"v":[1,}}"""));
        Assert.ThrowsAny<JsonException>(() => record.Read("""{"kind":{"k":5}}"""));
    }

    [Fact]
    public void A_required_name_only_some_branches_declare_reads_a_value_of_another_shape_as_undeclared()
    {
        // code is required, but only the first branch declares it: {"code":"E1","text":"x"} is valid through the second.
        var record = LoadedRecord.Load("""
            type: object
            required: [code]
            anyOf:
              - { properties: { code: { type: integer, minimum: 1 }, note: { type: [string, "null"] } } }
              - { required: [text], properties: { text: { type: string } } }
            properties:
              level: { type: string }
            """);

        Assert.Equal(typeof(long?), record.Member("Code"));
        Assert.Null(record.Type.GetProperty("Code")!.GetCustomAttributes(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute), false).FirstOrDefault());
        record.RoundTrips("""{"code":5}""");
        record.RoundTrips("""{"text":"x","code":"E1"}""");
        record.RoundTrips("""{"text":"x","code":null}""");
        object read = record.Read("""{"code":"E1","text":"x"}""");
        Assert.Null(record.Type.GetProperty("Code")!.GetValue(read));
        var undeclared = (System.Collections.Generic.IReadOnlyDictionary<string, JsonElement>)record.Type.GetProperty("AdditionalProperties")!.GetValue(read)!;
        Assert.Equal("E1", undeclared["code"].GetString());
        Assert.True(record.ValidateTyped(read).IsValid);

        // Still required: without it (in the member or among the undeclared values) the record is invalid, typed or not.
        record.RejectsTypedAndAsJson("""{"text":"x"}""", """{"code":0}""", """{"code":"E1"}""");
    }

    [Fact]
    public void Properties_then_else_and_dependentSchemas_declare_are_optional_loose_members()
    {
        var record = LoadedRecord.Load("""
            type: object
            required: [country]
            properties:
              country: { type: string }
            if: { properties: { country: { const: US } } }
            then: { required: [zip], properties: { zip: { type: string, pattern: "^[0-9]{5}$" } } }
            else: { properties: { postcode: { type: string, maxLength: 10 } } }
            dependentSchemas:
              coupon: { required: [discount], properties: { discount: { type: integer, minimum: 1 } } }
            """);

        Assert.Equal(typeof(string), record.Member("Zip"));
        Assert.Equal(typeof(string), record.Member("Postcode"));
        Assert.Equal(typeof(long?), record.Member("Discount"));
        record.RoundTrips("""{"country":"US","zip":"12345"}""");
        record.RoundTrips("""{"country":"NL","postcode":"1011 AB"}""");
        Assert.Equal("""{"country":"NL","discount":5,"coupon":"X"}""", record.ReadAndWrite("""{"country":"NL","coupon":"X","discount":5}"""));

        // Without a coupon, dependentSchemas does not apply and discount may be anything: kept as undeclared.
        record.RoundTrips("""{"country":"NL","discount":"many"}""");

        // The typed check agrees with the JSON's verdict on the members' values.
        record.RejectsTypedAndAsJson("""{"country":"US","zip":"1234"}""", """{"country":"US"}""", """{"country":"NL","postcode":"12345678901"}""", """{"country":"NL","coupon":"X","discount":0}""", """{"country":"NL","coupon":"X"}""");
    }

    [Fact]
    public void A_property_of_another_type_in_each_branch_holds_either_and_one_of_the_same_type_stays_typed()
    {
        var record = LoadedRecord.Load("""
            type: object
            properties:
              step:
                anyOf:
                  - { type: object, properties: { v: { type: string }, name: { type: string, maxLength: 10 } } }
                  - { type: object, properties: { v: { type: integer }, name: { type: string } } }
            """);

        var step = record.Nested("Step");
        Assert.Equal(typeof(JsonElement?), step.Member("V"));
        Assert.Equal(typeof(string), step.Member("Name"));
        record.RoundTrips("""{"step":{"v":5}}""");
        record.RoundTrips("""{"step":{"v":"five","name":"n"}}""");
        Assert.False(record.IsValid("""{"step":{"v":true}}"""));
    }

    [Fact]
    public void Branches_that_share_one_referenced_schema_keep_its_type()
    {
        var record = LoadOperation(
            """
            anyOf:
              - { type: object, required: [kind], properties: { kind: { $ref: '#/components/schemas/Kind' }, a: { type: string } } }
              - { type: object, required: [kind], properties: { kind: { $ref: '#/components/schemas/Kind' }, b: { type: string } } }
            """,
            "Kind: { type: string, enum: [a, b] }");

        Type kind = record.Member("Kind");
        Assert.True((Nullable.GetUnderlyingType(kind) ?? kind).IsEnum, kind + " should be the referenced enum");
        record.RoundTrips("""{"kind":"b","b":"x"}""");
    }

    [Fact]
    public void A_nullable_record_reads_null_wherever_it_is_referenced()
    {
        // Item (mapped first, through the list) and the request both refer to Inner, which allows null.
        var record = LoadOperation(
            """
            type: object
            properties:
              items: { type: array, items: { $ref: '#/components/schemas/Item' } }
              inner: { $ref: '#/components/schemas/Inner' }
            """,
            """
            Item: { type: object, properties: { inner: { $ref: '#/components/schemas/Inner' } } }
            Inner: { type: object, nullable: true, properties: { a: { type: string } } }
            """);

        // Optional nulls are left out when written.
        Assert.Equal("""{"items":[{}]}""", record.ReadAndWrite("""{"items":[{"inner":null}],"inner":null}"""));
        record.RoundTrips("""{"items":[{"inner":{"a":"x"}}],"inner":{"a":"y"}}""");
    }

    [Fact]
    public void An_integer_member_reads_integral_spellings_and_refuses_a_fraction_a_decimal_would_round_away()
    {
        var record = LoadOperation("type: object\nproperties:\n  n: { type: integer }\n", "Unused: { type: string }");

        Assert.Equal("""{"n":100}""", record.ReadAndWrite("""{"n":1e2}"""));
        Assert.Equal("""{"n":2}""", record.ReadAndWrite("""{"n":2.000}"""));
        Assert.Equal("""{"n":0}""", record.ReadAndWrite("""{"n":0e-400}"""));
        foreach (string fraction in new[] { "1e-29", "5e-324", "-1e-400", "0.5", "1.0000000000000000000000000001" })
        {
            Assert.False(record.IsValid("{\"n\":" + fraction + "}"), fraction);
            Assert.Throws<JsonException>(() => record.Read("{\"n\":" + fraction + "}"));
        }
    }

    [Fact]
    public void Ill_formed_UTF8_in_an_open_value_a_name_or_an_enum_is_not_read_as_validation_refuses_it()
    {
        var record = LoadOperation(
            """
            type: object
            properties:
              open: {}
              tier: { type: string, enum: [gold] }
              map: { type: object, additionalProperties: { type: integer } }
            """,
            "Unused: { type: string }");
        var contract = LoadedRecord.Contract(record.Type.Assembly, "Shop");
        static byte[] Json(string before, byte[] bytes, string after) => Encoding.UTF8.GetBytes(before).Concat(bytes).Concat(Encoding.UTF8.GetBytes(after)).ToArray();

        foreach (byte[] json in new[]
        {
            Json("{\"open\":\"a", new byte[] { 0xFF }, "\"}"),
            Json("{\"open\":{\"k\":[\"", new byte[] { 0xC0, 0xAF }, "\"]}}"),
            Json("{\"tier\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"}"),
            Json("{\"map\":{\"", new byte[] { 0xFF }, "\":1}}"),
            Json("{\"", new byte[] { 0xFF }, "\":1}"),
        })
        {
            Assert.False(contract.Validate(json).IsValid);
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, record.Type));
        }

        record.RoundTrips("""{"open":{"k":["a"]},"tier":"gold","map":{"u":1},"x":"s"}""");
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_in_an_open_value_is_not_read_though_validation_allows_it()
    {
        // JSON Schema counts "\ud800" as a one-character string; System.Text.Json can neither read it as a string nor
        // write it, so a record holding it could not be compared, written or checked through its written JSON.
        var record = LoadOperation(
            """
            type: object
            properties:
              open: {}
              checked: { anyOf: [{ type: object }, { type: array }] }
            """,
            "Unused: { type: string }");

        foreach (string json in new[]
        {
            """{"open":"a\ud800"}""",
            """{"open":"\udc00\ud800"}""",
            """{"open":{"k":["\uDBFF\u0041"]}}""",
            """{"open":{"\ud800":1}}""",
            """{"checked":["\ud800"]}""",
            """{"checked":{"a":"\\\ud800"}}""",
        })
        {
            Assert.True(record.IsValid(json), json);
            var ex = Assert.Throws<JsonException>(() => record.Read(json));
            Assert.Contains("unpaired surrogate", ex.Message, StringComparison.Ordinal);
        }

        // A pair, and an escaped backslash before "ud800", read and write.
        Assert.Equal(
            """{"open":"\uD83D\uDE00 \\ud800","checked":["\uD83D\uDE00"]}""",
            record.ReadAndWrite("""{"open":"\ud83d\ude00 \\ud800","checked":["\uD83D\uDE00"]}"""));
    }

    [Fact]
    public void A_schema_without_type_whose_keywords_are_object_or_array_keywords_reads_null_where_nothing_refuses_it()
    {
        // Object and array keywords do not apply to null: without a type the schema allows it, and the member holds it.
        var record = LoadOperation(
            """
            type: object
            required: [ctx]
            properties:
              ctx: { properties: { a: { type: string } }, additionalProperties: false }
              map: { required: [a], minProperties: 1 }
              list: { items: { type: integer } }
              shared: { $ref: "#/components/schemas/Untyped" }
              typed: { allOf: [{ $ref: "#/components/schemas/Untyped" }, { type: object }] }
              negated: { properties: { a: { type: string } }, not: { type: string } }
            """,
            "Untyped: { properties: { a: { type: integer } } }");

        Assert.Equal(System.Reflection.NullabilityState.Nullable, new System.Reflection.NullabilityInfoContext().Create(record.Type.GetProperty("Ctx")!).ReadState);

        Assert.Equal("""{"ctx":null}""", record.ReadAndWrite("""{"ctx":null}"""));
        Assert.Equal("""{"ctx":{"a":"x"}}""", record.ReadAndWrite("""{"ctx":{"a":"x"},"map":null,"list":null,"shared":null}"""));
        Assert.True(record.ValidateTyped(record.Read("""{"ctx":null}""")).IsValid);

        // allOf with a typed part refuses null, and whether "not" does is not decided here: neither reads it.
        foreach (string json in new[] { """{"ctx":null,"typed":null}""", """{"ctx":null,"negated":null}""" })
        {
            Assert.Equal(!json.Contains("typed", StringComparison.Ordinal), record.IsValid(json));
            Assert.Throws<JsonException>(() => record.Read(json));
        }

        // Values of another type still read as the record's own type only (documented).
        Assert.True(record.IsValid("""{"ctx":"text"}"""));
        Assert.Throws<JsonException>(() => record.Read("""{"ctx":"text"}"""));
    }

    [Fact]
    public void A_ref_to_an_enum_beside_a_type_it_has_anyway_and_annotations_is_that_enum()
    {
        // SendGrid's disposition: {type: string, default: attachment, $ref: Disposition}. Both schemas apply, so a
        // null the wrapper allows is still refused by the enum, and a required member does not read it.
        var record = LoadedRecord.Load(
            """
            openapi: 3.1.0
            info: { title: Shop, version: "1" }
            paths:
              /track:
                post:
                  operationId: track
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [n]
                          properties:
                            d: { type: string, default: attachment, description: How it is shown., $ref: "#/components/schemas/Disposition" }
                            n: { type: [string, "null"], $ref: "#/components/schemas/Disposition" }
                            limited: { type: string, maxLength: 6, $ref: "#/components/schemas/Disposition" }
                  responses: { "202": { description: Accepted } }
            components:
              schemas:
                Disposition: { type: string, enum: [inline, attachment] }
            """,
            operation: "track");

        Assert.Equal("ShopDisposition", Nullable.GetUnderlyingType(record.Member("D"))!.Name);
        Assert.Equal("ShopDisposition", record.Member("N").Name);
        Assert.Equal(typeof(string), record.Member("Limited"));
        Assert.Equal("""{"d":"inline","n":"attachment"}""", record.ReadAndWrite("""{"d":"inline","n":"attachment"}"""));
        foreach (string invalid in new[] { """{"n":null}""", """{"n":"inline","d":"bogus"}""" })
        {
            Assert.False(record.IsValid(invalid), invalid);
            Assert.Throws<JsonException>(() => record.Read(invalid));
        }
    }

    [Fact]
    public void A_name_given_twice_is_not_read_as_either_value()
    {
        // {"count":-1,"count":1} is refused by the validator (it checks each); a record keeping the last would be valid.
        var record = LoadOperation(
            """
            type: object
            properties:
              count: { type: integer, minimum: 0 }
              tags: { type: object, additionalProperties: { type: string } }
            """,
            "Unused: { type: string }");

        foreach (string json in new[] { """{"count":-1,"count":1}""", """{"count":1,"count":1}""", """{"tags":{"a":"x","a":"y"}}""", """{"x":1,"\u0078":2}""" })
        {
            var ex = Assert.Throws<JsonException>(() => record.Read(json));
            Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(record.IsValid("""{"count":-1,"count":1}"""));
        Assert.Equal("""{"count":1,"tags":{"a":"x"},"x":1}""", record.ReadAndWrite("""{"count":1,"tags":{"a":"x"},"x":1}"""));
    }

    [Fact]
    public void A_nullable_enum_whose_values_leave_null_out_is_read_and_checked_as_not_nullable()
    {
        // OpenAPI 3.0.3: nullable adds null to type only; the enum still refuses it (EC1022 says so at build time).
        var record = LoadOperation(
            """
            type: object
            required: [kind]
            properties:
              kind: { type: string, nullable: true, enum: [gold, silver] }
              tier: { type: string, nullable: true, enum: [gold, silver] }
              tags: { type: array, items: { type: string, nullable: true, enum: [a] } }
              open: { type: string, nullable: true, enum: [a, null] }
            """,
            "Unused: { type: string }");

        Assert.True(record.Member("Kind").IsEnum, record.Member("Kind") + " should be the enum itself, not nullable");
        Assert.Null(Nullable.GetUnderlyingType(record.Member("Tags").GetGenericArguments()[0]));
        Assert.NotNull(Nullable.GetUnderlyingType(record.Member("Open")));
        foreach (string invalid in new[] { """{"kind":null}""", """{"kind":"gold","tags":[null]}""", """{"kind":"gold","tier":null}""" })
        {
            Assert.False(record.IsValid(invalid), invalid);
            Assert.Throws<JsonException>(() => record.Read(invalid));
        }

        record.RoundTrips("""{"kind":"gold","tier":"silver","tags":["a"],"open":"a"}""");
    }

    [Fact]
    public void YAML_integers_in_hexadecimal_octal_or_with_a_sign_or_leading_zeros_are_numbers()
    {
        // The YAML 1.2 core schema, as ~, True and .5 are read: 0o17 is 15 and 0x1F is 31 (-0x1 is no integer there: a string).
        var record = LoadOperation(
            """
            type: object
            properties:
              code: { enum: [0o17, 0x1F, +5, 007, -0x1, 0xFFFFFFFFFFFFFFFFFF] }
              size: { type: integer, minimum: 0x10 }
              name: { type: string, maxLength: 0o3 }
            """,
            "Unused: { type: string }");

        foreach (string valid in new[] { "15", "31", "5", "7", "\"-0x1\"", "4722366482869645213695" })
        {
            Assert.True(record.IsValid("{\"code\":" + valid + "}"), valid + " should be valid");
        }

        Assert.False(record.IsValid("""{"code":"0o17"}"""));
        Assert.False(record.IsValid("""{"code":17}"""));
        Assert.True(record.IsValid("""{"size":16,"name":"abc"}"""));
        Assert.False(record.IsValid("""{"size":15}"""));
        Assert.False(record.IsValid("""{"name":"abcd"}"""));
    }

    [Theory]
    [InlineData("3.0.3", true)]
    [InlineData("3.1.0", false)]
    [InlineData("3.1", false)]
    [InlineData("3.2.0", false)]
    public void Nullable_allows_null_in_OpenAPI_3_0_and_is_reported_not_applied_from_3_1(string version, bool allowsNull)
    {
        string text = "openapi: " + version + "\ninfo: { title: Shop, version: \"1\" }\npaths:\n  /track:\n    post:\n      operationId: track\n"
            + "      requestBody:\n        content:\n          application/json:\n            schema:\n"
            + "              type: object\n              properties:\n                name: { type: string, nullable: true }\n                tier: { type: string, nullable: false }\n"
            + "      responses: { \"202\": { description: Accepted } }\n";
        var (result, output) = GeneratorHarness.Run(new[] { new TestFile("/app/contracts/shop.yaml", text, "EventContract", "Shop", "track") });
        var contract = LoadedRecord.Contract(LoadedRecord.LoadAssembly(output, "nullable-" + version), "Shop");

        Assert.Equal(allowsNull, contract.Validate("""{"name":null}"""u8).IsValid);
        Assert.True(contract.Validate("""{"name":"a"}"""u8).IsValid);
        Assert.False(contract.Validate("""{"tier":null}"""u8).IsValid);
        var reported = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (allowsNull)
        {
            Assert.Empty(reported);
        }
        else
        {
            var diagnostic = Assert.Single(reported);
            Assert.Equal("EC1003", diagnostic.Id);
            Assert.StartsWith("Keyword 'nullable' at #/paths/~1track/post/requestBody/content/application~1json/schema/properties/name/nullable is not supported and is not validated: OpenAPI 3.1 schemas are JSON Schema 2020-12", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal(12, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        }
    }

    /// <summary>Loads the request record of a one-operation OpenAPI document: the request schema and the component schemas, as YAML.</summary>
    [Fact]
    public void A_readOnly_property_in_required_is_optional_in_the_request()
    {
        // OpenAPI 3.0: "If the property is marked as readOnly being true and is in the required list, the required will
        // take effect on the response only."
        var record = LoadOperation(
            "$ref: \"#/components/schemas/Ticket\"",
            """
            Ticket:
              type: object
              required: [id, title]
              properties:
                id: { type: string, readOnly: true }
                title: { type: string }
            """);

        Assert.Equal(typeof(string), record.Member("Id"));
        record.RoundTrips("""{"title":"Printer on fire"}""");
        record.RoundTrips("""{"id":"T-1","title":"Printer on fire"}""");
        Assert.False(record.IsValid("""{"id":"T-1"}"""));
    }

    private static LoadedRecord LoadOperation(string requestSchema, string componentSchemas)
        => LoadedRecord.Load(
            "openapi: 3.0.3\ninfo: { title: Shop, version: \"1\" }\npaths:\n  /track:\n    post:\n      operationId: track\n"
            + "      requestBody:\n        content:\n          application/json:\n            schema:\n" + Indent(requestSchema, 14)
            + "      responses: { \"202\": { description: Accepted } }\ncomponents:\n  schemas:\n" + Indent(componentSchemas, 4),
            operation: "track");

    private static string Indent(string yaml, int spaces)
        => string.Concat(yaml.Split('\n').Where(line => line.Trim().Length > 0).Select(line => new string(' ', spaces) + line.TrimEnd('\r') + "\n"));
}
