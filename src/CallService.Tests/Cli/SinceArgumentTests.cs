using CallService.Cli;

namespace CallService.Tests.Cli;

/// <summary>calls --since: ISO 8601 times and times ago.</summary>
public sealed class SinceArgumentTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // A fixed zone for times written without an offset (the sales centre's, UTC+8, no DST).
    private static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("test/UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    private static DateTimeOffset Parse(string text)
    {
        Assert.True(SinceArgument.TryParse(text, Now, ChinaStandardTime, out DateTimeOffset since, out string? error), error);
        Assert.Null(error);
        return since;
    }

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("1H", 3600)]
    [InlineData("7d", 7 * 86_400)]
    [InlineData("2w", 14 * 86_400)]
    [InlineData("1h30m", 5400)]
    [InlineData(" 0s ", 0)]
    public void A_time_ago_counts_back_from_now(string text, int seconds)
    {
        Assert.Equal(Now - TimeSpan.FromSeconds(seconds), Parse(text));
    }

    [Theory]
    [InlineData("2025-06-01T09:00+08:00", "2025-06-01T01:00:00Z")]
    [InlineData("2025-06-01T09:00:30+08:00", "2025-06-01T01:00:30Z")]
    [InlineData("2025-06-01T09:00:30.25-05:00", "2025-06-01T14:00:30.25Z")]
    [InlineData("2025-06-01T01:00Z", "2025-06-01T01:00:00Z")]
    [InlineData("2025-06-01 01:00:00Z", "2025-06-01T01:00:00Z")]
    public void An_ISO_time_with_an_offset_is_that_instant(string text, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Parse(text));
    }

    [Theory]
    [InlineData("2025-06-01", "2025-05-31T16:00:00Z")]
    [InlineData("2025-06-01T09:00", "2025-06-01T01:00:00Z")]
    [InlineData("2025-06-01 09:00:15", "2025-06-01T01:00:15Z")]
    public void An_ISO_time_without_an_offset_is_local(string text, string utc)
    {
        DateTimeOffset since = Parse(text);

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), since);
        Assert.Equal(TimeSpan.FromHours(8), since.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1x")]
    [InlineData("h")]
    [InlineData("1h30")]
    [InlineData("06/01/2025")]
    [InlineData("2025-13-01")]
    [InlineData("-1h")]
    public void Anything_else_is_refused_with_what_is_expected(string text)
    {
        Assert.False(SinceArgument.TryParse(text, Now, ChinaStandardTime, out _, out string? error));

        Assert.Equal($"--since \"{text}\" is not a time: give {SinceArgument.Expected}", error);
    }

    [Fact]
    public void A_time_ago_beyond_the_calendar_is_refused()
    {
        Assert.False(SinceArgument.TryParse("99999999999999999999d", Now, ChinaStandardTime, out _, out string? error));

        Assert.Equal("--since \"99999999999999999999d\" reaches too far back: give a date instead, e.g. 2025-06-01", error);
        Assert.False(SinceArgument.TryParse("9999999w", Now, ChinaStandardTime, out _, out _));
    }

    [Fact]
    public void An_empty_value_is_refused()
    {
        Assert.False(SinceArgument.TryParse(" ", Now, ChinaStandardTime, out _, out string? error));

        Assert.Equal($"--since needs a value: {SinceArgument.Expected}", error);
    }
}
