namespace CallService.Calls;

/// <summary>
/// Hold for a lookup and the callback offer (DESIGN.md "if a lookup cannot be done within 30 seconds,
/// offer to call back").
/// </summary>
/// <remarks>
/// <para>Connected -> Held on <see cref="CallerPutOnHold"/>: the caller hears hold audio and the lookup
/// timer starts. When the hold has lasted <see cref="CallPlan.LookupCallback"/> (measured on the
/// monotonic clock from the hold's start, so exactly 30.0 s) the call becomes CallbackOffered and the
/// offer prompt plays. The caller answers with a digit, during the prompt or within
/// <see cref="CallPlan.OfferTimeout"/> after it finished:</para>
/// <list type="bullet">
/// <item>"1": the callback request is recorded, the hold ends, the confirmation plays; when it has
/// finished both legs are hung up (outcome answered, ended by the caller's choice).</item>
/// <item>"2", or no digit in time with the line's default of keeping waiting: Held again with hold audio.
/// The offer repeats at the next multiple of LookupCallback of hold time (60 s, 90 s...), skipping a
/// multiple closer than half a LookupCallback to the answer, so that the offer never comes right
/// after the caller declined it.</item>
/// </list>
/// <para><see cref="HoldResumed"/> while held or during the offer (even mid-prompt) cancels everything
/// and bridges again; once the caller has pressed 1 the callback stands and a resume is ignored. Every
/// new hold starts its own lookup time. No offer is made to a caller who cannot be called back
/// (<see cref="CallIdentity.CanBeCalledBack"/>): the hold simply continues.</para>
/// </remarks>
public sealed partial class Call
{
    private ITimer? _holdTimer;
    private object? _holdToken;
    private long _holdStartTimestamp;
    private DateTimeOffset? _heldSince;
    private TimeSpan _nextOfferAfter;
    private OfferPhase _offerPhase;
    private long _promptEndTimestamp;
    private bool _agentGone;

    private enum OfferPhase
    {
        None,
        Prompt,
        AwaitingDigit,
        Confirming,
    }

    /// <summary>While on hold (Held or CallbackOffered before a "1"): when the current hold began; otherwise null.</summary>
    public DateTimeOffset? HeldSince
    {
        get
        {
            lock (_gate)
            {
                return _heldSince;
            }
        }
    }

    /// <summary>While Held with a caller who can be called back: the instant the callback offer will play; otherwise null.</summary>
    public DateTimeOffset? CallbackOfferDueAt
    {
        get
        {
            lock (_gate)
            {
                return _state == CallState.Held && _holdToken is not null ? _heldSince + _nextOfferAfter : null;
            }
        }
    }

    /// <summary>True from "1" until <see cref="ConfirmationFinished"/> (or the call ends).</summary>
    public bool IsConfirmationPlaying
    {
        get
        {
            lock (_gate)
            {
                return _offerPhase == OfferPhase.Confirming;
            }
        }
    }

    private bool IsOnHold => _state is CallState.Held or CallState.CallbackOffered;

    private bool OnCallerPutOnHold()
    {
        if (_state != CallState.Connected)
        {
            return false; // already held (a refresh re-INVITE), or no agent to hold for
        }
        _holdStartTimestamp = _time.GetTimestamp();
        _heldSince = _time.GetUtcNow();
        _nextOfferAfter = Plan.LookupCallback;
        _record = _record with { HoldCount = _record.HoldCount + 1 };
        _state = CallState.Held;
        Emit(new PlayHoldAudio());
        Emit(new RecordChanged(_state, _record));
        if (Identity.CanBeCalledBack)
        {
            ArmHoldTimer(_nextOfferAfter);
        }
        return true;
    }

    private bool OnHoldResumed()
    {
        if (!IsOnHold || _offerPhase == OfferPhase.Confirming)
        {
            return false; // not held, or the caller already chose the callback
        }
        DisarmHoldTimer();
        CloseHold();
        _offerPhase = OfferPhase.None;
        _state = CallState.Connected;
        Emit(new ResumeBridge(_record.AgentId!));
        Emit(new RecordChanged(_state, _record));
        return true;
    }

    private bool OnHoldTimerDue(HoldTimerDue due)
    {
        if (!ReferenceEquals(due.Token, _holdToken))
        {
            return true; // a tick from a timer already disarmed: nothing to tell the glue
        }
        if (_state == CallState.Held)
        {
            // Measured on the monotonic clock, as the ring limit is: a wall-clock step cannot move it.
            TimeSpan held = _time.GetElapsedTime(_holdStartTimestamp);
            if (held < _nextOfferAfter)
            {
                ArmHoldTimer(_nextOfferAfter - held); // a tick that came early: the limit is the instant
                return true;
            }
            OfferCallback();
        }
        else if (_state == CallState.CallbackOffered && _offerPhase == OfferPhase.AwaitingDigit)
        {
            TimeSpan waited = _time.GetElapsedTime(_promptEndTimestamp);
            if (waited < Plan.OfferTimeout)
            {
                ArmHoldTimer(Plan.OfferTimeout - waited);
                return true;
            }
            Choose(Plan.OfferTimeoutChoice);
        }
        return true;
    }

