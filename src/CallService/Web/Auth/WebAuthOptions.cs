namespace CallService.Web.Auth;

/// <summary>
/// Sign-in settings of the web front, read from the "Web" section beside Web:Urls: the users, the page
/// language, the lockout, the session length and the /metrics scrape token.
/// </summary>
public sealed class WebAuthOptions
{
    /// <summary>The default of <see cref="MaxFailedSignIns"/>.</summary>
    public const int DefaultMaxFailedSignIns = 5;

    /// <summary>The default of <see cref="LockoutMinutes"/>.</summary>
    public const int DefaultLockoutMinutes = 15;

    /// <summary>The default of <see cref="SessionMinutes"/>.</summary>
    public const int DefaultSessionMinutes = 480;

    /// <summary>The shortest scrape token accepted.</summary>
    public const int MinMetricsTokenLength = 16;

    /// <summary>The keys of the Web section this class reads (Web:Urls is <c>WebOptions</c>').</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [nameof(Users), nameof(Language), nameof(MaxFailedSignIns), nameof(LockoutMinutes), nameof(SessionMinutes), nameof(MetricsToken)];

    /// <summary>Web:Users: who may sign in. None by default (then nobody can: the service logs how to add one).</summary>
    public List<WebUserOptions> Users { get; } = [];

    /// <summary>The configuration path of each element of <see cref="Users"/> ("Web:Users:0"...).</summary>
    public List<string> Paths { get; } = [];

    /// <summary>
    /// Web:Language: "auto" (default: the browser's Accept-Language picks zh-CN or English, zh-CN when it
    /// names neither), or "zh-CN" / "en" for every browser.
    /// </summary>
    public string Language { get; set; } = Texts.WebLanguage.Auto;

    /// <summary>Web:MaxFailedSignIns: wrong passwords in a row before a user name is locked out (1..100).</summary>
    public int MaxFailedSignIns { get; set; } = DefaultMaxFailedSignIns;

    /// <summary>Web:LockoutMinutes: how long a locked-out user name stays locked (1..1440).</summary>
    public int LockoutMinutes { get; set; } = DefaultLockoutMinutes;

    /// <summary>Web:SessionMinutes: a session ends after this many minutes without a request (sliding; 5..10080).</summary>
    public int SessionMinutes { get; set; } = DefaultSessionMinutes;

    /// <summary>
    /// Web:MetricsToken: the bearer token Prometheus sends to GET /metrics (at least 16 characters);
    /// empty: only a signed-in manager may read /metrics.
    /// </summary>
    public string? MetricsToken { get; set; }

    /// <summary>Values that could not be read, one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary>The configuration path of user <paramref name="index"/>.</summary>
    public string PathOf(int index) =>
        index < Paths.Count ? Paths[index] : $"Web:Users:{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
