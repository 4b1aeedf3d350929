namespace CallService.Calls;

/// <summary>
/// The call record's fields at one moment: exactly what the record keeps, nothing of SIP.
/// The records layer persists its own type; the glue maps this one onto it.
/// </summary>
/// <param name="StartedAt">When the INVITE arrived (the call was created).</param>
/// <param name="RingStartedAt">The first ringback packet, or the 180 without SDP: rings count from here.</param>
/// <param name="AnsweredAt">The first answer: the agent's, or the service's on auto-answer.</param>
/// <param name="AnsweredBy">"auto" (<see cref="AutoAnswerer"/>) or the answering agent's id.</param>
/// <param name="Rings">
/// Rings from RingStartedAt to AnsweredAt (to EndedAt when nobody answered) in the line's cadence,
/// truncated to one decimal; 0.0 when ringing never started; null while still ringing.
/// </param>
/// <param name="AutoAnsweredAt">When the service answered itself, if it did.</param>
/// <param name="AgentAnsweredAt">When an agent took the call: at the answer, or out of the queue after auto-answer.</param>
/// <param name="AgentId">The agent who took the call.</param>
/// <param name="EndedAt">When the call ended.</param>
/// <param name="Outcome">How it ended; null while in progress.</param>
/// <param name="EndedBy">Who ended it; null while in progress.</param>
public sealed record CallSnapshot(
    DateTimeOffset StartedAt,
    DateTimeOffset? RingStartedAt,
    DateTimeOffset? AnsweredAt,
    string? AnsweredBy,
    decimal? Rings,
    DateTimeOffset? AutoAnsweredAt,
    DateTimeOffset? AgentAnsweredAt,
    string? AgentId,
    DateTimeOffset? EndedAt,
    CallOutcome? Outcome,
    CallEndedBy? EndedBy)
{
    /// <summary>AnsweredBy when the service answered itself.</summary>
    public const string AutoAnswerer = "auto";

    /// <summary>How many times the agent put the caller on hold (counted when each hold starts).</summary>
    public int HoldCount { get; init; }

    /// <summary>
    /// Seconds on hold over the finished holds (to the millisecond). A hold finishes when the agent
    /// resumes, when the caller presses 1 for a callback, or when the call ends.
    /// </summary>
    public double HoldSeconds { get; init; }

    /// <summary>The longest finished hold, in seconds.</summary>
    public double LongestHoldSeconds { get; init; }

    /// <summary>Whether the caller heard the callback offer at least once.</summary>
    public bool CallbackOffered { get; init; }

    /// <summary>The caller's last answer to the offer: true on 1, false on 2 or no digit in time; null without an answer.</summary>
    public bool? CallbackAccepted { get; init; }

    /// <summary>A call just offered at <paramref name="startedAt"/>.</summary>
    public static CallSnapshot Started(DateTimeOffset startedAt) =>
        new(startedAt, null, null, null, null, null, null, null, null, null, null);

    /// <summary>How long the caller waited in the queue: AgentAnsweredAt - AutoAnsweredAt, when both are known.</summary>
    public TimeSpan? QueueWait => AgentAnsweredAt - AutoAnsweredAt;
}
