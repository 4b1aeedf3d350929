using System.Globalization;

namespace CallService.Stats;

/// <summary>
/// A report as CSV (RFC 4180; report --format csv): a header, the overall row (group "overall", key
/// empty), then one row per group. Empty cells are figures with nothing to divide (null in JSON);
/// ratios are 0..1, times in seconds, rings in rings.
/// </summary>
public static class StatisticsReportCsv
{
    private static readonly string[] Header =
    [
        "group", "key", "received", "rejected", "in_progress", "offered", "answered_by_agent", "answered_by_agent_within_target",
        "auto_answered", "picked_up_from_queue", "abandoned", "abandoned_while_ringing", "short_abandons", "abandoned_in_queue",
        "interrupted", "service_level", "service_level_of_answered", "rings_0_1", "rings_1_2", "rings_2_3", "rings_3_4", "rings_over_4",
        "answer_s_count", "answer_s_avg", "answer_s_p50", "answer_s_p90", "answer_s_max",
        "answer_rings_avg", "answer_rings_p50", "answer_rings_p90", "answer_rings_max",
        "queue_wait_s_count", "queue_wait_s_avg", "queue_wait_s_p50", "queue_wait_s_p90", "queue_wait_s_max",
        "holds", "calls_held", "calls_with_long_hold", "hold_s_total", "hold_s_per_held_call", "longest_hold_s",
        "callbacks_offered", "callbacks_accepted", "callbacks_declined", "callbacks_no_choice",
        "callbacks_completed", "time_to_callback_s_avg", "time_to_callback_s_p50", "time_to_callback_s_p90", "time_to_callback_s_max",
    ];

    public static void Write(StatisticsReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Header) + "\r\n");
        WriteRow(writer, "overall", "", report.Overall);
        foreach (StatisticsGroup group in report.Groups)
        {
            WriteRow(writer, report.By, group.Key, group.Statistics);
        }
    }

    private static void WriteRow(TextWriter writer, string group, string key, CallStatistics s)
    {
        string[] cells =
        [
            group, key, N(s.Received), N(s.Rejected), N(s.InProgress), N(s.Offered), N(s.AnsweredByAgent), N(s.AnsweredByAgentWithinTarget),
            N(s.AutoAnswered), N(s.PickedUpFromQueue), N(s.Abandoned), N(s.AbandonedWhileRinging), N(s.ShortAbandons), N(s.AbandonedInQueue),
            N(s.Interrupted), D(s.ServiceLevel), D(s.ServiceLevelOfAnswered),
            N(s.RingsToAnswer.UpTo1), N(s.RingsToAnswer.From1To2), N(s.RingsToAnswer.From2To3), N(s.RingsToAnswer.From3To4), N(s.RingsToAnswer.Over4),
            N(s.TimeToAnswerSeconds.Count), D(s.TimeToAnswerSeconds.Average), D(s.TimeToAnswerSeconds.P50), D(s.TimeToAnswerSeconds.P90), D(s.TimeToAnswerSeconds.Max),
            D(s.TimeToAnswerRings.Average), D(s.TimeToAnswerRings.P50), D(s.TimeToAnswerRings.P90), D(s.TimeToAnswerRings.Max),
            N(s.QueueWaitSeconds.Count), D(s.QueueWaitSeconds.Average), D(s.QueueWaitSeconds.P50), D(s.QueueWaitSeconds.P90), D(s.QueueWaitSeconds.Max),
            N(s.Holds.Holds), N(s.Holds.CallsHeld), N(s.Holds.CallsWithLongHold), D(s.Holds.TotalHoldSeconds), D(s.Holds.AverageHoldSecondsPerHeldCall), D(s.Holds.LongestHoldSeconds),
            N(s.Callbacks.Offered), N(s.Callbacks.Accepted), N(s.Callbacks.Declined), N(s.Callbacks.NoChoice),
            N(s.Callbacks.Completed), D(s.Callbacks.TimeToCallbackSeconds.Average), D(s.Callbacks.TimeToCallbackSeconds.P50),
            D(s.Callbacks.TimeToCallbackSeconds.P90), D(s.Callbacks.TimeToCallbackSeconds.Max),
        ];
        writer.Write(string.Join(',', cells.Select(Quote)) + "\r\n");
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180 2.6/2.7: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
