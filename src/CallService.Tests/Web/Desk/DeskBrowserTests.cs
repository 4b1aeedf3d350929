using System.Net.Http.Json;
using CallService.Records;
using CallService.Sip.Media;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CallService.Tests.Web.Desk;

/// <summary>
/// The agent desk in a real browser (Debian's chromium through Playwright) against the real product
/// process, a sipp caller and a baresip softphone as the agent's headset.
/// </summary>
[Collection("real peers")]
public sealed class DeskBrowserTests(ITestOutputHelper output)
{
    private const string Password = AgentAccountArgs.Password;
    private const int AgentToneHz = 700;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private const string WebPassword = "desk-pass-1";

    private static string[] AgentArgs(string id, string displayName) =>
    [
        .. WebUsers.Args(1, id, WebRoles.Agent, WebPassword, agentId: id),
        $"--Sip:Realm={AgentAccountArgs.Realm}",
        .. AgentAccountArgs.For(0, id, displayName),
    ];

    private static ExternalProcess Caller(ProductProcess product, RtpRecorder rtp, string number, string display, int talkMs) =>
        ExternalProcess.Start("sipp",
        [
            "-sf", Path.Combine(Peers.RepoRoot, "src", "CallService.Tests", "Web", "Desk", "desk-caller.xml"),
            $"127.0.0.1:{product.SipPort}", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-s", "sales", "-key", "caller", number, "-key", "display", display, "-key", "rtp_port", rtp.Port.ToString(),
            "-m", "1", "-d", talkMs.ToString(), "-nostdin", "-timeout", "120s", "-timeout_error",
        ]);

    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(Browser.ScreenshotFolder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    [Fact]
    public async Task An_agent_sees_the_call_ring_answers_on_the_headset_writes_the_notes_and_holds_and_resumes_the_caller()
    {
        // Three rings before the service answers itself (the front desk's limit): the agent answers in
        // ring 2 with 5 s to spare, also when the machine is busy.
        await using var product = await ProductProcess.StartAsync([.. AgentArgs("ayi", "阿怡"), "--Lines:0:AutoAnswerAfterRings=3"]);
        var deskEvents = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            await AnswerWriteHoldAndResumeAsync(product, deskEvents);
        }
        catch
        {
            // What the service logged (with milliseconds) and which desk events the page got, and when.
            output.WriteLine(product.LogFiles());
            output.WriteLine("desk events seen by the page:\n" + string.Join('\n', deskEvents));
            throw;
        }
    }

