namespace CallService.Sip.Transactions;

/// <summary>
/// One priority queue of deadlines for every transaction timer of a stack, armed on a single
/// <see cref="ITimer"/> from the injected <see cref="TimeProvider"/>: adding a timer is O(log n),
/// nothing scans all transactions, and a FakeTimeProvider drives it in tests.
/// Cancelled entries are dropped lazily when they reach the head of the queue.
/// </summary>
public sealed class SipTimerQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly PriorityQueue<SipTimerHandle, long> _queue = new();
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public SipTimerQueue(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(static s => ((SipTimerQueue)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Number of timers waiting (cancelled ones included until they are dropped).</summary>
    public int Count { get { lock (_gate) { return _queue.Count; } } }

    public TimeProvider TimeProvider => _time;

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delay"/>; cancel with the handle.</summary>
    public SipTimerHandle Schedule(TimeSpan delay, Action<object?> callback, object? state) =>
        ScheduleAt(_time.GetTimestamp() + ToTicks(delay), callback, state);

    /// <summary>Schedules <paramref name="delay"/> after <paramref name="previous"/> was due, not after
    /// now: a retransmission timer that fired late does not push every later retransmission back.</summary>
    public SipTimerHandle ScheduleAfter(SipTimerHandle previous, TimeSpan delay, Action<object?> callback, object? state) =>
        ScheduleAt(previous.DueTimestamp + ToTicks(delay), callback, state);

    private SipTimerHandle ScheduleAt(long due, Action<object?> callback, object? state)
    {
        var handle = new SipTimerHandle(callback, state, due);
        lock (_gate)
        {
            if (_disposed)
            {
                return handle;
            }
            _queue.Enqueue(handle, due);
            if (due < _armedFor)
            {
                Arm(due);
            }
        }
        return handle;
    }

    private long ToTicks(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? 0 : (long)(delay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    // Called under _gate.
    private void Arm(long due)
    {
        _armedFor = due;
        TimeSpan wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
        if (wait <= TimeSpan.Zero)
        {
            // Never zero: a zero due time may run the callback synchronously inside Change (a fake
            // clock does), re-entering a transaction that is still inside its own gate.
            wait = TimeSpan.FromTicks(1);
        }
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        while (true)
        {
            SipTimerHandle? due = null;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                long now = _time.GetTimestamp();
                while (_queue.TryPeek(out var head, out long at))
                {
                    if (head.IsCancelled)
                    {
                        _queue.Dequeue();
                        continue;
                    }
                    if (at <= now)
                    {
                        due = _queue.Dequeue();
                    }
                    break;
                }
                if (due is null)
                {
                    if (_queue.TryPeek(out _, out long next))
                    {
                        Arm(next);
                    }
                    else
                    {
                        _armedFor = long.MaxValue;
                    }
                    return;
                }
            }
            due.Run();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
        }
        _timer.Dispose();
    }
}
