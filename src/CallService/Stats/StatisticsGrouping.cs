namespace CallService.Stats;

/// <summary>How a report splits its calls besides the overall figures (docs/metrics.md "Groupings").</summary>
public enum StatisticsGrouping
{
    /// <summary>Only the overall figures.</summary>
    None,

    /// <summary>By who talked to the caller: <see cref="Records.CallRecord.AgentId"/>, "auto" for calls only the service answered, "(none)" for calls nobody answered.</summary>
    Agent,

    /// <summary>By <see cref="Records.CallRecord.Desk"/> ("(none)" when the record has no desk).</summary>
    Desk,

    /// <summary>By the calendar day the call started on, in the report's time zone ("2025-06-01").</summary>
    Day,

    /// <summary>By the hour of day the call started in, in the report's time zone ("00" .. "23"), all days together.</summary>
    Hour,

    /// <summary>By <see cref="Records.CallRecord.Line"/>.</summary>
    Line,

    /// <summary>
    /// By ISO weekday and hour of day the call started in, in the report's time zone ("1-09" is Monday
    /// 09:00-10:00, "7-23" Sunday 23:00-24:00), all weeks together: the dashboard's heat map.
    /// </summary>
    WeekdayHour,
}

/// <summary>The spellings of <see cref="StatisticsGrouping"/> on the command line and in JSON.</summary>
public static class StatisticsGroupings
{
    /// <summary>The names accepted by <see cref="TryParse"/>, in help order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "agent", "desk", "day", "hour", "line", "weekday-hour"];

    /// <summary>The group key of a call nobody answered (By agent) or without a desk (By desk). Not a SIP token, so no agent or desk can be called that.</summary>
    public const string NoneKey = "(none)";

    public static bool TryParse(string? text, out StatisticsGrouping grouping)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none": grouping = StatisticsGrouping.None; return true;
            case "agent": grouping = StatisticsGrouping.Agent; return true;
            case "desk": grouping = StatisticsGrouping.Desk; return true;
            case "day": grouping = StatisticsGrouping.Day; return true;
            case "hour": grouping = StatisticsGrouping.Hour; return true;
            case "line": grouping = StatisticsGrouping.Line; return true;
            case "weekday-hour": grouping = StatisticsGrouping.WeekdayHour; return true;
            default: grouping = default; return false;
        }
    }

    public static string ToName(this StatisticsGrouping grouping) => grouping switch
    {
        StatisticsGrouping.None => "none",
        StatisticsGrouping.Agent => "agent",
        StatisticsGrouping.Desk => "desk",
        StatisticsGrouping.Day => "day",
        StatisticsGrouping.Hour => "hour",
        StatisticsGrouping.Line => "line",
        StatisticsGrouping.WeekdayHour => "weekday-hour",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown statistics grouping."),
    };
}
