using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CallService.Records;

/// <summary>
/// How a <see cref="CallRecord"/> maps to a call_records row (see <see cref="SqliteMigrations"/> for
/// the storage choices). The SQL is built from one column list, so the statements cannot disagree.
/// </summary>
internal static class SqliteCallRecordRows
{
    /// <summary>Every column, in the order <see cref="Read"/> expects them.</summary>
    private static readonly string[] AllColumns =
    [
        "id", "call_id", "caller_number", "caller_display_name", "line", "desk", "started_at",
        "ring_started_at", "answered_at", "answered_by", "rings", "auto_answered_at", "agent_answered_at",
        "agent_id", "ended_at", "outcome", "ended_by", "surname", "honorific", "request", "hold_count",
        "hold_seconds", "longest_hold_seconds", "callback_offered", "callback_accepted",
    ];

    /// <summary>Not rewritten by an update: the call's identity, and the notes (owned by UpdateNotes).</summary>
    private static readonly string[] NotUpdated = ["id", "call_id", "started_at", "surname", "honorific", "request"];

    public static readonly string SelectColumns = string.Join(", ", AllColumns);

    public static readonly string InsertSql = BuildInsert();

    public static readonly string UpdateSql = BuildUpdate();

    public const string UpdateNotesSql =
        "UPDATE call_records SET surname = $surname, honorific = $honorific, request = $request WHERE id = $id;";

    public const string CloseOpenSql =
        "UPDATE call_records SET ended_at = $ended_at, outcome = $outcome, ended_by = $ended_by WHERE ended_at IS NULL;";

    /// <summary>Adds one parameter per $name in the command text (each bound per record by <see cref="Bind"/>).</summary>
    public static void AddParameters(SqliteCommand command, IEnumerable<string> columns)
    {
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }
    }

    public static IEnumerable<string> InsertColumns => AllColumns.Where(c => c != "id");

    public static IEnumerable<string> UpdateColumns => AllColumns.Where(c => !NotUpdated.Contains(c)).Append("id");

    /// <summary>Sets every parameter of the command from the record.</summary>
    public static void Bind(SqliteCommand command, CallRecord record)
    {
        foreach (SqliteParameter parameter in command.Parameters)
        {
            parameter.Value = ValueOf(parameter.ParameterName.AsSpan(1), record);
        }
    }

    public static CallRecord Read(SqliteDataReader reader)
    {
        var i = 0;
        return new CallRecord
        {
            Id = reader.GetInt64(i++),
            CallId = reader.GetString(i++),
            CallerNumber = reader.GetString(i++),
            CallerDisplayName = Text(reader, i++),
            Line = reader.GetString(i++),
            Desk = Text(reader, i++),
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i++)),
            RingStartedAt = Time(reader, i++),
            AnsweredAt = Time(reader, i++),
            AnsweredBy = Text(reader, i++),
            Rings = reader.IsDBNull(i++) ? null : reader.GetDouble(i - 1),
            AutoAnsweredAt = Time(reader, i++),
            AgentAnsweredAt = Time(reader, i++),
            AgentId = Text(reader, i++),
            EndedAt = Time(reader, i++),
            Outcome = Text(reader, i++) is { } outcome ? ParseOutcome(outcome) : null,
            EndedBy = Text(reader, i++) is { } endedBy ? ParseEndedBy(endedBy) : null,
            Surname = Text(reader, i++),
            Honorific = Text(reader, i++),
            Request = Text(reader, i++),
            HoldCount = reader.GetInt32(i++),
            HoldSeconds = reader.GetDouble(i++),
            LongestHoldSeconds = reader.GetDouble(i++),
            CallbackOffered = reader.GetInt64(i++) != 0,
            CallbackAccepted = reader.IsDBNull(i++) ? null : reader.GetInt64(i - 1) != 0,
        };
    }

    public static long? Milliseconds(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static object ValueOf(ReadOnlySpan<char> column, CallRecord r) => column switch
    {
        "id" => r.Id,
        "call_id" => r.CallId,
        "caller_number" => r.CallerNumber,
        "caller_display_name" => Db(r.CallerDisplayName),
        "line" => r.Line,
        "desk" => Db(r.Desk),
        "started_at" => r.StartedAt.ToUnixTimeMilliseconds(),
        "ring_started_at" => Db(Milliseconds(r.RingStartedAt)),
        "answered_at" => Db(Milliseconds(r.AnsweredAt)),
        "answered_by" => Db(r.AnsweredBy),
        "rings" => Db(CallRecordNames.RoundRings(r.Rings)),
        "auto_answered_at" => Db(Milliseconds(r.AutoAnsweredAt)),
        "agent_answered_at" => Db(Milliseconds(r.AgentAnsweredAt)),
        "agent_id" => Db(r.AgentId),
        "ended_at" => Db(Milliseconds(r.EndedAt)),
        "outcome" => r.Outcome is { } outcome ? CallRecordNames.ToText(outcome) : DBNull.Value,
        "ended_by" => r.EndedBy is { } endedBy ? CallRecordNames.ToText(endedBy) : DBNull.Value,
        "surname" => Db(r.Surname),
        "honorific" => Db(r.Honorific),
        "request" => Db(r.Request),
        "hold_count" => r.HoldCount,
        "hold_seconds" => r.HoldSeconds,
        "longest_hold_seconds" => r.LongestHoldSeconds,
        "callback_offered" => r.CallbackOffered ? 1L : 0L,
        "callback_accepted" => r.CallbackAccepted is { } accepted ? (accepted ? 1L : 0L) : DBNull.Value,
        _ => throw new InvalidOperationException($"No call record field for column '{column}'."),
    };

    private static object Db<T>(T? value) where T : class => value ?? (object)DBNull.Value;

    private static object Db<T>(T? value) where T : struct => value.HasValue ? value.Value : DBNull.Value;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static CallOutcome ParseOutcome(string text) => CallRecordNames.TryParseOutcome(text, out var outcome)
        ? outcome
        : throw new InvalidDataException($"Unknown call outcome '{text}' in the call record database.");

    private static CallEndedBy ParseEndedBy(string text) => CallRecordNames.TryParseEndedBy(text, out var endedBy)
        ? endedBy
        : throw new InvalidDataException($"Unknown ended-by '{text}' in the call record database.");

    private static string BuildInsert()
    {
        var columns = InsertColumns.ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO call_records ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) RETURNING id;");
    }

    private static string BuildUpdate()
    {
        var assignments = UpdateColumns.Where(c => c != "id").Select(c => c + " = $" + c);
        return string.Create(CultureInfo.InvariantCulture,
            $"UPDATE call_records SET {string.Join(", ", assignments)} WHERE id = $id;");
    }
}
