using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EventContracts.Tests.Support;

/// <summary>
/// The specification's answers for the rules where NJsonSchema departs from it, written independently of the code
/// under test: RFC 3339 <c>date-time</c>, code-point lengths, and ECMA-262 <c>$</c>.
/// </summary>
public static class SpecOracles
{
    private static readonly Regex s_dateTime = new(
        @"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|([+-])([0-9]{2}):([0-9]{2}))\z",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_pushEngageKey = new(@"^[A-Za-z0-9][A-Za-z0-9_-]*\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// RFC 3339 section 5.6 <c>date-time</c> as JSON Schema's <c>format</c> defines it: full-date "T" full-time, with
    /// "T" and "Z" case-insensitive (section 5.6 note), real calendar days, hour 00-23, minute 00-59, second 00-60 where
    /// 60 (a leap second) is only valid at 23:59 UTC, and a mandatory offset <c>Z</c> or <c>±hh:mm</c> (hh 00-23).
    /// </summary>
    public static bool IsRfc3339DateTime(string value)
    {
        Match m = s_dateTime.Match(value);
        if (!m.Success)
        {
            return false;
        }

        int year = Int(m, 1), month = Int(m, 2), day = Int(m, 3), hour = Int(m, 4), minute = Int(m, 5), second = Int(m, 6);
        // Year 0000 is a leap year in the proleptic Gregorian calendar, like 2000 (DateTime starts at year 1).
        if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        int offset = 0;
        if (m.Groups[9].Success)
        {
            int offsetHour = Int(m, 10), offsetMinute = Int(m, 11);
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offset = (m.Groups[9].Value == "-" ? -1 : 1) * ((offsetHour * 60) + offsetMinute);
        }

        if (second == 60)
        {
            int utc = ((((hour * 60) + minute - offset) % 1440) + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    /// <summary>The length JSON Schema's <c>minLength</c>/<c>maxLength</c> use: Unicode code points (a surrogate pair is one).</summary>
    public static int CodePoints(string value)
    {
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// The PushEngage <c>data</c> key rule (<c>propertyNames</c>: pattern <c>^[A-Za-z0-9][A-Za-z0-9_-]*$</c> with ECMA-262's
    /// <c>$</c>, which only matches at the very end, and <c>maxLength</c> 255 code points).
    /// </summary>
    public static bool IsPushEngageDataKey(string key) => s_pushEngageKey.IsMatch(key) && CodePoints(key) <= 255;

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
}
