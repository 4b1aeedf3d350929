using System.Diagnostics.Metrics;
using CallService.Engine;
using CallService.Sip.Registrar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Metrics;

/// <summary>GET /metrics: the <see cref="CallServiceMetrics"/> instruments (and the runtime's) for Prometheus to scrape.</summary>
public static class MetricsEndpoints
{
    /// <summary>The route Prometheus scrapes.</summary>
    public const string Route = "/metrics";

    /// <summary>The .NET runtime's own meter (GC, thread pool, CPU time, working set).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Registers the meter, its instruments and the snapshot listener behind GET /metrics.</summary>
    public static IServiceCollection AddCallServiceMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddSingleton(sp => new CallServiceMetrics(
            sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<SipEngine>(), sp.GetService<SipRegistrar>()));
        services.AddSingleton(sp =>
        {
            Meter ours = sp.GetRequiredService<CallServiceMetrics>().Meter;
            return new MetricsSnapshotListener(meter => ReferenceEquals(meter, ours) || meter.Name == RuntimeMeterName);
        });
        return services;
    }

    /// <summary>
    /// Maps GET /metrics (Prometheus text format). The host requires the scrape policy on it
    /// (Authorization: Bearer Web:MetricsToken, or a signed-in manager; Web/Auth/WebPolicies).
    /// Creates the instruments now, so other listeners see the meter from the start.
    /// </summary>
    public static RouteHandlerBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Resolved per request, not while mapping: the listener needs the engine, whose options are
        // checked at start (a bad value must be reported by the start-up check, not thrown from here).
        return endpoints.MapGet(Route, (MetricsSnapshotListener listener) =>
                Results.Text(PrometheusTextWriter.Write(listener.Collect()), PrometheusTextWriter.ContentType))
            .WithName("Metrics");
    }
}
