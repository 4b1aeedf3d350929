using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CallService.Stats;

/// <summary>A report as JSON (report --format json) and back.</summary>
public static class StatisticsReportJson
{
    // Desk and line names may be Chinese: keep them readable, HTML-sensitive characters escaped.
    private static readonly JsonSerializerOptions Options = new(StatisticsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly StatisticsJsonContext Context = new(Options);

    public static string ToJson(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.StatisticsReport);
    }

    public static StatisticsReport Parse(string json) =>
        JsonSerializer.Deserialize(json, Context.StatisticsReport)
        ?? throw new JsonException("The JSON was null, not a statistics report.");
}
