using CallService.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallService.Tests.Lines;

/// <summary>The "Lines" array bound from configuration, checked at start, and found by number.</summary>
public sealed class LinesConfigurationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSalesLines(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Line(int index, string number, string desk) => new()
    {
        [$"Lines:{index}:Number"] = number,
        [$"Lines:{index}:DisplayName"] = "海逸长洲",
        [$"Lines:{index}:Desk"] = desk,
        [$"Lines:{index}:GreetingPrompt"] = "prompts/greeting.wav",
        [$"Lines:{index}:GreetingScript"] = "您好,海逸长洲!",
        [$"Lines:{index}:HoldAudio"] = "prompts/hold.wav",
    };

    [Fact]
    public void Configured_lines_are_bound_typed_and_found_by_number()
    {
        Dictionary<string, string?> settings = Line(0, "sales", "front-desk");
        foreach ((string key, string? value) in Line(1, "bar", "bar"))
        {
            settings[key] = value;
        }
        settings["Lines:1:Cadence"] = "custom";
        settings["Lines:1:CustomCadenceMs:0"] = "1000";
        settings["Lines:1:CustomCadenceMs:1"] = "2000";
        settings["Lines:1:AutoAnswerAfterRings"] = "4";
        settings["Lines:1:RingStrategy"] = "rotation";
        settings["Lines:1:LookupCallbackSeconds"] = "45";
        using ServiceProvider provider = Services(settings);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var directory = provider.GetRequiredService<SalesLineDirectory>();

        Assert.Equal(["sales", "bar"], directory.Lines.Select(l => l.Number));
        Assert.True(directory.TryFind("SALES", out SalesLine? sales));
        Assert.Equal(LineDesk.FrontDesk, sales.Desk);
        Assert.Equal(RingCadence.China, sales.Cadence);
        Assert.Equal(2, sales.AutoAnswerAfterRings);
        Assert.Equal(TimeSpan.FromSeconds(10), sales.AutoAnswerDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), sales.LookupCallback);
        Assert.Equal(RingStrategy.RingAll, sales.RingStrategy);
        Assert.Equal(3, sales.HandbookMaxRings);
        Assert.True(directory.TryFind("bar", out SalesLine? bar));
        Assert.Equal(RingCadence.Custom([1000, 2000]), bar.Cadence);
        Assert.Equal(TimeSpan.FromSeconds(12), bar.AutoAnswerDelay);
        Assert.Equal(RingStrategy.Rotation, bar.RingStrategy);
        Assert.Equal(TimeSpan.FromSeconds(45), bar.LookupCallback);
        Assert.False(directory.TryFind("support", out _));
    }

    [Fact]
    public void A_bad_line_stops_the_start_with_the_keys_named()
    {
        Dictionary<string, string?> settings = Line(0, "sales", "front-desk");
        settings["Lines:0:AutoAnswerAfterRings"] = "9";
        using ServiceProvider provider = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            ["Lines:0:AutoAnswerAfterRings = 9: must be between 0 and 3 for a front-desk line (the handbook's maximum)"],
            error.Failures);
    }

    [Fact]
    public void Messages_name_the_real_index_when_the_array_has_a_gap()
    {
        Dictionary<string, string?> settings = Line(0, "sales", "front-desk");
        foreach ((string key, string? value) in Line(5, "showroom", "garden"))
        {
            settings[key] = value;
        }
        using ServiceProvider provider = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LinesOptions>>().Value);

        Assert.Equal(["Lines:5:Desk = \"garden\": must be one of \"front-desk\", \"bar\", \"showroom\""], error.Failures);
    }

    [Fact]
    public void No_lines_section_stops_the_start()
    {
        using ServiceProvider provider = Services([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Lines is empty", Assert.Single(error.Failures));
    }

    [Fact]
    public void A_sales_line_is_only_made_from_valid_options()
    {
        var options = new LineOptions { Number = "sales", Desk = "bar" };
        var error = Assert.Throws<ArgumentException>(() => SalesLine.From(options));
        Assert.Contains("Lines:0:GreetingPrompt is missing", error.Message);
    }
}
