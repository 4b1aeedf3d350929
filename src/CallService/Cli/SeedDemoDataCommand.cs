using CallService.Engine;
using CallService.Hosting;
using CallService.Records;
using CallService.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Cli;

/// <summary>
/// seed-demo-data --calls N [--days D] [--seed S] [--end DATE] [--append]: writes generated call records
/// (<see cref="DemoCallGenerator"/>) into the configured store through the store itself
/// (InitializeAsync, then InsertAsync many at a time, which the SQLite writer commits in batches), so
/// the database is exactly as the service leaves it. Refuses a store that already holds calls unless --append, so a
/// production database is not mixed with made-up calls by a slip.
/// </summary>
public static class SeedDemoDataCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "seed-demo-data";

    /// <summary>Inserts in flight at once: enough to fill the writer's batches, bounded so memory stays flat.</summary>
    private const int InFlight = 4096;

    /// <summary>Writes the records into <paramref name="store"/> (initialised here); returns how many.</summary>
    /// <param name="store">A store not yet initialised.</param>
    /// <param name="settings">What to generate.</param>
    /// <param name="append">Write even if the store already holds calls.</param>
    /// <param name="progress">Told the count written so far, every 100,000 records.</param>
    /// <param name="cancellationToken">Stops between inserts.</param>
    /// <exception cref="InvalidOperationException">the store holds calls and <paramref name="append"/> is false.</exception>
    public static async Task<int> SeedAsync(
        ICallRecordStore store, DemoDataSettings settings, bool append, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (!append && (await store.ListAsync(new CallRecordQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            throw new InvalidOperationException("the store already holds call records; give --append to add demo calls to them, or point Storage:ConnectionString at a new database");
        }
        var pending = new Queue<Task<long>>(InFlight);
        int written = 0;
        foreach (CallRecord record in new DemoCallGenerator(settings).Generate())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pending.Count == InFlight)
            {
                await pending.Dequeue().ConfigureAwait(false);
            }
            pending.Enqueue(store.InsertAsync(record, cancellationToken));
            written++;
            if (written % 100_000 == 0)
            {
                progress?.Invoke(written);
            }
        }
        while (pending.Count > 0)
        {
            await pending.Dequeue().ConfigureAwait(false);
        }
        return written;
    }

    /// <summary>The whole command: parse, build the host's configuration, seed, say what was written.</summary>
    public static async Task<int> RunCommandLineAsync(IReadOnlyList<string> args, CommandConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        if (!SeedDemoDataArguments.TryParse(args, out SeedDemoDataArguments? arguments, out string? error))
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
        if (!ReportCommand.TryReadSettings(app.Services, console, out StorageOptions? storage, out StatisticsOptions? options))
        {
            return ExitCodes.Failure;
        }
        var settings = new DemoDataSettings
        {
            Calls = arguments.Calls,
            Days = arguments.Days,
            Seed = arguments.Seed,
            LastDay = arguments.LastDay ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options!.TimeZone).DateTime),
            TimeZone = options!.TimeZone,
        };
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CallService.Records");
        try
        {
            int written;
            await using (ICallRecordStore store = EngineServiceCollectionExtensions.CreateStore(storage!, time, logger))
            {
                written = await SeedAsync(store, settings, arguments.Append,
                    count => console.Error.WriteLine($"{Name}: {count} calls written"), cancellationToken).ConfigureAwait(false);
            }
            await console.Out.WriteLineAsync(
                $"{Name}: wrote {written} demo calls from {settings.FirstDay:yyyy-MM-dd} to {settings.LastDay:yyyy-MM-dd} ({options.TimeZone.Id}), seed {settings.Seed}, into {storage!.Describe()}")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
