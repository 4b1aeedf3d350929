using CallService.Calls;

namespace CallService.Tests.Calls;

/// <summary>The FIFO of auto-answered callers waiting for an agent.</summary>
public sealed class CallQueueTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(CallHarness.InviteAt);
    private readonly CallQueue _queue;
    private int _next;

    public CallQueueTests() => _queue = new CallQueue(_time);

    private Call WaitingCall()
    {
        var call = new Call($"call-{++_next}", new CallPlan(CallService.Lines.RingCadence.China, 0, AgentsExpected: true), _time, _ => { });
        call.Handle(new RingingStarted()); // 0 rings: answered by the service at once
        Assert.Equal(CallState.AutoAnswered, call.State);
        return call;
    }

    [Fact]
    public void Callers_are_served_in_arrival_order_with_their_arrival_instants()
    {
        Call first = WaitingCall();
        Assert.True(_queue.Enqueue(first));
        _time.Advance(TimeSpan.FromSeconds(3));
        Call second = WaitingCall();
        Assert.True(_queue.Enqueue(second));
        _time.Advance(TimeSpan.FromSeconds(3));
        Call third = WaitingCall();
        Assert.True(_queue.Enqueue(third));
        Assert.Equal(3, _queue.Count);

        Assert.True(_queue.TryDequeue(out QueuedCall? a));
        Assert.True(_queue.TryDequeue(out QueuedCall? b));
        Assert.True(_queue.TryDequeue(out QueuedCall? c));

        Assert.Same(first, a.Call);
        Assert.Same(second, b.Call);
        Assert.Same(third, c.Call);
        Assert.Equal(CallHarness.InviteAt, a.EnqueuedAt);
        Assert.Equal(CallHarness.InviteAt + TimeSpan.FromSeconds(6), c.EnqueuedAt);
        Assert.False(_queue.TryDequeue(out QueuedCall? none));
        Assert.Null(none);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Enqueueing_twice_keeps_the_first_place()
    {
        Call first = WaitingCall();
        Call second = WaitingCall();
        _queue.Enqueue(first);
        _queue.Enqueue(second);

        Assert.False(_queue.Enqueue(first));

        Assert.Equal(2, _queue.Count);
        Assert.Equal(1, _queue.PositionOf(first));
        Assert.Equal(2, _queue.PositionOf(second));
    }

    [Fact]
    public void Removing_a_caller_moves_those_behind_up()
    {
        Call first = WaitingCall();
        Call second = WaitingCall();
        Call third = WaitingCall();
        _queue.Enqueue(first);
        _queue.Enqueue(second);
        _queue.Enqueue(third);

        Assert.True(_queue.Remove(second));
        Assert.False(_queue.Remove(second));

        Assert.Equal(0, _queue.PositionOf(second));
        Assert.Equal(2, _queue.PositionOf(third));
        Assert.Equal([first, third], _queue.Snapshot().Select(q => q.Call));
    }

    [Fact]
    public void Callers_who_ended_or_were_taken_meanwhile_are_skipped()
    {
        Call gone = WaitingCall();
        Call taken = WaitingCall();
        Call waiting = WaitingCall();
        _queue.Enqueue(gone);
        _queue.Enqueue(taken);
        _queue.Enqueue(waiting);
        gone.Handle(new CallerHungUp());
        taken.Handle(new AgentAnswered("alice"));

        Assert.True(_queue.TryDequeue(out QueuedCall? next));

        Assert.Same(waiting, next.Call);
        Assert.Equal(0, _queue.Count);
    }
}
