using CallService.Engine;
using CallService.Hosting;
using CallService.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace CallService.Cli;

/// <summary>
/// calls --json [--since &lt;time&gt;]: prints the call records as JSON. The records come through a
/// delegate seam, (since, cancellation) => JSON text, which <see cref="FromServices"/> wires to the
/// call-record store.
/// </summary>
/// <param name="readCallsJson">Returns the JSON of the calls that started at or after the instant (all when null).</param>
public sealed class CallsCommand(Func<DateTimeOffset?, CancellationToken, Task<string>> readCallsJson)
{
    /// <summary>The command name.</summary>
    public const string Name = "calls";

    private readonly Func<DateTimeOffset?, CancellationToken, Task<string>> _readCallsJson =
        readCallsJson ?? throw new ArgumentNullException(nameof(readCallsJson));

    /// <summary>
    /// The command as the dispatcher uses it, over the services of a (not started) host built with the
    /// same configuration as the service. This is where the call-record store is plugged in.
    /// </summary>
    public static CallsCommand FromServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CallService.Records");
        return new CallsCommand(async (since, cancellationToken) =>
        {
            // Read only: no migration and no closing of open records, so it is safe while the service runs.
            await using var store = EngineServiceCollectionExtensions.CreateStore(storage, time, logger);
            store.OpenForReading();
            IReadOnlyList<CallRecord> records;
            try
            {
                records = await store.ListAsync(new CallRecordQuery { Since = since }, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
            {
                records = []; // the service has not run on this database yet
            }
            return CallRecordJson.ToJson(records, indented: true);
        });
    }

    /// <summary>Prints the JSON on stdout; a failure of the seam is one line on stderr and exit code 1.</summary>
    public async Task<int> RunAsync(DateTimeOffset? since, CommandConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        string json;
        try
        {
            json = await _readCallsJson(since, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            StartupCheck.Report([.. e.Failures], console.Error);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        await console.Out.WriteLineAsync(json).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The whole command: parse the arguments after "calls", build the host's services, print.</summary>
    public static async Task<int> RunCommandLineAsync(
        IReadOnlyList<string> args, CommandConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        if (!CallsArguments.TryParse(args, time.GetUtcNow(), time.LocalTimeZone, out CallsArguments? arguments, out string? error))
        {
            await console.Error.WriteLineAsync(error).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"Run \"CallService {Name} --help\" for the usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (arguments!.HelpRequested)
        {
            Usage.WriteCommand(Name, console.Out);
            return ExitCodes.Ok;
        }

        WebApplicationBuilder builder = CallServiceHost.CreateBuilder([.. arguments.ConfigurationArgs], HostLogging.Tool);
        await using WebApplication app = CallServiceHost.Build(builder, HostLogging.Tool);
        return await FromServices(app.Services).RunAsync(arguments.Since, console, cancellationToken).ConfigureAwait(false);
    }

}
