namespace CallService.Stats;

/// <summary>
/// Percentiles by the nearest-rank method (docs/metrics.md "Percentiles"): the P-th percentile of n
/// values is the value at 1-based rank ceil(P/100 × n) in ascending order, so it is always one of the
/// values (P50 of 1, 2, 3, 4 is 2; P90 of ten values is the ninth; P100 is the maximum). None for no
/// values. Integer arithmetic only, so a SQL store computes the same rank: (P × n + 99) / 100.
/// </summary>
public static class NearestRank
{
    /// <summary>The 1-based rank of the <paramref name="percent"/>-th percentile among <paramref name="count"/> values (0 when there are none).</summary>
    public static long Rank(int percent, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ((percent * count) + 99) / 100;
    }

    /// <summary>The percentile of values already sorted ascending; null when empty.</summary>
    public static long? Of(IReadOnlyList<long> sortedAscending, int percent)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        long rank = Rank(percent, sortedAscending.Count);
        return rank == 0 ? null : sortedAscending[(int)rank - 1];
    }
}
