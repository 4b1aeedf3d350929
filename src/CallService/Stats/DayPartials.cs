namespace CallService.Stats;

/// <summary>
/// A recording of what a store aggregated for one day (<see cref="IStatisticsSink"/> rows), to be
/// replayed into a <see cref="StatisticsFolder"/> later: the exact counts and value histograms, so
/// the figures folded from recordings equal those folded from the store (percentiles included).
/// </summary>
public sealed class DayPartials : IStatisticsSink
{
    private readonly List<(string[] Keys, StatisticsTotals Totals)> _partials = [];
    private readonly List<(StatisticsMeasure Measure, long Value, string[] Keys, long Count)> _values = [];

    /// <summary>Rows held (for the cache's size bound).</summary>
    public int Rows => _partials.Count + _values.Count;

    public void AddPartial(IReadOnlyList<string> keys, StatisticsTotals totals)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(totals);
        _partials.Add(([.. keys], totals));
    }

    public void AddValues(StatisticsMeasure measure, long value, IReadOnlyList<string> keys, long count)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _values.Add((measure, value, [.. keys], count));
    }

    /// <summary>Adds every recorded row to <paramref name="sink"/>.</summary>
    public void ReplayInto(IStatisticsSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        foreach (var (keys, totals) in _partials)
        {
            sink.AddPartial(keys, totals);
        }
        foreach (var (measure, value, keys, count) in _values)
        {
            sink.AddValues(measure, value, keys, count);
        }
    }
}
