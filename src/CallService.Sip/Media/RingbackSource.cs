namespace CallService.Sip.Media;

/// <summary>
/// Plays a <see cref="CadenceTone"/> (ringback as early media) on one stream, endlessly, from its
/// shared frames with its own position. Knows the cadence phase of every frame it sends, so the
/// ring counter can be checked against what the caller actually heard. Not thread-safe.
/// </summary>
public sealed class RingbackSource : IMediaSource
{
    private int _position;

    public RingbackSource(CadenceTone tone, AudioCodecKind codec)
    {
        ArgumentNullException.ThrowIfNull(tone);
        Tone = tone;
        Frames = tone.GetFrames(codec);
    }

    public CadenceTone Tone { get; }

    public ToneCadence Cadence => Tone.Cadence;

    /// <summary>The tone's shared frames this source reads.</summary>
    public EncodedFrames Frames { get; }

    /// <summary>Frames sent so far; also the index of the next frame since the tone started.</summary>
    public long FrameIndex { get; private set; }

    /// <summary>Audio time sent so far (<see cref="FrameIndex"/> x 20 ms).</summary>
    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(FrameIndex * (double)AudioCodec.FrameMilliseconds);

    /// <summary>The phase of the next frame to be sent.</summary>
    public CadencePhase CurrentPhase => Cadence.PhaseOfFrame(FrameIndex);

    /// <summary>Rings sent so far, fractional.</summary>
    public double Rings => Cadence.RingsAt(Elapsed);

    public bool IsFinished => false;

    /// <summary>The phase of frame <paramref name="frameIndex"/> (0-based since the tone started).</summary>
    public CadencePhase PhaseOfFrame(long frameIndex) => Cadence.PhaseOfFrame(frameIndex);

    public int ReadFrame(Span<byte> payload)
    {
        var frame = Frames[_position];
        frame.CopyTo(payload);
        _position = _position + 1 == Frames.FrameCount ? 0 : _position + 1;
        FrameIndex++;
        return frame.Length;
    }

    /// <summary>Starts the cadence again from the beginning of a ring.</summary>
    public void Restart()
    {
        _position = 0;
        FrameIndex = 0;
    }
}
