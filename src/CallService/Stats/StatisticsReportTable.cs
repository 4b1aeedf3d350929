using System.Globalization;

namespace CallService.Stats;

/// <summary>A report as readable text (report --format table): the overall figures, then the groups in two tables.</summary>
public static class StatisticsReportTable
{
    public static void Write(StatisticsReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        CallStatistics o = report.Overall;
        StatisticsDefinitions d = report.Definitions;
        var zone = ReportTimeZone.TryFind(report.TimeZone, out TimeZoneInfo? found) ? found : TimeZoneInfo.Utc;
        string period = $"{Local(report.From, zone)} to {Local(report.To, zone)} ({report.TimeZone}, end exclusive)";
        var scope = new List<string>();
        if (report.Line is not null)
        {
            scope.Add($"line {report.Line}");
        }
        if (report.Desk is not null)
        {
            scope.Add($"desk {report.Desk}");
        }
        if (report.Agent is not null)
        {
            scope.Add($"agent {report.Agent}");
        }
        writer.WriteLine($"Ring-time report, {period}");
        writer.WriteLine($"Calls: {(scope.Count == 0 ? "all lines" : string.Join(", ", scope))}" + (report.By == "none" ? "" : $"; by {report.By}"));
        string lineTargets = d.TargetRingsByLine.Count == 0 ? "" : " (" + string.Join(", ", d.TargetRingsByLine.Select(t => $"{t.Key} {t.Value}")) + ")";
        writer.WriteLine(Text($"Target: answered within {d.TargetRings} rings{lineTargets}; short abandon under {d.ShortAbandonSeconds:0.###} s; long hold over {d.LongHoldSeconds:0.###} s"));
        writer.WriteLine();

        writer.WriteLine(Text($"Service level  {Percent(o.ServiceLevel),7}  answered by an agent within target / (offered - short abandons) = {o.AnsweredByAgentWithinTarget} / {o.Offered - o.ShortAbandons}"));
        writer.WriteLine(Text($"               {Percent(o.ServiceLevelOfAnswered),7}  Asterisk-style: within target / calls an agent talked to = {o.AnsweredByAgentWithinTarget} / {o.AnsweredByAgent + o.PickedUpFromQueue}"));
        writer.WriteLine();
        writer.WriteLine(Text($"Calls received {o.Received}: offered {o.Offered}, rejected {o.Rejected}, in progress {o.InProgress}"));
        writer.WriteLine(Text($"  answered by an agent     {o.AnsweredByAgent,8}   within target {o.AnsweredByAgentWithinTarget}"));
        writer.WriteLine(Text($"  auto-answered            {o.AutoAnswered,8}   picked up from the queue {o.PickedUpFromQueue}, abandoned in the queue {o.AbandonedInQueue}"));
        writer.WriteLine(Text($"  abandoned while ringing  {o.AbandonedWhileRinging,8}   short {o.ShortAbandons}"));
        writer.WriteLine(Text($"  interrupted              {o.Interrupted,8}"));
        writer.WriteLine();

        var rings = new TextTable("Rings to answer (agent)", "0-1", "1-2", "2-3", "3-4", "over 4");
        rings.Add("calls", N(o.RingsToAnswer.UpTo1), N(o.RingsToAnswer.From1To2), N(o.RingsToAnswer.From2To3), N(o.RingsToAnswer.From3To4), N(o.RingsToAnswer.Over4));
        rings.WriteTo(writer, "");
        writer.WriteLine();

        var times = new TextTable("Time to answer", "calls", "average", "p50", "p90", "max");
        AddSummary(times, "seconds (agent)", o.TimeToAnswerSeconds);
        AddSummary(times, "rings (agent)", o.TimeToAnswerRings);
        AddSummary(times, "queue wait, s", o.QueueWaitSeconds);
        AddSummary(times, "to callback, s", o.Callbacks.TimeToCallbackSeconds);
        times.WriteTo(writer, "");
        writer.WriteLine();

        HoldStatistics h = o.Holds;
        writer.WriteLine(Text($"Holds: {h.Holds} on {h.CallsHeld} calls; {h.CallsWithLongHold} calls held over {d.LongHoldSeconds:0.###} s; {h.TotalHoldSeconds:0.0} s in all, {Number(h.AverageHoldSecondsPerHeldCall)} s per held call, longest {Number(h.LongestHoldSeconds)} s"));
        CallbackStatistics c = o.Callbacks;
        writer.WriteLine(Text($"Callbacks: offered {c.Offered}, accepted {c.Accepted}, declined {c.Declined}, no choice {c.NoChoice}, completed {c.Completed}"));

        if (report.Groups.Count == 0)
        {
            return;
        }
        writer.WriteLine();
        writer.WriteLine($"By {report.By}: answering");
        var answering = new TextTable(report.By, "offered", "agent", "in target", "SL", "SL answ.", "auto", "picked up", "aband. ring", "short", "aband. queue", "avg s", "p50 s", "p90 s", "max s");
        foreach (StatisticsGroup group in report.Groups)
        {
            CallStatistics s = group.Statistics;
            answering.Add(group.Key, N(s.Offered), N(s.AnsweredByAgent), N(s.AnsweredByAgentWithinTarget), Percent(s.ServiceLevel), Percent(s.ServiceLevelOfAnswered),
                N(s.AutoAnswered), N(s.PickedUpFromQueue), N(s.AbandonedWhileRinging), N(s.ShortAbandons), N(s.AbandonedInQueue),
                Number(s.TimeToAnswerSeconds.Average), Number(s.TimeToAnswerSeconds.P50), Number(s.TimeToAnswerSeconds.P90), Number(s.TimeToAnswerSeconds.Max));
        }
        answering.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine($"By {report.By}: rings, queue and holds");
        var waiting = new TextTable(report.By, "0-1", "1-2", "2-3", "3-4", "over 4", "p90 rings", "queue avg s", "queue p90 s", "holds", "held long", "callbacks", "accepted", "completed", "to callback avg s");
        foreach (StatisticsGroup group in report.Groups)
        {
            CallStatistics s = group.Statistics;
            waiting.Add(group.Key, N(s.RingsToAnswer.UpTo1), N(s.RingsToAnswer.From1To2), N(s.RingsToAnswer.From2To3), N(s.RingsToAnswer.From3To4), N(s.RingsToAnswer.Over4),
                Number(s.TimeToAnswerRings.P90), Number(s.QueueWaitSeconds.Average), Number(s.QueueWaitSeconds.P90),
                N(s.Holds.Holds), N(s.Holds.CallsWithLongHold), N(s.Callbacks.Offered), N(s.Callbacks.Accepted),
                N(s.Callbacks.Completed), Number(s.Callbacks.TimeToCallbackSeconds.Average));
        }
        waiting.WriteTo(writer);
    }

    private static void AddSummary(TextTable table, string name, ValueSummary v) =>
        table.Add(name, N(v.Count), Number(v.Average), Number(v.P50), Number(v.P90), Number(v.Max));

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
