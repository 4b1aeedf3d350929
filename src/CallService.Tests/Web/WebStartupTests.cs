using System.Net;
using CallService.Tests.Hosting;
using CallService.Tests.Support;

namespace CallService.Tests.Web;

/// <summary>The built product at start: bad web users stop it with one line each; no users is a warning saying how to add one.</summary>
public sealed class WebStartupTests
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(20);

    private static List<string> IsolatedArgs(HostTempDirectory root, int sipPort, int webPort) =>
    [
        "--Sip:Address=127.0.0.1",
        $"--Sip:Port={sipPort}",
        sipPort >= 40000 ? "--Sip:RtpPortMin=20000" : "--Sip:RtpPortMin=50000",
        sipPort >= 40000 ? "--Sip:RtpPortMax=20999" : "--Sip:RtpPortMax=50999",
        $"--Web:Urls=http://127.0.0.1:{webPort}",
        $"--Storage:ConnectionString=Data Source={root.Combine("calls.db")}",
        $"--Serilog:WriteTo:1:Args:path={root.Combine("logs", "callservice-.log")}",
    ];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Bad_web_users_stop_the_service_with_one_line_each_and_no_password_in_sight()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        List<string> args = IsolatedArgs(root, FreePort.ForSip(), FreePort.ForSip());
        args.AddRange(
        [
            "--Web:Users:0:UserName=ayi", "--Web:Users:0:Role=agent", "--Web:Users:0:AgentId=ayi", "--Web:Users:0:PasswordHash=ayi-plain-secret",
            "--Web:Users:1:UserName=boss", "--Web:Users:1:Role=boss", $"--Web:Users:1:PasswordHash={WebUsers.HashOf("pw-1")}",
            "--Web:Lockout=5",
        ]);
        await using var product = ProductCliProcess.Start(args);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(1, exitCode);
        string[] web = [.. Lines(product.StandardError).Where(l => l.StartsWith("Web:", StringComparison.Ordinal))];
        Assert.Equal(
        [
            "Web:Lockout is not a known setting: the Web section has Urls, Users, Language, MaxFailedSignIns, LockoutMinutes, SessionMinutes, MetricsToken (see docs/configuration.md)",
            "Web:Users:0:AgentId = \"ayi\": is not a configured agent (Agents:n:Id); no agents are configured",
            "Web:Users:0:PasswordHash has 16 characters but is not a password hash: paste what \"CallService hash-password --web\" prints (never the password itself)",
            "Web:Users:1:Role = \"boss\": must be one of agent, manager",
        ], web);
        Assert.DoesNotContain("ayi-plain-secret", product.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CallService started", product.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_users_the_service_runs_says_how_to_add_one_and_lets_nobody_in()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        int webPort = FreePort.ForSip();
        await using var product = ProductCliProcess.Start(IsolatedArgs(root, FreePort.ForSip(), webPort), workingDirectory: root.Path);
        await product.WaitForOutputAsync("CallService started", TimeSpan.FromSeconds(60));

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        using HttpResponseMessage health = await http.GetAsync("/health");
        using HttpResponseMessage home = await http.GetAsync("/");
        string signIn = await http.GetStringAsync("/signin");
        product.Terminate();
        Assert.Equal(0, await product.WaitForExitAsync(ExitBound));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("尚未配置任何用户", signIn, StringComparison.Ordinal);
        string warning = Assert.Single(Lines(product.StandardOutput), l => l.Contains("No web users are configured", StringComparison.Ordinal));
        Assert.Contains("CallService hash-password --web", warning, StringComparison.Ordinal);
    }
}
