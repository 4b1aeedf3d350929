using CallService.Calls;

namespace CallService.Tests.Calls;

/// <summary>
/// The callback offer after 30 s of hold (issue "Hold for a lookup, and the callback offer after 30
/// seconds"): its exact instant, the caller's answers, no answer, and the agent or caller cutting it short.
/// Times are seconds into the hold, which starts 10 s after ringing started.
/// </summary>
public sealed class CallCallbackOfferTests
{
    private static CallHarness Held(Func<CallPlan, CallPlan>? plan = null) =>
        new CallHarness(plan: plan).Connect().HoldAt(10);

    /// <summary>Held, and the offer has just started at 30.0 s.</summary>
    private static CallHarness Offered(Func<CallPlan, CallPlan>? plan = null)
    {
        CallHarness h = Held(plan);
        h.AdvanceToHeld(30);
        Assert.Equal(CallState.CallbackOffered, h.Call.State);
        h.Commands.Clear();
        return h;
    }

    [Fact]
    public void The_offer_plays_at_exactly_30_0_s_of_hold_not_at_29_999()
    {
        CallHarness h = Held();

        h.AdvanceToHeld(29.999);
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.Held, h.Call.State);

        h.AdvanceToHeld(30);

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new PlayCallbackOffer(), new RecordChanged(CallState.CallbackOffered, record)], h.Take());
        Assert.Equal(CallState.CallbackOffered, h.Call.State);
        Assert.True(record.CallbackOffered);
        Assert.Null(record.CallbackAccepted);
        Assert.Equal(h.HoldStart, h.Call.HeldSince); // still on hold while the offer plays
        Assert.Null(h.Call.CallbackOfferDueAt);
    }

    [Fact]
    public void Two_keeps_the_caller_waiting_and_the_offer_repeats_at_60_0_s()
    {
        CallHarness h = Offered();

        h.Handle(new DigitReceived('2')); // barge-in: pressed during the prompt

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new PlayHoldAudio(), new RecordChanged(CallState.Held, record)], h.Take());
        Assert.Equal(CallState.Held, h.Call.State);
        Assert.False(record.CallbackAccepted);
        Assert.True(record.CallbackOffered);
        Assert.Equal(h.Held(60), h.Call.CallbackOfferDueAt);

        h.AdvanceToHeld(59.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(60);

        Assert.Equal([new PlayCallbackOffer(), new RecordChanged(CallState.CallbackOffered, h.Call.Record)], h.Take());
        Assert.Equal(CallState.CallbackOffered, h.Call.State);
    }

    [Fact]
    public void Two_after_the_prompt_still_repeats_at_60_0_s_and_a_second_two_at_90_0_s()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());
        h.AdvanceToHeld(36);
        h.Handle(new DigitReceived('2'));
        h.Commands.Clear();

        h.AdvanceToHeld(59.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(60);
        Assert.IsType<PlayCallbackOffer>(h.Take()[0]);

        h.AdvanceToHeld(61);
        h.Handle(new DigitReceived('2'));
        h.Commands.Clear();
        h.AdvanceToHeld(89.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(90);
        Assert.IsType<PlayCallbackOffer>(h.Take()[0]);
        Assert.Equal(1, h.Call.Record.HoldCount); // one hold, three offers
    }

    [Fact]
    public void One_records_the_callback_request_plays_the_confirmation_then_ends_both_legs()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());
        h.AdvanceToHeld(35);

        h.Handle(new DigitReceived('1'));

        CallSnapshot record = h.Call.Record;
        var ticket = new CallbackTicket("call-1", "13800138000", "王先生", "sales", "alice", h.Held(35));
        Assert.Equal(
            [new RecordCallbackRequest(ticket), new PlayCallbackConfirmation(), new RecordChanged(CallState.CallbackOffered, record)],
            h.Take());
        Assert.True(record.CallbackAccepted);
        Assert.Equal(35.0, record.HoldSeconds); // the wait ended with the 1
        Assert.Null(record.EndedAt);
        Assert.True(h.Call.IsConfirmationPlaying);
        Assert.Null(h.Call.HeldSince);

        h.AdvanceToHeld(39);
        h.Handle(new ConfirmationFinished());

        record = h.Call.Record;
        Assert.Equal(
            [
                new HangUpCaller(HangUpReason.CallbackAccepted),
                new HangUpAgent("alice", HangUpReason.CallbackAccepted),
                new RecordChanged(CallState.Ended, record),
            ],
            h.Take());
        Assert.Equal(CallState.Ended, h.Call.State);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(h.Held(39), record.EndedAt);
        Assert.True(record.CallbackOffered);
        Assert.True(record.CallbackAccepted);
        Assert.Equal(35.0, record.HoldSeconds);
        Assert.Equal(1, record.HoldCount);
        Assert.False(h.Call.IsConfirmationPlaying);
    }

    [Fact]
    public void One_on_a_repeated_offer_accepts_after_an_earlier_two()
    {
        CallHarness h = Offered();
        h.Handle(new DigitReceived('2'));
        h.AdvanceToHeld(60);
        h.AdvanceToHeld(61);
        h.Commands.Clear();

        h.Handle(new DigitReceived('1'));

        Assert.IsType<RecordCallbackRequest>(h.Take()[0]);
        Assert.True(h.Call.Record.CallbackAccepted);
        Assert.Equal(61.0, h.Call.Record.HoldSeconds);
    }

    [Fact]
    public void No_digit_within_10_s_of_the_prompt_keeps_the_caller_waiting_and_the_offer_repeats()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());
        Assert.Empty(h.Commands);

        h.AdvanceToHeld(42.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(43);

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new PlayHoldAudio(), new RecordChanged(CallState.Held, record)], h.Take());
        Assert.Equal(CallState.Held, h.Call.State);
        Assert.False(record.CallbackAccepted);
        h.AdvanceToHeld(60);
        Assert.IsType<PlayCallbackOffer>(h.Take()[0]);
    }

    [Fact]
    public void The_digit_wait_starts_when_the_prompt_finishes_not_when_it_starts()
    {
        CallHarness h = Offered();

        h.AdvanceToHeld(45); // a long prompt: 15 s, more than the 10 s timeout
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.CallbackOffered, h.Call.State);
        h.Handle(new OfferPromptFinished());
        h.AdvanceToHeld(54.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(55);

        Assert.Equal(CallState.Held, h.Call.State);
        Assert.False(h.Call.Record.CallbackAccepted);
    }

    [Fact]
    public void The_offer_timeout_is_the_plans()
    {
        CallHarness h = Offered(plan => plan with { OfferTimeout = TimeSpan.FromSeconds(4) });
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());

        h.AdvanceToHeld(36.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(37);

        Assert.Equal(CallState.Held, h.Call.State);
    }

    [Fact]
    public void No_digit_on_a_line_whose_default_is_a_callback_records_the_request()
    {
        CallHarness h = Offered(plan => plan with { OfferTimeoutChoice = CallbackChoice.CallBack });
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());

        h.AdvanceToHeld(43);

        List<CallCommand> commands = h.Take();
        Assert.Equal(new RecordCallbackRequest(new CallbackTicket("call-1", "13800138000", "王先生", "sales", "alice", h.Held(43))), commands[0]);
        Assert.IsType<PlayCallbackConfirmation>(commands[1]);
        Assert.True(h.Call.Record.CallbackAccepted);
    }

    [Fact]
    public void A_repeat_never_comes_sooner_than_half_a_lookup_time_after_the_answer()
    {
        // Lookup 20 s, answer timeout 10 s: offer at 20, prompt to 24, no digit until 34. The 40 s
        // multiple is only 6 s away, so the repeat comes at 60 s.
        CallHarness h = Held(plan => plan with { LookupCallback = TimeSpan.FromSeconds(20) });
        h.AdvanceToHeld(20);
        h.AdvanceToHeld(24);
        h.Handle(new OfferPromptFinished());
        h.AdvanceToHeld(34);
        Assert.Equal(CallState.Held, h.Call.State);
        Assert.Equal(h.Held(60), h.Call.CallbackOfferDueAt);
        h.Commands.Clear();

        h.AdvanceToHeld(59.999);
        Assert.Empty(h.Commands);
        h.AdvanceToHeld(60);
        Assert.IsType<PlayCallbackOffer>(h.Take()[0]);
    }

    [Fact]
    public void Caller_hanging_up_during_the_offer_ends_the_call_normally()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(32);

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpAgent("alice"), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.True(record.CallbackOffered);
        Assert.Null(record.CallbackAccepted);
        Assert.Equal(32.0, record.HoldSeconds);
        h.Handle(new OfferPromptFinished());
        h.Commands.Clear();
        h.AdvanceToHeld(200); // neither the offer timeout nor a repeat fires after the end
        Assert.Empty(h.Commands);
    }

    [Fact]
    public void Agent_resuming_in_the_middle_of_the_prompt_stops_it_and_bridges_again()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(31.5);

        h.Handle(new HoldResumed());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new ResumeBridge("alice"), new RecordChanged(CallState.Connected, record)], h.Take());
        Assert.Equal(CallState.Connected, h.Call.State);
        Assert.True(record.CallbackOffered);
        Assert.Null(record.CallbackAccepted);
        Assert.Equal(31.5, record.HoldSeconds);

        // The stopped prompt's late end and the caller's late digit change nothing.
        h.Handle(new OfferPromptFinished());
        h.Handle(new DigitReceived('1'));
        Assert.Equal(
            [new EventIgnored(new OfferPromptFinished(), CallState.Connected), new EventIgnored(new DigitReceived('1'), CallState.Connected)],
            h.Take());
        h.AdvanceToHeld(300);
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.Connected, h.Call.State);
    }

    [Fact]
    public void Agent_resuming_while_the_offer_awaits_a_digit_cancels_the_timeout()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(33);
        h.Handle(new OfferPromptFinished());
        h.AdvanceToHeld(38);

        h.Handle(new HoldResumed());

        Assert.Equal([new ResumeBridge("alice"), new RecordChanged(CallState.Connected, h.Call.Record)], h.Take());
        h.AdvanceToHeld(300);
        Assert.Empty(h.Commands);
        Assert.Null(h.Call.Record.CallbackAccepted);
    }

    [Fact]
    public void Agent_resuming_after_the_one_is_ignored_and_the_callback_stands()
    {
        CallHarness h = Offered();
        h.Handle(new DigitReceived('1'));
        h.Commands.Clear();

        h.Handle(new HoldResumed());

        Assert.Equal([new EventIgnored(new HoldResumed(), CallState.CallbackOffered)], h.Take());
        h.Handle(new ConfirmationFinished());
        Assert.Equal(CallState.Ended, h.Call.State);
        Assert.True(h.Call.Record.CallbackAccepted);
    }

    [Fact]
    public void Caller_hanging_up_during_the_confirmation_keeps_the_callback_and_releases_the_agent()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(31);
        h.Handle(new DigitReceived('1'));
        h.Commands.Clear();
        h.AdvanceToHeld(32);

        h.Handle(new CallerHungUp());

        CallSnapshot record = h.Call.Record;
        Assert.Equal([new HangUpAgent("alice"), new RecordChanged(CallState.Ended, record)], h.Take());
        Assert.True(record.CallbackAccepted);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(31.0, record.HoldSeconds);
    }

    [Fact]
    public void Agent_hanging_up_during_the_confirmation_lets_it_finish_then_only_the_caller_is_hung_up()
    {
        CallHarness h = Offered();
        h.Handle(new DigitReceived('1'));
        h.Commands.Clear();

        h.Handle(new AgentHungUp("alice"));
        Assert.Empty(h.Commands);
        Assert.Equal(CallState.CallbackOffered, h.Call.State);

        h.Handle(new ConfirmationFinished());

        Assert.Equal([new HangUpCaller(HangUpReason.CallbackAccepted), new RecordChanged(CallState.Ended, h.Call.Record)], h.Take());
        Assert.Equal(CallOutcome.Answered, h.Call.Record.Outcome);
    }

    [Fact]
    public void Shutdown_during_the_offer_hangs_up_both_legs()
    {
        CallHarness h = Offered();
        h.AdvanceToHeld(31);

        h.Handle(new ServiceEnded());

        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [new HangUpAgent("alice", HangUpReason.ServiceStopping), new HangUpCaller(HangUpReason.ServiceStopping), new RecordChanged(CallState.Ended, record)],
            h.Take());
        Assert.Equal(CallOutcome.Interrupted, record.Outcome);
        Assert.Equal(31.0, record.HoldSeconds);
    }

    [Theory]
    [InlineData('3')]
    [InlineData('0')]
    [InlineData('*')]
    [InlineData('#')]
    [InlineData('A')]
    public void Other_keys_during_the_offer_are_ignored_and_the_offer_still_waits(char digit)
    {
        CallHarness h = Offered();
        h.Handle(new OfferPromptFinished());

        h.Handle(new DigitReceived(digit));

        Assert.Equal([new EventIgnored(new DigitReceived(digit), CallState.CallbackOffered)], h.Take());
        h.Handle(new DigitReceived('1'));
        Assert.True(h.Call.Record.CallbackAccepted);
    }

    [Fact]
    public void An_event_from_inside_the_sink_at_the_offer_runs_after_it()
    {
        // The glue's prompt is empty and reports its end at once, from inside the sink.
        var h = new CallHarness(onCommand: (call, command) =>
        {
            if (command is PlayCallbackOffer)
            {
                call.Handle(new OfferPromptFinished());
            }
        }).Connect().HoldAt(10);

        h.AdvanceToHeld(30);
        h.AdvanceToHeld(39.999);
        Assert.Equal(CallState.CallbackOffered, h.Call.State);
        h.AdvanceToHeld(40);

        Assert.Equal(CallState.Held, h.Call.State);
    }
}
