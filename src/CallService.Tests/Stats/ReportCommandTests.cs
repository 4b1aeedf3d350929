using System.Text.Json;
using CallService.Cli;
using CallService.Stats;

namespace CallService.Tests.Stats;

/// <summary>report: the arguments, the three formats (JSON parsed back and checked), failures.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public void The_arguments_give_whole_days_in_the_report_zone_with_the_last_day_included()
    {
        Assert.True(ReportArguments.TryParse(
            ["--from", "2025-06-02", "--to=2025-06-03", "--line", "sales", "--by", "agent", "--format", "json", "--Storage:Provider=sqlite"],
            out ReportArguments? arguments, out string? error));

        Assert.Null(error);
        Assert.Equal((StatisticsGrouping.Agent, StatisticsReportFormat.Json, "sales"), (arguments!.By, arguments.Format, arguments.Line));
        Assert.Equal(["--Storage:Provider=sqlite"], arguments.ConfigurationArgs);
        StatisticsQuery query = arguments.ToQuery(StatisticsFixture.Options.TimeZone);
        Assert.Equal(StatisticsFixture.From, query.From); // 2025-06-02T00:00+08:00
        Assert.Equal(StatisticsFixture.To, query.To);     // 2025-06-04T00:00+08:00: the 3rd is included
        Assert.Equal(StatisticsGrouping.Agent, query.By);

        Assert.True(ReportArguments.TryParse(["--from", "2025-06-02", "--to", "2025-06-02"], out ReportArguments? plain, out _));
        Assert.Equal((StatisticsGrouping.None, StatisticsReportFormat.Table), (plain!.By, plain.Format));
    }

    [Theory]
    [InlineData("report: --from is required: " + ReportArguments.ExpectedDate, "--to", "2025-06-02")]
    [InlineData("report: --to is required: " + ReportArguments.ExpectedDate, "--from", "2025-06-02")]
    [InlineData("report: --from \"June 2\" is not " + ReportArguments.ExpectedDate, "--from", "June 2", "--to", "2025-06-02")]
    [InlineData("report: --to 2025-06-01 is before --from 2025-06-02", "--from", "2025-06-02", "--to", "2025-06-01")]
    [InlineData("report: --by \"week\" is not a grouping: give agent, desk, day, hour, weekday-hour or line", "--from", "2025-06-02", "--to", "2025-06-02", "--by", "week")]
    [InlineData("report: --format \"xml\" is not a format: give table, csv, json", "--from", "2025-06-02", "--to", "2025-06-02", "--format", "xml")]
    public void Bad_arguments_are_one_line(string expected, params string[] args)
    {
        Assert.False(ReportArguments.TryParse(args, out _, out string? error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task Json_output_parses_back_into_the_report_with_the_hand_worked_figures()
    {
        var (code, output, error) = await RunAsync(StatisticsReportFormat.Json, StatisticsGrouping.Agent);

        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        StatisticsReport report = StatisticsReportJson.Parse(output);
        Assert.Equal(5.0 / 13, report.Overall.ServiceLevel);
        Assert.Equal(5.0 / 9, report.Overall.ServiceLevelOfAnswered);
        Assert.Equal(new ValueSummary(8, 11.0, 10.0, 22.5, 22.5), report.Overall.TimeToAnswerSeconds);
        Assert.Equal("agent", report.By);
        Assert.Equal(StatisticsFixture.From, report.From);
        Assert.Equal(1.0, Assert.Single(report.Groups, g => g.Key == "li.na").Statistics.ServiceLevel);
        Assert.Equal(3, report.Definitions.TargetRingsByLine["bar"]);

        // The names a consumer reads: camelCase, nulls written.
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement overall = json.RootElement.GetProperty("overall");
        Assert.Equal(14, overall.GetProperty("offered").GetInt32());
        Assert.Equal(2, overall.GetProperty("ringsToAnswer").GetProperty("upTo1").GetInt32());
        JsonElement none = json.RootElement.GetProperty("groups").EnumerateArray().First(g => g.GetProperty("key").GetString() == "(none)");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("statistics").GetProperty("serviceLevelOfAnswered").ValueKind);
    }

    [Fact]
    public async Task Csv_has_a_header_the_overall_row_and_one_row_per_group()
    {
        var (code, output, _) = await RunAsync(StatisticsReportFormat.Csv, StatisticsGrouping.Day);

        Assert.Equal(ExitCodes.Ok, code);
        string[] rows = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length); // header, overall, 2025-06-02, 2025-06-03
        string[] header = rows[0].Split(',');
        string[] overall = rows[1].Split(',');
        string[] third = rows[3].Split(',');
        Assert.Equal(header.Length, overall.Length);
        Assert.Equal(("overall", "", "14"), (overall[0], overall[1], overall[Array.IndexOf(header, "offered")]));
        Assert.Equal(("day", "2025-06-03", "0.5"), (third[0], third[1], third[Array.IndexOf(header, "service_level")]));
    }

    [Fact]
    public async Task The_table_leads_with_the_service_level()
    {
        var (code, output, _) = await RunAsync(StatisticsReportFormat.Table, StatisticsGrouping.Hour);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Ring-time report, 2025-06-02 00:00 to 2025-06-04 00:00 (Asia/Shanghai, end exclusive)", output, StringComparison.Ordinal);
        Assert.Contains("Service level   38.5 %  answered by an agent within target / (offered - short abandons) = 5 / 13", output, StringComparison.Ordinal);
        Assert.Contains("55.6 %  Asterisk-style", output, StringComparison.Ordinal);
        Assert.Contains("By hour: answering", output, StringComparison.Ordinal);
        // The fixture's file has no callback list: nothing completed, no time to callback.
        Assert.Contains("Callbacks: offered 3, accepted 1, declined 1, no choice 1, completed 0", output, StringComparison.Ordinal);
        Assert.Contains("to callback, s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_source_is_one_line_and_exit_code_1()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(ReportArguments.TryParse(["--from", "2025-06-02", "--to", "2025-06-03"], out ReportArguments? arguments, out _));

        int code = await ReportCommand.RunAsync(arguments!, new FailingSource(), StatisticsFixture.Options,
            CommandConsole.ForStrings("", output, error), CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output.ToString());
        Assert.Equal("report: database is locked" + Environment.NewLine, error.ToString());
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(StatisticsReportFormat format, StatisticsGrouping by)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var arguments = new ReportArguments(new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 3), null, null, null, by, format, false, []);
        int code = await ReportCommand.RunAsync(arguments, new StatisticsCalculator(StatisticsFixture.All, StatisticsFixture.Options),
            StatisticsFixture.Options, CommandConsole.ForStrings("", output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class FailingSource : IStatisticsSource
    {
        public Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken) =>
            throw new IOException("database is locked");
    }
}
