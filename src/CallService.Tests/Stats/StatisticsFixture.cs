using CallService.Records;
using CallService.Stats;

namespace CallService.Tests.Stats;

/// <summary>
/// Hand-built call records for the metric tests, in Asia/Shanghai (+08:00), period Monday 2025-06-02
/// 00:00 to Wednesday 2025-06-04 00:00 local. Each record's comment says what it is for; the expected
/// figures are worked out by hand in the tests. Targets: sales 2 rings, bar 3, others 2 (default).
/// Ringing starts 0.5 s after the INVITE; a ring is 5 s (cn cadence), so rings = seconds / 5.
/// </summary>
public static class StatisticsFixture
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static readonly DateTimeOffset From = Local(2, 0, 0);

    public static readonly DateTimeOffset To = Local(4, 0, 0);

    public static StatisticsOptions Options { get; } = new()
    {
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        TargetRingsByLine = new Dictionary<string, int> { ["sales"] = 2, ["bar"] = 3 },
    };

    public static StatisticsQuery Query(StatisticsGrouping by = StatisticsGrouping.None) => new() { From = From, To = To, By = by };

    /// <summary>Local time on June <paramref name="day"/>, 2025 at +08:00.</summary>
    public static DateTimeOffset Local(int day, int hour, int minute, int second = 0, int millisecond = 0) =>
        new(2025, 6, day, hour, minute, second, millisecond, Beijing);

    public static IReadOnlyList<CallRecord> All { get; } =
    [
        // R0: at the very first millisecond of the period (16:00 UTC the day before); bar, 3.4 rings:
        // over the bar's target of 3; band 3-4.
        AgentAnswer("R0", Local(2, 0, 0), "bar", "bar", "zhao.lei", 17.0, 3.4),
        // R1: 1.2 rings, within 2.
        AgentAnswer("R1", Local(2, 9, 0), "sales", "front-desk", "li.na", 6.0, 1.2),
        // R2: answered exactly at 2.0 rings: within 2 (rings <= N). Two holds, one over 30 s; callback accepted.
        AgentAnswer("R2", Local(2, 9, 10), "sales", "front-desk", "li.na", 10.0, 2.0) with
        {
            HoldCount = 2, HoldSeconds = 45.5, LongestHoldSeconds = 31.0, CallbackOffered = true, CallbackAccepted = true,
        },
        // R3: 2.1 rings: not within 2.
        AgentAnswer("R3", Local(2, 10, 0), "sales", "front-desk", "wang.wei", 10.5, 2.1) with
        {
            HoldCount = 1, HoldSeconds = 12.25, LongestHoldSeconds = 12.25,
        },
        // R4: auto-answered at 3.0 rings, wang.wei took it from the queue after 42 s. A hold of exactly
        // 30 s is not over 30 s. Callback declined.
        QueuePickUp("R4", Local(2, 10, 30), "wang.wei", 42.0) with
        {
            HoldCount = 1, HoldSeconds = 30.0, LongestHoldSeconds = 30.0, CallbackOffered = true, CallbackAccepted = false,
        },
        // R5: abandoned 2.9 s after the INVITE: a short abandon.
        Abandoned("R5", Local(2, 11, 0), 2.9, 0.4),
        // R6: abandoned after 12 s: not short.
        Abandoned("R6", Local(2, 11, 10), 12.0, 2.3),
        // R7: abandoned after exactly 5.0 s: not short (short is less than 5 s).
        Abandoned("R7", Local(2, 11, 20), 5.0, 0.9),
        // R8: auto-answered, then the caller hung up in the queue after 20 s.
        AutoAnswered("R8", Local(2, 12, 0), CallOutcome.AbandonedInQueue),
        // R9: refused by the service: received, never offered.
        new CallRecord
        {
            CallId = "R9", CallerNumber = "+8613800000009", Line = "sales", Desk = "front-desk", StartedAt = Local(2, 12, 30),
            EndedAt = Local(2, 12, 30).AddMilliseconds(40), Outcome = CallOutcome.Rejected, EndedBy = CallEndedBy.Service, Rings = 0,
        },
        // R10: still ringing: received, in progress, nothing else.
        new CallRecord
        {
            CallId = "R10", CallerNumber = "+8613800000010", Line = "sales", Desk = "front-desk", StartedAt = Local(2, 13, 0),
            RingStartedAt = Local(2, 13, 0).AddMilliseconds(500),
        },
        // R11: started 23:58 on the 2nd, ended 00:05 on the 3rd: counts on the 2nd, hour 23. Bar, 2.6
        // rings: within the bar's 3.
        AgentAnswer("R11", Local(2, 23, 58), "bar", "bar", "zhao.lei", 13.0, 2.6) with { EndedAt = Local(3, 0, 5) },
        // R12: 07:30 local on the 3rd is 23:30 UTC on the 2nd: counts on the 3rd, hour 07. 0.8 rings.
        AgentAnswer("R12", Local(3, 7, 30), "sales", "front-desk", "li.na", 4.0, 0.8),
        // R13: at night, auto-answered and no agent to take it: handled by the service alone.
        AutoAnswered("R13", Local(3, 2, 0), CallOutcome.AutoAnswered),
        // R14: exactly 1.0 ring (band 0-1); the service stopped during the call; the record has no desk.
        AgentAnswer("R14", Local(3, 15, 0), "showroom", null, "zhou.xin", 5.0, 1.0) with
        {
            Outcome = CallOutcome.Interrupted, EndedBy = CallEndedBy.Service,
        },
        // R15: 4.5 rings: over 4. A 95 s hold; callback offered, no choice made.
        AgentAnswer("R15", Local(3, 16, 0), "showroom", "showroom", "chen.jie", 22.5, 4.5) with
        {
            HoldCount = 1, HoldSeconds = 95.0, LongestHoldSeconds = 95.0, CallbackOffered = true,
        },
        // X1, X2: one millisecond before the period, and at its (exclusive) end: left out.
        AgentAnswer("X1", Local(1, 23, 59, 59, 999), "sales", "front-desk", "li.na", 3.0, 0.6),
        AgentAnswer("X2", Local(4, 0, 0), "sales", "front-desk", "li.na", 3.0, 0.6),
    ];

    private static CallRecord Base(string id, DateTimeOffset start, string line, string? desk) => new()
    {
        CallId = id,
        CallerNumber = "+86138000000" + id.TrimStart('R', 'X').PadLeft(2, '0'),
        Line = line,
        Desk = desk,
        StartedAt = start,
        RingStartedAt = start.AddMilliseconds(500),
    };

    internal static CallRecord AgentAnswer(string id, DateTimeOffset start, string line, string? desk, string agent, double secondsAfterRing, double rings)
    {
        DateTimeOffset answered = start.AddMilliseconds(500).AddSeconds(secondsAfterRing);
        return Base(id, start, line, desk) with
        {
            AnsweredAt = answered,
            AnsweredBy = agent,
            AgentAnsweredAt = answered,
            AgentId = agent,
            Rings = rings,
            EndedAt = answered.AddMinutes(2),
            Outcome = CallOutcome.Answered,
            EndedBy = CallEndedBy.Agent,
        };
    }

    private static CallRecord AutoAnswered(string id, DateTimeOffset start, CallOutcome outcome)
    {
        DateTimeOffset autoAt = start.AddMilliseconds(500).AddSeconds(15);
        return Base(id, start, "sales", "front-desk") with
        {
            AnsweredAt = autoAt,
            AnsweredBy = CallRecordNames.AutoAnsweredBy,
            AutoAnsweredAt = autoAt,
            Rings = 3.0,
            EndedAt = autoAt.AddSeconds(20),
            Outcome = outcome,
            EndedBy = CallEndedBy.Caller,
        };
    }

    private static CallRecord QueuePickUp(string id, DateTimeOffset start, string agent, double queueSeconds)
    {
        CallRecord auto = AutoAnswered(id, start, CallOutcome.Answered);
        DateTimeOffset pickedUp = auto.AutoAnsweredAt!.Value.AddSeconds(queueSeconds);
        return auto with { AgentAnsweredAt = pickedUp, AgentId = agent, EndedAt = pickedUp.AddMinutes(3), EndedBy = CallEndedBy.Agent };
    }

    private static CallRecord Abandoned(string id, DateTimeOffset start, double secondsAfterInvite, double rings) =>
        Base(id, start, "sales", "front-desk") with
        {
            EndedAt = start.AddSeconds(secondsAfterInvite),
            Rings = rings,
            Outcome = CallOutcome.Abandoned,
            EndedBy = CallEndedBy.Caller,
        };
}
