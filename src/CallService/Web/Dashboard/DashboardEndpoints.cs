using System.Globalization;
using System.Text;
using System.Text.Json;
using CallService.Agents;
using CallService.Lines;
using CallService.Records;
using CallService.Stats;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallService.Web.Dashboard;

/// <summary>
/// The manager dashboard's JSON and CSV API under /api/stats (managers only; docs/dashboard-api.md).
/// The figures are the report command's: the same <see cref="StatisticsReport"/> JSON for the same
/// days, from the service's <see cref="IStatisticsSource"/> (the configured store's).
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The route prefix.</summary>
    public const string Route = "/api/stats";

    /// <summary>The groupings of the dashboard request, in the order of its JSON members.</summary>
    public static IReadOnlyList<StatisticsGrouping> Groupings => [.. DashboardParts.Select(p => p.By)];

    private static readonly (string Name, StatisticsGrouping By)[] DashboardParts =
    [
        ("agents", StatisticsGrouping.Agent),
        ("days", StatisticsGrouping.Day),
        ("weekdayHours", StatisticsGrouping.WeekdayHour),
    ];

    /// <summary>Maps the API, managers only.</summary>
    public static RouteGroupBuilder Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup(Route).RequireAuthorization(WebPolicies.Manager);
        group.MapGet("/dashboard", (Delegate)DashboardAsync);
        group.MapGet("/today", (Delegate)TodayAsync);
        group.MapGet("/report", (Delegate)ReportAsync);
        group.MapGet("/calls.csv", (Delegate)CallsCsvAsync);
        group.MapGet("/filters", (Delegate)Filters);
        return group;
    }

    /// <summary>GET /api/stats/dashboard?from&amp;to[&amp;line&amp;desk&amp;agent]: {"agents": report, "days": report, "weekdayHours": report}.</summary>
    private static async Task<IResult> DashboardAsync(HttpContext http)
    {
        if (!DashboardRequest.TryRead(http.Request.Query, out DashboardRequest? request, out string? error))
        {
            return BadRequest(error!);
        }
        StatisticsOptions options = Options(http);
        IReadOnlyList<StatisticsReport> reports = await Source(http).ComputeAsync(
            request!.ToQuery(options.TimeZone), [.. DashboardParts.Select(p => p.By)], http.RequestAborted).ConfigureAwait(false);
        var json = new StringBuilder("{");
        for (int i = 0; i < DashboardParts.Length; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('"').Append(DashboardParts[i].Name).Append("\":").Append(StatisticsReportJson.ToJson(reports[i]));
        }
        return Results.Content(json.Append('}').ToString(), "application/json; charset=utf-8");
    }

    /// <summary>GET /api/stats/today[?line&amp;desk&amp;agent]: today's report by hour (Stats:TimeZone), live.</summary>
    private static async Task<IResult> TodayAsync(HttpContext http)
    {
        StatisticsOptions options = Options(http);
        TimeProvider time = http.RequestServices.GetRequiredService<TimeProvider>();
        DateOnly today = ReportTimeZone.LocalDay(time.GetUtcNow().ToUnixTimeMilliseconds(), options.TimeZone);
        IQueryCollection q = http.Request.Query;
        var request = new DashboardRequest(today, today, DashboardRequest.Optional(q, "line"), DashboardRequest.Optional(q, "desk"), DashboardRequest.Optional(q, "agent"));
        StatisticsReport report = await Source(http).ComputeAsync(request.ToQuery(options.TimeZone, StatisticsGrouping.Hour), http.RequestAborted).ConfigureAwait(false);
        return Results.Content(StatisticsReportJson.ToJson(report), "application/json; charset=utf-8");
    }

    /// <summary>GET /api/stats/report?from&amp;to[&amp;by&amp;format=json|csv&amp;line&amp;desk&amp;agent]: what `report --format json|csv` prints.</summary>
    private static async Task<IResult> ReportAsync(HttpContext http)
    {
        if (!DashboardRequest.TryRead(http.Request.Query, out DashboardRequest? request, out string? error))
        {
            return BadRequest(error!);
        }
        string? byText = DashboardRequest.Optional(http.Request.Query, "by");
        StatisticsGrouping by = StatisticsGrouping.None;
        if (byText is not null && !StatisticsGroupings.TryParse(byText, out by))
        {
            return BadRequest($"by is one of {string.Join(", ", StatisticsGroupings.Names)}");
        }
        string format = DashboardRequest.Optional(http.Request.Query, "format") ?? "json";
        if (format is not ("json" or "csv"))
        {
            return BadRequest("format is json or csv");
        }
        StatisticsOptions options = Options(http);
        StatisticsReport report = await Source(http).ComputeAsync(request!.ToQuery(options.TimeZone, by), http.RequestAborted).ConfigureAwait(false);
        if (format == "json")
        {
            return Results.Content(StatisticsReportJson.ToJson(report), "application/json; charset=utf-8");
        }
        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        StatisticsReportCsv.Write(report, csv);
        return Download(csv.ToString(), $"statistics-{by.ToName()}-{Iso(request.From)}-{Iso(request.To)}.csv");
    }

    /// <summary>GET /api/stats/calls.csv?from&amp;to[&amp;line&amp;desk&amp;agent]: the raw records the figures are computed from.</summary>
    private static async Task<IResult> CallsCsvAsync(HttpContext http)
    {
        if (!DashboardRequest.TryRead(http.Request.Query, out DashboardRequest? request, out string? error))
        {
            return BadRequest(error!);
        }
        StatisticsOptions options = Options(http);
        StatisticsQuery query = request!.ToQuery(options.TimeZone);
        ICallRecordStore records = http.RequestServices.GetRequiredService<ICallRecordStore>();
        IReadOnlyList<CallRecord> listed = await records.ListAsync(
            new CallRecordQuery { Since = query.From, Until = query.To, Line = query.Line }, http.RequestAborted).ConfigureAwait(false);
        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        // The store's range and line; then exactly the calls the statistics select (desk, agent, the end bound).
        await CallRecordsCsv.WriteAsync(listed.Where(r => StatisticsCalculator.Selects(query, r)), options.TimeZone, csv, http.RequestAborted).ConfigureAwait(false);
        return Download(csv.ToString(), $"calls-{Iso(request.From)}-{Iso(request.To)}.csv");
    }

    /// <summary>GET /api/stats/filters: the configured lines, desks and agents, the zone and the targets, for the filter lists.</summary>
    private static IResult Filters(HttpContext http)
    {
        StatisticsOptions options = Options(http);
        LinesOptions lines = http.RequestServices.GetRequiredService<IOptions<LinesOptions>>().Value;
        AgentsOptions agents = http.RequestServices.GetRequiredService<IOptions<AgentsOptions>>().Value;
        TimeProvider time = http.RequestServices.GetRequiredService<TimeProvider>();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("timeZone", options.TimeZone.Id);
            json.WriteString("today", Iso(ReportTimeZone.LocalDay(time.GetUtcNow().ToUnixTimeMilliseconds(), options.TimeZone)));
            json.WriteNumber("targetRings", options.TargetRings);
            json.WriteNumber("serviceLevelTarget", options.ServiceLevelTargetPercent / 100);
            json.WriteStartArray("lines");
            foreach (LineOptions line in lines.Lines)
            {
                json.WriteStartObject();
                json.WriteString("number", line.Number);
                json.WriteString("displayName", line.DisplayName);
                json.WriteString("desk", line.Desk);
                json.WriteNumber("targetRings", options.TargetRingsFor(line.Number));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("desks");
            foreach (string desk in lines.Lines.Select(l => l.Desk).Concat(agents.Agents.Select(a => a.Desk))
                .Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(desk);
            }
            json.WriteEndArray();
            json.WriteStartArray("agents");
            foreach (AgentOptions agent in agents.Agents)
            {
                json.WriteStartObject();
                json.WriteString("id", agent.Id);
                json.WriteString("displayName", agent.DisplayName);
                json.WriteString("desk", agent.Desk);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Results.Bytes(stream.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad statistics request");

    private static IResult Download(string text, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", fileName);

    private static IStatisticsSource Source(HttpContext http) => http.RequestServices.GetRequiredService<IStatisticsSource>();

    private static StatisticsOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<StatisticsSettings>>().Value.Options;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
