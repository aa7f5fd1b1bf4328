using EventContracts.Generators.Model;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// Did-you-mean suggestions (EC2004's fix, EC3007's values, EC1004, EC1015): a likely typo is suggested, another word
/// never is, since the code fix would then send another event or value.
/// </summary>
public class NameSuggestionsTests
{
    private static readonly string[] s_events =
    {
        "Newsletter Subscribed", "App Installed", "Account Activated", "Item Favorited", "Product Added", "Signed Up",
        "Order Completed", "Shopping Cart Viewed", "app_open", "subscribed", "cart", "Test Event",
    };

    [Theory]
    [InlineData("Ordre Completed", "Order Completed")]
    [InlineData("Shopping Crat Viewed", "Shopping Cart Viewed")]
    [InlineData("app_poen", "app_open")]
    [InlineData("crat", "cart")]
    [InlineData("Test vEent", "Test Event")]
    [InlineData("Order Complted", "Order Completed")]
    [InlineData("OrderCompleted", "Order Completed")]
    [InlineData("Order  Completed", "Order Completed")]
    [InlineData("Product Addded", "Product Added")]
    [InlineData("ordercompleted", "Order Completed")]
    public void A_likely_typo_is_suggested(string written, string expected)
        => Assert.Equal(expected, NameSuggestions.Suggest(written, s_events));

    [Theory]
    [InlineData("Newsletter Unsubscribed")]
    [InlineData("App Uninstalled")]
    [InlineData("Account Deactivated")]
    [InlineData("Item Unfavorited")]
    [InlineData("Product Readded")]
    [InlineData("Signedout")]
    [InlineData("Signed Out")]
    [InlineData("unsubscribed")]
    [InlineData("Product Removed")]
    public void Another_word_is_not_suggested(string written)
        => Assert.Equal(string.Empty, NameSuggestions.Suggest(written, s_events));

    [Theory]
    [InlineData("Urun Eklendi", "Ürün Eklendi")]
    [InlineData("Grösse Geandert", "Gro\u0308ße Gea\u0308ndert")]
    [InlineData("Größe Geändert", "Gro\u0308ße Gea\u0308ndert")]
    [InlineData("Cay Icildi", "Çay İçildi")]
    [InlineData("Item Lısted", "Item Listed")]
    public void Accents_and_their_normalization_count_for_nothing(string written, string expected)
        => Assert.Equal(expected, NameSuggestions.Suggest(written, new[] { "Ürün Eklendi", "Gro\u0308ße Gea\u0308ndert", "Çay İçildi", "Item Listed", "Item Lost" }));
}
