using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>Plan events are checked against the vendor contracts they go to, on the plan file.</summary>
public class DestinationCheckTests
{
    [Theory]
    [InlineData("Order Complete", "Order Completed")]
    [InlineData("order completed", "Order Completed")]
    [InlineData("Ordr Compltd", "Order Completed")]
    [InlineData("Cart", "")]
    [InlineData("Cart Viewex", "Cart Viewed")]
    [InlineData("Checkout Started!", "Checkout Started")]
    [InlineData("Sign In", "")]
    [InlineData("", "")]
    [InlineData("Order Refundd", "Order Refunded")]
    [InlineData("Order Returned", "")]
    [InlineData("Cart Viewer", "Cart Viewer")]
    [InlineData("cart_viewd", "Cart Viewed")]
    [InlineData("CartViewd", "Cart Viewed")]
    [InlineData("Signed Out", "")]
    public void A_suggestion_is_the_closest_name_within_a_third_of_its_length_ties_to_the_first_in_ordinal_order(string name, string expected)
    {
        string[] names = { "Order Completed", "Order Refunded", "Cart Viewed", "Cart Viewer", "Checkout Started", "Signed Up" };

        Assert.Equal(expected, EventContracts.Generators.Model.NameSuggestions.Suggest(name, names));
    }

    /// <summary>The plan's diagnostics; the "size is unbounded" information (EC4003) only when asked for.</summary>
    private static IReadOnlyList<Diagnostic> Check(string plan, bool includeUnbounded = false, IEnumerable<TestFile>? vendors = null)
    {
        var files = (vendors ?? GeneratorHarness.BuiltInVendors).Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan"));
        var (result, output) = GeneratorHarness.Run(files);
        Assert.DoesNotContain(GeneratorHarness.CompileProblems(output), p => p.StartsWith("CS"));
        return result.Diagnostics
            .Where(d => includeUnbounded || d.Id != "EC4003")
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
    }

