using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpTelephoneEventTests
{
    [Theory]
    [InlineData("0-15", 16, 0, 15)]
    [InlineData("0-16", 17, 0, 16)]
    [InlineData(null, 16, 0, 15)]
    [InlineData("", 16, 0, 15)]
    [InlineData("0-11,16", 13, 0, 16)]
    [InlineData("events=0-15", 16, 0, 15)]
    [InlineData(" 0-9 , 10 , 11 ", 12, 0, 11)]
    [InlineData("32-41", 10, 32, 41)]
    [InlineData("255", 1, 255, 255)]
    public void Event_lists_parse(string? fmtp, int count, int min, int max)
    {
        Assert.True(SdpTelephoneEvent.TryParseEvents(fmtp, out var events));
        Assert.Equal((count, min, max), (events.Count, events.Min(), events.Max()));
    }

    [Theory]
    [InlineData("0-256")]
    [InlineData("15-0")]
    [InlineData("a-b")]
    [InlineData("0-15,")]
    [InlineData("-")]
    public void Bad_event_lists_do_not_parse(string fmtp)
    {
        Assert.False(SdpTelephoneEvent.TryParseEvents(fmtp, out _));
    }

    [Theory]
    [InlineData("0-15", true)]
    [InlineData("0-16", true)]
    [InlineData(null, true)]
    [InlineData("0-11", true)]
    [InlineData("0-9", false)]
    [InlineData("16", false)]
    [InlineData("garbage", true)]
    public void Dtmf_keypad_coverage(string? fmtp, bool covers)
    {
        Assert.Equal(covers, SdpTelephoneEvent.CoversDtmfKeypad(fmtp));
    }

    [Fact]
    public void Found_at_the_audio_clock_rate_only()
    {
        var media = new MediaDescription
        {
            Media = "audio",
            Port = 5000,
            Protocol = "RTP/AVP",
            Formats = ["96", "101", "100"],
            RtpMaps = [new SdpRtpMap(96, "opus", 48000, 2), new SdpRtpMap(101, "telephone-event", 48000), new SdpRtpMap(100, "TELEPHONE-EVENT", 8000)],
        };

        Assert.True(SdpTelephoneEvent.TryFind(media, 8000, out var narrow));
        Assert.Equal(100, narrow);
        Assert.True(SdpTelephoneEvent.TryFind(media, 48000, out var wide));
        Assert.Equal(101, wide);
        Assert.False(SdpTelephoneEvent.TryFind(media, 16000, out _));
    }
}
