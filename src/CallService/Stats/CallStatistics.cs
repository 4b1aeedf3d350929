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

/// <summary>
/// Agent answers by rings, each band's upper bound included ("within N rings" is rings &lt;= N):
/// 0-1 (&lt;= 1.0), 1-2 (1.1 .. 2.0), 2-3, 3-4, over 4 (&gt;= 4.1).
/// </summary>
public sealed record RingDistribution(long UpTo1, long From1To2, long From2To3, long From3To4, long Over4);

/// <summary>Count, average and nearest-rank P50, P90 and maximum of a measure; the statistics are null when <paramref name="Count"/> is 0.</summary>
public sealed record ValueSummary(long Count, double? Average, double? P50, double? P90, double? Max);

/// <summary>Holds on offered calls (the records keep per call: count, total and longest hold).</summary>
/// <param name="Holds">Sum of HoldCount.</param>
/// <param name="CallsHeld">Calls held at least once.</param>
/// <param name="CallsWithLongHold">Calls whose longest hold exceeded LongHoldSeconds (the records do not keep each hold, so this counts calls, not holds).</param>
/// <param name="TotalHoldSeconds">Sum of HoldSeconds.</param>
/// <param name="AverageHoldSecondsPerHeldCall">TotalHoldSeconds / CallsHeld; null without held calls.</param>
/// <param name="LongestHoldSeconds">The longest single hold; null without held calls.</param>
public sealed record HoldStatistics(
    long Holds,
    long CallsHeld,
    long CallsWithLongHold,
    double TotalHoldSeconds,
    double? AverageHoldSecondsPerHeldCall,
    double? LongestHoldSeconds);

/// <summary>
/// Callback offers after a long hold. Completed callbacks and the time from request to completion
/// need the callback list, which does not exist yet (docs/metrics.md "Callbacks").
/// </summary>
/// <param name="Offered">Calls that heard the offer.</param>
/// <param name="Accepted">The caller pressed 1 (call me back).</param>
/// <param name="Declined">The caller pressed 2 (keep waiting).</param>
/// <param name="NoChoice">Offered, but the caller chose nothing (hung up or was picked up first).</param>
public sealed record CallbackStatistics(long Offered, long Accepted, long Declined, long NoChoice);
