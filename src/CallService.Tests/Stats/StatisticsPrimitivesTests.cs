using CallService.Stats;

namespace CallService.Tests.Stats;

/// <summary>Nearest rank, the zone's offset spans, and the folder that turns store aggregates into totals.</summary>
public sealed class StatisticsPrimitivesTests
{
    [Theory]
    [InlineData(50, 0, 0)]
    [InlineData(50, 1, 1)]
    [InlineData(50, 4, 2)]    // ceil(2.0)
    [InlineData(50, 5, 3)]    // ceil(2.5)
    [InlineData(90, 8, 8)]    // ceil(7.2)
    [InlineData(90, 10, 9)]   // ceil(9.0)
    [InlineData(90, 11, 10)]  // ceil(9.9)
    [InlineData(100, 7, 7)]
    [InlineData(1, 1000, 10)]
    public void Nearest_rank_is_the_ceiling_of_p_n_over_100(int percent, long count, long rank)
    {
        Assert.Equal(rank, NearestRank.Rank(percent, count));
    }

    [Fact]
    public void A_percentile_is_always_one_of_the_values()
    {
        long[] values = [4000, 5000, 6000, 10000];

        Assert.Equal(5000, NearestRank.Of(values, 50));
        Assert.Equal(10000, NearestRank.Of(values, 90));
        Assert.Null(NearestRank.Of([], 50));
    }

    [Fact]
    public void Offset_spans_follow_daylight_saving_to_the_millisecond()
    {
        TimeZoneInfo london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        long from = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long to = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        IReadOnlyList<OffsetSpan> spans = ReportTimeZone.OffsetSpans(london, from, to);

        long summer = new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long winter = new DateTimeOffset(2025, 10, 26, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal([new OffsetSpan(summer, 0), new OffsetSpan(winter, 3_600_000), new OffsetSpan(long.MaxValue, 0)], spans);
        Assert.Equal([new OffsetSpan(long.MaxValue, 28_800_000)],
            ReportTimeZone.OffsetSpans(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), from, to));
    }

    [Fact]
    public void The_folder_adds_partials_and_ranks_values_per_group_and_overall()
    {
        var folder = new StatisticsFolder([StatisticsGrouping.Agent]);
        folder.AddPartial(["a"], new StatisticsTotals { Received = 3, Offered = 3, AnsweredByAgent = 3, LongestHoldMs = 40_000 });
        folder.AddPartial(["b"], new StatisticsTotals { Received = 1, Offered = 1, AnsweredByAgent = 1, LongestHoldMs = 10_000 });
        // Any order: a had 4 s, 6 s, 6 s; b had 5 s.
        folder.AddValues(StatisticsMeasure.TimeToAnswerMs, 6000, ["a"], 2);
        folder.AddValues(StatisticsMeasure.TimeToAnswerMs, 5000, ["b"], 1);
        folder.AddValues(StatisticsMeasure.TimeToAnswerMs, 4000, ["a"], 1);
        folder.AddValues(StatisticsMeasure.RingsTenths, 20, ["a"], 3);
        folder.AddValues(StatisticsMeasure.RingsTenths, 21, ["b"], 1);

        StatisticsTotals overall = folder.Overall;
        Assert.Equal((4L, 4L, 40_000L), (overall.Received, overall.AnsweredByAgent, overall.LongestHoldMs));
        // 4, 5, 6, 6 s: P50 rank 2 = 5 s, P90 rank 4 = 6 s.
        Assert.Equal(new ValueTotals(4, 21000, 6000, 5000, 6000), overall.TimeToAnswerMs);
        Assert.Equal((3L, 1L), (overall.Rings1To2, overall.Rings2To3));
        IReadOnlyDictionary<string, StatisticsTotals> agents = folder.GroupsOf(StatisticsGrouping.Agent);
        Assert.Equal(new ValueTotals(3, 16000, 6000, 6000, 6000), agents["a"].TimeToAnswerMs);
        Assert.Equal(new ValueTotals(1, 5000, 5000, 5000, 5000), agents["b"].TimeToAnswerMs);
        Assert.Equal(new ValueTotals(0, 0, null, null, null), agents["b"].QueueWaitMs);
        Assert.Throws<ArgumentException>(() => new StatisticsFolder([StatisticsGrouping.Day]).AddPartial(["x", "y"], StatisticsTotals.Empty));
    }
}
