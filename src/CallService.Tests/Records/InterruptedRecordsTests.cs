using CallService.Records;

namespace CallService.Tests.Records;

/// <summary>
/// At start, the calls a crashed run left open are closed as interrupted; finished ones stay as they
/// were. Run on every store: <see cref="SqliteInterruptedRecordsTests"/>, <see cref="PostgresInterruptedRecordsTests"/>.
/// </summary>
public abstract class InterruptedRecordsTests : IAsyncLifetime
{
    private StoreDatabase _db = null!;

    /// <summary>A new empty database for one test.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Open_records_are_closed_as_interrupted_by_the_service_at_start_and_finished_ones_are_untouched()
    {
        var before = await _db.OpenInitializedAsync();
        var finished = SampleRecords.Full("finished");
        var finishedId = await before.InsertAsync(finished, CancellationToken.None);
        var abandoned = SampleRecords.NewCall("abandoned", SampleRecords.Start) with
        {
            RingStartedAt = SampleRecords.Start.AddSeconds(1),
            EndedAt = SampleRecords.Start.AddSeconds(9),
            Outcome = CallOutcome.Abandoned,
            EndedBy = CallEndedBy.Caller,
        };
        var abandonedId = await before.InsertAsync(abandoned, CancellationToken.None);
        var ringing = SampleRecords.NewCall("ringing", SampleRecords.Start.AddMinutes(1)) with { RingStartedAt = SampleRecords.Start.AddMinutes(1).AddSeconds(0.4) };
        var ringingId = await before.InsertAsync(ringing, CancellationToken.None);
        var talking = SampleRecords.Full("talking") with { EndedAt = null, Outcome = CallOutcome.Answered, EndedBy = null };
        var talkingId = await before.InsertAsync(talking, CancellationToken.None);
        await before.DisposeAsync();

        _db.Time.Advance(TimeSpan.FromMinutes(7));
        var now = _db.Time.GetUtcNow();
        var after = _db.Open();
        Assert.Equal(2, await after.InitializeAsync(CancellationToken.None));

        Assert.Equal(finished with { Id = finishedId, Rings = 2.3 }, await after.GetAsync(finishedId, CancellationToken.None));
        Assert.Equal(abandoned with { Id = abandonedId }, await after.GetAsync(abandonedId, CancellationToken.None));
        Assert.Equal(
            ringing with { Id = ringingId, EndedAt = now, Outcome = CallOutcome.Interrupted, EndedBy = CallEndedBy.Service },
            await after.GetAsync(ringingId, CancellationToken.None));
        Assert.Equal(
            talking with { Id = talkingId, Rings = 2.3, EndedAt = now, Outcome = CallOutcome.Interrupted, EndedBy = CallEndedBy.Service },
            await after.GetAsync(talkingId, CancellationToken.None));
    }

    [Fact]
    public async Task A_clean_start_closes_nothing()
    {
        var first = await _db.OpenInitializedAsync();
        await first.InsertAsync(SampleRecords.Full("done"), CancellationToken.None);
        await first.DisposeAsync();

        Assert.Equal(0, await _db.Open().InitializeAsync(CancellationToken.None));
    }
}

/// <summary><see cref="InterruptedRecordsTests"/> on SQLite.</summary>
public sealed class SqliteInterruptedRecordsTests : InterruptedRecordsTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteStoreDatabase());
}

/// <summary><see cref="InterruptedRecordsTests"/> on a real PostgreSQL (one node; see PostgresNodeTests for several).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresInterruptedRecordsTests(PostgresFixture postgres) : InterruptedRecordsTests
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => await PostgresStoreDatabase.CreateAsync(postgres);
}
