namespace CallService.Stats;

/// <summary>
/// Callback offers after a long hold. Completed callbacks and the time from request to completion
/// need a completion time, which the callback list does not keep yet (docs/metrics.md "Callbacks").
/// </summary>
/// <param name="Offered">Calls that heard the offer.</param>
/// <param name="Accepted">The caller pressed 1 (call me back).</param>
/// <param name="Declined">The caller pressed 2 (keep waiting).</param>
/// <param name="NoChoice">Offered, but the caller chose nothing (hung up or was picked up first).</param>
public sealed record CallbackStatistics(long Offered, long Accepted, long Declined, long NoChoice);
