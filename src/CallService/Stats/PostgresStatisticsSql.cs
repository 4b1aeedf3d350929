using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace CallService.Stats;

/// <summary>
/// The PostgreSQL statements of <see cref="PostgresStatisticsSource"/>: <see cref="SqliteStatisticsSql"/>
/// written for Records/Postgres's schema (times timestamptz to the millisecond, booleans boolean, rings
/// and durations double precision), with the same three result sets in the same column order so
/// <see cref="StatisticsResultSets"/> folds either.
/// <para>
/// Exactness: times become whole unix milliseconds with EXTRACT(EPOCH ...) (numeric, exact since
/// PostgreSQL 14); seconds and rings round half up with floor(x + 0.5), since a cast of double
/// precision to an integer rounds half to even in PostgreSQL where SQLite's CAST truncates; SUM of a
/// bigint is numeric, cast back; a boolean is counted with FILTER.
/// </para>
/// </summary>
public static class PostgresStatisticsSql
{
    private const string StartedMs = "s_ms";
    private const string Offered = "(outcome IS NOT NULL AND outcome <> 'rejected')";
    private const string AgentAnswer = "(answered_by IS NOT NULL AND answered_by <> 'auto')";
    private const string Tenths = "floor(rings * 10 + 0.5)::bigint";
    private const string TimeToAnswer = "(" + "EXTRACT(EPOCH FROM answered_at) * 1000 - EXTRACT(EPOCH FROM COALESCE(ring_started_at, started_at)) * 1000)::bigint";
    private const string QueueWait = "(EXTRACT(EPOCH FROM agent_answered_at) * 1000 - EXTRACT(EPOCH FROM auto_answered_at) * 1000)::bigint";
    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";
    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

    /// <summary>Result set 1's columns after the keys, outcome and answerer, in <see cref="CallClassTotals"/> order; {0} = the line's target.</summary>
    private const string ClassAggregates = $"""
        COUNT(*),
            COUNT(*) FILTER (WHERE agent_answered_at IS NOT NULL),
            COUNT(*) FILTER (WHERE {Tenths} <= ({"{0}"}) * 10),
            COUNT(*) FILTER (WHERE (EXTRACT(EPOCH FROM ended_at) * 1000 - EXTRACT(EPOCH FROM started_at) * 1000) < @short_ms),
            SUM(hold_count)::bigint,
            COUNT(*) FILTER (WHERE hold_count > 0),
            COUNT(*) FILTER (WHERE floor(longest_hold_seconds * 1000 + 0.5) > @long_hold_ms),
            SUM(floor(hold_seconds * 1000 + 0.5))::bigint,
            MAX(floor(longest_hold_seconds * 1000 + 0.5))::bigint,
            COUNT(*) FILTER (WHERE callback_offered),
            COUNT(*) FILTER (WHERE callback_offered AND callback_accepted IS TRUE),
            COUNT(*) FILTER (WHERE callback_offered AND callback_accepted IS FALSE)
        """;

    private const string AnswererClass = "CASE WHEN answered_by IS NULL THEN 0 WHEN answered_by = 'auto' THEN 1 ELSE 2 END";

    /// <summary>Per Call-ID, request to completion in ms of its done callback requests (the shortest when several); renamed columns.</summary>
    private const string Completions =
        "(SELECT call_id AS cb_call_id, MIN((EXTRACT(EPOCH FROM completed_at) * 1000 - EXTRACT(EPOCH FROM created_at) * 1000)::bigint) AS cb_ms FROM callbacks WHERE status = 'done' AND completed_at IS NOT NULL GROUP BY call_id)";

    /// <summary>Whether the callback list exists with completion times, and whether the call records do: (records, completed callbacks).</summary>
    public const string Tables =
        "SELECT to_regclass('call_records') IS NOT NULL, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'callbacks' AND column_name = 'completed_at');";

