namespace CallService.Stats;

/// <summary>
/// Computes the ring-time statistics of docs/metrics.md over a store's call records. Every
/// implementation computes exactly the same figures from the same records (the in-memory
/// <see cref="StatisticsCalculator"/> is the reference; tests hold the others to it), with the
/// definitions of the <see cref="StatisticsOptions"/> it was built with.
/// </summary>
/// <remarks>
/// To implement it for another store: <see cref="CallFacts"/> is the per-call definition of every
/// figure and <see cref="StatisticsKeys"/> of every group key. Aggregate in the store, per combination
/// of the groupings' keys, the counts and sums of each class of call (<see cref="CallClassTotals"/>:
/// GROUP BY keys, outcome, answerer) and, per <see cref="StatisticsMeasure"/>, the count of calls per
/// value; <see cref="StatisticsFolder"/> folds those into every grouping at once (ring bands and
/// nearest-rank percentiles included) and <see cref="StatisticsReportBuilder"/> divides out the report.
/// <see cref="SqliteStatisticsSql"/> shows the whole thing in SQL; a store with GROUPING SETS and
/// percentile_disc may compute <see cref="StatisticsTotals"/> per grouping directly instead.
/// </remarks>
public interface IStatisticsSource
{
    /// <summary>The report for the calls the query selects, grouped by <see cref="StatisticsQuery.By"/>.</summary>
    /// <exception cref="ArgumentException">the query's period is empty.</exception>
    Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One report per grouping over the same calls (<see cref="StatisticsQuery.By"/> is ignored), e.g. a
    /// dashboard's by agent, by day and by hour; each report has the same overall figures. A store may
    /// answer all from one pass; this default asks <see cref="ComputeAsync(StatisticsQuery, CancellationToken)"/> once per grouping.
    /// </summary>
    async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        var reports = new List<StatisticsReport>(groupings.Count);
        foreach (StatisticsGrouping grouping in groupings)
        {
            reports.Add(await ComputeAsync(query with { By = grouping }, cancellationToken).ConfigureAwait(false));
        }
        return reports;
    }
}
