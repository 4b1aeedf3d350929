namespace CallService.Calls;

/// <summary>
/// One caller's call on a sales line, as a state machine: events in (<see cref="Handle"/>), commands out
/// (the sink). No sockets and no SIP types; all time from the injected <see cref="TimeProvider"/>, the
/// auto-answer timer from <see cref="TimeProvider.CreateTimer"/>.
/// </summary>
/// <remarks>
/// <para>States: Offered -> Ringing -> Connected (an agent answered) | AutoAnswered (the service answered:
/// greeting, then hold while queued) -> Connected (an agent took the queued caller) -> Ended; from
/// Connected the agent may hold the caller: Held -> CallbackOffered (see Call.Hold.cs).</para>
/// <para>Rings count from <see cref="RingingStarted"/>; the service answers at exactly
/// RingStartedAt + AutoAnswerAfterRings periods of the cadence (DESIGN.md "Counting rings"), or when
/// ringing starts if that is 0. An agent answering first cancels it.</para>
/// <para>After auto-answer AnsweredAt/AnsweredBy stay the service's ("auto"); an agent taking the caller
/// later sets AgentAnsweredAt and AgentId (queue wait = AgentAnsweredAt - AutoAnsweredAt) and the
/// outcome becomes "answered" whoever ends the call.</para>
/// <para>An event that makes no sense in the current state changes nothing and emits
/// <see cref="EventIgnored"/>; <see cref="Handle"/> never throws for an event. One exception to plain
/// ignoring: a second agent answering after the call is taken gets <see cref="HangUpAgent"/>, so that
/// no agent leg is left open.</para>
/// <para>Threading: events and the timer are serialised by a lock, and commands are emitted in order
/// under it, after the state has changed (run to completion). An event handed to <see cref="Handle"/>
/// from inside the sink is queued and handled after the current one's commands, so the sink always sees
/// complete transitions. The sink must not block on another thread that calls into this call.</para>
/// </remarks>
public sealed partial class Call
{
    private readonly TimeProvider _time;
    private readonly Action<CallCommand> _sink;
    private readonly Lock _gate = new();
    private readonly Queue<CallEvent> _inbox = new();
    private readonly List<CallCommand> _outbox = [];
    private bool _dispatching;
    private CallState _state = CallState.Offered;
    private CallSnapshot _record;
    private bool _agentsExpected;
    private bool _greetingPlaying;
    private ITimer? _autoAnswerTimer;
    private object? _autoAnswerToken;
    private DateTimeOffset? _autoAnswerAt;
    private long _ringStartTimestamp;
    private TimeSpan _autoAnswerDelay;

    /// <summary>
    /// Creates a call in <see cref="CallState.Offered"/> with no caller identity: it works as any call,
    /// but never offers a callback (there is no number to call back). Prefer the overload with a
    /// <see cref="CallIdentity"/>.
    /// </summary>
    public Call(string id, CallPlan plan, TimeProvider time, Action<CallCommand> sink)
        : this(id, CallIdentity.Unknown, plan, time, sink)
    {
    }

