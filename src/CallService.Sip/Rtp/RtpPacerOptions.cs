namespace CallService.Sip.Rtp;

/// <summary>Settings of the <see cref="RtpPacer"/>.</summary>
public sealed record RtpPacerOptions
{
    /// <summary>The packetization interval (RFC 3551 4.2 default for audio: 20 ms).</summary>
    public TimeSpan FrameInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Streams are spread over this many evenly spaced send slots within one frame interval, so
    /// 2,000 streams go out as a few small bursts instead of one large one. Each stream stays in
    /// its slot for life, so its own packets remain exactly one interval apart.
    /// </summary>
    public int Slots { get; init; } = 4;

    /// <summary>A frame sent more than this after its deadline counts as late.</summary>
    public TimeSpan LateThreshold { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// When the loop is behind by more than this many frames (a stall: GC, debugger, overload), it
    /// stops catching up and skips ahead to the present, counting the frames it skipped.
    /// </summary>
    public int MaxBehindFrames { get; init; } = 5;

    /// <summary>A slot whose deadline is this close is run now rather than waited for.</summary>
    public TimeSpan EarlyTolerance { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// The wait sleeps until this long before a deadline, then spins, absorbing the sleep's overshoot
    /// (about 0.1 ms with nanosleep, less for a real-time thread). Measured: 250 us costs ~5 % of a
    /// core for no gain in precision that matters against a +/-2 ms budget; 50 us costs ~1.5 %.
    /// </summary>
    public TimeSpan SpinWindow { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// Scheduling class of the loop thread. Real-time by default: on a contended machine an
    /// ordinary thread wakes tens of milliseconds late, which no amount of precise sleeping fixes.
    /// </summary>
    public RtpPacerScheduling Scheduling { get; init; } = RtpPacerScheduling.Realtime;

    /// <summary>SCHED_RR priority (1-99) when <see cref="Scheduling"/> is real-time; low, so kernel threads still win.</summary>
    public int RealtimePriority { get; init; } = 10;

    /// <summary>Size of the pacer's packet buffer: header plus the largest payload a source may write.</summary>
    public int MaxPacketSize { get; init; } = 1500;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FrameInterval, TimeSpan.Zero, nameof(FrameInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(Slots, 1, nameof(Slots));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Slots, 100, nameof(Slots));
        ArgumentOutOfRangeException.ThrowIfLessThan(LateThreshold, TimeSpan.Zero, nameof(LateThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBehindFrames, 1, nameof(MaxBehindFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(EarlyTolerance, TimeSpan.Zero, nameof(EarlyTolerance));
        ArgumentOutOfRangeException.ThrowIfLessThan(SpinWindow, TimeSpan.Zero, nameof(SpinWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(RealtimePriority, 1, nameof(RealtimePriority));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RealtimePriority, 99, nameof(RealtimePriority));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPacketSize, RtpHeader.FixedSize + DtmfEvent.Size, nameof(MaxPacketSize));
    }
}
