using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// Folds the calls a store reads for a query, one record at a time, into the reports of several
/// groupings at once, with the reference's own code: <see cref="CallFacts.Of"/> per record and a
/// <see cref="StatisticsAccumulator"/> per group (the in-memory <see cref="StatisticsCalculator"/>
/// adds up the same way). Only the keys are computed differently from the reference: days and hours
/// from the period's UTC offsets (<see cref="LocalTimeKeys"/>), which tests hold to
/// <see cref="StatisticsKeys.Of"/> in every time zone.
/// </summary>
/// <remarks>
/// Why a store reads rows instead of aggregating in SQL: SQLite spends most of a 30-day dashboard on a
/// dozen conditional sums and on the sorts of its GROUP BYs; reading the period's rows once and adding
/// them up here costs a third of that (bench/README.md "Statistics").
/// </remarks>
internal sealed class StatisticsScan
{
    private readonly StatisticsQuery _query;
    private readonly StatisticsOptions _options;
    private readonly StatisticsGrouping[] _keyed;
    private readonly LocalTimeKeys _time;
    private readonly StatisticsAccumulator _overall = new();
    private readonly Dictionary<string, StatisticsAccumulator>[] _groups;

    /// <param name="query">The period and filters (the store selects the records; its By is ignored).</param>
    /// <param name="groupings">The groupings reported (None for the overall figures alone; repeats allowed).</param>
    /// <param name="options">The definitions.</param>
    public StatisticsScan(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        ArgumentNullException.ThrowIfNull(options);
        query.Validate();
        _query = query;
        _options = options;
        _keyed = [.. groupings.Where(g => g != StatisticsGrouping.None).Distinct()];
        _time = new LocalTimeKeys(options.TimeZone, query.From.ToUnixTimeMilliseconds(), query.To.ToUnixTimeMilliseconds());
        _groups = [.. _keyed.Select(_ => new Dictionary<string, StatisticsAccumulator>(StringComparer.Ordinal))];
    }

    /// <summary>Adds one selected call.</summary>
    /// <param name="record">The call (only the fields <see cref="CallFacts.Of"/> and <see cref="StatisticsKeys"/> read need be set).</param>
    /// <param name="callbackCompletionMs">Request to completion of the call's done callback request, ms; null when it has none.</param>
    public void Add(CallRecord record, long? callbackCompletionMs)
    {
        CallFacts facts = CallFacts.Of(record, _options, callbackCompletionMs);
        _overall.Add(facts);
        long started = record.StartedAt.ToUnixTimeMilliseconds();
        for (int g = 0; g < _keyed.Length; g++)
        {
            string key = _keyed[g] switch
            {
                StatisticsGrouping.Agent => StatisticsKeys.Agent(record),
                StatisticsGrouping.Desk => StatisticsKeys.Desk(record),
                StatisticsGrouping.Line => record.Line,
                StatisticsGrouping.Day => _time.Day(started),
                StatisticsGrouping.Hour => _time.Hour(started),
                StatisticsGrouping.WeekdayHour => _time.WeekdayHour(started),
                _ => throw new InvalidOperationException($"No key for {_keyed[g]}."),
            };
            Dictionary<string, StatisticsAccumulator> groups = _groups[g];
            if (!groups.TryGetValue(key, out StatisticsAccumulator? group))
            {
                group = new StatisticsAccumulator();
                groups.Add(key, group);
            }
            group.Add(facts);
        }
    }

    /// <summary>The report of each of <paramref name="groupings"/>, in their order (each with the same overall figures).</summary>
    public IReadOnlyList<StatisticsReport> Reports(IReadOnlyList<StatisticsGrouping> groupings)
    {
        ArgumentNullException.ThrowIfNull(groupings);
        StatisticsTotals overall = _overall.ToTotals();
        var byGrouping = new Dictionary<StatisticsGrouping, Dictionary<string, StatisticsTotals>>();
        var reports = new List<StatisticsReport>(groupings.Count);
        foreach (StatisticsGrouping grouping in groupings)
        {
            Dictionary<string, StatisticsTotals> groups = [];
            if (grouping != StatisticsGrouping.None && !byGrouping.TryGetValue(grouping, out groups!))
            {
                int g = Array.IndexOf(_keyed, grouping);
                if (g < 0)
                {
                    throw new ArgumentException($"{grouping} was not one of the scan's groupings.", nameof(groupings));
                }
                groups = _groups[g].ToDictionary(e => e.Key, e => e.Value.ToTotals(), StringComparer.Ordinal);
                byGrouping.Add(grouping, groups);
            }
            reports.Add(StatisticsReportBuilder.Build(_query with { By = grouping }, _options, overall, groups));
        }
        return reports;
    }
}
