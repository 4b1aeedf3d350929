using CallService.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CallService.Stats;

/// <summary>
/// Reads the call records a query selects (<see cref="SqliteStatisticsSql.Rows"/>: the columns the
/// figures need, in start order on Records' started_at index) into a <see cref="StatisticsScan"/>.
/// Straight on SQLite's statement API (SQLitePCLRaw, under Microsoft.Data.Sqlite): the data reader's
/// checks cost more per column than SQLite's own work, about 100 ms over 83,000 rows of 17 columns
/// (bench/README.md "Statistics").
/// </summary>
internal static class SqliteCallScan
{
    /// <summary>Rows between checks of the cancellation token.</summary>
    private const int CancellationStride = 4096;

    /// <param name="connection">An open connection (read-only is enough).</param>
    /// <param name="query">The period and filters.</param>
    /// <param name="completedCallbacks">Whether the file has callbacks.completed_at (reads the completion column).</param>
    /// <param name="scan">Receives every selected call.</param>
    /// <param name="cancellationToken">Checked every few thousand rows.</param>
    public static void Read(SqliteConnection connection, StatisticsQuery query, bool completedCallbacks, StatisticsScan scan, CancellationToken cancellationToken)
    {
        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        int rc = raw.sqlite3_prepare_v2(db, SqliteStatisticsSql.Rows(query, completedCallbacks), out sqlite3_stmt statement);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
            Bind(statement, "$from", query.From.ToUnixTimeMilliseconds());
            Bind(statement, "$to", query.To.ToUnixTimeMilliseconds());
            Bind(statement, "$line", query.Line);
            Bind(statement, "$desk", query.Desk);
            Bind(statement, "$agent", query.Agent);
            var strings = new Utf8StringCache();
            long rows = 0;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (++rows % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                scan.Add(ReadRecord(statement, strings), completedCallbacks ? Int64(statement, 17) : null);
            }
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    /// <summary>One row of <see cref="SqliteStatisticsSql.Rows"/>, stored as <see cref="SqliteCallRecordRows"/> writes it.</summary>
    private static CallRecord ReadRecord(sqlite3_stmt s, Utf8StringCache strings) => new()
    {
        // No figure depends on the call's identity or caller: not read.
        CallId = "",
        CallerNumber = "",
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(s, 0)),
        Line = strings.Get(raw.sqlite3_column_blob(s, 1)),
        Desk = Text(s, 2, strings),
        AgentId = Text(s, 3, strings),
        AnsweredBy = Text(s, 4, strings),
        Outcome = Text(s, 5, strings) is { } outcome
            ? CallRecordNames.TryParseOutcome(outcome, out CallOutcome parsed) ? parsed : throw new InvalidDataException($"Unknown call outcome '{outcome}' in the call record database.")
            : null,
        RingStartedAt = Time(s, 6),
        AnsweredAt = Time(s, 7),
        Rings = raw.sqlite3_column_type(s, 8) == raw.SQLITE_NULL ? null : raw.sqlite3_column_double(s, 8),
        AutoAnsweredAt = Time(s, 9),
        AgentAnsweredAt = Time(s, 10),
        EndedAt = Time(s, 11),
        HoldCount = (int)raw.sqlite3_column_int64(s, 12),
        HoldSeconds = raw.sqlite3_column_double(s, 13),
        LongestHoldSeconds = raw.sqlite3_column_double(s, 14),
        CallbackOffered = raw.sqlite3_column_int64(s, 15) == 1,
        CallbackAccepted = Int64(s, 16) is { } accepted ? accepted == 1 : null,
    };

    private static string? Text(sqlite3_stmt s, int column, Utf8StringCache strings) =>
        raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL ? null : strings.Get(raw.sqlite3_column_blob(s, column));

    private static long? Int64(sqlite3_stmt s, int column) =>
        raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(s, column);

    private static DateTimeOffset? Time(sqlite3_stmt s, int column) =>
        Int64(s, column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static void Bind(sqlite3_stmt statement, string name, long value)
    {
        int index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index > 0)
        {
            raw.sqlite3_bind_int64(statement, index, value);
        }
    }

    private static void Bind(sqlite3_stmt statement, string name, string? value)
    {
        int index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index > 0 && value is not null)
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }
}
