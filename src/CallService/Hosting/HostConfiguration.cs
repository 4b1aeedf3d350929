using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace CallService.Hosting;

/// <summary>
/// The configuration rules every command shares, applied on top of the ASP.NET Core defaults
/// (appsettings.json, appsettings.{Environment}.json, environment, command line; later wins):
/// environment variables count only with the prefix <see cref="EnvironmentPrefix"/>
/// (CallService__Sip__Port=5070), in the place the unprefixed ones had, so the command line
/// (--Sip:Port=5070) still wins; and relative Serilog file paths start at the base directory.
/// </summary>
public static class HostConfiguration
{
    /// <summary>The prefix of environment variables read as configuration: "CallService__".</summary>
    public const string EnvironmentPrefix = "CallService__";

    /// <summary>Applies the rules above to a builder's configuration.</summary>
    public static void Apply(ConfigurationManager configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        UsePrefixedEnvironmentVariables(configuration);
        ResolveLogPaths(configuration, baseDirectory);
    }

    /// <summary>
    /// Replaces the unprefixed environment source of the defaults (which would read every variable of
    /// the process, PATH included) by one that reads only CallService__ variables. Without an
    /// unprefixed source, the prefixed one goes before the command line.
    /// </summary>
    public static void UsePrefixedEnvironmentVariables(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prefixed = new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        IList<IConfigurationSource> sources = configuration.Sources;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                sources[i] = prefixed;
                return;
            }
        }
        int commandLine = -1;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource)
            {
                commandLine = i;
            }
        }
        if (commandLine >= 0)
        {
            sources.Insert(commandLine, prefixed);
        }
        else
        {
            sources.Add(prefixed);
        }
    }

    /// <summary>
    /// Serilog's file sink resolves a relative path against the current directory; this makes every
    /// relative "path" argument under Serilog:WriteTo absolute against <paramref name="baseDirectory"/>
    /// (an override added last, computed from the final values).
    /// </summary>
    public static void ResolveLogPaths(ConfigurationManager configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string? value) in configuration.GetSection("Serilog:WriteTo").AsEnumerable())
        {
            if (key.EndsWith(":path", StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(value)
                && !Path.IsPathFullyQualified(value))
            {
                overrides[key] = HostPaths.Resolve(value, baseDirectory);
            }
        }
        if (overrides.Count > 0)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }
}
