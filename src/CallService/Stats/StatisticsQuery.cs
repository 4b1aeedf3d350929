namespace CallService.Stats;

/// <summary>
/// Which calls a report covers and how it splits them. Calls are selected by
/// <see cref="Records.CallRecord.StartedAt"/>: <see cref="From"/> inclusive, <see cref="To"/> exclusive
/// (so consecutive reports never count a call twice). The filters are exact matches and combine with AND.
/// </summary>
public sealed record StatisticsQuery
{
    /// <summary>First instant covered (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the period (exclusive); after <see cref="From"/>.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Only this sales line (<see cref="Records.CallRecord.Line"/>), or every line when null.</summary>
    public string? Line { get; init; }

    /// <summary>Only this desk (<see cref="Records.CallRecord.Desk"/>; "(none)" for records without one), or every desk when null.</summary>
    public string? Desk { get; init; }

    /// <summary>Only the calls whose agent key is this (the key of <see cref="StatisticsGrouping.Agent"/>: an agent id, "auto" or "(none)"), or all when null.</summary>
    public string? Agent { get; init; }

    /// <summary>The groups reported beside the overall figures.</summary>
    public StatisticsGrouping By { get; init; } = StatisticsGrouping.None;

    /// <summary>Throws <see cref="ArgumentException"/> for an empty or reversed period.</summary>
    public void Validate()
    {
        if (To <= From)
        {
            throw new ArgumentException($"The statistics period is empty: To ({To:O}) must be after From ({From:O}).", nameof(To));
        }
        if (!Enum.IsDefined(By))
        {
            throw new ArgumentException($"Unknown grouping {By}.", nameof(By));
        }
    }
}
