namespace CallService.Stats;

/// <summary>
/// One group's figures as whole numbers, before any division: what a store aggregates (counts, sums,
/// maxima, nearest-rank percentiles of millisecond and tenth-of-a-ring values). Whole numbers add up the
/// same in every store and in any order, so the in-memory calculator and SQL agree to the last digit;
/// <see cref="StatisticsReportBuilder"/> derives the ratios and averages from them in one place.
/// Each field's definition is on <see cref="CallFacts"/> and in docs/metrics.md.
/// </summary>
public sealed record StatisticsTotals
{
    /// <summary>No calls at all.</summary>
    public static StatisticsTotals Empty { get; } = new();

    public long Received { get; init; }

    public long Rejected { get; init; }

    public long InProgress { get; init; }

    public long Offered { get; init; }

    public long AnsweredByAgent { get; init; }

    public long AnsweredByAgentWithinTarget { get; init; }

    public long AutoAnswered { get; init; }

    public long PickedUpFromQueue { get; init; }

    public long AbandonedWhileRinging { get; init; }

    public long ShortAbandons { get; init; }

    public long AbandonedInQueue { get; init; }

    public long Interrupted { get; init; }

    /// <summary>Agent answers by rings, in the five bands of <see cref="RingDistribution"/>.</summary>
    public long RingsUpTo1 { get; init; }

    public long Rings1To2 { get; init; }

    public long Rings2To3 { get; init; }

    public long Rings3To4 { get; init; }

    public long RingsOver4 { get; init; }

    /// <summary>Agent answers: ring start (or INVITE) to answer, in ms.</summary>
    public ValueTotals TimeToAnswerMs { get; init; }

    /// <summary>Agent answers: rings in tenths (the record's one-decimal rings × 10).</summary>
    public ValueTotals TimeToAnswerTenths { get; init; }

    /// <summary>Queue pick-ups: auto-answer to agent answer, in ms.</summary>
    public ValueTotals QueueWaitMs { get; init; }

    public long Holds { get; init; }

    public long CallsHeld { get; init; }

    public long CallsWithLongHold { get; init; }

    public long HoldMs { get; init; }

    public long LongestHoldMs { get; init; }

    public long CallbacksOffered { get; init; }

    public long CallbacksAccepted { get; init; }

    public long CallbacksDeclined { get; init; }

    /// <summary>Accepted callbacks whose request is done: request to completion, in ms (its Count is the completed callbacks).</summary>
    public ValueTotals CallbackCompletionMs { get; init; }

    /// <summary>
    /// The totals of two disjoint sets of calls together: counts and sums added, maxima the larger.
    /// Percentiles cannot be combined and come out unset (<see cref="StatisticsFolder"/> sets them).
    /// </summary>
    public StatisticsTotals Plus(StatisticsTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new StatisticsTotals
        {
            Received = Received + other.Received,
            Rejected = Rejected + other.Rejected,
            InProgress = InProgress + other.InProgress,
            Offered = Offered + other.Offered,
            AnsweredByAgent = AnsweredByAgent + other.AnsweredByAgent,
            AnsweredByAgentWithinTarget = AnsweredByAgentWithinTarget + other.AnsweredByAgentWithinTarget,
            AutoAnswered = AutoAnswered + other.AutoAnswered,
            PickedUpFromQueue = PickedUpFromQueue + other.PickedUpFromQueue,
            AbandonedWhileRinging = AbandonedWhileRinging + other.AbandonedWhileRinging,
            ShortAbandons = ShortAbandons + other.ShortAbandons,
            AbandonedInQueue = AbandonedInQueue + other.AbandonedInQueue,
            Interrupted = Interrupted + other.Interrupted,
            RingsUpTo1 = RingsUpTo1 + other.RingsUpTo1,
            Rings1To2 = Rings1To2 + other.Rings1To2,
            Rings2To3 = Rings2To3 + other.Rings2To3,
            Rings3To4 = Rings3To4 + other.Rings3To4,
            RingsOver4 = RingsOver4 + other.RingsOver4,
            TimeToAnswerMs = TimeToAnswerMs.Plus(other.TimeToAnswerMs),
            TimeToAnswerTenths = TimeToAnswerTenths.Plus(other.TimeToAnswerTenths),
            QueueWaitMs = QueueWaitMs.Plus(other.QueueWaitMs),
            Holds = Holds + other.Holds,
            CallsHeld = CallsHeld + other.CallsHeld,
            CallsWithLongHold = CallsWithLongHold + other.CallsWithLongHold,
            HoldMs = HoldMs + other.HoldMs,
            LongestHoldMs = Math.Max(LongestHoldMs, other.LongestHoldMs),
            CallbacksOffered = CallbacksOffered + other.CallbacksOffered,
            CallbacksAccepted = CallbacksAccepted + other.CallbacksAccepted,
            CallbacksDeclined = CallbacksDeclined + other.CallbacksDeclined,
            CallbackCompletionMs = CallbackCompletionMs.Plus(other.CallbackCompletionMs),
        };
    }
}
