using System.Net;
using System.Text;
using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpWriterTests
{
    // Samples whose lines are already in the writer's order: parse then write gives the same bytes.
    public static TheoryData<string> CanonicalSamples => new()
    {
        "baresip-offer.sdp",
        "sipp-minimal.sdp",
        "linphone-ipv6.sdp",
        "hold-zero-address.sdp",
        "hold-sendonly.sdp",
        "hold-inactive.sdp",
        "recvonly-offer.sdp",
        "session-direction.sdp",
        "video-first.sdp",
        "no-common-codec.sdp",
        "srtp-only.sdp",
        "media-level-connection.sdp",
    };

    [Theory]
    [MemberData(nameof(CanonicalSamples))]
    public void Canonical_sample_round_trips_byte_for_byte(string file)
    {
        var bytes = SdpSamples.Bytes(file);

        var written = SdpWriter.WriteUtf8(SdpSamples.Parse(file));

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Lf_sample_is_written_with_crlf()
    {
        var lf = SdpSamples.Text("sipp-pcmu-lf.sdp");

        var written = SdpWriter.Write(SdpSamples.ParseText(lf));

        Assert.Equal(lf.Replace("\n", "\r\n", StringComparison.Ordinal), written);
    }

    [Fact]
    public void Reordered_sample_keeps_every_line_and_is_stable()
    {
        var original = SdpSamples.Text("pjsip-reordered.sdp");

        var once = SdpWriter.Write(SdpSamples.ParseText(original));
        var twice = SdpWriter.Write(SdpSamples.ParseText(once));

        Assert.Equal(once, twice);
        Assert.Equal(Lines(original).Order(StringComparer.Ordinal), Lines(once).Order(StringComparer.Ordinal));
        Assert.NotEqual(original, once);
    }

    [Fact]
    public void Reordered_sample_is_written_in_rfc_4566_order()
    {
        var written = SdpWriter.Write(SdpSamples.Parse("pjsip-reordered.sdp"));

        Assert.Equal(
            SdpSamples.Crlf(
                "v=0",
                "o=- 3912345678 3912345678 IN IP4 192.0.2.90",
                "s=pjmedia",
                "b=AS:84",
                "t=0 0",
                "a=X-nat:0",
                "m=audio 4002 RTP/AVP 8 0 101",
                "c=IN IP4 192.0.2.90",
                "b=TIAS:64000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=rtcp:4003 IN IP4 192.0.2.90",
                "a=ssrc:123456789 cname:2ab3c4d5e6f7",
                "a=sendrecv"),
            written);
    }

    [Fact]
    public void Built_description_uses_crlf_and_section_order()
    {
        var description = new SessionDescription
        {
            Origin = new SdpOrigin("agent", 7, 8, SdpAddressType.Ip6, "2001:db8::1"),
            SessionName = "call",
            Information = "info",
            Uri = "http://example.com/",
            Emails = ["ops@example.com"],
            Phones = ["+86 755 0000"],
            Connection = SdpConnection.For(IPAddress.Parse("2001:db8::1")),
            Bandwidths = [new SdpBandwidth("CT", 256)],
            Timings = [new SdpTiming(1, 2) { Repeats = ["604800 3600 0"] }],
            TimeZones = "2882844526 -1h",
            EncryptionKey = "prompt",
            Direction = SdpDirection.Inactive,
            OtherAttributes = [new SdpAttribute("tool", "CallService")],
            Media =
            [
                new MediaDescription
                {
                    Media = "audio",
                    Port = 4000,
                    PortCount = 2,
                    Protocol = "RTP/AVP",
                    Formats = ["101", "0"],
                    Information = "voice",
                    Connection = new SdpConnection(SdpAddressType.Ip4, "192.0.2.5"),
                    Bandwidths = [new SdpBandwidth("AS", 64)],
                    EncryptionKey = "clear:x",
                    RtpMaps = [new SdpRtpMap(0, "PCMU", 8000), new SdpRtpMap(101, "telephone-event", 8000), new SdpRtpMap(96, "extra", 8000, 1)],
                    Fmtps = [new SdpFmtp(101, "0-16"), new SdpFmtp(97, "x=1")],
                    Ptime = 20,
                    MaxPtime = 40,
                    Rtcp = new SdpRtcp(4005),
                    OtherAttributes = [new SdpAttribute("label", "1")],
                    Direction = SdpDirection.SendOnly,
                },
            ],
        };

        var written = SdpWriter.Write(description);

        Assert.Equal(
            SdpSamples.Crlf(
                "v=0",
                "o=agent 7 8 IN IP6 2001:db8::1",
                "s=call",
                "i=info",
                "u=http://example.com/",
                "e=ops@example.com",
                "p=+86 755 0000",
                "c=IN IP6 2001:db8::1",
                "b=CT:256",
                "t=1 2",
                "r=604800 3600 0",
                "z=2882844526 -1h",
                "k=prompt",
                "a=tool:CallService",
                "a=inactive",
                "m=audio 4000/2 RTP/AVP 101 0",
                "i=voice",
                "c=IN IP4 192.0.2.5",
                "b=AS:64",
                "k=clear:x",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:96 extra/8000/1",
                "a=fmtp:97 x=1",
                "a=ptime:20",
                "a=maxptime:40",
                "a=rtcp:4005",
                "a=label:1",
                "a=sendonly"),
            written);
        Assert.Equal(written, description.ToString());
        Assert.Equal(written, SdpWriter.Write(SdpSamples.ParseText(written)));
    }

    [Fact]
    public void Connection_suffixes_and_empty_fmtp_are_written_back()
    {
        var text = SdpSamples.Crlf(
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 224.2.1.1/127/3",
            "t=0 0",
            "m=audio 5000 RTP/AVP 101",
            "c=IN IP6 ff15::101/3",
            "a=fmtp:101");

        Assert.Equal(text, SdpWriter.Write(SdpSamples.ParseText(text)));
    }

    [Fact]
    public void Every_line_ends_with_crlf()
    {
        var written = SdpWriter.Write(SdpSamples.Parse("linphone-ipv6.sdp"));

        Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
        Assert.Equal(written.Count(c => c == '\n'), written.Count(c => c == '\r'));
        Assert.DoesNotContain("\r\r", written, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0);
}
