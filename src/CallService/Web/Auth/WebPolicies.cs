namespace CallService.Web.Auth;

/// <summary>
/// The authorization policies of the web front. Every endpoint without one of these (or AllowAnonymous)
/// falls under the fallback policy: any signed-in user.
/// </summary>
public static class WebPolicies
{
    /// <summary>Signed in as a manager: <c>.RequireAuthorization(WebPolicies.Manager)</c>.</summary>
    public const string Manager = "manager";

    /// <summary>Signed in as an agent or a manager (the same as the fallback, said explicitly).</summary>
    public const string DeskUser = "desk-user";

    /// <summary>GET /metrics: the scrape token (Authorization: Bearer Web:MetricsToken) or a signed-in manager.</summary>
    public const string MetricsScrape = "metrics-scrape";
}
