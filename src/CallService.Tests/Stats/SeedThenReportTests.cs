using CallService.Cli;
using CallService.Stats;
using CallService.Tests.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Stats;

/// <summary>
/// The two commands end to end, in process, through the same host configuration as the service
/// (appsettings.json, --Section:Key=value): seed-demo-data writes through the store, report reads it.
/// </summary>
public sealed class SeedThenReportTests
{
    [Fact]
    public async Task Seeded_calls_are_reported_and_a_second_seed_needs_append()
    {
        await using var database = new TempSqliteDatabase();
        string storage = $"--Storage:ConnectionString=Data Source={database.FilePath}";

        var (seedCode, seedOutput, seedError) = await Run("seed-demo-data", "--calls", "2000", "--days", "10", "--end", "2025-06-30", "--seed", "3", storage);
        Assert.True(seedCode == ExitCodes.Ok, seedError);
        Assert.StartsWith("seed-demo-data: wrote 2000 demo calls from 2025-06-21 to 2025-06-30 (Asia/Shanghai), seed 3, into sqlite ", seedOutput, StringComparison.Ordinal);

        var (code, output, error) = await Run("report", "--from", "2025-06-21", "--to", "2025-06-30", "--by", "day", "--format", "json", storage);
        Assert.True(code == ExitCodes.Ok, error);
        StatisticsReport report = StatisticsReportJson.Parse(output);
        Assert.Equal(2000, report.Overall.Received);
        Assert.Equal(10, report.Groups.Count);
        Assert.Equal(2000, report.Groups.Sum(g => g.Statistics.Received));
        Assert.Equal(2, report.Definitions.TargetRingsByLine["sales"]); // from the shipped appsettings.json
        Assert.InRange(report.Overall.ServiceLevel!.Value, 0.3, 0.95);

        // The same data in the reference calculator gives the same report.
        var settings = new DemoDataSettings { Calls = 2000, Days = 10, LastDay = new DateOnly(2025, 6, 30), Seed = 3 };
        StatisticsReport expected = StatisticsCalculator.Compute(new DemoCallGenerator(settings).Generate(), ReportQuery(report),
            new StatisticsOptions { TargetRingsByLine = report.Definitions.TargetRingsByLine });
        Assert.Equal(StatisticsReportJson.ToJson(expected), StatisticsReportJson.ToJson(report));

        // Seeding the same store again is refused without --append.
        var (again, _, againError) = await Run("seed-demo-data", "--calls", "10", "--end", "2025-06-30", storage);
        Assert.Equal(ExitCodes.Failure, again);
        Assert.StartsWith("seed-demo-data: the store already holds call records; give --append", againError, StringComparison.Ordinal);
        var (appended, _, _) = await Run("seed-demo-data", "--calls", "10", "--end", "2025-06-30", "--append", storage);
        Assert.Equal(ExitCodes.Ok, appended);
        // The 10 added calls spread over the default 30 days up to --end.
        var (_, table, _) = await Run("report", "--from", "2025-06-01", "--to", "2025-06-30", storage);
        Assert.Contains("Calls received 2010:", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_and_a_missing_database_are_reported_not_thrown()
    {
        await using var database = new TempSqliteDatabase();
        string missing = $"--Storage:ConnectionString=Data Source={Path.Combine(database.Folder, "none.db")}";

        var (code, _, error) = await Run("report", "--from", "2025-06-01", "--to", "2025-06-30", missing, "--Stats:TimeZone=Mars/Olympus", "--Stats:Colour=red");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Stats:TimeZone = \"Mars/Olympus\": not a time zone known to this system", error, StringComparison.Ordinal);
        Assert.Contains("Stats:Colour is not a known setting: the Stats section has TimeZone, ShortAbandonSeconds, LongHoldSeconds", error, StringComparison.Ordinal);

        (code, _, error) = await Run("report", "--from", "2025-06-01", "--to", "2025-06-30", missing);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("report: There is no call record database at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("seed-demo-data")]
    public async Task Each_command_has_its_own_help(string command)
    {
        var (code, output, _) = await Run(command, "--help");
        var (helpCode, helpOutput, _) = await Run("help", command);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, helpCode));
        Assert.StartsWith($"Usage: CallService {command}", output, StringComparison.Ordinal);
        Assert.Equal(output, helpOutput);
        var (_, overview, _) = await Run("--help");
        Assert.Contains($"  {command} ", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_arguments_are_checked()
    {
        var (code, _, error) = await Run("seed-demo-data", "--days", "3");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("seed-demo-data: --calls is required", error, StringComparison.Ordinal);
        (code, _, error) = await Run("seed-demo-data", "--calls", "0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("seed-demo-data: --calls \"0\" must be a whole number, 1..10000000", error, StringComparison.Ordinal);
        (code, _, error) = await Run("seed-demo-data", "--calls", "5", "--end", "tomorrow");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("seed-demo-data: --end \"tomorrow\" is not a date", error, StringComparison.Ordinal);
    }

    private static StatisticsQuery ReportQuery(StatisticsReport report) => new()
    {
        From = report.From,
        To = report.To,
        By = StatisticsGroupings.TryParse(report.By, out StatisticsGrouping by) ? by : StatisticsGrouping.None,
    };

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CommandDispatcher.RunAsync(args, CommandConsole.ForStrings("", output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
