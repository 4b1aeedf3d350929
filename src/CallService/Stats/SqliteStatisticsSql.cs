using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// The SQLite statements of <see cref="SqliteStatisticsSource"/>: the definitions of
/// <see cref="CallFacts"/> and <see cref="StatisticsKeys"/> column by column, over call_records
/// (times INTEGER unix ms UTC, rings REAL one decimal, enums TEXT; see Records/SqliteMigrations).
/// One command, three result sets, folded by <see cref="StatisticsFolder"/>:
/// <list type="number">
/// <item>the counts and sums per combination of the groupings' keys and class of call (outcome,
/// answerer; <see cref="CallClassTotals"/>);</item>
/// <item>agent answers: the count of calls per (time to answer in ms, rings in tenths) and key combination;</item>
/// <item>queue pick-ups: the count of calls per queue wait in ms and key combination;</item>
/// <item>only when the file has the callback list with completion times (callbacks.completed_at):
/// accepted callbacks whose request is done, the count of calls per request-to-completion time in ms
/// and key combination.</item>
/// </list>
/// </summary>
/// <remarks>
/// Cost: SQLite spends a few milliseconds per aggregate per 100,000 rows (measured: bench/README.md),
/// so the first statement keeps to a dozen plain sums: grouping by the class of call makes one
/// COUNT(*) stand for the counts by outcome and answerer, and the measured values' counts, sums, maxima,
/// ring bands and percentiles all come from the two value histograms.
/// </remarks>
public static class SqliteStatisticsSql
{
    private const string Offered = "(outcome IS NOT NULL AND outcome IS NOT 'rejected')";
    private const string AgentAnswer = "(answered_by IS NOT NULL AND answered_by IS NOT 'auto')";
    private const string Tenths = "CAST(rings * 10 + 0.5 AS INTEGER)";
    private const string TimeToAnswer = "answered_at - COALESCE(ring_started_at, started_at)";
    private const string QueueWait = "agent_answered_at - auto_answered_at";
    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";
    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

    /// <summary>Result set 1's columns after the keys, outcome and answerer, in <see cref="CallClassTotals"/> order; {0} = the line's target.</summary>
    private const string ClassAggregates = $"""
        COUNT(*),
            SUM(agent_answered_at IS NOT NULL),
            SUM({Tenths} <= ({"{0}"}) * 10),
            SUM(ended_at - started_at < $short_ms),
            SUM(hold_count),
            SUM(hold_count > 0),
            SUM(CAST(longest_hold_seconds * 1000 + 0.5 AS INTEGER) > $long_hold_ms),
            SUM(CAST(hold_seconds * 1000 + 0.5 AS INTEGER)),
            MAX(CAST(longest_hold_seconds * 1000 + 0.5 AS INTEGER)),
            SUM(callback_offered = 1),
            SUM(callback_offered = 1 AND callback_accepted IS 1),
            SUM(callback_offered = 1 AND callback_accepted IS 0)
        """;

    /// <summary>The answerer class (<see cref="Answerer"/>: 0 nobody, 1 the service, 2 an agent).</summary>
    private const string AnswererClass = "CASE WHEN answered_by IS NULL THEN 0 WHEN answered_by = 'auto' THEN 1 ELSE 2 END";

    /// <summary>
    /// Per Call-ID, request to completion in ms of its done callback requests (the shortest when
    /// several, as <see cref="CallFacts.CallbackCompletion"/>); columns renamed so that they cannot be
    /// mistaken for call_records' own (both tables have line and agent_id).
    /// </summary>
    private const string Completions =
        "(SELECT call_id AS cb_call_id, MIN(completed_at - created_at) AS cb_ms FROM callbacks WHERE status = 'done' AND completed_at IS NOT NULL GROUP BY call_id)";

