namespace CallService.Sip.Media;

/// <summary>
/// Encoded silence per codec, made once and shared. G.711 silence is one frame of the code word of
/// zero: 0xFF for PCMU, 0xD5 for PCMA. G.722 has no such code word: ADPCM codes differences, and a
/// constant byte drives a decoder to a rail or leaves a tone; so its silence is what the encoder
/// itself sends for digital silence once settled, one second of it, played in a loop.
/// </summary>
public static class SilenceFrames
{
    // G.722's ADPCM needs a few frames of zeros to settle from its initial state.
    private const int G722SettlingFrames = 10;
    private const int G722Frames = 50;

    private static readonly EncodedFrames PcmuFrames = EncodeSilence(AudioCodec.Pcmu, 1);
    private static readonly EncodedFrames PcmaFrames = EncodeSilence(AudioCodec.Pcma, 1);
    private static readonly EncodedFrames G722FrameLoop = EncodeSilence(AudioCodec.G722, G722Frames);

    /// <summary>The shared silence of <paramref name="codec"/>: 1 frame for G.711, a 50-frame loop for G.722.</summary>
    public static EncodedFrames For(AudioCodecKind codec) => codec switch
    {
        AudioCodecKind.Pcmu => PcmuFrames,
        AudioCodecKind.Pcma => PcmaFrames,
        AudioCodecKind.G722 => G722FrameLoop,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown audio codec."),
    };

    /// <summary>
    /// An encoder in the state it reaches on digital silence. Audio encoded once and played after
    /// other audio (a prompt after silence or ringback) starts from this state, because the far
    /// decoder's ADPCM state is then close to it; a fresh state would garble the first 100-200 ms
    /// of G.722 until the decoder re-adapted.
    /// </summary>
    internal static IAudioEncoder CreateSettledEncoder(AudioCodec codec)
    {
        var encoder = codec.CreateEncoder();
        if (codec.Kind == AudioCodecKind.G722)
        {
            Span<short> zeros = stackalloc short[codec.SamplesPerFrame];
            zeros.Clear();
            Span<byte> discard = stackalloc byte[codec.PayloadBytesPerFrame];
            for (var i = 0; i < G722SettlingFrames; i++)
            {
                encoder.Encode(zeros, discard);
            }
        }

        return encoder;
    }

    private static EncodedFrames EncodeSilence(AudioCodec codec, int frames) =>
        EncodedFrames.Encode(CreateSettledEncoder(codec), new short[codec.SamplesPerFrame * frames]);
}
