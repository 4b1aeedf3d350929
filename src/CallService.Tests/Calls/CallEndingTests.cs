using CallService.Calls;
using CallService.Lines;

namespace CallService.Tests.Calls;

/// <summary>How calls end: outcome, who ended them, and the commands that release the legs.</summary>
public sealed class CallEndingTests
{
    [Fact]
    public void Caller_cancelling_at_3_s_abandons_with_0_6_rings_and_no_auto_answer_follows()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2).Ring();
        h.AdvanceTo(3);

        h.Handle(new CallerCancelled());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new CancelAgentLegs(null), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Abandoned, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(h.At(3), record.EndedAt);
        Assert.Equal(0.6m, record.Rings);
        Assert.Null(record.AnsweredAt);
        Assert.Null(record.AnsweredBy);

        h.AdvanceTo(30);
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.Ended, h.Call.State);
    }

    [Fact]
    public void Caller_bye_on_the_early_dialog_abandons_like_a_cancel()
    {
        // RFC 3261 15: the caller may send BYE on an early dialog (our 183 made one).
        var h = new CallHarness().Ring();
        h.AdvanceTo(7.5);

        h.Handle(new CallerHungUp());

        Assert.Equal(CallOutcome.Abandoned, h.Call.Record.Outcome);
        Assert.Equal(CallEndedBy.Caller, h.Call.Record.EndedBy);
        Assert.Equal(1.5m, h.Call.Record.Rings);
    }

    [Fact]
    public void Caller_cancelling_before_ringback_abandons_with_zero_rings()
    {
        var h = new CallHarness();
        h.Time.Advance(TimeSpan.FromMilliseconds(100));

        h.Handle(new CallerCancelled());

        Assert.Equal(CallOutcome.Abandoned, h.Call.Record.Outcome);
        Assert.Null(h.Call.Record.RingStartedAt);
        Assert.Equal(0.0m, h.Call.Record.Rings);
    }

    [Fact]
    public void Caller_bye_after_auto_answer_with_no_agents_expected_ends_as_auto_answered()
    {
        // The rule for now (no agents at all yet): the service's answer was the whole handling.
        var h = new CallHarness(agentsExpected: false).AutoAnswer();
        h.AdvanceTo(25);

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new CancelAgentLegs(null), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(h.At(25), record.EndedAt);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal(h.At(10), record.AutoAnsweredAt);
        Assert.Equal(2.0m, record.Rings); // rings stop at the answer, not at the end
        Assert.Null(record.AgentId);
    }

    [Fact]
    public void Caller_bye_after_auto_answer_with_agents_expected_is_abandoned_in_queue()
    {
        var h = new CallHarness(agentsExpected: true).AutoAnswer();
        h.AdvanceTo(40);

        h.Handle(new CallerHungUp());

        Assert.Equal(CallOutcome.AbandonedInQueue, h.Call.Record.Outcome);
        Assert.Equal(CallEndedBy.Caller, h.Call.Record.EndedBy);
    }

    [Fact]
    public void Agents_becoming_expected_during_the_call_decide_the_outcome_at_hang_up()
    {
        var h = new CallHarness(agentsExpected: false).Ring();
        h.Handle(new AgentAvailabilityChanged(true));
        Assert.Empty(h.Commands);
        Assert.True(h.Call.AgentsExpected);
        h.AdvanceTo(20);

        h.Handle(new CallerHungUp());

        Assert.Equal(CallOutcome.AbandonedInQueue, h.Call.Record.Outcome);
    }

    [Fact]
    public void Caller_bye_while_connected_hangs_up_the_agent_and_ends_answered_by_caller()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(4);
        h.Handle(new AgentAnswered("alice"));
        h.AdvanceTo(95);
        h.Commands.Clear();

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpAgent("alice"), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(h.At(95), record.EndedAt);
        Assert.Equal(0.8m, record.Rings);
    }

    [Fact]
    public void Agent_bye_hangs_up_the_caller_and_ends_answered_by_agent()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(4);
        h.Handle(new AgentAnswered("alice"));
        h.AdvanceTo(60);
        h.Commands.Clear();

        h.Handle(new AgentHungUp("alice"));

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpCaller(), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Agent, record.EndedBy);
    }

    [Fact]
    public void A_queued_caller_taken_by_an_agent_ends_answered_and_keeps_auto_as_the_answerer()
    {
        var h = new CallHarness(agentsExpected: true).AutoAnswer();
        h.AdvanceTo(12);
        h.Handle(new AgentAnswered("bob"));
        h.AdvanceTo(70);

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal("bob", record.AgentId);
        Assert.Equal(h.At(12), record.AgentAnsweredAt);
    }

    [Fact]
    public void Shutdown_while_ringing_rejects_the_caller_and_cancels_the_agents()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(6);

        h.Handle(new ServiceEnded());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [new CancelAgentLegs(null), new RejectCaller(), new RecordChanged(CallState.Ended, record)],
            h.Take());
        Assert.Equal(CallOutcome.Interrupted, record.Outcome);
        Assert.Equal(CallEndedBy.Service, record.EndedBy);
        Assert.Equal(1.2m, record.Rings);
        h.AdvanceTo(30);
        Assert.Empty(h.Commands); // no auto-answer after the end
    }

    [Fact]
    public void Shutdown_while_connected_hangs_up_both_legs()
    {
        var h = new CallHarness().Ring();
        h.AdvanceTo(2);
        h.Handle(new AgentAnswered("alice"));
        h.Commands.Clear();

        h.Handle(new ServiceEnded());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [new HangUpAgent("alice", HangUpReason.ServiceStopping), new HangUpCaller(HangUpReason.ServiceStopping), new RecordChanged(CallState.Ended, record)],
            h.Take());
        Assert.Equal(CallOutcome.Interrupted, record.Outcome);
        Assert.Equal(CallEndedBy.Service, record.EndedBy);
        Assert.Equal("alice", record.AnsweredBy);
    }

    [Fact]
    public void Shutdown_while_queued_hangs_up_the_caller_and_cancels_the_agents()
    {
        var h = new CallHarness(agentsExpected: true).AutoAnswer();

        h.Handle(new ServiceEnded());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [new CancelAgentLegs(null), new HangUpCaller(HangUpReason.ServiceStopping), new RecordChanged(CallState.Ended, record)],
            h.Take());
        Assert.Equal(CallOutcome.Interrupted, record.Outcome);
    }

    [Fact]
    public void A_rejected_invite_ends_as_rejected_by_the_service()
    {
        var h = new CallHarness();

        h.Handle(new CallRejected());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new CancelAgentLegs(null), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Rejected, record.Outcome);
        Assert.Equal(CallEndedBy.Service, record.EndedBy);
        Assert.Equal(CallHarness.InviteAt, record.EndedAt);
        Assert.Equal(0.0m, record.Rings);
    }

    [Theory]
    [InlineData(CallOutcome.Answered, "answered")]
    [InlineData(CallOutcome.AutoAnswered, "auto-answered")]
    [InlineData(CallOutcome.Abandoned, "abandoned")]
    [InlineData(CallOutcome.AbandonedInQueue, "abandoned-in-queue")]
    [InlineData(CallOutcome.Rejected, "rejected")]
    [InlineData(CallOutcome.Interrupted, "interrupted")]
    public void Outcomes_have_their_record_names(CallOutcome outcome, string name) => Assert.Equal(name, outcome.ToName());

    [Theory]
    [InlineData(CallEndedBy.Caller, "caller")]
    [InlineData(CallEndedBy.Agent, "agent")]
    [InlineData(CallEndedBy.Service, "service")]
    public void Enders_have_their_record_names(CallEndedBy endedBy, string name) => Assert.Equal(name, endedBy.ToName());
}
