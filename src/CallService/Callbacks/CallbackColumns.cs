using System.Data.Common;

namespace CallService.Callbacks;

/// <summary>
/// The callbacks table's columns, named and ordered alike in SQLite and PostgreSQL, and how a row
/// reads back as a <see cref="CallbackRequest"/>. Each database's *CallbackRows keeps what differs:
/// its insert placeholders, its parameters, and how it stores an instant.
/// </summary>
internal static class CallbackColumns
{
    /// <summary>The columns a new row is given, in the order of the insert's values.</summary>
    public const string Inserted =
        "call_id, caller_number, caller_display_name, surname, request, agent_id, line, created_at, due_at, status, attempts, last_attempt_at, last_result, last_agent_ring_seconds, last_customer_ring_seconds, completed_at";

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Selected = "id, " + Inserted;

    /// <summary>
    /// The request as a new row keeps it, checked: its Id ignored (the database assigns one) and its
    /// instants cut to the millisecond, so the caller is handed back what a later read returns.
    /// </summary>
    public static CallbackRequest ForInsert(CallbackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CallId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CallerNumber);
        ArgumentNullException.ThrowIfNull(request.Line);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Attempts);
        return request with
        {
            Id = 0,
            CreatedAt = ToMilliseconds(request.CreatedAt),
            DueAt = ToMilliseconds(request.DueAt),
            LastAttemptAt = request.LastAttemptAt is { } last ? ToMilliseconds(last) : null,
            CompletedAt = request.CompletedAt is { } completed ? ToMilliseconds(completed) : null,
        };
    }

    /// <summary>A row of <see cref="Selected"/>; <paramref name="instant"/> reads a non-null instant column as the database stores it.</summary>
    public static CallbackRequest Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> instant)
    {
        string statusText = reader.GetString(10);
        if (!CallbackStatuses.TryParse(statusText, out CallbackStatus status))
        {
            // The CHECK constraint keeps other text out; a row edited by hand is the only way here.
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
            CreatedAt = instant(reader, 8),
            DueAt = instant(reader, 9),
            Status = status,
            Attempts = reader.GetInt32(11),
            LastAttemptAt = reader.IsDBNull(12) ? null : instant(reader, 12),
            LastResult = NullableString(reader, 13),
            LastAgentRingSeconds = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            LastCustomerRingSeconds = reader.IsDBNull(15) ? null : reader.GetDouble(15),
            CompletedAt = reader.IsDBNull(16) ? null : instant(reader, 16),
        };
    }

    /// <summary>An instant cut to the millisecond: the stores keep whole milliseconds.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    private static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
