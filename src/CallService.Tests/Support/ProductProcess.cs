using System.Text.Json;
using CallService.Records;

namespace CallService.Tests.Support;

/// <summary>
/// The product as a newcomer runs it: `dotnet CallService.dll` in its own process, on free loopback
/// ports, with a temporary database. Tests talk to it only through SIP, RTP, HTTP and its commands.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    private ExternalProcess? _process;

    private ProductProcess(string workDir, int sipPort, int webPort, IReadOnlyList<string> extraArgs)
    {
        WorkDir = workDir;
        SipPort = sipPort;
        WebPort = webPort;
        ExtraArgs = extraArgs;
        Database = Path.Combine(workDir, "calls.db");
    }

    public string WorkDir { get; }

    public int SipPort { get; }

    public int WebPort { get; }

    public string Database { get; }

    public IReadOnlyList<string> ExtraArgs { get; }

    public string Output => _process?.Output ?? string.Empty;

    /// <summary>The rolling log files so far (millisecond timestamps, unlike the console), for a failing test's output.</summary>
    public string LogFiles()
    {
        string folder = Path.Combine(WorkDir, "logs");
        if (!Directory.Exists(folder))
        {
            return "(no log files)";
        }
        var text = new System.Text.StringBuilder();
        foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append("== ").Append(file).Append('\n').Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    public int Pid => _process!.Id;

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The built product next to this test project's output (same configuration).</summary>
    public static string ProductDll
    {
        get
        {
            string testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            string productDir = testDir.Replace($"{Path.DirectorySeparatorChar}CallService.Tests{Path.DirectorySeparatorChar}",
                $"{Path.DirectorySeparatorChar}CallService{Path.DirectorySeparatorChar}");
            string dll = Path.Combine(productDir, "CallService.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the product first: {dll} is missing.");
        }
    }

    /// <summary>The web front's address.</summary>
    public Uri WebAddress => new($"http://127.0.0.1:{WebPort}");

    /// <summary>
    /// Arguments every test run needs: free ports, the temp database, the bundled prompts, and the web
    /// front's manager (Web:Users:0, <see cref="WebUsers.Manager"/>) and scrape token
    /// (<see cref="WebUsers.MetricsToken"/>). Tests add users from Web:Users:1 on.
    /// </summary>
    public IEnumerable<string> CommonArgs =>
    [
        $"--Sip:Address=127.0.0.1",
        $"--Sip:Port={SipPort}",
        "--Sip:RtpPortMin=50000",
        "--Sip:RtpPortMax=54999",
        $"--Web:Urls=http://127.0.0.1:{WebPort}",
        $"--Storage:Provider=sqlite",
        $"--Storage:ConnectionString=Data Source={Database}",
        $"--Prompts:Directory={Path.Combine(Peers.RepoRoot, "samples", "prompts")}",
        $"--Serilog:WriteTo:1:Args:path={Path.Combine(WorkDir, "logs", "callservice-.log")}",
        .. WebUsers.ManagerSettings().Select(pair => $"--{pair.Key}={pair.Value}"),
    ];

    /// <summary>An HttpClient signed in as the manager (cookie + antiforgery header).</summary>
    public Task<WebSession> ManagerSessionAsync() => WebSession.ManagerAsync(WebAddress);

    /// <summary>An HttpClient signed in as <paramref name="userName"/>.</summary>
    public Task<WebSession> SessionAsync(string userName, string password) => WebSession.SignInAsync(WebAddress, userName, password);

    public static async Task<ProductProcess> StartAsync(params string[] extraArgs)
    {
        var product = new ProductProcess(Directory.CreateTempSubdirectory("callservice-").FullName, FreePort.ForSip(), FreePort.ForSip(), extraArgs);
        try
        {
            await product.RestartAsync();
        }
        catch
        {
            await product.DisposeAsync(); // a service that never got ready must not outlive the test
            throw;
        }
        return product;
    }

    /// <summary>Starts (again) on the same ports and database, and waits until it takes calls.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _process = ExternalProcess.Start("dotnet", [ProductDll, .. CommonArgs, .. ExtraArgs], WorkDir);
        await _process.WaitForOutputAsync("SIP engine listening on", TimeSpan.FromSeconds(90));
        // The web port opens after the hosted services have started.
        await _process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(30));
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-9", Pid.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>Runs `calls --json` against the same database and parses what it prints.</summary>
    public async Task<IReadOnlyList<CallRecord>> CallsAsync(string? since = null)
    {
        var args = new List<string> { ProductDll, "calls", "--json" };
        if (since is not null)
        {
            args.AddRange(["--since", since]);
        }
        args.AddRange(CommonArgs);
        await using var command = ExternalProcess.Start("dotnet", args, WorkDir);
        int exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        string output = command.Output;
        Assert.True(exit == 0, $"calls --json exited {exit}:\n{output}");
        int start = output.IndexOf('[');
        int end = output.LastIndexOf(']');
        Assert.True(start >= 0 && end > start, $"no JSON array in:\n{output}");
        return CallRecordJson.ParseArray(output[start..(end + 1)]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
