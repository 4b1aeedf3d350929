using CallService.Calls;
using CallService.Lines;

namespace CallService.Tests.Calls;

/// <summary>An agent answering while ringing, and an agent taking a caller out of the queue.</summary>
public sealed class CallAgentAnswerTests
{
    [Fact]
    public void Agent_answering_at_4_s_connects_with_0_8_rings_and_cancels_the_auto_answer()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2).Ring();
        h.AdvanceTo(4);

        h.Handle(new AgentAnswered("alice"));

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [
                new AnswerCaller(),
                new CancelAgentLegs("alice"),
                new BridgeTo("alice"),
                new RecordChanged(CallState.Connected, record),
            ],
            h.Take());
        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Equal(h.At(4), record.AnsweredAt);
        Assert.Equal("alice", record.AnsweredBy);
        Assert.Equal(0.8m, record.Rings);
        Assert.Equal(h.At(4), record.AgentAnsweredAt);
        Assert.Equal("alice", record.AgentId);
        Assert.Null(record.AutoAnsweredAt);
        Assert.Null(h.Call.AutoAnswerDueAt);

        h.AdvanceTo(60); // well past the 10 s limit: the cancelled timer never answers
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Equal(record, h.Call.Record);
    }

    [Fact]
    public void Agent_answering_just_before_the_limit_is_the_agents_answer_with_rings_truncated()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2).Ring();
        h.AdvanceTo(9.999);

        h.Handle(new AgentAnswered("alice"));
        h.AdvanceTo(10.5);

        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Equal("alice", h.Call.Record.AnsweredBy);
        Assert.Equal(1.9m, h.Call.Record.Rings);
        Assert.DoesNotContain(h.Commands, c => c is PlayGreetingThenHold);
    }

    [Fact]
    public void Agent_taking_the_caller_at_12_s_after_auto_answer_at_10_s_keeps_the_service_as_the_answerer()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2, agentsExpected: true).AutoAnswer();
        h.AdvanceTo(12);

        h.Handle(new AgentAnswered("bob"));

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [
                new CancelAgentLegs("bob"),
                new BridgeTo("bob"),
                new RecordChanged(CallState.Connected, record),
            ],
            h.Take()); // no second 200 OK: the caller was answered at 10 s
        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Equal(h.At(10), record.AnsweredAt);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal(h.At(10), record.AutoAnsweredAt);
        Assert.Equal(h.At(12), record.AgentAnsweredAt);
        Assert.Equal("bob", record.AgentId);
        Assert.Equal(2.0m, record.Rings);
        Assert.Equal(TimeSpan.FromSeconds(2), record.QueueWait);
        Assert.False(h.Call.IsGreetingPlaying);
    }

    [Fact]
    public void A_second_agent_answering_after_the_first_has_its_leg_hung_up_and_the_record_is_unchanged()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(3);
        h.Handle(new AgentAnswered("alice"));
        CallSnapshot record = h.Call.Record;
        h.Commands.Clear();

        h.Handle(new AgentAnswered("carol"));

        Assert.Equal([new HangUpAgent("carol", HangUpReason.AnsweredElsewhere)], h.Take());
        Assert.Equal(record, h.Call.Record);
        Assert.Equal("alice", h.Call.Record.AgentId);
    }

    [Fact]
    public void An_agent_answering_after_the_call_ended_has_its_leg_hung_up()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(3);
        h.Handle(new CallerCancelled());
        CallSnapshot record = h.Call.Record;
        h.Commands.Clear();

        h.Handle(new AgentAnswered("alice"));

        Assert.Equal([new HangUpAgent("alice", HangUpReason.AnsweredElsewhere)], h.Take());
        Assert.Equal(record, h.Call.Record);
        Assert.Equal(CallState.Ended, h.Call.State);
    }

    [Fact]
    public void An_agent_answering_before_ringback_started_connects_with_zero_rings()
    {
        var h = new CallHarness();
        h.Time.Advance(TimeSpan.FromMilliseconds(200));

        h.Handle(new AgentAnswered("alice"));

        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Null(h.Call.Record.RingStartedAt);
        Assert.Equal(0.0m, h.Call.Record.Rings);
        Assert.Equal("alice", h.Call.Record.AnsweredBy);
    }
}
