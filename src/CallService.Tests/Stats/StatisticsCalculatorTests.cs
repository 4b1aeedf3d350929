using CallService.Stats;
using static CallService.Tests.Stats.StatisticsFixture;

namespace CallService.Tests.Stats;

/// <summary>
/// The figures of docs/metrics.md on the hand-built <see cref="StatisticsFixture"/>, each expected value
/// worked out by hand below from the records' comments.
/// </summary>
public sealed class StatisticsCalculatorTests
{
    private static StatisticsReport Compute(StatisticsQuery query, StatisticsOptions? options = null) =>
        StatisticsCalculator.Compute(All, query, options ?? Options);

    [Fact]
    public void Counts_follow_the_definitions()
    {
        CallStatistics s = Compute(Query()).Overall;

        Assert.Equal(16, s.Received);              // R0..R15; X1 before the period, X2 at its exclusive end
        Assert.Equal(1, s.Rejected);               // R9
        Assert.Equal(1, s.InProgress);             // R10
        Assert.Equal(14, s.Offered);               // 16 - 1 - 1
        Assert.Equal(8, s.AnsweredByAgent);        // R0 R1 R2 R3 R11 R12 R14 R15
        Assert.Equal(5, s.AnsweredByAgentWithinTarget); // R1 (1.2) R2 (2.0 exactly) R11 (2.6, bar 3) R12 (0.8) R14 (1.0)
        Assert.Equal(3, s.AutoAnswered);           // R4 R8 R13
        Assert.Equal(1, s.PickedUpFromQueue);      // R4
        Assert.Equal(3, s.AbandonedWhileRinging);  // R5 R6 R7
        Assert.Equal(1, s.ShortAbandons);          // R5 (2.9 s); R7 at exactly 5.0 s is not short
        Assert.Equal(1, s.AbandonedInQueue);       // R8
        Assert.Equal(4, s.Abandoned);              // 3 + 1
        Assert.Equal(1, s.Interrupted);            // R14
    }

    [Fact]
    public void Service_level_is_within_target_over_offered_minus_short_abandons_and_the_asterisk_variant_over_answered()
    {
        CallStatistics s = Compute(Query()).Overall;

        Assert.Equal(5.0 / 13, s.ServiceLevel);           // 5 / (14 - 1)
        Assert.Equal(5.0 / 9, s.ServiceLevelOfAnswered);  // 5 / (8 answered by an agent + 1 picked up)
    }

    [Fact]
    public void Rings_to_answer_fall_in_bands_with_the_upper_bound_included()
    {
        RingDistribution d = Compute(Query()).Overall.RingsToAnswer;

        Assert.Equal(new RingDistribution(
            UpTo1: 2,      // R12 0.8, R14 1.0
            From1To2: 2,   // R1 1.2, R2 2.0
            From2To3: 2,   // R3 2.1, R11 2.6
            From3To4: 1,   // R0 3.4
            Over4: 1),     // R15 4.5
            d);
    }

    [Fact]
    public void Time_to_answer_has_nearest_rank_percentiles_in_seconds_and_rings()
    {
        CallStatistics s = Compute(Query()).Overall;

        // Agent answers, ring start to answer: 4.0 5.0 6.0 10.0 10.5 13.0 17.0 22.5 s (n = 8, sum 88).
        // P50: rank ceil(0.5 * 8) = 4 -> 10.0; P90: rank ceil(0.9 * 8) = ceil(7.2) = 8 -> 22.5.
        Assert.Equal(new ValueSummary(8, 11.0, 10.0, 22.5, 22.5), s.TimeToAnswerSeconds);
        // Rings 0.8 1.0 1.2 2.0 2.1 2.6 3.4 4.5 (sum 17.6): average 2.2, P50 2.0, P90 4.5.
        Assert.Equal(new ValueSummary(8, 2.2, 2.0, 4.5, 4.5), s.TimeToAnswerRings);
        // One queue pick-up (R4) after 42 s.
        Assert.Equal(new ValueSummary(1, 42.0, 42.0, 42.0, 42.0), s.QueueWaitSeconds);
    }

