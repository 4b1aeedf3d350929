using CallService.Hosting;

namespace CallService.Stats;

/// <summary>The <see cref="IStatisticsSource"/> of the configured store (Storage:Provider).</summary>
public static class StatisticsSources
{
    /// <summary>
    /// SQLite: <see cref="SqliteStatisticsSource"/> on the configured database; PostgreSQL:
    /// <see cref="PostgresStatisticsSource"/> on the configured connection string.
    /// </summary>
    public static IStatisticsSource Create(StorageOptions storage, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        return storage.ProviderKind switch
        {
            StorageProvider.Sqlite => new SqliteStatisticsSource(
                StorageOptions.ResolveSqliteConnectionString(storage.ConnectionString, HostPaths.BaseDirectory), options),
            StorageProvider.Postgres => new PostgresStatisticsSource(storage.ConnectionString, options),
            _ => throw new NotSupportedException($"Storage:Provider = {storage.Provider}: no statistics for this store."),
        };
    }
}
