using System.Net;
using CallService.Calls;
using CallService.Lines;
using CallService.Records;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Sdp;
using CallService.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>
/// The glue of one caller's call: SIP signals become <see cref="Call"/> events, the state machine's
/// commands become SIP responses, media switches and record writes. It owns the caller's media leg.
/// </summary>
internal sealed partial class CallController
{
    private static readonly AudioCodecKind[] CodecPreference = [AudioCodecKind.G722, AudioCodecKind.Pcmu, AudioCodecKind.Pcma];

    private readonly SipEngine _engine;
    private readonly IncomingCall _incoming;
    private readonly LineMedia _media;
    private readonly ILogger _logger;
    private readonly RecordKeeper _records;
    private readonly CallRecord _identity;
    private readonly Call _call;
    private readonly Lock _gate = new();
    private MediaLeg? _leg;
    private SessionDescription? _localSdp;
    private SipDialog? _dialog;
    private bool _mediaStarted;
    private IMediaSource? _sourceBeforeMedia;
    private int _cleanedUp;

    public CallController(SipEngine engine, IncomingCall incoming, LineMedia media, ILogger logger)
    {
        _engine = engine;
        _incoming = incoming;
        _media = media;
        _logger = logger;
        var invite = incoming.Invite;
        CallId = invite.CallId;
        Caller = invite.From.Uri.User ?? invite.From.Uri.Host;
        _records = new RecordKeeper(engine.Records, logger);
        _call = new Call(CallId, new CallIdentity(Caller, invite.From.DisplayName, media.Line.Number),
            CallPlan.For(media.Line, agentsExpected: engine.Agents.AnyRegisteredFor(media.Line.Number)), engine.CallTime, OnCommand);
        _identity = new CallRecord
        {
            CallId = CallId,
            CallerNumber = Caller,
            CallerDisplayName = invite.From.DisplayName,
            Line = media.Line.Number,
            Desk = media.Line.Desk.ToName(),
            StartedAt = _call.Record.StartedAt,
        };
    }

    public string CallId { get; }

    public string Caller { get; }

    /// <summary>The number of the sales line called (the desk scopes agents by it).</summary>
    public string Line => _media.Line.Number;

    public CallState State => _call.State;

    /// <summary>Completes when the record writes submitted so far are committed.</summary>
    public Task RecordsDrained => _records.Drained;

    /// <summary>Answers the INVITE's offer, rings with early media (or 180 without SDP) and starts counting.</summary>
    public void Start()
    {
        _records.Submit(ToRecord(_call.Record));
        PublishLive(_call.State, _call.Record);
        _incoming.Cancelled += _ => _call.Handle(new CallerCancelled());
        try
        {
            _leg = MediaLeg.Open(_engine.Settings.BindAddress, _engine.RtpPorts, _engine.Pacer, _engine.Time, _logger);
        }
        catch (InvalidOperationException ex)
        {
            EngineLog.NoMediaPort(_logger, CallId, Caller, ex.Message);
            _incoming.Reject(503, "No Media Port Available");
            _call.Handle(new CallRejected());
            return;
        }

        if (_incoming.HasOffer)
        {
            var parsed = SdpParser.Parse(_incoming.Offer.Span);
            if (!parsed.IsSuccess)
            {
                RejectMedia($"unreadable SDP offer: {parsed.Error} {parsed.Detail}");
                return;
            }
            var answer = SdpOfferAnswer.CreateAnswer(parsed.Description!, LocalMedia(), SessionId(), 1);
            if (answer is not SdpAnswerResult.Accepted accepted)
            {
                RejectMedia(((SdpAnswerResult.NotAcceptable)answer).Detail);
                return;
            }
            _localSdp = accepted.Answer;
            // RFC 3262-free early media: 183 with the answer, then the ringback on the negotiated stream.
            _incoming.SendProvisional(183, SdpWriter.WriteUtf8(accepted.Answer));
            var codec = accepted.Media.Codec.Kind;
            // At least one frame: it is the first ringback packet that starts the ring count.
            int ringFrames = Math.Max(1, (int)(_media.Line.AutoAnswerDelay / AudioCodec.FrameDuration));
            IMediaSource ringback = new RingLimitedSource(_media.Ringback.CreateSource(codec), ringFrames, new SilenceSource(codec));
            if (_call.Plan.AutoAnswerAfterRings == 0)
            {
                // Nothing to count: answer now rather than at the pacer's next 20 ms slot.
                StartMedia(accepted.Media, ringback);
                _call.Handle(new RingingStarted());
            }
            else
            {
                StartMedia(accepted.Media, new FirstFrameProbe(ringback, _engine.Time, at =>
                {
                    _call.Handle(new RingingStarted(at));
                    ScheduleAutoAnswer();
                }));
            }
            EngineLog.Ringing(_logger, CallId, Caller, _media.Line.Number, "183 early media", accepted.Media.Codec.EncodingName);
            RingAgents();
        }
        else
        {
            // No offer: ring with 180 and count from it; our offer goes in the 200, the answer in the ACK.
            _localSdp = SdpOfferAnswer.CreateOffer(LocalMedia(), SessionId(), 1); // the 200's offer, made now so that it can be scheduled
            _incoming.SendProvisional(180);
            long ringStart = _engine.Time.GetTimestamp(); // the count starts with the 180, not after the log line
            EngineLog.Ringing(_logger, CallId, Caller, _media.Line.Number, "180 (no SDP offer)", "-");
            _call.Handle(new RingingStarted(ringStart));
            ScheduleAutoAnswer();
            RingAgents();
        }
    }

