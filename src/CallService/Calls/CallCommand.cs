namespace CallService.Calls;

/// <summary>
/// What a call asks of the SIP/RTP glue, emitted in order through the sink given to <see cref="Call"/>.
/// The records compare by value, so tests assert whole command lists.
/// </summary>
public abstract record CallCommand;

/// <summary>Answer the caller: send 200 OK on the INVITE.</summary>
public sealed record AnswerCaller : CallCommand;

/// <summary>Play the line's greeting prompt, then its hold audio until told otherwise.</summary>
public sealed record PlayGreetingThenHold : CallCommand;

/// <summary>Connect the caller's media to this agent's leg (stopping any prompt or hold audio).</summary>
public sealed record BridgeTo(string AgentId) : CallCommand;

/// <summary>Stop ringing the agents: CANCEL every agent leg still ringing, except the answering one if named.</summary>
public sealed record CancelAgentLegs(string? ExceptAgentId) : CallCommand;

/// <summary>End this agent's leg with BYE; <paramref name="Reason"/> is for the log (and a Reason header if wanted).</summary>
public sealed record HangUpAgent(string AgentId, HangUpReason Reason = HangUpReason.CallEnded) : CallCommand;

/// <summary>End the caller's answered leg with BYE; <paramref name="Reason"/> is for the log (and a Reason header if wanted).</summary>
public sealed record HangUpCaller(HangUpReason Reason = HangUpReason.CallEnded) : CallCommand;

/// <summary>Refuse the caller's unanswered INVITE with a final error response (503 on shutdown).</summary>
public sealed record RejectCaller : CallCommand;

/// <summary>
/// The caller is on hold: stop sending the agent's audio to the caller and play the line's hold audio
/// to the caller only; the agent hears nothing of the caller nor of the hold audio. Also sent after the
/// callback offer when the caller keeps waiting (the offer prompt stops, hold audio again).
/// </summary>
public sealed record PlayHoldAudio : CallCommand;

/// <summary>Off hold: stop hold audio or any offer prompt and bridge the caller with this agent again.</summary>
public sealed record ResumeBridge(string AgentId) : CallCommand;

/// <summary>
/// Play the callback offer prompt ("按1 回电, 按2 继续等待") to the caller instead of hold audio, then
/// hold audio again until told otherwise; report its end with <see cref="OfferPromptFinished"/>.
/// Digits during the prompt count (barge-in).
/// </summary>
public sealed record PlayCallbackOffer : CallCommand;

/// <summary>
/// Play the callback confirmation and thanks to the caller (stopping the offer prompt); report its end
/// with <see cref="ConfirmationFinished"/>, after which both legs are hung up.
/// </summary>
public sealed record PlayCallbackConfirmation : CallCommand;

/// <summary>The caller asked to be called back (DTMF 1): store the request for the desk.</summary>
public sealed record RecordCallbackRequest(CallbackTicket Ticket) : CallCommand;

/// <summary>The call changed state; <paramref name="Record"/> holds the record's fields after the change.</summary>
public sealed record RecordChanged(CallState State, CallSnapshot Record) : CallCommand;

/// <summary>
/// An event that makes no sense in the current state was ignored (nothing else happened); the glue logs it.
/// </summary>
public sealed record EventIgnored(CallEvent Event, CallState State) : CallCommand;
