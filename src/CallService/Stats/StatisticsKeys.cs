using System.Globalization;
using CallService.Records;

namespace CallService.Stats;

/// <summary>The group a call falls in for each <see cref="StatisticsGrouping"/> (docs/metrics.md "Groupings").</summary>
public static class StatisticsKeys
{
    /// <summary>The key of the overall figures (and of every call when the report has no groups).</summary>
    public const string Overall = "";

    /// <summary>Who talked to the caller: AgentId, else AnsweredBy ("auto" when only the service answered), else "(none)".</summary>
    public static string Agent(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.AgentId ?? record.AnsweredBy ?? StatisticsGroupings.NoneKey;
    }

    /// <summary>The record's desk, or "(none)".</summary>
    public static string Desk(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Desk ?? StatisticsGroupings.NoneKey;
    }

    /// <summary>The day key: "yyyy-MM-dd".</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The hour-of-day key: "00" .. "23".</summary>
    public static string Hour(int hour) => hour.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The weekday-hour key of a number (ISO weekday - 1) × 24 + hour, 0 .. 167: "1-00" (Monday
    /// 00:00) .. "7-23" (Sunday 23:00).
    /// </summary>
    public static string WeekdayHour(int number) =>
        number is >= 0 and < 7 * 24
            ? string.Create(CultureInfo.InvariantCulture, $"{(number / 24) + 1}-{number % 24:00}")
            : throw new ArgumentOutOfRangeException(nameof(number), number, "A weekday-hour number is 0..167.");

    /// <summary>The weekday-hour number of a local day and hour: (ISO weekday - 1) × 24 + hour.</summary>
    public static int WeekdayHourNumber(DateOnly day, int hour) => (((int)day.DayOfWeek + 6) % 7 * 24) + hour;

    /// <summary>The key of <paramref name="record"/> under <paramref name="grouping"/>, days and hours in <paramref name="zone"/>.</summary>
    public static string Of(CallRecord record, StatisticsGrouping grouping, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(record);
        return grouping switch
        {
            StatisticsGrouping.None => Overall,
            StatisticsGrouping.Agent => Agent(record),
            StatisticsGrouping.Desk => Desk(record),
            StatisticsGrouping.Day => Day(ReportTimeZone.LocalDay(record.StartedAt.ToUnixTimeMilliseconds(), zone)),
            StatisticsGrouping.Hour => Hour(ReportTimeZone.LocalHour(record.StartedAt.ToUnixTimeMilliseconds(), zone)),
            StatisticsGrouping.Line => record.Line,
            StatisticsGrouping.WeekdayHour => WeekdayHour(WeekdayHourNumber(
                ReportTimeZone.LocalDay(record.StartedAt.ToUnixTimeMilliseconds(), zone),
                ReportTimeZone.LocalHour(record.StartedAt.ToUnixTimeMilliseconds(), zone))),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown statistics grouping."),
        };
    }
}
