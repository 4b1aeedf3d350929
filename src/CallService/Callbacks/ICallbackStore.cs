namespace CallService.Callbacks;

/// <summary>
/// Where callback requests live. Contract:
/// <list type="bullet">
/// <item>Call <see cref="InitializeAsync"/> once, before anything else.</item>
/// <item>A write's Task completes once the write is committed.</item>
/// <item>A status change checks and writes in one transaction: two desks (or a desk and the dialer)
/// changing the same request at once cannot both move it from the same status.</item>
/// </list>
/// </summary>
public interface ICallbackStore : IAsyncDisposable
{
    /// <summary>
    /// Creates the storage if missing, then ends the attempts a previous run left "calling" (their
    /// calls died with it) as "failed" with a last result saying so. Returns how many were ended.
    /// </summary>
    Task<int> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds a request (its Id is ignored) and returns it with its new id.</summary>
    Task<CallbackRequest> AddAsync(CallbackRequest request, CancellationToken cancellationToken);

    Task<CallbackRequest?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The requests with this status (all when null), the earliest due first.</summary>
    Task<IReadOnlyList<CallbackRequest>> ListAsync(CallbackStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a request to <paramref name="status"/> if <see cref="CallbackStatuses.CanMove"/> allows it;
    /// "calling" is refused here (only <see cref="BeginAttemptAsync"/> enters it). <paramref name="result"/>,
    /// when given, becomes <see cref="CallbackRequest.LastResult"/>.
    /// </summary>
    Task<CallbackChange> ChangeStatusAsync(long id, CallbackStatus status, string? result, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a click-to-call attempt: from pending or failed to calling, Attempts + 1, LastAttemptAt now,
    /// LastResult and the last ring times cleared. IllegalTransition from any other status (an attempt already under way included).
    /// </summary>
    Task<CallbackChange> BeginAttemptAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a click-to-call attempt: like <see cref="ChangeStatusAsync"/> to <paramref name="status"/> with
    /// <paramref name="result"/>, and in the same transaction records the ring times of its legs
    /// (<see cref="CallbackRequest.LastAgentRingSeconds"/>, <see cref="CallbackRequest.LastCustomerRingSeconds"/>).
    /// </summary>
    Task<CallbackChange> EndAttemptAsync(long id, CallbackStatus status, string result, double? agentRingSeconds, double? customerRingSeconds,
        CancellationToken cancellationToken);
}
