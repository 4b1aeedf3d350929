using System.Globalization;
using CallService.Stats;

namespace CallService.Cli;

/// <summary>The parsed command line of report.</summary>
/// <param name="From">The first day reported, in the report time zone.</param>
/// <param name="To">The last day reported (inclusive), in the report time zone.</param>
/// <param name="Line">Only this line, or null.</param>
/// <param name="Desk">Only this desk, or null.</param>
/// <param name="Agent">Only this agent key (agent id, "auto" or "(none)"), or null.</param>
/// <param name="By">The groups.</param>
/// <param name="Format">How to print.</param>
/// <param name="HelpRequested">--help was given: print the usage and do nothing else.</param>
/// <param name="ConfigurationArgs">The --Section:Key=value overrides for the host.</param>
public sealed record ReportArguments(
    DateOnly From,
    DateOnly To,
    string? Line,
    string? Desk,
    string? Agent,
    StatisticsGrouping By,
    StatisticsReportFormat Format,
    bool HelpRequested,
    IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>What --from and --to accept.</summary>
    public const string ExpectedDate = "a date, yyyy-MM-dd (e.g. 2025-06-01)";

    private static readonly string[] Valued = ["from", "to", "line", "desk", "agent", "by", "format"];

    /// <summary>
    /// The query: from the start of <see cref="From"/> to the start of the day after <see cref="To"/>,
    /// both midnights in <paramref name="zone"/> (the report time zone).
    /// </summary>
    public StatisticsQuery ToQuery(TimeZoneInfo zone) => new()
    {
        From = ReportTimeZone.StartOfDay(From, zone),
        To = ReportTimeZone.StartOfDay(To.AddDays(1), zone),
        Line = Line,
        Desk = Desk,
        Agent = Agent,
        By = By,
    };

    /// <summary>Parses the arguments after "report".</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ReportArguments? arguments, out string? error)
    {
        arguments = null;
        CommandArguments parsed = CommandArguments.Parse(ReportCommand.Name, args, [], Valued);
        if (parsed.HelpRequested)
        {
            arguments = new ReportArguments(default, default, null, null, null, default, default, HelpRequested: true, parsed.ConfigurationArgs);
            error = null;
            return true;
        }
        error = parsed.Error;
        if (error is not null)
        {
            return false;
        }
        if (!TryDate(parsed, "from", out DateOnly from, out error) || !TryDate(parsed, "to", out DateOnly to, out error))
        {
            return false;
        }
        if (to < from)
        {
            error = $"{ReportCommand.Name}: --to {Iso(to)} is before --from {Iso(from)}";
            return false;
        }
        var by = StatisticsGrouping.None;
        if (parsed.Value("by") is { } byText && (!StatisticsGroupings.TryParse(byText, out by) || by == StatisticsGrouping.None))
        {
            error = $"{ReportCommand.Name}: --by \"{byText}\" is not a grouping: give agent, desk, day, hour, weekday-hour or line";
            return false;
        }
        var format = StatisticsReportFormat.Table;
        if (parsed.Value("format") is { } formatText && !StatisticsReportFormats.TryParse(formatText, out format))
        {
            error = $"{ReportCommand.Name}: --format \"{formatText}\" is not a format: give {string.Join(", ", StatisticsReportFormats.Names)}";
            return false;
        }
        arguments = new ReportArguments(from, to, parsed.Value("line"), parsed.Value("desk"), parsed.Value("agent"), by, format,
            HelpRequested: false, parsed.ConfigurationArgs);
        return true;
    }

    private static bool TryDate(CommandArguments parsed, string name, out DateOnly date, out string? error)
    {
        date = default;
        string? text = parsed.Value(name);
        if (text is null)
        {
            error = $"{ReportCommand.Name}: --{name} is required: {ExpectedDate}";
            return false;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = $"{ReportCommand.Name}: --{name} \"{text}\" is not {ExpectedDate}";
            return false;
        }
        error = null;
        return true;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
