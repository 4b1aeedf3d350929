namespace CallService.Stats;

/// <summary>
/// Computes the ring-time statistics of docs/metrics.md over a store's call records. Every
/// implementation computes exactly the same figures from the same records (the in-memory
/// <see cref="StatisticsCalculator"/> is the reference; tests hold the others to it), with the
/// definitions of the <see cref="StatisticsOptions"/> it was built with.
/// </summary>
/// <remarks>
/// To implement it for another store: select the period's calls with the query's filters
/// (<see cref="StatisticsCalculator.Selects"/>), read each as a <see cref="Records.CallRecord"/> with the
/// fields <see cref="CallFacts"/> and <see cref="StatisticsKeys"/> read, and add them to a
/// <see cref="StatisticsScan"/>, which folds every grouping at once with the reference's own code and
/// builds the reports (<see cref="SqliteStatisticsSource"/>, <see cref="PostgresStatisticsSource"/>).
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
