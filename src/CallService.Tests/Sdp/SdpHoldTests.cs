using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpHoldTests
{
    [Theory]
    [InlineData("baresip-offer.sdp", false)]
    [InlineData("sipp-minimal.sdp", false)]
    [InlineData("linphone-ipv6.sdp", false)]
    [InlineData("hold-zero-address.sdp", true)]
    [InlineData("hold-sendonly.sdp", true)]
    [InlineData("hold-inactive.sdp", true)]
    [InlineData("recvonly-offer.sdp", false)]
    [InlineData("session-direction.sdp", true)]
    [InlineData("video-first.sdp", false)]
    [InlineData("srtp-only.sdp", false)]
    public void Hold_as_the_remote_expresses_it(string file, bool hold)
    {
        Assert.Equal(hold, SdpHold.IsHold(SdpSamples.Parse(file)));
    }

    [Fact]
    public void Media_level_direction_decides_per_stream()
    {
        var sdp = SdpSamples.Parse("session-direction.sdp");

        Assert.True(SdpHold.IsHold(sdp, sdp.Media[0]));
        Assert.False(SdpHold.IsHold(sdp, sdp.Media[1]));
    }

    [Fact]
    public void Media_level_zero_address_is_hold_even_with_sendrecv()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 192.0.2.9|t=0 0|m=audio 5000 RTP/AVP 0|c=IN IP4 0.0.0.0|a=sendrecv"));

        Assert.True(SdpHold.IsHold(sdp, sdp.Media[0]));
    }

    [Fact]
    public void Rejected_stream_is_not_on_hold()
    {
        var sdp = SdpSamples.ParseText(SdpSamples.FromRow(
            "v=0|o=- 1 1 IN IP4 192.0.2.9|s=-|c=IN IP4 0.0.0.0|t=0 0|m=audio 0 RTP/AVP 0|a=inactive"));

        Assert.False(SdpHold.IsHold(sdp, sdp.Media[0]));
        Assert.False(SdpHold.IsHold(sdp));
    }
}
