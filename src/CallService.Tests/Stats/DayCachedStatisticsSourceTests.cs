using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;

namespace CallService.Tests.Stats;

/// <summary>
/// The day cache over the SQLite source: the same report as the reference, from the store the first
/// time and from the cache after; a day whose records change (a new record, a call still open, a call
/// that ends) is computed again.
/// </summary>
public sealed class DayCachedStatisticsSourceTests
{
    private static readonly StatisticsGrouping[] Dashboard = [StatisticsGrouping.Agent, StatisticsGrouping.Day, StatisticsGrouping.WeekdayHour, StatisticsGrouping.None];

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/London")] // a 23-hour day inside the period
    public async Task Reports_from_the_cache_equal_the_reference_for_whole_and_partial_days(string zoneId)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var settings = new DemoDataSettings { Calls = 3000, Days = 40, LastDay = new DateOnly(2025, 4, 10), Seed = 11, TimeZone = zone };
        CallRecord[] records = [.. new DemoCallGenerator(settings).Generate()];
        await using var database = new TempDatabase();
        await SqliteStatisticsSourceTests.InsertAsync(database, records);
        var options = new StatisticsOptions { TimeZone = zone, TargetRingsByLine = new Dictionary<string, int> { ["bar"] = 3 } };
        var cached = new DayCachedStatisticsSource(new SqliteStatisticsSource(database.FilePath, options));
        IStatisticsSource reference = new StatisticsCalculator(records, options);
        var whole = new StatisticsQuery
        {
            From = ReportTimeZone.StartOfDay(settings.FirstDay, zone),
            To = ReportTimeZone.StartOfDay(settings.LastDay.AddDays(1), zone),
        };
        StatisticsQuery partial = whole with { From = whole.From.AddHours(30.5), To = whole.To.AddHours(-7) };

        await AssertSameAsync(reference, cached, whole, Dashboard);
        Assert.Equal(40, cached.DaysComputed);
        Assert.Equal(0, cached.DaysReused);

        await AssertSameAsync(reference, cached, whole, Dashboard);
        Assert.Equal(40, cached.DaysComputed);
        Assert.Equal(40, cached.DaysReused);

        // A period inside the first: its whole days come from the cache, its ends from the store.
        await AssertSameAsync(reference, cached, partial, Dashboard);
        Assert.Equal(40, cached.DaysComputed);
        Assert.InRange(cached.DaysReused, 40 + 36, 40 + 38);

        // Another shape (a filter, other groupings) is computed on its own.
        await AssertSameAsync(reference, cached, whole with { Line = "sales" }, [StatisticsGrouping.Hour]);
        Assert.Equal(80, cached.DaysComputed);
        foreach (StatisticsGrouping by in Enum.GetValues<StatisticsGrouping>())
        {
            await AssertSameAsync(reference, cached, whole, [by]);
        }
    }

    [Fact]
    public async Task A_day_whose_records_change_is_computed_again()
    {
        await using var database = new TempDatabase();
        SqliteCallRecordStore store = await database.OpenInitializedAsync();
        var records = StatisticsFixture.All.ToList();
        await Task.WhenAll(records.Select(r => store.InsertAsync(r, CancellationToken.None)));
        var cached = new DayCachedStatisticsSource(new SqliteStatisticsSource(database.FilePath, StatisticsFixture.Options));
        StatisticsQuery query = StatisticsFixture.Query();

        // The fixture's 2nd has a call still ringing (R10): that day is computed every time.
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(2, cached.DaysComputed);
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(3, cached.DaysComputed);
        Assert.Equal(1, cached.DaysReused);

        // A late finished record on the 3rd: that day again.
        CallRecord late = StatisticsFixture.All[1] with { CallId = "late", StartedAt = StatisticsFixture.Local(3, 21, 0) };
        await store.InsertAsync(late, CancellationToken.None);
        records.Add(late);
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(5, cached.DaysComputed);

        // A call still ringing on the second day: computed each time while it is open...
        CallRecord open = new()
        {
            CallId = "open",
            CallerNumber = "13800000000",
            Line = "sales",
            Desk = "front-desk",
            StartedAt = StatisticsFixture.Local(3, 22, 0),
            RingStartedAt = StatisticsFixture.Local(3, 22, 0, 0, 500),
        };
        long openId = await store.InsertAsync(open, CancellationToken.None);
        records.Add(open);
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(9, cached.DaysComputed);

        // ...and once more when it ends: answered by li.na at 1.5 rings.
        CallRecord answered = open with
        {
            Id = openId,
            AnsweredAt = StatisticsFixture.Local(3, 22, 0, 8),
            AnsweredBy = "li.na",
            AgentId = "li.na",
            AgentAnsweredAt = StatisticsFixture.Local(3, 22, 0, 8),
            Rings = 1.5,
            EndedAt = StatisticsFixture.Local(3, 22, 2),
            Outcome = CallOutcome.Answered,
            EndedBy = CallEndedBy.Caller,
        };
        await store.UpdateAsync(answered, CancellationToken.None);
        records[^1] = answered;
        StatisticsReport after = (await cached.ComputeAsync(query, CancellationToken.None));
        Assert.Equal(11, cached.DaysComputed);
        Assert.Equal(StatisticsReportJson.ToJson(await new StatisticsCalculator(records, StatisticsFixture.Options).ComputeAsync(query, CancellationToken.None)),
            StatisticsReportJson.ToJson(after));
        Assert.Equal(18, after.Overall.Received);
        Assert.Equal(1, after.Overall.InProgress); // R10 only
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(13, cached.DaysComputed); // both: the overall-only report above is another shape
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options), cached, query, Dashboard);
        Assert.Equal(14, cached.DaysComputed); // the 2nd only: the 3rd is final now
    }

    private static async Task AssertSameAsync(IStatisticsSource reference, IStatisticsSource cached, StatisticsQuery query, StatisticsGrouping[] groupings)
    {
        IReadOnlyList<StatisticsReport> expected = await reference.ComputeAsync(query, groupings, CancellationToken.None);
        IReadOnlyList<StatisticsReport> actual = await cached.ComputeAsync(query, groupings, CancellationToken.None);
        for (int i = 0; i < groupings.Length; i++)
        {
            string e = StatisticsReportJson.ToJson(expected[i]);
            string a = StatisticsReportJson.ToJson(actual[i]);
            Assert.True(e == a, $"The cached report differs from the reference for {query} by {groupings[i]}:\nexpected {e}\nactual {a}");
        }
    }
}
