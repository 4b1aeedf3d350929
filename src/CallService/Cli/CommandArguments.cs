namespace CallService.Cli;

/// <summary>
/// A command's arguments split into its own options and the configuration overrides that go on to the
/// host (--Section:Key=value, --Section:Key value, Section:Key=value), so that --Sip:Port=5070 works
/// with every command. An option that is neither the command's nor a configuration key (it has no ':')
/// is refused, so that a typo is not silently taken for configuration.
/// </summary>
public sealed class CommandArguments
{
    /// <summary>Top-level host settings accepted beside Section:Key overrides.</summary>
    private static readonly string[] HostKeys = ["environment"];

    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    private CommandArguments()
    {
    }

    /// <summary>The arguments for the host's configuration, in their original order.</summary>
    public List<string> ConfigurationArgs { get; } = [];

    /// <summary>--help, -h or -? was given.</summary>
    public bool HelpRequested { get; private set; }

    /// <summary>The first problem found, as one line for stderr; null when the arguments are usable.</summary>
    public string? Error { get; private set; }

    /// <summary>True when the flag <paramref name="name"/> (without dashes) was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The value of option <paramref name="name"/> (without dashes), or null when not given.</summary>
    public string? Value(string name) => _options.GetValueOrDefault(name);

    /// <summary>Splits <paramref name="args"/> (the arguments after the command name).</summary>
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="flags">Options without a value, e.g. "json".</param>
    /// <param name="valued">Options with a value (--since 1h or --since=1h), e.g. "since".</param>
    public static CommandArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(valued);
        var result = new CommandArguments();
        for (int i = 0; i < args.Count && result.Error is null; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h" or "-?" or "/?")
            {
                result.HelpRequested = true;
                continue;
            }
            if (!arg.StartsWith('-'))
            {
                if (arg.Contains('=', StringComparison.Ordinal))
                {
                    result.ConfigurationArgs.Add(arg); // Section:Key=value
                }
                else
                {
                    result.Error = $"{command}: unexpected argument \"{arg}\" (options start with --, configuration overrides look like --Section:Key=value)";
                }
                continue;
            }

            string body = arg.TrimStart('-');
            int equals = body.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? body : body[..equals];
            string? inlineValue = equals < 0 ? null : body[(equals + 1)..];
            bool nextIsValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);

            if (Contains(flags, name))
            {
                if (inlineValue is not null)
                {
                    result.Error = $"{command}: --{name} takes no value";
                }
                else if (!result._options.TryAdd(name, null))
                {
                    result.Error = $"{command}: --{name} is given twice";
                }
            }
            else if (Contains(valued, name))
            {
                string? value = inlineValue ?? (nextIsValue ? args[++i] : null);
                if (value is null)
                {
                    result.Error = $"{command}: --{name} needs a value";
                }
                else if (!result._options.TryAdd(name, value))
                {
                    result.Error = $"{command}: --{name} is given twice";
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && name.Length > 0
                && (name.Contains(':', StringComparison.Ordinal) || Contains(HostKeys, name)))
            {
                result.ConfigurationArgs.Add(arg);
                if (inlineValue is null && nextIsValue)
                {
                    result.ConfigurationArgs.Add(args[++i]);
                }
            }
            else
            {
                string known = flags.Count + valued.Count == 0
                    ? "it takes no options"
                    : "its options are " + string.Join(", ", flags.Concat(valued).Select(o => "--" + o));
                result.Error = $"{command}: unknown option \"{arg}\": {known}; configuration overrides look like --Section:Key=value";
            }
        }
        return result;
    }

    private static bool Contains(IEnumerable<string> names, string name) =>
        names.Contains(name, StringComparer.OrdinalIgnoreCase);
}
