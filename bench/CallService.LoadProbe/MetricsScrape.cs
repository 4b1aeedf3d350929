using System.Globalization;

namespace CallService.LoadProbe;

/// <summary>Reads the service's GET /metrics (Prometheus text) into name -> value.</summary>
internal static class MetricsScrape
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

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

    public static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name) =>
        after.TryGetValue(name, out double b) && before.TryGetValue(name, out double a) ? b - a : double.NaN;
}
