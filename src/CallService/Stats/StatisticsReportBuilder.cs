namespace CallService.Stats;

/// <summary>
/// Turns whole-number <see cref="StatisticsTotals"/> into a <see cref="StatisticsReport"/>: the one
/// place where ratios and averages are divided out and milliseconds and tenths become seconds and
/// rings, so every <see cref="IStatisticsSource"/> reports identical numbers for identical totals.
/// </summary>
public static class StatisticsReportBuilder
{
    /// <summary>The report for <paramref name="query"/>.</summary>
    /// <param name="query">The query answered.</param>
    /// <param name="options">The definitions used.</param>
    /// <param name="overall">The totals over every selected call.</param>
    /// <param name="groups">The totals per group key (ignored when the query does not group).</param>
    public static StatisticsReport Build(
        StatisticsQuery query, StatisticsOptions options, StatisticsTotals overall, IReadOnlyDictionary<string, StatisticsTotals> groups)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overall);
        ArgumentNullException.ThrowIfNull(groups);
        var keys = new SortedSet<string>(groups.Keys, StringComparer.Ordinal);
        switch (query.By)
        {
            case StatisticsGrouping.None:
                keys.Clear();
                break;
            case StatisticsGrouping.Day:
                keys.UnionWith(DaysOf(query, options.TimeZone));
                break;
            case StatisticsGrouping.Hour:
                keys.UnionWith(Enumerable.Range(0, 24).Select(StatisticsKeys.Hour));
                break;
            case StatisticsGrouping.WeekdayHour:
                keys.UnionWith(Enumerable.Range(0, 7 * 24).Select(StatisticsKeys.WeekdayHour));
                break;
        }
        return new StatisticsReport
        {
            From = query.From,
            To = query.To,
            TimeZone = options.TimeZone.Id,
            Line = query.Line,
            Desk = query.Desk,
            Agent = query.Agent,
            By = query.By.ToName(),
            Definitions = new StatisticsDefinitions(
                options.TargetRings,
                new SortedDictionary<string, int>(options.TargetRingsByLine.ToDictionary(), StringComparer.Ordinal),
                options.ShortAbandonSeconds,
                options.LongHoldSeconds),
            Overall = ToStatistics(overall),
            Groups = [.. keys.Select(key => new StatisticsGroup(key, ToStatistics(groups.GetValueOrDefault(key) ?? StatisticsTotals.Empty)))],
        };
    }

    /// <summary>The figures of one set of totals.</summary>
    public static CallStatistics ToStatistics(StatisticsTotals t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new CallStatistics
        {
            Received = t.Received,
            Rejected = t.Rejected,
            InProgress = t.InProgress,
            Offered = t.Offered,
            AnsweredByAgent = t.AnsweredByAgent,
            AnsweredByAgentWithinTarget = t.AnsweredByAgentWithinTarget,
            AutoAnswered = t.AutoAnswered,
            PickedUpFromQueue = t.PickedUpFromQueue,
            Abandoned = t.AbandonedWhileRinging + t.AbandonedInQueue,
            AbandonedWhileRinging = t.AbandonedWhileRinging,
            ShortAbandons = t.ShortAbandons,
            AbandonedInQueue = t.AbandonedInQueue,
            Interrupted = t.Interrupted,
            ServiceLevel = Ratio(t.AnsweredByAgentWithinTarget, t.Offered - t.ShortAbandons),
            ServiceLevelOfAnswered = Ratio(t.AnsweredByAgentWithinTarget, t.AnsweredByAgent + t.PickedUpFromQueue),
            RingsToAnswer = new RingDistribution(t.RingsUpTo1, t.Rings1To2, t.Rings2To3, t.Rings3To4, t.RingsOver4),
            TimeToAnswerSeconds = Summary(t.TimeToAnswerMs, 1000),
            TimeToAnswerRings = Summary(t.TimeToAnswerTenths, 10),
            QueueWaitSeconds = Summary(t.QueueWaitMs, 1000),
            Holds = new HoldStatistics(
                t.Holds,
                t.CallsHeld,
                t.CallsWithLongHold,
                t.HoldMs / 1000.0,
                t.CallsHeld == 0 ? null : t.HoldMs / 1000.0 / t.CallsHeld,
                t.CallsHeld == 0 ? null : t.LongestHoldMs / 1000.0),
            Callbacks = new CallbackStatistics(
                t.CallbacksOffered,
                t.CallbacksAccepted,
                t.CallbacksDeclined,
                t.CallbacksOffered - t.CallbacksAccepted - t.CallbacksDeclined,
                t.CallbackCompletionMs.Count,
                Summary(t.CallbackCompletionMs, 1000)),
        };
    }

    /// <summary>Every day of the period in the zone, from the day of From to the day of the last millisecond before To.</summary>
    public static IEnumerable<string> DaysOf(StatisticsQuery query, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly first = ReportTimeZone.LocalDay(query.From.ToUnixTimeMilliseconds(), zone);
        DateOnly last = ReportTimeZone.LocalDay(query.To.ToUnixTimeMilliseconds() - 1, zone);
        for (DateOnly day = first; day <= last; day = day.AddDays(1))
        {
            yield return StatisticsKeys.Day(day);
        }
    }

    private static double? Ratio(long part, long whole) => whole <= 0 ? null : (double)part / whole;

    private static ValueSummary Summary(ValueTotals v, double unit) => v.Count == 0
        ? new ValueSummary(0, null, null, null, null)
        : new ValueSummary(v.Count, v.Sum / unit / v.Count, v.P50 / unit, v.P90 / unit, v.Max / unit);
}
