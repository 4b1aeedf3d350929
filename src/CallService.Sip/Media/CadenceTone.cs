namespace CallService.Sip.Media;

/// <summary>
/// A <see cref="ToneCadence"/> encoded once for every codec and shared by every call: the tone is
/// periodic, so one cycle is enough (or the few cycles that make a whole number of 20 ms frames
/// when the period is not a multiple of 20 ms). Each call plays it through its own
/// <see cref="RingbackSource"/>.
/// </summary>
public sealed class CadenceTone
{
    private readonly EncodedFrames _pcmu;
    private readonly EncodedFrames _pcma;
    private readonly EncodedFrames _g722;

    public CadenceTone(ToneCadence cadence)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        Cadence = cadence;
        CyclesEncoded = AudioCodec.FrameMilliseconds / Gcd(cadence.PeriodMs, AudioCodec.FrameMilliseconds);
        var pcm8k = cadence.Synthesize(8000, CyclesEncoded);
        var pcm16k = cadence.Synthesize(16000, CyclesEncoded);
        _pcmu = EncodedFrames.Encode(new PcmuEncoder(), pcm8k);
        _pcma = EncodedFrames.Encode(new PcmaEncoder(), pcm8k);
        _g722 = EncodeLooped(SilenceFrames.CreateSettledEncoder(AudioCodec.G722), pcm16k);
    }

    public ToneCadence Cadence { get; }

    /// <summary>Cycles held in the frames: 1 when the period is a multiple of 20 ms.</summary>
    public int CyclesEncoded { get; }

    /// <summary>The frames of the encoded cycle(s): 250 for China's 5 s ring.</summary>
    public int FrameCount => _pcmu.FrameCount;

    /// <summary>The shared frames for <paramref name="codec"/>.</summary>
    public EncodedFrames GetFrames(AudioCodecKind codec) => codec switch
    {
        AudioCodecKind.Pcmu => _pcmu,
        AudioCodecKind.Pcma => _pcma,
        AudioCodecKind.G722 => _g722,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown audio codec."),
    };

    /// <summary>A new player of this tone for one stream, starting at the beginning of a cycle.</summary>
    public RingbackSource CreateSource(AudioCodecKind codec) => new(this, codec);

    private static EncodedFrames EncodeLooped(IAudioEncoder encoder, short[] pcm)
    {
        // G.722 is ADPCM: encoding one cycle first leaves the encoder in the state it has at the
        // start of every later cycle, so the cached cycle joins itself without a glitch on loop.
        var warmUp = new byte[encoder.Codec.PayloadBytesForSamples(pcm.Length)];
        encoder.Encode(pcm, warmUp);
        return EncodedFrames.Encode(encoder, pcm);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
