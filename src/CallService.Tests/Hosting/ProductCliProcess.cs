using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CallService.Tests.Hosting;

/// <summary>
/// The built product's command line run as its own process: <c>dotnet CallService.dll</c> with exactly
/// the arguments, environment and standard input a test gives, from the copy the test project's
/// reference puts beside this assembly (with appsettings.json and prompts/). Standard output and error
/// are kept apart for assertions; the process is killed when the test ends. (The service set up to take
/// calls, on free ports with its own database, is <see cref="Support.ProductProcess"/>.)
/// </summary>
internal sealed class ProductCliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _all = new();

    private ProductCliProcess(Process process) => _process = process;

    /// <summary>The product's entry assembly in the test output directory.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "CallService.dll");

    public string StandardOutput => Read(_stdout);

    public string StandardError => Read(_stderr);

    /// <summary>Both streams, interleaved as received.</summary>
    public string Output => Read(_all);

    /// <summary>Starts the product.</summary>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="stdin">Written to its standard input, which is then closed.</param>
    /// <param name="workingDirectory">Where it starts (default: the temp folder, not its base directory).</param>
    public static ProductCliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string stdin = "", string? workingDirectory = null)
    {
        Assert.True(File.Exists(DllPath), $"{DllPath} is missing: build the test project (it references CallService).");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Only what the test says reaches the product's configuration.
        foreach (string key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("CallService__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var product = new ProductCliProcess(process);
        process.OutputDataReceived += (_, e) => product.Append(product._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => product.Append(product._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return product;
    }

    /// <summary>Waits for the process to end by itself; kills it and fails the test when it takes longer.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"CallService did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until <paramref name="text"/> appears in the output; fails when the process exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
                Assert.Fail($"CallService exited ({_process.ExitCode}) before writing \"{text}\". Output:\n{Output}");
            }
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"\"{text}\" did not appear within {timeout.TotalSeconds} s. Output:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Asks the process to stop as systemd or Ctrl+C would (SIGTERM).</summary>
    public void Terminate()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a POSIX system.");
        Assert.Equal(0, Kill(_process.Id, SigTerm));
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string DotnetHost()
    {
        // The muxer running these tests runs the product too; else the one the SDK names, else PATH.
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_all)
        {
            stream.AppendLine(line);
            _all.AppendLine(line);
        }
    }

    private string Read(StringBuilder stream)
    {
        lock (_all)
        {
            return stream.ToString();
        }
    }
}
