namespace CallService.Stats;

/// <summary>How the report command prints a report.</summary>
public enum StatisticsReportFormat
{
    /// <summary>Readable tables (the default).</summary>
    Table,

    /// <summary>One row per group (the overall row first), every figure a column.</summary>
    Csv,

    /// <summary>The <see cref="StatisticsReport"/> as JSON (camelCase).</summary>
    Json,
}

/// <summary>The spellings of <see cref="StatisticsReportFormat"/> on the command line.</summary>
public static class StatisticsReportFormats
{
    public static IReadOnlyList<string> Names { get; } = ["table", "csv", "json"];

    public static bool TryParse(string? text, out StatisticsReportFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "table": format = StatisticsReportFormat.Table; return true;
            case "csv": format = StatisticsReportFormat.Csv; return true;
            case "json": format = StatisticsReportFormat.Json; return true;
            default: format = default; return false;
        }
    }
}
