using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// The SQLite statements of <see cref="SqliteStatisticsSource"/>: the definitions of
/// <see cref="CallFacts"/> and <see cref="StatisticsKeys"/> column by column, over call_records
/// (times INTEGER unix ms UTC, rings REAL one decimal, enums TEXT; see Records/SqliteMigrations).
/// Everything is aggregated to whole numbers in SQL; percentiles are nearest-rank by ROW_NUMBER().
/// </summary>
public static class SqliteStatisticsSql
{
    /// <summary>Kinds of measured values in the percentile statement's result.</summary>
    public const int TimeToAnswerKind = 0;

    public const int TenthsKind = 1;

    public const int QueueWaitKind = 2;

    /// <summary>The aggregate statement's columns after the key, in <see cref="StatisticsTotals"/> order (see <see cref="SqliteStatisticsSource"/>).</summary>
    private const string Aggregates = """
        COUNT(*),
        SUM(outcome IS 'rejected'),
        SUM(outcome IS NULL),
        SUM(offered),
        SUM(by_agent),
        SUM(tenths <= target * 10),
        SUM(auto),
        SUM(picked),
        SUM(offered AND outcome IS 'abandoned'),
        SUM(offered AND outcome IS 'abandoned' AND ended_at - started_at < $short_ms),
        SUM(offered AND outcome IS 'abandoned-in-queue'),
        SUM(offered AND outcome IS 'interrupted'),
        SUM(tenths <= 10),
        SUM(tenths > 10 AND tenths <= 20),
        SUM(tenths > 20 AND tenths <= 30),
        SUM(tenths > 30 AND tenths <= 40),
        SUM(tenths > 40),
        COUNT(tta), SUM(tta), MAX(tta),
        COUNT(tenths), SUM(tenths), MAX(tenths),
        COUNT(qw), SUM(qw), MAX(qw),
        SUM(CASE WHEN offered THEN hold_count ELSE 0 END),
        SUM(offered AND hold_count > 0),
        SUM(offered AND longest_hold_ms > $long_hold_ms),
        SUM(CASE WHEN offered THEN hold_ms ELSE 0 END),
        MAX(CASE WHEN offered THEN longest_hold_ms ELSE 0 END),
        SUM(offered AND callback_offered = 1),
        SUM(offered AND callback_offered = 1 AND callback_accepted IS 1),
        SUM(offered AND callback_offered = 1 AND callback_accepted IS 0)
        """;

    /// <summary>Per-call facts of the selected rows (CallFacts in SQL); {0} = key, {1} = WHERE, {2} = target.</summary>
    private const string Facts = """
        WITH s AS (
            SELECT {0} AS k, line, outcome, started_at, ended_at, ring_started_at, answered_at,
                   auto_answered_at, agent_answered_at, rings, hold_count, hold_seconds,
                   longest_hold_seconds, callback_offered, callback_accepted,
                   (outcome IS NOT NULL AND outcome IS NOT 'rejected') AS offered,
                   (answered_by IS NOT NULL AND answered_by IS NOT 'auto') AS agent_answer,
                   (answered_by IS 'auto') AS auto_answer
            FROM call_records
            WHERE {1}
        ),
        f AS (
            SELECT k, outcome, started_at, ended_at, offered, hold_count, callback_offered, callback_accepted,
                   offered AND agent_answer AS by_agent,
                   offered AND auto_answer AS auto,
                   offered AND auto_answer AND agent_answered_at IS NOT NULL AS picked,
                   CASE WHEN offered AND agent_answer AND rings IS NOT NULL THEN CAST(rings * 10 + 0.5 AS INTEGER) END AS tenths,
                   CASE WHEN offered AND agent_answer THEN answered_at - COALESCE(ring_started_at, started_at) END AS tta,
                   CASE WHEN offered AND auto_answer AND agent_answered_at IS NOT NULL THEN agent_answered_at - auto_answered_at END AS qw,
                   CAST(hold_seconds * 1000 + 0.5 AS INTEGER) AS hold_ms,
                   CAST(longest_hold_seconds * 1000 + 0.5 AS INTEGER) AS longest_hold_ms,
                   {2} AS target
            FROM s
        )
        """;

    /// <summary>One row per group: the key, then the whole-number totals.</summary>
    public static string AggregateStatement(StatisticsQuery query, StatisticsOptions options) =>
        string.Format(CultureInfo.InvariantCulture, Facts, KeyExpression(query, options), Where(query), TargetExpression(options))
        + $"SELECT k, {Aggregates} FROM f GROUP BY k;";

    /// <summary>
    /// The values at the nearest ranks of P50 and P90 of each measure, per group: rows of (key, kind,
    /// count, rank, value), where rank is the 1-based position among the group's values of that kind.
    /// </summary>
    public static string PercentileStatement(StatisticsQuery query, StatisticsOptions options)
    {
        var sql = new StringBuilder(string.Format(
            CultureInfo.InvariantCulture, Facts, KeyExpression(query, options), Where(query), TargetExpression(options)));
        string[] measures = ["tta", "tenths", "qw"];
        for (int kind = 0; kind < measures.Length; kind++)
        {
            string v = measures[kind];
            if (kind > 0)
            {
                sql.Append("UNION ALL ");
            }
            sql.Append(CultureInfo.InvariantCulture, $"""
                SELECT k, {kind}, n, rn, v FROM (
                    SELECT k, {v} AS v, COUNT(*) OVER (PARTITION BY k) AS n,
                           ROW_NUMBER() OVER (PARTITION BY k ORDER BY {v}) AS rn
                    FROM f WHERE {v} IS NOT NULL)
                WHERE rn = (50 * n + 99) / 100 OR rn = (90 * n + 99) / 100

                """);
        }
        sql.Append(';');
        return sql.ToString();
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

    /// <summary>The group key (StatisticsKeys in SQL); days and hours through the zone's offsets over the period.</summary>
    public static string KeyExpression(StatisticsQuery query, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        return query.By switch
        {
            StatisticsGrouping.None => "''",
            StatisticsGrouping.Agent => AgentKey,
            StatisticsGrouping.Desk => DeskKey,
            StatisticsGrouping.Line => "line",
            // Whole local days (hours) since 1970-01-01 local: the records start after 1970, so the
            // local time is positive and integer division is the floor.
            StatisticsGrouping.Day => $"(started_at + {OffsetExpression(query, options.TimeZone)}) / 86400000",
            StatisticsGrouping.Hour => $"((started_at + {OffsetExpression(query, options.TimeZone)}) / 3600000) % 24",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.By, "Unknown statistics grouping."),
        };
    }

    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";

    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

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
