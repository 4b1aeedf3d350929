using CallService.Sip.Sdp;

using CallService.Sip.Media;

namespace CallService.Tests.Sdp;

public sealed class SdpCodecTests
{
    [Theory]
    [InlineData(AudioCodecKind.Pcmu, 0, "PCMU", 8000, 8000)]
    [InlineData(AudioCodecKind.Pcma, 8, "PCMA", 8000, 8000)]
    [InlineData(AudioCodecKind.G722, 9, "G722", 8000, 16000)]
    public void Rfc_3551_table(AudioCodecKind kind, int payloadType, string name, int clockRate, int sampleRate)
    {
        var codec = SdpCodec.For(kind);

        Assert.Equal((kind, payloadType, name, clockRate, sampleRate, 1), (codec.Kind, codec.PayloadType, codec.EncodingName, codec.ClockRate, codec.SampleRate, codec.Channels));
        Assert.True(SdpCodec.TryFromStaticPayloadType(payloadType, out var byType));
        Assert.Same(codec, byType);
        Assert.Equal(new SdpRtpMap(payloadType, name, clockRate), codec.ToRtpMap(payloadType));
        Assert.Equal(160, codec.TimestampUnits(20));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(18)]
    [InlineData(96)]
    [InlineData(101)]
    public void Other_payload_types_are_not_ours_without_an_rtpmap(int payloadType)
    {
        Assert.False(SdpCodec.TryFromStaticPayloadType(payloadType, out _));
    }

    [Theory]
    [InlineData("PCMU", 8000, null, AudioCodecKind.Pcmu)]
    [InlineData("pcmu", 8000, 1, AudioCodecKind.Pcmu)]
    [InlineData("PCMA", 8000, null, AudioCodecKind.Pcma)]
    [InlineData("g722", 8000, null, AudioCodecKind.G722)]
    public void Rtpmap_names_our_codec(string name, int clockRate, int? channels, AudioCodecKind expected)
    {
        Assert.True(SdpCodec.TryFromRtpMap(new SdpRtpMap(96, name, clockRate, channels), out var codec));
        Assert.Equal(expected, codec.Kind);
    }

    [Theory]
    [InlineData("G722", 16000, null)]
    [InlineData("PCMU", 16000, null)]
    [InlineData("PCMA", 8000, 2)]
    [InlineData("opus", 48000, 2)]
    [InlineData("telephone-event", 8000, null)]
    public void Rtpmap_that_is_not_ours(string name, int clockRate, int? channels)
    {
        Assert.False(SdpCodec.TryFromRtpMap(new SdpRtpMap(96, name, clockRate, channels), out _));
    }

    [Fact]
    public void Rtpmap_overrides_the_static_table_and_names_dynamic_types()
    {
        var media = new MediaDescription
        {
            Media = "audio",
            Port = 5000,
            Protocol = "RTP/AVP",
            Formats = ["0", "96", "8"],
            RtpMaps = [new SdpRtpMap(0, "G729", 8000), new SdpRtpMap(96, "PCMU", 8000)],
        };

        Assert.False(SdpCodec.TryResolve(media, 0, out _));
        Assert.True(SdpCodec.TryResolve(media, 96, out var dynamic));
        Assert.Same(SdpCodec.Pcmu, dynamic);
        Assert.True(SdpCodec.TryResolve(media, 8, out var fromTable));
        Assert.Same(SdpCodec.Pcma, fromTable);
    }

    [Fact]
    public void All_lists_each_codec_once()
    {
        Assert.Equal([AudioCodecKind.Pcmu, AudioCodecKind.Pcma, AudioCodecKind.G722], SdpCodec.All.Select(c => c.Kind));
    }
}
