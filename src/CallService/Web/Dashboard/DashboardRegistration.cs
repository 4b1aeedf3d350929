using CallService.Stats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Web.Dashboard;

/// <summary>Registers the statistics the dashboard shows (<see cref="StatisticsRegistration"/>).</summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddStatistics(configuration);
        return services;
    }
}
