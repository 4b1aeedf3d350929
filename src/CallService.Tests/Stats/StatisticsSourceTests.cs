using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;

namespace CallService.Tests.Stats;

/// <summary>
/// Every store's <see cref="IStatisticsSource"/> against the in-memory reference: the same records in
/// a real database give the same report, to the last digit (compared as JSON), for every grouping and
/// filter, in a zone with and one without daylight saving. Run on SQLite
/// (<see cref="SqliteStatisticsSourceTests"/>) and on a real PostgreSQL (<see cref="PostgresStatisticsSourceTests"/>).
/// </summary>
public abstract class StatisticsSourceTests
{
    protected static readonly StatisticsGrouping[] AllGroupings = Enum.GetValues<StatisticsGrouping>();

    /// <summary>A new empty database of the store under test.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    /// <summary>The store's statistics source on <paramref name="database"/>.</summary>
    protected abstract IStatisticsSource SourceOn(StoreDatabase database, StatisticsOptions options);

    [Fact]
    public async Task The_fixture_gives_the_same_report_in_the_store_for_every_grouping_and_filter()
    {
        await using StoreDatabase database = await CreateDatabaseAsync();
        await InsertAsync(database, StatisticsFixture.All);
        IStatisticsSource store = SourceOn(database, StatisticsFixture.Options);
        var reference = new StatisticsCalculator(StatisticsFixture.All, StatisticsFixture.Options);

        StatisticsQuery[] filters =
        [
            StatisticsFixture.Query(),
            StatisticsFixture.Query() with { Line = "bar" },
            StatisticsFixture.Query() with { Desk = "(none)" },
            StatisticsFixture.Query() with { Agent = "auto" },
            StatisticsFixture.Query() with { Agent = "li.na", Line = "sales", Desk = "front-desk" },
            StatisticsFixture.Query() with { Agent = "zhou.li" }, // an agent with no calls
            StatisticsFixture.Query() with { From = StatisticsFixture.Local(3, 0, 0) }, // only the 3rd
        ];
        foreach (StatisticsQuery filter in filters)
        {
            foreach (StatisticsGrouping by in AllGroupings)
            {
                await AssertSameAsync(reference, store, filter with { By = by });
            }
        }

        // And the hand-worked figures, straight from the store.
        CallStatistics overall = (await store.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None)).Overall;
        Assert.Equal(5.0 / 13, overall.ServiceLevel);
        Assert.Equal(new ValueSummary(8, 11.0, 10.0, 22.5, 22.5), overall.TimeToAnswerSeconds);
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/London")] // clocks go forward on 2025-03-30, inside the period
    public async Task Generated_calls_give_the_same_report_in_the_store(string zoneId)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var settings = new DemoDataSettings { Calls = 3000, Days = 40, LastDay = new DateOnly(2025, 4, 10), Seed = 7, TimeZone = zone };
        CallRecord[] records = [.. new DemoCallGenerator(settings).Generate()];
        await using StoreDatabase database = await CreateDatabaseAsync();
        await InsertAsync(database, records);
        var options = new StatisticsOptions { TimeZone = zone, TargetRingsByLine = new Dictionary<string, int> { ["bar"] = 3 } };
        IStatisticsSource store = SourceOn(database, options);
        var reference = new StatisticsCalculator(records, options);
        var query = new StatisticsQuery
        {
            From = ReportTimeZone.StartOfDay(settings.FirstDay, zone),
            To = ReportTimeZone.StartOfDay(settings.LastDay.AddDays(1), zone),
        };

        foreach (StatisticsGrouping by in AllGroupings)
        {
            await AssertSameAsync(reference, store, query with { By = by });
        }
        await AssertSameAsync(reference, store, query with { By = StatisticsGrouping.Agent, Line = "sales" });
        // A period that starts and ends mid-day.
        await AssertSameAsync(reference, store, query with { From = query.From.AddHours(30.5), To = query.To.AddHours(-7), By = StatisticsGrouping.Hour });

        StatisticsReport report = await store.ComputeAsync(query with { By = StatisticsGrouping.Day }, CancellationToken.None);
        Assert.Equal(3000, report.Overall.Received);
        Assert.Equal(40, report.Groups.Count);
        Assert.True(report.Overall.AnsweredByAgent > 0 && report.Overall.PickedUpFromQueue > 0 && report.Overall.ShortAbandons > 0);
    }

    [Fact]
    public async Task Several_groupings_at_once_equal_one_at_a_time()
    {
        await using StoreDatabase database = await CreateDatabaseAsync();
        await InsertAsync(database, StatisticsFixture.All);
        IStatisticsSource store = SourceOn(database, StatisticsFixture.Options);
        StatisticsGrouping[] dashboard = [StatisticsGrouping.Agent, StatisticsGrouping.Day, StatisticsGrouping.Hour, StatisticsGrouping.None];

        IReadOnlyList<StatisticsReport> together = await store.ComputeAsync(StatisticsFixture.Query(), dashboard, CancellationToken.None);

        Assert.Equal(dashboard.Length, together.Count);
        for (int i = 0; i < dashboard.Length; i++)
        {
            StatisticsReport alone = await store.ComputeAsync(StatisticsFixture.Query(dashboard[i]), CancellationToken.None);
            Assert.Equal(StatisticsReportJson.ToJson(alone), StatisticsReportJson.ToJson(together[i]));
        }
        // The interface's default (one grouping at a time) gives the same, as the in-memory source uses it.
        IStatisticsSource reference = new StatisticsCalculator(StatisticsFixture.All, StatisticsFixture.Options);
        IReadOnlyList<StatisticsReport> expected = await reference.ComputeAsync(StatisticsFixture.Query(), dashboard, CancellationToken.None);
        Assert.Equal(expected.Select(StatisticsReportJson.ToJson), together.Select(StatisticsReportJson.ToJson));
    }

    private static async Task AssertSameAsync(IStatisticsSource reference, IStatisticsSource store, StatisticsQuery query)
    {
        string expected = StatisticsReportJson.ToJson(await reference.ComputeAsync(query, CancellationToken.None));
        string actual = StatisticsReportJson.ToJson(await store.ComputeAsync(query, CancellationToken.None));
        Assert.True(expected == actual, $"The store's report differs from the reference for {query}:\nexpected {expected}\nactual {actual}");
    }

    /// <summary>Writes the records through the store itself, as the service does.</summary>
    protected static async Task InsertAsync(StoreDatabase database, IEnumerable<CallRecord> records)
    {
        ICallRecordStore store = await database.OpenInitializedAsync();
        await Task.WhenAll(records.Select(r => store.InsertAsync(r, CancellationToken.None)));
    }
}
