using CallService.Callbacks;
using CallService.Calls;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Sdp;
using CallService.Sip.Transactions;

namespace CallService.Engine;

/// <summary>
/// Hold for a lookup: the agent's softphone (re-INVITE with sendonly, inactive or c=0.0.0.0, RFC 3264 8.4)
/// or the desk's Hold button puts the caller on hold audio, never the agent's audio; the state machine's
/// lookup timer offers a callback; the caller's digits (RFC 4733 or SIP INFO) answer it.
/// </summary>
internal sealed partial class CallController
{
    private HoldThenOfferSource? _scheduledOffer;

    /// <summary>The desk's Hold button (HTTP API).</summary>
    public void Hold() => _call.Handle(new CallerPutOnHold());

    /// <summary>The desk's Resume button (HTTP API).</summary>
    public void Resume() => _call.Handle(new HoldResumed());

    private void OnDigit(char digit)
    {
        EngineLog.DigitReceived(_logger, CallId, Caller, digit);
        _call.Handle(new DigitReceived(digit));
    }

    /// <summary>
    /// Hold audio; when the state machine has the callback offer due (a caller who can be called back), the
    /// offer is scheduled on the media itself, frame-counted to the due instant (see <see cref="HoldThenOfferSource"/>).
    /// </summary>
    private void PlayHoldAudioUntilOffer()
    {
        var codec = _leg?.Codec ?? AudioCodecKind.Pcmu;
        var hold = _media.HoldAudio.CreateSource(codec, loop: true);
        if (_call.CallbackOfferDueAt is not { } due)
        {
            ForgetScheduledOffer();
            PlayToCaller(hold);
            return;
        }
        int frames = Math.Max(1, (int)Math.Round((due - _engine.Time.GetUtcNow()) / AudioCodec.FrameDuration));
        var scheduled = new HoldThenOfferSource(hold, frames, _media.CallbackOffer.CreateSource(codec));
        lock (_gate)
        {
            _scheduledOffer = scheduled;
        }
        PlayToCaller(scheduled);
    }

    /// <summary>The state machine's offer: already on its way when scheduled with the hold audio, else played now.</summary>
    private void PlayCallbackOfferNow()
    {
        HoldThenOfferSource? scheduled;
        lock (_gate)
        {
            scheduled = _scheduledOffer;
            _scheduledOffer = null;
        }
        if (scheduled is null)
        {
            PlayToCaller(_media.CallbackOffer.CreateSource(_leg?.Codec ?? AudioCodecKind.Pcmu));
        }
    }

    private void ForgetScheduledOffer()
    {
        lock (_gate)
        {
            _scheduledOffer = null;
        }
    }

    /// <summary>What the caller hears instead of the agent: hold audio, the offer, the confirmation.</summary>
    private void PlayToCaller(IMediaSource source)
    {
        MediaBridge? bridge;
        lock (_gate)
        {
            bridge = _bridge;
        }
        if (bridge is not null)
        {
            bridge.Mute(BridgeDirection.AgentToCaller, source);
        }
        else
        {
            Play(source);
        }
    }

    private void ReconnectAgentAudio()
    {
        MediaBridge? bridge;
        lock (_gate)
        {
            bridge = _bridge;
        }
        bridge?.Unmute(BridgeDirection.AgentToCaller);
    }

    private void RecordCallback(CallbackTicket ticket)
    {
        if (_engine.Callbacks is not { } recorder)
        {
            EngineLog.CallbackNotRecorded(_logger, CallId, Caller);
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var request = await recorder.RecordAsync(ticket, CancellationToken.None).ConfigureAwait(false);
                EngineLog.CallbackRecorded(_logger, CallId, Caller, request.Id);
            }
            catch (Exception ex)
            {
                EngineLog.CallbackFailed(_logger, CallId, Caller, ex);
            }
        });
    }

    /// <summary>A re-INVITE (or UPDATE) from the agent's softphone: answer it (RFC 3264 8.4: sendonly is
    /// answered recvonly) and tell the state machine whether the caller is now on hold.</summary>
    private void OnAgentRequest(AgentLeg leg, SipDialog dialog, ServerTransaction tx)
    {
        if (MediaReInvite.Answer(dialog, tx, leg.Media, _engine.Settings.AdvertisedAddress, leg.LocalSdp, out var answered) is not { } hold)
        {
            return;
        }
        leg.LocalSdp = answered;
        EngineLog.AgentHold(_logger, CallId, Caller, leg.Agent.AgentId, hold);
        _call.Handle(hold ? new CallerPutOnHold() : new HoldResumed());
    }
}