    /// <summary>The whole command text for <paramref name="groupings"/> (distinct, not None; empty for the overall figures only).</summary>
    /// <param name="query">The period and filters.</param>
    /// <param name="groupings">The groupings whose keys the rows carry.</param>
    /// <param name="options">The definitions.</param>
    /// <param name="completedCallbacks">Whether the database has callbacks.completed_at: adds result set 4 (as in SQLite).</param>
    public static string Statements(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, StatisticsOptions options, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        ArgumentNullException.ThrowIfNull(options);
        string[] keys = [.. groupings.Select(g => KeyExpression(g, query, options.TimeZone))];
        // The period's rows with their start in unix ms, computed once for the keys.
        string from = $"(SELECT *, (EXTRACT(EPOCH FROM started_at) * 1000)::bigint AS {StartedMs} FROM call_records WHERE {Where(query)}) AS c";
        var sql = new StringBuilder();

        string keyColumns = string.Concat(keys.Select((k, i) => $"{k} AS k{i}, "));
        string keyList = string.Concat(keys.Select((_, i) => $"k{i}, "));
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {keyColumns}outcome, {AnswererClass} AS who, {string.Format(CultureInfo.InvariantCulture, ClassAggregates, TargetExpression(options))} FROM {from} GROUP BY {keyList}outcome, who;\n");

        string columns = string.Concat(keys.Select((k, i) => $", {k} AS k{i}"));
        string groupBy = string.Concat(keys.Select((_, i) => $", k{i}"));
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {TimeToAnswer} AS v, CASE WHEN rings IS NOT NULL THEN {Tenths} END AS t{columns}, COUNT(*) FROM {from} WHERE {Offered} AND {AgentAnswer} GROUP BY v, t{groupBy};\n");
        sql.Append(CultureInfo.InvariantCulture,
            $"SELECT {QueueWait} AS v{columns}, COUNT(*) FROM {from} WHERE {Offered} AND answered_by = 'auto' AND agent_answered_at IS NOT NULL AND auto_answered_at IS NOT NULL GROUP BY v{groupBy};\n");
        if (completedCallbacks)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $"SELECT cb_ms AS v{columns}, COUNT(*) FROM {from} JOIN {Completions} AS cb ON cb.cb_call_id = c.call_id WHERE {Offered} AND callback_offered AND callback_accepted IS TRUE GROUP BY cb_ms{groupBy};\n");
        }
        return sql.ToString();
    }

    /// <summary>Per local day of [@from, @to): (days since 1970 local, records, highest id, open records, calls with a done callback).</summary>
    public static string Fingerprints(StatisticsQuery query, TimeZoneInfo zone, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        string day = KeyExpression(StatisticsGrouping.Day, query, zone);
        string done = completedCallbacks
            ? "call_id IN (SELECT call_id FROM callbacks WHERE status = 'done')"
            : "false";
        return $"SELECT {day} AS d, COUNT(*), MAX(id), COUNT(*) FILTER (WHERE ended_at IS NULL), COUNT(*) FILTER (WHERE done) FROM (SELECT id, ended_at, {done} AS done, (EXTRACT(EPOCH FROM started_at) * 1000)::bigint AS {StartedMs} FROM call_records WHERE started_at >= @from AND started_at < @to) AS c GROUP BY d;";
    }

    /// <summary>Binds the parameters the statements use.</summary>
    public static void Bind(NpgsqlCommand command, StatisticsQuery query, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        // Records keep their times to the millisecond: compare with the bounds in whole ms, as the reference does.
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.FromUnixTimeMilliseconds(query.From.ToUnixTimeMilliseconds()) });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.FromUnixTimeMilliseconds(query.To.ToUnixTimeMilliseconds()) });
        command.Parameters.Add(new NpgsqlParameter("short_ms", NpgsqlDbType.Bigint) { Value = options.ShortAbandonMilliseconds });
        command.Parameters.Add(new NpgsqlParameter("long_hold_ms", NpgsqlDbType.Bigint) { Value = options.LongHoldMilliseconds });
        command.Parameters.Add(new NpgsqlParameter("target", NpgsqlDbType.Integer) { Value = options.TargetRings });
        if (query.Line is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("line", NpgsqlDbType.Text) { Value = query.Line });
        }
        if (query.Desk is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("desk", NpgsqlDbType.Text) { Value = query.Desk });
        }
        if (query.Agent is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("agent", NpgsqlDbType.Text) { Value = query.Agent });
        }
        int i = 0;
        foreach (var (line, target) in OrderedTargets(options))
        {
            command.Parameters.Add(new NpgsqlParameter($"target_line{i}", NpgsqlDbType.Text) { Value = line });
            command.Parameters.Add(new NpgsqlParameter($"target_rings{i}", NpgsqlDbType.Integer) { Value = target });
            i++;
        }
    }

    /// <summary>The group key of a grouping over the period's rows (see <see cref="SqliteStatisticsSql.KeyExpression"/>).</summary>
    public static string KeyExpression(StatisticsGrouping grouping, StatisticsQuery query, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(zone);
        string offset = OffsetExpression(query, zone);
        return grouping switch
        {
            StatisticsGrouping.Agent => AgentKey,
            StatisticsGrouping.Desk => DeskKey,
            StatisticsGrouping.Line => "line",
            StatisticsGrouping.Day => $"(({StartedMs} + {offset}) / 86400000)",
            StatisticsGrouping.Hour => $"((({StartedMs} + {offset}) / 3600000) % 24)",
            StatisticsGrouping.WeekdayHour => $"(((({StartedMs} + {offset}) / 86400000 + 3) % 7) * 24 + (({StartedMs} + {offset}) / 3600000) % 24)",
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "No key for this grouping."),
        };
    }

    private static string Where(StatisticsQuery query)
    {
        var conditions = new List<string> { "started_at >= @from", "started_at < @to" };
        if (query.Line is not null)
        {
            conditions.Add("line = @line");
        }
        if (query.Desk is not null)
        {
            conditions.Add(DeskKey + " = @desk");
        }
        if (query.Agent is not null)
        {
            conditions.Add(AgentKey + " = @agent");
        }
        return string.Join(" AND ", conditions);
    }

    private static string TargetExpression(StatisticsOptions options)
    {
        var targets = OrderedTargets(options);
        if (targets.Count == 0)
        {
            return "@target";
        }
        var sql = new StringBuilder("CASE line");
        for (int i = 0; i < targets.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN @target_line{i} THEN @target_rings{i}");
        }
        return sql.Append(" ELSE @target END").ToString();
    }

    private static List<KeyValuePair<string, int>> OrderedTargets(StatisticsOptions options) =>
        [.. options.TargetRingsByLine.OrderBy(t => t.Key, StringComparer.Ordinal)];

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
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {StartedMs} < {spans[i].UntilMs} THEN {spans[i].OffsetMs}");
        }
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {spans[^1].OffsetMs} END)").ToString();
    }
}
