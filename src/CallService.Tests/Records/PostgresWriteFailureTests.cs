using CallService.Records;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CallService.Tests.Records;

/// <summary>
/// A failed write faults its own Task, is logged with its call id, and the writer goes on: a value
/// the server refuses (a NUL character in text, SQLSTATE 22021), and a database that dropped the
/// store's connections (restart, failover) or cannot be reached.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWriteFailureTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly RecordingLogger _log = new();
    private TempPostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>PostgreSQL text cannot hold U+0000: the server refuses the statement.</summary>
    private static CallRecord Refused(string callId) =>
        SampleRecords.NewCall(callId, SampleRecords.Start) with { Request = "before\0after" };

    [Fact]
    public async Task A_write_the_server_refuses_fails_is_logged_with_its_call_id_and_the_writer_goes_on()
    {
        var store = await _db.OpenInitializedAsync(_log);

        var error = await Assert.ThrowsAsync<PostgresException>(() => store.InsertAsync(Refused("nul@pbx"), CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, error.SqlState);

        var failure = Assert.Single(_log.Entries, e => e.EventId == 4104);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal("nul@pbx", failure.Properties["CallId"]);
        Assert.Same(error, failure.Exception);

        var id = await store.InsertAsync(SampleRecords.NewCall("fits@pbx", SampleRecords.Start), CancellationToken.None);
        Assert.Equal("fits@pbx", (await store.GetAsync(id, CancellationToken.None))?.CallId);
        Assert.Null(await store.FindByCallIdAsync("nul@pbx", CancellationToken.None));
    }

    [Fact]
    public async Task One_failing_write_among_many_pending_fails_alone()
    {
        var store = await _db.OpenInitializedAsync(_log);
        var existing = await store.InsertAsync(SampleRecords.NewCall("existing", SampleRecords.Start), CancellationToken.None);
        List<Task<long>> small;
        Task<long> refused;
        Task unknown;
        Task update;

        // Another session locks the table while the writes queue up, so the writer (waiting for the
        // lock with its first batch) finds them all pending at once and puts them in shared batches.
        await using (var hold = await new PostgresStoreDatabase(_db).HoldWriteLockAsync())
        {
            small = [.. Enumerable.Range(0, 100)
                .Select(i => store.InsertAsync(SampleRecords.NewCall($"small-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None))];
            refused = store.InsertAsync(Refused("refused"), CancellationToken.None);
            unknown = store.UpdateAsync(SampleRecords.NewCall("unknown", SampleRecords.Start) with { Id = 777_777 }, CancellationToken.None);
            update = store.UpdateAsync(SampleRecords.NewCall("existing", SampleRecords.Start) with { Id = existing, Desk = "bar" }, CancellationToken.None);
            small.AddRange(Enumerable.Range(100, 100)
                .Select(i => store.InsertAsync(SampleRecords.NewCall($"small-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None)));
            Assert.False(refused.IsCompleted);
        }

        await Assert.ThrowsAsync<PostgresException>(() => refused);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => unknown);
        await update;
        var ids = await Task.WhenAll(small);

        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(201, (await store.ListAsync(new CallRecordQuery(), CancellationToken.None)).Count);
        Assert.Equal("bar", (await store.GetAsync(existing, CancellationToken.None))?.Desk);
        Assert.Contains(_log.Entries, e => e.EventId == 4105);
        Assert.Contains(_log.Entries, e => e.EventId == 4104 && Equals(e.Properties["CallId"], "refused"));
        Assert.Contains(_log.Entries, e => e.EventId == 4104 && Equals(e.Properties["CallId"], "unknown") && Equals(e.Properties["RecordId"], 777_777L));
        Assert.Equal(2, _log.Entries.Count(e => e.EventId == 4104));
    }

    [Fact]
    public async Task Writes_and_reads_go_on_after_the_server_dropped_every_connection_of_the_store()
    {
        var store = await _db.OpenInitializedAsync(_log);
        // Fill the pool: the writer's and a few readers' connections stay open, idle.
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.InsertAsync(SampleRecords.NewCall($"before-{i}", SampleRecords.Start), CancellationToken.None)));
        await Task.WhenAll(ids.Select(id => store.GetAsync(id, CancellationToken.None)));
        Assert.True(await StoreSessionsAsync() > 0);

        // What a server restart or a failover does to the pool: every session ends.
        await TerminateStoreSessionsAsync();
        Assert.Equal(0, await StoreSessionsAsync());

        var after = await store.InsertAsync(SampleRecords.NewCall("after", SampleRecords.Start), CancellationToken.None);
        Assert.Equal("after", (await store.GetAsync(after, CancellationToken.None))?.CallId);
        await store.UpdateNotesAsync(ids[0], "王", null, null, CancellationToken.None);
        Assert.Equal(21, (await store.ListAsync(new CallRecordQuery(), CancellationToken.None)).Count);
        Assert.DoesNotContain(_log.Entries, e => e.EventId == 4104);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_the_start_and_the_store_may_start_again()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Port = FreeTcpPort(), Timeout = 3 }.ConnectionString;
        await using var store = new PostgresCallRecordStore(unreachable, "pbx-a:5060", _db.Time, _log);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.InitializeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InsertAsync(SampleRecords.NewCall("early", SampleRecords.Start), CancellationToken.None));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.InitializeAsync(CancellationToken.None));
    }

    private async Task<long> StoreSessionsAsync() => Assert.Single(await _db.RowsAsync(
        $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'CallService %'",
        r => r.GetInt64(0)));

    private async Task TerminateStoreSessionsAsync()
    {
        await _db.RowsAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'CallService %'",
            r => r.GetBoolean(0));
        // pg_terminate_backend only signals: wait until the sessions are gone.
        var deadline = Environment.TickCount64 + 10_000;
        while (await StoreSessionsAsync() > 0)
        {
            Assert.True(Environment.TickCount64 < deadline, "the store's sessions did not end");
            await Task.Delay(10);
        }
    }

    private static int FreeTcpPort()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