    /// <summary>The whole command text for <paramref name="groupings"/> (distinct, not None; empty for the overall figures only).</summary>
    /// <param name="query">The period and filters.</param>
    /// <param name="groupings">The groupings whose keys the rows carry.</param>
    /// <param name="options">The definitions.</param>
    /// <param name="completedCallbacks">Whether the file has callbacks.completed_at: adds result set 4.</param>
    public static string Statements(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, StatisticsOptions options, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        ArgumentNullException.ThrowIfNull(options);
        string[] keys = [.. groupings.Select(g => KeyExpression(g, query, options.TimeZone))];
        string where = Where(query);
        var sql = new StringBuilder();

        // 1. Counts and sums per key combination and class (outcome, answerer).
        string keyColumns = string.Concat(keys.Select((k, i) => $"{k} AS k{i}, "));
        string keyList = string.Concat(keys.Select((_, i) => $"k{i}, "));
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {keyColumns}outcome, {AnswererClass} AS who, {string.Format(CultureInfo.InvariantCulture, ClassAggregates, TargetExpression(options))} FROM call_records WHERE {where} GROUP BY {keyList}outcome, who;\n");

        // 2. Agent answers per (time to answer, tenths) - either may be NULL in a broken record - and keys.
        string columns = string.Concat(keys.Select((k, i) => $", {k} AS k{i}"));
        string groupBy = string.Concat(keys.Select((_, i) => $", k{i}"));
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {TimeToAnswer} AS v, CASE WHEN rings IS NOT NULL THEN {Tenths} END AS t{columns}, COUNT(*) FROM call_records WHERE {where} AND {Offered} AND {AgentAnswer} GROUP BY v, t{groupBy};\n");
        // 3. Queue pick-ups per wait and keys. The unary + keeps the planner on the period's index
        // (covering) instead of looking up every auto-answered row through the answered_by index.
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {QueueWait} AS v{columns}, COUNT(*) FROM call_records WHERE {where} AND {Offered} AND +answered_by IS 'auto' AND agent_answered_at IS NOT NULL AND auto_answered_at IS NOT NULL GROUP BY v{groupBy};\n");
        // 4. Accepted callbacks completed, per request-to-completion time and keys.
        if (completedCallbacks)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $"SELECT cb_ms AS v{columns}, COUNT(*) FROM call_records JOIN {Completions} ON cb_call_id = call_id WHERE {where} AND {Offered} AND callback_offered = 1 AND callback_accepted IS 1 GROUP BY v{groupBy};\n");
        }
        return sql.ToString();
    }

    /// <summary>
    /// The calls the query selects, one row each with the columns the figures read (<see cref="SqliteCallScan"/>),
    /// and with <paramref name="completedCallbacks"/> the request-to-completion time in ms of an accepted
    /// callback's done request (the shortest, as <see cref="CallFacts.CallbackCompletion"/>), looked up
    /// through the callbacks' call_id index for those few calls only.
    /// </summary>
    public static string Rows(StatisticsQuery query, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        string completion = completedCallbacks
            ? ", CASE WHEN callback_offered = 1 AND callback_accepted IS 1 THEN (SELECT MIN(c.completed_at - c.created_at) FROM callbacks AS c WHERE c.call_id = call_records.call_id AND c.status = 'done' AND c.completed_at IS NOT NULL) END"
            : "";
        return "SELECT started_at, line, desk, agent_id, answered_by, outcome, ring_started_at, answered_at, rings, auto_answered_at, "
            + "agent_answered_at, ended_at, hold_count, hold_seconds, longest_hold_seconds, callback_offered, callback_accepted"
            + completion + " FROM call_records WHERE " + Where(query) + ";";
    }

    /// <summary>Whether the file has the callback list with completion times (callback store version 3 or later).</summary>
    public const string HasCompletedCallbacks = "SELECT 1 FROM pragma_table_info('callbacks') WHERE name = 'completed_at';";

    /// <summary>
    /// Per local day of [$from, $to): (days since 1970 local, records, highest id, open records, calls
    /// with a done callback). The counts come from Records' started_at index alone (it holds the id), the
    /// open records from its partial index of open calls, so the table itself is not read; the done
    /// callbacks (few) find their calls through the call_id index.
    /// </summary>
    public static string Fingerprints(StatisticsQuery query, TimeZoneInfo zone, bool completedCallbacks = false)
    {
        string day = KeyExpression(StatisticsGrouping.Day, query, zone);
        string done = completedCallbacks
            ? $"""
                LEFT JOIN
                    (SELECT {day} AS d, COUNT(*) AS n FROM call_records
                        WHERE call_id IN (SELECT call_id FROM callbacks WHERE status = 'done') AND started_at >= $from AND started_at < $to GROUP BY d) AS b
                ON b.d = a.d
                """
            : "";
        string doneColumn = completedCallbacks ? "b.n" : "NULL";
        return $"""
            SELECT a.d, a.n, a.last, o.n, {doneColumn} FROM
                (SELECT {day} AS d, COUNT(*) AS n, MAX(id) AS last FROM call_records INDEXED BY ix_call_records_started_at
                    WHERE started_at >= $from AND started_at < $to GROUP BY d) AS a
            LEFT JOIN
                (SELECT {day} AS d, COUNT(*) AS n FROM call_records INDEXED BY ix_call_records_open
                    WHERE ended_at IS NULL AND started_at >= $from AND started_at < $to GROUP BY d) AS o
            ON o.d = a.d
            {done};
            """;
    }

    /// <summary>Binds the parameters the statements use.</summary>
    public static void Bind(SqliteCommand command, StatisticsQuery query, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$short_ms", options.ShortAbandonMilliseconds);
        command.Parameters.AddWithValue("$long_hold_ms", options.LongHoldMilliseconds);
        command.Parameters.AddWithValue("$target", options.TargetRings);
        if (query.Line is not null)
        {
            command.Parameters.AddWithValue("$line", query.Line);
        }
        if (query.Desk is not null)
        {
            command.Parameters.AddWithValue("$desk", query.Desk);
        }
        if (query.Agent is not null)
        {
            command.Parameters.AddWithValue("$agent", query.Agent);
        }
        int i = 0;
        foreach (var (line, target) in OrderedTargets(options))
        {
            command.Parameters.AddWithValue($"$target_line{i}", line);
            command.Parameters.AddWithValue($"$target_rings{i}", target);
            i++;
        }
    }

    /// <summary>The group key of a grouping (StatisticsKeys in SQL): text, or for days and hours a number (days since 1970-01-01 local, hour of day).</summary>
    public static string KeyExpression(StatisticsGrouping grouping, StatisticsQuery query, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(zone);
        return grouping switch
        {
            StatisticsGrouping.Agent => AgentKey,
            StatisticsGrouping.Desk => DeskKey,
            StatisticsGrouping.Line => "line",
            // Whole local days (hours) since 1970-01-01 local: the records start after 1970, so the
            // local time is positive and integer division is the floor.
            StatisticsGrouping.Day => $"(started_at + {OffsetExpression(query, zone)}) / 86400000",
            StatisticsGrouping.Hour => $"((started_at + {OffsetExpression(query, zone)}) / 3600000) % 24",
            // 1970-01-01 was a Thursday (ISO weekday 4): (days + 3) % 7 is ISO weekday - 1.
            StatisticsGrouping.WeekdayHour =>
                $"(((started_at + {OffsetExpression(query, zone)}) / 86400000 + 3) % 7) * 24 + ((started_at + {OffsetExpression(query, zone)}) / 3600000) % 24",
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "No key for this grouping."),
        };
    }

    private static string Where(StatisticsQuery query)
    {
        var conditions = new List<string> { "started_at >= $from", "started_at < $to" };
        if (query.Line is not null)
        {
            conditions.Add("line = $line");
        }
        if (query.Desk is not null)
        {
            conditions.Add(DeskKey + " = $desk");
        }
        if (query.Agent is not null)
        {
            conditions.Add(AgentKey + " = $agent");
        }
        return string.Join(" AND ", conditions);
    }

    /// <summary>The line's target: CASE line WHEN $target_line0 THEN $target_rings0 ... ELSE $target END.</summary>
    private static string TargetExpression(StatisticsOptions options)
    {
        var targets = OrderedTargets(options);
        if (targets.Count == 0)
        {
            return "$target";
        }
        var sql = new StringBuilder("CASE line");
        for (int i = 0; i < targets.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN $target_line{i} THEN $target_rings{i}");
        }
        return sql.Append(" ELSE $target END").ToString();
    }

    private static List<KeyValuePair<string, int>> OrderedTargets(StatisticsOptions options) =>
        [.. options.TargetRingsByLine.OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The zone's UTC offset in ms at started_at: a constant, or a CASE over the offset spans of the period.</summary>
    private static string OffsetExpression(StatisticsQuery query, TimeZoneInfo zone)
    {
        IReadOnlyList<OffsetSpan> spans = ReportTimeZone.OffsetSpans(zone, query.From.ToUnixTimeMilliseconds(), query.To.ToUnixTimeMilliseconds());
        if (spans.Count == 1)
        {
            return spans[0].OffsetMs.ToString(CultureInfo.InvariantCulture);
        }
        var sql = new StringBuilder("(CASE");
        for (int i = 0; i < spans.Count - 1; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN started_at < {spans[i].UntilMs} THEN {spans[i].OffsetMs}");
        }
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {spans[^1].OffsetMs} END)").ToString();
    }
}
