namespace CallService.Records;

/// <summary>
/// A listing of call records by <see cref="CallRecord.StartedAt"/>: <see cref="Since"/> inclusive,
/// <see cref="Until"/> exclusive (so consecutive days or hours never overlap), optionally one line,
/// optionally one caller, ordered by start (ties by id), at most <see cref="Limit"/> rows.
/// </summary>
public sealed record CallRecordQuery
{
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public string? Line { get; init; }

    /// <summary>
    /// Only this caller's calls (exact <see cref="CallRecord.CallerNumber"/>): the desk recognises a
    /// returning caller with it, off the SIP path.
    /// </summary>
    public string? CallerNumber { get; init; }

    /// <summary>Null: no limit. Otherwise at least 1.</summary>
    public int? Limit { get; init; }

    /// <summary>Newest first (with <see cref="Limit"/>: the latest calls), instead of oldest first.</summary>
    public bool NewestFirst { get; init; }
}
