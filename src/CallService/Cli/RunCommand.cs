namespace CallService.Cli;

/// <summary>run (also no command at all): the service until it is stopped.</summary>
public static class RunCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "run";

    /// <summary>Parses the arguments after "run" (configuration overrides only) and runs the service.</summary>
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
            await console.Error.WriteLineAsync("Run \"CallService --help\" for the usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await ServiceRunner.RunAsync(parsed.ConfigurationArgs, console, ServiceRunner.UntilStoppedAsync, cancellationToken)
            .ConfigureAwait(false);
    }
}
