using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipViaTests
{
    [Fact]
    public void Parses_sent_protocol_sent_by_and_parameters()
    {
        Assert.True(SipVia.TryParse("SIP/2.0/udp pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5066;ttl=16", out var via));
        Assert.Equal("UDP", via!.Transport);
        Assert.Equal("pc33.atlanta.com", via.Host);
        Assert.Equal(5066, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.True(via.HasRport);
        Assert.Equal(5066, via.Rport);
        Assert.Equal("16", via.GetParameter("TTL"));
    }

    [Fact]
    public void Allows_lws_around_slashes_and_colon()
    {
        Assert.True(SipVia.TryParse("SIP / 2.0 / TCP   [2001:db8::9] : 5070 ; branch = z9hG4bKx", out var via));
        Assert.Equal("TCP", via!.Transport);
        Assert.Equal("[2001:db8::9]", via.Host);
        Assert.Equal(5070, via.Port);
        Assert.Equal("z9hG4bKx", via.Branch);
        Assert.Equal("SIP/2.0/TCP [2001:db8::9]:5070;branch=z9hG4bKx", via.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP host:")]
    [InlineData("SIP/2.0/UDP host;;")]
    [InlineData("SIP/2.0/UDP host;rport=abc")]
    [InlineData("SIP/2.0/UDP host extra")]
    [InlineData("SIP/2.0/UDP host, ")]
    public void Rejects_malformed_values(string text)
    {
        Assert.False(SipVia.TryParseList(text, []));
    }

    [Fact]
    public void Parses_lists()
    {
        var list = new List<SipVia>();
        Assert.True(SipVia.TryParseList("SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/TLS b:5061;branch=z9hG4bK2", list));
        Assert.Equal(["a", "b"], list.Select(v => v.Host));
        Assert.Equal(["UDP", "TLS"], list.Select(v => v.Transport));
    }

    [Fact]
    public void Builds_and_changes_values()
    {
        var via = new SipVia("udp", "192.0.2.1", 5060, SipVia.MagicCookie + "abc", [new("rport", null)]);
        Assert.Equal("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bKabc", via.ToString());
        Assert.Null(via.Rport);
        var answered = via.WithReceived("198.51.100.7").WithRport(40000);
        Assert.Equal("SIP/2.0/UDP 192.0.2.1:5060;rport=40000;branch=z9hG4bKabc;received=198.51.100.7", answered.ToString());
        Assert.Equal(40000, answered.Rport);
        Assert.False(new SipVia("TCP", "h", null, "1234").HasRfc3261Branch);
        Assert.Throws<ArgumentException>(() => new SipVia("UDP", "bad host", null));
        Assert.Throws<ArgumentException>(() => via.WithParameter("branch", "a b"));
    }
}
