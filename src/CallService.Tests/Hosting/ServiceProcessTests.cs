using System.Net;
using System.Net.Sockets;
using CallService.Tests.Support;

namespace CallService.Tests.Hosting;

/// <summary>
/// The built product as a process: a bad configuration stops it with one line per problem (exit 1),
/// environment and command-line overrides, /health, and a clean stop on SIGTERM. Every process gets
/// free ports and a private folder for its logs and database, and is killed when the test ends.
/// </summary>
public sealed class ServiceProcessTests
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Free ports and private paths, so no test touches 5060/8080 or the output folder's logs. The RTP
    /// range is moved away from the free SIP port, which may fall in the default 20000..29999.
    /// </summary>
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

    [Fact]
    public async Task AutoAnswerAfterRings_9_stops_the_service_with_one_line_naming_the_key()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        List<string> args = IsolatedArgs(root, FreePort.ForSip(), FreePort.ForSip());
        args.Add("--Lines:0:AutoAnswerAfterRings=9");
        await using var product = ProductCliProcess.Start(args);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(1, exitCode);
        string[] naming = Lines(product.Output).Where(l => l.Contains("Lines:0:AutoAnswerAfterRings", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["Lines:0:AutoAnswerAfterRings = 9: must be between 0 and 3 for a front-desk line (the handbook's maximum)"], naming);
        Assert.Contains(naming[0], product.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", product.Output, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("CallService started", product.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_override_is_read_and_named_when_bad()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        List<string> args = IsolatedArgs(root, FreePort.ForSip(), FreePort.ForSip());
        args.RemoveAll(a => a.StartsWith("--Sip:Port=", StringComparison.Ordinal));
        await using var product = ProductCliProcess.Start(args, new Dictionary<string, string> { ["CallService__Sip__Port"] = "0" });

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(Lines(product.StandardError), l => l.Contains("Sip:Port", StringComparison.Ordinal));
        Assert.Equal("Sip:Port = 0: must be between 1 and 65535 (the SIP port for UDP and TCP; 5060 is usual)", line);
    }

    [Fact]
    public async Task The_command_line_wins_over_the_environment_and_every_problem_has_its_line()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        List<string> args = IsolatedArgs(root, FreePort.ForSip(), FreePort.ForSip());
        args.RemoveAll(a => a.StartsWith("--Sip:RtpPort", StringComparison.Ordinal));
        args.Add("--Sip:RtpPortMin=20001");
        args.Add("--Sip:RtpPortMax=20999");
        args.Add("--Storage:Provider=postgres");
        var environment = new Dictionary<string, string>
        {
            ["CallService__Sip__Port"] = "0",                  // overridden by --Sip:Port=<free>
            ["CallService__Lines__0__Desk"] = "lobby",         // read: the prefix works for arrays too
            ["Lines__0__TargetRings"] = "9",                   // ignored: no CallService__ prefix
        };
        await using var product = ProductCliProcess.Start(args, environment);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(1, exitCode);
        string[] errors = Lines(product.StandardError);
        Assert.DoesNotContain(errors, l => l.StartsWith("Sip:Port", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, l => l.Contains("TargetRings", StringComparison.Ordinal));
        Assert.Single(errors, l => l.StartsWith("Sip:RtpPortMin = 20001: must be even", StringComparison.Ordinal));
        Assert.Single(errors, l => l.StartsWith("Storage:ConnectionString names no Host", StringComparison.Ordinal));
        Assert.Single(errors, l => l.StartsWith("Lines:0:Desk = \"lobby\": must be one of", StringComparison.Ordinal));
        Assert.Equal("CallService cannot start: fix the 3 settings above (appsettings.json, CallService__ environment variables or --Section:Key=value; see docs/configuration.md).", errors[^1]);
    }

    [Fact]
    public async Task The_service_answers_health_logs_its_endpoints_and_stops_on_SIGTERM()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        int sipPort = FreePort.ForSip();
        int webPort = FreePort.ForSip();
        // Started from another folder: appsettings.json and prompts/ are still found beside the dll.
        await using var product = ProductCliProcess.Start(IsolatedArgs(root, sipPort, webPort), workingDirectory: root.Path);

        await product.WaitForOutputAsync("CallService started", StartBound);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using HttpResponseMessage response = await http.GetAsync(new Uri($"http://127.0.0.1:{webPort}/health"));
        string body = await response.Content.ReadAsStringAsync();
        product.Terminate();
        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"ok\"}", body);
        string started = Assert.Single(Lines(product.StandardOutput), l => l.Contains("CallService started", StringComparison.Ordinal));
        Assert.Contains($"SIP udp:127.0.0.1:{sipPort}, tcp:127.0.0.1:{sipPort} advertised as 127.0.0.1", started, StringComparison.Ordinal);
        Assert.Contains($"web http://127.0.0.1:{webPort}", started, StringComparison.Ordinal);
        Assert.Contains($"storage sqlite {root.Combine("calls.db")}", started, StringComparison.Ordinal);
        Assert.Contains($"prompts {Path.Combine(AppContext.BaseDirectory, "prompts")}", started, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Contains("CallService stopped", product.StandardOutput, StringComparison.Ordinal);
        string logFile = Assert.Single(Directory.GetFiles(root.Combine("logs"), "callservice-*.log"));
        Assert.Contains("CallService started", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_web_port_fails_the_start_with_one_line_and_exit_1()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int webPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var product = ProductCliProcess.Start(IsolatedArgs(root, FreePort.ForSip(), webPort));

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(Lines(product.StandardError));
        Assert.StartsWith("CallService failed to start: ", line, StringComparison.Ordinal);
        Assert.Contains(webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
