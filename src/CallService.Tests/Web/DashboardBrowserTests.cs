using System.Globalization;
using CallService.Records;
using CallService.Stats;
using CallService.Tests.Stats;
using CallService.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CallService.Tests.Web;

/// <summary>
/// The manager dashboard in a real Chromium against the real product process: signed in as the
/// manager, the page shows for a period the same figures `report --format json` prints for it, draws
/// its charts, and a screenshot is kept (Browser.ScreenshotFolder).
/// </summary>
[Collection("real peers")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_dashboard_for_the_fixture_days_shows_what_the_report_command_prints()
    {
        await using ProductProcess product = await ProductProcess.StartAsync(LineArgs);
        await InsertFixtureAsync(product.Database);
        StatisticsReport byAgent = await ReportAsync(product, "2025-06-02", "2025-06-03", "agent");

        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await OpenDashboardAsync(browser, product, "?from=2025-06-02&to=2025-06-03");

        // The hand-worked figures of the fixture (StatisticsCalculatorTests): 13 offered (16 received,
        // a rejected and a still-ringing call left out... as the report says), 5 of 13 within target.
        Assert.Equal(5.0 / 13, byAgent.Overall.ServiceLevel);
        await AssertPeriodFiguresAsync(page, byAgent);
        await AssertAgentTableAsync(page, byAgent);

        // The ring histogram has one bar per band with the report's counts.
        RingDistribution rings = byAgent.Overall.RingsToAnswer;
        long[] expected = [rings.UpTo1, rings.From1To2, rings.From2To3, rings.From3To4, rings.Over4];
        IReadOnlyList<string> bars = await page.Locator("#chart-rings rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.count)");
        Assert.Equal(expected.Select(n => n.ToString(CultureInfo.InvariantCulture)), bars);

        await SaveScreenshotAsync(page, "dashboard-fixture.png");

        // A browser that prefers English gets the English texts, the same figures.
        IPage english = await OpenDashboardAsync(browser, product, "?from=2025-06-02&to=2025-06-03", "en-US");
        Assert.Equal("Call statistics", await english.Locator("h1").TextContentAsync());
        Assert.Equal("Service level", await english.Locator("#period-service-level .label").TextContentAsync());
        Assert.Equal("38.5%", await english.Locator("#period-service-level .value").TextContentAsync());
    }

    [Fact]
    public async Task The_dashboard_of_the_last_30_days_of_demo_data_matches_the_report_and_draws_its_charts()
    {
        await using ProductProcess product = await ProductProcess.StartAsync(LineArgs);
        // Generated calls up to today (Stats:TimeZone), through the product's own command.
        await using (ExternalProcess seed = ExternalProcess.Start("dotnet",
            [ProductProcess.ProductDll, "seed-demo-data", "--calls", "12000", "--days", "35", .. product.CommonArgs, .. LineArgs], product.WorkDir))
        {
            int exit = await seed.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == 0, $"seed-demo-data exited {exit}:\n{seed.Output}");
        }

        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await OpenDashboardAsync(browser, product, "");
        // The default period: the 30 days to today.
        string from = await page.InputValueAsync("#from");
        string to = await page.InputValueAsync("#to");
        Assert.Equal(29, DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber
            - DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber);
        StatisticsReport byAgent = await ReportAsync(product, from, to, "agent");
        Assert.True(byAgent.Overall.Offered > 5000, $"only {byAgent.Overall.Offered} calls offered");

        await AssertPeriodFiguresAsync(page, byAgent);
        await AssertAgentTableAsync(page, byAgent);
        // A dot per day with calls on the trend, 168 cells in the heat map, today's figures shown.
        StatisticsReport byDay = await ReportAsync(product, from, to, "day");
        Assert.Equal(byDay.Groups.Count(g => g.Statistics.ServiceLevel is not null), await page.Locator("#chart-trend circle.dot").CountAsync());
        Assert.Equal(168, await page.Locator("#chart-heatmap rect[data-key]").CountAsync());
        // The trend's date labels (first, weekly ticks, last) never run into each other: over 30 days the
        // last day's label used to overlap a weekly tick's a few days before it ("11-2б2").
        double[][] labels = await page.EvalOnSelectorAllAsync<double[][]>("#chart-trend text[y='210']",
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }).sort((a, b) => a[0] - b[0])");
        Assert.True(labels.Length >= 3, $"{labels.Length} date labels on the trend");
        for (int i = 1; i < labels.Length; i++)
        {
            Assert.True(labels[i][0] >= labels[i - 1][1], $"trend label {i} starts at {labels[i][0]:F1}, before label {i - 1} ends at {labels[i - 1][1]:F1}");
        }
        await page.Locator("#today-offered .value").WaitForAsync();
        StatisticsReport today = await ReportAsync(product, to, to, "none");
        // Today's live figure is at least what the report saw a moment before (the seeded day is complete).
        Assert.Equal(today.Overall.Offered.ToString(CultureInfo.InvariantCulture), await page.Locator("#today-offered .value").TextContentAsync());

        // The exports: the agent table as the report's CSV, the raw records one row per call.
        IAPIResponse table = await page.APIRequest.GetAsync(await page.Locator("#export-table").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, table.Status);
        string tableCsv = await table.TextAsync();
        Assert.Equal(byAgent.Groups.Count + 2, tableCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        IAPIResponse calls = await page.APIRequest.GetAsync(await page.Locator("#export-calls").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, calls.Status);
        Assert.Equal(byAgent.Overall.Received + 1, (await calls.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        await SaveScreenshotAsync(page, "dashboard.png");
    }

    [Fact]
    public async Task The_dashboard_and_its_api_are_for_managers_only()
    {
        await using ProductProcess product = await ProductProcess.StartAsync(
            [.. LineArgs, .. WebUsers.Settings(1, "amy", "agent", "amy-pass-1", agentId: "li.na").Select(p => $"--{p.Key}={p.Value}"), 
              "--Agents:0:Id=li.na", "--Agents:0:DisplayName=李娜", "--Agents:0:SipUser=8001", "--Agents:0:Ha1Md5=0123456789abcdef0123456789abcdef", "--Agents:0:Desk=front-desk", "--Agents:0:Lines:0=sales"]);
        using var anonymous = new HttpClient { BaseAddress = product.WebAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/stats/dashboard?from=2025-06-02&to=2025-06-03")).StatusCode);
        using WebSession agent = await product.SessionAsync("amy", "amy-pass-1");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/stats/dashboard?from=2025-06-02&to=2025-06-03")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/dashboard/")).StatusCode);
        using WebSession manager = await product.ManagerSessionAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await manager.Http.GetAsync("/api/stats/dashboard?from=2025-06-02&to=2025-06-03")).StatusCode);
        HttpResponseMessage bad = await manager.Http.GetAsync("/api/stats/dashboard?from=2025-06-04&to=2025-06-03");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("before from", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The fixture's lines with their targets (sales 2 rings, bar 3), as StatisticsFixture assumes.</summary>
    private static readonly string[] LineArgs =
    [
        "--Lines:0:Number=sales", "--Lines:0:DisplayName=销售热线", "--Lines:0:Desk=front-desk", "--Lines:0:TargetRings=2",
        "--Lines:1:Number=bar", "--Lines:1:DisplayName=水吧", "--Lines:1:Desk=bar", "--Lines:1:TargetRings=3",
        "--Lines:1:GreetingPrompt=greeting.wav", "--Lines:1:HoldAudio=hold-music.wav", "--Lines:1:GreetingScript=您好,海逸长洲!",
        "--Lines:2:Number=showroom", "--Lines:2:DisplayName=展厅", "--Lines:2:Desk=showroom", "--Lines:2:TargetRings=2",
        "--Lines:2:GreetingPrompt=greeting.wav", "--Lines:2:HoldAudio=hold-music.wav", "--Lines:2:GreetingScript=您好,海逸长洲!",
    ];

    /// <summary>The hand-built records, written beside the running service as another writer would.</summary>
    private static async Task InsertFixtureAsync(string database)
    {
        await using var store = new SqliteCallRecordStore(database, new FakeTimeProvider(StatisticsFixture.To), NullLogger.Instance);
        await store.InitializeAsync(CancellationToken.None);
        await Task.WhenAll(StatisticsFixture.All.Select(r => store.InsertAsync(r, CancellationToken.None)));
    }

    /// <summary>Runs `report --format json` on the product's database and configuration.</summary>
    private static async Task<StatisticsReport> ReportAsync(ProductProcess product, string from, string to, string by)
    {
        await using ExternalProcess report = ExternalProcess.Start("dotnet",
            [ProductProcess.ProductDll, "report", "--from", from, "--to", to, .. (by == "none" ? Array.Empty<string>() : ["--by", by]), "--format", "json", .. product.CommonArgs, .. product.ExtraArgs], product.WorkDir);
        int exit = await report.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"report exited {exit}:\n{report.Output}");
        string text = report.Output;
        return StatisticsReportJson.Parse(text[text.IndexOf('{')..(text.LastIndexOf('}') + 1)]);
    }

    private static async Task<IPage> OpenDashboardAsync(Browser browser, ProductProcess product, string query, string locale = "zh-CN")
    {
        IBrowserContext context = await browser.NewContextAsync(product.WebAddress.ToString(), locale);
        IPage page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/" + query);
        // Not signed in: the sign-in page, then back to the dashboard.
        await page.FillAsync("#userName", WebUsers.Manager);
        await page.FillAsync("#password", WebUsers.ManagerPassword);
        await page.ClickAsync("#signin-submit");
        await page.WaitForSelectorAsync("body[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Equal(locale == "zh-CN" ? "zh-CN" : "en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        return page;
    }

    private static async Task AssertPeriodFiguresAsync(IPage page, StatisticsReport report)
    {
        CallStatistics s = report.Overall;
        Assert.Equal(Text(s.Offered), await page.Locator("#period-offered .value").TextContentAsync());
        Assert.Equal(Text(s.AnsweredByAgent), await page.Locator("#period-answered-by-agent .value").TextContentAsync());
        Assert.Equal(Text(s.AnsweredByAgentWithinTarget), await page.Locator("#period-within-target .value").TextContentAsync());
        Assert.Equal(Text(s.Abandoned), await page.Locator("#period-abandoned .value").TextContentAsync());
        Assert.Equal(Text(s.AutoAnswered), await page.Locator("#period-auto-answered .value").TextContentAsync());
        Assert.Equal(Text(s.ShortAbandons), await page.Locator("#period-short-abandons .value").TextContentAsync());
        // The service level: the same number to the last digit, shown as a percentage with one decimal.
        string? shown = await page.Locator("#period-service-level .value").GetAttributeAsync("data-value");
        Assert.Equal(s.ServiceLevel, double.Parse(shown!, CultureInfo.InvariantCulture));
        Assert.Equal((s.ServiceLevel!.Value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%",
            await page.Locator("#period-service-level .value").TextContentAsync());
    }

    private static async Task AssertAgentTableAsync(IPage page, StatisticsReport byAgent)
    {
        ILocator rows = page.Locator("#agents tbody tr");
        Assert.Equal(byAgent.Groups.Count, await rows.CountAsync());
        foreach (StatisticsGroup group in byAgent.Groups)
        {
            ILocator cells = page.Locator($"#agents tbody tr[data-agent=\"{group.Key}\"] td");
            Assert.Equal(Text(group.Statistics.Offered), await cells.Nth(1).TextContentAsync());
            string level = group.Statistics.ServiceLevel is { } l ? (l * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "—";
            Assert.Equal(level, await cells.Nth(2).TextContentAsync());
            Assert.Equal(Text(group.Statistics.Holds.Holds), await cells.Nth(4).TextContentAsync());
            CallbackStatistics callbacks = group.Statistics.Callbacks;
            Assert.Equal($"{Text(callbacks.Offered)} / {Text(callbacks.Accepted)} / {Text(callbacks.Completed)}", await cells.Nth(5).TextContentAsync());
        }
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(Browser.ScreenshotFolder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
