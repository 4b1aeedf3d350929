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

/// <summary>End this agent's leg with BYE (the call ended, or another agent answered first).</summary>
public sealed record HangUpAgent(string AgentId) : CallCommand;

/// <summary>End the caller's answered leg with BYE.</summary>
public sealed record HangUpCaller : CallCommand;

/// <summary>Refuse the caller's unanswered INVITE with a final error response (503 on shutdown).</summary>
public sealed record RejectCaller : CallCommand;

/// <summary>The call changed state; <paramref name="Record"/> holds the record's fields after the change.</summary>
public sealed record RecordChanged(CallState State, CallSnapshot Record) : CallCommand;

/// <summary>
/// An event that makes no sense in the current state was ignored (nothing else happened); the glue logs it.
/// </summary>
public sealed record EventIgnored(CallEvent Event, CallState State) : CallCommand;
