namespace CallService.Sip.Timing;

/// <summary>
/// A timer of <see cref="PreciseTimeProvider"/>. The provider's queue may hold entries of earlier
/// settings; only the entry with the current due time runs (the queue drops the others lazily), and
/// a disposed timer lets go of its callback and state at once.
/// </summary>
internal sealed class PreciseTimer : ITimer
{
    private readonly PreciseTimeProvider _owner;
    private TimerCallback? _callback;
    private object? _state;
    private long _due = -1; // the queued due time, -1 when not armed
    private long _period;   // 0 when one-shot

    public PreciseTimer(PreciseTimeProvider owner, TimerCallback callback, object? state)
    {
        _owner = owner;
        _callback = callback;
        _state = state;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime));
        }
        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period));
        }
        lock (_owner.Gate)
        {
            if (_callback is null)
            {
                return false; // disposed
            }
            _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Math.Max(1, _owner.ToTicks(period));
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _due = -1;
                return true;
            }
            _due = _owner.GetTimestamp() + _owner.ToTicks(dueTime);
            _owner.Enqueue(this, _due);
            return true;
        }
    }

    /// <summary>
    /// Under the provider's gate: whether the entry due at <paramref name="due"/> is this timer's
    /// current one (then it is consumed), and the next due time of a periodic timer.
    /// </summary>
    public bool TakeDue(long due, out long? next)
    {
        next = null;
        if (_callback is null || _due != due)
        {
            return false;
        }
        if (_period > 0)
        {
            _due = due + _period; // absolute: a late run does not push the later ones back
            next = _due;
        }
        else
        {
            _due = -1;
        }
        return true;
    }

    public void Invoke()
    {
        TimerCallback? callback;
        object? state;
        lock (_owner.Gate)
        {
            callback = _callback;
            state = _state;
        }
        callback?.Invoke(state);
    }

    public void Dispose()
    {
        lock (_owner.Gate)
        {
            _callback = null;
            _state = null;
            _due = -1;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
