using CallService.Calls;

namespace CallService.Metrics;

/// <summary>
/// The engine's call counts since start, incremented where the engine decides (offered on the INVITE,
/// answered when the 200 goes out, ended with the record's outcome). Plain Interlocked longs: the
/// call path pays one atomic add, and <see cref="CallServiceMetrics"/> reads them only when asked.
/// </summary>
public sealed class CallCounters
{
    private static readonly CallOutcome[] Outcomes = Enum.GetValues<CallOutcome>();

    private long _offered;
    private long _answered;
    private readonly long[] _ended = new long[Outcomes.Length];

    /// <summary>INVITEs to a sales line that became calls.</summary>
    public long Offered => Volatile.Read(ref _offered);

    /// <summary>Calls the service sent its 200 OK for (auto-answer or an agent's answer).</summary>
    public long Answered => Volatile.Read(ref _answered);

    /// <summary>Calls whose caller gave up before anyone answered (<see cref="CallOutcome.Abandoned"/>).</summary>
    public long Abandoned => EndedWith(CallOutcome.Abandoned);

    /// <summary>Ended calls by outcome, in <see cref="CallOutcome"/> order.</summary>
    public IReadOnlyList<CallOutcome> OutcomeKinds => Outcomes;

    public long EndedWith(CallOutcome outcome) => Volatile.Read(ref _ended[(int)outcome]);

    public void OnOffered() => Interlocked.Increment(ref _offered);

    public void OnAnswered() => Interlocked.Increment(ref _answered);

    /// <summary>A call's record became final; a null outcome (never expected) is not counted.</summary>
    public void OnEnded(CallOutcome? outcome)
    {
        if (outcome is { } o && (uint)o < (uint)_ended.Length)
        {
            Interlocked.Increment(ref _ended[(int)o]);
        }
    }
}
