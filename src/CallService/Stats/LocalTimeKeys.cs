namespace CallService.Stats;

/// <summary>
/// The day, hour and weekday-hour keys (<see cref="StatisticsKeys"/>) of instants within one period,
/// from the zone's UTC offsets over that period (<see cref="ReportTimeZone.OffsetSpans"/>): local time =
/// unix ms + the offset of the span the instant falls in, as the SQL stores compute it. Cheaper than a
/// <see cref="TimeZoneInfo"/> conversion per call, and each key is spelled once.
/// </summary>
internal sealed class LocalTimeKeys
{
    private const long MsPerDay = 86_400_000;
    private const long MsPerHour = 3_600_000;

    private readonly OffsetSpan[] _spans;
    private readonly Dictionary<long, string> _days = [];
    private readonly string[] _hours = [.. Enumerable.Range(0, 24).Select(StatisticsKeys.Hour)];
    private readonly string[] _weekdayHours = [.. Enumerable.Range(0, 7 * 24).Select(StatisticsKeys.WeekdayHour)];

    public LocalTimeKeys(TimeZoneInfo zone, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _spans = [.. ReportTimeZone.OffsetSpans(zone, fromMs, toMs)];
    }

    /// <summary>"yyyy-MM-dd" of the local day.</summary>
    public string Day(long unixMs)
    {
        long localDay = FloorDiv(Local(unixMs), MsPerDay);
        if (!_days.TryGetValue(localDay, out string? key))
        {
            key = StatisticsKeys.Day(ReportTimeZone.DayFromEpochDays(localDay));
            _days.Add(localDay, key);
        }
        return key;
    }

    /// <summary>"00" .. "23".</summary>
    public string Hour(long unixMs) => _hours[HourOf(Local(unixMs))];

    /// <summary>"1-00" .. "7-23" (ISO weekday, hour).</summary>
    public string WeekdayHour(long unixMs)
    {
        long local = Local(unixMs);
        // 1970-01-01 was a Thursday (ISO weekday 4): (days + 3) mod 7 is ISO weekday - 1.
        long weekday = FloorMod(FloorDiv(local, MsPerDay) + 3, 7);
        return _weekdayHours[(weekday * 24) + HourOf(local)];
    }

    private long Local(long unixMs)
    {
        foreach (OffsetSpan span in _spans)
        {
            if (unixMs < span.UntilMs)
            {
                return unixMs + span.OffsetMs;
            }
        }
        return unixMs + _spans[^1].OffsetMs;
    }

    private static int HourOf(long local) => (int)(FloorMod(local, MsPerDay) / MsPerHour);

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - (FloorDiv(a, b) * b);
}
