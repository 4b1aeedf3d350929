namespace CallService.Engine;

/// <summary>
/// The calls in progress, for watchers (the agent desk): a snapshot now, and every change as it happens.
/// </summary>
public interface ILiveCalls
{
    /// <summary>
    /// Raised on the engine's thread after each state change of a call (and once when it starts).
    /// Handlers must return at once: no I/O, no waiting; hand slow work (database reads) to another task.
    /// </summary>
    event Action<LiveCall>? CallChanged;

    /// <summary>The calls in progress now.</summary>
    IReadOnlyList<LiveCall> LiveCalls();
}
