namespace CallService.Tests.Records;

/// <summary>
/// The tests that need a PostgreSQL server share one cluster (see <see cref="PostgresCluster"/>),
/// started once for the collection and stopped after it; each test makes its own database.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

/// <summary>The cluster of the <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL cluster has not started.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public Task<TempPostgresDatabase> CreateDatabaseAsync() => Cluster.CreateDatabaseAsync();
}
