using CallService.Callbacks;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Messages;
using CallService.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>
/// One click-to-call attempt (issue 5 item 4): ring the agent's softphone; when the agent answers, play the
/// whisper ("回电:王先生"), then call the customer from the line's number while the agent hears ringback,
/// and bridge the two through our media. Each leg rings at most the configured time. The attempt ends
/// in the store as done (they talked: when either side hangs up), or pending (the agent or the customer
/// did not answer, was busy, or hung up first: the desk tries again later). Both ring times are measured
/// on the monotonic clock and recorded on the request (LastAgentRingSeconds, LastCustomerRingSeconds) and in its last result.
/// </summary>
internal sealed class CallbackCall
{
    private static readonly AudioCodecKind[] Codecs = [AudioCodecKind.G722, AudioCodecKind.Pcmu, AudioCodecKind.Pcma];

    private readonly SipEngine _engine;
    private readonly ICallbackStore _store;
    private readonly LineMedia _line;
    private readonly AgentTarget _agent;
    private readonly CallbackRequest _callback;
    private readonly Prompt? _whisper;
    private readonly SipUri _customer;
    private readonly TimeSpan _ringLimit;
    private readonly ILogger _logger;
    private readonly string _tag;
    private double? _agentRing;
    private double? _customerRing;

    // The agent's softphone may hold and resume at any time (a re-INVITE); the customer hears the
    // line's hold audio meanwhile, as a caller does. Guarded by _gate: the SIP thread and RunAsync meet here.
    private readonly Lock _gate = new();
    private MediaBridge? _bridge;
    private bool _agentHolds;

    public CallbackCall(SipEngine engine, ICallbackStore store, LineMedia line, AgentTarget agent, CallbackRequest callback,
        Prompt? whisper, SipUri customer, TimeSpan ringLimit, ILogger logger)
    {
        _engine = engine;
        _store = store;
        _line = line;
        _agent = agent;
        _callback = callback;
        _whisper = whisper;
        _customer = customer;
        _ringLimit = ringLimit;
        _logger = logger;
        _tag = $"callback-{callback.Id}";
    }

    private TimeProvider Time => _engine.Time;

