namespace CallService.Stats;

/// <summary>Count, sum, maximum and nearest-rank P50/P90 of whole-number values (none when <paramref name="Count"/> is 0).</summary>
public readonly record struct ValueTotals(long Count, long Sum, long? Max, long? P50, long? P90);
