namespace CallService.Stats;

/// <summary>Adds up the <see cref="CallFacts"/> of one group in memory (the reference for the SQL stores).</summary>
internal sealed class StatisticsAccumulator
{
    private readonly List<long> _timeToAnswerMs = [];
    private readonly List<long> _tenths = [];
    private readonly List<long> _queueWaitMs = [];
    private readonly List<long> _callbackCompletionMs = [];
    private long _received, _rejected, _inProgress, _offered, _byAgent, _withinTarget, _auto, _pickedUp;
    private long _abandonedRinging, _shortAbandons, _abandonedQueue, _interrupted;
    private long _upTo1, _to2, _to3, _to4, _over4;
    private long _holds, _callsHeld, _longHolds, _holdMs, _longestHoldMs;
    private long _callbacksOffered, _callbacksAccepted, _callbacksDeclined;

    public void Add(in CallFacts f)
    {
        _received++;
        if (f.Rejected)
        {
            _rejected++;
        }
        if (f.InProgress)
        {
            _inProgress++;
        }
        if (!f.Offered)
        {
            return;
        }
        _offered++;
        _byAgent += f.AnsweredByAgent ? 1 : 0;
        _withinTarget += f.AnsweredByAgentWithinTarget ? 1 : 0;
        _auto += f.AutoAnswered ? 1 : 0;
        _pickedUp += f.PickedUpFromQueue ? 1 : 0;
        _abandonedRinging += f.AbandonedWhileRinging ? 1 : 0;
        _shortAbandons += f.ShortAbandon ? 1 : 0;
        _abandonedQueue += f.AbandonedInQueue ? 1 : 0;
        _interrupted += f.Interrupted ? 1 : 0;
        if (f.RingsTenths is { } tenths)
        {
            _tenths.Add(tenths);
            switch (tenths)
            {
                case <= 10: _upTo1++; break;
                case <= 20: _to2++; break;
                case <= 30: _to3++; break;
                case <= 40: _to4++; break;
                default: _over4++; break;
            }
        }
        if (f.TimeToAnswerMs is { } tta)
        {
            _timeToAnswerMs.Add(tta);
        }
        if (f.QueueWaitMs is { } wait)
        {
            _queueWaitMs.Add(wait);
        }
        _holds += f.Holds;
        if (f.Holds > 0)
        {
            _callsHeld++;
        }
        _longHolds += f.LongHold ? 1 : 0;
        _holdMs += f.HoldMs;
        _longestHoldMs = Math.Max(_longestHoldMs, f.LongestHoldMs);
        _callbacksOffered += f.CallbackOffered ? 1 : 0;
        _callbacksAccepted += f.CallbackAccepted ? 1 : 0;
        _callbacksDeclined += f.CallbackDeclined ? 1 : 0;
        if (f.CallbackCompletionMs is { } completion)
        {
            _callbackCompletionMs.Add(completion);
        }
    }

    public StatisticsTotals ToTotals() => new()
    {
        Received = _received,
        Rejected = _rejected,
        InProgress = _inProgress,
        Offered = _offered,
        AnsweredByAgent = _byAgent,
        AnsweredByAgentWithinTarget = _withinTarget,
        AutoAnswered = _auto,
        PickedUpFromQueue = _pickedUp,
        AbandonedWhileRinging = _abandonedRinging,
        ShortAbandons = _shortAbandons,
        AbandonedInQueue = _abandonedQueue,
        Interrupted = _interrupted,
        RingsUpTo1 = _upTo1,
        Rings1To2 = _to2,
        Rings2To3 = _to3,
        Rings3To4 = _to4,
        RingsOver4 = _over4,
        TimeToAnswerMs = Totals(_timeToAnswerMs),
        TimeToAnswerTenths = Totals(_tenths),
        QueueWaitMs = Totals(_queueWaitMs),
        Holds = _holds,
        CallsHeld = _callsHeld,
        CallsWithLongHold = _longHolds,
        HoldMs = _holdMs,
        LongestHoldMs = _longestHoldMs,
        CallbacksOffered = _callbacksOffered,
        CallbacksAccepted = _callbacksAccepted,
        CallbacksDeclined = _callbacksDeclined,
        CallbackCompletionMs = Totals(_callbackCompletionMs),
    };

    private static ValueTotals Totals(List<long> values)
    {
        if (values.Count == 0)
        {
            return new ValueTotals(0, 0, null, null, null);
        }
        values.Sort();
        long sum = 0;
        foreach (long value in values)
        {
            sum += value;
        }
        return new ValueTotals(values.Count, sum, values[^1], NearestRank.Of(values, 50), NearestRank.Of(values, 90));
    }
}
