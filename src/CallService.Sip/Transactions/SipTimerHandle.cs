namespace CallService.Sip.Transactions;

/// <summary>A scheduled timer of a <see cref="SipTimerQueue"/>; <see cref="Cancel"/> is idempotent.</summary>
/// <remarks>
/// The queue drops a cancelled handle only when it reaches the head, up to 64*T1 later, so a handle
/// lets go of its callback and state as soon as it is cancelled or has run: otherwise every cancelled
/// timer would keep what it was about (a transaction, a dialog, the call behind it) alive until then.
/// </remarks>
public sealed class SipTimerHandle
{
    private Action<object?>? _callback;
    private object? _state;
    private int _status; // 0 pending, 1 cancelled, 2 ran

    internal SipTimerHandle(Action<object?> callback, object? state, long dueTimestamp)
    {
        _callback = callback;
        _state = state;
        DueTimestamp = dueTimestamp;
    }

    public long DueTimestamp { get; }

    public bool IsCancelled => Volatile.Read(ref _status) == 1;

    /// <summary>True once the handle holds neither its callback nor its state (cancelled or run).</summary>
    internal bool IsReleased => Volatile.Read(ref _callback) is null && Volatile.Read(ref _state) is null;

    public void Cancel()
    {
        if (Interlocked.CompareExchange(ref _status, 1, 0) == 0)
        {
            Release();
        }
    }

    internal void Run()
    {
        // The exchange decides between Run and Cancel: only the winner touches the fields.
        if (Interlocked.CompareExchange(ref _status, 2, 0) == 0)
        {
            Action<object?> callback = _callback!;
            object? state = _state;
            Release();
            callback(state);
        }
    }

    private void Release()
    {
        Volatile.Write(ref _callback, null);
        Volatile.Write(ref _state, null);
    }
}
