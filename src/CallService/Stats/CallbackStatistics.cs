namespace CallService.Stats;

/// <summary>Callback offers after a long hold, and the callbacks completed (docs/metrics.md "Callbacks").</summary>
/// <param name="Offered">Calls that heard the offer.</param>
/// <param name="Accepted">The caller pressed 1 (call me back).</param>
/// <param name="Declined">The caller pressed 2 (keep waiting).</param>
/// <param name="NoChoice">Offered, but the caller chose nothing (hung up or was picked up first).</param>
/// <param name="Completed">Accepted, and the call's callback request is done.</param>
/// <param name="TimeToCallbackSeconds">Completed callbacks: seconds from the request to the callback being done.</param>
public sealed record CallbackStatistics(long Offered, long Accepted, long Declined, long NoChoice, long Completed, ValueSummary TimeToCallbackSeconds);
