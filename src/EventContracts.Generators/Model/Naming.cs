using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace EventContracts.Generators.Model;

/// <summary>
/// Turns wire names into C# identifiers. Total (every input gives a valid identifier) and
/// deterministic (no culture, no hashing); uniqueness is the caller's job via <see cref="NameScope"/>.
/// </summary>
internal static class Naming
{
    /// <summary>The longest identifier <see cref="ToPascalCase"/> returns.</summary>
    public const int MaxIdentifierLength = 128;

    /// <summary>
    /// <c>order_id</c>, <c>order-id</c>, <c>Order ID</c> and <c>orderId</c> all become <c>OrderId</c>; the name is read in
    /// Normalization Form C, as C# code typed on a keyboard is.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        name = UnicodeText.Composed(name);
        var result = new StringBuilder(name.Length + 1);
        bool upperNext = true;
        bool previousWasLower = false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                int codePoint = char.ConvertToUtf32(c, name[i + 1]);
                i++;

                // Emoji and other symbols carry meaning, so keep them visible as their code point. So are
                // letters outside the BMP (U+1D400, CJK Extension B): the C# compiler rejects surrogate
                // pairs in identifiers (CS1056), whatever their Unicode category.
                result.Append('U').Append(codePoint.ToString("X", CultureInfo.InvariantCulture));

                upperNext = true;
                previousWasLower = false;
                continue;
            }

            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (!IsIdentifierPart(cat) || c == '_')
            {
                upperNext = true;
                previousWasLower = false;
                continue;
            }

            bool isUpper = char.IsUpper(c);
            if (upperNext || (isUpper && previousWasLower))
            {
                result.Append(UnicodeText.Upper(c));
                upperNext = false;
            }
            else
            {
                result.Append(c);
            }

            previousWasLower = char.IsLower(c) || char.IsDigit(c);
        }

        if (result.Length == 0)
        {
            return Truncate(EncodeAll(name));
        }

        if (!IsIdentifierStart(CharUnicodeInfo.GetUnicodeCategory(result[0])))
        {
            result.Insert(0, '_');
        }

        string identifier = Truncate(result.ToString());
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;
    }

    /// <summary>The name of a contract: its <c>Vendor</c> metadata, else the file name up to its first dot.</summary>
    public static string ContractName(string? vendor, string path)
    {
        string raw = string.IsNullOrWhiteSpace(vendor) ? System.IO.Path.GetFileName(path).Split('.')[0] : vendor!;
        return Bare(ToPascalCase(raw));
    }

    /// <summary>Drops a leading <c>@</c> for use in composed names and messages.</summary>
    public static string Bare(string identifier) => identifier.StartsWith("@") ? identifier.Substring(1) : identifier;

    /// <summary>A C# string literal with every character that could break a file or a line escaped.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A UTF-8 string literal (<c>"x"u8</c>).</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";

    /// <summary>
    /// Cuts an identifier to <see cref="MaxIdentifierLength"/> characters (never inside a surrogate
    /// pair): metadata names are limited to 1,024 UTF-8 bytes (CS7013), and composed names
    /// (<c>get_</c>, backing fields, contract-prefixed types) must stay under it.
    /// </summary>
    private static string Truncate(string identifier)
    {
        if (identifier.Length <= MaxIdentifierLength)
        {
            return identifier;
        }

        int length = char.IsHighSurrogate(identifier[MaxIdentifierLength - 1]) ? MaxIdentifierLength - 1 : MaxIdentifierLength;
        return identifier.Substring(0, length);
    }

    private static string EncodeAll(string name)
    {
        if (name.Length == 0)
        {
            return "Empty";
        }

        var sb = new StringBuilder("Name");
        foreach (char c in name)
        {
            sb.Append('_').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static bool IsIdentifierStart(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        _ => false,
    };

    private static bool IsIdentifierPart(UnicodeCategory category) => IsIdentifierStart(category) || category switch
    {
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}

/// <summary>
/// Hands out unique identifiers within one scope, deterministically, in request order. The names it hands out differ by
/// more than case: C# tells <c>UserId</c> from <c>USERID</c>, but CA1708 reports such pairs and a language that ignores
/// case (Visual Basic) cannot name either of them.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _used;
    private readonly HashSet<string> _reservedExactly;

    /// <param name="reserved">Names of the scope itself (a record's members), taken in any case.</param>
    /// <param name="reservedExactly">
    /// Names from outside the scope that only C#'s case-sensitive lookup can clash with (a namespace the generated code
    /// uses: an event named <c>SYSTEM</c> hides nothing).
    /// </param>
    public NameScope(IEnumerable<string>? reserved = null, IEnumerable<string>? reservedExactly = null)
    {
        _used = reserved is null ? new HashSet<string>(System.StringComparer.OrdinalIgnoreCase) : new HashSet<string>(reserved, System.StringComparer.OrdinalIgnoreCase);
        _reservedExactly = reservedExactly is null ? new HashSet<string>(System.StringComparer.Ordinal) : new HashSet<string>(reservedExactly, System.StringComparer.Ordinal);
    }

    public bool IsUsed(string name) => IsTaken(Naming.Bare(name));

    public void Reserve(string name) => _used.Add(Naming.Bare(name));

    /// <summary>Takes a name from outside the scope that only an exact match clashes with (a record's own name, CS0542).</summary>
    public void ReserveExactly(string name) => _reservedExactly.Add(Naming.Bare(name));

    /// <summary>
    /// Returns <paramref name="preferred"/>, or it with the smallest number suffix that is still free and not in
    /// <paramref name="avoid"/> (names others will ask for: a suffixed <c>DemoTestEvent2</c> would push the event
    /// named "Demo Test Event 2" to <c>DemoTestEvent22</c>).
    /// </summary>
    public string Claim(string preferred, ISet<string>? avoid = null)
    {
        string bare = Naming.Bare(preferred);
        if (!IsTaken(bare))
        {
            _used.Add(bare);
            return preferred;
        }

        for (int i = 2; ; i++)
        {
            string candidate = bare + i.ToString(CultureInfo.InvariantCulture);
            if (avoid?.Contains(candidate) != true && !IsTaken(candidate))
            {
                _used.Add(candidate);
                return candidate;
            }
        }
    }

    private bool IsTaken(string bare) => _used.Contains(bare) || _reservedExactly.Contains(bare);
}
