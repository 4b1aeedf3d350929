namespace CallService.Sip.Sdp;

/// <summary>
/// A t= line (RFC 4566 5.9) with the r= lines that follow it (5.10), kept as written. RFC 3264 5: unicast
/// sessions use "t=0 0".
/// </summary>
/// <param name="StartTime">NTP start time, 0 for unbounded.</param>
/// <param name="StopTime">NTP stop time, 0 for unbounded.</param>
public sealed record SdpTiming(ulong StartTime, ulong StopTime)
{
    /// <summary>The values of the r= lines after this t= line, without the "r=".</summary>
    public IReadOnlyList<string> Repeats { get; init; } = [];
}
