namespace CallService.Stats;

/// <summary>
/// Takes what a store aggregated, per combination of the groupings' keys (see <see cref="StatisticsFolder"/>):
/// the counts and sums of a class of calls, and how many calls had each measured value. The keys list
/// may be reused by the caller after the call returns: keep a copy.
/// </summary>
public interface IStatisticsSink
{
    /// <summary>Adds the counts and sums of the calls with these keys (one key per grouping).</summary>
    void AddPartial(IReadOnlyList<string> keys, StatisticsTotals totals);

    /// <summary><paramref name="count"/> calls with these keys had <paramref name="value"/>.</summary>
    void AddValues(StatisticsMeasure measure, long value, IReadOnlyList<string> keys, long count);
}
