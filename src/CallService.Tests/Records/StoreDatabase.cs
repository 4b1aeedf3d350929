using CallService.Records;
using CallService.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Records;

/// <summary>
/// One test's database behind one kind of store, so that the tests every <see cref="ICallRecordStore"/>
/// must pass are written once and run on SQLite and on a real PostgreSQL.
/// </summary>
public abstract class StoreDatabase : IAsyncDisposable
{
    public abstract FakeTimeProvider Time { get; }

    /// <summary>A store on this database (not initialised), disposed with the database.</summary>
    /// <param name="writerStarting">Runs when the store has migrated and closed its open records, just before its writer starts.</param>
    public abstract ICallRecordStore Open(ILogger? logger = null, Action? writerStarting = null);

    public async Task<ICallRecordStore> OpenInitializedAsync(ILogger? logger = null)
    {
        var store = Open(logger);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>The store's writes queued and not yet taken by its writer.</summary>
    public abstract int PendingWrites(ICallRecordStore store);

    /// <summary>
    /// Another connection takes the write lock and holds it until the result is disposed: writes
    /// wait behind it (the writer takes one, the rest queue), reads go on.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldWriteLockAsync();

    public abstract ValueTask DisposeAsync();
}

/// <summary>A <see cref="TempSqliteDatabase"/> file.</summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    public TempSqliteDatabase Temp { get; } = new();

    public override FakeTimeProvider Time => Temp.Time;

    public override ICallRecordStore Open(ILogger? logger = null, Action? writerStarting = null) =>
        Temp.OpenRecords(logger, new SqliteCallRecordStoreOptions
        {
            // Long enough for a test holding the lock (HoldWriteLockAsync) to let the writer wait, not fail.
            BusyTimeout = TimeSpan.FromSeconds(30),
            WriterConnectionOpened = writerStarting is null ? null : _ => writerStarting(),
        });

    public override int PendingWrites(ICallRecordStore store) => ((SqliteCallRecordStore)store).PendingWrites;

    public override Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = Temp.Connect();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new HeldLock(async () =>
        {
            transaction.Rollback();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }));
    }

    public override ValueTask DisposeAsync() => Temp.DisposeAsync();
}

/// <summary>A <see cref="TempPostgresDatabase"/> on the collection's cluster.</summary>
public sealed class PostgresStoreDatabase(TempPostgresDatabase temp) : StoreDatabase
{
    public TempPostgresDatabase Temp { get; } = temp;

    public static async Task<PostgresStoreDatabase> CreateAsync(PostgresFixture fixture) => new(await fixture.CreateDatabaseAsync());

    public override FakeTimeProvider Time => Temp.Time;

    public override ICallRecordStore Open(ILogger? logger = null, Action? writerStarting = null) =>
        Temp.Open(logger, new PostgresCallRecordStoreOptions { WriterStarting = writerStarting });

    public override int PendingWrites(ICallRecordStore store) => ((PostgresCallRecordStore)store).PendingWrites;

    public override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = await Temp.ConnectAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE call_records IN EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        return new HeldLock(async () =>
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    public override ValueTask DisposeAsync() => Temp.DisposeAsync();
}

/// <summary>A lock held by a test until disposed.</summary>
internal sealed class HeldLock(Func<Task> release) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await release();
}
