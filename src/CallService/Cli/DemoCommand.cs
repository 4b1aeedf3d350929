using Microsoft.AspNetCore.Builder;

namespace CallService.Cli;

/// <summary>
/// demo: runs the service (built, checked and started exactly as by run) and hands its services to a
/// delegate seam that places a demonstration call and reports on stdout; the service stops when the
/// delegate returns, and its return value is the exit code.
/// </summary>
/// <param name="run">The demonstration: (services of the started host, stdout, stopping token) => exit code.</param>
public sealed class DemoCommand(Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> run)
{
    /// <summary>The command name.</summary>
    public const string Name = "demo";

    private readonly Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> _run =
        run ?? throw new ArgumentNullException(nameof(run));

    /// <summary>The command as the dispatcher uses it, over the started host's services. This is where the demonstration is plugged in.</summary>
    public static DemoCommand FromServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new DemoCommand(Demo.DemoRun.RunAsync);
    }

    /// <summary>Runs the demonstration against the started host.</summary>
    /// <param name="services">The started host's services.</param>
    /// <param name="console">Where to report.</param>
    /// <param name="stopping">Cancelled when the service is asked to stop (Ctrl+C, SIGTERM).</param>
    public Task<int> RunAsync(IServiceProvider services, CommandConsole console, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);
        return _run(services, console.Out, stopping);
    }

    /// <summary>The whole command: parse the arguments after "demo", start the service, run the demonstration, stop.</summary>
    public static async Task<int> RunCommandLineAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        CommandArguments parsed = CommandArguments.Parse(Name, args, [], []);
        if (parsed.HelpRequested)
        {
            Usage.WriteCommand(Name, console.Out);
            return ExitCodes.Ok;
        }
        if (parsed.Error is not null)
        {
            await console.Error.WriteLineAsync(parsed.Error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        // Free loopback ports and a throwaway database first; the user's own overrides still win.
        string temp = Directory.CreateTempSubdirectory("callservice-demo-").FullName;
        return await ServiceRunner.RunAsync(
            [.. Demo.DemoRun.DefaultArguments(temp), .. parsed.ConfigurationArgs],
            console,
            (WebApplication app, CancellationToken stopping) => FromServices(app.Services).RunAsync(app.Services, console, stopping),
            cancellationToken).ConfigureAwait(false);
    }
}
