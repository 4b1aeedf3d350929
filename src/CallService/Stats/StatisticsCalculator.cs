using CallService.Callbacks;
using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// The reference <see cref="IStatisticsSource"/>: computes a report over call records in memory,
/// straight from the definitions (<see cref="CallFacts"/>, <see cref="StatisticsKeys"/>, days and hours
/// by <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>). Used by the tests, and
/// fine for a few hundred thousand records; the stores read only the period's rows and add them up
/// with the same code (<see cref="StatisticsScan"/>).
/// </summary>
public sealed class StatisticsCalculator : IStatisticsSource
{
    private readonly IEnumerable<CallRecord> _records;
    private readonly StatisticsOptions _options;
    private readonly IEnumerable<CallbackRequest> _callbacks;

    /// <param name="records">The records to choose from (enumerated once per report).</param>
    /// <param name="options">The definitions; null for the defaults.</param>
    /// <param name="callbacks">The callback list (for completed callbacks); null for none.</param>
    public StatisticsCalculator(IEnumerable<CallRecord> records, StatisticsOptions? options = null, IEnumerable<CallbackRequest>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        _callbacks = callbacks ?? [];
        _options = options ?? new StatisticsOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Compute(_records, query, _options, _callbacks));
    }

    /// <summary>The report over <paramref name="records"/>.</summary>
    /// <param name="records">The call records.</param>
    /// <param name="query">The period, filters and grouping.</param>
    /// <param name="options">The definitions.</param>
    /// <param name="callbacks">The callback list, matched to the records by Call-ID (none when null).</param>
    public static StatisticsReport Compute(
        IEnumerable<CallRecord> records, StatisticsQuery query, StatisticsOptions options, IEnumerable<CallbackRequest>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        query.Validate();
        options.Validate();
        Dictionary<string, long> completion = CallFacts.CallbackCompletion(callbacks ?? []);
        var overall = new StatisticsAccumulator();
        var groups = new Dictionary<string, StatisticsAccumulator>(StringComparer.Ordinal);
        foreach (CallRecord record in records)
        {
            if (!Selects(query, record))
            {
                continue;
            }
            CallFacts facts = CallFacts.Of(record, options, completion.TryGetValue(record.CallId, out long ms) ? ms : null);
            overall.Add(facts);
            if (query.By != StatisticsGrouping.None)
            {
                string key = StatisticsKeys.Of(record, query.By, options.TimeZone);
                if (!groups.TryGetValue(key, out StatisticsAccumulator? group))
                {
                    group = new StatisticsAccumulator();
                    groups.Add(key, group);
                }
                group.Add(facts);
            }
        }
        return StatisticsReportBuilder.Build(
            query, options, overall.ToTotals(), groups.ToDictionary(g => g.Key, g => g.Value.ToTotals(), StringComparer.Ordinal));
    }

    /// <summary>Whether the query selects the record: started in [From, To) (to the millisecond, as stored) and matching every filter.</summary>
    public static bool Selects(StatisticsQuery query, CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(record);
        long started = record.StartedAt.ToUnixTimeMilliseconds();
        return started >= query.From.ToUnixTimeMilliseconds()
            && started < query.To.ToUnixTimeMilliseconds()
            && (query.Line is null || query.Line == record.Line)
            && (query.Desk is null || query.Desk == StatisticsKeys.Desk(record))
            && (query.Agent is null || query.Agent == StatisticsKeys.Agent(record));
    }
}
