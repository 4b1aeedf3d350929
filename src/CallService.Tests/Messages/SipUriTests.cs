using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipUriTests
{
    [Fact]
    public void Parses_every_component()
    {
        var uri = SipUri.Parse("sips:alice:secret@Example.COM:5061;transport=tls;lr;maddr=239.255.255.1?Subject=Hi%20there&Priority=urgent");

        Assert.Equal("sips", uri.Scheme);
        Assert.True(uri.IsSips);
        Assert.True(uri.IsSipOrSips);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Example.COM", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tls", uri.Transport);
        Assert.True(uri.HasParameter("LR"));
        Assert.Null(uri.GetParameter("lr"));
        Assert.Equal("239.255.255.1", uri.GetParameter("maddr"));
        Assert.Equal([new("Subject", "Hi there"), new KeyValuePair<string, string?>("Priority", "urgent")], uri.Headers);
        Assert.Equal("sips:alice:secret@Example.COM:5061;transport=tls;lr;maddr=239.255.255.1?Subject=Hi%20there&Priority=urgent", uri.ToString());
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]", "[2001:db8::10]", null)]
    [InlineData("sip:alice@[2001:db8::10]:5070;transport=tcp", "[2001:db8::10]", 5070)]
    [InlineData("sip:[::ffff:192.0.2.1]:5060", "[::ffff:192.0.2.1]", 5060)]
    [InlineData("sip:192.0.2.4", "192.0.2.4", null)]
    public void Keeps_ipv6_references_with_brackets(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("sip:%61lice@example.com", "alice", "sip:alice@example.com")]
    [InlineData("sip:a%20b@example.com", "a b", "sip:a%20b@example.com")]
    [InlineData("sip:%E7%8E%8B@example.com", "王", "sip:%E7%8E%8B@example.com")]
    [InlineData("sip:user;phone-context=+1@example.com", "user;phone-context=+1", "sip:user;phone-context=+1@example.com")]
    [InlineData("sip:%40at@example.com", "@at", "sip:%40at@example.com")]
    public void Unescapes_userinfo_and_re_escapes_on_output(string text, string user, string canonical)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(user, uri.User);
        Assert.Equal(canonical, uri.ToString());
        Assert.True(SipUri.TryParse(uri.ToString(), out var again));
        Assert.True(uri.UriEquals(again));
    }

    [Fact]
    public void Unescapes_parameters_and_headers()
    {
        var uri = SipUri.Parse("sip:a@h;%6C%72;n%61me=v%61lue%25%34%31?Route=%3Csip:p.example.com%3E");
        Assert.True(uri.HasParameter("lr"));
        Assert.Equal("value%41", uri.GetParameter("name"));
        Assert.Equal("<sip:p.example.com>", uri.GetHeader("route"));
        Assert.Equal("sip:a@h;lr;name=value%2541?Route=%3Csip:p.example.com%3E", uri.ToString());
    }

    [Theory]
    [InlineData("tel:+1-201-555-0123")]
    [InlineData("mailto:alice@example.com")]
    [InlineData("urn:service:sos")]
    [InlineData("soap.beep://192.0.2.103:3002")]
    public void Keeps_other_schemes_opaque(string text)
    {
        var uri = SipUri.Parse(text);
        Assert.False(uri.IsSipOrSips);
        Assert.False(uri.IsSips);
        Assert.Equal(text, uri.ToString());
        Assert.Equal(text[(text.IndexOf(':') + 1)..], uri.OpaquePart);
        Assert.Throws<InvalidOperationException>(() => uri.WithUser("x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:alice@")]
    [InlineData("sip:alice@example.com:99999")]
    [InlineData("sip:alice@example.com:port")]
    [InlineData("sip:alice@exa mple.com")]
    [InlineData("sip: alice@example.com")]
    [InlineData("sip:al%zzice@example.com")]
    [InlineData("sip:alice@example.com;=x")]
    [InlineData("sip:alice@example.com;x=")]
    [InlineData("sip:alice@example.com?noValue")]
    [InlineData("sip:alice@[2001:db8::1")]
    [InlineData("sip:alice@example.com>")]
    [InlineData("<sip:alice@example.com>")]
    [InlineData("1sip:alice@example.com")]
    [InlineData("tel:")]
    [InlineData("tel:+1 555")]
    [InlineData("noscheme")]
    public void Rejects_malformed_uris(string text)
    {
        Assert.False(SipUri.TryParse(text, out var uri));
        Assert.Null(uri);
        Assert.Throws<FormatException>(() => SipUri.Parse(text));
    }

    [Theory]
    // RFC 3261 19.1.4 equivalent pairs.
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp", true)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", true)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on", true)]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5", true)]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x", true)]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com", true)]
    // RFC 3261 19.1.4 non-equivalent pairs.
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", true)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp", false)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting", false)]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4", false)]
    [InlineData("sip:bob@biloxi.com", "sips:bob@biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com", "sip:biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com;maddr=239.255.255.1", "sip:bob@biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com;user=phone", "sip:bob@biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com;ttl=1", "sip:bob@biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com;method=INVITE", "sip:bob@biloxi.com", false)]
    [InlineData("sip:bob@biloxi.com;transport=tcp", "sip:bob@biloxi.com;transport=udp", false)]
    [InlineData("tel:+1555", "tel:+1555", true)]
    [InlineData("tel:+1555", "tel:+1556", false)]
    public void Compares_per_rfc3261_19_1_4(string a, string b, bool equal)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);
        Assert.Equal(equal, x.UriEquals(y));
        Assert.Equal(equal, y.UriEquals(x));
        Assert.Equal(equal, x.Equals((object)y));
        if (equal) Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Fact]
    public void Note_that_userinfo_case_matters()
    {
        // RFC 3261 19.1.4: "ALICE" and "alice" differ in the user part, even though the ABNF example above also changes the scheme.
        Assert.False(SipUri.Parse("sip:ALICE@atlanta.com").UriEquals(SipUri.Parse("sip:alice@atlanta.com")));
    }

    [Fact]
    public void With_methods_return_changed_copies()
    {
        var uri = SipUri.Parse("sip:alice@example.com;transport=udp");

        Assert.Equal("sip:bob@example.com;transport=udp", uri.WithUser("bob").ToString());
        Assert.Equal("sip:example.com;transport=udp", uri.WithUser(null).ToString());
        Assert.Equal("sip:alice@[::1]:5070;transport=udp", uri.WithHost("[::1]", 5070).ToString());
        Assert.Equal("sip:alice@example.com;transport=tcp", uri.WithParameter("transport", "tcp").ToString());
        Assert.Equal("sip:alice@example.com;transport=udp;lr", uri.WithParameter("lr", null).ToString());
        Assert.Equal("sip:alice@example.com", uri.WithoutParameter("Transport").ToString());
        Assert.Equal("sip:alice@example.com;transport=udp", uri.ToString());
        Assert.Throws<ArgumentException>(() => uri.WithHost("bad host", null));
        Assert.Equal("sip:a@h", SipUri.Parse("sip:a@h?x=y").WithoutHeaders().ToString());
    }

    [Fact]
    public void Builds_uris_from_parts()
    {
        var uri = new SipUri("SIP", "sales", "pbx.example.com", 5060);
        Assert.Equal("sip:sales@pbx.example.com:5060", uri.ToString());
        Assert.Throws<ArgumentException>(() => new SipUri("tel", null, "x"));
    }
}