    private static (string Id, int Line, int Column) Where(Diagnostic d)
        => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character);

    [Fact]
    public void Properties_every_destination_can_carry_report_nothing()
    {
        const string plan = """
            events:
              - name: Order Completed
                destinations: [Courier, Userpilot, Tranthor, CustomerIo, PushEngage]
                properties:
                  type: object
                  properties:
                    order_id: { type: string, maxLength: 64 }
                    revenue: { type: number }
                    currency: { type: string }
                    paid: { type: boolean }
            """;

        Assert.Empty(Check(plan));
    }

    [Fact]
    public void A_nested_object_for_PushEngage_is_EC3003_on_the_property()
    {
        const string plan = """
            events:
              - name: Cart Viewed
                destinations: [PushEngage, Courier]
                properties:
                  type: object
                  properties:
                    cart: { type: object, properties: { size: { type: integer } } }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3003", 6, 8), Where(diagnostic));
        Assert.Contains("PushEngage accepts only string or number or boolean", diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
    }

    [Fact]
    public void A_string_no_value_of_which_fits_PushEngage_s_255_characters_is_EC3003_and_one_that_may_fit_is_not()
    {
        string longValue = new('x', 256);
        string plan = $$"""
            events:
              - name: Profile Updated
                destinations: [PushEngage, Courier]
                properties:
                  type: object
                  properties:
                    bio: { type: string, minLength: 300 }
                    code: { enum: [{{longValue}}] }
                    note: { type: string, minLength: 255 }
                    either: { type: [string, number], minLength: 300 }
                    tier: { enum: [{{longValue}}, gold] }
            """;

        var diagnostics = Check(plan).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.Equal(new[] { ("EC3003", 6, 8), ("EC3003", 7, 8) }, diagnostics.Select(Where));
        Assert.Contains("Property 'bio' of event 'Profile Updated' is a string of at least 300 characters, but PushEngage accepts only strings of at most 255 characters", diagnostics[0].GetMessage());
        Assert.Contains("is one of 'xxxxxxxxxxxxxxxxxxxxx...' (each longer than 255 characters)", diagnostics[1].GetMessage());
    }

    [Fact]
    public void A_null_the_record_never_writes_is_not_a_value_for_the_destination()
    {
        // Optional nulls are omitted when written, so only the required nullable property can send a null to PushEngage.
        const string plan = """
            events:
              - name: Cart Viewed
                destinations: [PushEngage]
                properties:
                  type: object
                  required: [must]
                  properties:
                    coupon: { type: [string, "null"] }
                    note: { type: "null" }
                    must: { type: [integer, "null"] }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3003", 9, 8), Where(diagnostic));
        Assert.Contains("'must'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_null_a_branch_requires_is_written_and_so_a_value_for_the_destination()
    {
        // The record writes a null given to an optional property that an anyOf branch requires (the branch still matches).
        const string plan = """
            events:
              - name: Cart Viewed
                destinations: [PushEngage]
                properties:
                  type: object
                  properties:
                    coupon: { type: [string, "null"] }
                    code: { type: [string, "null"] }
                  anyOf:
                    - required: [code]
                    - properties: { coupon: { type: string } }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3003", 7, 8), Where(diagnostic));
        Assert.Contains("'code'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_key_PushEngage_does_not_allow_is_EC3002()
    {
        const string plan = """
            events:
              - name: Cart Viewed
                destinations: [PushEngage]
                properties:
                  type: object
                  properties:
                    "-size": { type: integer }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3002", 6, 8), Where(diagnostic));
    }

    [Fact]
    public void Revenue_as_a_string_for_CustomerIo_is_EC3001_naming_the_reserved_meaning()
    {
        const string plan = """
            events:
              - name: Order Completed
                destinations: [CustomerIo]
                properties:
                  type: object
                  properties:
                    revenue: { type: string }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3001", 6, 8), Where(diagnostic));
        Assert.Contains("reserved", diagnostic.GetMessage());
    }

    [Fact]
    public void Properties_of_anyOf_and_oneOf_branches_are_checked_like_the_records_members()
    {
        // The records have Revenue, Value, Nested and BadKey members from these branches, so the checks see them too.
        const string plan = """
            events:
              - name: Rev AnyOf
                destinations: [CustomerIo]
                properties: { type: object, anyOf: [ { properties: { revenue: { type: string } } }, { properties: { other: { type: string } } } ] }
              - name: Rev OneOf
                destinations: [CustomerIo]
                properties: { type: object, oneOf: [ { properties: { revenue: { type: string } }, required: [revenue] }, { properties: { value: { type: string } }, required: [value] } ] }
              - name: PE Nested AnyOf
                destinations: [PushEngage]
                properties: { type: object, additionalProperties: false, anyOf: [ { properties: { nested: { type: object, additionalProperties: false } } } ] }
              - name: PE Bad Key OneOf
                destinations: [PushEngage]
                properties: { type: object, additionalProperties: false, oneOf: [ { allOf: [ { properties: { "-bad key": { type: string, maxLength: 5 } } } ] } ] }
            """;

        var found = Check(plan).Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, d.GetMessage().Split('\'')[1])).ToList();

        Assert.Equal(
            new[] { ("EC3001", 3, "revenue"), ("EC3001", 6, "revenue"), ("EC3001", 6, "value"), ("EC3003", 9, "nested"), ("EC3002", 12, "-bad key") },
            found);
    }

    [Theory]
    [InlineData("oneOf: [ { properties: { revenue: { type: number } } }, { properties: { revenue: { type: string } } } ]")]
    [InlineData("anyOf: [ { properties: { revenue: { type: number } } } ], oneOf: [ { properties: { revenue: { type: string } } } ]")]
    public void A_property_declared_only_in_branches_can_have_any_branch_s_type(string schema)
    {
        // The record's member is an open JSON value here, so a string from a branch reaches Customer.io.
        string plan = "events:\n  - name: Order Completed\n    destinations: [CustomerIo]\n    properties: { type: object, " + schema + " }\n";

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal("EC3001", diagnostic.Id);
        Assert.Contains("'revenue' of event 'Order Completed' is string or number,", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("properties: { revenue: { type: number } }, anyOf: [ { properties: { revenue: { type: [number, string] } } } ]")]
    [InlineData("allOf: [ { properties: { revenue: { type: number } } } ], anyOf: [ { properties: { revenue: { type: string } } } ]")]
    [InlineData("properties: { revenue: { description: Order total } }, allOf: [ { properties: { revenue: { type: number } } } ]")]
    [InlineData("properties: { revenue: { type: [number, string] } }, allOf: [ { properties: { revenue: { type: number } } } ]")]
    public void A_value_meets_every_declaration_that_always_applies_and_a_branch_only_narrows_it(string schema)
    {
        // A valid event's revenue is a number whichever declaration is met first: a string fails the event's own
        // validation (which the senders run), so it never reaches Customer.io.
        string plan = "events:\n  - name: Order Completed\n    destinations: [CustomerIo, PushEngage]\n    properties: { type: object, " + schema + " }\n";

        Assert.Empty(Check(plan));
    }

    [Fact]
    public void A_name_no_value_of_which_is_valid_is_never_sent()
    {
        // false, not: {} and types that exclude each other forbid the name; forbidding revenue is what Customer.io wants.
        const string plan = """
            events:
              - name: Order Completed
                destinations: [PushEngage, CustomerIo]
                properties:
                  type: object
                  properties:
                    legacy: false
                    old_field: { not: {} }
                    revenue: false
                    mixed: { type: string, allOf: [ { type: object } ] }
                  oneOf:
                    - properties: { extra: false }
            """;

        Assert.Empty(Check(plan));
    }

    [Fact]
    public void Properties_under_then_else_and_dependentSchemas_are_checked_like_the_records_members()
    {
        // The record writes them (its members come from every in-place subschema), so the destination receives them.
        const string plan = """
            events:
              - name: Checkout Step
                destinations: [PushEngage, CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    step: { enum: [cart, payment] }
                  if: { properties: { step: { const: payment } }, required: [step] }
                  then:
                    properties:
                      card: { type: object, properties: { brand: { type: string, maxLength: 10 } }, additionalProperties: false }
                  else:
                    properties:
                      revenue: { type: string, maxLength: 10 }
                  dependentSchemas:
                    step:
                      properties:
                        tags: { type: array, maxItems: 3, items: { type: string, maxLength: 10 } }
            """;

        Assert.Equal(
            new[] { ("EC3003", 11, 10), ("EC3001", 14, 10), ("EC3003", 18, 12) },
            Check(plan).Select(Where));
    }

    [Fact]
    public void A_quote_or_DEL_in_a_constant_counts_the_six_bytes_the_serializer_writes_for_it()
    {
        // '"' is \u0022 and DEL \u007F on the wire: three 250-character constants are 4,522 bytes of PushEngage data.
        foreach (char c in new[] { '"', '\u007f' })
        {
            string value = new string(c, 250).Replace("'", "''", System.StringComparison.Ordinal);
            string plan = $$"""
                events:
                  - name: Quoted
                    destinations: [PushEngage]
                    properties:
                      type: object
                      additionalProperties: false
                      required: [a, b, c]
                      properties:
                        a: { const: '{{value}}' }
                        b: { const: '{{value}}' }
                        c: { const: '{{value}}' }
                """;

            var diagnostic = Assert.Single(Check(plan));
            Assert.Equal("EC4002", diagnostic.Id);
            Assert.Contains("4522", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_number_of_a_value_of_several_types_keeps_its_digits_so_its_size_is_unbounded()
    {
        // type: [number, string] is a JsonElement member, which writes a number's text as it was read: any length.
        const string plan = """
            events:
              - name: Union
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    v: { type: [number, string], maxLength: 10 }
                    n: { type: number, maximum: 10 }
            """;

        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Contains("'v' is a number kept as its JSON text", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_of_nested_arrays_do_not_wrap_around()
    {
        // 850,444 cubed items: about 6e17 bytes, which wrapped to a negative size that passed Customer.io's 32,000.
        const string plan = """
            events:
              - name: Grid
                destinations: [CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    cells:
                      type: array
                      maxItems: 850444
                      items: { type: array, maxItems: 850444, items: { type: array, maxItems: 850444, items: { type: string, maxLength: 1 } } }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal("EC4001", diagnostic.Id);
        Assert.Contains("can reach more than 4611686018427387904 bytes", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unevaluatedProperties: false", "EC3002", "accepts only the properties it declares")]
    [InlineData("additionalProperties: false", "EC3002", "accepts only the properties it declares")]
    [InlineData("unevaluatedProperties: { type: string }", "EC3003", "is integer, but Shop accepts only string in its 'properties' object")]
    [InlineData("additionalProperties: { type: string }", "EC3003", "is integer, but Shop accepts only string in its 'properties' object")]
    public void A_vendor_whose_properties_object_judges_undeclared_names_checks_the_plan_s_the_same_either_way(string keyword, string id, string message)
    {
        // Without in-place subschemas, unevaluatedProperties judges the names additionalProperties would.
        var diagnostic = Assert.Single(CheckAgainstShop("{ type: object, properties: { sku: { type: string } }, " + keyword + " }"));
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains("'quantity'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains(message, diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unevaluated_properties_with_in_place_subschemas_leave_undeclared_names_to_run_time()
    {
        // The names an anyOf branch evaluates are not the object's own declarations: no build-time verdict on them.
        Assert.Empty(CheckAgainstShop("{ type: object, properties: { sku: { type: string } }, anyOf: [ { properties: { quantity: { type: integer } } } ], unevaluatedProperties: false }"));
    }

    [Theory]
    [InlineData("additionalProperties: { type: object }", 6, 6, "Any other property (additionalProperties) of event 'Cart Viewed' is object, but PushEngage accepts only string or number or boolean in its 'data' object")]
    [InlineData("additionalProperties: true", 6, 6, "Any other property (additionalProperties) of event 'Cart Viewed' is untyped (any JSON value), but PushEngage")]
    [InlineData("additionalProperties: { type: [string, \"null\"] }", 6, 6, "Any other property (additionalProperties) of event 'Cart Viewed' is string or null,")]
    [InlineData("patternProperties: { \"^tag_\": { type: array } }", 6, 27, "A property matching '^tag_' (patternProperties) of event 'Cart Viewed' is array,")]
    [InlineData("unevaluatedProperties: { type: object }", 6, 6, "Any other property (unevaluatedProperties) of event 'Cart Viewed' is object,")]
    [InlineData("allOf: [ { additionalProperties: { type: object } } ]", 6, 17, "Any other property (additionalProperties) of event 'Cart Viewed' is object,")]
    [InlineData("anyOf: [ { required: [sku] }, { additionalProperties: { type: object } } ]", 6, 38, "Any other property (additionalProperties) of event 'Cart Viewed' is object,")]
    public void Values_an_event_allows_beyond_its_declared_names_are_checked_at_the_keyword(string keyword, int line, int column, string message)
    {
        // A record writes the values of its AdditionalProperties as they are: the schema's word on them is the destination's business.
        string plan = "events:\n  - name: Cart Viewed\n    destinations: [PushEngage]\n    properties:\n      type: object\n      properties: { sku: { type: string } }\n      " + keyword + "\n";

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3003", line, column), Where(diagnostic));
        Assert.StartsWith(message, diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("additionalProperties: false")]
    [InlineData("additionalProperties: { type: [string, number, boolean] }")]
    [InlineData("patternProperties: { \"^n_\": { type: integer } }")]
    [InlineData("unevaluatedProperties: false")]
    public void Values_a_destination_accepts_or_no_word_on_them_report_nothing(string keyword)
    {
        // Without a keyword nothing is said at build time: the values a record's AdditionalProperties holds are checked when sent.
        string plan = "events:\n  - name: Cart Viewed\n    destinations: [PushEngage]\n    properties:\n      type: object\n      properties: { sku: { type: string } }\n      " + keyword + "\n";

        Assert.Empty(Check(plan));
    }

    [Theory]
    [InlineData("additionalProperties: { type: string }", 6, 6, "revenue,value")]
    [InlineData("additionalProperties: { type: boolean }", 6, 6, "currency,revenue,value")]
    [InlineData("additionalProperties: { type: integer }", 6, 6, "currency")]
    [InlineData("unevaluatedProperties: { type: [string, \"null\"] }", 6, 6, "revenue,value")]
    [InlineData("patternProperties: { \"^rev\": { type: string } }", 6, 27, "revenue")]
    [InlineData("patternProperties: { \"^rev\": { type: string } }; additionalProperties: { type: [number, string] }", 6, 27, "revenue")]
    [InlineData("allOf: [ { additionalProperties: { type: string } } ]", 6, 17, "revenue,value")]
    [InlineData("propertyNames: { maxLength: 5 }; additionalProperties: { type: string }", 7, 6, "value")]
    [InlineData("propertyNames: { enum: [sku, revenue] }; additionalProperties: { type: string }", 7, 6, "revenue")]
    [InlineData("anyOf: [ { propertyNames: { enum: [sku] } } ]; additionalProperties: { type: string }", 7, 6, "revenue,value")]
    public void Open_values_that_can_carry_a_destination_s_own_property_only_with_a_wrong_type_are_EC3006(string keywords, int line, int column, string names)
    {
        var diagnostics = CheckForCustomerIo("properties: { sku: { type: string } }; " + keywords);

        Assert.All(diagnostics, d => Assert.Equal(("EC3006", line, column), Where(d)));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Descriptor.DefaultSeverity));
        Assert.Equal(names, string.Join(",", diagnostics.Select(d => System.Text.RegularExpressions.Regex.Match(d.GetMessage(), "so '([^']+)' can be sent").Groups[1].Value).OrderBy(n => n, System.StringComparer.Ordinal)));
    }

    [Fact]
    public void EC3006_names_the_keyword_the_types_and_the_destination_s_definition()
    {
        var diagnostics = CheckForCustomerIo("additionalProperties: { type: string }");

        Assert.Equal(new[] { ("EC3006", 5, 6), ("EC3006", 5, 6) }, diagnostics.Select(Where));
        Assert.StartsWith(
            "Any other property (additionalProperties) of event 'Order Completed' is string, so 'revenue' can be sent as string, but CustomerIo defines 'revenue' in its 'properties' object as number (reserved: revenue amount",
            diagnostics.Select(d => d.GetMessage()).Single(m => m.Contains("'revenue'", System.StringComparison.Ordinal)),
            System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("additionalProperties: true")]
    [InlineData("additionalProperties: { type: [string, number] }")]
    [InlineData("additionalProperties: { description: any value }")]
    [InlineData("patternProperties: { \"^x_\": { type: boolean } }")]
    [InlineData("patternProperties: { \"^(revenue|value|currency)$\": { type: [number, string] } }; additionalProperties: { type: boolean }")]
    [InlineData("propertyNames: { pattern: \"^[a-z]{1,4}$\" }; additionalProperties: { type: boolean }")]
    [InlineData("propertyNames: { enum: [sku, note] }; additionalProperties: { type: boolean }")]
    [InlineData("propertyNames: false; additionalProperties: { type: boolean }")]
    [InlineData("propertyNames: { format: email }; additionalProperties: { type: boolean }")]
    [InlineData("propertyNames: { not: { enum: [sku] } }; additionalProperties: { type: boolean }")]
    [InlineData("properties: { revenue: { type: number }, value: { type: number }, currency: { type: string } }; additionalProperties: { type: boolean }")]
    public void Open_values_that_allow_a_right_type_or_cannot_reach_the_name_report_nothing(string keywords)
    {
        // A keyword that allows some right values, or none of the destination's names, leaves the values to the sender; so
        // does a propertyNames rule that cannot be judged at build time (format, not), which may keep the names out.
        Assert.Empty(CheckForCustomerIo(keywords));
    }

    /// <summary>The diagnostics of an object event 'Order Completed' for Customer.io with <paramref name="keywords"/> (flow YAML, one per line, separated by "; ").</summary>
    private static IReadOnlyList<Diagnostic> CheckForCustomerIo(string keywords)
        => Check("events:\n  - name: Order Completed\n    destinations: [CustomerIo]\n    properties:\n      type: object\n      " + keywords.Replace("; ", "\n      ", System.StringComparison.Ordinal) + "\n");

    [Fact]
    public void Names_an_event_allows_beyond_its_declared_ones_are_EC3002_for_a_destination_that_accepts_only_its_own()
    {
        var diagnostic = Assert.Single(CheckAgainstShop(
            "{ type: object, properties: { sku: { type: string }, quantity: { type: integer } }, additionalProperties: false }",
            "{ type: object, properties: { sku: { type: string } }, additionalProperties: { type: string } }"));

        Assert.Equal(("EC3002", 3, 71), Where(diagnostic));
        Assert.Equal("Any other property (additionalProperties) of event 'Item Added' cannot be sent to Shop: its 'properties' object accepts only the properties it declares", diagnostic.GetMessage());
    }

    /// <summary>
    /// The diagnostics of a plan event (by default with <c>sku</c> and <c>quantity</c>; else <paramref name="eventProperties"/>)
    /// sent to a vendor <c>Shop</c> whose request carries the event's properties in <c>properties</c>, declared by
    /// <paramref name="propertiesSchema"/> (flow YAML).
    /// </summary>
    private static IReadOnlyList<Diagnostic> CheckAgainstShop(string propertiesSchema, string eventProperties = "{ type: object, properties: { sku: { type: string }, quantity: { type: integer } } }")
    {
        string contract = """
            openapi: 3.1.0
            info: { title: Shop, version: "1" }
            servers: [ { url: "https://api.shop.test" } ]
            paths:
              /track:
                post:
                  operationId: track
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          x-ec-event-name: event
                          x-ec-properties: properties
                          required: [event, properties]
                          properties:
                            event: { type: string }
                            properties: PROPERTIES
                  responses:
                    "202": { description: Accepted }
            """.Replace("PROPERTIES", propertiesSchema, System.StringComparison.Ordinal);
        const string plan = """
            events:
              - name: Item Added
                destinations: [Shop]
                properties: EVENT
            """;
        return Check(plan.Replace("EVENT", eventProperties, System.StringComparison.Ordinal), vendors: new[] { new TestFile("/app/contracts/shop.yaml", contract, "EventContract", "Shop", "track") });
    }

    [Theory]
    [InlineData("Courrier", "which is not a contract of this project; did you mean 'Courier'?")]
    [InlineData("CustomerIoBach", "which is not a contract of this project; did you mean 'CustomerIoBatch'? It cannot carry an event: its request schema names no property for the event's properties (x-ec-properties; a batch contract carries other contracts' events)")]
    [InlineData("Segment", "which is not a contract of this project; the destinations it has: Courier, CustomerIo, PushEngage, Tranthor, Userpilot (CustomerIoBatch cannot carry an event: its request schema names no property for the event's properties (x-ec-properties; a batch contract carries other contracts' events))")]
    [InlineData("CustomerIoBatch", "a contract of this project that cannot carry an event: its request schema names no property for the event's properties (x-ec-properties; a batch contract carries other contracts' events)")]
    public void An_unknown_destination_is_EC1015_saying_why(string destination, string why)
    {
        string plan = "events:\n  - name: Order Completed\n    destinations: [" + destination + "]\n";

        // Customer.io as the package declares it: its batch operation is a contract of its own.
        var vendors = GeneratorHarness.BuiltInVendors.Select(f => f.Vendor == "CustomerIo" ? f with { Operation = "track,batch" } : f);
        var diagnostic = Assert.Single(Check(plan, vendors: vendors));
        Assert.Equal(("EC1015", 1, 10), Where(diagnostic));
        Assert.Equal("Event 'Order Completed' goes to destination '" + destination + "', " + why, diagnostic.GetMessage());
    }

    [Fact]
    public void A_property_named_like_an_envelope_field_is_EC3004()
    {
        const string plan = """
            events:
              - name: Order Completed
                destinations: [Courier]
                properties:
                  type: object
                  properties:
                    messageId: { type: string }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3004", 6, 8), Where(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
    }

    [Fact]
    public void A_65_character_name_for_PushEngage_is_EC2002()
    {
        string name = new string('a', 65);
        string plan = $"""
            events:
              - name: {name}
                destinations: [PushEngage, Courier]
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC2002", 1, 10), Where(diagnostic));
        Assert.Contains("has 65 characters; PushEngage accepts at most 64", diagnostic.GetMessage());
    }

    [Fact]
    public void A_name_with_PushEngage_reserved_prefix_is_EC2003()
    {
        const string plan = """
            events:
              - name: PushEngage.cart_viewed
                destinations: [PushEngage]
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC2003", 1, 10), Where(diagnostic));
    }

    [Theory]
    [InlineData("\"Order Completed \"", "Order Completed ")]
    [InlineData("\" Order Completed\"", " Order Completed")]
    [InlineData("\"\\tOrder Completed\"", "\tOrder Completed")]
    [InlineData("Order Completed", null)]
    public void A_name_with_surrounding_whitespace_is_EC2007_at_the_name(string yamlName, string? reported)
    {
        string plan = $"""
            events:
              - name: {yamlName}
                destinations: [Courier]
            """;

        var found = Check(plan).Where(d => d.Id == "EC2007").ToList();
        if (reported is null)
        {
            Assert.Empty(found);
            return;
        }

        var diagnostic = Assert.Single(found);
        Assert.Equal(("EC2007", 1, 10), Where(diagnostic));
        Assert.Equal("Event name '" + reported.Replace("\t", "\\t") + "' starts or ends with whitespace; destinations keep names as written, so it is recorded apart from 'Order Completed'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Event 12", true)]
    [InlineData("TMDropd", true)]
    [InlineData("Video Started", false)]
    [InlineData("order_completed", false)]
    public void Nondescript_names_are_EC2006_information(string name, bool expected)
    {
        string plan = $"""
            events:
              - name: {name}
                destinations: [Courier]
            """;

        var diagnostics = Check(plan);
        Assert.Equal(expected, diagnostics.Any(d => d.Id == "EC2006" && d.DefaultSeverity == DiagnosticSeverity.Info));
    }

    [Fact]
    public void Bounded_properties_that_can_exceed_PushEngage_4000_bytes_are_EC4001()
    {
        const string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    text: { type: string, maxLength: 255 }
                    more: { type: string, maxLength: 255 }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal("EC4001", diagnostic.Id);
        // {"text":"<255 code points, each up to 12 bytes escaped>","more":"..."}: 2 + 2 * (7 + 2 + 3060) + 1.
        Assert.Contains("can reach 6141 bytes", diagnostic.GetMessage());
    }

    [Fact]
    public void Properties_whose_smallest_value_exceeds_the_limit_are_EC4002()
    {
        const string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  required: [a]
                  properties:
                    a: { type: string, minLength: 4001, maxLength: 5000 }
            """;

        Assert.Contains(Check(plan), d => d.Id == "EC4002" && d.DefaultSeverity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_bound_an_allOf_part_puts_on_a_property_counts_for_EC4001()
    {
        // The object's own declarations leave the strings unbounded; its allOf part bounds them, and a valid value
        // satisfies both, so the tighter bound is the property's: the same 6,141 bytes as declaring maxLength directly.
        const string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    text: { type: string }
                    more: { type: string }
                  allOf:
                    - properties:
                        text: { type: string, maxLength: 255 }
                        more: { type: string, maxLength: 255 }
            """;

        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4001", diagnostic.Id);
        Assert.Contains("can reach 6141 bytes", diagnostic.GetMessage());
    }

    [Fact]
    public void Properties_an_allOf_part_requires_count_for_EC4002()
    {
        const string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    a: { type: string, minLength: 4001, maxLength: 5000 }
                  allOf:
                    - required: [a]
            """;

        Assert.Contains(Check(plan), d => d.Id == "EC4002" && d.GetMessage().Contains("take 4009 bytes", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("oneOf", "'text' is a string without maxLength")]
    [InlineData("anyOf", "'text' is a string without maxLength")]
    [InlineData("allOf", "'text' is a string without maxLength")]
    public void Properties_that_parts_and_branches_declare_count_as_the_record_has_them(string keyword, string cause)
    {
        // The record has a Text member whichever keyword declares it, so its size counts.
        string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    kind: { type: string, enum: [note, memo] }
                  KEYWORD:
                    - properties: { text: { type: string } }
                    - properties: { size: { type: integer, minimum: 0, maximum: 99 } }
            """.Replace("KEYWORD", keyword);

        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Contains("(" + cause, diagnostic.GetMessage());
    }

    [Fact]
    public void Bounded_properties_of_branches_are_added_to_the_bound()
    {
        const string plan = """
            events:
              - name: Note Added
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    kind: { type: string, enum: [note, memo] }
                  oneOf:
                    - properties: { text: { type: string, maxLength: 255 } }
                    - properties: { more: { type: string, maxLength: 255 } }
            """;

        // {"kind":"note","text":"…","more":"…"}: 2 + (7 + 6) + 1 + 2 * (7 + 2 + 3060) + 1.
        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4001", diagnostic.Id);
        Assert.Contains("can reach 6155 bytes", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("properties: { left: { $ref: '#/definitions/Node' }, right: { $ref: '#/definitions/Node' } }")]
    [InlineData("oneOf: [{ properties: { left: { $ref: '#/definitions/Node' } } }, { properties: { right: { $ref: '#/definitions/Node' } } }]")]
    public async System.Threading.Tasks.Task A_value_that_can_contain_itself_is_unbounded_at_once(string node)
    {
        // Two recursive properties per level: walked level by level to a fixed depth, the bound took 2^32 steps.
        string plan = """
            events:
              - name: Tree Saved
                destinations: [CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    root: { $ref: '#/definitions/Node' }
            definitions:
              Node:
                type: object
                additionalProperties: false
                NODE
            """.Replace("NODE", node);

        var check = System.Threading.Tasks.Task.Run(() => Check(plan, includeUnbounded: true));
        var diagnostics = await check.WaitAsync(System.TimeSpan.FromSeconds(60));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Contains("('root.left' can contain itself (a recursive $ref)", diagnostic.GetMessage());
    }

    [Fact]
    public void A_oneOf_of_constants_bounds_a_value_as_an_enum_does()
    {
        // matrix-org/matrix-analytics-events writes every enum this way, to describe each value.
        const string plan = """
            events:
              - name: Signed In
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    method:
                      type: string
                      oneOf:
                        - { const: Password, description: A password. }
                        - { const: SSO, description: Single sign-on. }
                    source:
                      type: string
                      anyOf: [ { const: web }, { type: string, maxLength: 20 } ]
                    note:
                      type: string
                      anyOf: [ { const: none }, { pattern: "^n" } ]
            """;

        // note's second branch has no bound: it is the one EC4003 names.
        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Contains("'note' is a string without maxLength", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.DoesNotContain("'method'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Small_closed_properties_fit_and_open_ones_are_EC4003_information()
    {
        const string closed = """
            events:
              - name: Flag Set
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    on: { type: boolean }
                    level: { type: integer, minimum: 0, maximum: 10 }
            """;
        Assert.Empty(Check(closed, includeUnbounded: true));

        string open = closed.Replace("      additionalProperties: false\n", string.Empty);
        var diagnostic = Assert.Single(Check(open, includeUnbounded: true));
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.DefaultSeverity);

        // unevaluatedProperties: false closes it as well when nothing else applies in place; beside an anyOf (whose
        // names would count as evaluated) the bound is left open.
        Assert.Empty(Check(closed.Replace("additionalProperties: false", "unevaluatedProperties: false"), includeUnbounded: true));
        string branched = closed.Replace("additionalProperties: false", "unevaluatedProperties: false\n      anyOf: [ { properties: { note: { type: boolean } } } ]");
        Assert.Equal("EC4003", Assert.Single(Check(branched, includeUnbounded: true)).Id);
    }

    [Theory]
    [InlineData("Order Completed", null)]
    [InlineData("order_completed", "Order Completed")]
    [InlineData("!!!", null)]
    [InlineData("Gro\u0308ße Gea\u0308ndert", null)]
    [InlineData("gro\u0308ße_gea\u0308ndert", "Gro\u0308ße Gea\u0308ndert")]
    [InlineData("खरीदारी पूरी", null)]
    [InlineData("สั่งซื้อ สำเร็จ", null)]
    [InlineData("Order 🎉 Completed", null)]
    [InlineData("Çay İçildi", null)]
    [InlineData("Çay İçildi", "çay_içildi", "snake_case")]
    [InlineData("ısı Ölçüldü", "Isı Ölçüldü")]
    public void EC2005_on_the_plan_suggests_the_styled_name_when_there_is_one(string name, string? styled, string nameStyle = "title_case")
    {
        string plan = "events:\n  - name: \"" + name + "\"\n    destinations: [Courier]\n";
        var files = GeneratorHarness.BuiltInVendors.Append(new TestFile("/app/tracking-plan.yaml", plan, Kind: "TrackingPlan", EventNameStyle: nameStyle));

        var (result, _) = GeneratorHarness.Run(files);

        var style = result.Diagnostics.Where(d => d.Id == "EC2005").ToList();
        if (styled is null)
        {
            Assert.Empty(style);
            return;
        }

        Assert.Contains("'" + styled + "'", Assert.Single(style).GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void EC3002_matches_the_destination_key_pattern_as_ECMA_262()
    {
        // PushEngage keys match ^[A-Za-z0-9][A-Za-z0-9_-]*$; in ECMA-262 '$' is the very end, so "plan\n" does not
        // match (a .NET '$' would also match before the trailing line feed).
        const string plan = """
            events:
              - name: Plan Chosen
                destinations: [PushEngage]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    "plan\n": { type: string, maxLength: 10 }
            """;

        Assert.Equal("EC3002", Assert.Single(Check(plan)).Id);
    }

    [Theory]
    [InlineData("item: { type: object, properties: { sku: { type: string, maxLength: 8 } } }", "'item' keeps undeclared properties")]
    [InlineData("item: { type: object, additionalProperties: false, properties: { sku: { type: string } } }", "'item.sku' is a string without maxLength")]
    [InlineData("items: { type: array, maxItems: 2, items: { type: object, additionalProperties: false, properties: { tags: { type: array, items: { type: string, maxLength: 3 } } } } }", "'items[].tags' is an array without maxItems")]
    [InlineData("any: {}", "'any' allows any JSON value")]
    public void EC4003_names_the_first_part_of_the_properties_without_a_bound(string property, string cause)
    {
        // Records keep undeclared properties wherever the schema allows them, so an open nested object is unbounded too.
        string plan = """
            events:
              - name: Item Added
                destinations: [CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    PROPERTY
            """.Replace("PROPERTY", property);

        var diagnostic = Assert.Single(Check(plan, includeUnbounded: true));
        Assert.Equal("EC4003", diagnostic.Id);
        Assert.Contains("The properties of event 'Item Added' have no upper bound on their size (" + cause, diagnostic.GetMessage());
    }

    [Fact]
    public void Properties_closed_and_bounded_at_every_level_have_a_bound()
    {
        const string plan = """
            events:
              - name: Item Added
                destinations: [CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    items:
                      type: array
                      maxItems: 2
                      items: { type: object, additionalProperties: false, properties: { sku: { type: string, maxLength: 8 } } }
            """;

        Assert.Empty(Check(plan, includeUnbounded: true));
    }

    [Fact]
    public void A_currency_enum_with_a_value_that_is_not_ISO_4217_is_EC3005_for_CustomerIo()
    {
        const string plan = """
            events:
              - name: Order Completed
                destinations: [CustomerIo]
                properties:
                  type: object
                  additionalProperties: false
                  properties:
                    currency: { type: string, enum: [USD, EUR, EURO] }
            """;

        var diagnostic = Assert.Single(Check(plan));
        Assert.Equal(("EC3005", 7, 8), Where(diagnostic));
        Assert.Contains("'EURO', which is not an ISO 4217 code", diagnostic.GetMessage());

        Assert.Empty(Check(plan.Replace(", EURO", string.Empty)));
    }
}
