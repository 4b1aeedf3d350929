using CallService.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CallService.Stats;

/// <summary>Registers the service's statistics: the checked settings and the dashboard's source.</summary>
public static class StatisticsRegistration
{
    /// <summary>
    /// <see cref="StatisticsSettings"/> read from <paramref name="configuration"/> and checked at start;
    /// an <see cref="IStatisticsSource"/> singleton: the configured store's source (Storage:Provider),
    /// created on first use.
    /// </summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatisticsSettings>().Configure(s => s.Read(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatisticsSettings>, StatisticsSettingsValidator>());
        services.TryAddSingleton<IStatisticsSource>(sp => StatisticsSources.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<StatisticsSettings>>().Value.Options));
        return services;
    }
}
