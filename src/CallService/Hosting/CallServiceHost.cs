using CallService.Lines;
using CallService.Metrics;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using Serilog.Events;

namespace CallService.Hosting;

/// <summary>
/// Builds the one process: a WebApplication whose hosted services include the SIP engine
/// (registered by <see cref="TelephonyRegistration.AddTelephony"/>) and whose endpoints are the web
/// front on Web:Urls. Every command builds its host here, so configuration means the same everywhere.
/// </summary>
public static class CallServiceHost
{
    /// <summary>The logger category of the host's own events.</summary>
    public const string LogCategory = "CallService.Hosting";

    /// <summary>
    /// A builder with CallService's configuration rules (<see cref="HostConfiguration"/>; content
    /// root = <see cref="HostPaths.BaseDirectory"/>), Kestrel on Web:Urls, the telephony
    /// registrations and the logging of <paramref name="logging"/>.
    /// </summary>
    /// <param name="configurationArgs">Command-line configuration (--Section:Key=value), the command's own options removed.</param>
    /// <param name="logging">Serilog for the service, stderr warnings for tool commands.</param>
    public static WebApplicationBuilder CreateBuilder(string[] configurationArgs, HostLogging logging)
    {
        ArgumentNullException.ThrowIfNull(configurationArgs);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            ContentRootPath = HostPaths.BaseDirectory,
        });
        HostConfiguration.Apply(builder.Configuration, HostPaths.BaseDirectory);

        // Kestrel listens where Web:Urls says (ASPNETCORE_URLS and --urls give way to it). A bad
        // value is reported by WebOptionsValidator before Kestrel starts.
        string urls = builder.Configuration[$"{WebOptions.SectionName}:{nameof(WebOptions.Urls)}"] ?? WebOptions.DefaultUrls;
        builder.WebHost.UseUrls([.. WebOptions.SplitUrls(urls)]);

        builder.Logging.ClearProviders();
        if (logging == HostLogging.Service)
        {
            IConfiguration configuration = builder.Configuration;
            builder.Services.AddSerilog((services, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext());
        }
        else
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services.AddTelephony(builder.Configuration);
        builder.Services.AddCallServiceMetrics();
        builder.Services.AddWebAuth(builder.Configuration);
        Web.Dashboard.DashboardRegistration.AddDashboard(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Builds the application and maps the host's endpoints (GET /health, GET /metrics, the APIs, sign-in
    /// and the pages). Every endpoint needs a sign-in unless it says otherwise (docs/configuration.md,
    /// "Web sign-in"): /health and the sign-in page are anonymous, /metrics takes the scrape token.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder, HostLogging logging)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app = builder.Build();
        if (logging == HostLogging.Service)
        {
            app.UseSerilogRequestLogging(options => options.GetLevel = RequestLevel);
        }
        app.UseWebAuth();
        app.MapHealth();
        Engine.EngineEndpoints.Map(app);
        Callbacks.CallbackEndpoints.Map(app);
        Agents.AgentEndpoints.Map(app);
        Web.Desk.DeskEndpoints.Map(app);
        Web.Dashboard.DashboardEndpoints.Map(app);
        app.MapMetrics().RequireAuthorization(WebPolicies.MetricsScrape);
        app.MapWebAuth();
        return app;
    }

    /// <summary>
    /// The startup line: SIP endpoints, web URLs (as bound, so port 0 shows the real port), storage
    /// without secrets, prompts and lines; and a warning when phones elsewhere cannot reach the
    /// advertised address.
    /// </summary>
    public static void LogStarted(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        SipOptions sip = app.Services.GetRequiredService<IOptions<SipOptions>>().Value;
        StorageOptions storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        PromptsOptions prompts = app.Services.GetRequiredService<IOptions<PromptsOptions>>().Value;
        int lines = app.Services.GetRequiredService<IOptions<LinesOptions>>().Value.Lines.Count;
        ICollection<string> bound = app.Urls;
        string web = bound.Count > 0
            ? string.Join(", ", bound)
            : string.Join(", ", app.Services.GetRequiredService<IOptions<WebOptions>>().Value.UrlList);
        HostLog.Started(logger, string.Join(", ", sip.ListenEndPoints), sip.AdvertisedAddress, web, storage.Describe(), prompts.Directory, lines);
        HostLog.Runtime(logger, System.Runtime.GCSettings.IsServerGC ? "server" : "workstation", System.Runtime.GCSettings.LatencyMode.ToString(),
            Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "the runtime's default (DOTNET_GCgen0size not set)");
        if (!sip.IsAdvertisedAddressConfigured && System.Net.IPAddress.TryParse(sip.AdvertisedAddress, out var advertised)
            && System.Net.IPAddress.IsLoopback(advertised) && !System.Net.IPAddress.IsLoopback(sip.BindAddress))
        {
            HostLog.AdvertisedLoopback(logger, sip.AdvertisedAddress, sip.Address);
        }
        WebAuthRegistration.LogUsers(app.Services);
    }

    /// <summary>Creates the host's logger (for start failures and the stop line).</summary>
    public static ILogger CreateLogger(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
    }

    // Health probes and metric scrapes every few seconds would drown the request log: they log at Debug.
    private static LogEventLevel RequestLevel(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments(HealthEndpoints.Route)
            || context.Request.Path.StartsWithSegments(MetricsEndpoints.Route) ? LogEventLevel.Debug
        : LogEventLevel.Information;
}
