namespace CallService.Records;

/// <summary>
/// One call to a sales line, written when the INVITE arrives and updated at every state change.
/// Times are UTC; the stores keep them to the millisecond. JSON names are the camelCase property
/// names (see <see cref="CallRecordJson"/>).
/// </summary>
public sealed record CallRecord
{
    /// <summary>The store's key, assigned by <see cref="ICallRecordStore.InsertAsync"/> (0 before that).</summary>
    public long Id { get; init; }

    /// <summary>The SIP Call-ID of the caller's INVITE (RFC 3261 8.1.1.4).</summary>
    public required string CallId { get; init; }

    public required string CallerNumber { get; init; }

    public string? CallerDisplayName { get; init; }

    /// <summary>The sales line called.</summary>
    public required string Line { get; init; }

    /// <summary>The desk that took (or was meant to take) the call.</summary>
    public string? Desk { get; init; }

    /// <summary>When the INVITE was received.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The first ringback packet sent as early media, or the 180 when the caller offered no SDP.</summary>
    public DateTimeOffset? RingStartedAt { get; init; }

    /// <summary>The moment the call was first answered by anyone, agent or the service's auto-answer.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The agent id who answered first, or <see cref="CallRecordNames.AutoAnsweredBy"/> ("auto").</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>Rings from <see cref="RingStartedAt"/> to <see cref="AnsweredAt"/>, one decimal (stores round it).</summary>
    public double? Rings { get; init; }

    public DateTimeOffset? AutoAnsweredAt { get; init; }

    public DateTimeOffset? AgentAnsweredAt { get; init; }

    /// <summary>The agent who finally talked to the caller (for a queue pick-up after auto-answer).</summary>
    public string? AgentId { get; init; }

    /// <summary>Null while the call is open; a record with no end is closed as interrupted at the next start.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public CallOutcome? Outcome { get; init; }

    public CallEndedBy? EndedBy { get; init; }

    /// <summary>The desk's notes: written through <see cref="ICallRecordStore.UpdateNotesAsync"/>.</summary>
    public string? Surname { get; init; }

    public string? Honorific { get; init; }

    /// <summary>The caller's request ("口讯") as the desk wrote it down.</summary>
    public string? Request { get; init; }

    public int HoldCount { get; init; }

    public double HoldSeconds { get; init; }

    public double LongestHoldSeconds { get; init; }

    public bool CallbackOffered { get; init; }

    /// <summary>Null when no offer was made or the caller did not choose.</summary>
    public bool? CallbackAccepted { get; init; }
}
