namespace CallService.Stats;

/// <summary>
/// One group's figures as whole numbers, before any division (counts, sums, maxima, nearest-rank
/// percentiles of millisecond and tenth-of-a-ring values), as <see cref="StatisticsAccumulator"/> adds
/// them up for the reference and for every store, so all agree to the last digit;
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
}
