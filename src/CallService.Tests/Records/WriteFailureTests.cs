using CallService.Records;
using CallService.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Records;

/// <summary>
/// A failed write faults its own Task, is logged with its call id, and the writer goes on: a full
/// disk (PRAGMA max_page_count on the writer's connection) and a database locked by another process.
/// </summary>
public sealed class WriteFailureTests : IAsyncLifetime
{
    private const int SqliteBusy = 5;
    private const int SqliteFull = 13;
    private readonly TempSqliteDatabase _db = new();
    private readonly RecordingLogger _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A disk with room for small records only: about 40 more pages of 4 KiB.</summary>
    private SqliteCallRecordStoreOptions NearlyFullDisk => new()
    {
        WriterConnectionOpened = connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count;";
            var pages = (long)command.ExecuteScalar()!;
            command.CommandText = $"PRAGMA max_page_count = {pages + 40};";
            command.ExecuteNonQuery();
        },
    };

    private static CallRecord Huge(string callId) =>
        SampleRecords.NewCall(callId, SampleRecords.Start) with { Request = new string('x', 1_000_000) };

    [Fact]
    public async Task A_write_on_a_full_disk_fails_is_logged_with_its_call_id_and_the_writer_goes_on()
    {
        var store = await _db.OpenRecordsInitializedAsync(_log, NearlyFullDisk);

        var error = await Assert.ThrowsAsync<SqliteException>(() => store.InsertAsync(Huge("too-big@pbx"), CancellationToken.None));
        Assert.Equal(SqliteFull, error.SqliteErrorCode);

        var failure = Assert.Single(_log.Entries, e => e.EventId == 4104);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal("too-big@pbx", failure.Properties["CallId"]);
        Assert.Same(error, failure.Exception);

        var id = await store.InsertAsync(SampleRecords.NewCall("fits@pbx", SampleRecords.Start), CancellationToken.None);
        Assert.Equal("fits@pbx", (await store.GetAsync(id, CancellationToken.None))?.CallId);
        Assert.Null(await store.FindByCallIdAsync("too-big@pbx", CancellationToken.None));
    }

    [Fact]
    public async Task One_failing_write_among_many_pending_fails_alone()
    {
        var store = await _db.OpenRecordsInitializedAsync(_log, NearlyFullDisk with { BusyTimeout = TimeSpan.FromSeconds(30) });
        var existing = await store.InsertAsync(SampleRecords.NewCall("existing", SampleRecords.Start), CancellationToken.None);
        List<Task<long>> small;
        Task<long> tooBig;
        Task unknown;
        Task update;

        // Another connection holds the write lock while the writes queue up, so the writer (waiting
        // for the lock) finds them all pending at once and puts them in shared transactions.
        using (var other = _db.Connect())
        using (var hold = other.BeginTransaction(deferred: false))
        {
            small = [.. Enumerable.Range(0, 100)
                .Select(i => store.InsertAsync(SampleRecords.NewCall($"small-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None))];
            tooBig = store.InsertAsync(Huge("too-big"), CancellationToken.None);
            unknown = store.UpdateAsync(SampleRecords.NewCall("unknown", SampleRecords.Start) with { Id = 777_777 }, CancellationToken.None);
            update = store.UpdateAsync(SampleRecords.NewCall("existing", SampleRecords.Start) with { Id = existing, Desk = "bar" }, CancellationToken.None);
            small.AddRange(Enumerable.Range(100, 100)
                .Select(i => store.InsertAsync(SampleRecords.NewCall($"small-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None)));
            Assert.False(tooBig.IsCompleted);
            hold.Rollback();
        }

        await Assert.ThrowsAsync<SqliteException>(() => tooBig);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => unknown);
        await update;
        var ids = await Task.WhenAll(small);

        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(201, (await store.ListAsync(new CallRecordQuery(), CancellationToken.None)).Count);
        Assert.Equal("bar", (await store.GetAsync(existing, CancellationToken.None))?.Desk);
        Assert.Contains(_log.Entries, e => e.EventId == 4105);
        Assert.Contains(_log.Entries, e => e.EventId == 4104 && Equals(e.Properties["CallId"], "too-big"));
        Assert.Contains(_log.Entries, e => e.EventId == 4104 && Equals(e.Properties["CallId"], "unknown") && Equals(e.Properties["RecordId"], 777_777L));
        Assert.Equal(2, _log.Entries.Count(e => e.EventId == 4104));
    }

    [Fact]
    public async Task A_write_while_another_process_holds_the_lock_fails_and_the_next_one_succeeds()
    {
        var store = await _db.OpenRecordsInitializedAsync(_log, new SqliteCallRecordStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(100) });
        var id = await store.InsertAsync(SampleRecords.NewCall("before-lock", SampleRecords.Start), CancellationToken.None);

        using (var other = _db.Connect())
        using (var hold = other.BeginTransaction(deferred: false))
        {
            var error = await Assert.ThrowsAsync<SqliteException>(() => store.UpdateAsync(
                SampleRecords.NewCall("before-lock", SampleRecords.Start) with { Id = id, Desk = "locked-out" }, CancellationToken.None));
            Assert.Equal(SqliteBusy, error.SqliteErrorCode);

            // Readers are not blocked by a writer in WAL mode.
            Assert.Equal("before-lock", (await store.GetAsync(id, CancellationToken.None))?.CallId);
            hold.Rollback();
        }

        Assert.Contains(_log.Entries, e => e.EventId == 4104 && Equals(e.Properties["CallId"], "before-lock"));
        await store.UpdateAsync(SampleRecords.NewCall("before-lock", SampleRecords.Start) with { Id = id, Desk = "after-lock" }, CancellationToken.None);
        Assert.Equal("after-lock", (await store.GetAsync(id, CancellationToken.None))?.Desk);
    }
}
