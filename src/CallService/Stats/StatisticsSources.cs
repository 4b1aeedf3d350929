using CallService.Hosting;

namespace CallService.Stats;

/// <summary>The <see cref="IStatisticsSource"/> of the configured store (Storage:Provider).</summary>
public static class StatisticsSources
{
    /// <summary>
    /// SQLite: <see cref="SqliteStatisticsSource"/> on the configured database. PostgreSQL: not yet
    /// (its store implements <see cref="IStatisticsSource"/> when it arrives); refused with a clear message.
    /// </summary>
    public static IStatisticsSource Create(StorageOptions storage, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        return storage.ProviderKind switch
        {
            StorageProvider.Sqlite => new SqliteStatisticsSource(
                StorageOptions.ResolveSqliteConnectionString(storage.ConnectionString, HostPaths.BaseDirectory), options),
            _ => throw new NotSupportedException(
                "Storage:Provider = postgres: statistics over PostgreSQL are not available in this version; use sqlite."),
        };
    }
}
