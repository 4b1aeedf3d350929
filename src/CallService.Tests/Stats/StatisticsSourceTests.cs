using CallService.Callbacks;
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

    /// <summary>The store's callback list on <paramref name="database"/> (not initialised; the caller disposes it).</summary>
    protected abstract ICallbackStore CallbacksOn(StoreDatabase database);

    [Fact]
    public async Task Completed_callbacks_and_the_time_to_them_count_for_the_call_they_were_asked_in()
    {
        await using StoreDatabase database = await CreateDatabaseAsync();
        DateTimeOffset Local(int day, int hour) => StatisticsFixture.Local(day, hour, 0);
        CallRecord Asked(string id, int day, int hour, string line, string agent, bool? accepted) =>
            StatisticsFixture.AgentAnswer(id, Local(day, hour), line, line == "bar" ? "bar" : "front-desk", agent, 5.0, 1.0) with
            {
                HoldCount = 1, HoldSeconds = 40, LongestHoldSeconds = 40, CallbackOffered = true, CallbackAccepted = accepted,
            };
        CallRecord[] records =
        [
            Asked("C1", 2, 9, "sales", "li.na", true),
            Asked("C2", 2, 10, "sales", "li.na", true),
            Asked("C3", 3, 8, "bar", "zhao.lei", true),
            Asked("C4", 3, 9, "sales", "wang.wei", true),
            Asked("C5", 3, 10, "sales", "wang.wei", true),
            Asked("C6", 3, 11, "sales", "li.na", false), // declined: a done request (made by hand) does not count
            Asked("C7", 1, 23, "sales", "li.na", true), // before the period
        ];
        await InsertAsync(database, records);
        CallbackRequest Request(string callId, int afterHours, CallbackStatus status, long completedAfterMs)
        {
            CallRecord call = records.Single(r => r.CallId == callId);
            DateTimeOffset created = call.StartedAt.AddHours(afterHours);
            return new CallbackRequest
            {
                CallId = callId, CallerNumber = call.CallerNumber, AgentId = call.AgentId, Line = call.Line,
                CreatedAt = created, DueAt = created.AddMinutes(30), Status = status,
                CompletedAt = status == CallbackStatus.Done ? created.AddMilliseconds(completedAfterMs) : null,
            };
        }
        CallbackRequest[] callbacks =
        [
            Request("C1", 0, CallbackStatus.Done, 600_000), // 10 min
            Request("C2", 1, CallbackStatus.Done, 1_800_500), // 30 min 0.5 s
            Request("C3", 0, CallbackStatus.Done, 7_200_000), // 2 h ...
            Request("C3", 1, CallbackStatus.Done, 9_000_000), // ... and a second done request: the shorter counts
            Request("C4", 0, CallbackStatus.Pending, 0),
            Request("C5", 0, CallbackStatus.Cancelled, 0),
            Request("C6", 0, CallbackStatus.Done, 60_000),
            Request("C7", 0, CallbackStatus.Done, 60_000),
        ];
        await using ICallbackStore list = CallbacksOn(database);
        await list.InitializeAsync(CancellationToken.None);
        var added = new List<CallbackRequest>();
        foreach (CallbackRequest request in callbacks)
        {
            added.Add(await list.AddAsync(request, CancellationToken.None));
        }
        IStatisticsSource store = SourceOn(database, StatisticsFixture.Options);
        var reference = new StatisticsCalculator(records, StatisticsFixture.Options, added);

        foreach (StatisticsGrouping by in AllGroupings)
        {
            await AssertSameAsync(reference, store, StatisticsFixture.Query(by));
        }
        await AssertSameAsync(reference, store, StatisticsFixture.Query(StatisticsGrouping.Day) with { Agent = "li.na" });

        // By hand: C1 600 s, C2 1800.5 s, C3 7200 s. Nearest rank of 3: P50 the 2nd, P90 the 3rd.
        CallbackStatistics overall = (await store.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None)).Overall.Callbacks;
        Assert.Equal(new CallbackStatistics(6, 5, 1, 0, 3, new ValueSummary(3, 9600.5 / 3, 1800.5, 7200, 7200)), overall);
        StatisticsReport byAgent = await store.ComputeAsync(StatisticsFixture.Query(StatisticsGrouping.Agent), CancellationToken.None);
        Assert.Equal(new ValueSummary(2, 1200.25, 600, 1800.5, 1800.5), byAgent.Groups.Single(g => g.Key == "li.na").Statistics.Callbacks.TimeToCallbackSeconds);
        Assert.Equal(new ValueSummary(1, 7200, 7200, 7200, 7200), byAgent.Groups.Single(g => g.Key == "zhao.lei").Statistics.Callbacks.TimeToCallbackSeconds);
        Assert.Equal(0, byAgent.Groups.Single(g => g.Key == "wang.wei").Statistics.Callbacks.Completed);
        StatisticsReport byDay = await store.ComputeAsync(StatisticsFixture.Query(StatisticsGrouping.Day), CancellationToken.None);
        Assert.Equal([2L, 1L], byDay.Groups.Select(g => g.Statistics.Callbacks.Completed));

        // A callback completed later (C4, one hour after its request) shows at once.
        Assert.Equal(3, (await store.ComputeAsync(StatisticsFixture.Query(StatisticsGrouping.Day), CancellationToken.None)).Overall.Callbacks.Completed);
        CallbackRequest c4 = added.Single(r => r.CallId == "C4");
        database.Time.SetUtcNow(c4.CreatedAt.AddHours(1));
        CallbackChange done = await list.ChangeStatusAsync(c4.Id, CallbackStatus.Done, "talked", CancellationToken.None);
        StatisticsReport after = await store.ComputeAsync(StatisticsFixture.Query(StatisticsGrouping.Day), CancellationToken.None);
        Assert.Equal(new ValueSummary(4, 13200.5 / 4, 1800.5, 7200, 7200), after.Overall.Callbacks.TimeToCallbackSeconds);
        Assert.Equal([2L, 2L], after.Groups.Select(g => g.Statistics.Callbacks.Completed));
        added[added.FindIndex(r => r.Id == c4.Id)] = done.Callback!;
        await AssertSameAsync(new StatisticsCalculator(records, StatisticsFixture.Options, added), store, StatisticsFixture.Query(StatisticsGrouping.Day));
    }

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
