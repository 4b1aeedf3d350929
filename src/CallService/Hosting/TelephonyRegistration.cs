using CallService.Agents;
using CallService.Callbacks;
using CallService.Engine;
using CallService.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CallService.Hosting;

/// <summary>The one place the telephony side of the service is registered; Program calls it for every command.</summary>
public static class TelephonyRegistration
{
    /// <summary>
    /// Registers the host's <see cref="TimeProvider"/> (the system clock unless one is registered already), the typed options (Sip, Web, Storage, Prompts) and the sales lines, all checked at
    /// start. The SIP engine (transport, stack, registrar, call handling) is registered here too, as a
    /// hosted service: <c>services.AddHostedService&lt;...&gt;()</c> below the options.
    /// </summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // DESIGN.md "Time": every timer reads this one clock; tests replace it with a FakeTimeProvider.
        services.TryAddSingleton(TimeProvider.System);
        services.AddServiceOptions(configuration);
        services.AddSalesLines(configuration);

        services.AddAgents(configuration);
        // The callback list lives beside the call records (SQLite file or PostgreSQL database).
        services.AddCallbacks();
        services.AddCallbackDialing(configuration);
        services.AddSipEngine();
        return services;
    }
}
