using CallService.Stats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Tests.Stats;

/// <summary>The "Stats" section and the lines' targets, read into the report's definitions.</summary>
public sealed class StatisticsOptionsReaderTests
{
    private static StatisticsOptions Read(out IReadOnlyList<string> failures, params (string Key, string Value)[] values) =>
        StatisticsOptionsReader.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            out failures);

    [Fact]
    public void Without_a_section_the_defaults_apply()
    {
        StatisticsOptions options = Read(out var failures);

        Assert.Empty(failures);
        Assert.Equal(("Asia/Shanghai", 5.0, 30.0, 2), (options.TimeZone.Id, options.ShortAbandonSeconds, options.LongHoldSeconds, options.TargetRings));
        Assert.Equal(TimeSpan.FromHours(8), options.TimeZone.GetUtcOffset(new DateTime(2025, 7, 1)));
        Assert.Empty(options.TargetRingsByLine);
    }

    [Fact]
    public void The_section_and_each_lines_target_are_read()
    {
        StatisticsOptions options = Read(out var failures,
            ("Stats:TimeZone", "Asia/Hong_Kong"), ("Stats:ShortAbandonSeconds", "3.5"), ("Stats:LongHoldSeconds", "45"),
            ("Lines:0:Number", "sales"), ("Lines:0:TargetRings", "2"),
            ("Lines:1:Number", "bar"), ("Lines:1:TargetRings", "3"),
            ("Lines:2:Number", "showroom")); // no TargetRings: the LineOptions default

        Assert.Empty(failures);
        Assert.Equal(("Asia/Hong_Kong", 3.5, 45.0), (options.TimeZone.Id, options.ShortAbandonSeconds, options.LongHoldSeconds));
        Assert.Equal(3500, options.ShortAbandonMilliseconds);
        Assert.Equal(new Dictionary<string, int> { ["sales"] = 2, ["bar"] = 3, ["showroom"] = 2 }, options.TargetRingsByLine);
        Assert.Equal(3, options.TargetRingsFor("bar"));
        Assert.Equal(2, options.TargetRingsFor("an old line"));
    }

    [Fact]
    public void Each_bad_value_is_one_line_naming_its_key()
    {
        Read(out var failures,
            ("Stats:TimeZone", "Mars/Olympus"), ("Stats:ShortAbandonSeconds", "five"), ("Stats:LongHoldSeconds", "-1"), ("Stats:TargetRing", "2"),
            ("Stats:ServiceLevelTargetPercent", "101"));

        Assert.Equal(
        [
            "Stats:TargetRing is not a known setting: the Stats section has TimeZone, ShortAbandonSeconds, LongHoldSeconds, ServiceLevelTargetPercent (see docs/configuration.md)",
            "Stats:TimeZone = \"Mars/Olympus\": not a time zone known to this system; give an IANA id such as Asia/Shanghai or Asia/Hong_Kong",
            "Stats:ShortAbandonSeconds = \"five\": must be a number of seconds, 0..120",
            "Stats:LongHoldSeconds = \"-1\": must be a number of seconds, 0..3600",
            "Stats:ServiceLevelTargetPercent = \"101\": must be a percentage, 0..100",
        ], failures);
    }

    [Fact]
    public void The_service_start_check_reports_bad_stats_settings_one_line_each()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stats:TimeZone"] = "Mars/Olympus",
            ["Stats:ServiceLevelTargetPercent"] = "85.5",
        }).Build();
        var services = new ServiceCollection();
        services.AddStatistics(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(
            ["Stats:TimeZone = \"Mars/Olympus\": not a time zone known to this system; give an IANA id such as Asia/Shanghai or Asia/Hong_Kong"],
            CallService.Hosting.StartupCheck.Run(provider));

        var good = new ServiceCollection();
        good.AddStatistics(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Stats:ServiceLevelTargetPercent"] = "85.5" }).Build());
        using ServiceProvider goodProvider = good.BuildServiceProvider();
        Assert.Empty(CallService.Hosting.StartupCheck.Run(goodProvider));
        Assert.Equal(85.5, goodProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatisticsSettings>>().Value.Options.ServiceLevelTargetPercent);
    }
}
