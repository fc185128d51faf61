using HubSpotCrm.Contracts.Rules;

namespace HubSpotCrm.Contracts.Tests;

/// <summary>One company per domain however it is written: the forms people paste name the same company, and what names no host is refused.</summary>
public sealed class CompanyDomainTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("  example.com  ", "example.com")]
    [InlineData("www.example.com", "example.com")]
    [InlineData("WWW.Example.com", "example.com")]
    [InlineData("https://www.example.com", "example.com")]
    [InlineData("http://example.com/", "example.com")]
    [InlineData("HTTPS://Example.com/About/Us?ref=ad#team", "example.com")]
    [InlineData("https://example.com:8443/path", "example.com")]
    [InlineData("example.com:80", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("https://www.example.com./", "example.com")]
    [InlineData("//example.com/path", "example.com")]
    [InlineData("example.com?x=1", "example.com")]
    [InlineData("shop.example.co.uk", "shop.example.co.uk")]
    [InlineData("www.shop.example.com", "shop.example.com")]
    [InlineData("my-company.io", "my-company.io")]
    [InlineData("3m.com", "3m.com")]
    [InlineData("Bücher.de", "xn--bcher-kva.de")]
    [InlineData("xn--bcher-kva.de", "xn--bcher-kva.de")]
    [InlineData("https://www.BÜCHER.de/", "xn--bcher-kva.de")]
    [InlineData("例え.jp", "xn--r8jz45g.jp")]
    [InlineData("ftp://files.example.org", "files.example.org")]
    [InlineData("www.com", "www.com")]
    public void Every_form_of_a_domain_normalizes_to_its_host(string value, string expected) =>
        Assert.Equal(expected, CompanyDomain.Normalize(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("example")]
    [InlineData("https://")]
    [InlineData("http:///path")]
    [InlineData("192.168.0.1")]
    [InlineData("[::1]")]
    [InlineData("https://[2001:db8::1]/")]
    [InlineData("exa mple.com")]
    [InlineData("example..com")]
    [InlineData(".example.com")]
    [InlineData("example.com..")]
    [InlineData("-example.com")]
    [InlineData("example-.com")]
    [InlineData("exam_ple.com")]
    [InlineData("user@example.com")]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("example.com:http")]
    [InlineData("example.com:123456")]
    [InlineData("example.c")]
    [InlineData("example.123")]
    [InlineData("example.com\u0000")]
    [InlineData("example.com\u202E")]
    [InlineData("'; DROP TABLE companies;--")]
    [InlineData("<script>.com")]
    [InlineData("mailto:ada@example.com")]
    public void Text_that_names_no_host_is_refused(string value) => Assert.Null(CompanyDomain.Normalize(value));

    [Fact]
    public void A_label_may_have_63_characters_and_the_name_253()
    {
        var label63 = new string('a', 63);
        var name253 = string.Join('.', Enumerable.Repeat(label63, 3)) + "." + new string('b', 57) + ".com";

        Assert.Equal(253, name253.Length);
        Assert.Equal($"{label63}.com", CompanyDomain.Normalize($"{label63}.com"));
        Assert.Equal(name253, CompanyDomain.Normalize(name253));
        Assert.Null(CompanyDomain.Normalize($"{label63}a.com"));
        Assert.Null(CompanyDomain.Normalize("a" + name253));
    }

    [Fact]
    public void A_web_address_longer_than_2048_characters_is_refused_even_with_a_good_host()
    {
        var address = "https://example.com/" + new string('p', CompanyDomain.MaxInputLength);

        Assert.Null(CompanyDomain.Normalize(address));
        Assert.Equal("example.com", CompanyDomain.Normalize(address[..CompanyDomain.MaxInputLength]));
    }

    [Fact]
    public void A_normalized_domain_stays_as_it_is() =>
        Assert.All(new[] { "example.com", "shop.example.co.uk", "xn--bcher-kva.de" },
            domain => Assert.Equal(domain, CompanyDomain.Normalize(CompanyDomain.Normalize(domain)!)));
}
