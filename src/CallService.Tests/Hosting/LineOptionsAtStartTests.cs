using CallService.Hosting;
using CallService.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Tests.Hosting;

/// <summary>The existing lines validator, run by the host's start-up check.</summary>
public sealed class LineOptionsAtStartTests
{
    [Fact]
    public void AutoAnswerAfterRings_9_on_the_front_desk_is_the_one_failure()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Lines:0:AutoAnswerAfterRings", "9"));

        Assert.Equal(["Lines:0:AutoAnswerAfterRings = 9: must be between 0 and 3 for a front-desk line (the handbook's maximum)"], failures);
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_is_one_line_naming_the_key()
    {
        using var root = new HostTempDirectory();

        string failure = Assert.Single(HostOptionsHarness.Failures(root, ("Lines:0:TargetRings", "two")));

        Assert.Contains("Lines:0:TargetRings", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTelephony_registers_the_options_the_lines_and_the_clock()
    {
        Dictionary<string, string?> settings = HostOptionsHarness.DefaultLine();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();

        services.AddTelephony(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(Path.Combine(HostPaths.BaseDirectory, "prompts"),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromptsOptions>>().Value.Directory);
        // The test output holds the product's prompts (copied by its project), so the default line is valid here.
        Assert.Empty(StartupCheck.Run(provider));
        Assert.True(provider.GetRequiredService<SalesLineDirectory>().TryFind("sales", out SalesLine? line));
        Assert.Equal(LineDesk.FrontDesk, line.Desk);
    }

    [Fact]
    public void The_callbacks_section_reports_an_unreadable_ring_time_and_an_unknown_key_as_lines()
    {
        Dictionary<string, string?> settings = HostOptionsHarness.DefaultLine();
        settings["Callbacks:RingSeconds"] = "half a minute";
        settings["Callbacks:Proxy"] = "sip:pbx";
        var services = new ServiceCollection();
        services.AddTelephony(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using ServiceProvider provider = services.BuildServiceProvider();

        IReadOnlyList<string> failures = StartupCheck.Run(provider);

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("Callbacks:RingSeconds", StringComparison.Ordinal) && f.Contains("half a minute", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Callbacks:Proxy", StringComparison.Ordinal));
    }
}
