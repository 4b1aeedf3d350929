using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CallService.Records;

/// <summary>
/// How a <see cref="CallRecord"/> maps to a call_records row (see <see cref="PostgresMigrations"/> for
/// the storage choices). The statements are built from one column list, so they cannot disagree, and
/// use positional parameters ($1, $2...), which PostgreSQL takes as they are.
/// </summary>
internal static class PostgresCallRecordRows
{
    /// <summary>Every column of a record, in the order <see cref="Read"/> expects them (the node is not part of a record).</summary>
    private static readonly (string Name, NpgsqlDbType Type)[] AllColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("call_id", NpgsqlDbType.Text), ("caller_number", NpgsqlDbType.Text),
        ("caller_display_name", NpgsqlDbType.Text), ("line", NpgsqlDbType.Text), ("desk", NpgsqlDbType.Text),
        ("started_at", NpgsqlDbType.TimestampTz), ("ring_started_at", NpgsqlDbType.TimestampTz),
        ("answered_at", NpgsqlDbType.TimestampTz), ("answered_by", NpgsqlDbType.Text), ("rings", NpgsqlDbType.Double),
        ("auto_answered_at", NpgsqlDbType.TimestampTz), ("agent_answered_at", NpgsqlDbType.TimestampTz),
        ("agent_id", NpgsqlDbType.Text), ("ended_at", NpgsqlDbType.TimestampTz), ("outcome", NpgsqlDbType.Text),
        ("ended_by", NpgsqlDbType.Text), ("surname", NpgsqlDbType.Text), ("honorific", NpgsqlDbType.Text),
        ("request", NpgsqlDbType.Text), ("hold_count", NpgsqlDbType.Integer), ("hold_seconds", NpgsqlDbType.Double),
        ("longest_hold_seconds", NpgsqlDbType.Double), ("callback_offered", NpgsqlDbType.Boolean),
        ("callback_accepted", NpgsqlDbType.Boolean),
    ];

    /// <summary>Not rewritten by an update: the call's identity, and the notes (owned by UpdateNotes).</summary>
    private static readonly string[] NotUpdated = ["id", "call_id", "started_at", "surname", "honorific", "request"];

    private static readonly (string Name, NpgsqlDbType Type)[] InsertColumns = [.. AllColumns.Where(c => c.Name != "id")];

    private static readonly (string Name, NpgsqlDbType Type)[] UpdateColumns = [.. AllColumns.Where(c => !NotUpdated.Contains(c.Name))];

    public static readonly string SelectColumns = string.Join(", ", AllColumns.Select(c => c.Name));

    /// <summary>$1 is the node; the record's columns follow.</summary>
    public static readonly string InsertSql = string.Create(CultureInfo.InvariantCulture,
        $"INSERT INTO call_records (node, {string.Join(", ", InsertColumns.Select(c => c.Name))}) VALUES ({string.Join(", ", Enumerable.Range(1, InsertColumns.Length + 1).Select(n => "$" + n))}) RETURNING id");

    /// <summary>RETURNING id: a row read back means the record exists (none: an unknown id).</summary>
    public static readonly string UpdateSql = string.Create(CultureInfo.InvariantCulture,
        $"UPDATE call_records SET {string.Join(", ", UpdateColumns.Select((c, i) => $"{c.Name} = ${i + 1}"))} WHERE id = ${UpdateColumns.Length + 1} RETURNING id");

    public const string UpdateNotesSql =
        "UPDATE call_records SET surname = $1, honorific = $2, request = $3 WHERE id = $4 RETURNING id";

    /// <summary>Only this node's open calls: the other nodes' calls are live on their nodes.</summary>
    public const string CloseOpenSql =
        "UPDATE call_records SET ended_at = $1, outcome = $2, ended_by = $3 WHERE ended_at IS NULL AND node = $4";

    public static NpgsqlBatchCommand Insert(string node, CallRecord record)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = node });
        Bind(command.Parameters, InsertColumns, record);
        return command;
    }

    public static NpgsqlBatchCommand Update(CallRecord record)
    {
        var command = new NpgsqlBatchCommand(UpdateSql);
        Bind(command.Parameters, UpdateColumns, record);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = record.Id });
        return command;
    }

    public static NpgsqlBatchCommand UpdateNotes(long id, string? surname, string? honorific, string? request)
    {
        var command = new NpgsqlBatchCommand(UpdateNotesSql);
        command.Parameters.Add(Parameter(NpgsqlDbType.Text, Db(surname)));
        command.Parameters.Add(Parameter(NpgsqlDbType.Text, Db(honorific)));
        command.Parameters.Add(Parameter(NpgsqlDbType.Text, Db(request)));
        command.Parameters.Add(Parameter(NpgsqlDbType.Bigint, id));
        return command;
    }

    public static NpgsqlParameter Parameter(NpgsqlDbType type, object value) => new() { NpgsqlDbType = type, Value = value };

    public static CallRecord Read(NpgsqlDataReader reader)
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
            StartedAt = reader.GetFieldValue<DateTimeOffset>(i++),
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
            CallbackOffered = reader.GetBoolean(i++),
            CallbackAccepted = reader.IsDBNull(i++) ? null : reader.GetBoolean(i - 1),
        };
    }

    /// <summary>
    /// The instant as timestamptz takes it (a UTC DateTime), cut to the millisecond: the stores keep
    /// times to the millisecond (PostgreSQL would keep microseconds), so both hand back the same value.
    /// </summary>
    public static DateTime Utc(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTime(ticks - ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static void Bind(NpgsqlParameterCollection parameters, (string Name, NpgsqlDbType Type)[] columns, CallRecord record)
    {
        foreach (var (name, type) in columns)
        {
            parameters.Add(Parameter(type, ValueOf(name, record)));
        }
    }

    private static object ValueOf(string column, CallRecord r) => column switch
    {
        "call_id" => r.CallId,
        "caller_number" => r.CallerNumber,
        "caller_display_name" => Db(r.CallerDisplayName),
        "line" => r.Line,
        "desk" => Db(r.Desk),
        "started_at" => Utc(r.StartedAt),
        "ring_started_at" => Db(r.RingStartedAt),
        "answered_at" => Db(r.AnsweredAt),
        "answered_by" => Db(r.AnsweredBy),
        "rings" => CallRecordNames.RoundRings(r.Rings) is { } rings ? rings : DBNull.Value,
        "auto_answered_at" => Db(r.AutoAnsweredAt),
        "agent_answered_at" => Db(r.AgentAnsweredAt),
        "agent_id" => Db(r.AgentId),
        "ended_at" => Db(r.EndedAt),
        "outcome" => r.Outcome is { } outcome ? CallRecordNames.ToText(outcome) : DBNull.Value,
        "ended_by" => r.EndedBy is { } endedBy ? CallRecordNames.ToText(endedBy) : DBNull.Value,
        "surname" => Db(r.Surname),
        "honorific" => Db(r.Honorific),
        "request" => Db(r.Request),
        "hold_count" => r.HoldCount,
        "hold_seconds" => r.HoldSeconds,
        "longest_hold_seconds" => r.LongestHoldSeconds,
        "callback_offered" => r.CallbackOffered,
        "callback_accepted" => r.CallbackAccepted is { } accepted ? accepted : DBNull.Value,
        _ => throw new InvalidOperationException($"No call record field for column '{column}'."),
    };

    private static object Db(string? value) => value ?? (object)DBNull.Value;

    private static object Db(DateTimeOffset? time) => time is { } value ? Utc(value) : DBNull.Value;

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static CallOutcome ParseOutcome(string text) => CallRecordNames.TryParseOutcome(text, out var outcome)
        ? outcome
        : throw new InvalidDataException($"Unknown call outcome '{text}' in the call record database.");

    private static CallEndedBy ParseEndedBy(string text) => CallRecordNames.TryParseEndedBy(text, out var endedBy)
        ? endedBy
        : throw new InvalidDataException($"Unknown ended-by '{text}' in the call record database.");
}
