namespace CallService.Calls;

/// <summary>Something that happened to a call, told to <see cref="Call.Handle"/> by the SIP/RTP glue.</summary>
public abstract record CallEvent;

/// <summary>
/// The first ringback packet left (183 with SDP), or the 180 was sent when the caller offered no SDP.
/// Rings are counted from this instant: <paramref name="At"/>, a <see cref="TimeProvider.GetTimestamp"/>
/// value taken when it happened (the pacer hands the event over to another thread, so the call may
/// hear of it a little later), or null for "now".
/// </summary>
public sealed record RingingStarted(long? At = null) : CallEvent;

/// <summary>An agent's leg answered (200 OK from the agent's softphone).</summary>
public sealed record AgentAnswered(string AgentId) : CallEvent;

/// <summary>The caller sent CANCEL before the call was answered.</summary>
public sealed record CallerCancelled : CallEvent;

/// <summary>The caller sent BYE (on the confirmed dialog, or on the early dialog while ringing: RFC 3261 15).</summary>
public sealed record CallerHungUp : CallEvent;

/// <summary>The connected agent sent BYE.</summary>
public sealed record AgentHungUp(string AgentId) : CallEvent;

/// <summary>The service is shutting down and ends the call.</summary>
public sealed record ServiceEnded : CallEvent;

/// <summary>The glue refused the INVITE with an error response (e.g. 488 for an unusable offer); the record says "rejected".</summary>
public sealed record CallRejected : CallEvent;

/// <summary>The greeting prompt played to its end (the caller now hears hold audio).</summary>
public sealed record GreetingFinished : CallEvent;

/// <summary>
/// Whether agents are expected to take queued callers changed (the brief's NoAgentsAvailable(flag),
/// stated positively): see <see cref="CallPlan.AgentsExpected"/>.
/// </summary>
public sealed record AgentAvailabilityChanged(bool AgentsExpected) : CallEvent;

/// <summary>
/// The connected agent put the caller on hold: the agent's softphone sent a re-INVITE whose SDP says
/// a=sendonly or a=inactive, or c=0.0.0.0 (RFC 3264 8.4; the RFC 2543 form), or the agent pressed
/// Hold on the desk. The glue reports the change to hold once, not every refresh while held.
/// </summary>
public sealed record CallerPutOnHold : CallEvent;

/// <summary>
/// The agent took the caller off hold: a re-INVITE back to a=sendrecv (RFC 3264 8.4), or Resume on
/// the desk. Valid while held and during the callback offer (it cancels the offer).
/// </summary>
public sealed record HoldResumed : CallEvent;

/// <summary>
/// The caller pressed a key: an RFC 4733 telephone-event (reported once per event, at its end or
/// first packet as the glue chooses) or a SIP INFO with a DTMF body; the glue delivers both alike.
/// </summary>
/// <param name="Digit">'0'-'9', '*', '#' or 'A'-'D' (RFC 4733 3.2 events 0-15).</param>
public sealed record DigitReceived(char Digit) : CallEvent;

/// <summary>The callback offer prompt played to its end: the wait for the caller's digit starts now.</summary>
public sealed record OfferPromptFinished : CallEvent;

/// <summary>The callback confirmation ("we will call you back, thank you") played to its end.</summary>
public sealed record ConfirmationFinished : CallEvent;
