namespace CallService.Sip.Media;

/// <summary>
/// Endless encoded silence (keeps RTP flowing and NAT bindings open while nothing is played).
/// Copies the shared frame of <see cref="SilenceFrames"/>; never finishes.
/// </summary>
public sealed class SilenceSource : IMediaSource
{
    private readonly EncodedFrames _frame;

    public SilenceSource(AudioCodecKind codec)
    {
        _frame = SilenceFrames.For(codec);
    }

    public AudioCodec Codec => _frame.Codec;

    public bool IsFinished => false;

    public int ReadFrame(Span<byte> payload)
    {
        var frame = _frame[0];
        frame.CopyTo(payload);
        return frame.Length;
    }
}