    [Fact]
    public void Holds_and_callbacks_come_from_the_record_fields()
    {
        CallStatistics s = Compute(Query()).Overall;

        // R2 2 holds (45.5 s, longest 31), R3 1 (12.25), R4 1 (30.0 exactly: not long), R15 1 (95).
        Assert.Equal(new HoldStatistics(
            Holds: 5, CallsHeld: 4, CallsWithLongHold: 2, TotalHoldSeconds: 182.75, AverageHoldSecondsPerHeldCall: 182.75 / 4, LongestHoldSeconds: 95.0),
            s.Holds);
        // Offered to R2 (accepted), R4 (declined), R15 (no choice).
        // Without a callback list nothing is completed.
        Assert.Equal(new CallbackStatistics(Offered: 3, Accepted: 1, Declined: 1, NoChoice: 1, Completed: 0, new ValueSummary(0, null, null, null, null)), s.Callbacks);
    }

    [Fact]
    public void By_agent_groups_who_talked_auto_and_nobody()
    {
        StatisticsReport report = Compute(Query(StatisticsGrouping.Agent));

        Assert.Equal(["(none)", "auto", "chen.jie", "li.na", "wang.wei", "zhao.lei", "zhou.xin"], report.Groups.Select(g => g.Key));
        CallStatistics none = Group(report, "(none)").Statistics; // R5 R6 R7 abandoned, R9 rejected, R10 ringing
        Assert.Equal((5L, 3L, 1L, 0.0), (none.Received, none.Offered, none.ShortAbandons, none.ServiceLevel!.Value)); // 0 / (3 - 1)
        CallStatistics auto = Group(report, "auto").Statistics; // R8 abandoned in the queue, R13 out of hours
        Assert.Equal((2L, 2L, 1L, 0L), (auto.Offered, auto.AutoAnswered, auto.AbandonedInQueue, auto.PickedUpFromQueue));
        CallStatistics wang = Group(report, "wang.wei").Statistics; // R3 answered at 2.1, R4 taken from the queue
        Assert.Equal((2L, 1L, 0L, 1L), (wang.Offered, wang.AnsweredByAgent, wang.AnsweredByAgentWithinTarget, wang.PickedUpFromQueue));
        Assert.Equal(0.0, wang.ServiceLevelOfAnswered);
        CallStatistics li = Group(report, "li.na").Statistics; // R1 R2 R12, all within 2
        Assert.Equal((3L, 1.0), (li.AnsweredByAgentWithinTarget, li.ServiceLevel!.Value));
        Assert.Equal(new ValueSummary(3, (6.0 + 10.0 + 4.0) / 3, 6.0, 10.0, 10.0), li.TimeToAnswerSeconds);
        // The groups add up to the whole.
        Assert.Equal(report.Overall.Received, report.Groups.Sum(g => g.Statistics.Received));
        Assert.Equal(report.Overall.AnsweredByAgentWithinTarget, report.Groups.Sum(g => g.Statistics.AnsweredByAgentWithinTarget));
    }

    [Fact]
    public void An_agent_with_no_calls_gets_zeros_and_no_ratios()
    {
        StatisticsReport report = Compute(Query(StatisticsGrouping.Day) with { Agent = "zhou.li" });

        CallStatistics s = report.Overall;
        Assert.Equal((0L, 0L), (s.Received, s.Offered));
        Assert.Null(s.ServiceLevel);
        Assert.Null(s.ServiceLevelOfAnswered);
        Assert.Equal(new ValueSummary(0, null, null, null, null), s.TimeToAnswerSeconds);
        Assert.Equal(new HoldStatistics(0, 0, 0, 0, null, null), s.Holds);
        // Days are listed even when empty; an unknown agent does not appear under By agent.
        Assert.Equal(["2025-06-02", "2025-06-03"], report.Groups.Select(g => g.Key));
        Assert.All(report.Groups, g => Assert.Equal(0, g.Statistics.Received));
        Assert.DoesNotContain(Compute(Query(StatisticsGrouping.Agent)).Groups, g => g.Key == "zhou.li");
    }

