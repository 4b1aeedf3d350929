using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallService.Hosting;

/// <summary>The body of GET /health.</summary>
/// <param name="Status">"ok" while the process serves requests.</param>
public sealed record HealthStatus(string Status);

/// <summary>GET /health: the liveness probe of load balancers and Kamailio's dispatcher monitoring.</summary>
public static class HealthEndpoints
{
    /// <summary>The route of the probe.</summary>
    public const string Route = "/health";

    /// <summary>
    /// Maps GET /health answering 200 {"status":"ok"}. Anonymous (with only the sign-in page and
    /// /shared): marked AllowAnonymous so that the web front's fallback policy (sign in) does not close it.
    /// </summary>
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Route, () => TypedResults.Ok(new HealthStatus("ok")))
            .AllowAnonymous()
            .WithName("Health");
    }
}
