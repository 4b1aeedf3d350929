namespace CallService.Hosting;

/// <summary>The web front (agent desk, dashboard, /health); the "Web" section.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section: "Web".</summary>
    public const string SectionName = "Web";

    /// <summary>The default of <see cref="Urls"/>: every IPv4 interface, port 8080.</summary>
    public const string DefaultUrls = "http://0.0.0.0:8080";

    /// <summary>
    /// Semicolon-separated URLs Kestrel listens on (default "http://0.0.0.0:8080"), e.g.
    /// "http://0.0.0.0:8080;https://0.0.0.0:8443". Port 0 picks a free port.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Values that could not be read from configuration, one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary><see cref="Urls"/> split at ';', blanks trimmed, empty entries dropped.</summary>
    public IReadOnlyList<string> UrlList => SplitUrls(Urls);

    /// <summary>Splits a URL list at ';' (the ASP.NET Core "urls" convention).</summary>
    public static IReadOnlyList<string> SplitUrls(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
