using System.Globalization;

namespace CallService.Cli;

/// <summary>The parsed command line of seed-demo-data.</summary>
/// <param name="Calls">How many call records to write.</param>
/// <param name="Days">Over how many days, ending with <paramref name="LastDay"/>.</param>
/// <param name="Seed">The random seed: the same arguments give the same records.</param>
/// <param name="LastDay">The last day with calls (report time zone); null for today.</param>
/// <param name="Append">Write even though the store already holds calls.</param>
/// <param name="HelpRequested">--help was given.</param>
/// <param name="ConfigurationArgs">The --Section:Key=value overrides for the host.</param>
public sealed record SeedDemoDataArguments(
    int Calls, int Days, int Seed, DateOnly? LastDay, bool Append, bool HelpRequested, IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>Most records one run writes.</summary>
    public const int MaxCalls = 10_000_000;

    /// <summary>Most days one run spreads them over.</summary>
    public const int MaxDays = 3660;

    private static readonly string[] Flags = ["append"];
    private static readonly string[] Valued = ["calls", "days", "seed", "end"];

    /// <summary>Parses the arguments after "seed-demo-data".</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SeedDemoDataArguments? arguments, out string? error)
    {
        arguments = null;
        const string name = SeedDemoDataCommand.Name;
        CommandArguments parsed = CommandArguments.Parse(name, args, Flags, Valued);
        if (parsed.HelpRequested)
        {
            arguments = new SeedDemoDataArguments(0, 0, 0, null, false, HelpRequested: true, parsed.ConfigurationArgs);
            error = null;
            return true;
        }
        error = parsed.Error;
        if (error is not null)
        {
            return false;
        }
        if (parsed.Value("calls") is null)
        {
            error = $"{name}: --calls is required: how many call records to write (1..{MaxCalls})";
            return false;
        }
        if (!TryInt(parsed, "calls", 0, 1, MaxCalls, out int calls, out error)
            || !TryInt(parsed, "days", 30, 1, MaxDays, out int days, out error)
            || !TryInt(parsed, "seed", 1, int.MinValue, int.MaxValue, out int seed, out error))
        {
            return false;
        }
        DateOnly? end = null;
        if (parsed.Value("end") is { } endText)
        {
            if (!DateOnly.TryParseExact(endText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
            {
                error = $"{name}: --end \"{endText}\" is not {ReportArguments.ExpectedDate}";
                return false;
            }
            end = day;
        }
        arguments = new SeedDemoDataArguments(calls, days, seed, end, parsed.Has("append"), HelpRequested: false, parsed.ConfigurationArgs);
        return true;
    }

    private static bool TryInt(CommandArguments parsed, string option, int fallback, int min, int max, out int value, out string? error)
    {
        error = null;
        value = fallback;
        string? text = parsed.Value(option);
        if (text is null)
        {
            return true;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }
        error = string.Create(CultureInfo.InvariantCulture, $"{SeedDemoDataCommand.Name}: --{option} \"{text}\" must be a whole number, {min}..{max}");
        return false;
    }
}
