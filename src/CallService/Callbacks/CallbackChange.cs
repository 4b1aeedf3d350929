namespace CallService.Callbacks;

/// <summary>How a status change or an attempt on a callback request ended.</summary>
public enum CallbackChangeOutcome
{
    /// <summary>The request moved; <see cref="CallbackChange.Callback"/> is the request after the change.</summary>
    Changed,

    /// <summary>The request already had that status: nothing was written.</summary>
    Unchanged,

    /// <summary>No request has that id.</summary>
    NotFound,

    /// <summary>The move is not allowed from the current status (<see cref="CallbackStatuses.CanMove"/>); nothing was written.</summary>
    IllegalTransition,
}

/// <summary>The result of <see cref="ICallbackStore.ChangeStatusAsync"/> or <see cref="ICallbackStore.BeginAttemptAsync"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Callback">The request as it stands now (after the change, or unchanged); null when not found.</param>
public sealed record CallbackChange(CallbackChangeOutcome Outcome, CallbackRequest? Callback)
{
    public static CallbackChange NotFound { get; } = new(CallbackChangeOutcome.NotFound, null);
}
