using System.Data.Common;
using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// Reads the three result sets of a store's statistics command (<see cref="SqliteStatisticsSql"/>,
/// <see cref="PostgresStatisticsSql"/>: the same columns in the same order) into a
/// <see cref="StatisticsFolder"/>. Days come back as whole days since 1970-01-01 local and hours as
/// numbers; every other key as text.
/// </summary>
internal static class StatisticsResultSets
{
    /// <summary>Folds the class counts, the agent answers' values and the queue waits.</summary>
    public static async Task FoldAsync(DbDataReader reader, IReadOnlyList<StatisticsGrouping> groupings, IStatisticsSink folder, CancellationToken cancellationToken)
    {
        int n = groupings.Count;
        var keys = new string[n];
        var spelled = new Dictionary<long, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 0, groupings, keys, spelled);
            folder.AddPartial(keys, ReadClass(reader, n).ToTotals());
        }
        await NextResultAsync(reader, "agent answers", cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 2, groupings, keys, spelled);
            long count = reader.GetInt64(n + 2);
            if (!reader.IsDBNull(0))
            {
                folder.AddValues(StatisticsMeasure.TimeToAnswerMs, reader.GetInt64(0), keys, count);
            }
            if (!reader.IsDBNull(1))
            {
                folder.AddValues(StatisticsMeasure.RingsTenths, reader.GetInt64(1), keys, count);
            }
        }
        await NextResultAsync(reader, "queue waits", cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 1, groupings, keys, spelled);
            folder.AddValues(StatisticsMeasure.QueueWaitMs, reader.GetInt64(0), keys, reader.GetInt64(n + 1));
        }
        // The completed callbacks, when the database has a callback list with completion times.
        if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ReadKeys(reader, 1, groupings, keys, spelled);
                folder.AddValues(StatisticsMeasure.CallbackCompletionMs, reader.GetInt64(0), keys, reader.GetInt64(n + 1));
            }
        }
    }

    private static async Task NextResultAsync(DbDataReader reader, string what, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The statistics statement returned no {what}.");
        }
    }

    /// <summary>The group keys as <see cref="StatisticsKeys"/> spells them (days and hours come back as numbers, spelled once each).</summary>
    private static void ReadKeys(DbDataReader reader, int first, IReadOnlyList<StatisticsGrouping> groupings, string[] keys, Dictionary<long, string> spelled)
    {
        for (int g = 0; g < groupings.Count; g++)
        {
            int ordinal = first + g;
            StatisticsGrouping grouping = groupings[g];
            if (grouping is StatisticsGrouping.Day or StatisticsGrouping.Hour or StatisticsGrouping.WeekdayHour)
            {
                long number = reader.GetInt64(ordinal);
                // Days since 1970 and hours share the cache: hours are stored as -1 - hour (-1 .. -24),
                // weekday-hours as -100 - number (-100 .. -267).
                long cacheKey = grouping switch
                {
                    StatisticsGrouping.Day => number,
                    StatisticsGrouping.Hour => -1 - number,
                    _ => -100 - number,
                };
                if (!spelled.TryGetValue(cacheKey, out string? key))
                {
                    key = grouping switch
                    {
                        StatisticsGrouping.Day => StatisticsKeys.Day(ReportTimeZone.DayFromEpochDays(number)),
                        StatisticsGrouping.Hour => StatisticsKeys.Hour((int)number),
                        _ => StatisticsKeys.WeekdayHour((int)number),
                    };
                    spelled.Add(cacheKey, key);
                }
                keys[g] = key;
            }
            else
            {
                keys[g] = reader.GetString(ordinal);
            }
        }
    }

    /// <summary>A row of result set 1 from its outcome column on.</summary>
    private static CallClassTotals ReadClass(DbDataReader r, int first)
    {
        int i = first;
        CallOutcome? outcome = null;
        if (!r.IsDBNull(i))
        {
            string text = r.GetString(i);
            outcome = CallRecordNames.TryParseOutcome(text, out CallOutcome parsed)
                ? parsed
                : throw new InvalidDataException($"Unknown call outcome '{text}' in the call record database.");
        }
        i++;
        return new CallClassTotals
        {
            Outcome = outcome,
            Answerer = (Answerer)Convert.ToInt32(r.GetValue(i++), System.Globalization.CultureInfo.InvariantCulture),
            Calls = Long(r, i++),
            WithAgentAnswer = Long(r, i++),
            WithinTarget = Long(r, i++),
            Short = Long(r, i++),
            Holds = Long(r, i++),
            CallsHeld = Long(r, i++),
            LongHolds = Long(r, i++),
            HoldMs = Long(r, i++),
            LongestHoldMs = Long(r, i++),
            CallbacksOffered = Long(r, i++),
            CallbacksAccepted = Long(r, i++),
            CallbacksDeclined = Long(r, i++),
        };
    }

    /// <summary>SUM over no non-null values is NULL in SQL: none is 0.</summary>
    private static long Long(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : r.GetInt64(ordinal);
}
