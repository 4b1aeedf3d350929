using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>
/// Wraps a source and reports the moment its first frame is taken by the pacer, which is the moment
/// that packet goes out: rings are counted from the first ringback packet (DESIGN.md "Counting rings").
/// </summary>
internal sealed class FirstFrameProbe(IMediaSource inner, Action onFirstFrame) : IMediaSource
{
    private int _fired;

    public bool IsFinished => inner.IsFinished;

    public int ReadFrame(Span<byte> payload)
    {
        int length = inner.ReadFrame(payload);
        if (length > 0 && _fired == 0 && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            onFirstFrame();
        }
        return length;
    }
}
