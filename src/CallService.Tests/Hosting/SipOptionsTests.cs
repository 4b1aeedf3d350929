using System.Net;
using CallService.Hosting;
using CallService.Sip.Transport;

namespace CallService.Tests.Hosting;

/// <summary>The "Sip" section: defaults, typed views, and one failure line per problem naming the key.</summary>
public sealed class SipOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_give_udp_and_tcp_on_5060()
    {
        using var root = new HostTempDirectory();

        Assert.Empty(HostOptionsHarness.Failures(root));
        SipOptions sip = HostOptionsHarness.Options<SipOptions>(root);

        Assert.Equal("0.0.0.0", sip.Address);
        Assert.Equal("127.0.0.1", sip.AdvertisedAddress);
        Assert.False(sip.IsAdvertisedAddressConfigured);
        Assert.Equal(
            [new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Any, 5060)), new SipEndPoint(SipProtocol.Tcp, new IPEndPoint(IPAddress.Any, 5060))],
            sip.ListenEndPoints);
        Assert.Equal(10_000, sip.RtpPortCount);
        Assert.Equal(TimeSpan.FromMilliseconds(500), sip.TimerOptions.T1);
        Assert.Equal(TimeSpan.FromSeconds(4), sip.TimerOptions.T2);
    }

    [Fact]
    public void Configured_values_are_read()
    {
        using var root = new HostTempDirectory();

        SipOptions sip = HostOptionsHarness.Options<SipOptions>(root,
            ("Sip:Address", "192.168.1.10"), ("Sip:Port", "5070"), ("Sip:Transports", " TCP "),
            ("Sip:RtpPortMin", "30000"), ("Sip:RtpPortMax", "30199"), ("Sip:T1Ms", "250"));

        Assert.Equal("192.168.1.10", sip.AdvertisedAddress);
        Assert.Equal([new SipEndPoint(SipProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.168.1.10"), 5070))], sip.ListenEndPoints);
        Assert.Equal(200, sip.RtpPortCount);
        Assert.Equal(TimeSpan.FromMilliseconds(250), sip.T1);
    }

    [Theory]
    [InlineData("0.0.0.0", "", "127.0.0.1")]
    [InlineData("::", "", "::1")]
    [InlineData("10.0.0.5", "", "10.0.0.5")]
    [InlineData("0.0.0.0", "pbx.example", "pbx.example")]
    [InlineData("0.0.0.0", " 203.0.113.7 ", "203.0.113.7")]
    public void The_advertised_address_defaults_from_the_bind_address(string address, string advertised, string expected)
    {
        using var root = new HostTempDirectory();

        SipOptions sip = HostOptionsHarness.Options<SipOptions>(root, ("Sip:Address", address), ("Sip:AdvertisedAddress", advertised));

        Assert.Equal(expected, sip.AdvertisedAddress);
        Assert.Equal(advertised.Trim().Length > 0, sip.IsAdvertisedAddressConfigured);
    }

    [Theory]
    [InlineData("0", "Sip:Port = 0: must be between 1 and 65535")]
    [InlineData("65536", "Sip:Port = 65536: must be between 1 and 65535")]
    [InlineData("-1", "Sip:Port = -1: must be between 1 and 65535")]
    [InlineData("fifty", "Sip:Port = \"fifty\": must be a whole number, a port between 1 and 65535")]
    [InlineData("", "Sip:Port = \"\": must be a whole number")]
    public void A_bad_port_is_one_line_naming_Sip_Port(string port, string expectedStart)
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Sip:Port", port));

        string failure = Assert.Single(failures);
        Assert.StartsWith(expectedStart, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_odd_RTP_minimum_is_refused_with_the_even_neighbours()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Sip:RtpPortMin", "20001"));

        Assert.Equal(
            ["Sip:RtpPortMin = 20001: must be even (RTP uses even ports, RTCP the odd port above; RFC 3550 11), e.g. 20000 or 20002"],
            failures);
    }

    [Theory]
    [InlineData("20000", "20098", "Sip:RtpPortMax = 20098: the range from Sip:RtpPortMin = 20000 holds 99 ports, at least 100 are needed (e.g. Sip:RtpPortMax = 20099 or more)")]
    [InlineData("30000", "29999", "Sip:RtpPortMax = 29999: must be greater than Sip:RtpPortMin = 30000")]
    [InlineData("20000", "20000", "Sip:RtpPortMax = 20000: must be greater than Sip:RtpPortMin = 20000")]
    [InlineData("20000", "70000", "Sip:RtpPortMax = 70000: must be a port between 1 and 65535 (default 29999)")]
    [InlineData("0", "29999", "Sip:RtpPortMin = 0: must be an even port between 2 and 65534 (default 20000)")]
    public void A_bad_RTP_range_is_one_line(string min, string max, string expected)
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Sip:RtpPortMin", min), ("Sip:RtpPortMax", max));

        Assert.Equal([expected], failures);
    }

    [Fact]
    public void The_smallest_RTP_range_of_100_ports_is_accepted()
    {
        using var root = new HostTempDirectory();

        Assert.Empty(HostOptionsHarness.Failures(root, ("Sip:RtpPortMin", "20000"), ("Sip:RtpPortMax", "20099")));
    }

    [Fact]
    public void The_SIP_port_may_not_lie_inside_the_RTP_range_when_UDP_is_used()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Sip:Port", "25000"));

        Assert.Equal(["Sip:Port = 25000: lies inside the RTP range 20000..29999 (Sip:RtpPortMin..Sip:RtpPortMax); choose a port outside it"], failures);
        Assert.Empty(HostOptionsHarness.Failures(root, ("Sip:Port", "25000"), ("Sip:Transports", "tcp")));
    }

    [Theory]
    [InlineData("udp,tls", "Sip:Transports = \"udp,tls\": \"tls\" is not supported yet: use \"udp\", \"tcp\" or \"udp,tcp\"")]
    [InlineData("udp,sctp", "Sip:Transports = \"udp,sctp\": \"sctp\" is not a transport: use \"udp\", \"tcp\" or \"udp,tcp\"")]
    [InlineData("udp, UDP", "Sip:Transports = \"udp, UDP\": \"UDP\" is listed twice")]
    [InlineData(" , ", "Sip:Transports = \" , \": list at least one transport: \"udp\", \"tcp\" or \"udp,tcp\"")]
    [InlineData("", "Sip:Transports is missing: list at least one transport: \"udp\", \"tcp\" or \"udp,tcp\"")]
    public void Bad_transports_are_one_line(string transports, string expected)
    {
        using var root = new HostTempDirectory();

        Assert.Equal([expected], HostOptionsHarness.Failures(root, ("Sip:Transports", transports)));
    }

    [Theory]
    [InlineData("Sip:Address", "example.com", "Sip:Address = \"example.com\": must be an IP address to listen on")]
    [InlineData("Sip:Address", "", "Sip:Address is missing")]
    [InlineData("Sip:AdvertisedAddress", "not a host", "Sip:AdvertisedAddress = \"not a host\": must be an IP address or host name")]
    [InlineData("Sip:T1Ms", "5", "Sip:T1Ms = 5: must be between 10 and 4000 ms")]
    [InlineData("Sip:T1Ms", "5000", "Sip:T1Ms = 5000: must be between 10 and 4000 ms")]
    [InlineData("Sip:TimedAnswers", "maybe", "Sip:TimedAnswers = \"maybe\": must be true or false")]
    [InlineData("Sip:Prot", "5070", "Sip:Prot is not a known setting: the Sip section has Address, Port, AdvertisedAddress, Transports, RtpPortMin, RtpPortMax, T1Ms, Realm, TimedAnswers")]
    public void Other_bad_values_are_one_line_naming_their_key(string key, string value, string expectedStart)
    {
        using var root = new HostTempDirectory();

        string failure = Assert.Single(HostOptionsHarness.Failures(root, (key, value)));

        Assert.StartsWith(expectedStart, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_several_lines_in_section_order()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root,
            ("Sip:Port", "0"), ("Sip:RtpPortMin", "20001"), ("Web:Urls", "ftp://x"), ("Lines:0:AutoAnswerAfterRings", "9"));

        Assert.Equal(4, failures.Count);
        Assert.StartsWith("Sip:Port = 0", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Sip:RtpPortMin = 20001", failures[1], StringComparison.Ordinal);
        Assert.StartsWith("Web:Urls = \"ftp://x\"", failures[2], StringComparison.Ordinal);
        Assert.StartsWith("Lines:0:AutoAnswerAfterRings = 9", failures[3], StringComparison.Ordinal);
    }
}
