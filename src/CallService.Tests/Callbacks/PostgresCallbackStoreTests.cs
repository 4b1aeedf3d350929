using CallService.Callbacks;
using CallService.Tests.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CallService.Tests.Callbacks;

/// <summary>The PostgreSQL callback store: the store contract (<see cref="CallbackStoreTests"/>) on a real
/// server, and what several nodes sharing the database need.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCallbackStoreTests(PostgresFixture postgres) : CallbackStoreTests, IAsyncLifetime
{
    private readonly List<ICallbackStore> _stores = [];
    private TempPostgresDatabase? _db;

    private TempPostgresDatabase Db => _db ?? throw new InvalidOperationException("No database yet.");

    protected override FakeTimeProvider Time => Db.Time;

    public async Task InitializeAsync() => _db = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (ICallbackStore store in _stores)
        {
            await store.DisposeAsync();
        }
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    protected override ICallbackStore Open(ILogger? logger = null) => Open(logger, TempPostgresDatabase.DefaultNode);

    private PostgresCallbackStore Open(ILogger? logger, string node)
    {
        var store = new PostgresCallbackStore(Db.ConnectionString, node, Db.Time, logger ?? NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task A_node_starting_again_ends_only_its_own_interrupted_attempts_not_another_nodes_call_in_progress()
    {
        PostgresCallbackStore a = Open(null, "node-a:5060");
        PostgresCallbackStore b = Open(null, "node-b:5060");
        await a.InitializeAsync(CancellationToken.None);
        await b.InitializeAsync(CancellationToken.None);
        CallbackRequest ofA = await a.AddAsync(SampleCallbacks.Request("c-a"), CancellationToken.None);
        CallbackRequest ofB = await a.AddAsync(SampleCallbacks.Request("c-b"), CancellationToken.None);
        await a.BeginAttemptAsync(ofA.Id, CancellationToken.None);
        await b.BeginAttemptAsync(ofB.Id, CancellationToken.None); // node b is on the phone right now

        PostgresCallbackStore aAgain = Open(null, "node-a:5060"); // node a restarts after a crash
        Assert.Equal(1, await aAgain.InitializeAsync(CancellationToken.None));

        Assert.Equal(CallbackStatus.Failed, (await aAgain.GetAsync(ofA.Id, CancellationToken.None))!.Status);
        Assert.Equal(CallbackStatus.Calling, (await aAgain.GetAsync(ofB.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_database_with_the_version_1_table_is_upgraded_in_place_keeping_its_requests()
    {
        await using (NpgsqlConnection connection = await Db.ConnectAsync())
        {
            await using var command = new NpgsqlCommand(PostgresCallbackSchema.Create
                + "INSERT INTO callbacks (call_id, caller_number, line, created_at, due_at, status, attempts) VALUES ('old', '1001', 'sales', now(), now(), 'pending', 2);",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest old = Assert.Single(await store.ListAsync(null, CancellationToken.None));
        Assert.Equal(("old", 2, (DateTimeOffset?)null), (old.CallId, old.Attempts, old.CompletedAt));
        CallbackChange done = await store.ChangeStatusAsync(old.Id, CallbackStatus.Done, "talked", CancellationToken.None);
        Assert.Equal(Time.GetUtcNow(), done.Callback!.CompletedAt);

        // Opening it again applies nothing twice.
        ICallbackStore again = await OpenInitializedAsync();
        Assert.Equal(done.Callback, await again.GetAsync(old.Id, CancellationToken.None));
        await using NpgsqlConnection check = await Db.ConnectAsync();
        await using var version = new NpgsqlCommand("SELECT string_agg(version::text, ',') FROM callbacks_schema_version;", check);
        Assert.Equal("2", await version.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Nodes_starting_together_create_the_table_once_and_the_table_refuses_an_unknown_status()
    {
        PostgresCallbackStore[] nodes = [.. Enumerable.Range(0, 4).Select(i => Open(null, $"node-{i}:5060"))];
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.InitializeAsync(CancellationToken.None))));

        await using NpgsqlConnection connection = await Db.ConnectAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO callbacks (call_id, caller_number, line, created_at, due_at, status) VALUES ('x', '1', 'sales', now(), now(), 'later');", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
