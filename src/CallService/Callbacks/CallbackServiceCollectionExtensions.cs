using CallService.Hosting;
using CallService.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Callbacks;

/// <summary>Registers the callback store, its start-up, and the recorder the SIP glue hands callback requests to.</summary>
public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICallbackStore"/> (beside the call records: the SQLite file or the PostgreSQL database),
    /// a hosted service that initialises it at start (register it before anything that records callbacks
    /// at start), and <see cref="CallbackRecorder"/> (using <see cref="ICallRecordStore"/> for the notes
    /// when registered). <see cref="ICallbackDialer"/> is the engine's to register.
    /// </summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ICallbackStore>(sp => CreateStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(CallbackEndpoints.LogCategory)));
        services.AddHostedService<CallbackStoreInitializer>();
        services.AddSingleton(sp => new CallbackRecorder(
            sp.GetRequiredService<ICallbackStore>(),
            sp.GetService<ICallRecordStore>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(CallbackEndpoints.LogCategory)));
        return services;
    }

    /// <summary>Binds and checks at start the "Callbacks" section (<see cref="CallbackDialerOptions"/>) the engine's click-to-call dialer reads.</summary>
    public static IServiceCollection AddCallbackDialing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallbackDialerOptions>().Configure(o => CallbackDialerOptions.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallbackDialerOptions>, CallbackDialerOptionsValidator>());
        return services;
    }

    /// <summary>The store for the Storage options: beside the call records, in the same SQLite file or PostgreSQL database.</summary>
    public static ICallbackStore CreateStore(StorageOptions storage, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.ProviderKind switch
        {
            StorageProvider.Sqlite => new SqliteCallbackStore(
                StorageOptions.ResolveSqliteConnectionString(storage.ConnectionString, HostPaths.BaseDirectory), time, logger),
            StorageProvider.Postgres => new PostgresCallbackStore(storage.ConnectionString, storage.NodeId, time, logger),
            _ => throw new NotSupportedException($"Storage:Provider = {storage.Provider} has no callback store."),
        };
    }
}
