namespace CallService.Cli;

/// <summary>The parsed command line of calls.</summary>
/// <param name="Since">Only calls that started at or after this instant; null for all.</param>
/// <param name="HelpRequested">--help was given: print the usage and do nothing else.</param>
/// <param name="ConfigurationArgs">The --Section:Key=value overrides for the host.</param>
public sealed record CallsArguments(DateTimeOffset? Since, bool HelpRequested, IReadOnlyList<string> ConfigurationArgs)
{
    private static readonly string[] Flags = ["json"];
    private static readonly string[] Valued = ["since"];

    /// <summary>Parses the arguments after "calls".</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="now">The current instant (relative --since values count back from it).</param>
    /// <param name="localZone">The zone of a --since time written without an offset.</param>
    /// <param name="arguments">The arguments, when usable.</param>
    /// <param name="error">One line for stderr, when not.</param>
    public static bool TryParse(
        IReadOnlyList<string> args, DateTimeOffset now, TimeZoneInfo localZone, out CallsArguments? arguments, out string? error)
    {
        arguments = null;
        CommandArguments parsed = CommandArguments.Parse(CallsCommand.Name, args, Flags, Valued);
        if (parsed.HelpRequested)
        {
            arguments = new CallsArguments(null, HelpRequested: true, parsed.ConfigurationArgs);
            error = null;
            return true;
        }
        error = parsed.Error;
        if (error is not null)
        {
            return false;
        }
        if (!parsed.Has("json"))
        {
            error = $"{CallsCommand.Name}: --json is required (JSON is the only output format so far)";
            return false;
        }
        DateTimeOffset? since = null;
        string? sinceText = parsed.Value("since");
        if (sinceText is not null)
        {
            if (!SinceArgument.TryParse(sinceText, now, localZone, out DateTimeOffset instant, out string? sinceError))
            {
                error = $"{CallsCommand.Name}: {sinceError}";
                return false;
            }
            since = instant;
        }
        arguments = new CallsArguments(since, HelpRequested: false, parsed.ConfigurationArgs);
        return true;
    }
}
