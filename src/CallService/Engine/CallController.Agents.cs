using CallService.Calls;
using CallService.Lines;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Messages;
using CallService.Sip.Sdp;

namespace CallService.Engine;

/// <summary>
/// The agents' side of a call: ringing their headset softphones (ring-all or rotation), media anchored
/// here (one leg per agent INVITE), the bridge to whoever answers first, and CANCEL for the others with
/// <c>Reason: SIP;cause=200;text="Call completed elsewhere"</c> so their softphones log no missed call.
/// </summary>
internal sealed partial class CallController
{
    private const string CompletedElsewhere = "SIP;cause=200;text=\"Call completed elsewhere\"";
    private static readonly AudioCodecKind[] AgentCodecs = [AudioCodecKind.G722, AudioCodecKind.Pcmu, AudioCodecKind.Pcma];

    private readonly List<AgentLeg> _agentLegs = [];
    private MediaBridge? _bridge;
    private AgentLeg? _pendingBridge;
    private ITimer? _rotationTimer;
    private int _rotationStep;
    private bool _ringingAgents;

    /// <summary>Starts ringing the line's available agents (called once ringing starts, and again when a
    /// queued caller reaches the head of the queue).</summary>
    internal void RingAgents()
    {
        // Lock order: the call's own lock is taken before ours (its commands run under it and take
        // _gate), never inside _gate; reading State under _gate deadlocked with the pacer thread.
        var state = _call.State;
        lock (_gate)
        {
            if (_ringingAgents || state is CallState.Ended or CallState.Connected)
            {
                return;
            }
            _ringingAgents = true;
        }
        var targets = _engine.Agents.AvailableFor(_media.Line.Number);
        if (targets.Count == 0)
        {
            lock (_gate)
            {
                _ringingAgents = false;
            }
            return;
        }
        if (_media.Line.RingStrategy == RingStrategy.RingAll)
        {
            foreach (var target in targets)
            {
                RingAgent(target);
            }
            return;
        }
        RingNextInRotation();
    }

