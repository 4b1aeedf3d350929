using Microsoft.Data.Sqlite;

namespace CallService.Callbacks;

/// <summary>
/// The SQLite side of <see cref="CallbackColumns"/>: the insert's named parameters, and instants as
/// integer Unix milliseconds.
/// </summary>
internal static class SqliteCallbackRows
{
    public const string InsertSql = $"""
        INSERT INTO callbacks ({CallbackColumns.Inserted})
        VALUES ($call_id, $caller_number, $caller_display_name, $surname, $request, $agent_id, $line,
                $created_at, $due_at, $status, $attempts, $last_attempt_at, $last_result,
                $last_agent_ring_seconds, $last_customer_ring_seconds, $completed_at)
        RETURNING id;
        """;

    public static void BindInsert(SqliteCommand command, CallbackRequest r)
    {
        command.Parameters.AddWithValue("$call_id", r.CallId);
        command.Parameters.AddWithValue("$caller_number", r.CallerNumber);
        command.Parameters.AddWithValue("$caller_display_name", (object?)r.CallerDisplayName ?? DBNull.Value);
        command.Parameters.AddWithValue("$surname", (object?)r.Surname ?? DBNull.Value);
        command.Parameters.AddWithValue("$request", (object?)r.Request ?? DBNull.Value);
        command.Parameters.AddWithValue("$agent_id", (object?)r.AgentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$line", r.Line);
        command.Parameters.AddWithValue("$created_at", r.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$due_at", r.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$status", r.Status.ToName());
        command.Parameters.AddWithValue("$attempts", r.Attempts);
        command.Parameters.AddWithValue("$last_attempt_at", (object?)r.LastAttemptAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$last_result", (object?)r.LastResult ?? DBNull.Value);
        command.Parameters.AddWithValue("$last_agent_ring_seconds", (object?)r.LastAgentRingSeconds ?? DBNull.Value);
        command.Parameters.AddWithValue("$last_customer_ring_seconds", (object?)r.LastCustomerRingSeconds ?? DBNull.Value);
        command.Parameters.AddWithValue("$completed_at", (object?)r.CompletedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
    }

    public static CallbackRequest Read(SqliteDataReader reader) =>
        CallbackColumns.Read(reader, static (row, ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal)));
}