    /// <summary>Runs the attempt to its end; never throws (a fault ends the attempt as failed).</summary>
    public async Task RunAsync()
    {
        MediaLeg? agentMedia = null;
        MediaLeg? customerMedia = null;
        MediaBridge? bridge = null;
        SipDialog? agentDialog = null;
        SipDialog? customerDialog = null;
        bool agentMarked = false;
        try
        {
            // 1. The agent's softphone, showing whom they call back.
            agentMedia = MediaLeg.Open(_engine.Settings.BindAddress, _engine.RtpPorts, _engine.Pacer, Time, _logger);
            var agentOffer = Offer(agentMedia.LocalPort);
            var contact = _agent.Contacts[0];
            var shown = new SipNameAddress(SipUri.Parse($"sip:{_callback.CallerNumber}@{_engine.Settings.AdvertisedAddress}"), $"回电 {_callback.CallerNumber}");
            CallbackCallLog.RingingAgent(_logger, _callback.Id, _agent.AgentId, contact.Uri.ToString());
            long agentRingStart = Time.GetTimestamp();
            var agentCall = await _engine.Stack!.UserAgent.CallAsync(contact.Uri, shown, new SipNameAddress(_agent.AddressOfRecord, _agent.DisplayName),
                SdpWriter.WriteUtf8(agentOffer), contact.Destination).ConfigureAwait(false);
            _engine.Agents.MarkRinging(_agent.AgentId, _tag);
            agentMarked = true;
            var agentResult = await RingAsync(agentCall).ConfigureAwait(false);
            double agentRing = Time.GetElapsedTime(agentRingStart).TotalSeconds;
            _agentRing = Math.Round(agentRing, 3);
            if (!agentResult.IsAnswered)
            {
                await EndAsync(CallbackStatus.Pending, $"agent {_agent.AgentId} did not answer ({Describe(agentResult)}, rang {agentRing:F1} s)").ConfigureAwait(false);
                return;
            }
            agentDialog = agentResult.Dialog!;
            var agentGone = Ended(agentDialog);
            SessionDescription? agentSdp = agentOffer;
            agentDialog.RequestReceived += (dialog, tx) =>
            {
                if (MediaReInvite.Answer(dialog, tx, agentMedia, _engine.Settings.AdvertisedAddress, agentSdp, out var answered) is { } hold)
                {
                    agentSdp = answered;
                    OnAgentHold(hold);
                }
            };
            if (Negotiate(agentOffer, agentResult) is not { } agentNegotiated)
            {
                await EndAsync(CallbackStatus.Failed, $"agent {_agent.AgentId}'s softphone answered without usable SDP").ConfigureAwait(false);
                return;
            }
            _engine.Agents.MarkOnCall(_agent.AgentId, _tag);

            // 2. The whisper, to its end (or until the agent hangs up).
            var whisperDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            IMediaSource first = _whisper is null ? new SilenceSource(agentNegotiated.Codec.Kind) : _whisper.CreateSource(agentNegotiated.Codec.Kind);
            agentMedia.Start(agentNegotiated, first);
            agentMedia.Stream!.SourceFinished += (_, finished) =>
            {
                if (ReferenceEquals(finished, first))
                {
                    whisperDone.TrySetResult();
                }
            };
            CallbackCallLog.AgentAnswered(_logger, _callback.Id, _agent.AgentId, agentRing, _whisper?.Name ?? "(none)");
            if (_whisper is null)
            {
                whisperDone.TrySetResult();
            }
            if (await Task.WhenAny(whisperDone.Task, agentGone).ConfigureAwait(false) == agentGone)
            {
                await EndAsync(CallbackStatus.Pending, $"agent {_agent.AgentId} hung up during the whisper").ConfigureAwait(false);
                return;
            }

            // 3. The customer, from the line's number; the agent hears ringback meanwhile.
            agentMedia.Play(_line.Ringback.CreateSource(agentNegotiated.Codec.Kind));
            customerMedia = MediaLeg.Open(_engine.Settings.BindAddress, _engine.RtpPorts, _engine.Pacer, Time, _logger);
            var customerOffer = Offer(customerMedia.LocalPort);
            string domain = _line.Line.Registration is { } registration
                ? (string.IsNullOrWhiteSpace(registration.Domain) ? SipUri.Parse(registration.Registrar).Host : registration.Domain!)
                : _engine.Settings.AdvertisedAddress.ToString();
            var lineParty = new SipNameAddress(SipUri.Parse($"sip:{_line.Line.Number}@{domain}"), _line.Line.DisplayName);
            CallbackCallLog.CallingCustomer(_logger, _callback.Id, _callback.CallerNumber, _customer.ToString());
            long customerRingStart = Time.GetTimestamp();
            var customerCall = await _engine.Stack.UserAgent.CallAsync(_customer, lineParty, new SipNameAddress(_customer),
                SdpWriter.WriteUtf8(customerOffer)).ConfigureAwait(false);
            var ringing = RingAsync(customerCall);
            if (await Task.WhenAny(ringing, agentGone).ConfigureAwait(false) == agentGone && !ringing.IsCompleted)
            {
                customerCall.Cancel();
                var late = await ringing.ConfigureAwait(false);
                _customerRing = Math.Round(Time.GetElapsedTime(customerRingStart).TotalSeconds, 3);
                if (late.Dialog is { } lateDialog)
                {
                    await lateDialog.ByeAsync().ConfigureAwait(false);
                }
                await EndAsync(CallbackStatus.Pending, $"agent {_agent.AgentId} hung up while the customer rang").ConfigureAwait(false);
                return;
            }
            var customerResult = await ringing.ConfigureAwait(false);
            double customerRing = Time.GetElapsedTime(customerRingStart).TotalSeconds;
            _customerRing = Math.Round(customerRing, 3);
            if (!customerResult.IsAnswered)
            {
                await ByeAsync(agentDialog).ConfigureAwait(false);
                await EndAsync(CallbackStatus.Pending,
                    $"customer {(customerResult.StatusCode == 486 ? "busy" : "did not answer")} ({Describe(customerResult)}, rang {customerRing:F1} s); agent {_agent.AgentId} rang {agentRing:F1} s").ConfigureAwait(false);
                return;
            }
            customerDialog = customerResult.Dialog!;
            var customerGone = Ended(customerDialog);
            SessionDescription? customerSdp = customerOffer;
            var answeringCustomer = customerMedia;
            customerDialog.RequestReceived += (dialog, tx) =>
            {
                // The customer's phone holding or refreshing the session: answered, and the bridge goes on.
                if (MediaReInvite.Answer(dialog, tx, answeringCustomer, _engine.Settings.AdvertisedAddress, customerSdp, out var answered) is not null)
                {
                    customerSdp = answered;
                }
            };
            if (Negotiate(customerOffer, customerResult) is not { } customerNegotiated)
            {
                await ByeAsync(customerDialog).ConfigureAwait(false);
                await ByeAsync(agentDialog).ConfigureAwait(false);
                await EndAsync(CallbackStatus.Failed, "the customer's side answered without usable SDP").ConfigureAwait(false);
                return;
            }

            // 4. Talk: bridged until either side hangs up; then the other is released.
            customerMedia.Start(customerNegotiated, new SilenceSource(customerNegotiated.Codec.Kind));
            bridge = new MediaBridge(customerMedia, agentMedia);
            bridge.Connect();
            bool holding;
            lock (_gate)
            {
                _bridge = bridge;
                holding = _agentHolds;
            }
            if (holding)
            {
                HoldCustomer(bridge, true); // the agent held before the customer answered
            }
            CallbackCallLog.Bridged(_logger, _callback.Id, _callback.CallerNumber, customerRing, _agent.AgentId,
                customerMedia.Codec.ToString(), agentMedia.Codec.ToString());
            long talkStart = Time.GetTimestamp();
            var hungUpFirst = await Task.WhenAny(agentGone, customerGone).ConfigureAwait(false);
            double talked = Time.GetElapsedTime(talkStart).TotalSeconds;
            await ByeAsync(hungUpFirst == agentGone ? customerDialog : agentDialog).ConfigureAwait(false);
            var toAgent = bridge.GetStatistics(BridgeDirection.CallerToAgent);
            var toCustomer = bridge.GetStatistics(BridgeDirection.AgentToCaller);
            // FramesPlayed counts the talker's own frames only (repeats and silence are counted apart).
            CallbackCallLog.BridgeEnded(_logger, _callback.Id, toAgent.FramesPlayed, toCustomer.FramesPlayed);
            await EndAsync(CallbackStatus.Done,
                $"talked {talked:F1} s ({(hungUpFirst == agentGone ? "agent" : "customer")} hung up); agent {_agent.AgentId} rang {agentRing:F1} s, customer rang {customerRing:F1} s").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CallbackCallLog.Failed(_logger, _callback.Id, ex);
            try
            {
                await ByeAsync(customerDialog).ConfigureAwait(false);
                await ByeAsync(agentDialog).ConfigureAwait(false);
                await EndAsync(CallbackStatus.Failed, "internal error: " + ex.GetType().Name).ConfigureAwait(false);
            }
            catch (Exception again)
            {
                CallbackCallLog.Failed(_logger, _callback.Id, again);
            }
        }
        finally
        {
            lock (_gate)
            {
                _bridge = null;
            }
            bridge?.Dispose();
            customerMedia?.Dispose();
            agentMedia?.Dispose();
            if (agentMarked)
            {
                _engine.Agents.MarkCallEnded(_agent.AgentId, _tag);
            }
        }
    }

