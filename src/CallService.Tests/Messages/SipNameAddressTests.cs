using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipNameAddressTests
{
    [Theory]
    [InlineData("\"Alice Liddell\" <sip:alice@example.com>;tag=88", "Alice Liddell", "sip:alice@example.com", "88")]
    [InlineData("Alice Liddell <sip:alice@example.com>;tag=88", "Alice Liddell", "sip:alice@example.com", "88")]
    [InlineData("<sip:alice@example.com;transport=tcp>", null, "sip:alice@example.com;transport=tcp", null)]
    [InlineData("sip:alice@example.com;tag=88", null, "sip:alice@example.com", "88")]
    [InlineData("  sip:alice@example.com  ;  tag = 88  ", null, "sip:alice@example.com", "88")]
    [InlineData("\"\" <sip:alice@example.com>", "", "sip:alice@example.com", null)]
    [InlineData("caller<sip:caller@example.com>", "caller", "sip:caller@example.com", null)]
    [InlineData("\"a\\\"b\"<tel:+1555>", "a\"b", "tel:+1555", null)]
    public void Parses_name_addr_and_addr_spec(string text, string? display, string uri, string? tag)
    {
        Assert.True(SipNameAddress.TryParse(text, out var a));
        Assert.Equal(display, a!.DisplayName);
        Assert.Equal(uri, a.Uri.ToString());
        Assert.Equal(tag, a.Tag);
        Assert.False(a.IsWildcard);
    }

    [Fact]
    public void Parameters_after_an_unbracketed_uri_belong_to_the_header()
    {
        Assert.True(SipNameAddress.TryParse("sip:+1555@gw.example.net;user=phone;expires=60", out var a));
        Assert.Empty(a!.Uri.Parameters);
        Assert.Equal("phone", a.GetParameter("user"));
        Assert.Equal("60", a.GetParameter("expires"));

        Assert.True(SipNameAddress.TryParse("<sip:+1555@gw.example.net;user=phone>;expires=60", out var b));
        Assert.Equal("phone", b!.Uri.GetParameter("user"));
        Assert.Null(b.GetParameter("user"));
    }

    [Fact]
    public void Quoted_parameter_values_keep_their_quotes()
    {
        Assert.True(SipNameAddress.TryParse("<sip:a@h>;+sip.instance=\"<urn:uuid:f81d4fae>\";reg-id=1", out var a));
        Assert.Equal("\"<urn:uuid:f81d4fae>\"", a!.GetParameter("+sip.instance"));
        Assert.Equal("<sip:a@h>;+sip.instance=\"<urn:uuid:f81d4fae>\";reg-id=1", a.ToString());
    }

    [Fact]
    public void Wildcard_contact()
    {
        Assert.True(SipNameAddress.TryParse(" * ", out var a));
        Assert.True(a!.IsWildcard);
        Assert.Equal("*", a.ToString());
        Assert.False(SipNameAddress.TryParse("*;expires=0", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"Unterminated <sip:a@h>")]
    [InlineData("Bell, Alexander <sip:a@h>")]
    [InlineData("< sip:a@h >")]
    [InlineData("<sip:a@h")]
    [InlineData("sip:a@h?Route=x")]
    [InlineData("<sip:a@h>;;")]
    [InlineData("<sip:a@h>;tag=")]
    [InlineData("<sip:a@h> trailing")]
    [InlineData("<sip:a@h>, <sip:b@h>")]
    [InlineData("alice@example.com")]
    public void Rejects_malformed_values(string text)
    {
        Assert.False(SipNameAddress.TryParse(text, out var a));
        Assert.Null(a);
    }

    [Fact]
    public void Parses_lists_respecting_quotes_and_brackets()
    {
        var list = new List<SipNameAddress>();
        Assert.True(SipNameAddress.TryParseList("\"Doe, John\" <sip:j,x@a>;q=1, sip:b@h, <sip:c@h>", list));
        Assert.Equal(["Doe, John", null, null], list.Select(a => a.DisplayName));
        Assert.Equal("j,x", list[0].Uri.User);
        Assert.Equal(3, list.Count);

        Assert.False(SipNameAddress.TryParseList("<sip:a@h>, <sip:b@h", list));
        Assert.Equal(3, list.Count); // nothing added on failure
        Assert.False(SipNameAddress.TryParseList("<sip:a@h>,", list));
    }

    [Fact]
    public void Writes_name_addr_form()
    {
        var a = new SipNameAddress(SipUri.Parse("sip:alice@example.com"), "Alice \"Al\" L", [new("x", null)]);
        Assert.Equal("\"Alice \\\"Al\\\" L\" <sip:alice@example.com>;x", a.ToString());
        Assert.Equal("\"Alice \\\"Al\\\" L\" <sip:alice@example.com>;x;tag=9f", a.WithTag("9f").ToString());
        Assert.Equal("<sip:alice@example.com>;tag=2", SipNameAddress.Parse("sip:alice@example.com;tag=1").WithTag("2").ToString());
        Assert.Throws<ArgumentException>(() => a.WithTag("bad tag"));
        Assert.Equal("\"Line One\" <sip:alice@example.com>", new SipNameAddress(SipUri.Parse("sip:alice@example.com"), "Line\r\nOne").ToString().Replace("  ", " "));
        Assert.True(SipNameAddress.TryParse(a.ToString(), out var again));
        Assert.Equal(a.DisplayName, again!.DisplayName);
    }
}
