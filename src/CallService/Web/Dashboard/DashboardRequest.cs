using System.Globalization;
using CallService.Stats;
using Microsoft.AspNetCore.Http;

namespace CallService.Web.Dashboard;

/// <summary>
/// The query string of the /api/stats requests: from, to (whole days yyyy-MM-dd, both included, as
/// the report command takes them), line, desk, agent (exact matches, as <see cref="StatisticsQuery"/>).
/// </summary>
/// <param name="From">First day (Stats:TimeZone).</param>
/// <param name="To">Last day, included.</param>
public sealed record DashboardRequest(DateOnly From, DateOnly To, string? Line, string? Desk, string? Agent)
{
    /// <summary>The page's default period: the 30 days to today.</summary>
    public const int DefaultDays = 30;

    /// <summary>Longest period one request covers (about ten years: a report of every record is the report command's job).</summary>
    public const int MaxDays = 3660;

    /// <summary>The query: from the start of <see cref="From"/> to the start of the day after <see cref="To"/>.</summary>
    public StatisticsQuery ToQuery(TimeZoneInfo zone, StatisticsGrouping by = StatisticsGrouping.None) => new()
    {
        From = ReportTimeZone.StartOfDay(From, zone),
        To = ReportTimeZone.StartOfDay(To.AddDays(1), zone),
        Line = Line,
        Desk = Desk,
        Agent = Agent,
        By = by,
    };

    /// <summary>Reads the request; the error names the parameter when it is missing or bad.</summary>
    public static bool TryRead(IQueryCollection query, out DashboardRequest? request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = null;
        if (!TryDay(query, "from", out DateOnly from, out error) || !TryDay(query, "to", out DateOnly to, out error))
        {
            return false;
        }
        if (to < from)
        {
            error = $"to ({Iso(to)}) is before from ({Iso(from)})";
            return false;
        }
        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            error = $"the period is longer than {MaxDays} days";
            return false;
        }
        request = new DashboardRequest(from, to, Optional(query, "line"), Optional(query, "desk"), Optional(query, "agent"));
        return true;
    }

    /// <summary>A day parameter as the report command reads it.</summary>
    public static bool TryDay(IQueryCollection query, string name, out DateOnly day, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? text = query[name].FirstOrDefault();
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            day = default;
            error = $"{name} is required: a date, yyyy-MM-dd";
            return false;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            error = $"{name} is not a date, yyyy-MM-dd";
            return false;
        }
        return true;
    }

    /// <summary>A filter: absent or empty means no filter.</summary>
    public static string? Optional(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? text = query[name].FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
