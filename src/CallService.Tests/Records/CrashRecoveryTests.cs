using CallService.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Records;

/// <summary>
/// kill -9 in-process: a store is abandoned (never disposed, its connections left open) and a second
/// store opens the same database, as the restarted service would. Run on every store:
/// <see cref="SqliteCrashRecoveryTests"/>, <see cref="PostgresCrashRecoveryTests"/>.
/// </summary>
public abstract class CrashRecoveryTests : IAsyncLifetime
{
    private StoreDatabase _db = null!;

    /// <summary>A new empty database for one test.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected StoreDatabase Db => _db;

    [Fact]
    public async Task Every_awaited_write_of_an_abandoned_store_is_found_by_the_next_one()
    {
        var crashed = await _db.OpenInitializedAsync();
        var (finished, open) = await WriteCallsAsync(crashed);

        // The crash: "crashed" is never disposed before the restart (the test's database closes it after the test).
        _db.Time.Advance(TimeSpan.FromMinutes(3));
        var restarted = _db.Open();
        Assert.Equal(open.Length, await restarted.InitializeAsync(CancellationToken.None));

        await AssertRecoveredAsync(restarted, finished, open, _db.Time.GetUtcNow());
    }

    protected static async Task<(Dictionary<long, CallRecord> Finished, CallRecord[] Open)> WriteCallsAsync(ICallRecordStore store)
    {
        var finished = new Dictionary<long, CallRecord>();
        // Finished calls, each written at start and at every change, every write awaited.
        for (var i = 0; i < 200; i++)
        {
            var record = SampleRecords.NewCall($"done-{i}", SampleRecords.Start.AddSeconds(i));
            var id = await store.InsertAsync(record, CancellationToken.None);
            record = record with { Id = id, RingStartedAt = record.StartedAt.AddSeconds(0.5) };
            await store.UpdateAsync(record, CancellationToken.None);
            record = record with { AnsweredAt = record.StartedAt.AddSeconds(6), AnsweredBy = "agent-1", Rings = 1.1, AgentAnsweredAt = record.StartedAt.AddSeconds(6), AgentId = "agent-1" };
            await store.UpdateAsync(record, CancellationToken.None);
            record = record with { EndedAt = record.StartedAt.AddSeconds(60), Outcome = CallOutcome.Answered, EndedBy = CallEndedBy.Agent };
            await store.UpdateAsync(record, CancellationToken.None);
            await store.UpdateNotesAsync(id, "张", "女士", $"request {i}", CancellationToken.None);
            finished[id] = record with { Surname = "张", Honorific = "女士", Request = $"request {i}" };
        }
        // Calls still in progress at the crash, written concurrently.
        var open = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var record = SampleRecords.NewCall($"open-{i}", SampleRecords.Start.AddHours(1).AddSeconds(i));
            var id = await store.InsertAsync(record, CancellationToken.None);
            record = record with { Id = id, RingStartedAt = record.StartedAt.AddSeconds(0.4) };
            await store.UpdateAsync(record, CancellationToken.None);
            return record;
        }));
        return (finished, open);
    }

    protected static async Task AssertRecoveredAsync(ICallRecordStore restarted, Dictionary<long, CallRecord> finished, CallRecord[] open, DateTimeOffset now)
    {
        var all = await restarted.ListAsync(new CallRecordQuery(), CancellationToken.None);
        Assert.Equal(finished.Count + open.Length, all.Count);
        foreach (var (id, record) in finished)
        {
            Assert.Equal(record, await restarted.GetAsync(id, CancellationToken.None));
        }
        foreach (var record in open)
        {
            Assert.Equal(
                record with { EndedAt = now, Outcome = CallOutcome.Interrupted, EndedBy = CallEndedBy.Service },
                await restarted.GetAsync(record.Id, CancellationToken.None));
        }
    }
}

/// <summary>
/// <see cref="CrashRecoveryTests"/> on SQLite, where an abandoned store also leaves its connection
/// open and its WAL never checkpointed; and what kill -9 leaves on disk alone.
/// </summary>
public sealed class SqliteCrashRecoveryTests : CrashRecoveryTests
{
    private TempSqliteDatabase Temp => ((SqliteStoreDatabase)Db).Temp;

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteStoreDatabase());

    [Fact]
    public async Task The_files_on_disk_alone_hold_every_awaited_write()
    {
        var crashed = await Temp.OpenRecordsInitializedAsync();
        var (finished, open) = await WriteCallsAsync(crashed);
        // What kill -9 leaves: the database and its WAL as the OS has them, with the writer's
        // connection still open (no checkpoint, no clean close). Without the -shm file the next
        // open must rebuild its index from the WAL, as after a reboot.
        Assert.True(new FileInfo(Temp.FilePath + "-wal").Length > 0, "the commits should still be in the WAL");
        await using var copy = new TempSqliteDatabase();
        File.Copy(Temp.FilePath, copy.FilePath);
        File.Copy(Temp.FilePath + "-wal", copy.FilePath + "-wal");

        copy.Time.Advance(TimeSpan.FromHours(1));
        var restarted = copy.OpenRecords();
        Assert.Equal(open.Length, await restarted.InitializeAsync(CancellationToken.None));

        await AssertRecoveredAsync(restarted, finished, open, copy.Time.GetUtcNow());
    }
}

/// <summary><see cref="CrashRecoveryTests"/> on a real PostgreSQL: the abandoned store's pooled connections stay open.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashRecoveryTests(PostgresFixture postgres) : CrashRecoveryTests
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => await PostgresStoreDatabase.CreateAsync(postgres);
}