    private void OfferCallback()
    {
        DisarmHoldTimer(); // no timeout while the prompt plays: the caller must hear it all first
        _offerPhase = OfferPhase.Prompt;
        _record = _record with { CallbackOffered = true };
        _state = CallState.CallbackOffered;
        Emit(new PlayCallbackOffer());
        Emit(new RecordChanged(_state, _record));
    }

    private bool OnOfferPromptFinished()
    {
        if (_state != CallState.CallbackOffered || _offerPhase != OfferPhase.Prompt)
        {
            return false;
        }
        _offerPhase = OfferPhase.AwaitingDigit;
        _promptEndTimestamp = _time.GetTimestamp();
        ArmHoldTimer(Plan.OfferTimeout);
        return true;
    }

    private bool OnDigitReceived(char digit)
    {
        if (_state != CallState.CallbackOffered || _offerPhase is not (OfferPhase.Prompt or OfferPhase.AwaitingDigit))
        {
            return false; // digits mean something only while the offer awaits an answer
        }
        switch (digit)
        {
            case '1':
                Choose(CallbackChoice.CallBack);
                return true;
            case '2':
                Choose(CallbackChoice.KeepWaiting);
                return true;
            default:
                return false; // another key: the offer still waits for 1 or 2
        }
    }

    private void Choose(CallbackChoice choice)
    {
        DisarmHoldTimer();
        if (choice == CallbackChoice.CallBack)
        {
            // The caller's wait ends here: the confirmation is not time on hold.
            CloseHold();
            _offerPhase = OfferPhase.Confirming;
            _record = _record with { CallbackAccepted = true };
            Emit(new RecordCallbackRequest(new CallbackTicket(
                Id, Identity.CallerNumber, Identity.CallerDisplayName, Identity.Line, _record.AgentId, _time.GetUtcNow())));
            Emit(new PlayCallbackConfirmation());
            Emit(new RecordChanged(_state, _record));
            return;
        }
        _offerPhase = OfferPhase.None;
        _record = _record with { CallbackAccepted = false };
        _state = CallState.Held;
        TimeSpan held = _time.GetElapsedTime(_holdStartTimestamp);
        TimeSpan minimumGap = Plan.LookupCallback / 2;
        while (_nextOfferAfter - held < minimumGap)
        {
            _nextOfferAfter += Plan.LookupCallback;
        }
        Emit(new PlayHoldAudio());
        Emit(new RecordChanged(_state, _record));
        ArmHoldTimer(_nextOfferAfter - held);
    }

    private bool OnConfirmationFinished()
    {
        if (_state != CallState.CallbackOffered || _offerPhase != OfferPhase.Confirming)
        {
            return false;
        }
        Emit(new HangUpCaller(HangUpReason.CallbackAccepted));
        if (!_agentGone)
        {
            Emit(new HangUpAgent(_record.AgentId!, HangUpReason.CallbackAccepted));
        }
        // Ended by the caller's choice (DTMF 1); the service only carries it out with the BYEs.
        End(CallOutcome.Answered, CallEndedBy.Caller);
        return true;
    }

    /// <summary>The caller hung up while held, during the offer or during the confirmation.</summary>
    private void CallerHungUpOnHold()
    {
        if (!_agentGone)
        {
            Emit(new HangUpAgent(_record.AgentId!));
        }
        End(CallOutcome.Answered, CallEndedBy.Caller);
    }

    /// <summary>The held-for agent hung up: the caller is hung up too, unless the confirmation is still playing.</summary>
    private void AgentHungUpOnHold()
    {
        if (_offerPhase == OfferPhase.Confirming)
        {
            _agentGone = true; // the caller hears the confirmation out; ConfirmationFinished ends the call
            return;
        }
        Emit(new HangUpCaller());
        End(CallOutcome.Answered, CallEndedBy.Agent);
    }

    /// <summary>Adds the running hold, if any, to the record's hold totals.</summary>
    private void CloseHold()
    {
        if (_heldSince is null)
        {
            return;
        }
        double seconds = Math.Round(_time.GetElapsedTime(_holdStartTimestamp).TotalSeconds, 3, MidpointRounding.AwayFromZero);
        _record = _record with
        {
            HoldSeconds = Math.Round(_record.HoldSeconds + seconds, 3, MidpointRounding.AwayFromZero),
            LongestHoldSeconds = Math.Max(_record.LongestHoldSeconds, seconds),
        };
        _heldSince = null;
    }

    /// <summary>On the call's end: stops the hold timer and counts the running hold.</summary>
    private void EndHold()
    {
        DisarmHoldTimer();
        CloseHold();
        _offerPhase = OfferPhase.None;
    }

    private void ArmHoldTimer(TimeSpan dueIn)
    {
        DisarmHoldTimer();
        object token = new();
        _holdToken = token;
        _holdTimer = _time.CreateTimer(
            static state =>
            {
                var (call, token) = ((Call, object))state!;
                call.Dispatch(new HoldTimerDue(token));
            },
            (this, token),
            dueIn,
            Timeout.InfiniteTimeSpan);
    }

    private void DisarmHoldTimer()
    {
        _holdTimer?.Dispose();
        _holdTimer = null;
        _holdToken = null;
    }

    /// <summary>The hold timer's tick (lookup limit or offer timeout); <paramref name="Token"/> tells a live timer from a disarmed one.</summary>
    private sealed record HoldTimerDue(object Token) : CallEvent;
}