    private async Task AnswerWriteHoldAndResumeAsync(ProductProcess product, System.Collections.Concurrent.ConcurrentQueue<string> deskEvents)
    {
        await using var headset = await BaresipPhone.StartAsync(
            $"<sip:ayi@127.0.0.1:{product.SipPort}>;auth_pass={Password};regint=60;answermode=manual;audio_codecs=PCMU", toneHz: AgentToneHz);
        await headset.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));

        await using Browser browser = await Browser.LaunchAsync();
        await using IBrowserContext context = await browser.NewContextAsync($"http://127.0.0.1:{product.WebPort}");
        IPage page = await context.NewPageAsync();
        await page.AddInitScriptAsync(LogDeskEvents);
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("desk-event ", StringComparison.Ordinal))
            {
                deskEvents.Enqueue(message.Text);
            }
        };
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await SignInAsync(page, "ayi");
        await Expect(page.Locator("#link")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#who")).ToHaveTextAsync("阿怡");

        // The caller's display name is markup: it must arrive as text.
        const string display = "<script>alert(1)</script>";
        using var rtp = new RtpRecorder();
        await using var sipp = Caller(product, rtp, "13700000001", display, talkMs: 40_000);

        // Ringing, with the ring counter of the line's cadence (5 s rings) advancing from 1 to 2.
        ILocator card = page.Locator("#incoming li.ringing");
        await Expect(card.Locator(".ring-count")).ToHaveTextAsync("第 1 声", new() { Timeout = 10_000 });
        await Expect(card.Locator(".number")).ToContainTextAsync(display + " · 13700000001");
        await Expect(card.Locator(".history")).ToHaveTextAsync("首次来电");
        await Expect(card.Locator(".ring-count")).ToHaveTextAsync("第 2 声", new() { Timeout = 7_000 });
        output.WriteLine("screenshot: " + await ScreenshotAsync(page, "desk-ringing.png"));

        // The agent answers on the headset during ring 2: the page shows the call connected, with the script.
        await headset.WaitForOutputAsync("Incoming call", TimeSpan.FromSeconds(5));
        await headset.CommandAsync("/accept");
        await Expect(page.Locator("#call-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
        DateTime connectedSeen = DateTime.UtcNow;
        await Expect(page.Locator("#no-incoming")).ToBeVisibleAsync();
        await Expect(page.Locator("#call-caller")).ToHaveTextAsync(display + " · 13700000001");
        await Expect(page.Locator("#script-greeting")).ToHaveTextAsync("您好,海逸长洲!我是阿怡");
        await Expect(page.Locator("#script-surname")).ToHaveTextAsync("请问您贵姓?");
        await Expect(page.Locator("#script-closing")).ToHaveTextAsync("请问还有其他需要吗?感谢您的来电");

        // The classic probe is too long for a surname: the server's field error is shown, as text.
        await page.Locator("#surname").FillAsync("");
        await page.EvaluateAsync("() => document.getElementById('surname').removeAttribute('maxlength')");
        await page.Locator("#surname").FillAsync("<script>alert(1)</script>");
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#surname-error")).ToHaveTextAsync("The surname may have at most 20 characters (25 given).");

        // A surname with a script tag within the limit, and a request that would run script if it were HTML.
        const string surname = "<script>王</script>";
        const string request = "<img src=x onerror=alert(1)> 周六上午看三房,想了解车位价格";
        await page.Locator("#surname").FillAsync(surname);
        await page.Locator("input[name=honorific][value=先生]").CheckAsync();
        await page.Locator("#request").FillAsync(request);
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#saved")).ToHaveTextAsync("已保存");
        await Expect(page.Locator("#surname-error")).ToHaveTextAsync("");
        output.WriteLine("screenshot: " + await ScreenshotAsync(page, "desk-connected.png"));

        // Connected: the caller hears the agent's headset (700 Hz), in the second after the page showed
        // the call connected (the notes above can take less than a second: earlier audio is the ringback).
        DateTime from = connectedSeen.AddMilliseconds(300), to = from.AddSeconds(1);
        await Eventually.True(() => rtp.Packets.Count(p => p.ArrivedUtc > to) > 0, "caller receives audio a second after the connect");
        double bridgedHz = DominantHz(rtp, from, to);
        output.WriteLine($"caller hears {bridgedHz:F0} Hz while connected");
        Assert.InRange(bridgedHz, AgentToneHz - 20, AgentToneHz + 20);

        // Hold: the caller's audio becomes the hold music, and the countdown to the callback offer runs.
        // Stamped before the click: Playwright may report the click done after the hold has begun.
        DateTime heldAt = DateTime.UtcNow;
        await page.Locator("#hold").ClickAsync();
        await Expect(page.Locator("#call-state")).ToHaveAttributeAsync("data-state", "held", new() { Timeout = 3_000 });
        await Expect(page.Locator("#countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(30|29|28) 秒后向来电者提供回电$"));
        await Eventually.True(() => rtp.Packets.Count(p => p.ArrivedUtc > heldAt) >= 150, "3 s of audio on hold", 10_000);
        var hold = Prompt.Load("hold", Path.Combine(Peers.RepoRoot, "samples", "prompts", "hold-music.wav"));
        short[] heardOnHold = AudioMatch.Decode(AudioCodecKind.Pcmu,
            rtp.Packets.Where(p => p.ArrivedUtc > heldAt).Take(150).Select(p => (ReadOnlyMemory<byte>)p.Payload));
        var match = AudioMatch.BestCorrelation(hold.PcmFor(AudioCodecKind.Pcmu).Span[..8000], heardOnHold);
        output.WriteLine($"hold music correlation {match.Correlation:F3} at lag {match.Lag} samples");
        Assert.True(match.Correlation > 0.8, $"hold music correlation {match.Correlation:F3}");
        Assert.InRange(match.Lag, 0, 8000 / 2); // the hold music starts within half a second of the click
        int secondsLeft = int.Parse(await page.Locator("#countdown").GetAttributeAsync("data-seconds") ?? "-1");
        Assert.InRange(secondsLeft, 24, 28);

        // Resume: the caller hears the agent again.
        DateTime resumedAt = DateTime.UtcNow;
        await page.Locator("#resume").ClickAsync();
        await Expect(page.Locator("#call-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 3_000 });
        await Expect(page.Locator("#countdown")).ToHaveTextAsync("");
        await Eventually.True(() => rtp.Packets.Count(p => p.ArrivedUtc > resumedAt.AddMilliseconds(500)) >= 50, "1 s of audio after resume", 10_000);
        double resumedHz = DominantHz(rtp, resumedAt.AddMilliseconds(500), DateTime.UtcNow);
        output.WriteLine($"caller hears {resumedHz:F0} Hz after resume");
        Assert.InRange(resumedHz, AgentToneHz - 20, AgentToneHz + 20);

        // Nothing the caller or the agent typed ran as script or became markup.
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("#call img, #incoming img, #call script").CountAsync());
        Assert.Equal(surname, await page.Locator("#surname").InputValueAsync());

        // The caller hangs up; the form stays on the ended call, and notes saved afterwards are kept too.
        Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Expect(page.Locator("#call-state")).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = 5_000 });
        await page.Locator("#request").FillAsync(request + "\n回电请在下午");
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#saved")).ToHaveTextAsync("已保存");

        CallRecord record = Assert.Single(await product.CallsAsync());
        output.WriteLine($"record: surname {record.Surname}, honorific {record.Honorific}, request {record.Request}, holds {record.HoldCount}");
        Assert.Equal(surname, record.Surname);
        Assert.Equal("先生", record.Honorific);
        Assert.Equal(request + "\n回电请在下午", record.Request);
        Assert.Equal(display, record.CallerDisplayName);
        Assert.Equal("ayi", record.AgentId);
        Assert.Equal("ayi", record.AnsweredBy); // in ring 2, before the service would have answered
        Assert.InRange(record.Rings!.Value, 1.0, 2.9);
        Assert.Equal(1, record.HoldCount);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Matches("Call .*notes saved by ayi: surname \"?<script>王</script>", product.Output);
    }

    [Fact]
    public async Task A_returning_caller_is_recognised_and_the_callback_list_offers_call_back_now_done_and_failed()
    {
        // The agent is configured but their headset is not registered: the service answers, says the desk
        // will call back, and lists a callback request (README "Front-desk headsets").
        await using var product = await ProductProcess.StartAsync(AgentArgs("ayi", "阿怡"));
        using var rtp = new RtpRecorder();
        await using (var first = Caller(product, rtp, "13700000002", "Lee", talkMs: 1_000))
        {
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        // The agent writes down who it was, after the call (the notes API, as the page does).
        using WebSession agent = await product.SessionAsync("ayi", WebPassword);
        string firstCallId = Assert.Single(await product.CallsAsync()).CallId;
        using (HttpResponseMessage saved = await agent.Http.PutAsJsonAsync($"/api/calls/{Uri.EscapeDataString(firstCallId)}/notes",
            new { surname = "李", honorific = "女士", request = "想预约周六看样板间" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        }

        await using Browser browser = await Browser.LaunchAsync();
        await using IBrowserContext context = await browser.NewContextAsync($"http://127.0.0.1:{product.WebPort}");
        IPage page = await context.NewPageAsync();
        await SignInAsync(page, "ayi");
        await Expect(page.Locator("#link")).ToHaveAttributeAsync("data-state", "live");
        ILocator callback = page.Locator("#callbacks li.callback");
        await Expect(callback).ToHaveCountAsync(1);
        await Expect(callback.Locator(".number")).ToHaveTextAsync("李 · Lee · 13700000002");
        await Expect(callback.Locator(".request")).ToHaveTextAsync("想预约周六看样板间");

        // The same number calls again: while it rings, the desk shows what the records know.
        await using var second = Caller(product, rtp, "13700000002", "Lee", talkMs: 1_000);
        ILocator card = page.Locator("#incoming li.ringing");
        await Expect(card.Locator(".history")).ToHaveTextAsync("李女士,1 次来电,上次事项:想预约周六看样板间", new() { Timeout = 10_000 });
        output.WriteLine("screenshot: " + await ScreenshotAsync(page, "desk-callbacks.png"));
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        // "Call back now" asks the dialer (503 with a reason while none is configured); the answer is shown as text.
        IResponse dial = await page.RunAndWaitForResponseAsync(
            () => callback.First.Locator("button.call-now").ClickAsync(),
            r => r.Url.EndsWith("/call", StringComparison.Ordinal) && r.Request.Method == "POST");
        output.WriteLine($"call back now: {dial.Status}");
        Assert.Contains(dial.Status, new[] { 202, 503 });
        if (dial.Status == 503)
        {
            await Expect(callback.First.Locator(".problem")).ToContainTextAsync("暂不可用:");
        }

        // Failed, then done: each is a PATCH with the antiforgery header, and a done request leaves the list.
        await Expect(page.Locator("#callbacks li.callback")).ToHaveCountAsync(2, new() { Timeout = 10_000 }); // the second call's request
        ILocator firstRequest = page.Locator("#callbacks li.callback", new() { HasText = "想预约周六看样板间" });
        string id = (await firstRequest.GetAttributeAsync("data-callback-id"))!;
        await firstRequest.Locator("button.failed").ClickAsync();
        await Expect(page.Locator($"#callbacks li[data-callback-id='{id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed"));
        await page.Locator($"#callbacks li[data-callback-id='{id}'] button.done").ClickAsync();
        await Expect(page.Locator($"#callbacks li[data-callback-id='{id}']")).ToHaveCountAsync(0);
        string listed = await agent.Http.GetStringAsync($"/api/callbacks/{id}");
        Assert.Contains("\"status\":\"done\"", listed);

        // With Web:Language = auto (the default) a browser that prefers English gets the English table.
        await using IBrowserContext english = await browser.NewContextAsync($"http://127.0.0.1:{product.WebPort}", locale: "en-US");
        IPage englishPage = await english.NewPageAsync();
        await SignInAsync(englishPage, "ayi");
        await Expect(englishPage.Locator("h1")).ToHaveTextAsync("Front desk");
        await Expect(englishPage.Locator("#callbacks-title")).ToHaveTextAsync("Callbacks");
        await Expect(englishPage.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    // Logs every Server-Sent Event the desk receives to the console, with the browser's time, so that a
    // failing test can show what the page got and when.
    private const string LogDeskEvents = """
        (() => {
          const add = EventSource.prototype.addEventListener;
          EventSource.prototype.addEventListener = function (type, listener, options) {
            add.call(this, type, (e) => console.log("desk-event " + new Date().toISOString() + " " + type + " " + (e.data || "").slice(0, 1000)), options);
            return add.call(this, type, listener, options);
          };
        })();
        """;

    /// <summary>Opens the desk the way an agent does: the sign-in page first, then back to /desk/.</summary>
    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/desk/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl="));
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(WebPassword);
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/desk/$"));
    }

    private static double DominantHz(RtpRecorder rtp, DateTime from, DateTime to) =>
        ToneAnalysis.DominantFrequency(
            AudioMatch.Decode(AudioCodecKind.Pcmu, rtp.Packets.Where(p => p.ArrivedUtc > from && p.ArrivedUtc <= to).Select(p => (ReadOnlyMemory<byte>)p.Payload)),
            8000, 200, 1500);
}