    /// <summary>Rotation ("排定次序"): one agent at a time in configured order, each for
    /// RotationRingsPerAgent rings, starting where the line's previous call left off.</summary>
    private void RingNextInRotation()
    {
        var targets = _engine.Agents.AvailableFor(_media.Line.Number);
        if (targets.Count == 0 || _call.State is CallState.Ended or CallState.Connected)
        {
            return;
        }
        var target = targets[_engine.NextRotationIndex(_media.Line.Number, targets.Count)];
        RingAgent(target);
        var ringFor = _media.Line.Cadence.Period * _media.Line.RotationRingsPerAgent;
        lock (_gate)
        {
            _rotationStep++;
            _rotationTimer?.Dispose();
            _rotationTimer = _engine.Time.CreateTimer(_ => OnRotationTimeout(target.AgentId), null, ringFor, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnRotationTimeout(string agentId)
    {
        if (_call.State is CallState.Ended or CallState.Connected)
        {
            return;
        }
        CancelAgents(except: null, only: agentId, reason: null, keepAnswered: true);
        RingNextInRotation();
    }

    private void RingAgent(AgentTarget target)
    {
        foreach (var contact in target.Contacts)
        {
            _ = RingContactAsync(target, contact);
        }
    }

    private async Task RingContactAsync(AgentTarget agent, AgentContact contact)
    {
        try
        {
            await RingContactCoreAsync(agent, contact).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing awaits this task: a fault must be seen in the log, not lost.
            EngineLog.AgentLegFailed(_logger, CallId, Caller, agent.AgentId, ex.ToString());
        }
    }

    private async Task RingContactCoreAsync(AgentTarget agent, AgentContact contact)
    {
        MediaLeg media;
        try
        {
            media = MediaLeg.Open(_engine.Settings.BindAddress, _engine.RtpPorts, _engine.Pacer, _engine.Time, _logger);
        }
        catch (InvalidOperationException ex)
        {
            EngineLog.NoMediaPort(_logger, CallId, Caller, ex.Message);
            return;
        }
        var offer = SdpOfferAnswer.CreateOffer(new SdpLocalMedia
        {
            Address = _engine.Settings.AdvertisedAddress,
            RtpPort = media.LocalPort,
            Codecs = AgentCodecs,
        }, (ulong)Random.Shared.NextInt64(1, long.MaxValue), 1);
        var invite = _incoming.Invite;
        // The agent's softphone shows the caller: their number and name in From.
        var from = new SipNameAddress(SipUri.Parse($"sip:{Caller}@{_engine.Settings.AdvertisedAddress}"), invite.From.DisplayName ?? Caller);
        var to = new SipNameAddress(agent.AddressOfRecord, agent.DisplayName);
        OutgoingCall call;
        try
        {
            call = await _engine.Stack!.UserAgent.CallAsync(contact.Uri, from, to, SdpWriter.WriteUtf8(offer), contact.Destination).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            EngineLog.AgentLegFailed(_logger, CallId, Caller, agent.AgentId, ex.Message);
            media.Dispose();
            return;
        }
        var leg = new AgentLeg(agent, contact, media, call) { LocalSdp = offer };
        lock (_gate)
        {
            _agentLegs.Add(leg);
        }
        // Read after the leg is listed (and outside _gate, see RingAgents): a call taken or ended
        // before this read is seen here; one taken after it finds the leg in CancelAgentLegs.
        bool stillWanted = _call.State is not (CallState.Ended or CallState.Connected);
        if (!stillWanted)
        {
            call.Cancel(CompletedElsewhere);
        }
        _engine.Agents.MarkRinging(agent.AgentId, CallId);
        EngineLog.AgentRung(_logger, CallId, Caller, agent.AgentId, contact.Uri.ToString());

        var result = await call.Result.ConfigureAwait(false);
        if (!result.IsAnswered)
        {
            RemoveAgentLeg(leg, talked: false);
            EngineLog.AgentLegEnded(_logger, CallId, Caller, agent.AgentId, result.StatusCode);
            return;
        }
        var parsed = SdpParser.Parse(result.FinalResponse!.Body.Span);
        if (!parsed.IsSuccess || SdpOfferAnswer.ProcessAnswer(offer, parsed.Description!) is not SdpNegotiationResult.Negotiated negotiated)
        {
            EngineLog.MediaRejected(_logger, CallId, Caller, $"agent {agent.AgentId} answered without a usable SDP answer");
            await result.Dialog!.ByeAsync().ConfigureAwait(false);
            RemoveAgentLeg(leg, talked: false);
            return;
        }
        media.Start(negotiated.Media, new SilenceSource(negotiated.Media.Codec.Kind));
        leg.Dialog = result.Dialog;
        result.Dialog!.RequestReceived += (dialog, tx) => OnAgentRequest(leg, dialog, tx);
        result.Dialog.Terminated += (_, reason) =>
        {
            if (reason is DialogEndReason.RemoteBye or DialogEndReason.PeerGone)
            {
                _call.Handle(new AgentHungUp(agent.AgentId));
            }
            RemoveAgentLeg(leg, talked: true);
        };
        // The state machine decides: the first answer is bridged, a late one is hung up.
        _call.Handle(new AgentAnswered(agent.AgentId));
    }

    /// <summary>CANCEL every unanswered agent INVITE (but <paramref name="except"/>'s); BYE a second
    /// agent who answered too. <paramref name="only"/> limits it to one agent (rotation moving on).</summary>
    /// <param name="keepAnswered">
    /// Leave alone a leg whose 200 OK has come in: its <see cref="AgentAnswered"/> is on its way to the
    /// state machine, which bridges it or hangs it up. Used where the engine, not the state machine,
    /// stops the ringing (the rotation moving on, a caller queued behind another): a BYE there would
    /// end the agent's dialog under an answer the state machine is about to take.
    /// </param>
    private void CancelAgents(string? except, string? only, string? reason, bool keepAnswered = false)
    {
        List<AgentLeg> legs;
        lock (_gate)
        {
            legs = _agentLegs.Where(l => l.Agent.AgentId != except && (only is null || l.Agent.AgentId == only)
                && !(keepAnswered && l.Answered)).ToList();
            if (only is null)
            {
                _rotationTimer?.Dispose();
                _ringingAgents = false;
            }
        }
        foreach (var leg in legs)
        {
            if (leg.Dialog is { } dialog)
            {
                _ = dialog.ByeAsync();
            }
            else
            {
                leg.Call.Cancel(reason);
            }
        }
    }

    private void BridgeTo(string agentId)
    {
        AgentLeg? leg;
        lock (_gate)
        {
            leg = _agentLegs.FirstOrDefault(l => l.Agent.AgentId == agentId && l.Answered);
            _rotationTimer?.Dispose();
        }
        if (leg is null || _leg is null)
        {
            // The agent's dialog ended between its 200 OK and this bridge (a BYE crossing the answer):
            // the state machine already says Connected, so tell it the agent is gone. It ends the call,
            // which takes it out of the queue too, instead of leaving it connected to nobody.
            EngineLog.AgentLegFailed(_logger, CallId, Caller, agentId, "the agent's dialog ended before the bridge");
            _call.Handle(new AgentHungUp(agentId));
            return;
        }
        _engine.Agents.MarkOnCall(agentId, CallId);
        _engine.LeftQueue(this);
        lock (_gate)
        {
            if (!_mediaStarted)
            {
                // The caller's media starts at the ACK (no offer in the INVITE): StartMedia bridges then.
                _pendingBridge = leg;
                return;
            }
        }
        Connect(leg);
    }

    private void Connect(AgentLeg leg)
    {
        var bridge = new MediaBridge(_leg!, leg.Media);
        MediaBridge? previous;
        lock (_gate)
        {
            previous = _bridge;
            _bridge = bridge;
        }
        previous?.Dispose();
        bridge.Connect();
        EngineLog.Bridged(_logger, CallId, Caller, leg.Agent.AgentId, _leg!.Codec.ToString(), leg.Media.Codec.ToString());
    }

    private void HangUpAgent(string agentId)
    {
        List<AgentLeg> legs;
        lock (_gate)
        {
            legs = _agentLegs.Where(l => l.Agent.AgentId == agentId).ToList();
        }
        foreach (var leg in legs)
        {
            if (leg.Dialog is { } dialog)
            {
                _ = dialog.ByeAsync();
            }
            else
            {
                leg.Call.Cancel();
            }
        }
    }

    private void RemoveAgentLeg(AgentLeg leg, bool talked)
    {
        lock (_gate)
        {
            if (!_agentLegs.Remove(leg))
            {
                return;
            }
        }
        leg.Media.Dispose();
        _engine.Agents.MarkCallEnded(leg.Agent.AgentId, CallId);
    }

    /// <summary>Everything agent-side ends with the call.</summary>
    private void CleanupAgents()
    {
        List<AgentLeg> legs;
        MediaBridge? bridge;
        lock (_gate)
        {
            legs = [.. _agentLegs];
            bridge = _bridge;
            _bridge = null;
            _rotationTimer?.Dispose();
        }
        if (bridge is not null)
        {
            var toAgent = bridge.GetStatistics(BridgeDirection.CallerToAgent);
            var toCaller = bridge.GetStatistics(BridgeDirection.AgentToCaller);
            // FramesPlayed counts the talker's own frames only (repeats and silence are counted apart).
            EngineLog.BridgeEnded(_logger, CallId, Caller, toAgent.FramesPlayed, toCaller.FramesPlayed);
            bridge.Dispose();
        }
        foreach (var leg in legs)
        {
            if (leg.Dialog is { State: not DialogState.Terminated } dialog)
            {
                _ = dialog.ByeAsync();
            }
            else if (!leg.Answered)
            {
                leg.Call.Cancel();
            }
        }
        _engine.LeftQueue(this);
    }
}
