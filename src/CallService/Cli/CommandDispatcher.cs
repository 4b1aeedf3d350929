namespace CallService.Cli;

/// <summary>
/// Picks the command from the first argument: none (or a first argument that is an option or a
/// Key=value override) runs the service; "run", "calls", "demo", "hash-password", "help". The
/// remaining arguments go to the command, which passes configuration overrides on to the host.
/// </summary>
public static class CommandDispatcher
{
    /// <summary>Runs the command line; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CommandConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "/?" or "help")
        {
            if (args[0] == "help" && args.Length > 1 && Usage.WriteCommand(args[1], console.Out))
            {
                return ExitCodes.Ok;
            }
            Usage.WriteOverview(console.Out);
            return ExitCodes.Ok;
        }

        bool commandGiven = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);
        string command = commandGiven ? args[0] : RunCommand.Name;
        string[] rest = commandGiven ? args[1..] : args;
        switch (command)
        {
            case RunCommand.Name:
                return await RunCommand.RunCommandLineAsync(rest, console, cancellationToken).ConfigureAwait(false);
            case CallsCommand.Name:
                return await CallsCommand.RunCommandLineAsync(rest, console, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            case DemoCommand.Name:
                return await DemoCommand.RunCommandLineAsync(rest, console, cancellationToken).ConfigureAwait(false);
            case HashPasswordCommand.Name:
                return HashPasswordCommand.Run(rest, console);
            case ReportCommand.Name:
                return await ReportCommand.RunCommandLineAsync(rest, console, cancellationToken).ConfigureAwait(false);
            case SeedDemoDataCommand.Name:
                return await SeedDemoDataCommand.RunCommandLineAsync(rest, console, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            default:
                await console.Error.WriteLineAsync($"CallService: unknown command \"{command}\"; the commands are {string.Join(", ", Usage.Commands)}.")
                    .ConfigureAwait(false);
                await console.Error.WriteLineAsync().ConfigureAwait(false);
                Usage.WriteOverview(console.Error);
                return ExitCodes.Usage;
        }
    }
}
