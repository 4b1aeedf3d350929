namespace CallService.Engine;

/// <summary>The calls in progress for watchers such as the agent desk (<see cref="ILiveCalls"/>).</summary>
public sealed partial class SipEngine : ILiveCalls
{
    private long _liveVersion;

    /// <inheritdoc/>
    public event Action<LiveCall>? CallChanged;

    /// <inheritdoc/>
    public IReadOnlyList<LiveCall> LiveCalls() => [.. _calls.Values.Select(c => c.Live()).Where(c => c.State != Calls.CallState.Ended)];

    internal long NextLiveVersion() => Interlocked.Increment(ref _liveVersion);

    internal void PublishLive(LiveCall call)
    {
        Action<LiveCall>? handlers = CallChanged;
        if (handlers is null)
        {
            return;
        }
        try
        {
            handlers(call);
        }
        catch (Exception ex)
        {
            // A watcher's fault must not break the call it watches.
            EngineLog.WatcherFailed(_logger, call.CallId, call.CallerNumber, ex);
        }
    }
}
