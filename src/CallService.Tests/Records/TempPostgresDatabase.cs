using CallService.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CallService.Tests.Records;

/// <summary>
/// A database of its own for one test on the shared cluster, dropped (with every connection still
/// open to it) when the test ends. Opens stores on it and disposes them first.
/// </summary>
public sealed class TempPostgresDatabase : IAsyncDisposable
{
    /// <summary>The node id of the stores opened without one.</summary>
    public const string DefaultNode = "test-node:5060";

    private readonly PostgresCluster _cluster;
    private readonly List<PostgresCallRecordStore> _stores = [];

    internal TempPostgresDatabase(PostgresCluster cluster, string name, string connectionString)
    {
        _cluster = cluster;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>An Npgsql connection string to this database (superuser).</summary>
    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 8, 1, 30, 0, TimeSpan.Zero));

    /// <summary>A store on this database (not initialised), disposed with the database.</summary>
    public PostgresCallRecordStore Open(
        ILogger? logger = null, PostgresCallRecordStoreOptions? options = null, string node = DefaultNode, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        var store = new PostgresCallRecordStore(ConnectionString, node, Time, logger ?? NullLogger.Instance, options, migrations ?? PostgresMigrations.All);
        lock (_stores)
        {
            _stores.Add(store);
        }
        return store;
    }

    public async Task<PostgresCallRecordStore> OpenInitializedAsync(ILogger? logger = null, PostgresCallRecordStoreOptions? options = null, string node = DefaultNode)
    {
        var store = Open(logger, options, node);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A plain connection (no pool) for looking at the database the way psql would.</summary>
    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, ApplicationName = "test" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The rows of a query, each read by <paramref name="read"/>.</summary>
    public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        PostgresCallRecordStore[] stores;
        lock (_stores)
        {
            stores = [.. _stores];
        }
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
        await _cluster.ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
