using CallService.Records;
using CallService.Stats;

namespace CallService.Tests.Stats;

/// <summary>seed-demo-data's records: exactly as many as asked, in order, repeatable, and with every kind of call.</summary>
public sealed class DemoCallGeneratorTests
{
    private static readonly DemoDataSettings Settings = new() { Calls = 5000, Days = 14, LastDay = new DateOnly(2025, 6, 29), Seed = 11 };

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_others()
    {
        CallRecord[] first = [.. new DemoCallGenerator(Settings).Generate()];
        CallRecord[] again = [.. new DemoCallGenerator(Settings).Generate()];
        CallRecord[] other = [.. new DemoCallGenerator(Settings with { Seed = 12 }).Generate()];

        Assert.Equal(5000, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(r => r.StartedAt), other.Select(r => r.StartedAt));
    }

    [Fact]
    public void Calls_come_in_order_within_the_days_with_weekend_and_peak_hour_patterns()
    {
        CallRecord[] calls = [.. new DemoCallGenerator(Settings).Generate()];
        TimeZoneInfo zone = Settings.TimeZone;

        Assert.Equal(calls.OrderBy(c => c.StartedAt), calls);
        DateTimeOffset first = ReportTimeZone.StartOfDay(Settings.FirstDay, zone);
        DateTimeOffset end = ReportTimeZone.StartOfDay(Settings.LastDay.AddDays(1), zone);
        Assert.All(calls, c => Assert.InRange(c.StartedAt, first, end.AddTicks(-1)));
        Assert.Equal(Settings.FirstDay, new DateOnly(2025, 6, 16)); // 14 days ending Sunday 29 June

        int[] byHour = new int[24];
        var byDay = new Dictionary<DayOfWeek, int>();
        foreach (CallRecord c in calls)
        {
            DateTime local = TimeZoneInfo.ConvertTime(c.StartedAt, zone).DateTime;
            byHour[local.Hour]++;
            byDay[local.DayOfWeek] = byDay.GetValueOrDefault(local.DayOfWeek) + 1;
        }
        Assert.True(byHour[10] > 5 * byHour[3], "the morning peak is far busier than the night");
        Assert.True(byDay[DayOfWeek.Saturday] > byDay[DayOfWeek.Tuesday], "weekends are busier than weekdays");
    }

    [Fact]
    public void Every_kind_of_call_is_there_and_records_are_consistent()
    {
        CallRecord[] calls = [.. new DemoCallGenerator(Settings).Generate()];
        StatisticsReport report = StatisticsCalculator.Compute(calls, new StatisticsQuery
        {
            From = DateTimeOffset.MinValue.AddDays(1),
            To = DateTimeOffset.MaxValue.AddDays(-1),
            By = StatisticsGrouping.Agent,
        }, new StatisticsOptions());
        CallStatistics s = report.Overall;

        Assert.All(new[] { s.AnsweredByAgent, s.AutoAnswered, s.PickedUpFromQueue, s.AbandonedWhileRinging, s.ShortAbandons, s.AbandonedInQueue, s.Rejected, s.Holds.CallsWithLongHold, s.Callbacks.Accepted },
            count => Assert.True(count > 0));
        Assert.Equal(0, s.InProgress);
        // Fast and slow answerers differ (li.na has a 3.5 s median, huang.li 17 s).
        double fast = Assert.Single(report.Groups, g => g.Key == "li.na").Statistics.ServiceLevel!.Value;
        double slow = Assert.Single(report.Groups, g => g.Key == "huang.li").Statistics.ServiceLevel!.Value;
        Assert.True(fast > slow + 0.3, $"li.na {fast:P0}, huang.li {slow:P0}");
        // Records as the call state machine writes them: auto-answers at the line's limit in whole rings.
        Assert.All(calls.Where(c => c.AnsweredBy == CallRecordNames.AutoAnsweredBy), c =>
        {
            Assert.Equal(c.AnsweredAt, c.AutoAnsweredAt);
            Assert.Contains(c.Rings, new double?[] { 3.0, 4.0 });
        });
        Assert.All(calls.Where(c => c.Outcome == CallOutcome.Answered), c => Assert.NotNull(c.AgentId));
    }
}
