using System.Globalization;
using CallService.Callbacks;
using CallService.Records;
using CallService.Tests.Records;
using CallService.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Callbacks;

/// <summary>The SQLite callback store: the store contract (<see cref="CallbackStoreTests"/>) and its table beside the call records.</summary>
public sealed class SqliteCallbackStoreTests : CallbackStoreTests, IAsyncLifetime
{
    private readonly TempSqliteDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected override FakeTimeProvider Time => _db.Time;

    protected override ICallbackStore Open(ILogger? logger = null) => _db.OpenCallbacks(logger);

    [Fact]
    public async Task Initialising_creates_the_table_and_indexes_beside_the_call_records_without_touching_their_schema()
    {
        SqliteCallRecordStore records = await _db.OpenRecordsInitializedAsync();
        long recordId = await records.InsertAsync(SampleRecords.NewCall("c-1", TempSqliteDatabase.Start), CancellationToken.None);

        SqliteCallbackStore callbacks = _db.OpenCallbacks();
        Assert.Equal(0, await callbacks.InitializeAsync(CancellationToken.None));

        using SqliteConnection connection = _db.Connect();
        Assert.Equal(["call_records", "callbacks", "callbacks_schema_version", "schema_version"], Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"));
        Assert.Equal(["3"], Rows(connection, "SELECT version FROM callbacks_schema_version;"));
        Assert.Equal(
            ["ix_callbacks_call_id", "ix_callbacks_status_due_at"],
            Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'callbacks' ORDER BY name;"));
        Assert.Equal([.. SqliteMigrations.All.Select(m => m.Version.ToString(CultureInfo.InvariantCulture))], Rows(connection, "SELECT version FROM schema_version ORDER BY version;"));
        Assert.Equal("c-1", (await records.GetAsync(recordId, CancellationToken.None))?.CallId);
    }

    [Fact]
    public async Task The_callback_store_may_open_the_file_first_and_the_record_store_still_migrates()
    {
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        CallbackRequest added = await callbacks.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        SqliteCallRecordStore records = await _db.OpenRecordsInitializedAsync();
        await records.InsertAsync(SampleRecords.NewCall("c-1", TempSqliteDatabase.Start), CancellationToken.None);

        using SqliteConnection connection = _db.Connect();
        Assert.Equal("wal", Rows(connection, "PRAGMA journal_mode;").Single());
        Assert.Equal(added, await callbacks.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Initialising_again_keeps_the_requests()
    {
        SqliteCallbackStore first = await _db.OpenCallbacksInitializedAsync();
        CallbackRequest added = await first.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        await first.DisposeAsync();

        SqliteCallbackStore second = await _db.OpenCallbacksInitializedAsync();

        Assert.Equal(added, await second.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_with_the_version_1_table_is_upgraded_in_place_keeping_its_requests()
    {
        using (SqliteConnection connection = _db.Connect())
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = SqliteCallbackSchema.Create
                + "INSERT INTO callbacks (call_id, caller_number, line, created_at, due_at, status, attempts) VALUES ('old', '1001', 'sales', 0, 0, 'pending', 2);";
            command.ExecuteNonQuery();
        }

        SqliteCallbackStore store = await _db.OpenCallbacksInitializedAsync();

        CallbackRequest old = Assert.Single(await store.ListAsync(null, CancellationToken.None));
        Assert.Equal(("old", 2, (double?)null), (old.CallId, old.Attempts, old.LastAgentRingSeconds));
        await store.BeginAttemptAsync(old.Id, CancellationToken.None);
        await store.EndAttemptAsync(old.Id, CallbackStatus.Done, "talked", 1.5, 2.5, CancellationToken.None);
        CallbackRequest done = (await store.GetAsync(old.Id, CancellationToken.None))!;
        Assert.Equal(2.5, done.LastCustomerRingSeconds);
        Assert.Equal(Time.GetUtcNow(), done.CompletedAt); // version 3: the completion time
        await store.DisposeAsync();

        // Opening it again applies nothing twice.
        SqliteCallbackStore again = await _db.OpenCallbacksInitializedAsync();
        Assert.Equal(1.5, (await again.GetAsync(old.Id, CancellationToken.None))!.LastAgentRingSeconds);
        using SqliteConnection check = _db.Connect();
        Assert.Equal(["3"], Rows(check, "SELECT version FROM callbacks_schema_version;"));
    }

    [Fact]
    public async Task The_table_refuses_an_unknown_status_written_by_hand()
    {
        await _db.OpenCallbacksInitializedAsync();
        using SqliteConnection connection = _db.Connect();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT INTO callbacks (call_id, caller_number, line, created_at, due_at, status) VALUES ('x', '1', 'sales', 0, 0, 'later');";

        SqliteException error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("CHECK", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return rows;
    }
}
