using CallService.Hosting;
using CallService.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallService.Tests.Hosting;

/// <summary>Options registered as the host registers them, over in-memory settings and a temp base directory.</summary>
internal static class HostOptionsHarness
{
    /// <summary>The default line of config/appsettings.json.</summary>
    public static Dictionary<string, string?> DefaultLine() => new()
    {
        ["Lines:0:Number"] = "sales",
        ["Lines:0:DisplayName"] = "海逸长洲",
        ["Lines:0:Desk"] = "front-desk",
        ["Lines:0:GreetingPrompt"] = "greeting.wav",
        ["Lines:0:GreetingScript"] = "您好,海逸长洲!",
        ["Lines:0:HoldAudio"] = "hold-music.wav",
        ["Lines:0:Cadence"] = "cn",
        ["Lines:0:TargetRings"] = "2",
        ["Lines:0:AutoAnswerAfterRings"] = "2",
        ["Lines:0:LookupCallbackSeconds"] = "30",
    };

    public static ServiceProvider Services(HostTempDirectory root, params (string Key, string? Value)[] overrides)
    {
        Dictionary<string, string?> settings = DefaultLine();
        foreach ((string key, string? value) in overrides)
        {
            settings[key] = value;
        }
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddServiceOptions(configuration, root.Path);
        services.AddSalesLines(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The failures the start-up check reports, one line each.</summary>
    public static IReadOnlyList<string> Failures(HostTempDirectory root, params (string Key, string? Value)[] overrides)
    {
        using ServiceProvider provider = Services(root, overrides);
        return StartupCheck.Run(provider);
    }

    public static T Options<T>(HostTempDirectory root, params (string Key, string? Value)[] overrides)
        where T : class
    {
        using ServiceProvider provider = Services(root, overrides);
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
