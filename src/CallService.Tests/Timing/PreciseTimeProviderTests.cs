using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CallService.Sip.Timing;
using CallService.Tests.Support;

namespace CallService.Tests.Timing;

/// <summary>
/// The precise timers' behaviour on the real clock: when they fire relative to their due time,
/// re-arming, cancelling, periods and failures. How precise they are under load is a benchmark
/// (bench/README.md, Load c), not a test.
/// </summary>
public sealed class PreciseTimeProviderTests : IDisposable
{
    private readonly PreciseTimeProvider _time = new();

    public void Dispose() => _time.Dispose();

    [Fact]
    public async Task A_timer_fires_once_and_never_before_its_due_time()
    {
        var fired = new ConcurrentQueue<long>();
        long armed = _time.GetTimestamp();
        using ITimer timer = _time.CreateTimer(_ => fired.Enqueue(_time.GetTimestamp()), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        await Eventually.True(() => fired.Count == 1, "the timer fired");
        await Eventually.True(() => _time.GetElapsedTime(armed) > TimeSpan.FromMilliseconds(200), "time passes");

        Assert.Single(fired);
        Assert.True(_time.GetElapsedTime(armed, fired.Single()) >= TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task A_timer_due_sooner_than_the_one_the_thread_sleeps_for_still_fires_on_time()
    {
        int late = 0, soon = 0;
        using ITimer later = _time.CreateTimer(_ => Interlocked.Increment(ref late), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        await Eventually.True(() => _time.Scheduling is not null, "the thread runs (and sleeps for the 30 s timer)");
        using ITimer sooner = _time.CreateTimer(_ => Interlocked.Increment(ref soon), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        // Not 30 s: the new head wakes the thread.
        await Eventually.True(() => Volatile.Read(ref soon) == 1, "the 20 ms timer fired", 2_000);
        Assert.Equal(0, Volatile.Read(ref late));
    }

    [Fact]
    public async Task Change_re_arms_and_infinite_or_dispose_cancels()
    {
        int a = 0, b = 0, c = 0;
        using ITimer moved = _time.CreateTimer(_ => Interlocked.Increment(ref a), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        Assert.True(moved.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan));
        using ITimer stopped = _time.CreateTimer(_ => Interlocked.Increment(ref b), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        ITimer disposed = _time.CreateTimer(_ => Interlocked.Increment(ref c), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan));

        using ITimer marker = _time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        long before = _time.Fired;
        await Eventually.True(() => _time.Fired >= 2, "the moved timer and the marker fired");

        Assert.Equal(1, Volatile.Read(ref a)); // once, at its new time; the 30 s entry is stale
        Assert.Equal(0, Volatile.Read(ref b));
        Assert.Equal(0, Volatile.Read(ref c));
        Assert.True(_time.Fired - before <= 2);
    }

    [Fact]
    public async Task A_periodic_timer_repeats_until_disposed()
    {
        int ticks = 0;
        ITimer timer = _time.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10));
        await Eventually.True(() => Volatile.Read(ref ticks) >= 5, "five ticks");
        timer.Dispose();
        int atDispose = Volatile.Read(ref ticks);
        using ITimer marker = _time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        long fired = _time.Fired;
        await Eventually.True(() => _time.Fired > fired, "the marker fired after the period would have ticked again");

        Assert.InRange(Volatile.Read(ref ticks), atDispose, atDispose + 1); // one may have been running
    }

    [Fact]
    public async Task A_callback_that_throws_is_counted_and_later_timers_still_fire()
    {
        int after = 0;
        using ITimer bad = _time.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        using ITimer good = _time.CreateTimer(_ => Interlocked.Increment(ref after), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        await Eventually.True(() => Volatile.Read(ref after) == 1, "the later timer fired");
        Assert.Equal(1, _time.Failed);
    }

    [Fact]
    public void A_disposed_timer_lets_go_of_its_state_at_once()
    {
        WeakReference state = ArmAndDispose(_time);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(state.IsAlive, "the disposed timer's queue entry still holds its state");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ArmAndDispose(TimeProvider time)
    {
        var state = new List<int>(); // stands for a call
        ITimer timer = time.CreateTimer(static s => ((List<int>)s!).Add(1), state, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        return new WeakReference(state);
    }
}
