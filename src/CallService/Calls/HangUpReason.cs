namespace CallService.Calls;

/// <summary>Why a leg is hung up, carried by <see cref="HangUpCaller"/> and <see cref="HangUpAgent"/> for the log.</summary>
public enum HangUpReason
{
    /// <summary>The call ended normally: the other party hung up.</summary>
    CallEnded,

    /// <summary>The caller chose a callback (DTMF 1) and heard the confirmation; the agent is released.</summary>
    CallbackAccepted,

    /// <summary>Another agent took the call first, or the call was over when this agent answered.</summary>
    AnsweredElsewhere,

    /// <summary>The service is shutting down.</summary>
    ServiceStopping,
}
