namespace CallService.Stats;

/// <summary>
/// The definitions a report is computed with (docs/metrics.md "Settings"). From configuration:
/// section "Stats" (<see cref="StatisticsOptionsReader"/>); the per-line targets come from the lines'
/// own TargetRings.
/// </summary>
public sealed record StatisticsOptions
{
    /// <summary>The configuration section: "Stats".</summary>
    public const string SectionName = "Stats";

    /// <summary>The default report time zone: China Standard Time, no daylight saving.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>The handbook's service-level target: answered within two rings.</summary>
    public const int HandbookTargetRings = 2;

    /// <summary>Longest accepted <see cref="ShortAbandonSeconds"/>.</summary>
    public const double MaxShortAbandonSeconds = 120;

    /// <summary>Longest accepted <see cref="LongHoldSeconds"/>.</summary>
    public const double MaxLongHoldSeconds = 3600;

    /// <summary>Highest accepted target (a ring is 3..6 s in the known cadences: 20 rings is a minute or two).</summary>
    public const int MaxTargetRings = 20;

    /// <summary>Days and hours of day are counted in this zone (Stats:TimeZone, default Asia/Shanghai).</summary>
    public TimeZoneInfo TimeZone { get; init; } = DefaultTimeZone();

    /// <summary>
    /// A call abandoned while ringing after less than this many seconds from its INVITE is a short
    /// abandon (misdial, caller changed their mind): counted apart and left out of the service level's
    /// denominator (Stats:ShortAbandonSeconds, default 5; the comparison is "less than").
    /// </summary>
    public double ShortAbandonSeconds { get; init; } = 5;

    /// <summary>A call whose longest hold lasted more than this many seconds counts as held too long (handbook: 30 s, then the callback offer).</summary>
    public double LongHoldSeconds { get; init; } = 30;

    /// <summary>
    /// The share of calls the desk aims to answer within target, in percent (Stats:ServiceLevelTargetPercent,
    /// default 80): the dashboard's trend line compares each day with it. It changes no figure.
    /// </summary>
    public double ServiceLevelTargetPercent { get; init; } = 80;

    /// <summary>The service-level target for lines not in <see cref="TargetRingsByLine"/>.</summary>
    public int TargetRings { get; init; } = HandbookTargetRings;

    /// <summary>The service-level target of each configured line (Lines:n:TargetRings), by line number.</summary>
    public IReadOnlyDictionary<string, int> TargetRingsByLine { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary><see cref="ShortAbandonSeconds"/> in whole milliseconds (records keep times to the millisecond).</summary>
    public long ShortAbandonMilliseconds => (long)Math.Round(ShortAbandonSeconds * 1000, MidpointRounding.AwayFromZero);

    /// <summary><see cref="LongHoldSeconds"/> in whole milliseconds.</summary>
    public long LongHoldMilliseconds => (long)Math.Round(LongHoldSeconds * 1000, MidpointRounding.AwayFromZero);

    /// <summary>The target that applies to a call on <paramref name="line"/>.</summary>
    public int TargetRingsFor(string line) =>
        TargetRingsByLine.TryGetValue(line, out int target) ? target : TargetRings;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value outside its range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeZone);
        ArgumentNullException.ThrowIfNull(TargetRingsByLine);
        if (!(ShortAbandonSeconds >= 0 && ShortAbandonSeconds <= MaxShortAbandonSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(ShortAbandonSeconds), ShortAbandonSeconds, $"ShortAbandonSeconds must be 0..{MaxShortAbandonSeconds}.");
        }
        if (!(LongHoldSeconds >= 0 && LongHoldSeconds <= MaxLongHoldSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(LongHoldSeconds), LongHoldSeconds, $"LongHoldSeconds must be 0..{MaxLongHoldSeconds}.");
        }
        if (!(ServiceLevelTargetPercent >= 0 && ServiceLevelTargetPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(ServiceLevelTargetPercent), ServiceLevelTargetPercent, "ServiceLevelTargetPercent must be 0..100.");
        }
        CheckTarget(nameof(TargetRings), TargetRings);
        foreach (var (line, target) in TargetRingsByLine)
        {
            CheckTarget($"{nameof(TargetRingsByLine)}[{line}]", target);
        }
    }

    /// <summary>Asia/Shanghai from the system's time zone data (IANA id; the Windows id where ICU is missing).</summary>
    public static TimeZoneInfo DefaultTimeZone() =>
        ReportTimeZone.TryFind(DefaultTimeZoneId, out TimeZoneInfo? zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromHours(8), DefaultTimeZoneId, "China Standard Time");

    private static void CheckTarget(string name, int target)
    {
        if (target is < 1 or > MaxTargetRings)
        {
            throw new ArgumentOutOfRangeException(name, target, $"A target must be 1..{MaxTargetRings} rings.");
        }
    }
}
