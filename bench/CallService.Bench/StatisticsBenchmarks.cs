extern alias product;

using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using product::CallService.Cli;
using product::CallService.Records;
using product::CallService.Stats;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Bench;

/// <summary>
/// Ring-time statistics over 1,000,000 call records in SQLite (bench/README.md "Statistics"):
/// `dotnet run -c Release --project bench/CallService.Bench -- --filter '*StatisticsBenchmarks*'`.
/// <para>
/// The records are the seed-demo-data generator's (seed 1): 1,000,000 calls over the 365 days to
/// 2025-06-30 (Asia/Shanghai), about 83,000 of them in the 30 days queried. The database is built on
/// the first run (a few minutes) at $CALLSERVICE_BENCH_DB (default: the temp folder) and reused.
/// </para>
/// <para>
/// Macro benchmarks: each operation takes tens to hundreds of milliseconds, so the Monitoring strategy
/// (every invocation timed, no pilot). In process, so that <see cref="CpuTimeColumn"/> can put the
/// process's CPU time per operation beside the wall time: on a machine shared with other work the wall
/// time includes waiting for a core, the CPU time does not.
/// </para>
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private const int WarmupCount = 3;
    private const int Calls = 1_000_000;
    private const int Days = 365;
    private const int Seed = 1;
    private static readonly DateOnly LastDay = new(2025, 6, 30);

    /// <summary>The variable naming a PostgreSQL database seeded with the same records (bench/README.md); without it the postgres case is left out.</summary>
    public const string PostgresVariable = "CALLSERVICE_BENCH_POSTGRES";

    /// <summary>The dashboard's groupings (Web/Dashboard: by agent, by day, by weekday and hour), overall figures included.</summary>
    private static readonly StatisticsGrouping[] DashboardGroupings = [StatisticsGrouping.Agent, StatisticsGrouping.Day, StatisticsGrouping.WeekdayHour];

    private StatisticsQuery _thirtyDays = null!;
    private IStatisticsSource _source = null!;
    private long _cpuAtIterationStart;

    /// <summary>
    /// "sqlite": the database as the service keeps it (Records' indexes only); "sqlite-stats-index": with the
    /// optional covering index (migration 3); "postgres": the same records in PostgreSQL ($CALLSERVICE_BENCH_POSTGRES).
    /// </summary>
    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "sqlite";

    public static IEnumerable<string> Databases() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable))
            ? ["sqlite", "sqlite-stats-index"]
            : ["sqlite", "sqlite-stats-index", "postgres"];

    [GlobalSetup]
    public void Setup()
    {
        TimeZoneInfo zone = StatisticsOptions.DefaultTimeZone();
        var options = new StatisticsOptions { TimeZone = zone };
        _thirtyDays = new StatisticsQuery
        {
            From = ReportTimeZone.StartOfDay(LastDay.AddDays(-29), zone),
            To = ReportTimeZone.StartOfDay(LastDay.AddDays(1), zone),
        };
        if (Database == "postgres")
        {
            _source = new PostgresStatisticsSource(Environment.GetEnvironmentVariable(PostgresVariable)!, options);
        }
        else
        {
            string indexed = DatabasePath();
            EnsureDatabase(indexed);
            string path = indexed;
            if (Database == "sqlite")
            {
                path = Path.ChangeExtension(indexed, ".no-stats-index.db");
                if (!File.Exists(path))
                {
                    File.Copy(indexed, path);
                    Execute(path, "DROP INDEX ix_call_records_stats;");
                }
            }
            _source = new SqliteStatisticsSource(path, options);
        }
    }

    [IterationSetup]
    public void StartCpuClock() => _cpuAtIterationStart = CpuTicks();

    [IterationCleanup(Target = nameof(Dashboard30Days))]
    public void StopDashboard() => CpuTimeColumn.Add(Name(nameof(Dashboard30Days)), CpuTicks() - _cpuAtIterationStart);

    [IterationCleanup(Target = nameof(Dashboard30DaysOneLine))]
    public void StopDashboardOneLine() => CpuTimeColumn.Add(Name(nameof(Dashboard30DaysOneLine)), CpuTicks() - _cpuAtIterationStart);

    [IterationCleanup(Target = nameof(Dashboard30DaysOneAgent))]
    public void StopDashboardOneAgent() => CpuTimeColumn.Add(Name(nameof(Dashboard30DaysOneAgent)), CpuTicks() - _cpuAtIterationStart);

    [IterationCleanup(Target = nameof(Report30DaysByAgent))]
    public void StopReportByAgent() => CpuTimeColumn.Add(Name(nameof(Report30DaysByAgent)), CpuTicks() - _cpuAtIterationStart);

    [IterationCleanup(Target = nameof(Report30DaysByDay))]
    public void StopReportByDay() => CpuTimeColumn.Add(Name(nameof(Report30DaysByDay)), CpuTicks() - _cpuAtIterationStart);

    /// <summary>
    /// What the service computes for the dashboard of 30 days (/api/stats/dashboard), every view of any
    /// period the first (nothing is kept between views): overall + by agent, day, weekday-hour. Target 300 ms.
    /// </summary>
    [Benchmark]
    public async Task<int> Dashboard30Days() => await DashboardAsync(_thirtyDays);

    /// <summary>The same for the line "sales" (50,000 of the 83,000 calls), as a manager filters it.</summary>
    [Benchmark]
    public async Task<int> Dashboard30DaysOneLine() => await DashboardAsync(_thirtyDays with { Line = "sales" });

    /// <summary>The same for the agent "li.na" (15,000 calls; no index holds the agent key, so every row of the period is looked at).</summary>
    [Benchmark]
    public async Task<int> Dashboard30DaysOneAgent() => await DashboardAsync(_thirtyDays with { Agent = "li.na" });

    private async Task<int> DashboardAsync(StatisticsQuery query)
    {
        IReadOnlyList<StatisticsReport> reports = await _source.ComputeAsync(query, DashboardGroupings, CancellationToken.None);
        return reports.Sum(r => r.Groups.Count);
    }

    /// <summary>What `report --by agent` does for 30 days after the host is up: compute and print the table. Target 1 s.</summary>
    [Benchmark]
    public async Task<int> Report30DaysByAgent() => await ReportAsync(StatisticsGrouping.Agent);

    /// <summary>The same by day (30 rows).</summary>
    [Benchmark]
    public async Task<int> Report30DaysByDay() => await ReportAsync(StatisticsGrouping.Day);

    private async Task<int> ReportAsync(StatisticsGrouping by)
    {
        StatisticsReport report = await _source.ComputeAsync(_thirtyDays with { By = by }, CancellationToken.None);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ReportCommand.Write(report, StatisticsReportFormat.Table, text);
        return text.GetStringBuilder().Length;
    }

    /// <summary>
    /// Not statistics: Array.Sort of 1,000,000 random ints, a yardstick to compare this machine's
    /// figures with another's (about 50-70 ms of CPU on a current x64 core).
    /// </summary>
    [Benchmark]
    public int Yardstick_Sort1MInts()
    {
        var random = new Random(1);
        int[] values = new int[1_000_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next();
        }
        Array.Sort(values);
        return values[^1];
    }

    [IterationCleanup(Target = nameof(Yardstick_Sort1MInts))]
    public void StopYardstick() => CpuTimeColumn.Add(Name(nameof(Yardstick_Sort1MInts)), CpuTicks() - _cpuAtIterationStart);

    private string Name(string method) => $"{method}({Database})";

    private static long CpuTicks()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.Ticks;
    }

    private static string DatabasePath() =>
        Environment.GetEnvironmentVariable("CALLSERVICE_BENCH_DB") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "callservice-bench", "stats-1m.db");

    /// <summary>Seeds the database unless it already holds exactly this data set (noted in a table of its own).</summary>
    private static void EnsureDatabase(string path)
    {
        string description = $"seed-demo-data calls={Calls} days={Days} end={LastDay:yyyy-MM-dd} seed={Seed} +statistics index";
        if (File.Exists(path) && Scalar(path, "SELECT description FROM bench_dataset;") == description)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (string file in new[] { path, path + "-wal", path + "-shm", Path.ChangeExtension(path, ".no-stats-index.db") })
        {
            File.Delete(file);
        }
        Console.WriteLine($"// Seeding {Calls} call records into {path} (once)...");
        var stopwatch = Stopwatch.StartNew();
        var settings = new DemoDataSettings { Calls = Calls, Days = Days, LastDay = LastDay, Seed = Seed, TimeZone = StatisticsOptions.DefaultTimeZone() };
        SeedAsync(path, settings).GetAwaiter().GetResult();
        new SqliteStatisticsSource(path).EnsureIndexesAsync(CancellationToken.None).GetAwaiter().GetResult();
        Execute(path, $"CREATE TABLE bench_dataset (description TEXT NOT NULL); INSERT INTO bench_dataset VALUES ('{description}'); PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"// Seeded in {stopwatch.Elapsed.TotalSeconds:0} s.");
    }

    private static async Task SeedAsync(string path, DemoDataSettings settings)
    {
        await using var store = new SqliteCallRecordStore(path, TimeProvider.System, NullLogger.Instance);
        await SeedDemoDataCommand.SeedAsync(store, settings, append: false, progress: null, CancellationToken.None);
    }

    private static string? Scalar(string path, string sql)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(WarmupCount)
                .WithIterationCount(15)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("InProcess-Monitoring"));
            AddColumn(new CpuTimeColumn(WarmupCount));
        }
    }
}

