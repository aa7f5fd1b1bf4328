using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class JsonFormatsTests
{
    [Theory]
    [InlineData("1985-04-12T23:20:50.52Z", true)]
    [InlineData("1996-12-19T16:39:57-08:00", true)]
    [InlineData("1990-12-31T23:59:60Z", true)] // leap second
    [InlineData("1990-12-31T15:59:60-08:00", true)] // the same leap second with an offset
    [InlineData("1998-12-31T23:59:60.123Z", true)]
    [InlineData("1990-12-31T23:58:60Z", false)] // leap second on the wrong minute
    [InlineData("1990-12-31T22:59:60Z", false)]
    [InlineData("1990-12-31T23:59:61Z", false)]
    [InlineData("1937-01-01T12:00:27.87+00:20", true)]
    [InlineData("2024-02-29t08:30:00z", true)] // T and Z are case-insensitive
    [InlineData("2024-02-29T08:30:00", false)] // no offset
    [InlineData("2024-02-29 08:30:00Z", false)]
    [InlineData("2023-02-29T08:30:00Z", false)]
    [InlineData("2024-13-01T00:00:00Z", false)]
    [InlineData("2024-04-31T00:00:00Z", false)]
    [InlineData("2024-01-01T24:00:00Z", false)]
    [InlineData("2024-01-01T00:60:00Z", false)]
    [InlineData("2024-01-01T00:00:00.Z", false)]
    [InlineData("2024-01-01T00:00:00+24:00", false)]
    [InlineData("2024-01-01T00:00:00+01:60", false)]
    [InlineData("2024-01-01T00:00:00+0100", false)]
    [InlineData("2013-350T01:01:01Z", false)]
    [InlineData("1963-06-1\u09ea T00:00:00Z", false)]
    [InlineData("2O24-01-01T00:00:00Z", false)] // a letter O in the year
    [InlineData("2024-01-01T0a:00:00Z", false)]
    [InlineData("2024-0/-01T00:00:00Z", false)] // '/' is just below '0'
    [InlineData("", false)]
    public void DateTime(string value, bool valid) => Assert.Equal(valid, JsonFormats.IsValid("date-time", value.AsSpan()));

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2000-02-29", true)] // divisible by 400
    [InlineData("1900-02-29", false)] // divisible by 100
    [InlineData("2023-02-29", false)]
    [InlineData("2023-02-28", true)]
    [InlineData("2023-01-31", true)]
    [InlineData("2023-04-30", true)]
    [InlineData("2023-04-31", false)]
    [InlineData("2023-06-31", false)]
    [InlineData("2023-00-10", false)]
    [InlineData("2023-13-10", false)]
    [InlineData("2023-12-00", false)]
    [InlineData("2023-1-10", false)]
    [InlineData("20230110", false)]
    [InlineData("2023-01-10T00:00:00Z", false)]
    [InlineData("1963-06-1\u09ea", false)] // a Bengali digit four
    public void Date(string value, bool valid) => Assert.Equal(valid, JsonFormats.IsValid("date", value.AsSpan()));

    [Theory]
    [InlineData("2eb8aa08-aa98-11ea-b4aa-73b441d16380", true)]
    [InlineData("2EB8AA08-AA98-11EA-B4AA-73B441D16380", true)]
    [InlineData("00000000-0000-0000-0000-000000000000", true)]
    [InlineData("98d80576-482e-f27d-b9f7-14e5c9b4b1a5", true)] // any version
    [InlineData("2eb8aa08-aa98-11ea-b4aa-73b441d1638", false)]
    [InlineData("2eb8aa08-aa98-11ea-73b441d16380", false)]
    [InlineData("2eb8aa08aa9811eab4aa73b441d16380", false)]
    [InlineData("2eb8aa08-aa98-11ea-b4ga-73b441d16380", false)]
    [InlineData("2eb8aa08aa98-11ea-b4aa-73b4-41d16380", false)]
    [InlineData("{2eb8aa08-aa98-11ea-b4aa-73b441d16380}", false)]
    public void Uuid(string value, bool valid) => Assert.Equal(valid, JsonFormats.IsValid("uuid", value.AsSpan()));

    [Theory]
    [InlineData("joe.bloggs@example.com", true)]
    [InlineData("te~st@example.com", true)]
    [InlineData("~test@example.com", true)]
    [InlineData("user+tag@sub.example.co.uk", true)]
    [InlineData("\"joe bloggs\"@example.com", true)]
    [InlineData("\"joe..bloggs\"@example.com", true)]
    [InlineData("\"joe@bloggs\"@example.com", true)]
    [InlineData("joe.bloggs@[127.0.0.1]", true)]
    [InlineData("joe.bloggs@[IPv6:::1]", true)]
    [InlineData("postmaster@localhost", true)]
    [InlineData("2962", false)]
    [InlineData(".test@example.com", false)]
    [InlineData("test.@example.com", false)]
    [InlineData("te..st@example.com", false)]
    [InlineData("joe.bloggs@invalid=domain.com", false)]
    [InlineData("joe.bloggs@[127.0.0.300]", false)]
    [InlineData("joe@-example.com", false)]
    [InlineData("joe@example-.com", false)]
    [InlineData("joe@example..com", false)]
    [InlineData("joe bloggs@example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("joe@", false)]
    [InlineData("j\u00f6e@example.com", false)]
    public void Email(string value, bool valid) => Assert.Equal(valid, JsonFormats.IsValid("email", value.AsSpan()));

    [Fact]
    public void Email_local_part_is_at_most_64_characters()
    {
        Assert.True(JsonFormats.IsValid("email", (new string('a', 64) + "@example.com").AsSpan()));
        Assert.False(JsonFormats.IsValid("email", (new string('a', 65) + "@example.com").AsSpan()));
    }

    [Theory]
    [InlineData("http://foo.bar/?baz=qux#quux", true)]
    [InlineData("http://foo.com/blah_(wikipedia)_blah#cite-1", true)]
    [InlineData("http://foo.bar/?q=Test%20URL-encoded%20stuff", true)]
    [InlineData("http://xn--nw2a.xn--j6w193g/", true)]
    [InlineData("http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com", true)]
    [InlineData("http://223.255.255.254", true)]
    [InlineData("ftp://ftp.is.co.za/rfc/rfc1808.txt", true)]
    [InlineData("ldap://[2001:db8::7]/c=GB?objectClass?one", true)]
    [InlineData("http://[::ffff:192.0.2.1]:8080/", true)]
    [InlineData("mailto:John.Doe@example.com", true)]
    [InlineData("news:comp.infosystems.www.servers.unix", true)]
    [InlineData("tel:+1-816-555-1212", true)]
    [InlineData("urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true)]
    [InlineData("https://s2s.pushengage.com/api/v1/events", true)]
    [InlineData("//foo.bar/?baz=qux#quux", false)] // relative reference
    [InlineData("/abc", false)]
    [InlineData("\\\\WINDOWS\\fileshare", false)]
    [InlineData("abc", false)]
    [InlineData("http:// shouldfail.com", false)]
    [InlineData(":// should fail", false)]
    [InlineData("bar,baz:foo", false)]
    [InlineData("1http://example.com", false)]
    [InlineData("http://example.com/foo%", false)]
    [InlineData("http://example.com/foo%zz", false)]
    [InlineData("https://[@example.org/test.txt", false)]
    [InlineData("http://example.com:80a/", false)]
    [InlineData("http://[2001:db8::7::1]/", false)]
    [InlineData("http://example.com/a b", false)]
    [InlineData("http://example.com/#a#b", false)]
    public void Uri(string value, bool valid) => Assert.Equal(valid, JsonFormats.IsValid("uri", value.AsSpan()));

    [Fact]
    public void Unknown_formats_throw()
    {
        Assert.Throws<ArgumentException>(() => JsonFormats.IsValid("hostname", "x".AsSpan()));
        Assert.True(JsonFormats.IsSupported("uuid"));
        Assert.False(JsonFormats.IsSupported("ipv4"));
        Assert.False(JsonFormats.IsSupported(null));
    }
}
