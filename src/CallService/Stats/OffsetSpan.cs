namespace CallService.Stats;

/// <summary>One stretch of constant UTC offset: valid up to <paramref name="UntilMs"/> (exclusive, unix ms).</summary>
public readonly record struct OffsetSpan(long UntilMs, long OffsetMs);
