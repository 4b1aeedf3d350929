namespace CallService.Stats;

/// <summary>Holds on offered calls (the records keep per call: count, total and longest hold).</summary>
/// <param name="Holds">Sum of HoldCount.</param>
/// <param name="CallsHeld">Calls held at least once.</param>
/// <param name="CallsWithLongHold">Calls whose longest hold exceeded LongHoldSeconds (the records do not keep each hold, so this counts calls, not holds).</param>
/// <param name="TotalHoldSeconds">Sum of HoldSeconds.</param>
/// <param name="AverageHoldSecondsPerHeldCall">TotalHoldSeconds / CallsHeld; null without held calls.</param>
/// <param name="LongestHoldSeconds">The longest single hold; null without held calls.</param>
public sealed record HoldStatistics(
    long Holds,
    long CallsHeld,
    long CallsWithLongHold,
    double TotalHoldSeconds,
    double? AverageHoldSecondsPerHeldCall,
    double? LongestHoldSeconds);
