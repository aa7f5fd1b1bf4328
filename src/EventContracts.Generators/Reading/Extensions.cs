using System;

namespace EventContracts.Generators.Reading;

/// <summary>
/// The <c>x-ec-*</c> extensions (schemas/README.md) and where each may stand. Other <c>x-</c> keys belong to their
/// authors and are never reported; an <c>x-ec-</c> key that is not an extension of its place, misspelt or misplaced,
/// would do nothing unnoticed, so it is EC1003.
/// </summary>
internal static class Extensions
{
    public static readonly string[] Schema = { "x-ec-max-bytes", "x-ec-event-name", "x-ec-properties", "x-ec-message-id", "x-ec-batch", "x-ec-reserved", "x-ec-code-list" };

    public static readonly string[] Operation = { "x-ec-identity", "x-ec-dedupe" };

    public static readonly string[] Parameter = { "x-ec-send" };

    public static readonly string[] SecurityScheme = { "x-ec-value-prefix" };

    /// <summary>Whether <paramref name="key"/> is an <c>x-ec-</c> key that is not one of <paramref name="known"/>.</summary>
    public static bool IsUnknown(string key, string[] known)
        => key.StartsWith("x-ec-", StringComparison.Ordinal) && Array.IndexOf(known, key) < 0;

    /// <summary>The EC1003 reason for an unknown key at a place of the given kind.</summary>
    public static string Reason(string place)
        => "it is not an EventContracts extension of " + place + " (schemas take " + string.Join(", ", Schema)
            + "; the operation " + string.Join(" and ", Operation) + "; a parameter " + string.Join(", ", Parameter)
            + "; a security scheme " + string.Join(", ", SecurityScheme) + ")";
}
