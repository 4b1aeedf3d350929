using CallService.Callbacks;
using CallService.Hosting;
using CallService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Callbacks;

/// <summary>AddCallbacks: the SQLite store on the Storage file, initialised by a hosted service, and the recorder.</summary>
public sealed class CallbackRegistrationTests : IAsyncLifetime
{
    private readonly TempSqliteDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_store_is_ready_once_the_hosted_services_have_started()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_db.Time);
        services.Configure<StorageOptions>(o => o.ConnectionString = $"Data Source={_db.FilePath}");
        services.AddCallbacks();
        await using ServiceProvider provider = services.BuildServiceProvider();

        foreach (IHostedService hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        var recorder = provider.GetRequiredService<CallbackRecorder>();
        CallbackRequest stored = await recorder.RecordAsync(
            new CallService.Calls.CallbackTicket("c-1", "1001", null, "sales", "alice", TempSqliteDatabase.Start), CancellationToken.None);

        ICallbackStore store = provider.GetRequiredService<ICallbackStore>();
        Assert.IsType<SqliteCallbackStore>(store);
        Assert.Equal(stored, await store.GetAsync(stored.Id, CancellationToken.None));
        Assert.True(File.Exists(_db.FilePath));
    }

    [Fact]
    public async Task A_postgres_storage_gets_the_postgres_store_of_this_node()
    {
        var storage = new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Database=callservice", NodeId = "pbx-02:5060" };

        await using ICallbackStore store = CallbackServiceCollectionExtensions.CreateStore(storage, TimeProvider.System, NullLogger.Instance);

        Assert.Equal("pbx-02:5060", Assert.IsType<PostgresCallbackStore>(store).NodeId);
    }
}
