using System.Globalization;

namespace CallService.Cli;

/// <summary>
/// The value of calls --since: an ISO 8601 time ("2025-06-01", "2025-06-01T09:00",
/// "2025-06-01T09:00:00+08:00", "2025-06-01T01:00Z"; without an offset the time is local to the
/// machine) or a time relative to now ("45s", "30m", "1h", "7d", "2w", combined as "1h30m").
/// </summary>
public static class SinceArgument
{
    /// <summary>What --since accepts, for messages and help.</summary>
    public const string Expected =
        "an ISO 8601 time (2025-06-01, 2025-06-01T09:00, 2025-06-01T09:00+08:00) or a time ago (45s, 30m, 1h, 7d, 2w, 1h30m)";

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm'Z'", "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The argument.</param>
    /// <param name="now">The current instant, for relative times.</param>
    /// <param name="localZone">The zone of a time written without an offset.</param>
    /// <param name="since">The instant, when the text is valid.</param>
    /// <param name="error">One line for stderr, when it is not.</param>
    public static bool TryParse(string? text, DateTimeOffset now, TimeZoneInfo localZone, out DateTimeOffset since, out string? error)
    {
        ArgumentNullException.ThrowIfNull(localZone);
        since = default;
        error = null;
        string value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = $"--since needs a value: {Expected}";
            return false;
        }
        if (TryParseRelative(value, out TimeSpan ago, out bool tooLarge))
        {
            if (ago >= now.UtcDateTime - DateTime.MinValue.AddDays(2))
            {
                tooLarge = true;
            }
            else
            {
                since = now - ago;
                return true;
            }
        }
        if (tooLarge)
        {
            error = $"--since \"{value}\" reaches too far back: give a date instead, e.g. 2025-06-01";
            return false;
        }
        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
        {
            return true;
        }
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            // A wall-clock time skipped by a DST change has no instant; the zone's standard offset is near enough.
            TimeSpan offset = localZone.IsInvalidTime(local) ? localZone.BaseUtcOffset : localZone.GetUtcOffset(local);
            since = new DateTimeOffset(local, offset);
            return true;
        }
        error = $"--since \"{value}\" is not a time: give {Expected}";
        return false;
    }

    /// <summary>"1h", "30m", "1h30m" ...: one or more number-unit pairs (s, m, h, d, w), summed.</summary>
    private static bool TryParseRelative(string value, out TimeSpan ago, out bool tooLarge)
    {
        ago = TimeSpan.Zero;
        tooLarge = false;
        int i = 0;
        while (i < value.Length)
        {
            int start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }
            if (i == start || i == value.Length)
            {
                return false;
            }
            if (!long.TryParse(value.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            {
                tooLarge = true;
                return false;
            }
            double seconds = char.ToLowerInvariant(value[i]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 604_800,
                _ => 0,
            };
            if (seconds == 0)
            {
                return false;
            }
            i++;
            double total = ago.TotalSeconds + number * seconds;
            if (total > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                tooLarge = true;
                return false;
            }
            ago = TimeSpan.FromSeconds(total);
        }
        return true;
    }
}
