using Microsoft.AspNetCore.Http;

namespace CallService.Web.Auth;

/// <summary>The web front's fixed paths and names, and which requests are API calls rather than pages.</summary>
public static class WebPaths
{
    /// <summary>The sign-in page (GET) and form target (POST); anonymous.</summary>
    public const string SignIn = "/signin";

    /// <summary>POST: signs out (antiforgery token required), then redirects to <see cref="SignIn"/>.</summary>
    public const string SignOut = "/signout";

    /// <summary>GET: the signed-in user and the antiforgery request token.</summary>
    public const string Session = "/api/session";

    /// <summary>GET: the page texts in the user's language.</summary>
    public const string Texts = "/api/texts";

    /// <summary>Anonymous static files (wwwroot/shared): the stylesheet, shared scripts.</summary>
    public const string Shared = "/shared";

    /// <summary>The agent desk's pages (wwwroot/desk): any signed-in user.</summary>
    public const string Desk = "/desk";

    /// <summary>The manager dashboard's pages (wwwroot/dashboard): managers only.</summary>
    public const string Dashboard = "/dashboard";

    /// <summary>The header scripts send the antiforgery request token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The form field forms send the antiforgery request token in.</summary>
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The sign-in cookie's name.</summary>
    public const string AuthCookie = "CallService.Auth";

    /// <summary>The antiforgery cookie's name.</summary>
    public const string AntiforgeryCookie = "CallService.Antiforgery";

    /// <summary>
    /// True for API calls (/api/..., /metrics): these answer 401/403 and are never redirected to the
    /// sign-in page, which a script or a scraper could not use.
    /// </summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Metrics.MetricsEndpoints.Route, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path of this site ("/desk/"), else "/": never
    /// "//evil.example" or "/\evil", which browsers treat as another host (open redirect).
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/')
        {
            return "/";
        }
        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
        {
            return "/";
        }
        return returnUrl.Any(char.IsControl) ? "/" : returnUrl;
    }
}
