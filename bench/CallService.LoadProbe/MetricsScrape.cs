using System.Globalization;

namespace CallService.LoadProbe;

/// <summary>
/// Reads the service's GET /metrics (Prometheus text) into name -> value, with the scrape token of
/// CALLSERVICE_METRICS_TOKEN (the service's Web:MetricsToken; bench/load/common.sh sets both) sent as
/// "Authorization: Bearer", the way Prometheus sends its bearer_token.
/// </summary>
internal static class MetricsScrape
{
    /// <summary>The environment variable holding the scrape token.</summary>
    public const string TokenVariable = "CALLSERVICE_METRICS_TOKEN";

    private static readonly HttpClient Http = CreateClient();

    public static Dictionary<string, double> Read(string? url)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(url))
        {
            return values;
        }
        try
        {
            string text = Http.GetStringAsync(new Uri(url)).GetAwaiter().GetResult();
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }
                int space = line.LastIndexOf(' ');
                if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    values[line[..space]] = value;
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        return values;
    }

    private static HttpClient CreateClient()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? token = Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name) =>
        after.TryGetValue(name, out double b) && before.TryGetValue(name, out double a) ? b - a : double.NaN;
}
