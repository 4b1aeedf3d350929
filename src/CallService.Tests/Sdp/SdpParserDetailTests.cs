using System.Net;
using System.Text;
using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpParserDetailTests
{
    private const string Head = "v=0|o=- 1 1 IN IP4 192.0.2.1|s=-|c=IN IP4 192.0.2.1|t=0 0";

    private static MediaDescription ParseMedia(string mediaRows) =>
        SdpSamples.ParseText(SdpSamples.FromRow(Head + "|" + mediaRows)).Media[0];

    [Fact]
    public void Unknown_attributes_are_kept_in_order_with_and_without_values()
    {
        var media = ParseMedia("m=audio 5000 RTP/AVP 0|a=x-custom:one two|a=flag|a=x-empty:");

        Assert.Equal(
            [new SdpAttribute("x-custom", "one two"), new SdpAttribute("flag"), new SdpAttribute("x-empty", "")],
            media.OtherAttributes);
    }

    [Fact]
    public void Second_direction_attribute_is_kept_as_unknown_and_the_first_wins()
    {
        var media = ParseMedia("m=audio 5000 RTP/AVP 0|a=sendonly|a=sendrecv");

        Assert.Equal(SdpDirection.SendOnly, media.Direction);
        Assert.Equal(new SdpAttribute("sendrecv"), Assert.Single(media.OtherAttributes));
    }

    [Fact]
    public void Direction_name_with_a_value_is_not_a_direction()
    {
        var media = ParseMedia("m=audio 5000 RTP/AVP 0|a=sendonly:1");

        Assert.Null(media.Direction);
        Assert.Equal(new SdpAttribute("sendonly", "1"), Assert.Single(media.OtherAttributes));
    }

    [Theory]
    [InlineData("a=ptime:twenty")]
    [InlineData("a=ptime:20.5")]
    [InlineData("a=ptime:0")]
    [InlineData("a=maxptime:-1")]
    [InlineData("a=rtpmap:0 PCMU")]
    [InlineData("a=rtpmap:0 PCMU/")]
    [InlineData("a=rtpmap:200 PCMU/8000")]
    [InlineData("a=rtpmap:0 /8000")]
    [InlineData("a=rtpmap:0 PCMU/8000/stereo")]
    [InlineData("a=fmtp:abc 0-15")]
    [InlineData("a=rtcp:")]
    [InlineData("a=rtcp:70000")]
    [InlineData("a=rtcp:5001 IN IP4")]
    [InlineData("a=rtcp:5001 IN IP4 300.0.0.1")]
    public void Attribute_that_does_not_parse_is_kept_not_fatal(string attribute)
    {
        var media = ParseMedia("m=audio 5000 RTP/AVP 0|" + attribute);

        Assert.Empty(media.RtpMaps);
        Assert.Empty(media.Fmtps);
        Assert.Null(media.Ptime);
        Assert.Null(media.MaxPtime);
        Assert.Null(media.Rtcp);
        var kept = Assert.Single(media.OtherAttributes);
        Assert.Equal(attribute[2..], kept.ToString());
    }

    [Fact]
    public void Second_rtpmap_for_the_same_payload_type_is_kept_as_unknown()
    {
        var media = ParseMedia("m=audio 5000 RTP/AVP 96|a=rtpmap:96 PCMU/8000|a=rtpmap:96 PCMA/8000");

        Assert.Equal(new SdpRtpMap(96, "PCMU", 8000), Assert.Single(media.RtpMaps));
        Assert.Equal(new SdpAttribute("rtpmap", "96 PCMA/8000"), Assert.Single(media.OtherAttributes));
    }

    [Fact]
    public void Fmtp_without_parameters_and_with_non_numeric_format()
    {
        var rtp = ParseMedia("m=audio 5000 RTP/AVP 101|a=fmtp:101");
        Assert.Equal(new SdpFmtp(101, ""), Assert.Single(rtp.Fmtps));

        var image = ParseMedia("m=image 5002 udptl t38|a=fmtp:t38 T38FaxVersion=0");
        Assert.Empty(image.Fmtps);
        Assert.Equal(["t38"], image.Formats);
        Assert.False(image.IsRtp);
        Assert.Empty(image.PayloadTypes);
        Assert.Equal(new SdpAttribute("fmtp", "t38 T38FaxVersion=0"), Assert.Single(image.OtherAttributes));
    }

    [Fact]
    public void Port_count_and_multicast_connection_suffixes()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 host.example.com|s=-|c=IN IP4 224.2.1.1/127/3|t=0 0|m=audio 49170/2 RTP/AVP 0|c=IN IP6 ff15::101/3"));

        Assert.Equal("host.example.com", sdp.Origin.Address);
        Assert.Equal(new SdpConnection(SdpAddressType.Ip4, "224.2.1.1", 127, 3), sdp.Connection);
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal(new SdpConnection(SdpAddressType.Ip6, "ff15::101", null, 3), sdp.Media[0].Connection);
    }

    [Fact]
    public void Host_name_connection_has_no_ip_address()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.1|s=-|c=IN IP4 media.example.com|t=0 0|m=audio 5000 RTP/AVP 0"));

        Assert.Equal("media.example.com", sdp.Connection!.Address);
        Assert.Null(sdp.Connection.IpAddress);
        Assert.False(sdp.Connection.IsUnspecified);
    }

    [Theory]
    [InlineData("IN IP4 0.0.0.0", true)]
    [InlineData("IN IP6 ::", true)]
    [InlineData("IN IP4 10.0.0.1", false)]
    [InlineData("IN IP6 ::1", false)]
    public void Unspecified_connection_address(string connection, bool unspecified)
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow($"v=0|o=- 1 1 IN IP4 192.0.2.1|s=-|c={connection}|t=0 0"));

        Assert.Equal(unspecified, sdp.Connection!.IsUnspecified);
    }

    [Fact]
    public void Tolerates_blank_lines_trailing_spaces_and_runs_of_spaces()
    {
        var sdp = SdpSamples.ParseText("v=0\r\no=-  1 1 IN IP4 192.0.2.1\r\ns=-\r\n\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0  8 \r\n\r\n");

        Assert.Equal(["0", "8"], sdp.Media[0].Formats);
        Assert.Equal(1UL, sdp.Origin.SessionId);
    }

    [Fact]
    public void Trailing_spaces_after_values_are_tolerated()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.Crlf(
            "v=0 ",
            "o=- 1 1 IN IP4 192.0.2.1 ",
            "s=-",
            "c=IN IP4 192.0.2.1 ",
            "b=AS:64 ",
            "t=0 0 ",
            "a=recvonly ",
            "m=audio 5000 RTP/AVP 0 101 ",
            "a=rtpmap:101 telephone-event/8000 ",
            "a=fmtp:101 0-15 ",
            "a=ptime:20 ",
            "a=rtcp:5001 ",
            "a=sendonly "));

        Assert.Equal(SdpDirection.RecvOnly, sdp.Direction);
        Assert.Equal(new SdpBandwidth("AS", 64), Assert.Single(sdp.Bandwidths));
        var audio = sdp.Media[0];
        Assert.Equal(["0", "101"], audio.Formats);
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000), Assert.Single(audio.RtpMaps));
        Assert.Equal(new SdpFmtp(101, "0-15"), Assert.Single(audio.Fmtps));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(new SdpRtcp(5001), audio.Rtcp);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);
        Assert.Empty(audio.OtherAttributes);
    }

    [Fact]
    public void Session_name_may_be_a_single_space()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow("v=0|o=- 1 1 IN IP4 192.0.2.1|s= |t=0 0"));

        Assert.Equal(" ", sdp.SessionName);
        Assert.Empty(sdp.Media);
    }

    [Fact]
    public void Utf8_session_name_survives()
    {
        var text = SdpSamples.FromRow("v=0|o=- 1 1 IN IP4 192.0.2.1|s=海逸长洲|t=0 0");

        var result = SdpParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("海逸长洲", result.Description.SessionName);
    }

    [Fact]
    public void Largest_session_id_parses()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow("v=0|o=- 18446744073709551615 0 IN IP6 ::1|s=-|t=0 0"));

        Assert.Equal(ulong.MaxValue, sdp.Origin.SessionId);
        Assert.Equal(IPAddress.IPv6Loopback.ToString(), sdp.Origin.Address);
    }

    [Fact]
    public void Success_result_has_no_error()
    {
        var result = SdpParser.Parse(SdpSamples.FromRow(Head));

        Assert.True(result.IsSuccess);
        Assert.Equal(SdpParseError.None, result.Error);
        Assert.Null(result.Detail);
        Assert.Equal(0, result.LineNumber);
    }
}
