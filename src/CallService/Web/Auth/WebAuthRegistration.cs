using CallService.Agents;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CallService.Web.Auth;

/// <summary>
/// The web front's security, registered once: users from Web:Users (checked at start), cookie
/// authentication, the roles' policies with a fallback that requires a sign-in everywhere, antiforgery.
/// </summary>
public static class WebAuthRegistration
{
    /// <summary>
    /// Registers <see cref="WebAuthOptions"/> (validated at start), <see cref="WebUserStore"/>, cookie
    /// authentication (HttpOnly, SameSite=Strict, sliding Web:SessionMinutes; API paths get 401/403
    /// instead of a redirect), authorization (fallback: signed in; <see cref="WebPolicies"/>) and
    /// antiforgery (header <see cref="WebPaths.AntiforgeryHeader"/>).
    /// </summary>
    public static IServiceCollection AddWebAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebAuthOptions>().Configure(o => WebAuthOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebAuthOptions>, WebAuthOptionsValidator>(provider =>
            new WebAuthOptionsValidator(provider.GetService<IOptions<AgentsOptions>>())));
        services.TryAddSingleton(provider => new WebUserStore(
            provider.GetRequiredService<IOptions<WebAuthOptions>>().Value,
            id => provider.GetRequiredService<IOptions<AgentsOptions>>().Value.Agents
                .FirstOrDefault(a => string.Equals(a?.Id?.Trim(), id, StringComparison.OrdinalIgnoreCase))?.DisplayName,
            provider.GetRequiredService<TimeProvider>()));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebAuthOptions>, TimeProvider>((cookie, web, time) => ConfigureCookie(cookie, web.Value, time));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WebPolicies.DeskUser, policy => policy.RequireAuthenticatedUser().RequireRole(WebRoles.Agent, WebRoles.Manager))
            .AddPolicy(WebPolicies.Manager, policy => policy.RequireAuthenticatedUser().RequireRole(WebRoles.Manager))
            .AddPolicy(WebPolicies.MetricsScrape, policy => policy.RequireAssertion(context =>
                context.User.IsInRole(WebRoles.Manager)
                || (context.Resource is HttpContext http
                    && MetricsToken.Matches(http.Request, http.RequestServices.GetRequiredService<IOptions<WebAuthOptions>>().Value.MetricsToken))));

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = WebPaths.AntiforgeryHeader;
            antiforgery.FormFieldName = WebPaths.AntiforgeryField;
            antiforgery.Cookie.Name = WebPaths.AntiforgeryCookie;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>
    /// Adds the security middleware: response headers, authentication, authorization, then the
    /// <see cref="AntiforgeryGuard"/> for state-changing requests. Call before mapping endpoints.
    /// </summary>
    public static WebApplication UseWebAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryGuard>();
        return app;
    }

    /// <summary>Logs who may sign in, or, with nobody configured, how to add a user.</summary>
    public static void LogUsers(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(WebAuthLog.Category);
        WebAuthOptions options = services.GetRequiredService<IOptions<WebAuthOptions>>().Value;
        if (options.Users.Count == 0)
        {
            WebAuthLog.NoUsers(logger);
        }
        else
        {
            WebAuthLog.Users(logger, options.Users.Count, options.MaxFailedSignIns, options.LockoutMinutes);
        }
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, WebAuthOptions web, TimeProvider time)
    {
        cookie.Cookie.Name = WebPaths.AuthCookie;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromMinutes(web.SessionMinutes);
        cookie.SlidingExpiration = true;
        cookie.TimeProvider = time;
        cookie.LoginPath = WebPaths.SignIn;
        cookie.LogoutPath = WebPaths.SignOut;
        cookie.ReturnUrlParameter = "returnUrl";
        // Scripts and scrapers cannot follow a redirect to a sign-in form: they get the status itself.
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (WebPaths.IsApi(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                if (context.Request.Path.StartsWithSegments(Metrics.MetricsEndpoints.Route))
                {
                    context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"metrics\"";
                }
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
