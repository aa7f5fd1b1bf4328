using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace EventContracts.Tests.Support;

/// <summary>
/// Seeded random request bodies for one vendor, valid and invalid: a documented example, mutated 0-3 times (drop,
/// replace, add, retype a member, set a declared property to an interesting value, or grow a payload to a size
/// limit), written compact, with literal UTF-8 or indented. Strings mix ASCII, non-ASCII, emoji, escapes, newlines,
/// lengths around every limit, date-times, currency codes and event names near the PushEngage rules.
/// </summary>
/// <remarks>
/// By construction the generator stays out of three NJsonSchema departures that would make its answer meaningless
/// rather than different: only well-formed JSON without duplicate keys or lone surrogates (Newtonsoft is lenient about
/// syntax and keeps the last duplicate; malformed input is covered by <c>InvalidPayloadTests</c>), nesting of a few
/// levels (Newtonsoft stops at 64), and integers within 64 bits (NJsonSchema throws on larger ones). Each has a named
/// test in <c>DifferentialTests</c>.
/// </remarks>
public static class PayloadGenerator
{
    private static readonly string[] s_pieces =
    {
        "a", "Z", "0", "9", " ", "-", "_", ".", "é", "ß", "Ω", "中", "😀", "👍🏽", "\n", "\r", "\t", "\"", "\\", "/",
        "<", ">", "&", "'", "+", "`", "\u0000", "\u001f", "\u007f", "\u2028", "\u00a0", "\u200b", "\uFEFF", "PushEngage.",
    };

    private static readonly string[] s_dateTimes =
    {
        // RFC 3339 date-times (valid), including the edge forms the JSON-Schema-Test-Suite lists.
        "2015-12-12T19:11:01.249Z", "2024-03-05T14:22:10Z", "1963-06-19t08:30:06.283185z", "1998-12-31T23:59:60Z",
        "1998-12-31T15:59:60.123-08:00", "2024-02-29T00:00:00+00:00", "1937-01-01T12:00:27.87+00:20", "0000-02-29T00:00:00Z",
        // Not RFC 3339: NJsonSchema accepts some of these (ISO 8601 shapes, impossible dates), rejects others.
        "2015-12-12", "2015", "2015-12", "20151212", "2015-12-12 19:11:01", "2015-12-12T19:11", "2015-12-12T19:11:01",
        "2015-12-12_19:11:01Z", "2015-13-45T99:99:99Z", "2023-02-29T10:00:00Z", "1998-12-31T23:59:61Z", "1998-12-31T22:59:60Z",
        "1990-12-31T15:59:59-24:00", "1985-04-12T23:20:50+01", "1985-04-12T23:20:50Z\n", "06/19/1963 08:30:06 PST",
        "2013-350T01:01:01", "+11963-06-19T08:30:06Z", "1963-06-1৪T00:00:00Z", "2015-12-12T19:11:01.Z", "yesterday", "",
    };

    private static readonly string[] s_currencies = { "USD", "EUR", "usd", "Usd", "US", "USDT", "USD\n", " USD", "ÜSD", "U$D", "" };

    private static readonly string[] s_words =
    {
        "track", "identify", "Track", "TRACK", "Base64Encoded", "base64encoded", "browser", "server", "mobile", "tv",
        "android", "ios", "invalid_request_error", "PushEngage.x", "pushengage.x", "PushEngage", "PushEngageX.y",
    };

    private static readonly string[] s_badKeys = { "-bad", "_x", "", "a b", "é", "a\n", "a.b", "a/b", "~0", "ok-key_1", "9lives" };

    private static readonly string[] s_numbers =
    {
        "0", "-0", "1", "-1", "42", "19.99", "-3.5", "1e3", "1E+300", "1.5e-7", "9223372036854775807", "-9223372036854775808", "0.1", "100.000", "4000", "99.99",
    };

    private static Gen<string> Identifier { get; } = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"], 1, 12];

    private static Gen<string> Mixed { get; } = Gen.OneOf(s_pieces).Array[0, 12].Select(string.Concat);

