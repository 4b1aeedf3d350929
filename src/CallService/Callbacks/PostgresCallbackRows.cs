using Npgsql;

namespace CallService.Callbacks;

/// <summary>The PostgreSQL callbacks table's columns and their mapping to <see cref="CallbackRequest"/>.</summary>
internal static class PostgresCallbackRows
{
    public const string SelectColumns =
        "id, call_id, caller_number, caller_display_name, surname, request, agent_id, line, created_at, due_at, status, attempts, last_attempt_at, last_result, last_agent_ring_seconds, last_customer_ring_seconds, completed_at";

    public const string InsertSql = """
        INSERT INTO callbacks (call_id, caller_number, caller_display_name, surname, request, agent_id, line,
                               created_at, due_at, status, attempts, last_attempt_at, last_result,
                               last_agent_ring_seconds, last_customer_ring_seconds, completed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        RETURNING id;
        """;

    public static void BindInsert(NpgsqlCommand command, CallbackRequest r)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.CallId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.CallerNumber });
        command.Parameters.Add(Text(r.CallerDisplayName));
        command.Parameters.Add(Text(r.Surname));
        command.Parameters.Add(Text(r.Request));
        command.Parameters.Add(Text(r.AgentId));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Line });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Utc(r.CreatedAt) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Utc(r.DueAt) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Status.ToName() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = r.Attempts });
        command.Parameters.Add(Instant(r.LastAttemptAt));
        command.Parameters.Add(Text(r.LastResult));
        command.Parameters.Add(Seconds(r.LastAgentRingSeconds));
        command.Parameters.Add(Seconds(r.LastCustomerRingSeconds));
        command.Parameters.Add(Instant(r.CompletedAt));
    }

    /// <summary>A nullable timestamptz parameter, cut to the millisecond.</summary>
    public static NpgsqlParameter Instant(DateTimeOffset? value) =>
        new() { Value = value is { } time ? Utc(time) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter Seconds(double? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double };

    public static CallbackRequest Read(NpgsqlDataReader reader)
    {
        string statusText = reader.GetString(10);
        if (!CallbackStatuses.TryParse(statusText, out CallbackStatus status))
        {
            // The CHECK constraint keeps other text out; a hand-edited row is the only way here.
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
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(8),
            DueAt = reader.GetFieldValue<DateTimeOffset>(9),
            Status = status,
            Attempts = reader.GetInt32(11),
            LastAttemptAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            LastResult = NullableString(reader, 13),
            LastAgentRingSeconds = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            LastCustomerRingSeconds = reader.IsDBNull(15) ? null : reader.GetDouble(15),
            CompletedAt = reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16),
        };
    }

    /// <summary>A UTC DateTime cut to the millisecond, as timestamptz takes it (the stores keep milliseconds).</summary>
    public static DateTime Utc(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime;

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
