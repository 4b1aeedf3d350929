using CallService.Records;
using Npgsql;

namespace CallService.Tests.Records;

/// <summary>
/// The PostgreSQL schema comes from its own ordered list of scripts, each applied once and recorded;
/// nodes starting together migrate once, under an advisory lock.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresFixture postgres) : IAsyncLifetime
{
    // The versions this CallService ships, and the next one (a step from a newer CallService).
    private static readonly int[] Shipped = [.. PostgresMigrations.All.Select(m => m.Version)];
    private static readonly int Next = PostgresMigrations.All.Count + 1;

    private TempPostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task An_empty_database_gets_every_migration_the_tables_the_column_types_and_the_indexes()
    {
        var store = _db.Open();
        Assert.Equal(0, await store.InitializeAsync(CancellationToken.None));

        Assert.Equal([(1, "call records"), (2, "caller lookups")],
            await _db.RowsAsync("SELECT version, description FROM schema_version ORDER BY version", r => (r.GetInt32(0), r.GetString(1))));
        Assert.All(await _db.RowsAsync("SELECT applied_at FROM schema_version", r => r.GetFieldValue<DateTimeOffset>(0)),
            appliedAt => Assert.Equal(_db.Time.GetUtcNow(), appliedAt));
        Assert.Equal(["call_records", "schema_version"],
            await _db.RowsAsync("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", r => r.GetString(0)));

        var types = (await _db.RowsAsync(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'call_records'",
            r => (r.GetString(0), r.GetString(1)))).ToDictionary(c => c.Item1, c => c.Item2);
        Assert.Equal("bigint", types["id"]);
        Assert.Equal("text", types["node"]);
        foreach (var time in (string[])["started_at", "ring_started_at", "answered_at", "auto_answered_at", "agent_answered_at", "ended_at"])
        {
            Assert.Equal("timestamp with time zone", types[time]);
        }
        Assert.Equal("boolean", types["callback_offered"]);
        Assert.Equal("double precision", types["rings"]);

        var indexes = (await _db.RowsAsync(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'call_records' ORDER BY indexname",
            r => (r.GetString(0), r.GetString(1)))).ToDictionary(i => i.Item1, i => i.Item2);
        Assert.Equal(
            ["call_records_pkey", "ix_call_records_answered_by_started_at", "ix_call_records_call_id", "ix_call_records_caller_started_at", "ix_call_records_line_started_at", "ix_call_records_open", "ix_call_records_started_at"],
            indexes.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith("(caller_number, started_at)", indexes["ix_call_records_caller_started_at"], StringComparison.Ordinal);
        Assert.EndsWith("(answered_by, started_at)", indexes["ix_call_records_answered_by_started_at"], StringComparison.Ordinal);
        Assert.EndsWith("(line, started_at)", indexes["ix_call_records_line_started_at"], StringComparison.Ordinal);
        Assert.EndsWith("(node, id) WHERE (ended_at IS NULL)", indexes["ix_call_records_open"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing_and_keeps_the_data()
    {
        var first = await _db.OpenInitializedAsync();
        var id = await first.InsertAsync(SampleRecords.Full("again-1"), CancellationToken.None);
        await first.DisposeAsync();

        var second = await _db.OpenInitializedAsync();
        await second.DisposeAsync();
        var third = await _db.OpenInitializedAsync();

        Assert.Equal(Shipped, await _db.RowsAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0)));
        Assert.Equal("again-1", (await third.GetAsync(id, CancellationToken.None))?.CallId);
    }

    [Fact]
    public async Task Only_the_pending_steps_run_in_order()
    {
        SchemaMigration one = new(1, "one", "CREATE TABLE a (x integer);");
        SchemaMigration two = new(2, "two", "ALTER TABLE a ADD COLUMN y text; INSERT INTO a (x, y) VALUES (1, 'from two');");
        SchemaMigration three = new(3, "three", "UPDATE a SET y = y || ' then three';");

        await using var connection = await _db.ConnectAsync();
        Assert.Equal([1], await PostgresMigrator.MigrateAsync(connection, [one], _db.Time, null, CancellationToken.None));
        Assert.Equal([2, 3], await PostgresMigrator.MigrateAsync(connection, [one, two, three], _db.Time, null, CancellationToken.None));
        Assert.Empty(await PostgresMigrator.MigrateAsync(connection, [one, two, three], _db.Time, null, CancellationToken.None));
        Assert.Equal(["from two then three"], await _db.RowsAsync("SELECT y FROM a", r => r.GetString(0)));
        Assert.Equal([1, 2, 3], await _db.RowsAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0)));
        Assert.Empty(await HeldAdvisoryLocksAsync());
    }

    [Fact]
    public async Task A_failing_step_leaves_no_trace_is_not_recorded_and_releases_the_lock()
    {
        SchemaMigration one = new(1, "one", "CREATE TABLE a (x integer);");
        SchemaMigration broken = new(2, "broken", "CREATE TABLE b (x integer); INSERT INTO missing VALUES (1);");

        await using var connection = await _db.ConnectAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresMigrator.MigrateAsync(connection, [one, broken], _db.Time, null, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        Assert.Equal([1], await _db.RowsAsync("SELECT version FROM schema_version", r => r.GetInt32(0)));
        Assert.Empty(await _db.RowsAsync("SELECT tablename FROM pg_tables WHERE tablename = 'b'", r => r.GetString(0)));
        Assert.Empty(await HeldAdvisoryLocksAsync());
    }

    [Fact]
    public async Task A_database_from_a_newer_CallService_is_refused()
    {
        await using (var connection = await _db.ConnectAsync())
        {
            await PostgresMigrator.MigrateAsync(
                connection, [.. PostgresMigrations.All, new SchemaMigration(Next, "future", "CREATE TABLE future (x integer);")], _db.Time, null, CancellationToken.None);
        }

        var store = _db.Open();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
        Assert.Contains($"schema version {Next}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(1, CancellationToken.None));
        Assert.Empty(await HeldAdvisoryLocksAsync());
    }

    [Fact]
    public async Task Steps_must_be_numbered_from_one_without_gaps()
    {
        await using var connection = await _db.ConnectAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresMigrator.MigrateAsync(
            connection, [new SchemaMigration(2, "two", "SELECT 1;")], _db.Time, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresMigrator.MigrateAsync(
            connection, [new SchemaMigration(1, "one", "SELECT 1;"), new SchemaMigration(3, "three", "SELECT 1;")], _db.Time, null, CancellationToken.None));
    }

    [Fact]
    public async Task The_store_runs_a_list_given_to_it()
    {
        SchemaMigration extra = new(Next, "extra index", "CREATE INDEX ix_call_records_agent_id ON call_records (agent_id);");
        var store = _db.Open(migrations: [.. PostgresMigrations.All, extra]);
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal([.. Shipped, Next], await _db.RowsAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0)));
        Assert.Single(await _db.RowsAsync("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_call_records_agent_id'", r => r.GetString(0)));
    }

    [Fact]
    public async Task Two_nodes_initialising_at_the_same_time_run_the_migrations_once()
    {
        // Node A's second step reads a table the test keeps locked, so node A is surely still
        // migrating when node B starts; the step counts its runs.
        SchemaMigration gated = new(Next, "gated", "CREATE TABLE migration_runs (at timestamptz NOT NULL DEFAULT now()); INSERT INTO migration_runs DEFAULT VALUES; SELECT count(*) FROM gate;");
        IReadOnlyList<SchemaMigration> migrations = [.. PostgresMigrations.All, gated];
        var logA = new RecordingLogger();
        var logB = new RecordingLogger();
        var nodeA = _db.Open(logA, node: "pbx-a:5060", migrations: migrations);
        var nodeB = _db.Open(logB, node: "pbx-b:5060", migrations: migrations);
        await using var gate = await _db.ConnectAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE gate (x integer)", gate))
        {
            await create.ExecuteNonQueryAsync();
        }
        Task startA;
        Task startB;

        await using (var hold = await gate.BeginTransactionAsync())
        {
            await using (var command = new NpgsqlCommand("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE", gate, hold))
            {
                await command.ExecuteNonQueryAsync();
            }
            startA = nodeA.InitializeAsync(CancellationToken.None);
            await EventuallyAsync(async () => await WaitingForLockAsync("relation") == 1, "node A runs its second step and waits at the gate");
            startB = nodeB.InitializeAsync(CancellationToken.None);
            // Node B waits for node A's advisory lock rather than migrating alongside it.
            await EventuallyAsync(async () => await WaitingForLockAsync("advisory") == 1, "node B waits for the migration lock");
            Assert.False(startA.IsCompleted);
            Assert.False(startB.IsCompleted);
            await hold.RollbackAsync();
        }

        await Task.WhenAll(startA, startB);

        Assert.Equal(1, Assert.Single(await _db.RowsAsync("SELECT count(*) FROM migration_runs", r => r.GetInt64(0))));
        Assert.Equal([.. Shipped, Next], await _db.RowsAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0)));
        Assert.Contains(logA.Entries, e => e.EventId == 4201 && Equals(e.Properties["Version"], Next));
        Assert.Contains(logB.Entries, e => e.EventId == 4203);
        Assert.DoesNotContain(logB.Entries, e => e.EventId == 4201);
        Assert.Empty(await HeldAdvisoryLocksAsync());
        // Both nodes work on the one schema.
        var a = await nodeA.InsertAsync(SampleRecords.NewCall("on-a", SampleRecords.Start), CancellationToken.None);
        var b = await nodeB.InsertAsync(SampleRecords.NewCall("on-b", SampleRecords.Start), CancellationToken.None);
        Assert.Equal("on-b", (await nodeA.GetAsync(b, CancellationToken.None))?.CallId);
        Assert.Equal("on-a", (await nodeB.GetAsync(a, CancellationToken.None))?.CallId);
    }

    [Fact]
    public async Task Eight_nodes_starting_together_on_an_empty_database_all_start_and_the_schema_is_made_once()
    {
        var nodes = Enumerable.Range(1, 8).Select(i => _db.Open(node: $"pbx-{i}:5060")).ToList();

        var closed = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.InitializeAsync(CancellationToken.None))));

        Assert.All(closed, c => Assert.Equal(0, c));
        Assert.Equal(Shipped, await _db.RowsAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0)));
        var ids = await Task.WhenAll(nodes.Select((n, i) => n.InsertAsync(SampleRecords.NewCall($"call-{i}", SampleRecords.Start), CancellationToken.None)));
        Assert.Equal(8, ids.Distinct().Count());
    }

    /// <summary>Sessions of this database waiting for a lock of this type ("advisory", "relation").</summary>
    private async Task<long> WaitingForLockAsync(string type) => Assert.Single(await _db.RowsAsync(
        $"SELECT count(*) FROM pg_locks WHERE locktype = '{type}' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        r => r.GetInt64(0)));

    private Task<List<int>> HeldAdvisoryLocksAsync() => _db.RowsAsync(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        r => r.GetInt32(0));

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            }
            await Task.Delay(10);
        }
    }
}
