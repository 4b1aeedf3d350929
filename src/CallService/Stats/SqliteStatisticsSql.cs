using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// The SQLite statements of <see cref="SqliteStatisticsSource"/>: the definitions of
/// <see cref="CallFacts"/> and <see cref="StatisticsKeys"/> column by column, over call_records
/// (times INTEGER unix ms UTC, rings REAL one decimal, enums TEXT; see Records/SqliteMigrations).
/// One command, four result sets:
/// <list type="number">
/// <item>the whole-number totals per combination of the groupings' keys (one row per combination);</item>
/// <item>-4. per measure (time to answer in ms, rings in tenths, queue wait in ms): the count of calls
/// per value and key combination, by ascending value, for <see cref="StatisticsFolder"/>'s percentiles.</item>
/// </list>
/// </summary>
/// <remarks>
/// The per-call facts are computed once per row in a MATERIALIZED common table expression: SQLite
/// otherwise expands each use of a derived column into its whole expression again, which made the
/// ~35 aggregates several times slower. Everything is a flat expression of the row's own columns.
/// </remarks>
public static class SqliteStatisticsSql
{
    private const string Offered = "(outcome IS NOT NULL AND outcome IS NOT 'rejected')";
    private const string AgentAnswer = "(answered_by IS NOT NULL AND answered_by IS NOT 'auto')";
    private const string AutoAnswer = "(answered_by IS 'auto')";
    private const string Tenths = "CAST(rings * 10 + 0.5 AS INTEGER)";
    private const string TimeToAnswer = "answered_at - COALESCE(ring_started_at, started_at)";
    private const string QueueWait = "agent_answered_at - auto_answered_at";
    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";
    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

    /// <summary>The per-call facts (CallFacts); {0} = key columns, {1} = WHERE, {2} = the line's target.</summary>
    private const string Facts = $"""
        WITH f AS MATERIALIZED (
            SELECT {"{0}"}
                outcome IS 'rejected' AS rej,
                outcome IS NULL AS inp,
                {Offered} AS off,
                {Offered} AND {AgentAnswer} AS ag,
                {Offered} AND {AutoAnswer} AS au,
                {Offered} AND {AutoAnswer} AND agent_answered_at IS NOT NULL AS pk,
                outcome IS 'abandoned' AS ab,
                outcome IS 'abandoned' AND ended_at - started_at < $short_ms AS sh,
                outcome IS 'abandoned-in-queue' AS aq,
                outcome IS 'interrupted' AS it,
                CASE WHEN {Offered} AND {AgentAnswer} AND rings IS NOT NULL THEN {Tenths} END AS tn,
                CASE WHEN {Offered} AND {AgentAnswer} AND rings IS NOT NULL THEN {Tenths} <= ({"{2}"}) * 10 END AS wi,
                CASE WHEN {Offered} AND {AgentAnswer} THEN {TimeToAnswer} END AS tta,
                CASE WHEN {Offered} AND {AutoAnswer} AND agent_answered_at IS NOT NULL THEN {QueueWait} END AS qw,
                CASE WHEN {Offered} THEN hold_count ELSE 0 END AS hc,
                CASE WHEN {Offered} THEN CAST(hold_seconds * 1000 + 0.5 AS INTEGER) ELSE 0 END AS hm,
                CASE WHEN {Offered} THEN CAST(longest_hold_seconds * 1000 + 0.5 AS INTEGER) ELSE 0 END AS lm,
                {Offered} AND CAST(longest_hold_seconds * 1000 + 0.5 AS INTEGER) > $long_hold_ms AS lh,
                {Offered} AND callback_offered = 1 AS co,
                {Offered} AND callback_offered = 1 AND callback_accepted IS 1 AS ca,
                {Offered} AND callback_offered = 1 AND callback_accepted IS 0 AS cd
            FROM call_records
            WHERE {"{1}"}
        )
        """;

    /// <summary>The totals' columns after the keys, in the order <see cref="SqliteStatisticsSource"/> reads them.</summary>
    private const string Aggregates = """
        COUNT(*), SUM(rej), SUM(inp), SUM(off), SUM(ag), SUM(wi), SUM(au), SUM(pk), SUM(ab), SUM(sh), SUM(aq), SUM(it),
        SUM(tn <= 10), SUM(tn > 10 AND tn <= 20), SUM(tn > 20 AND tn <= 30), SUM(tn > 30 AND tn <= 40), SUM(tn > 40),
        COUNT(tta), SUM(tta), MAX(tta), COUNT(tn), SUM(tn), MAX(tn), COUNT(qw), SUM(qw), MAX(qw),
        SUM(hc), SUM(hc > 0), SUM(lh), SUM(hm), MAX(lm), SUM(co), SUM(ca), SUM(cd)
        """;

    /// <summary>The measures of result sets 2-4, in order.</summary>
    public static IReadOnlyList<StatisticsMeasure> Measures { get; } =
        [StatisticsMeasure.TimeToAnswerMs, StatisticsMeasure.RingsTenths, StatisticsMeasure.QueueWaitMs];

    /// <summary>The whole command text for <paramref name="groupings"/> (distinct, not None; empty for the overall figures only).</summary>
    public static string Statements(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        ArgumentNullException.ThrowIfNull(options);
        string[] keys = [.. groupings.Select(g => KeyExpression(g, query, options.TimeZone))];
        string where = Where(query);
        var sql = new StringBuilder();

        // 1. Totals per key combination.
        string keyColumns = string.Concat(keys.Select((k, i) => $"{k} AS k{i},\n        "));
        sql.Append(CultureInfo.InvariantCulture, $"{string.Format(CultureInfo.InvariantCulture, Facts, keyColumns, where, TargetExpression(options))}");
        string keyList = string.Join(", ", keys.Select((_, i) => $"k{i}"));
        sql.Append(keys.Length == 0
            ? $"SELECT {Aggregates} FROM f;\n"
            : $"SELECT {keyList}, {Aggregates} FROM f GROUP BY {keyList};\n");

        // 2-4. Counts per value and key combination, ascending.
        foreach ((string value, string condition) in new[]
        {
            (TimeToAnswer, $"{Offered} AND {AgentAnswer} AND answered_at IS NOT NULL"),
            (Tenths, $"{Offered} AND {AgentAnswer} AND rings IS NOT NULL"),
            (QueueWait, $"{Offered} AND {AutoAnswer} AND agent_answered_at IS NOT NULL AND auto_answered_at IS NOT NULL"),
        })
        {
            string columns = string.Concat(keys.Select((k, i) => $", {k} AS k{i}"));
            string groupBy = string.Concat(keys.Select((_, i) => $", k{i}"));
            sql.Append(CultureInfo.InvariantCulture,
                $"SELECT {value} AS v{columns}, COUNT(*) FROM call_records WHERE {where} AND {condition} GROUP BY v{groupBy} ORDER BY v;\n");
        }
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
