namespace CallService.Stats;

/// <summary>
/// Computes the ring-time statistics of docs/metrics.md over a store's call records. Every
/// implementation computes exactly the same figures from the same records (the in-memory
/// <see cref="StatisticsCalculator"/> is the reference; tests hold the others to it), with the
/// definitions of the <see cref="StatisticsOptions"/> it was built with.
/// </summary>
/// <remarks>
/// To implement it for another store, aggregate per group into <see cref="StatisticsTotals"/> (whole
/// numbers only: counts, sums, maxima, nearest-rank percentiles, see <see cref="NearestRank"/>) and let
/// <see cref="StatisticsReportBuilder"/> turn them into the report; <see cref="CallFacts"/> is the
/// per-call definition of every figure, and <see cref="SqliteStatisticsSql"/> shows it in SQL.
/// </remarks>
public interface IStatisticsSource
{
    /// <summary>The report for the calls the query selects.</summary>
    /// <exception cref="ArgumentException">the query's period is empty.</exception>
    Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken);
}
