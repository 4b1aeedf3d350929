using System.Net;
using CallService.Agents;
using CallService.Callbacks;
using CallService.Hosting;
using CallService.Lines;
using CallService.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Engine;

/// <summary>Registers the call-record store and the SIP engine (a hosted service) from the checked options.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddSipEngine(this IServiceCollection services)
    {
        services.AddSingleton<ICallRecordStore>(sp => CreateStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("CallService.Records")));
        services.AddSingleton(sp =>
        {
            var sip = sp.GetRequiredService<IOptions<SipOptions>>().Value;
            var prompts = sp.GetRequiredService<IOptions<PromptsOptions>>().Value;
            var protocols = sip.TransportProtocols;
            return new EngineSettings
            {
                BindAddress = sip.BindAddress,
                SipPort = sip.Port,
                AdvertisedAddress = IPAddress.Parse(sip.AdvertisedAddress),
                Udp = protocols.Contains(Sip.Transport.SipProtocol.Udp),
                Tcp = protocols.Contains(Sip.Transport.SipProtocol.Tcp),
                RtpPortMin = sip.RtpPortMin,
                RtpPortMax = sip.RtpPortMax,
                PromptsDirectory = HostPaths.Resolve(prompts.Directory, HostPaths.BaseDirectory),
                Timers = sip.TimerOptions,
                TimedAnswers = sip.TimedAnswers,
            };
        });
        services.AddSingleton<IAgentRoster>(sp => new AgentDirectoryRoster(
            sp.GetRequiredService<AgentDirectory>(), sp.GetRequiredService<AgentPresence>()));
        services.AddSingleton<SipEngine>(sp => new SipEngine(
            sp.GetRequiredService<EngineSettings>(),
            sp.GetRequiredService<SalesLineDirectory>(),
            sp.GetRequiredService<ICallRecordStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<IAgentRoster>(),
            sp.GetService<CallbackRecorder>(),
            sp.GetService<AgentTelephony>()));
        services.AddHostedService(sp => sp.GetRequiredService<SipEngine>());
        // Click-to-call callbacks (options: AddCallbackDialing), where a callback store is registered.
        if (services.Any(d => d.ServiceType == typeof(ICallbackStore)))
        {
            services.AddSingleton<ICallbackDialer>(sp => new EngineCallbackDialer(
                sp.GetRequiredService<SipEngine>(),
                sp.GetRequiredService<ICallbackStore>(),
                sp.GetRequiredService<IOptions<CallbackDialerOptions>>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(CallbackEndpoints.LogCategory)));
        }
        return services;
    }

    /// <summary>The store the Storage options name: SQLite (one node), or PostgreSQL shared by several
    /// nodes, each writing under its <see cref="StorageOptions.NodeId"/>.</summary>
    public static ICallRecordStore CreateStore(StorageOptions storage, TimeProvider time, ILogger logger) => storage.ProviderKind switch
    {
        StorageProvider.Sqlite => new SqliteCallRecordStore(
            StorageOptions.ResolveSqliteConnectionString(storage.ConnectionString, HostPaths.BaseDirectory), time, logger),
        StorageProvider.Postgres => new PostgresCallRecordStore(storage.ConnectionString, storage.NodeId, time, logger),
        _ => throw new NotSupportedException($"Storage:Provider = {storage.Provider} has no store."),
    };
}
