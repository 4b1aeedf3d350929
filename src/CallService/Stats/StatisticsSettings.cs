using Microsoft.Extensions.Configuration;

namespace CallService.Stats;

/// <summary>
/// The service's statistics settings (section "Stats" and the lines' targets) as read at start: the
/// options, and the problems met reading them, which <see cref="StatisticsSettingsValidator"/> turns
/// into start-up failures (one line per key).
/// </summary>
public sealed class StatisticsSettings
{
    /// <summary>The definitions the dashboard computes with (the defaults in place of bad values).</summary>
    public StatisticsOptions Options { get; private set; } = new();

    /// <summary>One line per bad value, naming its key.</summary>
    public IReadOnlyList<string> Failures { get; private set; } = [];

    /// <summary>Reads <paramref name="configuration"/> with <see cref="StatisticsOptionsReader"/>.</summary>
    public void Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Options = StatisticsOptionsReader.Read(configuration, out IReadOnlyList<string> failures);
        Failures = failures;
    }
}
