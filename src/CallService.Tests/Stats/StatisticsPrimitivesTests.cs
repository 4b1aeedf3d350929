using CallService.Records;
using CallService.Stats;

namespace CallService.Tests.Stats;

/// <summary>Nearest rank, the zone's offset spans, and the day and hour keys the stores' scans compute from them.</summary>
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

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Shanghai")]
    public void Local_time_keys_from_the_offset_spans_are_those_of_the_zone_conversion_around_the_clock_changes(string zoneId)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        long from = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long to = new DateTimeOffset(2025, 11, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var keys = new LocalTimeKeys(zone, from, to);

        // Every 7 minutes and 1 ms over the period (both clock changes of a DST zone), and the last millisecond.
        for (long ms = from; ms < to; ms += 420_001)
        {
            AssertSameKeys(keys, zone, ms);
        }
        AssertSameKeys(keys, zone, to - 1);
    }

    private static void AssertSameKeys(LocalTimeKeys keys, TimeZoneInfo zone, long ms)
    {
        var record = new CallRecord { CallId = "c", CallerNumber = "1", Line = "sales", StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(ms) };
        Assert.Equal(StatisticsKeys.Of(record, StatisticsGrouping.Day, zone), keys.Day(ms));
        Assert.Equal(StatisticsKeys.Of(record, StatisticsGrouping.Hour, zone), keys.Hour(ms));
        Assert.Equal(StatisticsKeys.Of(record, StatisticsGrouping.WeekdayHour, zone), keys.WeekdayHour(ms));
    }
}
