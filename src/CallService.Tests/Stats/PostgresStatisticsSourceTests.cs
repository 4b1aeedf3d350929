using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;

namespace CallService.Tests.Stats;

/// <summary>The shared statistics tests (<see cref="StatisticsSourceTests"/>) on a real PostgreSQL, and what only it has.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatisticsSourceTests(PostgresFixture postgres) : StatisticsSourceTests
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => await PostgresStoreDatabase.CreateAsync(postgres);

    protected override IStatisticsSource SourceOn(StoreDatabase database, StatisticsOptions options) =>
        new PostgresStatisticsSource(((PostgresStoreDatabase)database).Temp.ConnectionString, options);

    [Fact]
    public async Task A_database_no_node_has_run_on_gives_zeros()
    {
        await using TempPostgresDatabase database = await postgres.CreateDatabaseAsync();
        await using var source = new PostgresStatisticsSource(database.ConnectionString, StatisticsFixture.Options);

        StatisticsReport report = await source.ComputeAsync(StatisticsFixture.Query(StatisticsGrouping.Hour), CancellationToken.None);

        Assert.Equal(0, report.Overall.Received);
        Assert.Equal(24, report.Groups.Count);
    }

    [Fact]
    public async Task Records_written_by_two_nodes_are_counted_together()
    {
        await using TempPostgresDatabase database = await postgres.CreateDatabaseAsync();
        PostgresCallRecordStore a = await database.OpenInitializedAsync(node: "pbx-a:5060");
        PostgresCallRecordStore b = await database.OpenInitializedAsync(node: "pbx-b:5060");
        IReadOnlyList<CallRecord> all = StatisticsFixture.All;
        await Task.WhenAll(all.Select((r, i) => (i % 2 == 0 ? a : b).InsertAsync(r, CancellationToken.None)));
        await using var source = new PostgresStatisticsSource(database.ConnectionString, StatisticsFixture.Options);

        StatisticsReport report = await source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None);

        Assert.Equal(16, report.Overall.Received);
        Assert.Equal(5.0 / 13, report.Overall.ServiceLevel);
    }
}
