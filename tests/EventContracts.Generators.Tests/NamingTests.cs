using System;
using System.Linq;
using EventContracts.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>Wire names to C# identifiers: total, deterministic, and unique within a scope.</summary>
public class NamingTests
{
    private static readonly string[] s_hostileNames =
    {
        string.Empty, " ", "_", "__", "-", ".", "$", "@", "!!!", "\0", "\t\n", "class", "event", "namespace", "string", "value",
        "record", "var", "async", "nameof", "3d", "1", "007", "2nd_place", "😀", "a😀b", "🎉_party", "👍🏽", "\ud800", "a\udc00",
        "名前", "ñandú", "e\u0301t\u00e9", "Ω", "ǅungla", "Order Completed", "order_completed", "OrderCompleted", "x\u200by",
        "\u0660\u0661", "Ⅻ", "a\u2028b", "\U0001D400", "\U00020000\U00020001", "a\U0001D400b", new string('a', 5000), new string('!', 3000), string.Concat(Enumerable.Repeat("😀", 200)),
    };

    public static TheoryData<string> HostileNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_hostileNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [InlineData("order_id", "OrderId")]
    [InlineData("order-id", "OrderId")]
    [InlineData("Order ID", "OrderID")]
    [InlineData("orderId", "OrderId")]
    [InlineData("Order Completed", "OrderCompleted")]
    [InlineData("order_completed", "OrderCompleted")]
    [InlineData("OrderCompleted", "OrderCompleted")]
    [InlineData("order.completed", "OrderCompleted")]
    [InlineData("  order   completed  ", "OrderCompleted")]
    [InlineData("$revenue", "Revenue")]
    [InlineData("user_id", "UserId")]
    [InlineData("userID", "UserID")]
    [InlineData("PushEngage.event", "PushEngageEvent")]
    [InlineData("gro\u0308ße_gea\u0308ndert", "GrößeGeändert")]
    [InlineData("ısı", "Isı")]
    [InlineData("çay_içildi", "ÇayIçildi")]
    public void Separators_and_case_become_PascalCase(string wire, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(wire));

    [Theory]
    [InlineData("class", "Class")]
    [InlineData("event", "Event")]
    [InlineData("namespace", "Namespace")]
    [InlineData("string", "String")]
    [InlineData("value", "Value")]
    [InlineData("var", "Var")]
    public void Keywords_become_non_keyword_identifiers(string wire, string expected)
    {
        string name = Naming.ToPascalCase(wire);
        Assert.Equal(expected, name);
        Assert.Equal(SyntaxKind.None, SyntaxFacts.GetKeywordKind(name));
    }

