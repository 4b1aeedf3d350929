namespace CallService.Callbacks;

/// <summary>The names of <see cref="CallbackStatus"/> and the transitions between them.</summary>
/// <remarks>
/// <code>
/// pending   -> calling (attempt), done, failed, cancelled
/// calling   -> pending (no answer: try again), done, failed
/// failed    -> calling (attempt), pending, done, cancelled
/// done, cancelled: final
/// </code>
/// Only an attempt (<see cref="ICallbackStore.BeginAttemptAsync"/>) enters "calling"; an attempt under
/// way is ended by its result, not cancelled over it.
/// </remarks>
public static class CallbackStatuses
{
    /// <summary>The names in order: pending, calling, done, failed, cancelled.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pending", "calling", "done", "failed", "cancelled"];

    /// <summary>"pending", "calling", "done", "failed" or "cancelled".</summary>
    public static string ToName(this CallbackStatus status) => status switch
    {
        CallbackStatus.Pending => "pending",
        CallbackStatus.Calling => "calling",
        CallbackStatus.Done => "done",
        CallbackStatus.Failed => "failed",
        CallbackStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Parses a name exactly as <see cref="ToName"/> writes it (lower case; no blanks).</summary>
    public static bool TryParse(string? name, out CallbackStatus status)
    {
        switch (name)
        {
            case "pending": status = CallbackStatus.Pending; return true;
            case "calling": status = CallbackStatus.Calling; return true;
            case "done": status = CallbackStatus.Done; return true;
            case "failed": status = CallbackStatus.Failed; return true;
            case "cancelled": status = CallbackStatus.Cancelled; return true;
            default: status = default; return false;
        }
    }

    /// <summary>Whether nothing may follow: done or cancelled.</summary>
    public static bool IsFinal(this CallbackStatus status) => status is CallbackStatus.Done or CallbackStatus.Cancelled;

    /// <summary>Whether a request in <paramref name="from"/> may move to <paramref name="to"/> (a status to itself is no move).</summary>
    public static bool CanMove(CallbackStatus from, CallbackStatus to) => (from, to) switch
    {
        (CallbackStatus.Pending, CallbackStatus.Calling or CallbackStatus.Done or CallbackStatus.Failed or CallbackStatus.Cancelled) => true,
        (CallbackStatus.Calling, CallbackStatus.Pending or CallbackStatus.Done or CallbackStatus.Failed) => true,
        (CallbackStatus.Failed, CallbackStatus.Calling or CallbackStatus.Pending or CallbackStatus.Done or CallbackStatus.Cancelled) => true,
        _ => false,
    };
}
