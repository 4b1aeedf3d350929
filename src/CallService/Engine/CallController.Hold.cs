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
    /// <summary>The desk's Hold button (HTTP API).</summary>
    public void Hold() => _call.Handle(new CallerPutOnHold());

    /// <summary>The desk's Resume button (HTTP API).</summary>
    public void Resume() => _call.Handle(new HoldResumed());

    private void OnDigit(char digit)
    {
        EngineLog.DigitReceived(_logger, CallId, Caller, digit);
        _call.Handle(new DigitReceived(digit));
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
        var request = tx.Request;
        if (request.Method is not (Sip.Messages.SipMethod.Invite or Sip.Messages.SipMethod.Update) || request.Body.IsEmpty)
        {
            if (request.Method == Sip.Messages.SipMethod.Invite)
            {
                dialog.AcceptReInvite(tx, leg.LocalSdp is null ? default : SdpWriter.WriteUtf8(leg.LocalSdp));
            }
            else
            {
                tx.Respond(200, toTag: dialog.LocalParty.Tag);
            }
            return;
        }
        var parsed = SdpParser.Parse(request.Body.Span);
        if (!parsed.IsSuccess || leg.LocalSdp is null)
        {
            dialog.RejectReInvite(tx, 488);
            return;
        }
        var local = new SdpLocalMedia
        {
            Address = _engine.Settings.AdvertisedAddress,
            RtpPort = leg.Media.LocalPort,
            Codecs = [leg.Media.Codec],
        };
        if (SdpOfferAnswer.CreateAnswer(parsed.Description!, local, leg.LocalSdp) is not SdpAnswerResult.Accepted accepted)
        {
            dialog.RejectReInvite(tx, 488);
            return;
        }
        leg.LocalSdp = accepted.Answer;
        dialog.AcceptReInvite(tx, SdpWriter.WriteUtf8(accepted.Answer));
        bool hold = SdpHold.IsHold(parsed.Description!);
        EngineLog.AgentHold(_logger, CallId, Caller, leg.Agent.AgentId, hold);
        _call.Handle(hold ? new CallerPutOnHold() : new HoldResumed());
    }
}
