using CallService.Callbacks;
using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;
using CallService.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Stats;

/// <summary>
/// The SQLite source: the shared tests (<see cref="StatisticsSourceTests"/>) on a database file, and
/// what only SQLite has (a missing file, readers beside the writer, the optional index).
/// </summary>
public sealed class SqliteStatisticsSourceTests : StatisticsSourceTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteStoreDatabase());

    protected override IStatisticsSource SourceOn(StoreDatabase database, StatisticsOptions options) =>
        new SqliteStatisticsSource(((SqliteStoreDatabase)database).Temp.FilePath, options);

    protected override ICallbackStore CallbacksOn(StoreDatabase database) =>
        new SqliteCallbackStore(((SqliteStoreDatabase)database).Temp.FilePath, database.Time, NullLogger.Instance);

    [Fact]
    public async Task A_database_without_calls_yet_gives_zeros_and_a_missing_file_is_an_error_not_a_new_file()
    {
        await using var database = new TempSqliteDatabase();
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
        await using var database = new TempSqliteDatabase();
        SqliteCallRecordStore store = await database.OpenRecordsInitializedAsync(); // the service's writer, left open
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
    public async Task The_period_is_read_on_the_started_at_index_of_the_records()
    {
        await using var database = new TempSqliteDatabase();
        await InsertAsync(database, StatisticsFixture.All);

        Assert.Contains("USING INDEX ix_call_records_started_at", Plan(database), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statistics_index_is_created_once_and_fits_the_store_migrations_as_version_2()
    {
        await using var database = new TempSqliteDatabase();
        await InsertAsync(database, StatisticsFixture.All);
        var source = new SqliteStatisticsSource(database.FilePath, StatisticsFixture.Options);

        await source.EnsureIndexesAsync(CancellationToken.None);
        await source.EnsureIndexesAsync(CancellationToken.None);

        Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_call_records_stats';"));
        // The plan reads the period from the index alone.
        Assert.Contains("COVERING INDEX ix_call_records_stats", Plan(database), StringComparison.Ordinal);

        // The same step as the next migration after Records' list: applied by the store itself, also on a
        // database where EnsureIndexesAsync already made the index.
        Assert.Equal(SqliteMigrations.All.Count + 1, SqliteStatisticsMigration.Migration.Version);
        await using (var store = new SqliteCallRecordStore(database.FilePath, database.Time, NullLogger.Instance, null,
            [.. SqliteMigrations.All, SqliteStatisticsMigration.Migration]))
        {
            await store.InitializeAsync(CancellationToken.None);
        }
        Assert.Equal(SqliteStatisticsMigration.Version, Scalar(database, "SELECT MAX(version) FROM schema_version;"));
        StatisticsReport report = await source.ComputeAsync(StatisticsFixture.Query(), CancellationToken.None);
        Assert.Equal(16, report.Overall.Received);
    }

    internal static async Task InsertAsync(TempSqliteDatabase database, IEnumerable<CallRecord> records)
    {
        SqliteCallRecordStore store = await database.OpenRecordsInitializedAsync();
        await Task.WhenAll(records.Select(r => store.InsertAsync(r, CancellationToken.None)));
        await store.DisposeAsync();
    }

    private static long Scalar(TempSqliteDatabase database, string sql)
    {
        using SqliteConnection connection = database.Connect();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Plan(TempSqliteDatabase database)
    {
        var query = new StatisticsQuery { From = StatisticsFixture.From, To = StatisticsFixture.To };
        using SqliteConnection connection = database.Connect();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteStatisticsSql.Rows(query);
        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
        using SqliteDataReader reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }
        return string.Join("\n", plan);
    }
}
