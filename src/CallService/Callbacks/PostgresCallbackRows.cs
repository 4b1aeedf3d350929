using Npgsql;

namespace CallService.Callbacks;

/// <summary>
/// The PostgreSQL side of <see cref="CallbackColumns"/>: the insert's positional parameters, and
/// instants as timestamptz.
/// </summary>
internal static class PostgresCallbackRows
{
    public const string InsertSql = $"""
        INSERT INTO callbacks ({CallbackColumns.Inserted})
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

    public static CallbackRequest Read(NpgsqlDataReader reader) =>
        CallbackColumns.Read(reader, static (row, ordinal) => row.GetFieldValue<DateTimeOffset>(ordinal));

    /// <summary>A UTC DateTime cut to the millisecond, as timestamptz takes it (the stores keep milliseconds).</summary>
    public static DateTime Utc(DateTimeOffset time) =>
        CallbackColumns.ToMilliseconds(time).UtcDateTime;

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
