namespace CallService.Sip.Transactions;

/// <summary>A scheduled timer of a <see cref="SipTimerQueue"/>; <see cref="Cancel"/> is idempotent.</summary>
public sealed class SipTimerHandle
{
    private readonly Action<object?> _callback;
    private readonly object? _state;
    private int _status; // 0 pending, 1 cancelled, 2 ran

    internal SipTimerHandle(Action<object?> callback, object? state, long dueTimestamp)
    {
        _callback = callback;
        _state = state;
        DueTimestamp = dueTimestamp;
    }

    public long DueTimestamp { get; }

    public bool IsCancelled => Volatile.Read(ref _status) == 1;

    public void Cancel() => Interlocked.CompareExchange(ref _status, 1, 0);

    internal void Run()
    {
        if (Interlocked.CompareExchange(ref _status, 2, 0) == 0)
        {
            _callback(_state);
        }
    }
}
