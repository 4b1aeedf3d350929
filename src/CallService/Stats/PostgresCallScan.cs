using CallService.Records;
using Npgsql;

namespace CallService.Stats;

/// <summary>
/// Reads the rows of <see cref="PostgresStatisticsSql.Rows"/> into a <see cref="StatisticsScan"/>, each
/// column as the record store reads it (Records/Postgres/PostgresCallRecordRows), so the figures are
/// those of the reference over the same records.
/// </summary>
internal static class PostgresCallScan
{
    public static async Task ReadAsync(NpgsqlDataReader reader, bool completedCallbacks, StatisticsScan scan, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = new CallRecord
            {
                // No figure depends on the call's identity or caller: not read.
                CallId = "",
                CallerNumber = "",
                StartedAt = reader.GetFieldValue<DateTimeOffset>(0),
                Line = Text(reader, 1)!,
                Desk = Text(reader, 2),
                AgentId = Text(reader, 3),
                AnsweredBy = Text(reader, 4),
                Outcome = Text(reader, 5) is { } outcome
                    ? CallRecordNames.TryParseOutcome(outcome, out CallOutcome parsed) ? parsed : throw new InvalidDataException($"Unknown call outcome '{outcome}' in the call record database.")
                    : null,
                RingStartedAt = Time(reader, 6),
                AnsweredAt = Time(reader, 7),
                Rings = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                AutoAnsweredAt = Time(reader, 9),
                AgentAnsweredAt = Time(reader, 10),
                EndedAt = Time(reader, 11),
                HoldCount = reader.GetInt32(12),
                HoldSeconds = reader.GetDouble(13),
                LongestHoldSeconds = reader.GetDouble(14),
                CallbackOffered = reader.GetBoolean(15),
                CallbackAccepted = reader.IsDBNull(16) ? null : reader.GetBoolean(16),
            };
            scan.Add(record, completedCallbacks && !reader.IsDBNull(17) ? reader.GetInt64(17) : null);
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
