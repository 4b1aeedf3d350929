using CallService.Calls;

namespace CallService.Tests.Calls;

/// <summary>Events that make no sense in a state change nothing, never throw, and are reported for the log.</summary>
public sealed class CallIgnoredEventTests
{
    [Theory]
    [InlineData("offered", "greeting-finished")]
    [InlineData("offered", "agent-hung-up")]
    [InlineData("ringing", "ringing-started")]
    [InlineData("ringing", "greeting-finished")]
    [InlineData("ringing", "agent-hung-up")]
    [InlineData("ringing", "agent-answered-empty")]
    [InlineData("ringing", "agent-answered-auto")]
    [InlineData("connected", "ringing-started")]
    [InlineData("connected", "caller-cancelled")]
    [InlineData("connected", "call-rejected")]
    [InlineData("connected", "greeting-finished")]
    [InlineData("connected", "agent-hung-up-other")]
    [InlineData("connected", "agent-answered-same")]
    [InlineData("auto-answered", "ringing-started")]
    [InlineData("auto-answered", "caller-cancelled")]
    [InlineData("auto-answered", "call-rejected")]
    [InlineData("auto-answered", "agent-hung-up")]
    [InlineData("ended", "ringing-started")]
    [InlineData("ended", "caller-cancelled")]
    [InlineData("ended", "caller-hung-up")]
    [InlineData("ended", "agent-hung-up")]
    [InlineData("ended", "service-ended")]
    [InlineData("ended", "call-rejected")]
    [InlineData("ended", "greeting-finished")]
    [InlineData("ended", "agents-expected")]
    [InlineData("ended", "agent-answered-same")]
    [InlineData("offered", "put-on-hold")]
    [InlineData("ringing", "put-on-hold")]
    [InlineData("ringing", "digit-1")]
    [InlineData("auto-answered", "put-on-hold")]
    [InlineData("auto-answered", "hold-resumed")]
    [InlineData("auto-answered", "digit-1")]
    [InlineData("connected", "hold-resumed")]
    [InlineData("connected", "digit-1")]
    [InlineData("connected", "offer-prompt-finished")]
    [InlineData("connected", "confirmation-finished")]
    [InlineData("held", "put-on-hold")]
    [InlineData("held", "digit-1")]
    [InlineData("held", "digit-2")]
    [InlineData("held", "offer-prompt-finished")]
    [InlineData("held", "confirmation-finished")]
    [InlineData("held", "ringing-started")]
    [InlineData("held", "caller-cancelled")]
    [InlineData("held", "call-rejected")]
    [InlineData("held", "greeting-finished")]
    [InlineData("held", "agent-hung-up-other")]
    [InlineData("held", "agent-answered-same")]
    [InlineData("callback-offered", "put-on-hold")]
    [InlineData("callback-offered", "confirmation-finished")]
    [InlineData("callback-offered", "caller-cancelled")]
    [InlineData("callback-offered", "agent-hung-up-other")]
    [InlineData("confirming", "digit-1")]
    [InlineData("confirming", "digit-2")]
    [InlineData("confirming", "hold-resumed")]
    [InlineData("confirming", "put-on-hold")]
    [InlineData("confirming", "offer-prompt-finished")]
    [InlineData("ended", "put-on-hold")]
    [InlineData("ended", "hold-resumed")]
    [InlineData("ended", "digit-1")]
    [InlineData("ended", "offer-prompt-finished")]
    [InlineData("ended", "confirmation-finished")]
    public void An_event_out_of_place_is_ignored_and_reported(string state, string eventName)
    {
        CallHarness h = InState(state);
        CallState stateBefore = h.Call.State;
        CallSnapshot recordBefore = h.Call.Record;
        CallEvent callEvent = Event(eventName);

        h.Handle(callEvent);

        Assert.Equal([new EventIgnored(callEvent, stateBefore)], h.Take());
        Assert.Equal(stateBefore, h.Call.State);
        Assert.Equal(recordBefore, h.Call.Record);
    }

    [Fact]
    public void A_second_greeting_finished_is_ignored()
    {
        CallHarness h = InState("auto-answered");
        h.Handle(new GreetingFinished());
        Assert.Empty(h.Commands);

        h.Handle(new GreetingFinished());

        Assert.Equal([new EventIgnored(new GreetingFinished(), CallState.AutoAnswered)], h.Take());
    }

    [Fact]
    public void An_event_handed_in_from_inside_the_sink_runs_after_the_current_transition()
    {
        // The glue reacts to AnswerCaller by reporting the caller's BYE at once (same thread).
        var h = new CallHarness(autoAnswerAfterRings: 0, onCommand: (call, command) =>
        {
            if (command is AnswerCaller)
            {
                call.Handle(new CallerHungUp());
            }
        });
        h.Time.Advance(CallHarness.SetupDelay);

        h.Handle(new RingingStarted());

        List<CallCommand> commands = h.Take();
        Assert.Equal(
            [typeof(RecordChanged), typeof(AnswerCaller), typeof(PlayGreetingThenHold), typeof(RecordChanged), typeof(CancelAgentLegs), typeof(RecordChanged)],
            commands.Select(c => c.GetType()));
        Assert.Equal(CallState.AutoAnswered, ((RecordChanged)commands[3]).State);
        Assert.Equal(CallState.Ended, ((RecordChanged)commands[5]).State);
        Assert.Equal(CallOutcome.AutoAnswered, h.Call.Record.Outcome);
    }

    private static CallHarness InState(string state)
    {
        var h = new CallHarness(agentsExpected: true);
        switch (state)
        {
            case "offered":
                break;
            case "ringing":
                h.Ring();
                h.AdvanceTo(1);
                break;
            case "connected":
                h.Ring();
                h.AdvanceTo(4);
                h.Handle(new AgentAnswered("alice"));
                break;
            case "auto-answered":
                h.AutoAnswer();
                break;
            case "held":
                h.Connect().HoldAt(10);
                break;
            case "callback-offered":
                h.Connect().HoldAt(10);
                h.AdvanceToHeld(30);
                break;
            case "confirming":
                h.Connect().HoldAt(10);
                h.AdvanceToHeld(30);
                h.Handle(new DigitReceived('1'));
                break;
            case "ended":
                h.Ring();
                h.AdvanceTo(4);
                h.Handle(new AgentAnswered("alice"));
                h.AdvanceTo(30);
                h.Handle(new CallerHungUp());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
        h.Commands.Clear();
        return h;
    }

    private static CallEvent Event(string name) => name switch
    {
        "ringing-started" => new RingingStarted(),
        "greeting-finished" => new GreetingFinished(),
        "agent-hung-up" => new AgentHungUp("alice"),
        "agent-hung-up-other" => new AgentHungUp("dave"),
        "agent-answered-empty" => new AgentAnswered(""),
        "agent-answered-auto" => new AgentAnswered("auto"),
        "agent-answered-same" => new AgentAnswered("alice"),
        "caller-cancelled" => new CallerCancelled(),
        "caller-hung-up" => new CallerHungUp(),
        "service-ended" => new ServiceEnded(),
        "call-rejected" => new CallRejected(),
        "agents-expected" => new AgentAvailabilityChanged(false),
        "put-on-hold" => new CallerPutOnHold(),
        "hold-resumed" => new HoldResumed(),
        "digit-1" => new DigitReceived('1'),
        "digit-2" => new DigitReceived('2'),
        "offer-prompt-finished" => new OfferPromptFinished(),
        "confirmation-finished" => new ConfirmationFinished(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
