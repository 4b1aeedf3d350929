using CallService.Sip.Rtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Timing;

/// <summary>
/// The system clock, with timers that fire on one dedicated thread (real-time where the system
/// permits, like the RTP pacer's) within about a tenth of a millisecond of their due time.
/// <para>
/// A <see cref="TimeProvider.System"/> timer fires from the runtime's timer thread, which wakes
/// with millisecond granularity, and its callback then waits in the thread pool's queue behind
/// whatever else is busy: an instant that must be exact (the 200 OK that ends the Nth ring) came
/// 1-2 ms late typically and tens of ms late when the pool was loaded. Here the thread sleeps on a
/// wake-up signal until 2 ms before the earliest due time, then waits precisely
/// (<see cref="PrecisionWait"/>) and runs the callback itself.
/// </para>
/// <para>
/// Callbacks run one after another on that thread, so they must be short (a state-machine step and
/// a datagram); one that throws is logged and the thread goes on. A timer created less than 2 ms
/// before an earlier-armed one is due may fire up to 2 ms late: the precise wait is not interrupted.
/// </para>
/// </summary>
public sealed class PreciseTimeProvider : TimeProvider, IDisposable
{
    private static readonly TimeSpan CoarseMargin = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMicroseconds(50);

    private readonly TimeProvider _clock = System;
    private readonly PriorityQueue<PreciseTimer, long> _queue = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly int _realtimePriority;
    private readonly Thread _thread;
    private readonly long _coarseTicks;
    private readonly long _spinTicks;
    private long _fired;
    private long _maxLatenessTicks;
    private long _failed;

    /// <param name="logger">Where a failing callback and the thread's scheduling are reported.</param>
    /// <param name="realtimePriority">SCHED_RR priority (1-99) asked for the thread; below the pacer's by default.</param>
    public PreciseTimeProvider(ILogger? logger = null, int realtimePriority = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(realtimePriority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(realtimePriority, 99);
        _logger = logger ?? NullLogger.Instance;
        _realtimePriority = realtimePriority;
        _coarseTicks = ToTicks(CoarseMargin);
        _spinTicks = ToTicks(SpinWindow);
        _thread = new Thread(Loop) { IsBackground = true, Name = "precise-timers" };
        _thread.Start();
    }

    /// <summary>Callbacks run so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Callbacks that threw.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The latest a callback started after its due time.</summary>
    public TimeSpan MaxLateness => TimeSpan.FromSeconds(Interlocked.Read(ref _maxLatenessTicks) / (double)TimestampFrequency);

    /// <summary>How the thread ended up scheduled, once it has started.</summary>
    public string? Scheduling { get; private set; }

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new PreciseTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(2));
        // _wake and _stop are left to the collector: a timer armed during disposal may still signal
        // the one, and the other is read by Enqueue (neither holds an OS handle in this use).
    }

    internal long ToTicks(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (long)Math.Min(span.Ticks * (TimestampFrequency / (double)TimeSpan.TicksPerSecond), long.MaxValue / 4);

    /// <summary>Queues <paramref name="timer"/> at <paramref name="due"/>; the caller holds <see cref="Gate"/>.</summary>
    internal void Enqueue(PreciseTimer timer, long due)
    {
        bool earliest = !_queue.TryPeek(out _, out long head) || due < head;
        _queue.Enqueue(timer, due);
        if (earliest && !_stop.IsCancellationRequested)
        {
            _wake.Release(); // the thread may be asleep until a later head
        }
    }

    internal Lock Gate => _gate;

    private void Loop()
    {
        Scheduling = ThreadScheduling.TryMakeCurrentThreadRealtime(_realtimePriority, out string detail) ? detail : "normal: " + detail;
        TimingLog.ThreadScheduled(_logger, Scheduling);
        CancellationToken stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                long due;
                lock (_gate)
                {
                    due = _queue.TryPeek(out _, out long head) ? head : long.MaxValue;
                }
                long remaining = due == long.MaxValue ? long.MaxValue : due - GetTimestamp();
                if (remaining <= 0)
                {
                    RunDue();
                }
                else if (remaining > _coarseTicks)
                {
                    // Asleep until shortly before the head, or until a timer due earlier arrives.
                    int ms = remaining == long.MaxValue ? Timeout.Infinite : (int)Math.Min((remaining - _coarseTicks) * 1000 / TimestampFrequency, int.MaxValue);
                    _wake.Wait(Math.Max(ms, 1), stop);
                }
                else
                {
                    PrecisionWait.WaitUntil(_clock, due, _spinTicks, spin: true, stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void RunDue()
    {
        while (true)
        {
            PreciseTimer? timer;
            long due;
            lock (_gate)
            {
                if (!_queue.TryPeek(out timer, out due) || due > GetTimestamp())
                {
                    return;
                }
                _queue.Dequeue();
                // A timer changed or disposed since it was queued has another entry, or none.
                if (!timer.TakeDue(due, out long? next))
                {
                    continue;
                }
                if (next is { } again)
                {
                    Enqueue(timer, again);
                }
            }

            long lateness = GetTimestamp() - due;
            if (lateness > Interlocked.Read(ref _maxLatenessTicks))
            {
                Interlocked.Exchange(ref _maxLatenessTicks, lateness);
            }
            Interlocked.Increment(ref _fired);
            try
            {
                timer.Invoke();
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _failed);
                TimingLog.CallbackFailed(_logger, ex);
            }
        }
    }
}