    /// <summary>
    /// Hands the 200 that ends the Nth ring to the transport now, to leave at that instant from the
    /// kernel's timer. Under load a garbage collection pauses every thread of the service for 5-40 ms
    /// a few times a second, and a 200 sent by the call's timer thread was late by whatever pause its
    /// instant fell in. The timer still fires then and confirms the dialog (<see cref="Answer"/>); an
    /// agent answering first has the 200 sent at once instead, and a CANCEL or a rejection withdraws it.
    /// </summary>
    private void ScheduleAutoAnswer()
    {
        if (!_engine.TimedAnswers || _localSdp is null || _call.AutoAnswerDueTimestamp is not { } due)
        {
            return;
        }
        _incoming.ScheduleAccept(SdpWriter.WriteUtf8(_localSdp), due);
    }

    private SdpLocalMedia LocalMedia() => new()
    {
        Address = _engine.Settings.AdvertisedAddress,
        RtpPort = _leg!.LocalPort,
        Codecs = CodecPreference,
    };

    private static ulong SessionId() => (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    private void RejectMedia(string why)
    {
        EngineLog.MediaRejected(_logger, CallId, Caller, why);
        _incoming.Reject(488, "Not Acceptable Here");
        _call.Handle(new CallRejected());
    }

    private void StartMedia(SdpNegotiatedMedia media, IMediaSource initial)
    {
        IMediaSource source;
        lock (_gate)
        {
            source = _sourceBeforeMedia ?? initial;
            _mediaStarted = true;
        }
        _leg!.Start(media, source);
        _leg.Stream!.SourceFinished += OnSourceFinished;
        _leg.DigitReceived += (_, digit) => OnDigit(digit);
        AgentLeg? pending;
        lock (_gate)
        {
            pending = _pendingBridge;
            _pendingBridge = null;
        }
        if (pending is not null)
        {
            Connect(pending); // an agent answered before the caller's media could start
        }
    }

    /// <summary>Ends the call because the service stops.</summary>
    public void Shutdown() => _call.Handle(new ServiceEnded());

    private void OnCommand(CallCommand command)
    {
        switch (command)
        {
            case AnswerCaller:
                Answer();
                break;
            case PlayGreetingThenHold when !_call.AgentsExpected && _engine.Agents.AnyConfiguredFor(_media.Line.Number):
                // The line has agents but none is registered: the caller hears that the desk will call
                // back, and the callback request is on the desk's list with the caller's number.
                Play(_media.NoAgent.CreateSource(_leg?.Codec ?? AudioCodecKind.Pcmu));
                RecordCallback(new CallbackTicket(CallId, Caller, _incoming.Invite.From.DisplayName, _media.Line.Number, null, _engine.Time.GetUtcNow()));
                break;
            case PlayGreetingThenHold:
                Play(_media.Greeting.CreateSource(_leg?.Codec ?? AudioCodecKind.Pcmu));
                break;
            case HangUpCaller:
                if (_dialog is { } dialog)
                {
                    _ = dialog.ByeAsync();
                }
                else
                {
                    RejectOrHangUp(480);
                }
                break;
            case RejectCaller:
                RejectOrHangUp(503, "Service Shutting Down");
                break;
            case RecordChanged changed:
                _records.Submit(ToRecord(changed.Record));
                EngineLog.StateChanged(_logger, CallId, Caller, changed.State.ToString(), changed.Record.Rings);
                if (changed.State == CallState.AutoAnswered && _call.AgentsExpected && !_engine.EnterQueue(this))
                {
                    // Callers waiting for an agent are served in arrival order: only the first in the
                    // queue keeps ringing the agents; this one waits on hold until it is first.
                    CancelAgents(except: null, only: null, reason: null, keepAnswered: true);
                }
                PublishLive(changed.State, changed.Record);
                if (changed.State == CallState.Ended)
                {
                    _engine.Counters.OnEnded(changed.Record.Outcome);
                    CleanupAgents();
                    Cleanup();
                }
                break;
            case CancelAgentLegs cancel:
                CancelAgents(cancel.ExceptAgentId, only: null, reason: cancel.ExceptAgentId is null ? null : CompletedElsewhere);
                break;
            case BridgeTo bridge:
                BridgeTo(bridge.AgentId);
                break;
            case HangUpAgent hangUp:
                HangUpAgent(hangUp.AgentId);
                break;
            case PlayHoldAudio:
                PlayHoldAudioUntilOffer();
                break;
            case Calls.ResumeBridge:
                ForgetScheduledOffer();
                ReconnectAgentAudio();
                break;
            case PlayCallbackOffer:
                PlayCallbackOfferNow();
                break;
            case PlayCallbackConfirmation:
                ForgetScheduledOffer();
                PlayToCaller(_media.CallbackConfirmation.CreateSource(_leg?.Codec ?? AudioCodecKind.Pcmu));
                break;
            case RecordCallbackRequest request:
                RecordCallback(request.Ticket);
                break;
            case EventIgnored ignored:
                EngineLog.EventIgnored(_logger, CallId, Caller, ignored.Event.GetType().Name, ignored.State.ToString());
                break;
            default:
                EngineLog.CommandNotHandled(_logger, CallId, Caller, command.GetType().Name);
                break;
        }
    }

    /// <summary>
    /// Rejects the unanswered caller; if the scheduled 200 (<see cref="ScheduleAutoAnswer"/>) left at
    /// its instant just before, the caller is answered already and the call ends with a BYE instead.
    /// </summary>
    private void RejectOrHangUp(int statusCode, string? reason = null)
    {
        if (!_incoming.Reject(statusCode, reason) && _incoming.Dialog is { } answered)
        {
            _ = answered.ByeAsync();
        }
    }

    private void Answer()
    {
        // _localSdp is made before ringing starts (our answer, or our offer when the INVITE had none),
        // and nothing answers the caller before ringing starts.
        var dialog = _incoming.Accept(SdpWriter.WriteUtf8(_localSdp!));
        if (dialog is null)
        {
            return; // a CANCEL won the race; the state machine hears of it
        }
        _dialog = dialog;
        _engine.Counters.OnAnswered();
        dialog.Terminated += OnDialogTerminated;
        dialog.RequestReceived += OnInDialogRequest;
        EngineLog.Answered(_logger, CallId, Caller, _media.Line.Number);
        if (!_incoming.HasOffer)
        {
            _ = StartMediaFromAckAsync(dialog);
        }
    }

    private async Task StartMediaFromAckAsync(SipDialog dialog)
    {
        if (!await dialog.Acked.ConfigureAwait(false) || dialog.AckRequest is not { } ack)
        {
            return;
        }
        var parsed = SdpParser.Parse(ack.Body.Span);
        var negotiated = parsed.IsSuccess ? SdpOfferAnswer.ProcessAnswer(_localSdp!, parsed.Description!) : null;
        if (negotiated is not SdpNegotiationResult.Negotiated ok)
        {
            EngineLog.MediaRejected(_logger, CallId, Caller, "the ACK carried no usable SDP answer");
            await dialog.ByeAsync().ConfigureAwait(false);
            _call.Handle(new ServiceEnded());
            return;
        }
        StartMedia(ok.Media, _media.Greeting.CreateSource(ok.Media.Codec.Kind));
    }

    private void Play(IMediaSource source)
    {
        lock (_gate)
        {
            if (!_mediaStarted)
            {
                _sourceBeforeMedia = source;
                return;
            }
        }
        _leg?.Play(source);
    }

    private void OnSourceFinished(Sip.Rtp.RtpStream stream, IMediaSource finished)
    {
        bool bridged;
        lock (_gate)
        {
            bridged = _bridge is { IsConnected: true };
        }
        if (finished is HoldThenOfferSource || finished is PromptSource offer && ReferenceEquals(offer.Prompt, _media.CallbackOffer))
        {
            _call.Handle(new OfferPromptFinished());
            return;
        }
        if (finished is PromptSource confirmation && ReferenceEquals(confirmation.Prompt, _media.CallbackConfirmation))
        {
            _call.Handle(new ConfirmationFinished());
            return;
        }
        if (!bridged && finished is PromptSource prompt && (ReferenceEquals(prompt.Prompt, _media.Greeting) || ReferenceEquals(prompt.Prompt, _media.NoAgent)))
        {
            // The greeting played once; the caller now waits on hold audio, never silence (DESIGN.md).
            stream.SetSource(_media.HoldAudio.CreateSource(_leg!.Codec, loop: true));
            _call.Handle(new GreetingFinished());
        }
    }

    private void OnDialogTerminated(SipDialog dialog, DialogEndReason reason)
    {
        EngineLog.DialogEnded(_logger, CallId, Caller, reason.ToString());
        switch (reason)
        {
            case DialogEndReason.RemoteBye or DialogEndReason.PeerGone:
                _call.Handle(new CallerHungUp());
                break;
            case DialogEndReason.AckTimeout or DialogEndReason.Shutdown:
                _call.Handle(new ServiceEnded());
                break;
        }
    }

    private void OnInDialogRequest(SipDialog dialog, ServerTransaction tx)
    {
        var request = tx.Request;
        if (request.Method == Sip.Messages.SipMethod.Info && DtmfInfo.TryRead(request, out char digit))
        {
            tx.Respond(200, toTag: dialog.LocalParty.Tag);
            OnDigit(digit);
            return;
        }
        if (request.Method is not (Sip.Messages.SipMethod.Invite or Sip.Messages.SipMethod.Update))
        {
            tx.Respond(200, toTag: dialog.LocalParty.Tag);
            return;
        }
        // A re-INVITE (session refresh, hold, new address): answer from our side of the session.
        var parsed = SdpParser.Parse(request.Body.Span);
        if (request.Body.IsEmpty || !parsed.IsSuccess || _localSdp is null)
        {
            dialog.AcceptReInvite(tx, _localSdp is null ? default : SdpWriter.WriteUtf8(_localSdp));
            return;
        }
        var answer = SdpOfferAnswer.CreateAnswer(parsed.Description!, LocalMedia(), _localSdp);
        if (answer is not SdpAnswerResult.Accepted accepted)
        {
            dialog.RejectReInvite(tx, 488);
            return;
        }
        _localSdp = accepted.Answer;
        if (_leg?.Stream is not null)
        {
            _leg.UpdateRemote(accepted.Media);
        }
        dialog.AcceptReInvite(tx, SdpWriter.WriteUtf8(accepted.Answer));
    }

    private CallRecord ToRecord(CallSnapshot s) => _identity with
    {
        StartedAt = s.StartedAt,
        RingStartedAt = s.RingStartedAt,
        AnsweredAt = s.AnsweredAt,
        AnsweredBy = s.AnsweredBy,
        Rings = s.Rings is decimal r ? (double)r : null,
        AutoAnsweredAt = s.AutoAnsweredAt,
        AgentAnsweredAt = s.AgentAnsweredAt,
        AgentId = s.AgentId,
        EndedAt = s.EndedAt,
        Outcome = s.Outcome is { } o ? Enum.Parse<Records.CallOutcome>(o.ToString()) : null,
        EndedBy = s.EndedBy is { } e ? Enum.Parse<Records.CallEndedBy>(e.ToString()) : null,
        HoldCount = s.HoldCount,
        HoldSeconds = s.HoldSeconds,
        LongestHoldSeconds = s.LongestHoldSeconds,
        CallbackOffered = s.CallbackOffered,
        CallbackAccepted = s.CallbackAccepted,
    };

    private void Cleanup()
    {
        if (Interlocked.Exchange(ref _cleanedUp, 1) != 0)
        {
            return;
        }
        _leg?.Dispose();
        _engine.Forget(this);
    }
}
