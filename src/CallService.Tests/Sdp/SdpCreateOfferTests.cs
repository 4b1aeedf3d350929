using System.Net;
using CallService.Sip.Sdp;

using CallService.Sip.Media;

namespace CallService.Tests.Sdp;

public sealed class SdpCreateOfferTests
{
    [Fact]
    public void Initial_offer_lists_codecs_in_preference_order_with_telephone_event()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), sessionId: 4242, sessionVersion: 1);

        Assert.Equal(
            SdpSamples.Crlf(
                "v=0",
                "o=- 4242 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "m=audio 40000 RTP/AVP 0 8 9 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:9 G722/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"),
            SdpWriter.Write(offer));
    }

    [Fact]
    public void Offer_follows_the_local_choices()
    {
        var local = SdpSamples.Local(AudioCodecKind.G722, AudioCodecKind.Pcma) with
        {
            Address = IPAddress.Parse("2001:db8::7"),
            RtpPort = 41000,
            TelephoneEventPayloadType = 96,
            TelephoneEvents = "0-15",
            Direction = SdpDirection.SendOnly,
            Ptime = 30,
            Username = "callservice",
        };

        var offer = SdpOfferAnswer.CreateOffer(local, 9, 3);

        Assert.Equal(new SdpOrigin("callservice", 9, 3, SdpAddressType.Ip6, "2001:db8::7"), offer.Origin);
        Assert.Equal(new SdpConnection(SdpAddressType.Ip6, "2001:db8::7"), offer.Connection);
        var audio = Assert.Single(offer.Media);
        Assert.Equal(["9", "8", "96"], audio.Formats);
        Assert.Equal(41000, audio.Port);
        Assert.Equal(new SdpFmtp(96, "0-15"), Assert.Single(audio.Fmtps));
        Assert.Equal(30, audio.Ptime);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);
    }

    [Fact]
    public void Offer_without_rfc_4733_has_no_telephone_event()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(AudioCodecKind.Pcmu) with { TelephoneEventPayloadType = null }, 1, 1);

        var audio = Assert.Single(offer.Media);
        Assert.Equal(["0"], audio.Formats);
        Assert.Empty(audio.Fmtps);
        Assert.False(SdpTelephoneEvent.TryFind(audio, 8000, out _));
    }

    [Fact]
    public void Duplicate_codecs_are_offered_once()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(AudioCodecKind.Pcma, AudioCodecKind.Pcma, AudioCodecKind.Pcmu), 1, 1);

        Assert.Equal(["8", "0", "101"], offer.Media[0].Formats);
    }

    [Fact]
    public void Mapped_ipv4_and_scoped_ipv6_are_written_plainly()
    {
        var mapped = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Address = IPAddress.Parse("::ffff:192.0.2.44") }, 1, 1);
        var scoped = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Address = IPAddress.Parse("fe80::1%3") }, 1, 1);

        Assert.Equal(new SdpConnection(SdpAddressType.Ip4, "192.0.2.44"), mapped.Connection);
        Assert.Equal("192.0.2.44", mapped.Origin.Address);
        Assert.Equal(new SdpConnection(SdpAddressType.Ip6, "fe80::1"), scoped.Connection);
    }

    [Fact]
    public void Offer_parses_back_to_itself()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 77, 1);
        var text = SdpWriter.Write(offer);

        Assert.Equal(text, SdpWriter.Write(SdpSamples.ParseText(text)));
    }

    public static TheoryData<SdpLocalMedia> InvalidLocals => new()
    {
        SdpSamples.Local() with { RtpPort = 0 },
        SdpSamples.Local() with { RtpPort = 65536 },
        SdpSamples.Local() with { Codecs = [] },
        SdpSamples.Local() with { TelephoneEventPayloadType = 8 },
        SdpSamples.Local() with { TelephoneEventPayloadType = 128 },
        SdpSamples.Local() with { TelephoneEvents = "0-300" },
        SdpSamples.Local() with { Ptime = 0 },
        SdpSamples.Local() with { Username = "two words" },
    };

    [Theory]
    [MemberData(nameof(InvalidLocals))]
    public void Invalid_local_media_is_a_programming_error(SdpLocalMedia local)
    {
        Assert.ThrowsAny<ArgumentException>(() => SdpOfferAnswer.CreateOffer(local, 1, 1));
    }

    [Fact]
    public void Origin_numbers_must_fit_a_signed_64_bit_integer()
    {
        // RFC 3264 5.
        Assert.Throws<ArgumentOutOfRangeException>(() => SdpOfferAnswer.CreateOffer(SdpSamples.Local(), (ulong)long.MaxValue + 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 1, ulong.MaxValue));
    }
}
