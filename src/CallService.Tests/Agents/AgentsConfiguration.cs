using CallService.Agents;
using CallService.Hosting;
using CallService.Lines;
using CallService.Sip.Auth;
using CallService.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Tests.Agents;

/// <summary>The host's options plus the agents, over in-memory settings: the default line and two agents.</summary>
internal static class AgentsConfiguration
{
    public const string AmyPassword = "amy-secret";
    public const string BenPassword = "ben-secret";

    public static string Md5(string user, string password, string realm = "callservice") => DigestHash.ComputeHa1(DigestAlgorithm.Md5, user, realm, password);

    public static string Sha256(string user, string password, string realm = "callservice") => DigestHash.ComputeHa1(DigestAlgorithm.Sha256, user, realm, password);

    /// <summary>The default line ("sales", front desk) and a second line "bar"; Amy (8001, both HA1) and Ben (8002, MD5 only).</summary>
    public static Dictionary<string, string?> Settings()
    {
        Dictionary<string, string?> settings = HostOptionsHarness.DefaultLine();
        foreach ((string key, string? value) in HostOptionsHarness.DefaultLine())
        {
            settings[key.Replace("Lines:0:", "Lines:1:", StringComparison.Ordinal)] = value;
        }

        settings["Lines:1:Number"] = "bar";
        settings["Lines:1:Desk"] = "bar";
        settings["Agents:0:Id"] = "amy";
        settings["Agents:0:DisplayName"] = "小林";
        settings["Agents:0:SipUser"] = "8001";
        settings["Agents:0:Ha1Md5"] = Md5("8001", AmyPassword);
        settings["Agents:0:Ha1Sha256"] = Sha256("8001", AmyPassword);
        settings["Agents:0:Realm"] = "callservice";
        settings["Agents:0:Desk"] = "front-desk";
        settings["Agents:0:Lines:0"] = "sales";
        settings["Agents:0:WrapUpSeconds"] = "20";
        settings["Agents:1:Id"] = "ben";
        settings["Agents:1:DisplayName"] = "Ben";
        settings["Agents:1:SipUser"] = "8002";
        settings["Agents:1:Ha1Md5"] = Md5("8002", BenPassword);
        settings["Agents:1:Desk"] = "bar";
        settings["Agents:1:Lines:0"] = "sales";
        settings["Agents:1:Lines:1"] = "bar";
        return settings;
    }

    public static IConfiguration Build(params (string Key, string? Value)[] overrides)
    {
        Dictionary<string, string?> settings = Settings();
        foreach ((string key, string? value) in overrides)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>Registers what the host registers for the agents.</summary>
    public static IServiceCollection AddAgentServices(this IServiceCollection services, IConfiguration configuration, HostTempDirectory root)
    {
        services.AddServiceOptions(configuration, root.Path);
        services.AddSalesLines(configuration);
        services.AddAgents(configuration);
        return services;
    }

    public static IReadOnlyList<string> Failures(HostTempDirectory root, params (string Key, string? Value)[] overrides)
    {
        var services = new ServiceCollection();
        services.AddAgentServices(Build(overrides), root);
        using ServiceProvider provider = services.BuildServiceProvider();
        return StartupCheck.Run(provider);
    }

    public static LinesOptions NoLines => new();
}
