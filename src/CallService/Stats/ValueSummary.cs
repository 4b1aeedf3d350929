namespace CallService.Stats;

/// <summary>Count, average and nearest-rank P50, P90 and maximum of a measure; the statistics are null when <paramref name="Count"/> is 0.</summary>
public sealed record ValueSummary(long Count, double? Average, double? P50, double? P90, double? Max);
