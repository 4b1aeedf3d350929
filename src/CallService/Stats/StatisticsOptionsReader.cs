using System.Globalization;
using CallService.Hosting;
using CallService.Lines;
using Microsoft.Extensions.Configuration;

namespace CallService.Stats;

/// <summary>
/// Reads <see cref="StatisticsOptions"/> from configuration: the "Stats" section (TimeZone,
/// ShortAbandonSeconds, LongHoldSeconds, ServiceLevelTargetPercent; other keys are refused, as in every section) and each
/// configured line's TargetRings. A bad value is one failure line naming its key; the defaults are
/// used in its place.
/// </summary>
public static class StatisticsOptionsReader
{
    /// <summary>The options, and one line per problem (empty when all is well).</summary>
    public static StatisticsOptions Read(IConfiguration configuration, out IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new StatisticsOptions();
        IConfigurationSection section = configuration.GetSection(StatisticsOptions.SectionName);
        var reader = new SectionReader(section);
        var problems = new List<string>();

        string zoneId = reader.String(nameof(StatisticsOptions.TimeZone), StatisticsOptions.DefaultTimeZoneId);
        TimeZoneInfo zone = defaults.TimeZone;
        if (zoneId != StatisticsOptions.DefaultTimeZoneId)
        {
            if (ReportTimeZone.TryFind(zoneId, out TimeZoneInfo? found))
            {
                zone = found;
            }
            else
            {
                problems.Add($"{section.Path}:{nameof(StatisticsOptions.TimeZone)} = \"{zoneId}\": not a time zone known to this system; give an IANA id such as Asia/Shanghai or Asia/Hong_Kong");
            }
        }
        double shortAbandon = Seconds(reader, section, nameof(StatisticsOptions.ShortAbandonSeconds),
            defaults.ShortAbandonSeconds, StatisticsOptions.MaxShortAbandonSeconds, problems);
        double longHold = Seconds(reader, section, nameof(StatisticsOptions.LongHoldSeconds),
            defaults.LongHoldSeconds, StatisticsOptions.MaxLongHoldSeconds, problems);
        double serviceLevelTarget = Seconds(reader, section, nameof(StatisticsOptions.ServiceLevelTargetPercent),
            defaults.ServiceLevelTargetPercent, 100, problems, "a percentage");
        reader.RejectUnknownKeys();

        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IConfigurationSection line in configuration.GetSection(LinesOptions.SectionName).GetChildren())
        {
            // The lines' own validator reports bad values when the service starts; a report only
            // needs the targets it can read, and keeps the handbook's two rings for the rest.
            string? number = line[nameof(LineOptions.Number)];
            string? target = line[nameof(LineOptions.TargetRings)];
            if (string.IsNullOrWhiteSpace(number))
            {
                continue;
            }
            targets[number.Trim()] = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out int rings)
                && rings is >= 1 and <= StatisticsOptions.MaxTargetRings
                ? rings
                : new LineOptions().TargetRings;
        }

        failures = [.. reader.Failures, .. problems];
        return new StatisticsOptions
        {
            TimeZone = zone,
            ShortAbandonSeconds = shortAbandon,
            LongHoldSeconds = longHold,
            ServiceLevelTargetPercent = serviceLevelTarget,
            TargetRingsByLine = targets,
        };
    }

    private static double Seconds(SectionReader reader, IConfigurationSection section, string key, double fallback, double max, List<string> problems, string what = "a number of seconds")
    {
        string? text = reader.OptionalString(key);
        if (text is null)
        {
            return fallback;
        }
        if (double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && seconds <= max)
        {
            return seconds;
        }
        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{section.Path}:{key} = \"{text}\": must be {what}, 0..{max}"));
        return fallback;
    }
}
