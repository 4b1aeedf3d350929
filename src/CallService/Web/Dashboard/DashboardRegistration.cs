using CallService.Stats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Web.Dashboard;

/// <summary>Registers the statistics (<see cref="StatisticsRegistration"/>) and the dashboard's warm-up.</summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddStatistics(configuration);
        services.AddHostedService<DashboardWarmUp>();
        return services;
    }
}
