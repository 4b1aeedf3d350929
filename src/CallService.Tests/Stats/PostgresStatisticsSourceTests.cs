using CallService.Callbacks;
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

    protected override ICallbackStore CallbacksOn(StoreDatabase database) =>
        new PostgresCallbackStore(((PostgresStoreDatabase)database).Temp.ConnectionString, TempPostgresDatabase.DefaultNode, database.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

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

    [Fact]
    public async Task The_dashboard_over_generated_calls_gives_the_reference_report_with_and_without_filters()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var settings = new DemoDataSettings { Calls = 1500, Days = 20, LastDay = new DateOnly(2025, 4, 10), Seed = 5, TimeZone = zone };
        CallRecord[] records = [.. new DemoCallGenerator(settings).Generate()];
        await using TempPostgresDatabase database = await postgres.CreateDatabaseAsync();
        PostgresCallRecordStore store = await database.OpenInitializedAsync();
        await Task.WhenAll(records.Select(r => store.InsertAsync(r, CancellationToken.None)));
        var options = new StatisticsOptions { TimeZone = zone };
        await using var source = new PostgresStatisticsSource(database.ConnectionString, options);
        IStatisticsSource reference = new StatisticsCalculator(records, options);
        var query = new StatisticsQuery
        {
            From = ReportTimeZone.StartOfDay(settings.FirstDay, zone),
            To = ReportTimeZone.StartOfDay(settings.LastDay.AddDays(1), zone),
        };
        StatisticsGrouping[] dashboard = [StatisticsGrouping.Agent, StatisticsGrouping.Day, StatisticsGrouping.WeekdayHour];

        // The whole desk, then one line, one desk and one agent as a manager picks them.
        StatisticsQuery[] views = [query, query with { Line = records[0].Line }, query with { Desk = StatisticsKeys.Desk(records[0]) }, query with { Agent = StatisticsKeys.Agent(records[0]) }];
        foreach (StatisticsQuery view in views)
        {
            IReadOnlyList<StatisticsReport> expected = await reference.ComputeAsync(view, dashboard, CancellationToken.None);
            IReadOnlyList<StatisticsReport> actual = await source.ComputeAsync(view, dashboard, CancellationToken.None);
            Assert.True(expected[0].Overall.Received > 0, $"no calls in the view {view}");
            Assert.Equal(expected.Select(StatisticsReportJson.ToJson), actual.Select(StatisticsReportJson.ToJson));
        }
    }
}
