namespace CallService.Callbacks;

/// <summary>
/// The rule every <see cref="ICallbackStore"/> applies inside its write transaction, once it has read
/// the request as it stands: whether the move asked for may happen (<see cref="CallbackStatuses.CanMove"/>),
/// and if so the request as it stands after it. A store writes only when the outcome is
/// <see cref="CallbackChangeOutcome.Changed"/>, and then exactly the request handed back.
/// </summary>
internal static class CallbackTransitions
{
    /// <summary>
    /// <see cref="ICallbackStore.ChangeStatusAsync"/> (<paramref name="ringTimes"/> null) and
    /// <see cref="ICallbackStore.EndAttemptAsync"/> (the ring times of the attempt's legs).
    /// </summary>
    /// <param name="now">The store's clock, read in the transaction: becomes the completion time on entering done.</param>
    public static CallbackChange Change(
        CallbackRequest current, CallbackStatus status, string? result, (double? Agent, double? Customer)? ringTimes, DateTimeOffset now)
    {
        if (current.Status == status && status != CallbackStatus.Calling && ringTimes is null)
        {
            return new CallbackChange(CallbackChangeOutcome.Unchanged, current);
        }
        if (status == CallbackStatus.Calling || (current.Status != status && !CallbackStatuses.CanMove(current.Status, status)))
        {
            return new CallbackChange(CallbackChangeOutcome.IllegalTransition, current);
        }
        // Entering done stamps the completion; done is final, so nothing ever clears it.
        DateTimeOffset? completedAt = status == CallbackStatus.Done && current.Status != CallbackStatus.Done
            ? CallbackColumns.ToMilliseconds(now)
            : current.CompletedAt;
        CallbackRequest changed = current with { Status = status, LastResult = result ?? current.LastResult, CompletedAt = completedAt };
        if (ringTimes is { } ring)
        {
            changed = changed with { LastAgentRingSeconds = ring.Agent, LastCustomerRingSeconds = ring.Customer };
        }
        return new CallbackChange(CallbackChangeOutcome.Changed, changed);
    }

    /// <summary>
    /// <see cref="ICallbackStore.BeginAttemptAsync"/>: to calling, Attempts + 1, LastAttemptAt
    /// <paramref name="now"/> (to the millisecond), LastResult and the last ring times cleared.
    /// </summary>
    public static CallbackChange BeginAttempt(CallbackRequest current, DateTimeOffset now)
    {
        if (!CallbackStatuses.CanMove(current.Status, CallbackStatus.Calling))
        {
            return new CallbackChange(CallbackChangeOutcome.IllegalTransition, current);
        }
        return new CallbackChange(CallbackChangeOutcome.Changed, current with
        {
            Status = CallbackStatus.Calling,
            Attempts = current.Attempts + 1,
            LastAttemptAt = CallbackColumns.ToMilliseconds(now),
            LastResult = null,
            LastAgentRingSeconds = null,
            LastCustomerRingSeconds = null,
        });
    }
}
