using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Xunit.Abstractions;

namespace CallService.Tests.Web.Desk;

/// <summary>
/// The desk API over HTTP against the real product: sign-in required, each agent sees and writes only
/// their own line's calls (a manager every line), the event stream starts with a snapshot, and a PUT
/// without the antiforgery header is refused.
/// </summary>
[Collection("real peers")]
public sealed class DeskHttpTests(ITestOutputHelper output)
{
    private const string Password = "desk-pass-1";

    private static readonly string[] TwoLines =
    [
        // A second line, answered at the bar by bob; ayi answers the first (sales).
        "--Lines:1:Number=property", "--Lines:1:DisplayName=融创物业", "--Lines:1:Desk=bar",
        "--Lines:1:GreetingPrompt=greeting.wav", "--Lines:1:GreetingScript=您好,融创物业!", "--Lines:1:HoldAudio=hold-music.wav",
        "--Agents:0:Id=ayi", "--Agents:0:DisplayName=阿怡", "--Agents:0:SipUser=ayi", "--Agents:0:Ha1Md5=00000000000000000000000000000000",
        "--Agents:0:Desk=front-desk", "--Agents:0:Lines:0=sales",
        "--Agents:1:Id=bob", "--Agents:1:DisplayName=Bob", "--Agents:1:SipUser=bob", "--Agents:1:Ha1Md5=00000000000000000000000000000000",
        "--Agents:1:Desk=bar", "--Agents:1:Lines:0=property",
        .. WebUsers.Args(1, "ayi", WebRoles.Agent, Password, agentId: "ayi"),
        .. WebUsers.Args(2, "bob", WebRoles.Agent, Password, agentId: "bob"),
    ];

    [Fact]
    public async Task Only_signed_in_users_see_the_desk_and_each_agent_only_their_own_line_s_calls()
    {
        await using var product = await ProductProcess.StartAsync(TwoLines);
        var web = new Uri($"http://127.0.0.1:{product.WebPort}");

        // Without sign-in: the page redirects to the sign-in page, the API answers 401.
        (HttpClient anonymous, _) = WebSession.NewClient(web);
        using (anonymous)
        {
            using HttpResponseMessage pageAnswer = await anonymous.GetAsync("/desk/");
            Assert.Equal(HttpStatusCode.Redirect, pageAnswer.StatusCode);
            Assert.Equal("/signin", pageAnswer.Headers.Location!.AbsolutePath);
            foreach (string api in new[] { "/api/desk/events", "/api/desk/calls" })
            {
                using HttpResponseMessage answer = await anonymous.GetAsync(api);
                Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            }
            using HttpResponseMessage put = await anonymous.PutAsJsonAsync("/api/calls/x/notes", new { surname = "王" });
            Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        }

        using WebSession ayi = await product.SessionAsync("ayi", Password);
        using WebSession bob = await product.SessionAsync("bob", Password);
        using WebSession manager = await product.ManagerSessionAsync();

        // A call to bob's line: nobody's headset is registered, so the service answers and the caller waits.
        using var rtp = new RtpRecorder();
        await using var caller = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "property", "-key", "caller", "13700000005", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "15000"]);

        await Eventually.TrueAsync(async () => (await CallsAsync(bob)).GetArrayLength() == 1, "bob sees the call", 15_000);
        JsonElement seen = (await CallsAsync(bob))[0];
        Assert.Equal("property", seen.GetProperty("line").GetString());
        Assert.Equal("13700000005", seen.GetProperty("callerNumber").GetString());
        Assert.Equal(1, (await CallsAsync(manager)).GetArrayLength());
        Assert.Equal(0, (await CallsAsync(ayi)).GetArrayLength());
        JsonElement ayiSnapshot = await SnapshotAsync(ayi);
        Assert.Equal(["sales"], ayiSnapshot.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("number").GetString()));
        Assert.Equal("ayi", ayiSnapshot.GetProperty("viewer").GetProperty("agentId").GetString());

        // The event stream starts with the snapshot of bob's line.
        using (var stream = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            using HttpResponseMessage events = await bob.Http.GetAsync("/api/desk/events", HttpCompletionOption.ResponseHeadersRead, stream.Token);
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(stream.Token));
            Assert.Equal("retry: 2000", await reader.ReadLineAsync(stream.Token));
            Assert.Equal("", await reader.ReadLineAsync(stream.Token));
            Assert.Equal("event: snapshot", await reader.ReadLineAsync(stream.Token));
            string data = (await reader.ReadLineAsync(stream.Token))!;
            output.WriteLine(data);
            Assert.StartsWith("data: {", data);
            using JsonDocument snapshot = JsonDocument.Parse(data["data: ".Length..]);
            Assert.Equal("13700000005", snapshot.RootElement.GetProperty("calls")[0].GetProperty("callerNumber").GetString());
        }

        // Notes: ayi may not write on bob's line; bob may, but only with the antiforgery header.
        string callId = seen.GetProperty("callId").GetString()!;
        string notes = $"/api/calls/{Uri.EscapeDataString(callId)}/notes";
        using (HttpResponseMessage foreign = await ayi.Http.PutAsJsonAsync(notes, new { surname = "王" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }
        (HttpClient noToken, CookieContainer cookies) = WebSession.NewClient(web);
        using (noToken)
        {
            foreach (Cookie cookie in bob.Cookies.GetAllCookies())
            {
                cookies.Add(cookie);
            }
            using HttpResponseMessage refused = await noToken.PutAsJsonAsync(notes, new { surname = "王" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Antiforgery", await refused.Content.ReadAsStringAsync());
        }
        using (HttpResponseMessage invalid = await bob.Http.PutAsJsonAsync(notes, new { surname = new string('王', 21), honorific = "小姐" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
            using JsonDocument problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync());
            output.WriteLine(problem.RootElement.ToString());
            Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(["honorific", "surname"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        }
        using (HttpResponseMessage saved = await bob.Http.PutAsJsonAsync(notes, new { surname = " 王 ", honorific = "先生", request = "物业费" }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        Assert.Equal(0, await caller.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var record = Assert.Single(await product.CallsAsync());
        Assert.Equal(("王", "先生", "物业费"), (record.Surname, record.Honorific, record.Request));
    }

    private static async Task<JsonElement> CallsAsync(WebSession session) =>
        (await SnapshotAsync(session)).GetProperty("calls");

    private static async Task<JsonElement> SnapshotAsync(WebSession session)
    {
        using JsonDocument document = JsonDocument.Parse(await session.Http.GetStringAsync("/api/desk/calls"));
        return document.RootElement.Clone();
    }
}