    [Fact]
    public void Days_and_hours_are_local_and_a_call_counts_where_it_started()
    {
        StatisticsReport days = Compute(Query(StatisticsGrouping.Day));

        // The 2nd: R0 (00:00 local, still the 1st in UTC) .. R11 (23:58, ended after midnight) = 12.
        // The 3rd: R12 (07:30 local, the 2nd in UTC) R13 R14 R15 = 4.
        Assert.Equal(["2025-06-02", "2025-06-03"], days.Groups.Select(g => g.Key));
        CallStatistics second = Group(days, "2025-06-02").Statistics;
        CallStatistics third = Group(days, "2025-06-03").Statistics;
        Assert.Equal((12L, 10L, 3L), (second.Received, second.Offered, second.AnsweredByAgentWithinTarget)); // R1 R2 R11
        Assert.Equal(3.0 / 9, second.ServiceLevel);  // 3 / (10 - 1 short)
        Assert.Equal((4L, 4L, 2L), (third.Received, third.Offered, third.AnsweredByAgentWithinTarget));     // R12 R14
        Assert.Equal(0.5, third.ServiceLevel);

        StatisticsReport hours = Compute(Query(StatisticsGrouping.Hour));
        Assert.Equal(24, hours.Groups.Count);
        Assert.Equal("00", hours.Groups[0].Key);
        Assert.Equal("23", hours.Groups[23].Key);
        Assert.Equal(["R0"], Calls(hours, "00"));
        Assert.Equal(["R12"], Calls(hours, "07"));
        Assert.Equal(["R11"], Calls(hours, "23"));
        Assert.Equal(0, Group(hours, "05").Statistics.Received);
        Assert.Equal(1.0, Group(hours, "23").Statistics.ServiceLevel); // R11, 2.6 rings on the bar's 3
    }

    [Fact]
    public void Desk_line_and_filters()
    {
        StatisticsReport desks = Compute(Query(StatisticsGrouping.Desk));
        Assert.Equal(["(none)", "bar", "front-desk", "showroom"], desks.Groups.Select(g => g.Key));
        Assert.Equal(1, Group(desks, "(none)").Statistics.Interrupted); // R14 has no desk

        StatisticsReport lines = Compute(Query(StatisticsGrouping.Line));
        Assert.Equal(["bar", "sales", "showroom"], lines.Groups.Select(g => g.Key));

        CallStatistics bar = Compute(Query() with { Line = "bar" }).Overall; // R0 (3.4 > 3), R11 (2.6 <= 3)
        Assert.Equal((2L, 1L, 0.5), (bar.Offered, bar.AnsweredByAgentWithinTarget, bar.ServiceLevel!.Value));
        Assert.Equal(1, Compute(Query() with { Desk = "(none)" }).Overall.Received);
        Assert.Equal(3, Compute(Query() with { Agent = "li.na", Line = "sales", Desk = "front-desk" }).Overall.AnsweredByAgentWithinTarget);
    }

    [Fact]
    public void Targets_and_thresholds_come_from_the_options()
    {
        // Without the bar's own target of 3, R11 (2.6) misses the default 2.
        CallStatistics flat = Compute(Query(), Options with { TargetRingsByLine = new Dictionary<string, int>() }).Overall;
        Assert.Equal(4, flat.AnsweredByAgentWithinTarget);

        // Short under 12 s: R5 (2.9 s) and R7 (5.0 s), not R6 (exactly 12.0 s).
        Assert.Equal(2, Compute(Query(), Options with { ShortAbandonSeconds = 12 }).Overall.ShortAbandons);
        // Long hold over 29.5 s: R2 (31), R4 (30), R15 (95).
        Assert.Equal(3, Compute(Query(), Options with { LongHoldSeconds = 29.5 }).Overall.Holds.CallsWithLongHold);
    }

    [Fact]
    public void The_report_says_what_it_covers_and_how()
    {
        StatisticsReport report = Compute(Query(StatisticsGrouping.Agent) with { Line = "sales" });

        Assert.Equal((From, To, "Asia/Shanghai", "agent", "sales"), (report.From, report.To, report.TimeZone, report.By, report.Line));
        Assert.Equal(2, report.Definitions.TargetRings);
        Assert.Equal(3, report.Definitions.TargetRingsByLine["bar"]);
        Assert.Equal((5.0, 30.0), (report.Definitions.ShortAbandonSeconds, report.Definitions.LongHoldSeconds));
    }

    [Fact]
    public void An_empty_period_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Compute(new StatisticsQuery { From = To, To = To }));
    }

    private static StatisticsGroup Group(StatisticsReport report, string key) => Assert.Single(report.Groups, g => g.Key == key);

    /// <summary>The ids of the fixture records in a group, found by computing each record alone (the group's own count must match).</summary>
    private static string[] Calls(StatisticsReport report, string key)
    {
        StatisticsGrouping by = StatisticsGroupings.TryParse(report.By, out var g) ? g : StatisticsGrouping.None;
        string[] ids = [.. All
            .Where(r => StatisticsCalculator.Selects(Query(), r) && StatisticsKeys.Of(r, by, Options.TimeZone) == key)
            .Select(r => r.CallId)];
        Assert.Equal(ids.Length, Group(report, key).Statistics.Received);
        return ids;
    }
}