    [Theory]
    [InlineData("3d", "_3d")]
    [InlineData("1", "_1")]
    [InlineData("007", "_007")]
    [InlineData("2nd_place", "_2ndPlace")]
    [InlineData("3D secure", "_3DSecure")]
    public void Leading_digits_get_an_underscore(string wire, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(wire));

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("!!!", "Name_0021_0021_0021")]
    [InlineData("-", "Name_002D")]
    [InlineData("_", "Name_005F")]
    [InlineData("$", "Name_0024")]
    [InlineData(" ", "Name_0020")]
    public void Only_punctuation_is_spelled_out_by_code_unit(string wire, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(wire));

    [Theory]
    [InlineData("😀", "U1F600")]
    [InlineData("a😀b", "AU1F600B")]
    [InlineData("🎉_party", "U1F389Party")]
    [InlineData("👍🏽", "U1F44DU1F3FD")]
    [InlineData("\U0001D400bc", "U1D400Bc")]
    [InlineData("\U00020000", "U20000")]
    public void Emoji_and_other_characters_outside_the_BMP_keep_their_code_point(string wire, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(wire));

    [Theory]
    [InlineData("名前", "名前")]
    [InlineData("ñandú", "Ñandú")]
    [InlineData("Ωmega", "Ωmega")]
    public void Letters_of_any_script_are_kept(string wire, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(wire));

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Every_name_gives_a_valid_identifier_that_fits_in_metadata(string wire)
    {
        string name = Naming.ToPascalCase(wire);
        string bare = Naming.Bare(name);

        Assert.True(SyntaxFacts.IsValidIdentifier(bare), $"'{bare}' from '{wire}' is not an identifier");
        Assert.True(name == bare || SyntaxFacts.GetKeywordKind(bare) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(bare) != SyntaxKind.None);
        Assert.InRange(bare.Length, 1, Naming.MaxIdentifierLength);
        Assert.False(bare.Any(char.IsSurrogate) && !IsWellFormed(bare), $"'{bare}' has an unpaired surrogate");

        // It compiles as a member name, and as a type name.
        var tree = CSharpSyntaxTree.ParseText("class C { int " + name + "; } class " + name + " { }");
        Assert.Empty(tree.GetDiagnostics());
    }

    [Fact]
    public void Long_names_are_cut_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(Naming.MaxIdentifierLength, Naming.ToPascalCase(new string('a', 5000)).Length);
        Assert.Equal(Naming.MaxIdentifierLength, Naming.ToPascalCase(new string('!', 3000)).Length);

        // 'A' then surrogate pairs of a letter outside the BMP (U+1D400): the cut never lands inside a pair.
        string wide = "a" + string.Concat(Enumerable.Repeat("\U0001D400", 200));
        string name = Naming.ToPascalCase(wide);
        Assert.True(name.Length <= Naming.MaxIdentifierLength);
        Assert.True(IsWellFormed(name));
        Assert.True(SyntaxFacts.IsValidIdentifier(name));
    }

    [Fact]
    public void Spellings_of_one_event_collide_and_a_scope_makes_them_unique()
    {
        var scope = new NameScope();
        var names = new[] { "Order Completed", "order_completed", "OrderCompleted", "order-completed" }
            .Select(wire => scope.Claim(Naming.ToPascalCase(wire)))
            .ToList();

        Assert.Equal(new[] { "OrderCompleted", "OrderCompleted2", "OrderCompleted3", "OrderCompleted4" }, names);
    }

    [Fact]
    public void A_scope_honours_reserved_names_and_taken_suffixes()
    {
        var scope = new NameScope(new[] { "Equals", "Validate" });

        Assert.Equal("Equals2", scope.Claim("Equals"));
        Assert.Equal("Validate2", scope.Claim("Validate"));
        Assert.Equal("Name2", scope.Claim("Name2"));
        Assert.Equal("Name", scope.Claim("Name"));
        Assert.Equal("Name3", scope.Claim("Name"));
        Assert.True(scope.IsUsed("Name3"));
        Assert.False(scope.IsUsed("Name4"));
    }

    [Fact]
    public void A_scope_compares_names_without_the_verbatim_prefix()
    {
        var scope = new NameScope();

        Assert.Equal("@class", scope.Claim("@class"));
        Assert.Equal("class2", scope.Claim("class"));
        Assert.True(scope.IsUsed("@class"));
        scope.Reserve("@event");
        Assert.Equal("event2", scope.Claim("event"));
    }

    [Fact]
    public void Naming_is_deterministic()
    {
        var first = s_hostileNames.Select(Naming.ToPascalCase).ToList();
        var second = s_hostileNames.Select(Naming.ToPascalCase).ToList();
        Assert.Equal(first, second);

        // Two scopes given the same requests in the same order hand out the same names.
        var a = new NameScope();
        var b = new NameScope();
        Assert.Equal(first.Select(n => a.Claim(n)).ToList(), second.Select(n => b.Claim(n)).ToList());
    }

    [Theory]
    [InlineData(null, "/contracts/courier.openapi.yaml", "Courier")]
    [InlineData("Customer.io", "/contracts/x.yaml", "CustomerIo")]
    [InlineData("  ", "/contracts/push-engage.v2.yaml", "PushEngage")]
    [InlineData("class", "/x.yaml", "Class")]
    [InlineData("3d secure", "/x.yaml", "_3dSecure")]
    public void Contract_names_come_from_the_vendor_or_the_file_name(string? vendor, string path, string expected)
        => Assert.Equal(expected, Naming.ContractName(vendor, path));

    private static bool IsWellFormed(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
