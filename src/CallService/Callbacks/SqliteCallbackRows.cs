using Microsoft.Data.Sqlite;

namespace CallService.Callbacks;

/// <summary>The callbacks table's columns and their mapping to <see cref="CallbackRequest"/>.</summary>
internal static class SqliteCallbackRows
{
    public const string SelectColumns =
        "id, call_id, caller_number, caller_display_name, surname, request, agent_id, line, created_at, due_at, status, attempts, last_attempt_at, last_result, last_agent_ring_seconds, last_customer_ring_seconds, completed_at";

    public const string InsertSql = """
        INSERT INTO callbacks (call_id, caller_number, caller_display_name, surname, request, agent_id, line,
                               created_at, due_at, status, attempts, last_attempt_at, last_result,
                               last_agent_ring_seconds, last_customer_ring_seconds, completed_at)
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

    public static CallbackRequest Read(SqliteDataReader reader)
    {
        string statusText = reader.GetString(10);
        if (!CallbackStatuses.TryParse(statusText, out CallbackStatus status))
        {
            // The CHECK constraint keeps other text out; a hand-edited file is the only way here.
            throw new InvalidDataException($"Callback {reader.GetInt64(0)} has an unknown status \"{statusText}\".");
        }
        return new CallbackRequest
        {
            Id = reader.GetInt64(0),
            CallId = reader.GetString(1),
            CallerNumber = reader.GetString(2),
            CallerDisplayName = NullableString(reader, 3),
            Surname = NullableString(reader, 4),
            Request = NullableString(reader, 5),
            AgentId = NullableString(reader, 6),
            Line = reader.GetString(7),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            DueAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            Status = status,
            Attempts = reader.GetInt32(11),
            LastAttemptAt = reader.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
            LastResult = NullableString(reader, 13),
            LastAgentRingSeconds = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            LastCustomerRingSeconds = reader.IsDBNull(15) ? null : reader.GetDouble(15),
            CompletedAt = reader.IsDBNull(16) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)),
        };
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
