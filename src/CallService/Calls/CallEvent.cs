namespace CallService.Calls;

/// <summary>Something that happened to a call, told to <see cref="Call.Handle"/> by the SIP/RTP glue.</summary>
public abstract record CallEvent;

/// <summary>
/// The first ringback packet left (183 with SDP), or the 180 was sent when the caller offered no SDP.
/// Rings are counted from this instant.
/// </summary>
public sealed record RingingStarted : CallEvent;

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
