namespace CallService.Sip.Media;

/// <summary>Settings of a <see cref="MediaBridge"/>.</summary>
public sealed record MediaBridgeOptions
{
    /// <summary>
    /// Frames each direction buffers at most (1-<see cref="FrameRing.MaxDepth"/>). The buffer absorbs
    /// this many frames of arrival jitter, less one, and adds at most <c>BufferDepth x 20 ms</c> of
    /// delay: 3 = 60 ms, the ceiling a conversation tolerates well within ITU-T G.114's 150 ms
    /// mouth-to-ear budget.
    /// </summary>
    public int BufferDepth { get; init; } = 3;

    /// <summary>
    /// Consecutive underrun ticks filled by repeating the last frame (a single late or lost packet is
    /// then barely heard); later ones get silence. 0 plays silence at once.
    /// </summary>
    public int RepeatLastFrameOnUnderrun { get; init; } = 1;

    /// <summary>
    /// Duration of a relayed RFC 4733 digit. The receiving leg reports a key press on its first
    /// packet, before its length is known, so the relay sends a fixed length, long enough for any
    /// detector (ITU-T Q.24 asks for 40 ms at least).
    /// </summary>
    public TimeSpan DtmfDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferDepth, 1, nameof(BufferDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BufferDepth, FrameRing.MaxDepth, nameof(BufferDepth));
        ArgumentOutOfRangeException.ThrowIfNegative(RepeatLastFrameOnUnderrun, nameof(RepeatLastFrameOnUnderrun));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DtmfDuration, TimeSpan.Zero, nameof(DtmfDuration));
    }
}
