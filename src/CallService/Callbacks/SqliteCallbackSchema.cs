namespace CallService.Callbacks;

/// <summary>
/// The callbacks table. It lives in the same SQLite file as the call records but is created by
/// <see cref="SqliteCallbackStore.InitializeAsync"/> with IF NOT EXISTS, not by a call-record
/// migration: the callback store owns its table and starts on any file, empty or not, whichever store
/// opens the file first. Storage follows the call records (see Records/SqliteMigrations.cs): times are
/// INTEGER unix milliseconds UTC, the status is TEXT in its JSON spelling.
/// <para>
/// <see cref="Create"/> is version 1 of the table and is never edited; later versions are the steps in
/// <see cref="Steps"/>, applied in order and counted in the table's own callbacks_schema_version.
/// </para>
/// </summary>
internal static class SqliteCallbackSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS callbacks (
            id                  INTEGER PRIMARY KEY,
            call_id             TEXT    NOT NULL,
            caller_number       TEXT    NOT NULL,
            caller_display_name TEXT,
            surname             TEXT,
            request             TEXT,
            agent_id            TEXT,
            line                TEXT    NOT NULL,
            created_at          INTEGER NOT NULL,
            due_at              INTEGER NOT NULL,
            status              TEXT    NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'calling', 'done', 'failed', 'cancelled')),
            attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_attempt_at     INTEGER,
            last_result         TEXT
        );

        -- The desk lists one status, earliest due first.
        CREATE INDEX IF NOT EXISTS ix_callbacks_status_due_at ON callbacks (status, due_at);
        -- From a call record to its callback.
        CREATE INDEX IF NOT EXISTS ix_callbacks_call_id ON callbacks (call_id);
        """;

    /// <summary>The version table (one row), created beside a table of any version.</summary>
    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS callbacks_schema_version (version INTEGER NOT NULL);";

    /// <summary>Versions after 1, each with the script that brings the table from the one before to it.</summary>
    public static IReadOnlyList<(int Version, string Script)> Steps { get; } =
    [
        (2, """
            -- The ring times of the last click-to-call attempt's legs (issue 5: the ring time is measured and recorded).
            ALTER TABLE callbacks ADD COLUMN last_agent_ring_seconds REAL;
            ALTER TABLE callbacks ADD COLUMN last_customer_ring_seconds REAL;
            """),
        (3, """
            -- When the request became done (issue 7: callbacks completed and the time from request to completion).
            -- Requests already done before this version keep NULL: their completion time was never recorded.
            ALTER TABLE callbacks ADD COLUMN completed_at INTEGER;
            """),
    ];
}
