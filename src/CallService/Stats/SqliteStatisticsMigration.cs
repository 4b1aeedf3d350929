using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// An optional SQLite schema step for the statistics: a covering index for "calls started in
/// [from, to)", so the statements read the period from the index alone.
/// <para>
/// Measured on 1,000,000 records (bench/README.md "Statistics") it saves about 15 % of the dashboard's
/// CPU and nothing on a single report: the rows are stored in the order calls start, so Records'
/// started_at index already reads the period's table pages in order. It costs about 95 MB per million
/// records (+55 % of the table) and one more wide index entry rewritten at every record update on the
/// service's write path. So it is not in <see cref="SqliteMigrations.All"/>: it is written as
/// <see cref="Migration"/>, version 3 after Records' version 2, for Records to append should dashboards
/// come to matter more than writes; meanwhile <see cref="SqliteStatisticsSource.EnsureIndexesAsync"/>
/// creates the same index where wanted (the benchmark). The statement is idempotent (IF NOT EXISTS).
/// </para>
/// </summary>
public static class SqliteStatisticsMigration
{
    /// <summary>The version this step takes in <see cref="SqliteMigrations.All"/>.</summary>
    public const int Version = 3;

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
