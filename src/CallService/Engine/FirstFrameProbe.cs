using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>
/// Wraps a source and reports the moment its first frame is taken by the pacer, which is the moment
/// that packet goes out: rings are counted from the first ringback packet (DESIGN.md "Counting rings").
/// The report carries the <see cref="TimeProvider.GetTimestamp"/> of that moment and runs on the
/// thread pool, so the pacer only reads the clock and never runs a call's transitions.
/// </summary>
internal sealed class FirstFrameProbe(IMediaSource inner, TimeProvider time, Action<long> onFirstFrame) : IMediaSource
{
    private int _fired;

    public bool IsFinished => inner.IsFinished;

    public int ReadFrame(Span<byte> payload)
    {
        int length = inner.ReadFrame(payload);
        if (length > 0 && _fired == 0 && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            long at = time.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Report(state.At), (Report: onFirstFrame, At: at), preferLocal: false);
        }
        return length;
    }
}