/// <summary>
/// The median process CPU time per operation (all threads), from the in-process iterations after the
/// warm-up. Beside the wall-clock Mean it shows how much of the time was work and how much waiting for
/// a core on a shared machine.
/// </summary>
public sealed class CpuTimeColumn(int warmupCount) : IColumn
{
    private static readonly Dictionary<string, List<long>> Samples = [];

    public string Id => nameof(CpuTimeColumn);

    public string ColumnName => "CPU median";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "Median CPU time of the process per operation (in-process iterations after the warm-up)";

    public static void Add(string benchmark, long ticks)
    {
        lock (Samples)
        {
            if (!Samples.TryGetValue(benchmark, out List<long>? samples))
            {
                samples = [];
                Samples.Add(benchmark, samples);
            }
            samples.Add(ticks);
        }
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string name = $"{benchmarkCase.Descriptor.WorkloadMethod.Name}({benchmarkCase.Parameters["Database"]})";
        List<long> measured;
        lock (Samples)
        {
            if (!Samples.TryGetValue(name, out List<long>? all) || all.Count <= warmupCount)
            {
                return "-";
            }
            measured = [.. all.Skip(warmupCount).Order()];
        }
        double ms = TimeSpan.FromTicks(measured[measured.Count / 2]).TotalMilliseconds;
        return ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
