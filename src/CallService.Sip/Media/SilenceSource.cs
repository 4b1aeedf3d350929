namespace CallService.Sip.Media;

/// <summary>
/// Endless encoded silence (keeps RTP flowing and NAT bindings open while nothing is played).
/// Copies the shared frames of <see cref="SilenceFrames"/> in a loop; never finishes.
/// </summary>
public sealed class SilenceSource : IMediaSource
{
    private readonly EncodedFrames _frames;
    private int _position;

    public SilenceSource(AudioCodecKind codec)
    {
        _frames = SilenceFrames.For(codec);
    }

    public AudioCodec Codec => _frames.Codec;

    public bool IsFinished => false;

    public int ReadFrame(Span<byte> payload)
    {
        var frame = _frames[_position];
        frame.CopyTo(payload);
        _position = _position + 1 == _frames.FrameCount ? 0 : _position + 1;
        return frame.Length;
    }
}