    /// <summary>The payload generator of a vendor.</summary>
    /// <param name="vendor">The vendor; its documented examples are the starting points.</param>
    /// <param name="declaredNames">Property names the vendor's schema declares (mutations aim at them).</param>
    public static Gen<string> For(Vendor vendor, IReadOnlyList<string> declaredNames)
    {
        string[] examples = vendor.Descriptor.Examples.Select(e => e.Json).ToArray();
        string[] names = declaredNames.ToArray();

        Gen<string> key = Gen.Frequency(
            (4, Gen.OneOf(names)),
            (3, Identifier),
            (1, Mixed),
            (1, Gen.OneOf(s_badKeys)),
            (1, NearLength(255)));

        // Values for declared properties: mostly the strings the rules are about (date-times, currency codes, enum-like
        // words, lengths around the limits), sometimes any value.
        Gen<JsonNode?> interesting = Gen.Frequency(
            (3, Gen.OneOf(s_dateTimes).Select(t => (JsonNode?)JsonValue.Create(t))),
            (2, Gen.OneOf(s_currencies).Select(t => (JsonNode?)JsonValue.Create(t))),
            (2, Gen.OneOf(s_words).Select(t => (JsonNode?)JsonValue.Create(t))),
            (2, Gen.Frequency((1, NearLength(64)), (1, NearLength(255))).Select(t => (JsonNode?)JsonValue.Create(t))),
            (4, Value(key, 2)));

        Gen<Mutation> mutation = Gen.Select(Gen.Int[0, 99], Gen.Int[0, 1 << 20], key, Value(key, 2), interesting, Gen.Int[-60, 60])
            .Select((kind, target, k, value, special, delta) => new Mutation(kind, target, k, value, special, delta));

        Gen<int> count = Gen.Frequency((3, Gen.Const(0)), (8, Gen.Const(1)), (5, Gen.Const(2)), (4, Gen.Const(3)));

        return Gen.Select(Gen.Int[0, examples.Length - 1], count.SelectMany(n => mutation.Array[n]), Gen.Int[0, 5])
            .Select((example, mutations, style) => Build(vendor, names, examples[example], mutations, style));
    }

    /// <summary>Strings of every kind the generator uses.</summary>
    public static Gen<string> Strings { get; } = Gen.Frequency(
        (5, Identifier),
        (3, Gen.String[Gen.Char[' ', '~'], 0, 20]),
        (4, Mixed),
        (2, NearLength(64)),
        (2, NearLength(255)),
        (3, Gen.OneOf(s_dateTimes)),
        (1, Gen.OneOf(s_currencies)),
        (2, Gen.OneOf(s_words)),
        (1, Identifier.Select(s => "PushEngage." + s)),
        (1, Gen.Int[256, 6000].Select(n => new string('x', n))),
        (1, Mixed.Select(s => s + "\n")));

    /// <summary>Strings whose length is near <paramref name="limit"/> in code points, in UTF-16 units, or both.</summary>
    private static Gen<string> NearLength(int limit) => Gen.Frequency(
        (2, Gen.Int[limit - 2, limit + 2].Select(n => new string('x', n))),
        (2, Gen.Int[limit - 2, limit + 2].Select(n => new string('é', n))),
        (2, Gen.Int[limit - 2, limit + 2].Select(n => string.Concat(Enumerable.Repeat("😀", n)))),
        (2, Gen.Int[(limit / 2) - 2, (limit / 2) + 2].Select(n => string.Concat(Enumerable.Repeat("😀", n)))),
        (1, Gen.Int[1, limit].Select(n => new string('a', limit - n) + string.Concat(Enumerable.Repeat("😀", n)))));

