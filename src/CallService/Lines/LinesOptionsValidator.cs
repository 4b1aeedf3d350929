using System.Globalization;
using Microsoft.Extensions.Options;

namespace CallService.Lines;

/// <summary>
/// Checks the sales lines at start (ValidateOnStart). Every failure is one line naming the full
/// configuration key, the value found and what is expected, e.g.
/// "Lines:0:AutoAnswerAfterRings = 9: must be between 0 and 3 for a front-desk line (the handbook's maximum)".
/// </summary>
public sealed class LinesOptionsValidator : IValidateOptions<LinesOptions>
{
    /// <summary>Bounds of LookupCallbackSeconds.</summary>
    public const int MinLookupCallbackSeconds = 5, MaxLookupCallbackSeconds = 600;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LinesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each, in configuration order; empty when the lines are valid.</summary>
    public static List<string> Check(LinesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Lines.Count == 0)
        {
            failures.Add($"{LinesOptions.SectionName} is empty: configure at least one sales line "
                + $"({LinesOptions.SectionName}:0:Number, {LinesOptions.SectionName}:0:Desk, ...)");
            return failures;
        }

        // Numbers already seen, to refuse duplicates. SIP user parts compare case-sensitively
        // (RFC 3261 19.1.4), but "Sales" beside "sales" is a configuration mistake, so case is ignored here.
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Lines.Count; i++)
        {
            string key = options.PathOf(i);
            LineOptions? line = options.Lines[i];
            if (line is null)
            {
                failures.Add($"{key} is missing: each element of {LinesOptions.SectionName} must be a line with at least Number and Desk");
                continue;
            }
            CheckLine(key, line, failures);
            CheckRegistration(key + ":Registration", line.Registration, failures);
            string number = line.Number?.Trim() ?? "";
            if (number.Length > 0)
            {
                if (seen.TryGetValue(number, out string? firstKey))
                {
                    failures.Add($"{key}:Number = {Quote(line.Number)}: duplicates {firstKey}:Number; each line needs its own number (compared ignoring case)");
                }
                else
                {
                    seen.Add(number, key);
                }
            }
        }
        return failures;
    }

    private static void CheckLine(string key, LineOptions line, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(line.Number))
        {
            failures.Add($"{key}:Number is missing: required, the SIP user part callers dial (e.g. \"sales\")");
        }
        else if (!SipToken.IsToken(line.Number))
        {
            failures.Add($"{key}:Number = {Quote(line.Number)}: must be SIP token characters only "
                + "(letters, digits and - . ! % * _ + ` ' ~; RFC 3261 25.1)");
        }

        bool deskKnown = LineDesks.TryParse(line.Desk, out LineDesk desk);
        if (string.IsNullOrWhiteSpace(line.Desk))
        {
            failures.Add($"{key}:Desk is missing: must be one of {Choices(LineDesks.Names)}");
        }
        else if (!deskKnown)
        {
            failures.Add($"{key}:Desk = {Quote(line.Desk)}: must be one of {Choices(LineDesks.Names)}");
        }

        CheckWav(key, "GreetingPrompt", line.GreetingPrompt, "the greeting played on auto-answer", failures);
        CheckWav(key, "HoldAudio", line.HoldAudio, "the audio a waiting caller hears", failures);
        if (string.IsNullOrWhiteSpace(line.GreetingScript))
        {
            failures.Add($"{key}:GreetingScript is missing: required, the greeting shown to the agent (e.g. \"您好,海逸长洲!\")");
        }

        CheckCadence(key, line, failures);

        // The handbook's hard maximum is the desk's; with the desk unknown (already reported) the
        // largest of any desk keeps the other messages meaningful.
        int maxRings = deskKnown ? desk.HandbookMaxRings() : LineDesk.Bar.HandbookMaxRings();
        string limitReason = deskKnown
            ? $"for a {desk.ToName()} line (the handbook's maximum)"
            : "(the handbook's maximum for any desk)";
        CheckRange(key, "TargetRings", line.TargetRings, 1, maxRings, limitReason, failures);
        CheckRange(key, "AutoAnswerAfterRings", line.AutoAnswerAfterRings, 0, maxRings, limitReason, failures);
        CheckRange(key, "RotationRingsPerAgent", line.RotationRingsPerAgent, 1, maxRings, limitReason, failures);
        CheckRange(key, "LookupCallbackSeconds", line.LookupCallbackSeconds, MinLookupCallbackSeconds, MaxLookupCallbackSeconds,
            "(seconds on hold before the callback offer; the handbook's is 30)", failures);

        if (string.IsNullOrWhiteSpace(line.RingStrategy))
        {
            failures.Add($"{key}:RingStrategy is missing: must be one of {Choices(RingStrategies.Names)}");
        }
        else if (!RingStrategies.TryParse(line.RingStrategy, out _))
        {
            failures.Add($"{key}:RingStrategy = {Quote(line.RingStrategy)}: must be one of {Choices(RingStrategies.Names)}");
        }
    }

    private static void CheckCadence(string key, LineOptions line, List<string> failures)
    {
        string cadence = line.Cadence?.Trim().ToLowerInvariant() ?? "";
        bool custom = cadence == "custom";
        if (cadence.Length == 0)
        {
            failures.Add($"{key}:Cadence is missing: must be one of \"cn\", \"us\", \"uk\", \"custom\"");
        }
        else if (!custom && !RingCadence.TryFromName(cadence, null, out _))
        {
            failures.Add($"{key}:Cadence = {Quote(line.Cadence)}: must be one of \"cn\", \"us\", \"uk\", \"custom\"");
        }

        int[]? parts = line.CustomCadenceMs;
        string partsKey = $"{key}:CustomCadenceMs";
        if (!custom)
        {
            if (parts is { Length: > 0 })
            {
                failures.Add($"{partsKey} has {parts.Length} values: only allowed with {key}:Cadence = \"custom\" "
                    + "(remove it, or set the cadence to custom)");
            }
            return;
        }
        if (parts is null || parts.Length == 0)
        {
            failures.Add($"{partsKey} is missing: required with Cadence = \"custom\", on/off durations in ms (e.g. [1000, 4000])");
            return;
        }
        if (parts.Length % 2 != 0)
        {
            failures.Add($"{partsKey} has {parts.Length} values: must be an even count of on/off durations in ms (on, off, on, off ...)");
        }
        for (int j = 0; j < parts.Length; j++)
        {
            if (parts[j] is < RingCadence.MinPartMs or > RingCadence.MaxPartMs)
            {
                failures.Add($"{partsKey}:{j} = {parts[j].ToString(CultureInfo.InvariantCulture)}: "
                    + $"each on/off duration must be between {RingCadence.MinPartMs} and {RingCadence.MaxPartMs} ms");
            }
        }
    }

    private static void CheckWav(string key, string option, string? path, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{key}:{option} is missing: required, {what} (a .wav file path)");
        }
        else if (!path.Trim().EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:{option} = {Quote(path)}: must be a .wav file path ({what})");
        }
    }

    private static void CheckRange(string key, string option, int value, int min, int max, string reason, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:{option} = {value}: must be between {min} and {max} {reason}"));
        }
    }

    private static string Choices(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private static string Quote(string? value) => $"\"{value}\"";

    private static void CheckRegistration(string key, LineRegistrationOptions? registration, List<string> failures)
    {
        if (registration is null)
        {
            return;
        }
        if (!Sip.Messages.SipUri.TryParse(registration.Registrar, out var uri) || uri is not { IsSipOrSips: true })
        {
            failures.Add($"{key}:Registrar = \"{registration.Registrar}\": must be a sip: URI of the registrar, e.g. sip:pbx.example.com:5060");
        }
        if (string.IsNullOrWhiteSpace(registration.Ha1Md5) || !Sip.Auth.DigestHash.IsValidHa1(Sip.Auth.DigestAlgorithm.Md5, registration.Ha1Md5))
        {
            failures.Add($"{key}:Ha1Md5: must be the 32-hex-digit MD5 HA1 of the line's password (run \"CallService hash-password\")");
        }
        if (registration.ExpiresSeconds is < 60 or > 86400)
        {
            failures.Add($"{key}:ExpiresSeconds = {registration.ExpiresSeconds}: must be between 60 and 86400");
        }
    }
}
