namespace CallService.Stats;

/// <summary>The settings a report was computed with, so a reader knows what "within target" and "short" meant.</summary>
/// <param name="TargetRings">The target for lines without their own.</param>
/// <param name="TargetRingsByLine">The configured lines' own targets.</param>
/// <param name="ShortAbandonSeconds">Abandons while ringing shorter than this are short.</param>
/// <param name="LongHoldSeconds">Holds longer than this are long.</param>
public sealed record StatisticsDefinitions(
    int TargetRings,
    IReadOnlyDictionary<string, int> TargetRingsByLine,
    double ShortAbandonSeconds,
    double LongHoldSeconds);
