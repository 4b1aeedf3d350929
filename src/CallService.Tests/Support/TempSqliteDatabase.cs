using CallService.Callbacks;
using CallService.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Support;

/// <summary>
/// A SQLite database file in its own folder under the temp directory, shared by call-record and
/// callback stores as in the service. The stores opened here are disposed first, then the folder is
/// removed with everything SQLite left beside the file (-wal, -shm) when the test ends.
/// </summary>
public sealed class TempSqliteDatabase : IAsyncDisposable
{
    /// <summary>The instant <see cref="Time"/> starts at.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 8, 2, 0, 0, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _stores = [];

    public TempSqliteDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "callservice-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "callservice.db");
    }

    public string Folder { get; }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A call-record store on the file (not initialised), disposed with the database.</summary>
    public SqliteCallRecordStore OpenRecords(ILogger? logger = null, SqliteCallRecordStoreOptions? options = null)
    {
        var store = new SqliteCallRecordStore(FilePath, Time, logger ?? NullLogger.Instance, options);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteCallRecordStore> OpenRecordsInitializedAsync(ILogger? logger = null, SqliteCallRecordStoreOptions? options = null)
    {
        SqliteCallRecordStore store = OpenRecords(logger, options);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A callback store on the same file (not initialised), disposed with the database.</summary>
    public SqliteCallbackStore OpenCallbacks(ILogger? logger = null)
    {
        var store = new SqliteCallbackStore(FilePath, Time, logger ?? NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteCallbackStore> OpenCallbacksInitializedAsync(ILogger? logger = null)
    {
        SqliteCallbackStore store = OpenCallbacks(logger);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A plain connection, to look at the file as any SQLite tool would.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable store in _stores)
        {
            await store.DisposeAsync();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is no test failure.
        }
    }
}
