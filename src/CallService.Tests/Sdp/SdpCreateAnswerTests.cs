using System.Net;
using CallService.Sip.Sdp;

using CallService.Sip.Media;

namespace CallService.Tests.Sdp;

public sealed class SdpCreateAnswerTests
{
    private static SdpAnswerResult.Accepted Accept(SessionDescription offer, SdpLocalMedia local)
    {
        var result = SdpOfferAnswer.CreateAnswer(offer, local, sessionId: 5150, sessionVersion: 1);
        return Assert.IsType<SdpAnswerResult.Accepted>(result);
    }

    private static SdpAnswerResult.NotAcceptable Refuse(SessionDescription offer, SdpLocalMedia local)
    {
        var result = SdpOfferAnswer.CreateAnswer(offer, local, sessionId: 5150, sessionVersion: 1);
        var refused = Assert.IsType<SdpAnswerResult.NotAcceptable>(result);
        Assert.Equal(488, SdpAnswerResult.NotAcceptable.SipStatusCode);
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
        return refused;
    }

    private static SessionDescription Offer(string connection, string? sessionDirection, string? mediaDirection)
    {
        var rows = new List<string> { "v=0", "o=- 10 10 IN IP4 198.51.100.1", "s=-", $"c=IN IP4 {connection}", "t=0 0" };
        if (sessionDirection is not null)
        {
            rows.Add("a=" + sessionDirection);
        }

        rows.AddRange(["m=audio 6000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000"]);
        if (mediaDirection is not null)
        {
            rows.Add("a=" + mediaDirection);
        }

        return SdpSamples.ParseText(SdpSamples.Crlf([.. rows]));
    }

