namespace CallService.Calls;

/// <summary>How a call ended, as the call record keeps it.</summary>
public enum CallOutcome
{
    /// <summary>"answered": an agent talked with the caller, at once or after the queue (AnsweredBy tells which).</summary>
    Answered,

    /// <summary>"auto-answered": the service answered and no agent was expected to take the call.</summary>
    AutoAnswered,

    /// <summary>"abandoned": the caller gave up before anyone answered (CANCEL, or BYE on the early dialog).</summary>
    Abandoned,

    /// <summary>"abandoned-in-queue": the caller hung up after auto-answer while waiting for an expected agent.</summary>
    AbandonedInQueue,

    /// <summary>"rejected": the service refused the INVITE with an error response.</summary>
    Rejected,

    /// <summary>"interrupted": the service ended the call (shutdown).</summary>
    Interrupted,
}

/// <summary>The record names of <see cref="CallOutcome"/>.</summary>
public static class CallOutcomes
{
    /// <summary>"answered", "auto-answered", "abandoned", "abandoned-in-queue", "rejected", "interrupted".</summary>
    public static string ToName(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "answered",
        CallOutcome.AutoAnswered => "auto-answered",
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.AbandonedInQueue => "abandoned-in-queue",
        CallOutcome.Rejected => "rejected",
        CallOutcome.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
