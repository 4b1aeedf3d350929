using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Stats;

/// <summary>
/// The SQLite source against the in-memory reference: the same records in a real database give the
/// same report, to the last digit (compared as JSON), for every grouping and filter, in a zone with and
/// one without daylight saving.
/// </summary>
public sealed class SqliteStatisticsSourceTests
{
    private static readonly StatisticsGrouping[] AllGroupings = Enum.GetValues<StatisticsGrouping>();

    [Fact]
    public async Task The_fixture_gives_the_same_report_in_sqlite_for_every_grouping_and_filter()
    {
        await using var database = new TempDatabase();
        await InsertAsync(database, StatisticsFixture.All);
        var sqlite = new SqliteStatisticsSource(database.FilePath, StatisticsFixture.Options);
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
                await AssertSameAsync(reference, sqlite, filter with { By = by });
            }
        }

        // And the hand-worked figures, straight from SQLite.
        CallStatistics overall = (await sqlite.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None)).Overall;
        Assert.Equal(5.0 / 13, overall.ServiceLevel);
        Assert.Equal(new ValueSummary(8, 11.0, 10.0, 22.5, 22.5), overall.TimeToAnswerSeconds);
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/London")] // clocks go forward on 2025-03-30, inside the period
    public async Task Generated_calls_give_the_same_report_in_sqlite(string zoneId)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var settings = new DemoDataSettings { Calls = 3000, Days = 40, LastDay = new DateOnly(2025, 4, 10), Seed = 7, TimeZone = zone };
        CallRecord[] records = [.. new DemoCallGenerator(settings).Generate()];
        await using var database = new TempDatabase();
        await InsertAsync(database, records);
        var options = new StatisticsOptions { TimeZone = zone, TargetRingsByLine = new Dictionary<string, int> { ["bar"] = 3 } };
        var sqlite = new SqliteStatisticsSource(database.FilePath, options);
        var reference = new StatisticsCalculator(records, options);
        var query = new StatisticsQuery
        {
            From = ReportTimeZone.StartOfDay(settings.FirstDay, zone),
            To = ReportTimeZone.StartOfDay(settings.LastDay.AddDays(1), zone),
        };

        foreach (StatisticsGrouping by in AllGroupings)
        {
            await AssertSameAsync(reference, sqlite, query with { By = by });
        }
        await AssertSameAsync(reference, sqlite, query with { By = StatisticsGrouping.Agent, Line = "sales" });
        // A period that starts and ends mid-day.
        await AssertSameAsync(reference, sqlite, query with { From = query.From.AddHours(30.5), To = query.To.AddHours(-7), By = StatisticsGrouping.Hour });

        StatisticsReport report = await sqlite.ComputeAsync(query with { By = StatisticsGrouping.Day }, CancellationToken.None);
        Assert.Equal(3000, report.Overall.Received);
        Assert.Equal(40, report.Groups.Count);
        Assert.True(report.Overall.AnsweredByAgent > 0 && report.Overall.PickedUpFromQueue > 0 && report.Overall.ShortAbandons > 0);
    }

    [Fact]
    public async Task Several_groupings_at_once_equal_one_at_a_time()
    {
        await using var database = new TempDatabase();
        await InsertAsync(database, StatisticsFixture.All);
        IStatisticsSource sqlite = new SqliteStatisticsSource(database.FilePath, StatisticsFixture.Options);
        StatisticsGrouping[] dashboard = [StatisticsGrouping.Agent, StatisticsGrouping.Day, StatisticsGrouping.Hour, StatisticsGrouping.None];

        IReadOnlyList<StatisticsReport> together = await sqlite.ComputeAsync(StatisticsFixture.Query(), dashboard, CancellationToken.None);

        Assert.Equal(dashboard.Length, together.Count);
        for (int i = 0; i < dashboard.Length; i++)
        {
            StatisticsReport alone = await sqlite.ComputeAsync(StatisticsFixture.Query(dashboard[i]), CancellationToken.None);
            Assert.Equal(StatisticsReportJson.ToJson(alone), StatisticsReportJson.ToJson(together[i]));
        }
        // The interface's default (one grouping at a time) gives the same, as the in-memory source uses it.
        IStatisticsSource reference = new StatisticsCalculator(StatisticsFixture.All, StatisticsFixture.Options);
        IReadOnlyList<StatisticsReport> expected = await reference.ComputeAsync(StatisticsFixture.Query(), dashboard, CancellationToken.None);
        Assert.Equal(expected.Select(StatisticsReportJson.ToJson), together.Select(StatisticsReportJson.ToJson));
    }

    [Fact]
    public async Task A_database_without_calls_yet_gives_zeros_and_a_missing_file_is_an_error_not_a_new_file()
    {
        await using var database = new TempDatabase();
        using (SqliteConnection connection = database.Connect())
        {
            // An empty database file (the service never ran on it).
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (x INTEGER);";
            command.ExecuteNonQuery();
        }
        StatisticsReport empty = await new SqliteStatisticsSource(database.FilePath).ComputeAsync(
            StatisticsFixture.Query(StatisticsGrouping.Hour), CancellationToken.None);
        Assert.Equal(0, empty.Overall.Received);
        Assert.Equal(24, empty.Groups.Count);

        string missing = Path.Combine(database.Folder, "nothing-here.db");
        var source = new SqliteStatisticsSource(missing);
        await Assert.ThrowsAsync<FileNotFoundException>(() => source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Reports_read_beside_the_writing_service_and_see_each_commit()
    {
        await using var database = new TempDatabase();
        SqliteCallRecordStore store = await database.OpenInitializedAsync(); // the service's writer, left open
        await Task.WhenAll(StatisticsFixture.All.Select(r => store.InsertAsync(r, CancellationToken.None)));
        var source = new SqliteStatisticsSource($"Data Source={database.FilePath}", StatisticsFixture.Options);

        Assert.Equal(16, (await source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None)).Overall.Received);
        CallRecord late = StatisticsFixture.All[1] with { CallId = "R16", StartedAt = StatisticsFixture.Local(3, 18, 0) };
        await store.InsertAsync(late, CancellationToken.None);
        StatisticsReport report = await source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None);

        Assert.Equal(17, report.Overall.Received);
        Assert.Equal(6, report.Overall.AnsweredByAgentWithinTarget);
    }

    [Fact]
    public async Task The_statistics_index_is_created_once_and_fits_the_store_migrations_as_version_2()
    {
        await using var database = new TempDatabase();
        await InsertAsync(database, StatisticsFixture.All);
        var source = new SqliteStatisticsSource(database.FilePath, StatisticsFixture.Options);

        await source.EnsureIndexesAsync(CancellationToken.None);
        await source.EnsureIndexesAsync(CancellationToken.None);

        Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_call_records_stats';"));
        // The plan reads the period from the index alone.
        Assert.Contains("COVERING INDEX ix_call_records_stats", Plan(database), StringComparison.Ordinal);

        // The same step as migration 2 after Records' list: applied by the store itself, also on a
        // database where EnsureIndexesAsync already made the index.
        Assert.Equal(SqliteMigrations.All.Count + 1, SqliteStatisticsMigration.Migration.Version);
        await using (var store = new SqliteCallRecordStore(database.FilePath, database.Time, NullLogger.Instance, null,
            [.. SqliteMigrations.All, SqliteStatisticsMigration.Migration]))
        {
            await store.InitializeAsync(CancellationToken.None);
        }
        Assert.Equal(2, Scalar(database, "SELECT MAX(version) FROM schema_version;"));
        StatisticsReport report = await source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None);
        Assert.Equal(16, report.Overall.Received);
    }

    private static async Task AssertSameAsync(IStatisticsSource reference, IStatisticsSource sqlite, StatisticsQuery query)
    {
        string expected = StatisticsReportJson.ToJson(await reference.ComputeAsync(query, CancellationToken.None));
        string actual = StatisticsReportJson.ToJson(await sqlite.ComputeAsync(query, CancellationToken.None));
        Assert.True(expected == actual, $"The SQLite report differs from the reference for {query}:\nexpected {expected}\nactual {actual}");
    }

    internal static async Task InsertAsync(TempDatabase database, IEnumerable<CallRecord> records)
    {
        SqliteCallRecordStore store = await database.OpenInitializedAsync();
        await Task.WhenAll(records.Select(r => store.InsertAsync(r, CancellationToken.None)));
        await store.DisposeAsync();
    }

    private static long Scalar(TempDatabase database, string sql)
    {
        using SqliteConnection connection = database.Connect();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Plan(TempDatabase database)
    {
        var query = new StatisticsQuery { From = StatisticsFixture.From, To = StatisticsFixture.To };
        using SqliteConnection connection = database.Connect();
        using SqliteCommand command = connection.CreateCommand();
        string first = SqliteStatisticsSql.Statements(query, [], StatisticsFixture.Options).Split(";\n")[0];
        command.CommandText = "EXPLAIN QUERY PLAN " + first;
        SqliteStatisticsSql.Bind(command, query, StatisticsFixture.Options);
        using SqliteDataReader reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }
        return string.Join("\n", plan);
    }
}