    private static Gen<JsonNode?> Number { get; } = Gen.Frequency(
        (3, Gen.OneOf(s_numbers)),
        (2, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
        .Select(text => (JsonNode?)JsonNode.Parse(text));

    private static Gen<JsonNode?> Value(Gen<string> key, int depth)
    {
        Gen<JsonNode?> leaf = Gen.Frequency(
            (1, Gen.Const(0).Select(_ => (JsonNode?)null)),
            (2, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (3, Number),
            (7, Strings.Select(s => (JsonNode?)JsonValue.Create(s))));
        if (depth == 0)
        {
            return leaf;
        }

        Gen<JsonNode?> inner = Value(key, depth - 1);
        return Gen.Frequency(
            (8, leaf),
            (1, inner.Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
            (2, Gen.Select(key, inner).Array[0, 3].Select(members =>
            {
                var obj = new JsonObject();
                foreach ((string k, JsonNode? v) in members)
                {
                    obj[k] = v;
                }

                return (JsonNode?)obj;
            })));
    }

    private static string Build(Vendor vendor, string[] names, string example, Mutation[] mutations, int style)
    {
        JsonNode? root = JsonNode.Parse(example);
        foreach (Mutation m in mutations)
        {
            root = m.Apply(vendor, names, root);
        }

        return style switch
        {
            0 or 1 => root?.ToJsonString() ?? "null",
            2 or 3 => root is null ? "null" : Payloads.Relaxed(root),
            _ => root is null ? "null" : Payloads.Indented(root),
        };
    }

    /// <summary>One change to a payload; <see cref="Kind"/> picks the operation and <see cref="Target"/> the place.</summary>
    private sealed record Mutation(int Kind, int Target, string Key, JsonNode? Value, JsonNode? Interesting, int Delta)
    {
        public JsonNode? Apply(Vendor vendor, string[] names, JsonNode? root)
        {
            var slots = new List<(JsonNode Parent, string? Key, int Index)>();
            var objects = new List<JsonObject>();
            Collect(root, slots, objects);

            switch (Kind)
            {
                case < 18 when slots.Count > 0: // drop a member or an item
                {
                    var (parent, key, index) = slots[Target % slots.Count];
                    if (parent is JsonObject obj)
                    {
                        obj.Remove(key!);
                    }
                    else
                    {
                        ((JsonArray)parent).RemoveAt(index);
                    }

                    return root;
                }

                case < 36 when slots.Count > 0: // replace a value
                    Set(slots[Target % slots.Count], Value);
                    return root;
                case < 50 when objects.Count > 0: // add a member (often a declared name, so it lands on a real property)
                    objects[Target % objects.Count][Key] = Value;
                    return root;
                case < 70 when objects.Count > 0: // set a declared property of some object to an interesting value
                    objects[Target % objects.Count][names[(Target >> 8) % names.Length]] = Interesting;
                    return root;
                case < 82 when slots.Count > 0: // retype a value
                {
                    var slot = slots[Target % slots.Count];
                    Set(slot, Retype(Get(slot)));
                    return root;
                }

                case < 92: // grow to a size limit
                    return Grow(vendor, root);
                case < 95: // replace the whole body
                    return Value;
                default: // leave it as it is
                    return root;
            }
        }

        private JsonNode? Grow(Vendor vendor, JsonNode? root)
        {
            if (root is not JsonObject body)
            {
                return root;
            }

            switch (vendor.Name)
            {
                case "PushEngage":
                {
                    // data of 4,000 bytes give or take Delta, built of valid keys and values.
                    int target = 4000 + Delta;
                    JsonNode data;
                    try
                    {
                        data = JsonNode.Parse(Payloads.PushEngageData(target))!;
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        data = JsonNode.Parse(Payloads.PushEngageData(target - 11))!;
                    }

                    body["data"] = data;
                    return root;
                }

                case "CustomerIo":
                {
                    // The whole call at 32,000 bytes give or take Delta.
                    JsonObject properties = body["properties"] as JsonObject ?? new JsonObject();
                    body["properties"] = properties;
                    properties["blob"] = string.Empty;
                    int size = Payloads.CompactSize(JsonSerializer.SerializeToElement(body));
                    properties["blob"] = new string('x', Math.Max(0, 32000 - size + Delta));
                    return root;
                }

                default:
                {
                    // No byte limit: a long string in the free-form object.
                    string free = vendor.Name == "Userpilot" ? "metadata" : "properties";
                    JsonObject target = body[free] as JsonObject ?? new JsonObject();
                    body[free] = target;
                    target["long"] = new string('x', 5000 + Delta);
                    return root;
                }
            }
        }

        private static JsonNode? Retype(JsonNode? value) => value switch
        {
            null => JsonValue.Create("null"),
            JsonObject obj => new JsonArray(obj.Select(p => p.Value?.DeepClone()).ToArray()),
            JsonArray array => new JsonObject(array.Select((item, i) => KeyValuePair.Create("k" + i, item?.DeepClone()))),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonNode.Parse(decimal.TryParse(v.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out decimal d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0"),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.ToJsonString()),
            _ => JsonValue.Create(value.ToJsonString() == "true" ? 1 : 0),
        };

        private static JsonNode? Get((JsonNode Parent, string? Key, int Index) slot)
            => slot.Parent is JsonObject obj ? obj[slot.Key!] : ((JsonArray)slot.Parent)[slot.Index];

        private static void Set((JsonNode Parent, string? Key, int Index) slot, JsonNode? value)
        {
            if (slot.Parent is JsonObject obj)
            {
                obj[slot.Key!] = value;
            }
            else
            {
                ((JsonArray)slot.Parent)[slot.Index] = value;
            }
        }

        private static void Collect(JsonNode? node, List<(JsonNode, string?, int)> slots, List<JsonObject> objects)
        {
            switch (node)
            {
                case JsonObject obj:
                    objects.Add(obj);
                    foreach (var pair in obj)
                    {
                        slots.Add((obj, pair.Key, -1));
                        Collect(pair.Value, slots, objects);
                    }

                    break;
                case JsonArray array:
                    for (int i = 0; i < array.Count; i++)
                    {
                        slots.Add((array, null, i));
                        Collect(array[i], slots, objects);
                    }

                    break;
            }
        }
    }
}