    /// <summary>The agent's softphone held (true) or resumed: the customer hears the hold audio, then the agent again.</summary>
    private void OnAgentHold(bool hold)
    {
        MediaBridge? bridge;
        lock (_gate)
        {
            _agentHolds = hold;
            bridge = _bridge;
        }
        CallbackCallLog.AgentHold(_logger, _callback.Id, _agent.AgentId, hold);
        if (bridge is not null)
        {
            HoldCustomer(bridge, hold); // before the customer answers, the bridge applies it when it starts
        }
    }

    private void HoldCustomer(MediaBridge bridge, bool hold)
    {
        if (hold)
        {
            bridge.Mute(BridgeDirection.AgentToCaller, _line.HoldAudio.CreateSource(bridge.Caller.Codec, loop: true));
        }
        else
        {
            bridge.Unmute(BridgeDirection.AgentToCaller);
        }
    }

    private SessionDescription Offer(int rtpPort) => SdpOfferAnswer.CreateOffer(new SdpLocalMedia
    {
        Address = _engine.Settings.AdvertisedAddress,
        RtpPort = rtpPort,
        Codecs = Codecs,
    }, (ulong)Random.Shared.NextInt64(1, long.MaxValue), 1);

    private static SdpNegotiatedMedia? Negotiate(SessionDescription offer, OutgoingCallResult result)
    {
        var parsed = SdpParser.Parse(result.FinalResponse!.Body.Span);
        return parsed.IsSuccess && SdpOfferAnswer.ProcessAnswer(offer, parsed.Description!) is SdpNegotiationResult.Negotiated negotiated
            ? negotiated.Media
            : null;
    }

    /// <summary>Waits for the final response, cancelling the INVITE when it rings longer than allowed (RFC 3261 9.1).</summary>
    private async Task<OutgoingCallResult> RingAsync(OutgoingCall call)
    {
        using var limit = new CancellationTokenSource(_ringLimit, Time);
        await using var registration = limit.Token.Register(() => call.Cancel()).ConfigureAwait(false);
        return await call.Result.ConfigureAwait(false);
    }

    private static Task Ended(SipDialog dialog)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dialog.Terminated += (_, _) => ended.TrySetResult();
        if (dialog.State == DialogState.Terminated)
        {
            ended.TrySetResult();
        }
        return ended.Task;
    }

    private static async Task ByeAsync(SipDialog? dialog)
    {
        if (dialog is { State: not DialogState.Terminated })
        {
            await dialog.ByeAsync().ConfigureAwait(false);
        }
    }

    private static string Describe(OutgoingCallResult result) =>
        result.FinalResponse is { } response ? $"{response.StatusCode} {response.ReasonPhrase}" : result.End.ToString();

    private async Task EndAsync(CallbackStatus status, string result)
    {
        CallbackCallLog.Ended(_logger, _callback.Id, status.ToName(), result);
        await _store.EndAttemptAsync(_callback.Id, status, result, _agentRing, _customerRing, CancellationToken.None).ConfigureAwait(false);
    }
}
