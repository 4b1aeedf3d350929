using Microsoft.Playwright;

namespace CallService.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (../shared/PEERS.md): no browser download, headless, and
/// the flags that stop it reaching for outside hosts (the machine has no internet). One per test class.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <summary>Where tests save screenshots: TestResults/screenshots beside the test assembly's run.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser tests need Debian's chromium (scripts/test.sh installs it).");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Arguments,
            });
            return new Browser(playwright, chromium);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (own cookies) with a desk-sized window and the given UI language.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl, string locale = "zh-CN") =>
        Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        _playwright.Dispose();
    }
}
