using CallService.Lines;
using CallService.Records;

namespace CallService.Stats;

/// <summary>
/// Realistic made-up call records for demonstrations and benchmarks (seed-demo-data): more calls at
/// weekends (viewings) and at the morning and afternoon peaks, few at night (answered by the service);
/// agents on early and late shifts at three desks, some quick to answer and some slow; callers who
/// hang up at once (short abandons), while it rings, or in the queue after auto-answer; holds with
/// callback offers past 30 s. The same <see cref="DemoDataSettings"/> give the same records, in the
/// order of their start.
/// </summary>
public sealed class DemoCallGenerator
{
    /// <summary>The demo's sales lines: number, desk, and the rings after which the service answers itself.</summary>
    public static IReadOnlyList<DemoLine> DemoLines { get; } =
    [
        new("sales", "front-desk", 3, 0.60),
        new("bar", "bar", 4, 0.15),
        new("showroom", "showroom", 4, 0.25),
    ];

    /// <summary>The demo's agents: id, desk, shift and the median seconds they take to pick up.</summary>
    public static IReadOnlyList<DemoAgent> DemoAgents { get; } =
    [
        new("li.na", "front-desk", DemoShift.Early, 3.5),
        new("wang.wei", "front-desk", DemoShift.Late, 5.5),
        new("zhang.min", "front-desk", DemoShift.Early, 7.5),
        new("chen.jie", "front-desk", DemoShift.Late, 10),
        new("liu.yang", "front-desk", DemoShift.Early, 14),
        new("zhao.lei", "bar", DemoShift.Late, 8),
        new("huang.li", "bar", DemoShift.Early, 17),
        new("zhou.xin", "showroom", DemoShift.Early, 6),
        new("sun.hao", "showroom", DemoShift.Late, 12),
    ];

    // Monday first, as DayOfWeek counts from Sunday: weekends are the sales centre's busy days.
    private static readonly double[] DayWeights = [1.4, 0.8, 0.8, 0.85, 0.9, 1.0, 1.5];

    private static readonly double[] HourWeights =
    [
        0.04, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.1, 0.3, 1.0, 1.6, 1.5,
        0.9, 1.0, 1.5, 1.6, 1.4, 1.1, 0.8, 0.7, 0.5, 0.25, 0.15, 0.08,
    ];

    private static readonly string[] Surnames = ["陈", "李", "王", "张", "刘", "黄", "周", "吴", "林", "何"];

    private static readonly string[] Requests =
    [
        "想预约周六看三房单位", "查询二期开盘时间", "问车位价格", "要求回电讲解付款方式", "询问样板房开放时间",
        "想了解学区", "改约看楼时间", "查询按揭银行",
    ];

    private static readonly TimeSpan RingPeriod = RingCadence.China.Period;

    private static readonly double[] LineCumulative = Cumulative([.. DemoLines.Select(l => l.Share)]);

    private readonly DemoDataSettings _settings;

