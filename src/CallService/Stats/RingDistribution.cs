namespace CallService.Stats;

/// <summary>
/// Agent answers by rings, each band's upper bound included ("within N rings" is rings &lt;= N):
/// 0-1 (&lt;= 1.0), 1-2 (1.1 .. 2.0), 2-3, 3-4, over 4 (&gt;= 4.1).
/// </summary>
public sealed record RingDistribution(long UpTo1, long From1To2, long From2To3, long From3To4, long Over4);
