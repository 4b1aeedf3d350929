namespace CallService.Stats;

/// <summary>
/// The SQLite statements of <see cref="SqliteStatisticsSource"/> over call_records (times INTEGER unix
/// ms UTC, rings REAL one decimal, enums TEXT; see Records/SqliteMigrations): the selection of
/// <see cref="StatisticsCalculator.Selects"/> in SQL, and the columns <see cref="CallFacts"/> and
/// <see cref="StatisticsKeys"/> read.
/// </summary>
/// <remarks>
/// Why rows and not aggregates: SQLite spends a few milliseconds per aggregate per 100,000 rows, and
/// sorts for every GROUP BY; reading the period's rows once and adding them up in .NET with the
/// reference's own code is faster and cannot disagree with it (measured: bench/README.md "Statistics").
/// </remarks>
public static class SqliteStatisticsSql
{
    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";
    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

    /// <summary>
    /// The calls the query selects, one row each with the columns the figures read (<see cref="SqliteCallScan"/>),
    /// and with <paramref name="completedCallbacks"/> the request-to-completion time in ms of an accepted
    /// callback's done request (the shortest, as <see cref="CallFacts.CallbackCompletion"/>), looked up
    /// through the callbacks' call_id index for those few calls only. Parameters: $from, $to (unix ms),
    /// and $line, $desk, $agent for the filters the query has.
    /// </summary>
    public static string Rows(StatisticsQuery query, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        string completion = completedCallbacks
            ? ", CASE WHEN callback_offered = 1 AND callback_accepted IS 1 THEN (SELECT MIN(c.completed_at - c.created_at) FROM callbacks AS c WHERE c.call_id = call_records.call_id AND c.status = 'done' AND c.completed_at IS NOT NULL) END"
            : "";
        return "SELECT " + StatisticsRowColumns.List + completion + " FROM call_records WHERE " + Where(query) + ";";
    }

    /// <summary>Whether the file has the callback list with completion times (callback store version 3 or later).</summary>
    public const string HasCompletedCallbacks = "SELECT 1 FROM pragma_table_info('callbacks') WHERE name = 'completed_at';";

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
}
