using CallService.Callbacks;
using CallService.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Callbacks;

/// <summary>
/// A database file in its own temp folder, shared by callback and call-record stores as in the
/// service; the stores opened here are disposed and the folder removed when the test ends.
/// </summary>
public sealed class CallbackDatabase : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _stores = [];

    public CallbackDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "callservice-callback-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "callservice.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public static readonly DateTimeOffset Now = new(2025, 3, 8, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Now);

    /// <summary>A callback store on the file (not initialised).</summary>
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

    /// <summary>A call-record store on the same file (not initialised).</summary>
    public SqliteCallRecordStore OpenRecords()
    {
        var store = new SqliteCallRecordStore(FilePath, Time, NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteCallRecordStore> OpenRecordsInitializedAsync()
    {
        SqliteCallRecordStore store = OpenRecords();
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

    /// <summary>A pending request as the recorder would store it, created at <see cref="Now"/> plus <paramref name="createdAfterMinutes"/>.</summary>
    public static CallbackRequest Sample(string callId, double createdAfterMinutes = 0, CallbackStatus status = CallbackStatus.Pending) => new()
    {
        CallId = callId,
        CallerNumber = "+8613800138000",
        CallerDisplayName = "王先生",
        Surname = "王",
        Request = "想了解三房户型的价格",
        AgentId = "alice",
        Line = "sales",
        CreatedAt = Now.AddMinutes(createdAfterMinutes),
        DueAt = Now.AddMinutes(createdAfterMinutes + 15),
        Status = status,
    };

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
