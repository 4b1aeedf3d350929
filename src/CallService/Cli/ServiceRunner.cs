using Microsoft.Extensions.Options;
using CallService.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallService.Cli;

/// <summary>
/// Builds the service host, checks its configuration (one line per problem on stderr, exit code 1),
/// starts it, runs a body while it is up, and stops it. Shared by run and demo.
/// </summary>
internal static class ServiceRunner
{
    /// <param name="configurationArgs">The --Section:Key=value overrides.</param>
    /// <param name="console">Where configuration and start errors go (stderr).</param>
    /// <param name="whileRunning">Runs while the host is up; gets the stopping token; returns the exit code.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> configurationArgs,
        CommandConsole console,
        Func<WebApplication, CancellationToken, Task<int>> whileRunning,
        CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            WebApplicationBuilder builder = CallServiceHost.CreateBuilder([.. configurationArgs], HostLogging.Service);
            app = CallServiceHost.Build(builder, HostLogging.Service);
        }
        catch (OptionsValidationException e)
        {
            // Endpoint mapping reads some options (agents, callbacks): a bad value surfaces here, and is
            // reported exactly like the start-up check does, one line per problem.
            StartupCheck.Report([.. e.Failures], console.Error);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // E.g. a Serilog section naming a sink that does not exist.
            await console.Error.WriteLineAsync($"CallService cannot start: {OneLine(e)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (app.ConfigureAwait(false))
        {
            IReadOnlyList<string> failures = StartupCheck.Run(app.Services);
            if (failures.Count > 0)
            {
                StartupCheck.Report(failures, console.Error);
                return ExitCodes.Failure;
            }

            ILogger logger = CallServiceHost.CreateLogger(app.Services);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // E.g. the web port is taken. The log has the stack trace; stderr gets one line.
                HostLog.StartFailed(logger, e);
                await console.Error.WriteLineAsync($"CallService failed to start: {OneLine(e)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            CallServiceHost.LogStarted(app);
            try
            {
                return await whileRunning(app, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                HostLog.Stopped(logger);
            }
        }
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C, SIGTERM, IHostApplicationLifetime.StopApplication).</summary>
    public static async Task<int> UntilStoppedAsync(WebApplication app, CancellationToken stopping)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stopping.Register(() => stopped.TrySetResult()).ConfigureAwait(false))
        {
            await stopped.Task.ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static string OneLine(Exception e) =>
        string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
