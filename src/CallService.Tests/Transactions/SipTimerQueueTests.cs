using System.Runtime.CompilerServices;
using CallService.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Transactions;

public sealed class SipTimerQueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SipTimerQueue _queue;

    public SipTimerQueueTests() => _queue = new SipTimerQueue(_time);

    public void Dispose() => _queue.Dispose();

    [Fact]
    public void A_timer_runs_once_when_due_and_a_cancelled_one_never()
    {
        var fired = new List<string>();
        _queue.Schedule(TimeSpan.FromMilliseconds(500), s => fired.Add((string)s!), "A");
        SipTimerHandle b = _queue.Schedule(TimeSpan.FromMilliseconds(400), s => fired.Add((string)s!), "B");
        b.Cancel();
        b.Cancel(); // idempotent

        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Empty(fired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["A"], fired);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(["A"], fired);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void A_cancelled_timer_lets_go_of_its_state_while_it_still_waits_in_the_queue()
    {
        // Timer L or J of a transaction is due 32 s after the call ended; what it was about must be
        // collectable long before the queue drops the cancelled entry.
        (SipTimerHandle handle, WeakReference state) = ScheduleWithState(TimeSpan.FromSeconds(32));
        handle.Cancel();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(1, _queue.Count);
        Assert.True(handle.IsReleased);
        Assert.False(state.IsAlive, "the cancelled timer still holds its state");
    }

    [Fact]
    public void A_timer_that_ran_holds_neither_its_callback_nor_its_state()
    {
        (SipTimerHandle handle, WeakReference state) = ScheduleWithState(TimeSpan.FromMilliseconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.True(handle.IsReleased);
        Assert.False(state.IsAlive);
    }

    // Not inlined, so that no local of the test keeps the state alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (SipTimerHandle Handle, WeakReference State) ScheduleWithState(TimeSpan delay)
    {
        var state = new List<int>(); // stands for a transaction and the call behind it
        SipTimerHandle handle = _queue.Schedule(delay, static s => ((List<int>)s!).Add(1), state);
        return (handle, new WeakReference(state));
    }
}
