using System.Net;
using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpParserSampleTests
{
    // file, m= lines, first m= line as written, effective c= address of the first media, its effective direction
    public static TheoryData<string, int, string, string, SdpDirection> Samples => new()
    {
        { "baresip-offer.sdp", 1, "audio 10120 RTP/AVP 9 0 8 101", "192.168.1.20", SdpDirection.SendRecv },
        { "sipp-minimal.sdp", 1, "audio 6000 RTP/AVP 0", "127.0.0.1", SdpDirection.SendRecv },
        { "sipp-pcmu-lf.sdp", 1, "audio 6000 RTP/AVP 0", "127.0.1.1", SdpDirection.SendRecv },
        { "linphone-ipv6.sdp", 2, "audio 7078 RTP/AVP 96 97 98 0 8 9 18 101 99 100", "2001:db8::10", SdpDirection.SendRecv },
        { "hold-zero-address.sdp", 1, "audio 4000 RTP/AVP 8 101", "0.0.0.0", SdpDirection.SendRecv },
        { "hold-sendonly.sdp", 1, "audio 14290 RTP/AVP 0 101", "203.0.113.7", SdpDirection.SendOnly },
        { "hold-inactive.sdp", 1, "audio 20000 RTP/AVP 0 8", "198.51.100.4", SdpDirection.Inactive },
        { "recvonly-offer.sdp", 1, "audio 20400 RTP/AVP 8 0 101", "198.51.100.9", SdpDirection.RecvOnly },
        { "session-direction.sdp", 2, "audio 30000 RTP/AVP 0", "192.0.2.33", SdpDirection.SendOnly },
        { "video-first.sdp", 2, "video 52000 RTP/AVP 96", "192.0.2.50", SdpDirection.SendRecv },
        { "no-common-codec.sdp", 1, "audio 5004 RTP/AVP 18 3 96", "192.0.2.60", SdpDirection.SendRecv },
        { "srtp-only.sdp", 1, "audio 5006 RTP/SAVP 0 8", "192.0.2.70", SdpDirection.SendRecv },
        { "media-level-connection.sdp", 2, "audio 49170 RTP/AVP 0", "192.0.2.81", SdpDirection.SendRecv },
        { "pjsip-reordered.sdp", 1, "audio 4002 RTP/AVP 8 0 101", "192.0.2.90", SdpDirection.SendRecv },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_parses_to_expected_shape(string file, int mediaCount, string firstMedia, string address, SdpDirection direction)
    {
        var sdp = SdpSamples.Parse(file);

        Assert.Equal(mediaCount, sdp.Media.Count);
        var media = sdp.Media[0];
        Assert.Equal(firstMedia, $"{media.Media} {media.Port} {media.Protocol} {string.Join(' ', media.Formats)}");
        Assert.Equal(IPAddress.Parse(address), sdp.GetConnection(media)?.IpAddress);
        Assert.Equal(direction, sdp.GetDirection(media));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bytes_and_text_parse_alike(string file, int mediaCount, string firstMedia, string address, SdpDirection direction)
    {
        _ = (mediaCount, firstMedia, address, direction);
        var fromBytes = SdpSamples.Parse(file);
        var fromText = SdpSamples.ParseText(SdpSamples.Text(file));

        Assert.Equal(SdpWriter.Write(fromBytes), SdpWriter.Write(fromText));
    }

    [Fact]
    public void Baresip_offer_types_every_attribute()
    {
        var sdp = SdpSamples.Parse("baresip-offer.sdp");

        Assert.Equal(new SdpOrigin("-", 1433297474, 3542874133, SdpAddressType.Ip4, "192.168.1.20"), sdp.Origin);
        Assert.Equal("-", sdp.SessionName);
        var timing = Assert.Single(sdp.Timings);
        Assert.Equal((0UL, 0UL), (timing.StartTime, timing.StopTime));
        Assert.Empty(timing.Repeats);
        Assert.Equal(new SdpAttribute("tool", "baresip 3.10.1"), Assert.Single(sdp.OtherAttributes));
        Assert.Null(sdp.Direction);

        var audio = Assert.Single(sdp.Media);
        Assert.Equal([9, 0, 8, 101], audio.PayloadTypes);
        Assert.Equal(
            [new SdpRtpMap(9, "G722", 8000), new SdpRtpMap(0, "PCMU", 8000), new SdpRtpMap(8, "PCMA", 8000), new SdpRtpMap(101, "telephone-event", 8000)],
            audio.RtpMaps);
        Assert.Equal(new SdpFmtp(101, "0-15"), Assert.Single(audio.Fmtps));
        Assert.Equal(new SdpBandwidth("AS", 64), Assert.Single(audio.Bandwidths));
        Assert.Equal(20, audio.Ptime);
        Assert.Null(audio.MaxPtime);
        Assert.Equal(new SdpRtcp(10121), audio.Rtcp);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(new SdpAttribute("label", "1"), Assert.Single(audio.OtherAttributes));
        Assert.Null(audio.Connection);
        Assert.True(audio.IsRtp);
        Assert.False(audio.IsRejected);
    }

    [Fact]
    public void Sipp_minimal_offer_has_no_rtpmap_and_resolves_the_static_payload_type()
    {
        var audio = Assert.Single(SdpSamples.Parse("sipp-minimal.sdp").Media);

        Assert.Empty(audio.RtpMaps);
        Assert.True(SdpCodec.TryResolve(audio, 0, out var codec));
        Assert.Same(SdpCodec.Pcmu, codec);
    }

    [Fact]
    public void Lf_only_sample_equals_its_crlf_form()
    {
        var lf = SdpSamples.Text("sipp-pcmu-lf.sdp");
        Assert.DoesNotContain('\r', lf);

        var fromLf = SdpSamples.ParseText(lf);
        var fromCrlf = SdpSamples.ParseText(lf.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(SdpWriter.Write(fromCrlf), SdpWriter.Write(fromLf));
        Assert.Equal(new SdpRtpMap(0, "PCMU", 8000), Assert.Single(fromLf.Media[0].RtpMaps));
    }

    [Fact]
    public void Linphone_offer_with_ipv6_many_codecs_and_video()
    {
        var sdp = SdpSamples.Parse("linphone-ipv6.sdp");

        Assert.Equal(SdpAddressType.Ip6, sdp.Origin.AddressType);
        Assert.Equal("alice", sdp.Origin.Username);
        Assert.Equal("Talk", sdp.SessionName);
        Assert.Equal(SdpAddressType.Ip6, sdp.Connection!.AddressType);
        Assert.Equal(IPAddress.Parse("2001:db8::10"), sdp.Connection.IpAddress);
        Assert.Equal(["rtcp-xr", "record"], sdp.OtherAttributes.Select(a => a.Name));

        var audio = sdp.Media[0];
        Assert.Equal(new SdpRtpMap(96, "opus", 48000, 2), audio.FindRtpMap(96));
        Assert.Equal("useinbandfec=1", audio.FindFmtp(96)?.Parameters);
        Assert.Null(audio.FindRtpMap(0));
        Assert.True(SdpTelephoneEvent.TryFind(audio, 8000, out var telephoneEvent));
        Assert.Equal(100, telephoneEvent);
        Assert.True(SdpTelephoneEvent.TryFind(audio, 48000, out var wideband));
        Assert.Equal(101, wideband);
        Assert.Equal(2, audio.OtherAttributes.Count(a => a.Name == "rtcp-fb"));

        var video = sdp.Media[1];
        Assert.Equal("video", video.Media);
        Assert.Equal(9078, video.Port);
        Assert.Equal(new SdpRtpMap(97, "H264", 90000), video.FindRtpMap(97));
        Assert.Equal("profile-level-id=42801F", video.FindFmtp(97)?.Parameters);
    }

    [Fact]
    public void Media_level_direction_wins_over_session_level()
    {
        var sdp = SdpSamples.Parse("session-direction.sdp");

        Assert.Equal(SdpDirection.SendOnly, sdp.Direction);
        Assert.Null(sdp.Media[0].Direction);
        Assert.Equal(SdpDirection.SendOnly, sdp.GetDirection(sdp.Media[0]));
        Assert.Equal(SdpDirection.SendRecv, sdp.Media[1].Direction);
        Assert.Equal(SdpDirection.SendRecv, sdp.GetDirection(sdp.Media[1]));
    }

    [Fact]
    public void Every_optional_session_line_is_kept()
    {
        var sdp = SdpSamples.Parse("media-level-connection.sdp");

        Assert.Equal(28908764872UL, sdp.Origin.SessionId);
        Assert.Equal("conference bridge leg", sdp.Information);
        Assert.Equal("http://www.example.com/seminars/sdp.pdf", sdp.Uri);
        Assert.Equal(["carol@example.com (Carol)"], sdp.Emails);
        Assert.Equal(["+1 617 555-6011"], sdp.Phones);
        Assert.Null(sdp.Connection);
        Assert.Equal(new SdpBandwidth("CT", 128), Assert.Single(sdp.Bandwidths));
        var timing = Assert.Single(sdp.Timings);
        Assert.Equal((2873397496UL, 2873404696UL), (timing.StartTime, timing.StopTime));
        Assert.Equal(["7d 1h 0 25h"], timing.Repeats);
        Assert.Equal("2882844526 -1h 2898848070 0", sdp.TimeZones);

        var audio = sdp.Media[0];
        Assert.Equal(new SdpConnection(SdpAddressType.Ip4, "192.0.2.81"), audio.Connection);
        Assert.Equal(new SdpBandwidth("AS", 64), Assert.Single(audio.Bandwidths));
        Assert.Equal(30, audio.Ptime);

        // A rejected stream without its own c= line is accepted although the session has none.
        var video = sdp.Media[1];
        Assert.True(video.IsRejected);
        Assert.Null(sdp.GetConnection(video));
    }

    [Fact]
    public void Rtcp_attribute_with_address_is_typed()
    {
        var audio = SdpSamples.Parse("pjsip-reordered.sdp").Media[0];

        Assert.Equal(new SdpRtcp(4003, SdpAddressType.Ip4, "192.0.2.90"), audio.Rtcp);
        Assert.Equal(new SdpBandwidth("TIAS", 64000), Assert.Single(audio.Bandwidths));
        Assert.Equal(new SdpAttribute("ssrc", "123456789 cname:2ab3c4d5e6f7"), Assert.Single(audio.OtherAttributes));
    }
}
