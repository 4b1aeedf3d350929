using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>
/// Ringback for exactly the rings the caller may hear before the service answers: after
/// <paramref name="maxFrames"/> frames it sends the codec's silence. The answer comes when the next ring
/// would begin, so the caller never hears the start of a ring that is not counted.
/// </summary>
internal sealed class RingLimitedSource(IMediaSource ringback, int maxFrames, IMediaSource silence) : IMediaSource
{
    private int _frames;

    public bool IsFinished => false;

    public int ReadFrame(Span<byte> payload) =>
        _frames++ < maxFrames ? ringback.ReadFrame(payload) : silence.ReadFrame(payload);
}
