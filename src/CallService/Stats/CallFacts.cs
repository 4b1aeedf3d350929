using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// What one call record contributes to the statistics: the reference definition of every figure
/// (docs/metrics.md). The SQL stores compute the same expressions column by column
/// (<see cref="SqliteStatisticsSql"/>): times in whole milliseconds as the stores keep them, rings in
/// tenths as the stores keep them (one decimal, <see cref="CallRecordNames.RoundRings"/>).
/// </summary>
public readonly record struct CallFacts
{
    /// <summary>The service refused the call (outcome "rejected"): it never reached the desk.</summary>
    public bool Rejected { get; init; }

    /// <summary>No outcome yet (the call is still going on): only counted as in progress.</summary>
    public bool InProgress { get; init; }

    /// <summary>Offered to the desk: finished and not rejected. Every figure below is over offered calls only.</summary>
    public bool Offered { get; init; }

    /// <summary>An agent answered while it rang (AnsweredBy is an agent id, not "auto").</summary>
    public bool AnsweredByAgent { get; init; }

    /// <summary>Answered by an agent within the line's target: rings (one decimal) &lt;= TargetRings.</summary>
    public bool AnsweredByAgentWithinTarget { get; init; }

    /// <summary>The service answered itself at the ring limit (AnsweredBy "auto").</summary>
    public bool AutoAnswered { get; init; }

    /// <summary>Auto-answered, then an agent took the caller from the queue (AgentAnsweredAt set).</summary>
    public bool PickedUpFromQueue { get; init; }

    /// <summary>The caller hung up while it rang (outcome "abandoned").</summary>
    public bool AbandonedWhileRinging { get; init; }

    /// <summary>Abandoned while ringing less than ShortAbandonSeconds after the INVITE (EndedAt - StartedAt).</summary>
    public bool ShortAbandon { get; init; }

    /// <summary>The caller hung up in the queue after auto-answer (outcome "abandoned-in-queue").</summary>
    public bool AbandonedInQueue { get; init; }

    /// <summary>The service stopped during the call (outcome "interrupted").</summary>
    public bool Interrupted { get; init; }

    /// <summary>Agent answers: the record's rings in tenths (null for other calls, or a record without rings).</summary>
    public long? RingsTenths { get; init; }

    /// <summary>Agent answers: AnsweredAt - RingStartedAt (StartedAt when ringing never started), in ms.</summary>
    public long? TimeToAnswerMs { get; init; }

    /// <summary>Queue pick-ups: AgentAnsweredAt - AutoAnsweredAt, in ms.</summary>
    public long? QueueWaitMs { get; init; }

    public long Holds { get; init; }

    /// <summary>HoldSeconds in whole ms (rounded half up).</summary>
    public long HoldMs { get; init; }

    /// <summary>LongestHoldSeconds in whole ms (rounded half up).</summary>
    public long LongestHoldMs { get; init; }

    /// <summary>The longest hold lasted more than LongHoldSeconds.</summary>
    public bool LongHold { get; init; }

    public bool CallbackOffered { get; init; }

    /// <summary>The caller chose "call me back" (DTMF 1).</summary>
    public bool CallbackAccepted { get; init; }

    /// <summary>The caller chose to keep waiting (DTMF 2).</summary>
    public bool CallbackDeclined { get; init; }

    /// <summary>
    /// Accepted callbacks whose request is done: CompletedAt - CreatedAt of the call's request in ms (the
    /// shortest, should a call have several done requests); null otherwise.
    /// </summary>
    public long? CallbackCompletionMs { get; init; }

    /// <summary>The facts of one record under <paramref name="options"/>.</summary>
    /// <param name="record">The call.</param>
    /// <param name="options">The definitions.</param>
    /// <param name="callbackCompletionMs">Request to completion of the call's done callback request, ms (<see cref="CallbackCompletion"/>); null when it has none.</param>
    public static CallFacts Of(CallRecord record, StatisticsOptions options, long? callbackCompletionMs = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        if (record.Outcome is null)
        {
            return new CallFacts { InProgress = true };
        }
        if (record.Outcome == CallOutcome.Rejected)
        {
            return new CallFacts { Rejected = true };
        }

        bool byAgent = record.AnsweredBy is { } by && by != CallRecordNames.AutoAnsweredBy;
        bool auto = record.AnsweredBy == CallRecordNames.AutoAnsweredBy;
        long? tenths = byAgent ? Tenths(record.Rings) : null;
        long? timeToAnswer = byAgent && record.AnsweredAt is { } answered
            ? Ms(answered) - Ms(record.RingStartedAt ?? record.StartedAt)
            : null;
        bool pickedUp = auto && record.AgentAnsweredAt is not null;
        long? queueWait = pickedUp && record.AutoAnsweredAt is { } autoAt ? Ms(record.AgentAnsweredAt!.Value) - Ms(autoAt) : null;
        bool abandoned = record.Outcome == CallOutcome.Abandoned;
        long longestHold = SecondsToMs(record.LongestHoldSeconds);
        return new CallFacts
        {
            Offered = true,
            AnsweredByAgent = byAgent,
            AnsweredByAgentWithinTarget = tenths is { } t && t <= options.TargetRingsFor(record.Line) * 10L,
            AutoAnswered = auto,
            PickedUpFromQueue = pickedUp,
            AbandonedWhileRinging = abandoned,
            ShortAbandon = abandoned && record.EndedAt is { } ended && Ms(ended) - Ms(record.StartedAt) < options.ShortAbandonMilliseconds,
            AbandonedInQueue = record.Outcome == CallOutcome.AbandonedInQueue,
            Interrupted = record.Outcome == CallOutcome.Interrupted,
            RingsTenths = tenths,
            TimeToAnswerMs = timeToAnswer,
            QueueWaitMs = queueWait,
            Holds = record.HoldCount,
            HoldMs = SecondsToMs(record.HoldSeconds),
            LongestHoldMs = longestHold,
            LongHold = longestHold > options.LongHoldMilliseconds,
            CallbackOffered = record.CallbackOffered,
            CallbackAccepted = record.CallbackOffered && record.CallbackAccepted == true,
            CallbackDeclined = record.CallbackOffered && record.CallbackAccepted == false,
            CallbackCompletionMs = record.CallbackOffered && record.CallbackAccepted == true ? callbackCompletionMs : null,
        };
    }

    /// <summary>
    /// Per Call-ID, request to completion in ms of its done callback requests with a completion time
    /// (the shortest when several): SQL's MIN(completed_at - created_at) ... WHERE status = 'done' GROUP BY call_id.
    /// </summary>
    public static Dictionary<string, long> CallbackCompletion(IEnumerable<Callbacks.CallbackRequest> callbacks)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        var completion = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Callbacks.CallbackRequest request in callbacks)
        {
            if (request.Status == Callbacks.CallbackStatus.Done && request.CompletedAt is { } completed)
            {
                long ms = Ms(completed) - Ms(request.CreatedAt);
                completion[request.CallId] = completion.TryGetValue(request.CallId, out long other) ? Math.Min(other, ms) : ms;
            }
        }
        return completion;
    }

    /// <summary>Rings as the stores keep them (one decimal), in tenths: CAST(rings * 10 + 0.5 AS INTEGER) in SQL.</summary>
    public static long? Tenths(double? rings) =>
        CallRecordNames.RoundRings(rings) is { } kept ? (long)((kept * 10) + 0.5) : null;

    /// <summary>Seconds to whole ms, half up: CAST(seconds * 1000 + 0.5 AS INTEGER) in SQL (durations are never negative).</summary>
    public static long SecondsToMs(double seconds) => (long)((seconds * 1000) + 0.5);

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
