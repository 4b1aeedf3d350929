namespace CallService.Sip.Media;

/// <summary>
/// One 20 ms frame of encoded silence per codec, made once: 0xFF for PCMU and 0xD5 for PCMA
/// (G.711 code words of zero), and for G.722 what the encoder settles to on digital silence.
/// </summary>
public static class SilenceFrames
{
    // G.722's ADPCM needs a few frames of zeros to settle from its initial state.
    private const int G722SettlingFrames = 10;

    private static readonly EncodedFrames PcmuFrame = EncodeSilence(AudioCodec.Pcmu, 0);
    private static readonly EncodedFrames PcmaFrame = EncodeSilence(AudioCodec.Pcma, 0);
    private static readonly EncodedFrames G722Frame = EncodeSilence(AudioCodec.G722, G722SettlingFrames);

    /// <summary>The shared single-frame silence of <paramref name="codec"/>.</summary>
    public static EncodedFrames For(AudioCodecKind codec) => codec switch
    {
        AudioCodecKind.Pcmu => PcmuFrame,
        AudioCodecKind.Pcma => PcmaFrame,
        AudioCodecKind.G722 => G722Frame,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown audio codec."),
    };

    private static EncodedFrames EncodeSilence(AudioCodec codec, int settlingFrames)
    {
        var encoder = codec.CreateEncoder();
        var zeros = new short[codec.SamplesPerFrame];
        var discard = new byte[codec.PayloadBytesPerFrame];
        for (var i = 0; i < settlingFrames; i++)
        {
            encoder.Encode(zeros, discard);
        }

        return EncodedFrames.Encode(encoder, zeros);
    }
}
