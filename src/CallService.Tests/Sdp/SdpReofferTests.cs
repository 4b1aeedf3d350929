using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpReofferTests
{
    [Fact]
    public void Hold_reoffer_increments_the_version_and_keeps_the_session_id()
    {
        var initial = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 4242, 7);

        var hold = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Direction = SdpDirection.SendOnly }, initial);

        Assert.Equal(initial.Origin with { SessionVersion = 8 }, hold.Origin);
        Assert.Equal(SdpDirection.SendOnly, hold.Media[0].Direction);

        var resume = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), hold);
        Assert.Equal(initial.Origin with { SessionVersion = 9 }, resume.Origin);
        Assert.Equal(SdpDirection.SendRecv, resume.Media[0].Direction);
    }

    [Fact]
    public void Identical_reoffer_keeps_the_version()
    {
        var initial = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 4242, 7);

        var again = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), initial);

        Assert.Equal(SdpWriter.Write(initial), SdpWriter.Write(again));
    }

    [Fact]
    public void Reoffer_keeps_m_line_positions_and_rejected_streams()
    {
        var previous = Assert.IsType<SdpAnswerResult.Accepted>(
            SdpOfferAnswer.CreateAnswer(SdpSamples.Parse("video-first.sdp"), SdpSamples.Local(), 99, 1)).Answer;

        var reoffer = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Direction = SdpDirection.SendOnly }, previous);

        Assert.Equal(["video", "audio"], reoffer.Media.Select(m => m.Media));
        Assert.Equal(0, reoffer.Media[0].Port);
        Assert.Equal(["96"], reoffer.Media[0].Formats);
        Assert.Equal(40000, reoffer.Media[1].Port);
        Assert.Equal(["0", "8", "9", "101"], reoffer.Media[1].Formats);
        Assert.Equal(previous.Origin with { SessionVersion = 2 }, reoffer.Origin);
    }

    [Fact]
    public void Reoffer_after_everything_was_rejected_adds_audio_at_the_end()
    {
        var previous = new SessionDescription
        {
            Origin = new SdpOrigin("-", 5, 5, SdpAddressType.Ip4, "192.0.2.1"),
            Connection = new SdpConnection(SdpAddressType.Ip4, "192.0.2.1"),
            Media = [new MediaDescription { Media = "video", Port = 0, Protocol = "RTP/AVP", Formats = ["31"] }],
        };

        var reoffer = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), previous);

        Assert.Equal(["video", "audio"], reoffer.Media.Select(m => m.Media));
        Assert.Equal(6UL, reoffer.Origin.SessionVersion);
    }

    [Fact]
    public void Update_version_copies_the_previous_origin()
    {
        var previous = SdpOfferAnswer.CreateOffer(SdpSamples.Local(), 10, 20);
        var unrelated = SdpOfferAnswer.CreateOffer(SdpSamples.Local() with { Username = "other" }, 11, 1);

        var same = SdpOfferAnswer.UpdateVersion(previous, unrelated with { Origin = unrelated.Origin });
        var changed = SdpOfferAnswer.UpdateVersion(previous, unrelated with { Media = [unrelated.Media[0] with { Port = 40002 }] });

        Assert.Equal(previous.Origin, same.Origin);
        Assert.Equal(previous.Origin with { SessionVersion = 21 }, changed.Origin);
        Assert.Equal(40002, changed.Media[0].Port);
    }
}
