using CallService.Hosting;
using CallService.Lines;
using CallService.Sip.Auth;
using CallService.Sip.Registrar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Agents;

/// <summary>Registers the agents: options from "Agents" checked at start, the registrar and its store, presence and the directory.</summary>
public static class AgentsServiceCollectionExtensions
{
    private static readonly string[] KnownKeyList =
    [
        nameof(AgentOptions.Id), nameof(AgentOptions.DisplayName), nameof(AgentOptions.SipUser), nameof(AgentOptions.Ha1Md5),
        nameof(AgentOptions.Ha1Sha256), nameof(AgentOptions.Realm), nameof(AgentOptions.Desk), nameof(AgentOptions.Lines),
        nameof(AgentOptions.WrapUpSeconds),
    ];

    private static readonly HashSet<string> KnownKeys = new(KnownKeyList, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Binds <see cref="AgentsOptions"/> from the "Agents" array and validates it at start (one line per
    /// problem), and adds: <see cref="RegistrarOptions"/> (realm Sip:Realm), <see cref="IRegistrationStore"/>
    /// (in memory), <see cref="DigestAuthenticator"/> and <see cref="AuthFailureThrottle"/> (unless already
    /// registered), <see cref="SipRegistrar"/> with <see cref="AgentAccounts"/>, <see cref="AgentRoster"/>,
    /// <see cref="AgentPresence"/>, <see cref="AgentDirectory"/> and <see cref="AgentTelephony"/>, which the
    /// SIP engine attaches to its stack. Needs the Sip and Lines options (AddServiceOptions, AddSalesLines)
    /// and a <see cref="TimeProvider"/>.
    /// </summary>
    public static OptionsBuilder<AgentsOptions> AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>(provider =>
            new AgentsOptionsValidator(provider.GetService<IOptions<LinesOptions>>(), provider.GetService<IOptions<SipOptions>>())));

        services.TryAddSingleton(provider => new RegistrarOptions { Realm = provider.GetRequiredService<IOptions<SipOptions>>().Value.Realm });
        services.TryAddSingleton(provider => new AgentRoster(provider.GetRequiredService<IOptions<AgentsOptions>>().Value, provider.GetRequiredService<RegistrarOptions>()));
        services.TryAddSingleton(provider => new AgentAccounts(provider.GetRequiredService<AgentRoster>()));
        services.TryAddSingleton(provider => new InMemoryRegistrationStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRegistrationStore>(provider => provider.GetRequiredService<InMemoryRegistrationStore>());
        services.TryAddSingleton(provider => new DigestAuthenticator(new DigestAuthenticatorOptions(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new AuthFailureThrottle(new AuthFailureThrottleOptions(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new SipRegistrar(
            provider.GetRequiredService<RegistrarOptions>(),
            provider.GetRequiredService<IRegistrationStore>(),
            provider.GetRequiredService<AgentAccounts>(),
            provider.GetRequiredService<DigestAuthenticator>(),
            provider.GetRequiredService<AuthFailureThrottle>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger("CallService.Sip.Registrar")));
        services.TryAddSingleton(new QualifyOptions());
        services.TryAddSingleton(provider => new AgentPresence(
            provider.GetRequiredService<AgentRoster>(),
            provider.GetRequiredService<IRegistrationStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<AgentPresence>>()));
        services.TryAddSingleton(provider => new AgentDirectory(
            provider.GetRequiredService<AgentRoster>(),
            provider.GetRequiredService<AgentPresence>(),
            provider.GetRequiredService<IRegistrationStore>()));
        services.TryAddSingleton(provider => new AgentTelephony(
            provider.GetRequiredService<SipRegistrar>(),
            provider.GetRequiredService<QualifyOptions>(),
            provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        return services.AddOptions<AgentsOptions>()
            .Configure(options => Bind(configuration.GetSection(AgentsOptions.SectionName), options))
            .ValidateOnStart();
    }

    // Each element is bound on its own so that its real path ("Agents:3") is kept for messages, and
    // keys nobody reads (a plain "Password", a typo) are refused rather than ignored.
    private static void Bind(IConfigurationSection section, AgentsOptions options)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            var agent = new AgentOptions();
            child.Bind(agent);
            options.Agents.Add(agent);
            options.Paths.Add(child.Path);
            foreach (IConfigurationSection key in child.GetChildren())
            {
                if (!KnownKeys.Contains(key.Key))
                {
                    string hint = key.Key.Contains("password", StringComparison.OrdinalIgnoreCase)
                        ? " (passwords are not stored: run \"CallService hash-password\" and configure Ha1Md5 and Ha1Sha256)"
                        : "";
                    options.BindingFailures.Add($"{key.Path} is not a known setting: an agent has {string.Join(", ", KnownKeyList)}{hint}");
                }
            }
        }
    }
}