    /// <summary>Creates a call in <see cref="CallState.Offered"/>, started now (the INVITE has just arrived).</summary>
    /// <param name="id">The call's id for the glue's logs and records (e.g. the caller's Call-ID).</param>
    /// <param name="identity">Who called which line: carried into a callback request.</param>
    /// <param name="plan">The line's policy for this call.</param>
    /// <param name="time">The host's clock; tests pass a FakeTimeProvider.</param>
    /// <param name="sink">
    /// Receives the commands in order. It should not throw: an exception propagates to the caller of
    /// <see cref="Handle"/>, or to the timer's thread for the auto-answer and hold timers.
    /// </param>
    public Call(string id, CallIdentity identity, CallPlan plan, TimeProvider time, Action<CallCommand> sink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(sink);
        if (!plan.Cadence.IsDefined)
        {
            throw new ArgumentException("The plan has no ring cadence.", nameof(plan));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(plan.AutoAnswerAfterRings);
        if (plan.LookupCallback <= TimeSpan.Zero || plan.OfferTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The plan's LookupCallback and OfferTimeout must be positive.", nameof(plan));
        }
        Id = id;
        Identity = identity;
        Plan = plan;
        _time = time;
        _sink = sink;
        _agentsExpected = plan.AgentsExpected;
        _record = CallSnapshot.Started(time.GetUtcNow());
    }

    /// <summary>The id given at creation.</summary>
    public string Id { get; }

    /// <summary>Who called which line, as given at creation.</summary>
    public CallIdentity Identity { get; }

    /// <summary>The line's policy given at creation.</summary>
    public CallPlan Plan { get; }

    /// <summary>The current state.</summary>
    public CallState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The record's fields now (also sent with every <see cref="RecordChanged"/>).</summary>
    public CallSnapshot Record
    {
        get
        {
            lock (_gate)
            {
                return _record;
            }
        }
    }

    /// <summary>Whether an agent is expected to take the caller after auto-answer (<see cref="CallPlan.AgentsExpected"/>).</summary>
    public bool AgentsExpected
    {
        get
        {
            lock (_gate)
            {
                return _agentsExpected;
            }
        }
    }

    /// <summary>While ringing: the instant the service will answer itself; otherwise null.</summary>
    public DateTimeOffset? AutoAnswerDueAt
    {
        get
        {
            lock (_gate)
            {
                return _autoAnswerAt;
            }
        }
    }

    /// <summary>
    /// While ringing: the instant the service will answer itself on the clock's timestamp scale
    /// (<see cref="TimeProvider.GetTimestamp"/>, the scale its timer is armed on); otherwise null.
    /// </summary>
    public long? AutoAnswerDueTimestamp
    {
        get
        {
            lock (_gate)
            {
                return _autoAnswerAt is null
                    ? null
                    : _ringStartTimestamp + (long)(_autoAnswerDelay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            }
        }
    }

    /// <summary>True from auto-answer until <see cref="GreetingFinished"/> or an agent takes the caller.</summary>
    public bool IsGreetingPlaying
    {
        get
        {
            lock (_gate)
            {
                return _greetingPlaying;
            }
        }
    }

    /// <summary>Tells the call what happened. Never throws for an event; ignored events emit <see cref="EventIgnored"/>.</summary>
    public void Handle(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        Dispatch(callEvent);
    }

    private void Dispatch(CallEvent callEvent)
    {
        lock (_gate)
        {
            _inbox.Enqueue(callEvent);
            if (_dispatching)
            {
                return; // re-entered from the sink: handled after the current transition's commands
            }
            _dispatching = true;
            try
            {
                while (_inbox.TryDequeue(out CallEvent? next))
                {
                    _outbox.Clear();
                    Apply(next);
                    foreach (CallCommand command in _outbox)
                    {
                        _sink(command);
                    }
                }
            }
            finally
            {
                _outbox.Clear();
                _dispatching = false;
            }
        }
    }

    private void Apply(CallEvent callEvent)
    {
        bool handled = callEvent switch
        {
            AutoAnswerDue due => OnAutoAnswerDue(due),
            RingingStarted ringing => OnRingingStarted(ringing.At),
            AgentAnswered answered => OnAgentAnswered(answered.AgentId),
            CallerCancelled => OnCallerGaveUp(),
            CallerHungUp => OnCallerHungUp(),
            AgentHungUp hungUp => OnAgentHungUp(hungUp.AgentId),
            ServiceEnded => OnServiceEnded(),
            CallRejected => OnRejected(),
            GreetingFinished => OnGreetingFinished(),
            AgentAvailabilityChanged availability => OnAgentAvailabilityChanged(availability.AgentsExpected),
            HoldTimerDue due => OnHoldTimerDue(due),
            CallerPutOnHold => OnCallerPutOnHold(),
            HoldResumed => OnHoldResumed(),
            DigitReceived digit => OnDigitReceived(digit.Digit),
            OfferPromptFinished => OnOfferPromptFinished(),
            ConfirmationFinished => OnConfirmationFinished(),
            _ => false,
        };
        if (!handled)
        {
            Emit(new EventIgnored(callEvent, _state));
        }
    }

    private bool OnRingingStarted(long? at)
    {
        if (_state != CallState.Offered)
        {
            return false; // a second 180/183 or ringback start: the count already runs
        }
        DateTimeOffset now = _time.GetUtcNow();
        _ringStartTimestamp = at ?? _time.GetTimestamp();
        // The count starts when the ringback started, not when this event was handled.
        TimeSpan late = at is null ? TimeSpan.Zero : _time.GetElapsedTime(_ringStartTimestamp);
        DateTimeOffset ringStart = now - late;
        _record = _record with { RingStartedAt = ringStart };
        _state = CallState.Ringing;
        Emit(new RecordChanged(_state, _record));
        if (Plan.AutoAnswerAfterRings == 0)
        {
            AutoAnswer(now);
        }
        else
        {
            // Ring N+1 begins at N periods: answering there is "within N rings" (DESIGN.md).
            _autoAnswerDelay = Plan.Cadence.RingStart(Plan.AutoAnswerAfterRings + 1);
            _autoAnswerAt = ringStart + _autoAnswerDelay;
            ArmAutoAnswer(_autoAnswerDelay > late ? _autoAnswerDelay - late : TimeSpan.Zero);
        }
        return true;
    }

    private bool OnAutoAnswerDue(AutoAnswerDue due)
    {
        if (_state != CallState.Ringing || !ReferenceEquals(due.Token, _autoAnswerToken))
        {
            return true; // a tick from a timer already disarmed: nothing to tell the glue
        }
        // The limit is measured on the monotonic clock, so a wall-clock step cannot move it.
        TimeSpan elapsed = _time.GetElapsedTime(_ringStartTimestamp);
        if (elapsed < _autoAnswerDelay)
        {
            ArmAutoAnswer(_autoAnswerDelay - elapsed); // a tick that came early: the limit is the instant
            return true;
        }
        AutoAnswer(_time.GetUtcNow());
        return true;
    }

    private void AutoAnswer(DateTimeOffset now)
    {
        DisarmAutoAnswer();
        _record = _record with
        {
            AnsweredAt = now,
            AnsweredBy = CallSnapshot.AutoAnswerer,
            AutoAnsweredAt = now,
            Rings = RingsAt(now),
        };
        _state = CallState.AutoAnswered;
        _greetingPlaying = true;
        Emit(new AnswerCaller());
        Emit(new PlayGreetingThenHold());
        Emit(new RecordChanged(_state, _record));
    }

    private bool OnAgentAnswered(string? agentId)
    {
        if (string.IsNullOrWhiteSpace(agentId) || agentId == CallSnapshot.AutoAnswerer)
        {
            return false; // no usable agent id: "auto" is reserved for the service's answer
        }
        DateTimeOffset now = _time.GetUtcNow();
        switch (_state)
        {
            case CallState.Offered or CallState.Ringing:
                DisarmAutoAnswer();
                _record = _record with
                {
                    AnsweredAt = now,
                    AnsweredBy = agentId,
                    AgentAnsweredAt = now,
                    AgentId = agentId,
                    Rings = RingsAt(now),
                };
                _state = CallState.Connected;
                Emit(new AnswerCaller());
                Emit(new CancelAgentLegs(agentId));
                Emit(new BridgeTo(agentId));
                Emit(new RecordChanged(_state, _record));
                return true;

            case CallState.AutoAnswered:
                // Taken from the queue: the caller was answered by the service and stays so in the record.
                _record = _record with { AgentAnsweredAt = now, AgentId = agentId };
                _state = CallState.Connected;
                _greetingPlaying = false;
                Emit(new CancelAgentLegs(agentId));
                Emit(new BridgeTo(agentId));
                Emit(new RecordChanged(_state, _record));
                return true;

            default:
                if (agentId == _record.AgentId)
                {
                    return false; // the connected agent again: nothing new
                }
                // Another agent answered too late (ring-all race, or after the caller left): release that leg.
                Emit(new HangUpAgent(agentId, HangUpReason.AnsweredElsewhere));
                return true;
        }
    }

    private bool OnCallerGaveUp()
    {
        if (_state is not (CallState.Offered or CallState.Ringing))
        {
            return false; // RFC 3261 9.2: a CANCEL after the final response has no effect on the call
        }
        Emit(new CancelAgentLegs(null));
        End(CallOutcome.Abandoned, CallEndedBy.Caller);
        return true;
    }

    private bool OnCallerHungUp()
    {
        switch (_state)
        {
            case CallState.Offered or CallState.Ringing:
                // RFC 3261 15: the caller may send BYE on the early dialog; it gives up like a CANCEL.
                return OnCallerGaveUp();

            case CallState.Connected:
                Emit(new HangUpAgent(_record.AgentId!));
                End(CallOutcome.Answered, CallEndedBy.Caller);
                return true;

            case CallState.Held or CallState.CallbackOffered:
                CallerHungUpOnHold();
                return true;

            case CallState.AutoAnswered:
                // The rule chosen for "waiting and gone": with agents expected the caller abandoned the
                // queue; with none expected (no agents at all yet) the service's answer was the handling.
                Emit(new CancelAgentLegs(null));
                End(_agentsExpected ? CallOutcome.AbandonedInQueue : CallOutcome.AutoAnswered, CallEndedBy.Caller);
                return true;

            default:
                return false;
        }
    }

    private bool OnAgentHungUp(string? agentId)
    {
        if (agentId != _record.AgentId || _agentGone)
        {
            return false;
        }
        if (IsOnHold)
        {
            AgentHungUpOnHold();
            return true;
        }
        if (_state != CallState.Connected)
        {
            return false;
        }
        Emit(new HangUpCaller());
        End(CallOutcome.Answered, CallEndedBy.Agent);
        return true;
    }

    private bool OnServiceEnded()
    {
        switch (_state)
        {
            case CallState.Offered or CallState.Ringing:
                Emit(new CancelAgentLegs(null));
                Emit(new RejectCaller());
                break;
            case CallState.Connected or CallState.Held or CallState.CallbackOffered:
                if (!_agentGone)
                {
                    Emit(new HangUpAgent(_record.AgentId!, HangUpReason.ServiceStopping));
                }
                Emit(new HangUpCaller(HangUpReason.ServiceStopping));
                break;
            case CallState.AutoAnswered:
                Emit(new CancelAgentLegs(null));
                Emit(new HangUpCaller(HangUpReason.ServiceStopping));
                break;
            default:
                return false;
        }
        End(CallOutcome.Interrupted, CallEndedBy.Service);
        return true;
    }

    private bool OnRejected()
    {
        if (_state is not (CallState.Offered or CallState.Ringing))
        {
            return false; // an answered call cannot be refused any more
        }
        Emit(new CancelAgentLegs(null));
        End(CallOutcome.Rejected, CallEndedBy.Service);
        return true;
    }

    private bool OnGreetingFinished()
    {
        if (_state != CallState.AutoAnswered || !_greetingPlaying)
        {
            return false;
        }
        _greetingPlaying = false; // the glue plays hold audio now; no record field changes
        return true;
    }

    private bool OnAgentAvailabilityChanged(bool agentsExpected)
    {
        if (_state == CallState.Ended)
        {
            return false;
        }
        _agentsExpected = agentsExpected;
        return true;
    }

    private void End(CallOutcome outcome, CallEndedBy endedBy)
    {
        DisarmAutoAnswer();
        EndHold();
        DateTimeOffset now = _time.GetUtcNow();
        _record = _record with
        {
            EndedAt = now,
            Outcome = outcome,
            EndedBy = endedBy,
            Rings = _record.Rings ?? RingsAt(now), // nobody answered: the rings the caller heard
        };
        _state = CallState.Ended;
        _greetingPlaying = false;
        Emit(new RecordChanged(_state, _record));
    }

    private decimal RingsAt(DateTimeOffset instant) =>
        _record.RingStartedAt is { } ringStart ? Plan.Cadence.RingsToTenth(instant - ringStart) : 0.0m;

    private void ArmAutoAnswer(TimeSpan dueIn)
    {
        DisarmAutoAnswerTimer();
        object token = new();
        _autoAnswerToken = token;
        _autoAnswerTimer = _time.CreateTimer(
            static state =>
            {
                var (call, token) = ((Call, object))state!;
                call.Dispatch(new AutoAnswerDue(token));
            },
            (this, token),
            dueIn,
            Timeout.InfiniteTimeSpan);
    }

    private void DisarmAutoAnswer()
    {
        DisarmAutoAnswerTimer();
        _autoAnswerAt = null;
    }

    private void DisarmAutoAnswerTimer()
    {
        _autoAnswerTimer?.Dispose();
        _autoAnswerTimer = null;
        _autoAnswerToken = null;
    }

    private void Emit(CallCommand command) => _outbox.Add(command);

    /// <summary>The auto-answer timer's tick; <paramref name="Token"/> tells a live timer from a disarmed one.</summary>
    private sealed record AutoAnswerDue(object Token) : CallEvent;
}
