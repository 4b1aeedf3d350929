using CallService.Web.Texts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CallService.Web.Auth;

/// <summary>
/// The sign-in endpoints: GET/POST /signin (anonymous), POST /signout, GET /api/session, GET /api/texts,
/// GET / (to the desk or the dashboard), and the page folders /shared (anonymous), /desk (signed in) and
/// /dashboard (managers).
/// </summary>
public static class WebAuthEndpoints
{
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Maps the endpoints; <see cref="WebAuthRegistration.UseWebAuth"/> must be in the pipeline.</summary>
    public static void MapWebAuth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(WebPaths.SignIn, ShowSignIn).AllowAnonymous().WithName("SignInPage").ExcludeFromDescription();
        endpoints.MapPost(WebPaths.SignIn, SignInAsync).AllowAnonymous().WithName("SignIn").ExcludeFromDescription();
        endpoints.MapPost(WebPaths.SignOut, SignOutAsync).WithName("SignOut").ExcludeFromDescription();
        endpoints.MapGet(WebPaths.Session, Session).WithName("Session");
        endpoints.MapGet(WebPaths.Texts, (HttpContext http, IOptions<WebAuthOptions> options) =>
            TypedResults.Ok(WebTexts.All(WebLanguage.Resolve(options.Value.Language, http.Request)))).WithName("Texts");
        endpoints.MapGet("/", (HttpContext http) =>
            Results.Redirect(DeskUser.Current(http)?.IsManager == true ? WebPaths.Dashboard + "/" : WebPaths.Desk + "/")).WithName("Home").ExcludeFromDescription();

        endpoints.MapWebFolder(WebPaths.Shared, "shared").AllowAnonymous();
        endpoints.MapWebFolder(WebPaths.Desk, "desk").RequireAuthorization(WebPolicies.DeskUser);
        endpoints.MapWebFolder(WebPaths.Dashboard, "dashboard").RequireAuthorization(WebPolicies.Manager);
    }

    // Signed in already: the page says as whom and offers to sign out (the desk's and dashboard's
    // sign-out buttons are forms like this one).
    private static IResult ShowSignIn(HttpContext http, string? returnUrl, IAntiforgery antiforgery, IOptions<WebAuthOptions> options, WebUserStore users) =>
        Page(http, antiforgery, options.Value, WebPaths.SafeReturnUrl(returnUrl), null,
            users.Users.Count == 0 ? WebTexts.Get(Language(http, options.Value), "signin.noUsers") : null, StatusCodes.Status200OK,
            DeskUser.Current(http)?.DisplayName);

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, IOptions<WebAuthOptions> options, WebUserStore users, TimeProvider time, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Sign in with the form fields userName and password (application/x-www-form-urlencoded).");
        }
        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        string userName = form["userName"].ToString().Trim();
        string password = form["password"].ToString();
        string returnUrl = WebPaths.SafeReturnUrl(form["returnUrl"].ToString());
        string language = Language(http, options.Value);
        ILogger logger = loggers.CreateLogger(WebAuthLog.Category);
        string? remote = http.Connection.RemoteIpAddress?.ToString();
        if (userName.Length == 0 || password.Length == 0)
        {
            return Page(http, antiforgery, options.Value, returnUrl, userName, WebTexts.Get(language, "signin.missing"), StatusCodes.Status400BadRequest);
        }

        SignInResult result = users.SignIn(userName, password);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                WebUser user = result.User!;
                await http.SignInAsync(Scheme, WebClaims.PrincipalOf(user, Scheme)).ConfigureAwait(false);
                WebAuthLog.SignedIn(logger, user.UserName, user.Role, remote);
                return Results.Redirect(returnUrl);
            case SignInOutcome.LockedOut:
                DateTimeOffset until = result.LockedUntil!.Value;
                WebAuthLog.LockedOut(logger, userName, until, remote);
                int minutes = (int)Math.Ceiling(Math.Max(0, (until - time.GetUtcNow()).TotalMinutes));
                return Page(http, antiforgery, options.Value, returnUrl, userName,
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, WebTexts.Get(language, "signin.lockedOut"), Math.Max(1, minutes)),
                    StatusCodes.Status429TooManyRequests);
            default:
                WebAuthLog.SignInFailed(logger, userName, remote);
                return Page(http, antiforgery, options.Value, returnUrl, userName, WebTexts.Get(language, "signin.failed"), StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, ILoggerFactory loggers)
    {
        string? userName = http.User.Identity?.Name;
        await http.SignOutAsync(Scheme).ConfigureAwait(false);
        if (userName is not null)
        {
            WebAuthLog.SignedOut(loggers.CreateLogger(WebAuthLog.Category), userName);
        }
        return Results.Redirect(WebPaths.SignIn);
    }

    private static IResult Session(HttpContext http, IAntiforgery antiforgery, IOptions<WebAuthOptions> options)
    {
        DeskUser user = DeskUser.Current(http)!;
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.Ok(new WebSessionView(
            user.UserName, user.DisplayName, user.Role, user.AgentId, user.Lines,
            Language(http, options.Value), WebPaths.AntiforgeryHeader, tokens.RequestToken!));
    }

    private static IResult Page(
        HttpContext http, IAntiforgery antiforgery, WebAuthOptions options, string returnUrl, string? userName, string? message, int status, string? signedInAs = null)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers["Content-Security-Policy"] = SignInPage.ContentSecurityPolicy;
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Content(SignInPage.Render(Language(http, options), tokens.RequestToken!, returnUrl, userName, message, signedInAs),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    private static string Language(HttpContext http, WebAuthOptions options) => WebLanguage.Resolve(options.Language, http.Request);
}
