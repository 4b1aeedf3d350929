using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// What a store aggregates per key combination, outcome and answerer (SQL: GROUP BY keys, outcome,
/// answerer): counts and sums over every call of the class, without asking whether the class counts
/// as offered; <see cref="ToTotals"/> applies the definitions of <see cref="CallFacts"/> class by class.
/// Grouping by the class lets one COUNT(*) stand for a dozen conditional sums.
/// </summary>
public sealed record CallClassTotals
{
    /// <summary>The class's outcome; null while calls are in progress.</summary>
    public CallOutcome? Outcome { get; init; }

    public Answerer Answerer { get; init; }

    /// <summary>COUNT(*).</summary>
    public long Calls { get; init; }

    /// <summary>Calls with AgentAnsweredAt (for the service's answers: taken from the queue).</summary>
    public long WithAgentAnswer { get; init; }

    /// <summary>Calls whose rings in tenths are at most the line's TargetRings × 10.</summary>
    public long WithinTarget { get; init; }

    /// <summary>Calls with EndedAt - StartedAt under ShortAbandonSeconds.</summary>
    public long Short { get; init; }

    /// <summary>Sum of HoldCount.</summary>
    public long Holds { get; init; }

    /// <summary>Calls with HoldCount &gt; 0.</summary>
    public long CallsHeld { get; init; }

    /// <summary>Calls with LongestHoldSeconds in ms over LongHoldSeconds in ms.</summary>
    public long LongHolds { get; init; }

    /// <summary>Sum of HoldSeconds in ms (<see cref="CallFacts.SecondsToMs"/>).</summary>
    public long HoldMs { get; init; }

    /// <summary>Largest LongestHoldSeconds in ms.</summary>
    public long LongestHoldMs { get; init; }

    /// <summary>Calls with CallbackOffered.</summary>
    public long CallbacksOffered { get; init; }

    /// <summary>Calls with CallbackOffered and CallbackAccepted true.</summary>
    public long CallbacksAccepted { get; init; }

    /// <summary>Calls with CallbackOffered and CallbackAccepted false.</summary>
    public long CallbacksDeclined { get; init; }

    /// <summary>The class's contribution to the totals: in progress and rejected calls only count as such; the rest are offered.</summary>
    public StatisticsTotals ToTotals()
    {
        if (Outcome is null)
        {
            return new StatisticsTotals { Received = Calls, InProgress = Calls };
        }
        if (Outcome == CallOutcome.Rejected)
        {
            return new StatisticsTotals { Received = Calls, Rejected = Calls };
        }
        bool agent = Answerer == Answerer.Agent;
        bool service = Answerer == Answerer.Service;
        return new StatisticsTotals
        {
            Received = Calls,
            Offered = Calls,
            AnsweredByAgent = agent ? Calls : 0,
            AnsweredByAgentWithinTarget = agent ? WithinTarget : 0,
            AutoAnswered = service ? Calls : 0,
            PickedUpFromQueue = service ? WithAgentAnswer : 0,
            AbandonedWhileRinging = Outcome == CallOutcome.Abandoned ? Calls : 0,
            ShortAbandons = Outcome == CallOutcome.Abandoned ? Short : 0,
            AbandonedInQueue = Outcome == CallOutcome.AbandonedInQueue ? Calls : 0,
            Interrupted = Outcome == CallOutcome.Interrupted ? Calls : 0,
            Holds = Holds,
            CallsHeld = CallsHeld,
            CallsWithLongHold = LongHolds,
            HoldMs = HoldMs,
            LongestHoldMs = LongestHoldMs,
            CallbacksOffered = CallbacksOffered,
            CallbacksAccepted = CallbacksAccepted,
            CallbacksDeclined = CallbacksDeclined,
        };
    }
}
