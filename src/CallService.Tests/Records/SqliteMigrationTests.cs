using CallService.Records;
using CallService.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Records;

/// <summary>The schema comes from an ordered list of scripts, each applied once and recorded.</summary>
public sealed class SqliteMigrationTests : IAsyncLifetime
{
    // The versions this CallService ships, and the next one (a step from a newer CallService).
    private static readonly long[] Shipped = [.. SqliteMigrations.All.Select(m => (long)m.Version)];
    private static readonly int Next = SqliteMigrations.All.Count + 1;

    private readonly TempSqliteDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task An_empty_file_gets_every_migration_the_tables_and_the_indexes()
    {
        var store = _db.OpenRecords();
        Assert.Equal(0, await store.InitializeAsync(CancellationToken.None));

        using var connection = _db.Connect();
        Assert.Equal([(1L, "call records"), (2L, "caller lookups")], Rows<(long, string)>(connection, "SELECT version, description FROM schema_version ORDER BY version;", r => (r.GetInt64(0), r.GetString(1))));
        var tables = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;", r => r.GetString(0));
        Assert.Equal(["call_records", "schema_version"], tables);
        var indexes = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'call_records' ORDER BY name;", r => r.GetString(0));
        Assert.Equal(
            ["ix_call_records_answered_by_started_at", "ix_call_records_call_id", "ix_call_records_caller_started_at", "ix_call_records_line_started_at", "ix_call_records_open", "ix_call_records_started_at"],
            indexes);
        Assert.Equal("wal", Rows(connection, "PRAGMA journal_mode;", r => r.GetString(0)).Single());
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing_and_keeps_the_data()
    {
        var first = await _db.OpenRecordsInitializedAsync();
        var id = await first.InsertAsync(SampleRecords.Full("again-1"), CancellationToken.None);
        await first.DisposeAsync();

        var second = await _db.OpenRecordsInitializedAsync();
        await second.DisposeAsync();
        var third = await _db.OpenRecordsInitializedAsync();

        using var connection = _db.Connect();
        Assert.Equal(Shipped, Rows(connection, "SELECT version FROM schema_version ORDER BY version;", r => r.GetInt64(0)));
        var record = await third.GetAsync(id, CancellationToken.None);
        Assert.Equal("again-1", record?.CallId);
    }

    [Fact]
    public async Task Only_the_pending_steps_run_in_order()
    {
        SchemaMigration one = new(1, "one", "CREATE TABLE a (x INTEGER);");
        SchemaMigration two = new(2, "two", "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a (x, y) VALUES (1, 'from two');");
        SchemaMigration three = new(3, "three", "UPDATE a SET y = y || ' then three';");

        await using (var connection = _db.Connect())
        {
            Assert.Equal([1], SqliteMigrator.Migrate(connection, [one], _db.Time));
            Assert.Equal([2, 3], SqliteMigrator.Migrate(connection, [one, two, three], _db.Time));
            Assert.Empty(SqliteMigrator.Migrate(connection, [one, two, three], _db.Time));
            Assert.Equal(["from two then three"], Rows(connection, "SELECT y FROM a;", r => r.GetString(0)));
            Assert.Equal([1L, 2L, 3L], Rows(connection, "SELECT version FROM schema_version ORDER BY version;", r => r.GetInt64(0)));
            Assert.Equal(
                _db.Time.GetUtcNow().ToUnixTimeMilliseconds(),
                Rows(connection, "SELECT applied_at FROM schema_version WHERE version = 3;", r => r.GetInt64(0)).Single());
        }
    }

    [Fact]
    public async Task A_failing_step_leaves_no_trace_and_is_not_recorded()
    {
        SchemaMigration one = new(1, "one", "CREATE TABLE a (x INTEGER);");
        SchemaMigration broken = new(2, "broken", "CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);");

        await using var connection = _db.Connect();
        Assert.Throws<SqliteException>(() => SqliteMigrator.Migrate(connection, [one, broken], _db.Time));
        Assert.Equal([1L], Rows(connection, "SELECT version FROM schema_version;", r => r.GetInt64(0)));
        Assert.Empty(Rows(connection, "SELECT name FROM sqlite_master WHERE name = 'b';", r => r.GetString(0)));
    }

    [Fact]
    public async Task A_database_from_a_newer_CallService_is_refused()
    {
        await using (var connection = _db.Connect())
        {
            SqliteMigrator.Migrate(connection, [.. SqliteMigrations.All, new SchemaMigration(Next, "future", "CREATE TABLE future (x INTEGER);")], _db.Time);
        }

        var store = _db.OpenRecords();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
        Assert.Contains($"schema version {Next}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public void Steps_must_be_numbered_from_one_without_gaps()
    {
        using var connection = _db.Connect();
        Assert.Throws<ArgumentException>(() => SqliteMigrator.Migrate(connection, [new SchemaMigration(2, "two", "SELECT 1;")], _db.Time));
        Assert.Throws<ArgumentException>(() => SqliteMigrator.Migrate(
            connection, [new SchemaMigration(1, "one", "SELECT 1;"), new SchemaMigration(3, "three", "SELECT 1;")], _db.Time));
    }

    [Fact]
    public async Task The_store_runs_a_list_given_to_it()
    {
        SchemaMigration extra = new(Next, "extra index", "CREATE INDEX ix_call_records_agent_id ON call_records (agent_id);");
        await using var store = new SqliteCallRecordStore(_db.FilePath, _db.Time, NullLogger.Instance, null, [.. SqliteMigrations.All, extra]);
        await store.InitializeAsync(CancellationToken.None);

        using var connection = _db.Connect();
        Assert.Equal([.. Shipped, Next], Rows(connection, "SELECT version FROM schema_version ORDER BY version;", r => r.GetInt64(0)));
        Assert.Single(Rows(connection, "SELECT name FROM sqlite_master WHERE name = 'ix_call_records_agent_id';", r => r.GetString(0)));
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
