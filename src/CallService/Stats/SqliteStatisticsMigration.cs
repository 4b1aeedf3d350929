using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// The SQLite schema step the statistics want: a covering index for "calls started in [from, to)".
/// <para>
/// It is written as <see cref="Migration"/>, version 2 after Records' version 1, ready to be appended to
/// <see cref="SqliteMigrations.All"/> (which Records owns). Until it is there,
/// <see cref="SqliteStatisticsSource.EnsureIndexesAsync"/> creates the same index; the statement is
/// idempotent (IF NOT EXISTS), so the migration later finds it and only records its version.
/// </para>
/// </summary>
public static class SqliteStatisticsMigration
{
    /// <summary>The version this step takes in <see cref="SqliteMigrations.All"/>.</summary>
    public const int Version = 2;

    /// <summary>The index statement.</summary>
    public const string Sql = """
        CREATE INDEX IF NOT EXISTS ix_call_records_stats ON call_records (
            started_at, line, desk, agent_id, answered_by, outcome, ring_started_at, answered_at, rings,
            auto_answered_at, agent_answered_at, ended_at, hold_count, hold_seconds, longest_hold_seconds,
            callback_offered, callback_accepted);
        """;

    /// <summary>The step, for <see cref="SqliteMigrations.All"/>.</summary>
    public static SchemaMigration Migration { get; } = new(Version, "statistics covering index", Sql);
}
