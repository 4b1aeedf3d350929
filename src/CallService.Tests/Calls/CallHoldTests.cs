using CallService.Calls;
using CallService.Lines;

namespace CallService.Tests.Calls;

/// <summary>The agent holding the caller for a lookup: hold audio, resume, nested holds, ends while held.</summary>
public sealed class CallHoldTests
{
    [Fact]
    public void Hold_plays_hold_audio_to_the_caller_counts_the_hold_and_arms_the_offer_at_30_s()
    {
        var h = new CallHarness().Connect();
        h.AdvanceTo(10);

        h.Handle(new CallerPutOnHold());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new PlayHoldAudio(), new RecordChanged(CallState.Held, record)], h.Take());
        Assert.Equal(CallState.Held, h.Call.State);
        Assert.Equal(1, record.HoldCount);
        Assert.Equal(0, record.HoldSeconds); // counted when the hold ends
        Assert.False(record.CallbackOffered);
        Assert.Null(record.CallbackAccepted);
        Assert.Equal(h.At(10), h.Call.HeldSince);
        Assert.Equal(h.At(40), h.Call.CallbackOfferDueAt);
    }

    [Fact]
    public void Agent_resuming_at_29_9_s_bridges_again_and_no_offer_follows()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(29.9);

        h.Handle(new HoldResumed());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new ResumeBridge("alice"), new RecordChanged(CallState.Connected, record)], h.Take());
        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.Equal(29.9, record.HoldSeconds);
        Assert.Equal(29.9, record.LongestHoldSeconds);
        Assert.Null(h.Call.HeldSince);
        Assert.Null(h.Call.CallbackOfferDueAt);

        h.AdvanceToHeld(300); // the cancelled lookup timer never offers
        Assert.Empty(h.Commands);
        Assert.False(h.Call.Record.CallbackOffered);
    }

    [Fact]
    public void A_second_hold_restarts_the_lookup_time_and_the_totals_add_up()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(20);
        h.Handle(new HoldResumed());
        h.HoldAt(40); // 10 s of talk, then hold again

        h.AdvanceToHeld(29.999); // 49.999 s after the first hold began: no offer from the first hold's clock
        Assert.Empty(h.Commands);
        Assert.Equal(h.Held(30), h.Call.CallbackOfferDueAt);
        h.AdvanceToHeld(30);

        Assert.Equal(CallState.CallbackOffered, h.Call.State);
        Assert.Equal(typeof(PlayCallbackOffer), h.Take()[0].GetType());
        h.AdvanceToHeld(31);
        h.Handle(new HoldResumed());
        CallSnapshot record = h.Call.Record;
        Assert.Equal(2, record.HoldCount);
        Assert.Equal(51.0, record.HoldSeconds);
        Assert.Equal(31.0, record.LongestHoldSeconds);
    }

    [Fact]
    public void A_third_hold_counts_again_and_the_longest_hold_is_kept()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(12.5);
        h.Handle(new HoldResumed());
        h.HoldAt(30);
        h.AdvanceToHeld(4.25);
        h.Handle(new HoldResumed());
        h.HoldAt(40);
        h.AdvanceToHeld(1);
        h.Handle(new HoldResumed());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(3, record.HoldCount);
        Assert.Equal(17.75, record.HoldSeconds);
        Assert.Equal(12.5, record.LongestHoldSeconds);
    }

    [Fact]
    public void Caller_hanging_up_on_hold_ends_the_call_answered_and_releases_the_agent()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(12);

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpAgent("alice"), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(12.0, record.HoldSeconds);
        Assert.Equal(1, record.HoldCount);
        Assert.Null(h.Call.HeldSince);
        h.AdvanceToHeld(100);
        Assert.Empty(h.Commands);
    }

    [Fact]
    public void Agent_hanging_up_while_holding_hangs_up_the_caller()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(5);

        h.Handle(new AgentHungUp("alice"));

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpCaller(), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Agent, record.EndedBy);
        Assert.Equal(5.0, record.HoldSeconds);
        h.AdvanceToHeld(100);
        Assert.Empty(h.Commands);
    }

    [Fact]
    public void Shutdown_while_held_hangs_up_both_legs_with_the_reason_and_counts_the_hold()
    {
        var h = new CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(7);

        h.Handle(new ServiceEnded());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [new HangUpAgent("alice", HangUpReason.ServiceStopping), new HangUpCaller(HangUpReason.ServiceStopping), new RecordChanged(CallState.Ended, record)],
            h.Take());
        Assert.Equal(CallOutcome.Interrupted, record.Outcome);
        Assert.Equal(7.0, record.HoldSeconds);
        h.AdvanceToHeld(100);
        Assert.Empty(h.Commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    public void A_caller_who_cannot_be_called_back_stays_on_hold_without_an_offer(string number)
    {
        var h = new CallHarness(identity: new CallIdentity(number, null, "sales")).Connect().HoldAt(10);
        Assert.Null(h.Call.CallbackOfferDueAt);

        h.AdvanceToHeld(300);

        Assert.Empty(h.Commands);
        Assert.Equal(CallState.Held, h.Call.State);
        Assert.False(h.Call.Record.CallbackOffered);
    }

    [Fact]
    public void A_call_created_without_an_identity_never_offers_a_callback()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CallHarness.InviteAt);
        var commands = new List<CallCommand>();
        var call = new Call("call-2", new CallPlan(RingCadence.China, 2), time, commands.Add);
        call.Handle(new AgentAnswered("alice"));
        call.Handle(new CallerPutOnHold());

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(CallIdentity.Unknown, call.Identity);
        Assert.Equal(CallState.Held, call.State);
        Assert.DoesNotContain(commands, c => c is PlayCallbackOffer);
    }

    [Fact]
    public void The_lookup_time_comes_from_the_line()
    {
        SalesLine line = SalesLine.From(new LineOptions
        {
            Number = "sales",
            DisplayName = "海逸长洲",
            Desk = "front-desk",
            GreetingPrompt = "greeting.wav",
            GreetingScript = "您好,海逸长洲!",
            HoldAudio = "hold.wav",
            LookupCallbackSeconds = 45,
        });
        CallPlan plan = CallPlan.For(line, agentsExpected: true);
        Assert.Equal(TimeSpan.FromSeconds(45), plan.LookupCallback);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.OfferTimeout);
        Assert.Equal(CallbackChoice.KeepWaiting, plan.OfferTimeoutChoice);

        var h = new CallHarness(plan: _ => plan).Connect().HoldAt(10);
        h.AdvanceToHeld(44.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(45);

        Assert.Equal(CallState.CallbackOffered, h.Call.State);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(30, 0)]
    [InlineData(-1, 10)]
    public void A_plan_without_positive_lookup_and_offer_times_is_refused(int lookupSeconds, int offerSeconds)
    {
        CallPlan plan = new(RingCadence.China, 2)
        {
            LookupCallback = TimeSpan.FromSeconds(lookupSeconds),
            OfferTimeout = TimeSpan.FromSeconds(offerSeconds),
        };

        Assert.Throws<ArgumentException>(() => new Call("c", CallHarness.Caller, plan, TimeProvider.System, _ => { }));
    }
}
