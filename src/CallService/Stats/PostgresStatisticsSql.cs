using Npgsql;
using NpgsqlTypes;

namespace CallService.Stats;

/// <summary>
/// The PostgreSQL statements of <see cref="PostgresStatisticsSource"/>: <see cref="SqliteStatisticsSql"/>
/// written for Records/Postgres's schema (times timestamptz to the millisecond, booleans boolean, rings
/// and durations double precision). The rows are read by <see cref="PostgresCallScan"/> as the record
/// store reads them and added up in .NET by <see cref="StatisticsScan"/>.
/// </summary>
public static class PostgresStatisticsSql
{
    private const string AgentKey = "COALESCE(agent_id, answered_by, '" + StatisticsGroupings.NoneKey + "')";
    private const string DeskKey = "COALESCE(desk, '" + StatisticsGroupings.NoneKey + "')";

    /// <summary>Whether the call records exist, and whether the callback list exists with completion times: (records, completed callbacks).</summary>
    public const string Tables =
        "SELECT to_regclass('call_records') IS NOT NULL, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'callbacks' AND column_name = 'completed_at');";

    /// <summary>
    /// The calls the query selects, one row each with the columns the figures read, in the order of
    /// <see cref="SqliteStatisticsSql.Rows"/>; with <paramref name="completedCallbacks"/> also the
    /// request-to-completion time in whole ms of an accepted callback's done request (the shortest),
    /// looked up through the callbacks' call_id index for those calls only.
    /// </summary>
    public static string Rows(StatisticsQuery query, bool completedCallbacks = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        string completion = completedCallbacks
            ? ", CASE WHEN callback_offered AND callback_accepted IS TRUE THEN (SELECT MIN((EXTRACT(EPOCH FROM c.completed_at) * 1000 - EXTRACT(EPOCH FROM c.created_at) * 1000)::bigint) FROM callbacks AS c WHERE c.call_id = call_records.call_id AND c.status = 'done' AND c.completed_at IS NOT NULL) END"
            : "";
        return "SELECT " + StatisticsRowColumns.List + completion + " FROM call_records WHERE " + Where(query) + ";";
    }

    /// <summary>Binds the parameters <see cref="Rows"/> uses.</summary>
    public static void Bind(NpgsqlCommand command, StatisticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        // Records keep their times to the millisecond: compare with the bounds in whole ms, as the reference does.
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.FromUnixTimeMilliseconds(query.From.ToUnixTimeMilliseconds()) });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.FromUnixTimeMilliseconds(query.To.ToUnixTimeMilliseconds()) });
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
}
