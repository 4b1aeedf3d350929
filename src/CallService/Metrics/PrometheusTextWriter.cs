using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CallService.Metrics;

/// <summary>
/// Writes samples in the Prometheus text exposition format 0.0.4: "# HELP", "# TYPE", then one
/// "name{tag="value"} number" line per tag set. Names follow the OpenTelemetry-to-Prometheus habits:
/// dots become underscores, the unit is appended ("s" as _seconds, "By" as _bytes; annotations like
/// {call} add nothing) and counters end in _total.
/// </summary>
public static class PrometheusTextWriter
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder(4096);
        foreach (var group in samples.GroupBy(s => s.Instrument))
        {
            Instrument instrument = group.Key;
            bool counter = IsMonotonic(instrument);
            string name = MetricName(instrument.Name, instrument.Unit, counter);
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(instrument.Description)).Append('\n');
            }
            text.Append("# TYPE ").Append(name).Append(counter ? " counter" : " gauge").Append('\n');
            foreach (MetricSample sample in group)
            {
                text.Append(name);
                if (sample.Tags.Count > 0)
                {
                    text.Append('{');
                    for (int i = 0; i < sample.Tags.Count; i++)
                    {
                        if (i > 0)
                        {
                            text.Append(',');
                        }
                        text.Append(Sanitize(sample.Tags[i].Key)).Append("=\"").Append(EscapeLabel(sample.Tags[i].Value)).Append('"');
                    }
                    text.Append('}');
                }
                text.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The Prometheus name of an instrument: "callservice.calls.offered" counter -> "callservice_calls_offered_total".</summary>
    public static string MetricName(string instrumentName, string? unit, bool counter)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        string name = Sanitize(instrumentName);
        string suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }
        if (counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    private static bool IsMonotonic(Instrument instrument)
    {
        Type type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return false;
        }
        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>);
    }

    /// <summary>[a-zA-Z_:][a-zA-Z0-9_:]*: anything else becomes '_'.</summary>
    private static string Sanitize(string name)
    {
        var chars = new char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && char.IsAsciiDigit(c));
            chars[i] = ok ? c : '_';
        }
        return new string(chars);
    }

    private static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
