namespace CallService.Stats;

/// <summary>
/// The answer to a <see cref="StatisticsQuery"/>: the overall figures and, when the query groups, one
/// entry per group (docs/metrics.md defines every figure).
/// </summary>
public sealed record StatisticsReport
{
    /// <summary>First instant covered (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the period (exclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The zone days and hours are counted in (its id, e.g. "Asia/Shanghai").</summary>
    public required string TimeZone { get; init; }

    public string? Line { get; init; }

    public string? Desk { get; init; }

    public string? Agent { get; init; }

    /// <summary>"none", "agent", "desk", "day", "hour" or "line".</summary>
    public required string By { get; init; }

    /// <summary>The settings the figures were computed with.</summary>
    public required StatisticsDefinitions Definitions { get; init; }

    public required CallStatistics Overall { get; init; }

    /// <summary>
    /// The groups in key order (ordinal). Days list every day of the period and hours all 24, with
    /// zeros where no call came; agents, desks and lines list those that had calls.
    /// </summary>
    public required IReadOnlyList<StatisticsGroup> Groups { get; init; }
}
