using CallService.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Records;

/// <summary>
/// A database file in its own folder under the temp directory, removed with everything SQLite left
/// beside it (-wal, -shm) when the test ends. Opens stores on it and disposes them first.
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly List<SqliteCallRecordStore> _stores = [];

    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "callservice-records-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "calls.db");
    }

    public string Folder { get; }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 8, 1, 30, 0, TimeSpan.Zero));

    /// <summary>A store on this file (not initialised), disposed with the database.</summary>
    public SqliteCallRecordStore Open(ILogger? logger = null, SqliteCallRecordStoreOptions? options = null)
    {
        var store = new SqliteCallRecordStore(FilePath, Time, logger ?? NullLogger.Instance, options);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteCallRecordStore> OpenInitializedAsync(ILogger? logger = null, SqliteCallRecordStoreOptions? options = null)
    {
        var store = Open(logger, options);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A plain connection for looking at the file the way any SQLite tool would.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
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
