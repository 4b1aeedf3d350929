namespace CallService.Records;

/// <summary>
/// The SQLite schema, as an ordered list of scripts. Never edit a shipped script: add the next one.
/// <para>
/// Storage choices: times are INTEGER unix milliseconds UTC (compact, compared and range-scanned as
/// plain integers, bucketed by day or hour with integer arithmetic or
/// <c>strftime('%H', started_at / 1000, 'unixepoch')</c>); enums are TEXT in their JSON spellings
/// (<see cref="CallRecordNames"/>); booleans are INTEGER 0/1; durations and rings are REAL.
/// </para>
/// </summary>
public static class SqliteMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "call records", """
            CREATE TABLE call_records (
                id                   INTEGER PRIMARY KEY,
                call_id              TEXT    NOT NULL,
                caller_number        TEXT    NOT NULL,
                caller_display_name  TEXT,
                line                 TEXT    NOT NULL,
                desk                 TEXT,
                started_at           INTEGER NOT NULL,
                ring_started_at      INTEGER,
                answered_at          INTEGER,
                answered_by          TEXT,
                rings                REAL,
                auto_answered_at     INTEGER,
                agent_answered_at    INTEGER,
                agent_id             TEXT,
                ended_at             INTEGER,
                outcome              TEXT CHECK (outcome IN ('answered', 'auto-answered', 'abandoned',
                                                             'abandoned-in-queue', 'rejected', 'interrupted')),
                ended_by             TEXT CHECK (ended_by IN ('caller', 'agent', 'service')),
                surname              TEXT,
                honorific            TEXT,
                request              TEXT,
                hold_count           INTEGER NOT NULL DEFAULT 0,
                hold_seconds         REAL    NOT NULL DEFAULT 0,
                longest_hold_seconds REAL    NOT NULL DEFAULT 0,
                callback_offered     INTEGER NOT NULL DEFAULT 0 CHECK (callback_offered IN (0, 1)),
                callback_accepted    INTEGER CHECK (callback_accepted IN (0, 1))
            );

            -- Listings and statistics select a time range, per line or per answering agent: the
            -- composite indexes serve "line = ? AND started_at BETWEEN" without touching other lines.
            CREATE INDEX ix_call_records_started_at ON call_records (started_at);
            CREATE INDEX ix_call_records_line_started_at ON call_records (line, started_at);
            CREATE INDEX ix_call_records_answered_by_started_at ON call_records (answered_by, started_at);
            CREATE INDEX ix_call_records_call_id ON call_records (call_id);
            -- Only open calls: found at start without scanning a million finished ones.
            CREATE INDEX ix_call_records_open ON call_records (id) WHERE ended_at IS NULL;
            """),
        new(2, "caller lookups", """
            -- The desk recognises a returning caller by number (newest calls first). Inserts only: a
            -- call's number and start never change, so record updates do not touch this index.
            CREATE INDEX ix_call_records_caller_started_at ON call_records (caller_number, started_at);
            """),
    ];
}
