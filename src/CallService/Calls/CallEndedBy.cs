namespace CallService.Calls;

/// <summary>Which side ended the call.</summary>
public enum CallEndedBy
{
    /// <summary>"caller": CANCEL or BYE from the caller, or the caller chose a callback (DTMF 1) and the service hung up after the confirmation.</summary>
    Caller,

    /// <summary>"agent": BYE from the connected agent.</summary>
    Agent,

    /// <summary>"service": rejection or shutdown.</summary>
    Service,
}

/// <summary>The record names of <see cref="CallEndedBy"/>.</summary>
public static class CallEndedBys
{
    /// <summary>"caller", "agent" or "service".</summary>
    public static string ToName(this CallEndedBy endedBy) => endedBy switch
    {
        CallEndedBy.Caller => "caller",
        CallEndedBy.Agent => "agent",
        CallEndedBy.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(endedBy), endedBy, null),
    };
}