    public DemoCallGenerator(DemoDataSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>The records, oldest first (computed lazily; enumerate once per need).</summary>
    public IEnumerable<CallRecord> Generate()
    {
        var random = new Random(_settings.Seed);
        long[] starts = StartTimes(random);
        string[] returning = [.. Enumerable.Range(0, 500).Select(_ => PhoneNumber(random))];
        for (int i = 0; i < starts.Length; i++)
        {
            yield return Call(random, i, DateTimeOffset.FromUnixTimeMilliseconds(starts[i]), returning);
        }
    }

    /// <summary>Start instants (unix ms), sorted: a day by weekday weight, an hour by its weight, then uniform.</summary>
    private long[] StartTimes(Random random)
    {
        int days = _settings.Days;
        var dayStarts = new long[days];
        var dayWeights = new double[days];
        for (int d = 0; d < days; d++)
        {
            DateOnly day = _settings.FirstDay.AddDays(d);
            dayStarts[d] = ReportTimeZone.StartOfDay(day, _settings.TimeZone).ToUnixTimeMilliseconds();
            dayWeights[d] = DayWeights[(int)day.DayOfWeek];
        }
        double[] dayCumulative = Cumulative(dayWeights);
        double[] hourCumulative = Cumulative(HourWeights);
        var starts = new long[_settings.Calls];
        for (int i = 0; i < starts.Length; i++)
        {
            int d = Pick(dayCumulative, random.NextDouble());
            int h = Pick(hourCumulative, random.NextDouble());
            starts[i] = dayStarts[d] + (h * 3_600_000L) + random.NextInt64(3_600_000);
        }
        Array.Sort(starts);
        return starts;
    }

    private CallRecord Call(Random random, int index, DateTimeOffset start, string[] returning)
    {
        DemoLine line = DemoLines[Pick(LineCumulative, random.NextDouble())];
        var record = new CallRecord
        {
            CallId = $"demo-{_settings.Seed}-{index:x8}-{random.Next():x8}@callservice",
            CallerNumber = random.NextDouble() < 0.3 ? returning[random.Next(returning.Length)] : PhoneNumber(random),
            Line = line.Number,
            Desk = line.Desk,
            StartedAt = start,
        };
        if (random.NextDouble() < 0.004)
        {
            // Refused by the service (overload, bad request): no ringing at all.
            return record with { EndedAt = start.AddMilliseconds(40), Outcome = CallOutcome.Rejected, EndedBy = CallEndedBy.Service, Rings = 0 };
        }

        DateTimeOffset ringStart = start.AddMilliseconds(150 + random.Next(450));
        record = record with { RingStartedAt = ringStart };
        int hour = TimeZoneInfo.ConvertTime(start, _settings.TimeZone).Hour;
        DemoAgent[] onShift = [.. DemoAgents.Where(a => a.Desk == line.Desk && a.Shift.Covers(hour))];

        // Patience while it rings, counted from the INVITE: some hang up at once (misdial, changed their mind).
        TimeSpan patience = random.NextDouble() < 0.04
            ? TimeSpan.FromMilliseconds(800 + random.Next(4_100))
            : TimeSpan.FromSeconds(8 + Exponential(random, 40));

        // Ring-all: every free agent on shift could pick up; the quickest does.
        DemoAgent? winner = null;
        TimeSpan winnerDelay = TimeSpan.MaxValue;
        foreach (DemoAgent agent in onShift)
        {
            bool busy = random.NextDouble() < 0.35;
            TimeSpan delay = TimeSpan.FromMilliseconds(Math.Max(900, agent.MedianAnswerSeconds * 1000 * Math.Exp(0.45 * Normal(random))));
            if (!busy && delay < winnerDelay)
            {
                winner = agent;
                winnerDelay = delay;
            }
        }
        TimeSpan limit = RingPeriod * line.AutoAnswerAfterRings;
        TimeSpan patienceFromRing = patience - (ringStart - start);

        if (patienceFromRing < limit && patienceFromRing < winnerDelay)
        {
            DateTimeOffset gone = start + patience;
            return record with
            {
                EndedAt = gone,
                Outcome = CallOutcome.Abandoned,
                EndedBy = CallEndedBy.Caller,
                Rings = Rings(gone - ringStart),
            };
        }
        if (winner is not null && winnerDelay < limit)
        {
            DateTimeOffset answered = ringStart + Whole(winnerDelay);
            record = record with
            {
                AnsweredAt = answered,
                AnsweredBy = winner.Id,
                AgentAnsweredAt = answered,
                AgentId = winner.Id,
                Rings = Rings(answered - ringStart),
            };
            return Conversation(random, record, answered);
        }

        // The service answers itself when ring N+1 begins (N periods after the first ring).
        DateTimeOffset autoAt = ringStart + limit;
        record = record with
        {
            AnsweredAt = autoAt,
            AnsweredBy = CallRecordNames.AutoAnsweredBy,
            AutoAnsweredAt = autoAt,
            Rings = Rings(limit),
        };
        if (onShift.Length == 0)
        {
            // Out of hours: the greeting is the handling; the caller hangs up after it.
            return record with
            {
                EndedAt = autoAt.AddMilliseconds(12_000 + random.Next(18_000)),
                Outcome = CallOutcome.AutoAnswered,
                EndedBy = CallEndedBy.Caller,
            };
        }
        TimeSpan wait = TimeSpan.FromSeconds(5 + Exponential(random, 35));
        TimeSpan queuePatience = TimeSpan.FromSeconds(20 + Exponential(random, 80));
        if (queuePatience < wait)
        {
            return record with
            {
                EndedAt = autoAt + Whole(queuePatience),
                Outcome = CallOutcome.AbandonedInQueue,
                EndedBy = CallEndedBy.Caller,
            };
        }
        DateTimeOffset pickedUp = autoAt + Whole(wait);
        string agentId = onShift[random.Next(onShift.Length)].Id;
        return Conversation(random, record with { AgentAnsweredAt = pickedUp, AgentId = agentId }, pickedUp);
    }

    /// <summary>An agent talks to the caller: maybe holds (and a callback offer past 30 s), notes, the end.</summary>
    private static CallRecord Conversation(Random random, CallRecord record, DateTimeOffset connected)
    {
        double talk = 150 * Math.Exp(0.6 * Normal(random));
        int holds = 0;
        double holdSeconds = 0, longest = 0;
        if (random.NextDouble() < 0.25)
        {
            double n = random.NextDouble();
            holds = n < 0.7 ? 1 : n < 0.92 ? 2 : 3;
            for (int h = 0; h < holds; h++)
            {
                double hold = Math.Round(2 + Exponential(random, 18), 3);
                holdSeconds += hold;
                longest = Math.Max(longest, hold);
            }
        }
        bool offered = longest > 30;
        bool? accepted = null;
        if (offered)
        {
            double choice = random.NextDouble();
            accepted = choice < 0.45 ? true : choice < 0.85 ? false : null;
        }
        bool notes = random.NextDouble() < 0.6;
        bool interrupted = random.NextDouble() < 0.001;
        return record with
        {
            EndedAt = connected + TimeSpan.FromMilliseconds(Math.Round((talk + holdSeconds) * 1000)),
            Outcome = interrupted ? CallOutcome.Interrupted : CallOutcome.Answered,
            EndedBy = interrupted ? CallEndedBy.Service : random.NextDouble() < 0.5 ? CallEndedBy.Agent : CallEndedBy.Caller,
            HoldCount = holds,
            HoldSeconds = Math.Round(holdSeconds, 3),
            LongestHoldSeconds = longest,
            CallbackOffered = offered,
            CallbackAccepted = accepted,
            Surname = notes ? Surnames[random.Next(Surnames.Length)] : null,
            Honorific = notes ? (random.NextDouble() < 0.5 ? "先生" : "女士") : null,
            Request = notes ? Requests[random.Next(Requests.Length)] : null,
        };
    }

    /// <summary>Rings as the call records them: elapsed / period truncated to a tenth (China cadence).</summary>
    private static double Rings(TimeSpan elapsed) => (double)RingCadence.China.RingsToTenth(elapsed);

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromMilliseconds(Math.Round(span.TotalMilliseconds));

    private static string PhoneNumber(Random random) =>
        "+86 1" + (3 + random.Next(7)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + random.NextInt64(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        int index = Array.BinarySearch(cumulative, u);
        index = index < 0 ? ~index : index;
        return Math.Min(index, cumulative.Length - 1);
    }
}
