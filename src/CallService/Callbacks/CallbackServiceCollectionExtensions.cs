using CallService.Hosting;
using CallService.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Callbacks;

/// <summary>Registers the callback store, its start-up, and the recorder the SIP glue hands callback requests to.</summary>
public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICallbackStore"/> (SQLite, in the Storage file beside the call records),
    /// a hosted service that initialises it at start (register it before anything that records callbacks
    /// at start), and <see cref="CallbackRecorder"/> (using <see cref="ICallRecordStore"/> for the notes
    /// when registered). <see cref="ICallbackDialer"/> is the engine's to register. With
    /// Storage:Provider = postgres the store cannot be created yet (NotSupportedException at start).
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

    /// <summary>The store for the Storage options: SQLite on the same database as the call records.</summary>
    public static ICallbackStore CreateStore(StorageOptions storage, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.ProviderKind switch
        {
            StorageProvider.Sqlite => new SqliteCallbackStore(
                StorageOptions.ResolveSqliteConnectionString(storage.ConnectionString, HostPaths.BaseDirectory), time, logger),
            _ => throw new NotSupportedException(
                "Storage:Provider = postgres: callbacks are stored in SQLite only in this version; use sqlite."),
        };
    }
}
