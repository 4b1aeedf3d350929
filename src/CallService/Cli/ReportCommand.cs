using CallService.Hosting;
using CallService.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallService.Cli;

/// <summary>
/// report --from DATE --to DATE [--line L] [--desk D] [--agent A] [--by agent|desk|day|hour|line]
/// [--format table|csv|json]: the ring-time statistics of docs/metrics.md over the configured store,
/// read only (safe while the service runs). Days are whole days in Stats:TimeZone, --to included.
/// </summary>
public static class ReportCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "report";

    /// <summary>Computes the report from <paramref name="source"/> and prints it; a failure is one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(
        ReportArguments arguments, IStatisticsSource source, StatisticsOptions options, CommandConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        StatisticsReport report;
        try
        {
            report = await source.ComputeAsync(arguments.ToQuery(options.TimeZone), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        Write(report, arguments.Format, console.Out);
        return ExitCodes.Ok;
    }

    /// <summary>Prints a report in the chosen format.</summary>
    public static void Write(StatisticsReport report, StatisticsReportFormat format, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (format)
        {
            case StatisticsReportFormat.Json:
                writer.WriteLine(StatisticsReportJson.ToJson(report));
                break;
            case StatisticsReportFormat.Csv:
                StatisticsReportCsv.Write(report, writer);
                break;
            default:
                StatisticsReportTable.Write(report, writer);
                break;
        }
    }

    /// <summary>The whole command: parse the arguments after "report", read the configuration, compute, print.</summary>
    public static async Task<int> RunCommandLineAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!ReportArguments.TryParse(args, out ReportArguments? arguments, out string? error))
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
        if (!TryReadSettings(app.Services, console, out StorageOptions? storage, out StatisticsOptions? options))
        {
            return ExitCodes.Failure;
        }
        IStatisticsSource source;
        try
        {
            source = StatisticsSources.Create(storage!, options!);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        return await RunAsync(arguments, source, options!, console, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Storage and Stats settings of the host's configuration; false (after printing one line per problem) when they are bad.</summary>
    internal static bool TryReadSettings(
        IServiceProvider services, CommandConsole console, out StorageOptions? storage, out StatisticsOptions? options)
    {
        storage = null;
        options = StatisticsOptionsReader.Read(services.GetRequiredService<IConfiguration>(), out IReadOnlyList<string> failures);
        var problems = new List<string>(failures);
        try
        {
            storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        if (problems.Count > 0)
        {
            StartupCheck.Report(problems, console.Error);
            return false;
        }
        return true;
    }
}
