namespace CallService.Stats;

/// <summary>Count, sum, maximum and nearest-rank P50/P90 of whole-number values (none when <paramref name="Count"/> is 0).</summary>
public readonly record struct ValueTotals(long Count, long Sum, long? Max, long? P50, long? P90)
{
    /// <summary>Both sets of values together; the percentiles are unset (they cannot be combined).</summary>
    public ValueTotals Plus(ValueTotals other) => new(
        Count + other.Count,
        Sum + other.Sum,
        Max is { } a ? (other.Max is { } b ? Math.Max(a, b) : a) : other.Max,
        null,
        null);
}
