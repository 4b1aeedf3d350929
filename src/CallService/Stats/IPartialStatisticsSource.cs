namespace CallService.Stats;

/// <summary>
/// A store's statistics in parts, for <see cref="DayCachedStatisticsSource"/>: the aggregates of any
/// period into a sink, and a fingerprint per local day to tell whether a day's records changed.
/// </summary>
public interface IPartialStatisticsSource
{
    /// <summary>The definitions the store computes with (time zone, targets, thresholds).</summary>
    StatisticsOptions Options { get; }

    /// <summary>
    /// Aggregates the calls <paramref name="query"/> selects (its By is ignored) per combination of
    /// <paramref name="groupings"/>' keys (distinct, not None) into <paramref name="sink"/>.
    /// </summary>
    Task FoldAsync(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, IStatisticsSink sink, CancellationToken cancellationToken);

    /// <summary>The fingerprint of every local day (<see cref="StatisticsOptions.TimeZone"/>) with records that started in [from, to).</summary>
    Task<IReadOnlyDictionary<DateOnly, DayFingerprint>> FingerprintsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
