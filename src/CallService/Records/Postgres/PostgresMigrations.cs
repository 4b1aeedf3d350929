namespace CallService.Records;

/// <summary>
/// The PostgreSQL schema, as an ordered list of scripts. Never edit a shipped script: add the next one.
/// <para>
/// Storage choices: times are timestamptz (UTC instants; the store writes them to the millisecond,
/// as the SQLite store does); enums are text in their JSON spellings (<see cref="CallRecordNames"/>),
/// so a row read with psql says "auto-answered"; booleans are boolean; durations and rings are
/// double precision. Every row names the node that wrote it: several nodes share the database
/// (DESIGN.md "Scale"), and a node closes only its own open calls at start.
/// </para>
/// </summary>
public static class PostgresMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "call records", """
            CREATE TABLE call_records (
                id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                node                 text             NOT NULL,
                call_id              text             NOT NULL,
                caller_number        text             NOT NULL,
                caller_display_name  text,
                line                 text             NOT NULL,
                desk                 text,
                started_at           timestamptz      NOT NULL,
                ring_started_at      timestamptz,
                answered_at          timestamptz,
                answered_by          text,
                rings                double precision,
                auto_answered_at     timestamptz,
                agent_answered_at    timestamptz,
                agent_id             text,
                ended_at             timestamptz,
                outcome              text CHECK (outcome IN ('answered', 'auto-answered', 'abandoned',
                                                             'abandoned-in-queue', 'rejected', 'interrupted')),
                ended_by             text CHECK (ended_by IN ('caller', 'agent', 'service')),
                surname              text,
                honorific            text,
                request              text,
                hold_count           integer          NOT NULL DEFAULT 0,
                hold_seconds         double precision NOT NULL DEFAULT 0,
                longest_hold_seconds double precision NOT NULL DEFAULT 0,
                callback_offered     boolean          NOT NULL DEFAULT false,
                callback_accepted    boolean
            );

            -- Listings and statistics select a time range, per line or per answering agent: the
            -- composite indexes serve "line = $1 AND started_at >= $2" without touching other lines.
            CREATE INDEX ix_call_records_started_at ON call_records (started_at);
            CREATE INDEX ix_call_records_line_started_at ON call_records (line, started_at);
            CREATE INDEX ix_call_records_answered_by_started_at ON call_records (answered_by, started_at);
            CREATE INDEX ix_call_records_call_id ON call_records (call_id);
            -- Only open calls, per node: a node starting finds its own open calls without scanning
            -- the finished ones of every node.
            CREATE INDEX ix_call_records_open ON call_records (node, id) WHERE ended_at IS NULL;
            """),
        new(2, "caller lookups", """
            -- The desk recognises a returning caller by number (newest calls first). Inserts only: a
            -- call's number and start never change, so record updates do not touch this index.
            CREATE INDEX ix_call_records_caller_started_at ON call_records (caller_number, started_at);
            """),
    ];
}
