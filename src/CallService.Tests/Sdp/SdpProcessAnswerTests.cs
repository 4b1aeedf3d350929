using System.Net;
using CallService.Sip.Sdp;

using CallService.Sip.Media;

namespace CallService.Tests.Sdp;

public sealed class SdpProcessAnswerTests
{
    private static readonly SessionDescription OurOffer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 4242, 1);

    private static SessionDescription Answer(string mediaRows, string connection = "203.0.113.5") =>
        SdpSamples.ParseText(SdpSamples.FromRow($"v=0|o=peer 88 1 IN IP4 203.0.113.5|s=-|c=IN IP4 {connection}|t=0 0|{mediaRows}"));

    private static SdpNegotiatedMedia Negotiated(SessionDescription offer, SessionDescription answer) =>
        Assert.IsType<SdpNegotiationResult.Negotiated>(SdpOfferAnswer.ProcessAnswer(offer, answer)).Media;

    private static SdpNegotiationResult.Failed Failed(SessionDescription offer, SessionDescription answer)
    {
        var failed = Assert.IsType<SdpNegotiationResult.Failed>(SdpOfferAnswer.ProcessAnswer(offer, answer));
        Assert.False(string.IsNullOrWhiteSpace(failed.Detail));
        return failed;
    }

    [Fact]
    public void Answer_with_one_codec_and_telephone_event()
    {
        var media = Negotiated(OurOffer, Answer("m=audio 30000 RTP/AVP 8 101|a=rtpmap:8 PCMA/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-15|a=ptime:20|a=sendrecv"));

        Assert.Equal(0, media.MediaIndex);
        Assert.Same(SdpCodec.Pcma, media.Codec);
        Assert.Equal((8, 8), (media.PayloadType, media.ReceivePayloadType));
        Assert.Equal((101, 101), (media.TelephoneEventPayloadType, media.ReceiveTelephoneEventPayloadType));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 30000), media.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 30001), media.RemoteRtcp);
        Assert.Equal(SdpDirection.SendRecv, media.Direction);
        Assert.False(media.RemoteHold);
        Assert.Equal(20, media.RemotePtime);
    }

    [Fact]
    public void Answerers_first_offered_codec_wins()
    {
        var media = Negotiated(OurOffer, Answer("m=audio 30000 RTP/AVP 18 9 0|a=rtpmap:18 G729/8000"));

        Assert.Same(SdpCodec.G722, media.Codec);
        Assert.Null(media.TelephoneEventPayloadType);
    }

    [Fact]
    public void Renumbered_payload_types_send_with_the_answerers_numbers()
    {
        var media = Negotiated(OurOffer, Answer("m=audio 30000 RTP/AVP 100 96|a=rtpmap:100 PCMU/8000|a=rtpmap:96 telephone-event/8000"));

        Assert.Same(SdpCodec.Pcmu, media.Codec);
        Assert.Equal((100, 0), (media.PayloadType, media.ReceivePayloadType));
        Assert.Equal((96, 101), (media.TelephoneEventPayloadType, media.ReceiveTelephoneEventPayloadType));
    }

    [Fact]
    public void Telephone_event_in_the_answer_is_ignored_when_we_did_not_offer_it()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { TelephoneEventPayloadType = null }, 1, 1);

        var media = Negotiated(offer, Answer("m=audio 30000 RTP/AVP 0 101|a=rtpmap:101 telephone-event/8000"));

        Assert.Null(media.TelephoneEventPayloadType);
        Assert.Null(media.ReceiveTelephoneEventPayloadType);
    }

    // our offered direction, the answer's c=, the answer's attribute, our resulting direction, remote holds
    [Theory]
    [InlineData(SdpDirection.SendRecv, "203.0.113.5", "sendrecv", SdpDirection.SendRecv, false)]
    [InlineData(SdpDirection.SendRecv, "203.0.113.5", null, SdpDirection.SendRecv, false)]
    [InlineData(SdpDirection.SendRecv, "203.0.113.5", "recvonly", SdpDirection.SendOnly, false)]
    [InlineData(SdpDirection.SendRecv, "203.0.113.5", "sendonly", SdpDirection.RecvOnly, true)]
    [InlineData(SdpDirection.SendRecv, "203.0.113.5", "inactive", SdpDirection.Inactive, true)]
    [InlineData(SdpDirection.SendOnly, "203.0.113.5", "recvonly", SdpDirection.SendOnly, false)]
    [InlineData(SdpDirection.SendOnly, "203.0.113.5", "sendrecv", SdpDirection.SendOnly, false)]
    [InlineData(SdpDirection.Inactive, "203.0.113.5", "inactive", SdpDirection.Inactive, true)]
    [InlineData(SdpDirection.RecvOnly, "203.0.113.5", "sendonly", SdpDirection.RecvOnly, true)]
    [InlineData(SdpDirection.SendRecv, "0.0.0.0", "sendrecv", SdpDirection.RecvOnly, true)]
    [InlineData(SdpDirection.SendRecv, "0.0.0.0", "recvonly", SdpDirection.Inactive, true)]
    public void Direction_from_our_point_of_view(SdpDirection offered, string connection, string? answered, SdpDirection expected, bool remoteHold)
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Direction = offered }, 1, 1);
        var rows = "m=audio 30000 RTP/AVP 0" + (answered is null ? "" : "|a=" + answered);

        var media = Negotiated(offer, Answer(rows, connection));

        Assert.Equal(expected, media.Direction);
        Assert.Equal(remoteHold, media.RemoteHold);
    }

    [Fact]
    public void Offer_answer_round_trip_between_two_of_us()
    {
        var alice = SdpSamples.Local(AudioCodecKind.G722, AudioCodecKind.Pcmu);
        var bob = SdpSamples.Local(AudioCodecKind.Pcma, AudioCodecKind.Pcmu) with { Address = IPAddress.Parse("192.0.2.2"), RtpPort = 50000 };

        var offer = SdpSamples.ParseText(SdpWriter.Write(SdpOfferAnswer.CreateOffer(alice, 1, 1)));
        var accepted = Assert.IsType<SdpAnswerResult.Accepted>(SdpOfferAnswer.CreateAnswer(offer, bob, 2, 1));
        var answer = SdpSamples.ParseText(SdpWriter.Write(accepted.Answer));
        var media = Negotiated(offer, answer);

        Assert.Same(SdpCodec.Pcmu, accepted.Media.Codec);
        Assert.Same(SdpCodec.Pcmu, media.Codec);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000), accepted.Media.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.2"), 50000), media.RemoteRtp);
        Assert.Equal(101, media.TelephoneEventPayloadType);
        Assert.Equal(SdpDirection.SendRecv, media.Direction);
    }

    [Fact]
    public void Answer_to_a_reoffer_with_a_rejected_video_slot()
    {
        var previous = Assert.IsType<SdpAnswerResult.Accepted>(
            SdpOfferAnswer.CreateAnswer(SdpSamples.Parse("video-first.sdp"), SdpSamples.Local(), 1, 1)).Answer;
        var reoffer = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Direction = SdpDirection.SendOnly }, previous);

        var media = Negotiated(reoffer, Answer("m=video 0 RTP/AVP 96|m=audio 30000 RTP/AVP 0|a=recvonly"));

        Assert.Equal(1, media.MediaIndex);
        Assert.Equal(SdpDirection.SendOnly, media.Direction);
        Assert.False(media.RemoteHold);
    }

    [Theory]
    [InlineData("m=audio 30000 RTP/AVP 0|m=video 0 RTP/AVP 96", SdpRejectReason.AnswerMismatch)]
    [InlineData("m=audio 0 RTP/AVP 0", SdpRejectReason.AudioRejected)]
    [InlineData("m=video 30000 RTP/AVP 0", SdpRejectReason.AnswerMismatch)]
    [InlineData("m=audio 30000 RTP/SAVP 0", SdpRejectReason.AnswerMismatch)]
    [InlineData("m=audio 30000 RTP/AVP 18|a=rtpmap:18 G729/8000", SdpRejectReason.NoCommonCodec)]
    [InlineData("m=audio 30000 RTP/AVP 96|a=rtpmap:96 opus/48000/2", SdpRejectReason.NoCommonCodec)]
    public void Unusable_answer(string mediaRows, SdpRejectReason reason)
    {
        Assert.Equal(reason, Failed(OurOffer, Answer(mediaRows)).Reason);
    }

    [Fact]
    public void Answer_with_a_codec_we_did_not_offer()
    {
        var offer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(AudioCodecKind.Pcmu), 1, 1);

        Assert.Equal(SdpRejectReason.NoCommonCodec, Failed(offer, Answer("m=audio 30000 RTP/AVP 8")).Reason);
    }

    [Fact]
    public void Answer_with_a_host_name_connection()
    {
        Assert.Equal(SdpRejectReason.UnusableConnectionAddress, Failed(OurOffer, Answer("m=audio 30000 RTP/AVP 0", "media.example.com")).Reason);
    }

    [Fact]
    public void Offer_without_audio_cannot_be_completed()
    {
        var offer = OurOffer with { Media = [OurOffer.Media[0] with { Port = 0 }] };

        Assert.Equal(SdpRejectReason.NoAudioStream, Failed(offer, Answer("m=audio 0 RTP/AVP 0")).Reason);
    }
}
