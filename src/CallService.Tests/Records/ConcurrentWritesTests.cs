using CallService.Records;

namespace CallService.Tests.Records;

/// <summary>
/// Launch-day shape: many calls at once, each written at start and at every state change. Run on
/// every store: <see cref="SqliteConcurrentWritesTests"/>, <see cref="PostgresConcurrentWritesTests"/>.
/// </summary>
public abstract class ConcurrentWritesTests : IAsyncLifetime
{
    private const int Calls = 2000;
    private StoreDatabase _db = null!;

    /// <summary>A new empty database for one test.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Two_thousand_calls_with_four_updates_each_from_parallel_tasks_are_all_persisted()
    {
        var store = await _db.OpenInitializedAsync();
        var t0 = SampleRecords.Start;

        var ids = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => Task.Run(() => OneCall(store, i, t0.AddMilliseconds(i * 2)))));

        Assert.Equal(Calls, ids.Distinct().Count());
        var all = await store.ListAsync(new CallRecordQuery(), CancellationToken.None);
        Assert.Equal(Calls, all.Count);
        foreach (var record in all)
        {
            var i = int.Parse(record.CallId.AsSpan("launch-".Length), provider: System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(ids[i], record.Id);
            Assert.Equal(Final(i, t0.AddMilliseconds(i * 2)) with { Id = ids[i] }, record);
        }
    }

    private static async Task<long> OneCall(ICallRecordStore store, int i, DateTimeOffset start)
    {
        var record = SampleRecords.NewCall($"launch-{i}", start, i % 3 == 0 ? "rent" : "sales");
        var id = await store.InsertAsync(record, CancellationToken.None);
        record = record with { Id = id, RingStartedAt = start.AddMilliseconds(300) };
        await store.UpdateAsync(record, CancellationToken.None);
        record = record with { AnsweredAt = start.AddSeconds(8), AnsweredBy = $"agent-{i % 17}", AgentAnsweredAt = start.AddSeconds(8), AgentId = $"agent-{i % 17}", Rings = 1.54 };
        await store.UpdateAsync(record, CancellationToken.None);
        record = record with { HoldCount = 1, HoldSeconds = i % 40, LongestHoldSeconds = i % 40, CallbackOffered = i % 40 >= 30 };
        await store.UpdateAsync(record, CancellationToken.None);
        record = record with { EndedAt = start.AddMinutes(2), Outcome = CallOutcome.Answered, EndedBy = i % 2 == 0 ? CallEndedBy.Caller : CallEndedBy.Agent };
        await store.UpdateAsync(record, CancellationToken.None);
        return id;
    }

    private static CallRecord Final(int i, DateTimeOffset start) =>
        SampleRecords.NewCall($"launch-{i}", start, i % 3 == 0 ? "rent" : "sales") with
        {
            RingStartedAt = start.AddMilliseconds(300),
            AnsweredAt = start.AddSeconds(8),
            AnsweredBy = $"agent-{i % 17}",
            AgentAnsweredAt = start.AddSeconds(8),
            AgentId = $"agent-{i % 17}",
            Rings = 1.5,
            HoldCount = 1,
            HoldSeconds = i % 40,
            LongestHoldSeconds = i % 40,
            CallbackOffered = i % 40 >= 30,
            EndedAt = start.AddMinutes(2),
            Outcome = CallOutcome.Answered,
            EndedBy = i % 2 == 0 ? CallEndedBy.Caller : CallEndedBy.Agent,
        };
}

/// <summary><see cref="ConcurrentWritesTests"/> on SQLite.</summary>
public sealed class SqliteConcurrentWritesTests : ConcurrentWritesTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteStoreDatabase());
}

/// <summary><see cref="ConcurrentWritesTests"/> on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrentWritesTests(PostgresFixture postgres) : ConcurrentWritesTests
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => await PostgresStoreDatabase.CreateAsync(postgres);
}
