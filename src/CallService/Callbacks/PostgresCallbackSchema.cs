namespace CallService.Callbacks;

/// <summary>
/// The callbacks table in PostgreSQL, beside the call records of every node (DESIGN.md "Scale"). Like the
/// SQLite table it is owned by the callback store (created with IF NOT EXISTS at start, under an advisory
/// lock so that nodes starting together do not race), not by a call-record migration. Types follow the
/// record schema (Records/Postgres/PostgresMigrations.cs): timestamptz to the millisecond, the status as
/// text in its JSON spelling. <c>node</c> names the node whose attempt is under way, so a node starting
/// again ends only its own interrupted attempts, never another node's call in progress.
/// <para>
/// <see cref="Create"/> is version 1 of the table and is never edited; later versions are the steps in
/// <see cref="Steps"/>, applied in order (under the same advisory lock) and counted in the table
/// callbacks_schema_version, as in SQLite.
/// </para>
/// </summary>
internal static class PostgresCallbackSchema
{
    /// <summary>Key of the advisory lock taken while the table is created (any constant unique to this use).</summary>
    public const long CreateLock = 0x43616c6c_6261636b; // "Callback"

    public const string Create = """
        CREATE TABLE IF NOT EXISTS callbacks (
            id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            call_id             text        NOT NULL,
            caller_number       text        NOT NULL,
            caller_display_name text,
            surname             text,
            request             text,
            agent_id            text,
            line                text        NOT NULL,
            created_at          timestamptz NOT NULL,
            due_at              timestamptz NOT NULL,
            status              text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'calling', 'done', 'failed', 'cancelled')),
            attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_attempt_at     timestamptz,
            last_result         text,
            -- The ring times of the last click-to-call attempt's legs (issue 5: measured and recorded).
            last_agent_ring_seconds    double precision,
            last_customer_ring_seconds double precision,
            node                text
        );

        -- The desk lists one status, earliest due first.
        CREATE INDEX IF NOT EXISTS ix_callbacks_status_due_at ON callbacks (status, due_at);
        -- From a call record to its callback.
        CREATE INDEX IF NOT EXISTS ix_callbacks_call_id ON callbacks (call_id);
        """;

    /// <summary>The version table (one row), created beside a table of any version.</summary>
    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS callbacks_schema_version (version integer NOT NULL);";

    /// <summary>Versions after 1, each with the script that brings the table from the one before to it.</summary>
    public static IReadOnlyList<(int Version, string Script)> Steps { get; } =
    [
        (2, """
            -- When the request became done (issue 7: callbacks completed and the time from request to completion).
            -- Requests already done before this version keep NULL: their completion time was never recorded.
            ALTER TABLE callbacks ADD COLUMN completed_at timestamptz;
            """),
    ];
}