    [Fact]
    public void Baresip_offer_is_answered_with_our_preferred_codec_under_its_numbers()
    {
        var accepted = Accept(SdpSamples.Parse("baresip-offer.sdp"), SdpSamples.Local());

        Assert.Equal(
            SdpSamples.Crlf(
                "v=0",
                "o=- 5150 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "m=audio 40000 RTP/AVP 0 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"),
            SdpWriter.Write(accepted.Answer));

        var media = accepted.Media;
        Assert.Equal(0, media.MediaIndex);
        Assert.Same(SdpCodec.Pcmu, media.Codec);
        Assert.Equal((0, 0), (media.PayloadType, media.ReceivePayloadType));
        Assert.Equal((101, 101), (media.TelephoneEventPayloadType, media.ReceiveTelephoneEventPayloadType));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 10120), media.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 10121), media.RemoteRtcp);
        Assert.Equal(SdpDirection.SendRecv, media.Direction);
        Assert.False(media.RemoteHold);
        Assert.Equal(20, media.RemotePtime);
    }

    [Theory]
    [InlineData("baresip-offer.sdp", new[] { AudioCodecKind.G722, AudioCodecKind.Pcmu }, AudioCodecKind.G722, 9)]
    [InlineData("baresip-offer.sdp", new[] { AudioCodecKind.Pcma }, AudioCodecKind.Pcma, 8)]
    [InlineData("sipp-minimal.sdp", new[] { AudioCodecKind.Pcma, AudioCodecKind.Pcmu }, AudioCodecKind.Pcmu, 0)]
    [InlineData("linphone-ipv6.sdp", new[] { AudioCodecKind.G722, AudioCodecKind.Pcmu }, AudioCodecKind.G722, 9)]
    [InlineData("video-first.sdp", new[] { AudioCodecKind.Pcmu, AudioCodecKind.Pcma }, AudioCodecKind.Pcmu, 0)]
    [InlineData("pjsip-reordered.sdp", new[] { AudioCodecKind.G722, AudioCodecKind.Pcma, AudioCodecKind.Pcmu }, AudioCodecKind.Pcma, 8)]
    public void Our_preference_picks_the_codec(string file, AudioCodecKind[] preference, AudioCodecKind expected, int payloadType)
    {
        var accepted = Accept(SdpSamples.Parse(file), SdpSamples.Local(preference));

        Assert.Equal(expected, accepted.Media.Codec.Kind);
        Assert.Equal(payloadType, accepted.Media.PayloadType);
        var audio = accepted.Answer.Media[accepted.Media.MediaIndex];
        Assert.Equal(payloadType.ToString(System.Globalization.CultureInfo.InvariantCulture), audio.Formats[0]);
        Assert.Equal(SdpCodec.For(expected).ToRtpMap(payloadType), audio.FindRtpMap(payloadType));
    }

    [Fact]
    public void Sipp_minimal_offer_without_telephone_event_gets_none()
    {
        var accepted = Accept(SdpSamples.Parse("sipp-minimal.sdp"), SdpSamples.Local());

        Assert.Equal(["0"], accepted.Answer.Media[0].Formats);
        Assert.Null(accepted.Media.TelephoneEventPayloadType);
        Assert.Null(accepted.Media.ReceiveTelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), accepted.Media.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6001), accepted.Media.RemoteRtcp);
        Assert.Null(accepted.Media.RemotePtime);
    }

    [Fact]
    public void Linphone_offer_ipv6_telephone_event_at_8000_and_video_rejected_in_place()
    {
        var offer = SdpSamples.Parse("linphone-ipv6.sdp");

        var accepted = Accept(offer, SdpSamples.Local() with { Address = IPAddress.Parse("2001:db8::1") });

        Assert.Same(SdpCodec.Pcmu, accepted.Media.Codec);
        Assert.Equal(100, accepted.Media.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 7078), accepted.Media.RemoteRtp);
        Assert.Equal(2, accepted.Answer.Media.Count);
        Assert.Equal(["0", "100"], accepted.Answer.Media[0].Formats);
        Assert.Equal(new SdpConnection(SdpAddressType.Ip6, "2001:db8::1"), accepted.Answer.Connection);

        var video = accepted.Answer.Media[1];
        Assert.Equal(("video", 0, "RTP/AVP"), (video.Media, video.Port, video.Protocol));
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Empty(video.RtpMaps);
        Assert.Null(video.Direction);
        Assert.Contains("m=video 0 RTP/AVP 96 97\r\n", SdpWriter.Write(accepted.Answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Video_first_offer_keeps_positions()
    {
        var accepted = Accept(SdpSamples.Parse("video-first.sdp"), SdpSamples.Local());

        Assert.Equal(1, accepted.Media.MediaIndex);
        Assert.Equal(["video", "audio"], accepted.Answer.Media.Select(m => m.Media));
        Assert.Equal([0, 40000], accepted.Answer.Media.Select(m => m.Port));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.50"), 52002), accepted.Media.RemoteRtp);
    }

    [Fact]
    public void Second_audio_stream_is_rejected_and_the_first_accepted()
    {
        var offer = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 7000 RTP/AVP 8|m=audio 7002 RTP/AVP 0"));

        var accepted = Accept(offer, SdpSamples.Local());

        Assert.Equal(0, accepted.Media.MediaIndex);
        Assert.Same(SdpCodec.Pcma, accepted.Media.Codec);
        Assert.Equal([40000, 0], accepted.Answer.Media.Select(m => m.Port));
    }

    [Fact]
    public void Unusable_audio_streams_are_skipped_for_a_later_usable_one()
    {
        var offer = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 7000 RTP/SAVP 0|m=audio 0 RTP/AVP 0|m=audio 7004 RTP/AVP 18|m=audio 7006 RTP/AVP 0"));

        var accepted = Accept(offer, SdpSamples.Local());

        Assert.Equal(3, accepted.Media.MediaIndex);
        Assert.Equal([0, 0, 0, 40000], accepted.Answer.Media.Select(m => m.Port));
        Assert.Equal(["RTP/SAVP", "RTP/AVP", "RTP/AVP", "RTP/AVP"], accepted.Answer.Media.Select(m => m.Protocol));
    }

    // offer c=, session direction, media direction, our constraint, answer direction, remote holds
    [Theory]
    [InlineData("198.51.100.1", null, null, SdpDirection.SendRecv, SdpDirection.SendRecv, false)]
    [InlineData("198.51.100.1", null, "sendrecv", SdpDirection.SendRecv, SdpDirection.SendRecv, false)]
    [InlineData("198.51.100.1", null, "sendonly", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
    [InlineData("198.51.100.1", null, "recvonly", SdpDirection.SendRecv, SdpDirection.SendOnly, false)]
    [InlineData("198.51.100.1", null, "inactive", SdpDirection.SendRecv, SdpDirection.Inactive, true)]
    [InlineData("198.51.100.1", "sendonly", null, SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
    [InlineData("198.51.100.1", "inactive", "sendrecv", SdpDirection.SendRecv, SdpDirection.SendRecv, false)]
    [InlineData("198.51.100.1", "sendrecv", "recvonly", SdpDirection.SendRecv, SdpDirection.SendOnly, false)]
    [InlineData("198.51.100.1", null, "sendrecv", SdpDirection.SendOnly, SdpDirection.SendOnly, false)]
    [InlineData("198.51.100.1", null, "sendrecv", SdpDirection.RecvOnly, SdpDirection.RecvOnly, false)]
    [InlineData("198.51.100.1", null, "sendrecv", SdpDirection.Inactive, SdpDirection.Inactive, false)]
    [InlineData("198.51.100.1", null, "sendonly", SdpDirection.SendOnly, SdpDirection.Inactive, true)]
    [InlineData("198.51.100.1", null, "recvonly", SdpDirection.SendOnly, SdpDirection.SendOnly, false)]
    [InlineData("198.51.100.1", null, "recvonly", SdpDirection.RecvOnly, SdpDirection.Inactive, false)]
    [InlineData("0.0.0.0", null, null, SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
    [InlineData("0.0.0.0", null, "sendrecv", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
    [InlineData("0.0.0.0", null, "sendonly", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
    [InlineData("0.0.0.0", null, "recvonly", SdpDirection.SendRecv, SdpDirection.Inactive, true)]
    [InlineData("0.0.0.0", null, "inactive", SdpDirection.SendRecv, SdpDirection.Inactive, true)]
    public void Direction_is_answered_per_rfc_3264(
        string connection, string? sessionDirection, string? mediaDirection, SdpDirection ours, SdpDirection answered, bool remoteHold)
    {
        var accepted = Accept(Offer(connection, sessionDirection, mediaDirection), SdpSamples.Local() with { Direction = ours });

        Assert.Equal(answered, accepted.Answer.Media[0].Direction);
        Assert.Equal(answered, accepted.Media.Direction);
        Assert.Equal(remoteHold, accepted.Media.RemoteHold);
        Assert.Contains("a=" + answered.ToAttributeName() + "\r\n", SdpWriter.Write(accepted.Answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc_2543_hold_offer_is_answered_recvonly_and_nothing_is_sent()
    {
        var accepted = Accept(SdpSamples.Parse("hold-zero-address.sdp"), SdpSamples.Local());

        Assert.Same(SdpCodec.Pcma, accepted.Media.Codec);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 4000), accepted.Media.RemoteRtp);
        Assert.True(accepted.Media.RemoteHold);
        Assert.Equal(SdpDirection.RecvOnly, accepted.Media.Direction);
        Assert.False(accepted.Media.Direction.CanSend());
    }

    [Theory]
    [InlineData("hold-sendonly.sdp", SdpDirection.RecvOnly)]
    [InlineData("hold-inactive.sdp", SdpDirection.Inactive)]
    [InlineData("recvonly-offer.sdp", SdpDirection.SendOnly)]
    [InlineData("session-direction.sdp", SdpDirection.RecvOnly)]
    public void Direction_samples(string file, SdpDirection expected)
    {
        var accepted = Accept(SdpSamples.Parse(file), SdpSamples.Local());

        Assert.Equal(expected, accepted.Media.Direction);
    }

    [Fact]
    public void Answer_with_previous_local_keeps_origin_and_bumps_version_only_on_change()
    {
        var offer = SdpSamples.Parse("baresip-offer.sdp");
        var first = Accept(offer, SdpSamples.Local());

        var same = Assert.IsType<SdpAnswerResult.Accepted>(SdpOfferAnswer.CreateAnswer(offer, SdpSamples.Local(), first.Answer));
        Assert.Equal(first.Answer.Origin, same.Answer.Origin);

        var holdOffer = offer with { Media = [offer.Media[0] with { Direction = SdpDirection.SendOnly }] };
        var held = Assert.IsType<SdpAnswerResult.Accepted>(SdpOfferAnswer.CreateAnswer(holdOffer, SdpSamples.Local(), first.Answer));
        Assert.Equal(first.Answer.Origin with { SessionVersion = 2 }, held.Answer.Origin);
        Assert.Equal(SdpDirection.RecvOnly, held.Answer.Media[0].Direction);
        Assert.True(held.Media.RemoteHold);
    }

    [Fact]
    public void Dynamic_payload_type_for_pcmu_is_answered_under_the_offerers_number()
    {
        var offer = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 7000 RTP/AVP 96 97|a=rtpmap:96 PCMU/8000|a=rtpmap:97 telephone-event/8000|a=fmtp:97 0-15"));

        var accepted = Accept(offer, SdpSamples.Local());

        Assert.Equal((96, 96), (accepted.Media.PayloadType, accepted.Media.ReceivePayloadType));
        Assert.Equal(97, accepted.Media.TelephoneEventPayloadType);
        Assert.Equal(["96", "97"], accepted.Answer.Media[0].Formats);
        Assert.Equal(new SdpRtpMap(96, "PCMU", 8000), accepted.Answer.Media[0].FindRtpMap(96));
        Assert.Equal(new SdpRtpMap(97, "telephone-event", 8000), accepted.Answer.Media[0].FindRtpMap(97));
    }

    [Theory]
    [InlineData("a=fmtp:101 16")]
    [InlineData("a=fmtp:101 0-9")]
    public void Telephone_event_without_the_dtmf_keypad_is_not_negotiated(string fmtp)
    {
        var offer = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 7000 RTP/AVP 0 101|a=rtpmap:101 telephone-event/8000|" + fmtp));

        var accepted = Accept(offer, SdpSamples.Local());

        Assert.Null(accepted.Media.TelephoneEventPayloadType);
        Assert.Equal(["0"], accepted.Answer.Media[0].Formats);
    }

    [Fact]
    public void Telephone_event_is_left_out_when_we_do_not_do_rfc_4733()
    {
        var accepted = Accept(SdpSamples.Parse("baresip-offer.sdp"), SdpSamples.Local() with { TelephoneEventPayloadType = null });

        Assert.Null(accepted.Media.TelephoneEventPayloadType);
        Assert.Equal(["0"], accepted.Answer.Media[0].Formats);
        Assert.Empty(accepted.Answer.Media[0].Fmtps);
    }

    [Fact]
    public void Rtcp_attribute_with_its_own_address_is_followed()
    {
        var offer = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 7000 RTP/AVP 0|a=rtcp:9999 IN IP4 192.0.2.99"));

        var accepted = Accept(offer, SdpSamples.Local());

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.99"), 9999), accepted.Media.RemoteRtcp);
    }

    [Fact]
    public void Answer_text_parses_back()
    {
        var accepted = Accept(SdpSamples.Parse("linphone-ipv6.sdp"), SdpSamples.Local());
        var text = SdpWriter.Write(accepted.Answer);

        Assert.Equal(text, SdpWriter.Write(SdpSamples.ParseText(text)));
    }

    [Theory]
    [InlineData("no-common-codec.sdp", SdpRejectReason.NoCommonCodec)]
    [InlineData("srtp-only.sdp", SdpRejectReason.UnsupportedTransport)]
    public void Sample_offer_is_not_acceptable(string file, SdpRejectReason reason)
    {
        Assert.Equal(reason, Refuse(SdpSamples.Parse(file), SdpSamples.Local()).Reason);
    }

    [Theory]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|t=0 0", SdpRejectReason.NoMedia)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=video 5000 RTP/AVP 96", SdpRejectReason.NoAudioStream)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 0 RTP/AVP 0", SdpRejectReason.NoAudioStream)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 5000 RTP/AVP 9|a=rtpmap:9 G722/16000", SdpRejectReason.NoCommonCodec)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 5000 RTP/AVP 96", SdpRejectReason.NoCommonCodec)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 5000 RTP/AVPF 0", SdpRejectReason.UnsupportedTransport)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 media.example.com|t=0 0|m=audio 5000 RTP/AVP 0", SdpRejectReason.UnusableConnectionAddress)]
    [InlineData("v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 5000 RTP/SAVP 0|m=audio 5002 RTP/AVP 18", SdpRejectReason.UnsupportedTransport)]
    public void Offer_is_not_acceptable(string rows, SdpRejectReason reason)
    {
        Assert.Equal(reason, Refuse(SdpSamples.ParseText(SdpSamples.FromRow(rows)), SdpSamples.Local()).Reason);
    }

    [Fact]
    public void No_common_codec_when_we_disabled_the_offered_one()
    {
        var refused = Refuse(SdpSamples.Parse("sipp-minimal.sdp"), SdpSamples.Local(AudioCodecKind.G722, AudioCodecKind.Pcma));

        Assert.Equal(SdpRejectReason.NoCommonCodec, refused.Reason);
        Assert.Contains("G722", refused.Detail, StringComparison.Ordinal);
    }
}
