namespace CallService.Sip.Media;

/// <summary>
/// Where an instant falls in a <see cref="ToneCadence"/>: in which cycle (ring), in which on/off
/// segment, and how far into it.
/// </summary>
/// <param name="Cycle">0-based cycle index; one cycle of the ringback cadence is one ring.</param>
/// <param name="Segment">0-based index into <see cref="ToneCadence.SegmentsMs"/>; even segments sound, odd are silent.</param>
/// <param name="IsTone">True while the tone sounds.</param>
/// <param name="IntoSegment">Time since the segment began.</param>
/// <param name="SegmentDuration">The length of the segment.</param>
public readonly record struct CadencePhase(long Cycle, int Segment, bool IsTone, TimeSpan IntoSegment, TimeSpan SegmentDuration)
{
    /// <summary>The 1-based ring number the caller is hearing (cycle + 1).</summary>
    public long Ring => Cycle + 1;
}
