namespace CallService.Stats;

/// <summary>
/// The figures of one set of calls (the whole report or one group). Every figure is defined in
/// docs/metrics.md; the counts below "Offered" are over offered calls only.
/// </summary>
public sealed record CallStatistics
{
    /// <summary>Every record in the period (offered + rejected + in progress).</summary>
    public long Received { get; init; }

    /// <summary>Refused by the service (never reached the desk).</summary>
    public long Rejected { get; init; }

    /// <summary>Not finished yet: left out of every other figure.</summary>
    public long InProgress { get; init; }

    /// <summary>Finished calls that reached the desk: Received - Rejected - InProgress.</summary>
    public long Offered { get; init; }

    /// <summary>Answered by an agent while ringing.</summary>
    public long AnsweredByAgent { get; init; }

    /// <summary>Answered by an agent within the line's target (rings &lt;= TargetRings).</summary>
    public long AnsweredByAgentWithinTarget { get; init; }

    /// <summary>Answered by the service at the ring limit.</summary>
    public long AutoAnswered { get; init; }

    /// <summary>Auto-answered calls an agent then took from the queue.</summary>
    public long PickedUpFromQueue { get; init; }

    /// <summary>AbandonedWhileRinging + AbandonedInQueue.</summary>
    public long Abandoned { get; init; }

    /// <summary>The caller hung up while it rang (short abandons included).</summary>
    public long AbandonedWhileRinging { get; init; }

    /// <summary>Abandoned while ringing within ShortAbandonSeconds of the INVITE.</summary>
    public long ShortAbandons { get; init; }

    /// <summary>The caller hung up in the queue after auto-answer.</summary>
    public long AbandonedInQueue { get; init; }

    /// <summary>The service stopped during the call.</summary>
    public long Interrupted { get; init; }

    /// <summary>
    /// The two-ring rule: AnsweredByAgentWithinTarget / (Offered - ShortAbandons), 0..1; null when
    /// that denominator is 0.
    /// </summary>
    public double? ServiceLevel { get; init; }

    /// <summary>
    /// The Asterisk-style variant: AnsweredByAgentWithinTarget / (AnsweredByAgent + PickedUpFromQueue),
    /// i.e. of the calls an agent talked to; ignores abandons and calls only the service answered.
    /// </summary>
    public double? ServiceLevelOfAnswered { get; init; }

    /// <summary>Agent answers by rings to answer.</summary>
    public required RingDistribution RingsToAnswer { get; init; }

    /// <summary>Agent answers: seconds from the first ring to the answer.</summary>
    public required ValueSummary TimeToAnswerSeconds { get; init; }

    /// <summary>Agent answers: rings to the answer (one decimal, as recorded).</summary>
    public required ValueSummary TimeToAnswerRings { get; init; }

    /// <summary>Queue pick-ups: seconds from auto-answer to the agent taking the caller.</summary>
    public required ValueSummary QueueWaitSeconds { get; init; }

    public required HoldStatistics Holds { get; init; }

    public required CallbackStatistics Callbacks { get; init; }
}
