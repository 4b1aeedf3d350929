namespace CallService.Stats;

/// <summary>
/// Days and hours of day in the report's time zone. A call belongs to the day and hour its INVITE
/// arrived in (<see cref="Records.CallRecord.StartedAt"/>), also when it lasts past midnight.
/// </summary>
public static class ReportTimeZone
{
    private const long MillisecondsPerHour = 3_600_000;

    /// <summary>The zone with this IANA ("Asia/Shanghai") or Windows ("China Standard Time") id.</summary>
    public static bool TryFind(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The calendar day, in <paramref name="zone"/>, of a unix-millisecond instant.</summary>
    public static DateOnly LocalDay(long unixMilliseconds, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(Local(unixMilliseconds, zone));

    /// <summary>The hour of day (0..23), in <paramref name="zone"/>, of a unix-millisecond instant.</summary>
    public static int LocalHour(long unixMilliseconds, TimeZoneInfo zone) => Local(unixMilliseconds, zone).Hour;

    /// <summary>The day a store's "days since 1970-01-01 (local)" number names.</summary>
    public static DateOnly DayFromEpochDays(long epochDays) =>
        DateOnly.FromDayNumber(checked((int)(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + epochDays)));

    /// <summary>The midnight that starts <paramref name="day"/> in <paramref name="zone"/>, as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (DST starting at 00:00) begins that day at the first valid minute.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The zone's UTC offset over [<paramref name="fromMs"/>, <paramref name="toMs"/>) as consecutive
    /// spans: each span ends (exclusive) at <see cref="OffsetSpan.UntilMs"/>, the last at long.MaxValue.
    /// A store that cannot convert time zones itself adds the offset of the span an instant falls in
    /// (SQL: CASE WHEN t &lt; until1 THEN offset1 ... END) and gets the same local time as
    /// <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>.
    /// </summary>
    public static IReadOnlyList<OffsetSpan> OffsetSpans(TimeZoneInfo zone, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var spans = new List<OffsetSpan>();
        // Offset changes are months apart; stepping six hours cannot step over two of them.
        const long step = 6 * MillisecondsPerHour;
        long current = OffsetMs(zone, fromMs);
        long at = fromMs; // invariant: the offset at `at` is `current`
        while (at < toMs - 1)
        {
            long next = Math.Min(at + step, toMs - 1);
            if (OffsetMs(zone, next) == current)
            {
                at = next;
                continue;
            }
            // The first millisecond in (at, next] with another offset.
            long low = at, high = next;
            while (high - low > 1)
            {
                long middle = low + ((high - low) / 2);
                if (OffsetMs(zone, middle) == current)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }
            spans.Add(new OffsetSpan(high, current));
            current = OffsetMs(zone, high);
            at = high;
        }
        spans.Add(new OffsetSpan(long.MaxValue, current));
        return spans;
    }

    private static DateTime Local(long unixMilliseconds, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), zone).DateTime;

    private static long OffsetMs(TimeZoneInfo zone, long unixMilliseconds) =>
        (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds)).TotalMilliseconds;

}
