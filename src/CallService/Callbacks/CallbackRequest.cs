namespace CallService.Callbacks;

/// <summary>
/// A caller's request to be called back, queued for the desk (DESIGN.md: "the callback is queued for
/// the desk"). Times are UTC, kept to the millisecond. JSON names are the camelCase property names.
/// </summary>
public sealed record CallbackRequest
{
    /// <summary>The store's key, assigned by <see cref="ICallbackStore.AddAsync"/> (0 before that).</summary>
    public long Id { get; init; }

    /// <summary>The SIP Call-ID of the call the caller asked in: links to the call record and its notes.</summary>
    public required string CallId { get; init; }

    /// <summary>The number to call back.</summary>
    public required string CallerNumber { get; init; }

    public string? CallerDisplayName { get; init; }

    /// <summary>The caller's surname from the call record's desk notes, if recorded.</summary>
    public string? Surname { get; init; }

    /// <summary>The caller's request ("口讯") from the call record's desk notes, if recorded.</summary>
    public string? Request { get; init; }

    /// <summary>The agent who held the caller.</summary>
    public string? AgentId { get; init; }

    /// <summary>The sales line the caller called.</summary>
    public required string Line { get; init; }

    /// <summary>When the caller asked (pressed 1).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>By when the desk should have called back.</summary>
    public required DateTimeOffset DueAt { get; init; }

    public CallbackStatus Status { get; init; } = CallbackStatus.Pending;

    /// <summary>Click-to-call attempts so far.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>
    /// When the request became done (the dialer ending a talked call, or the desk marking it done); null
    /// while it is not done. Done is final, so once set it stays. The statistics' time to callback is
    /// CompletedAt - CreatedAt (docs/metrics.md "Callbacks").
    /// </summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>What the last attempt or status change said ("no answer", "talked, visit on Saturday"...).</summary>
    public string? LastResult { get; init; }

    /// <summary>How long the agent's softphone rang in the last click-to-call attempt (null: not rung, or no attempt yet).</summary>
    public double? LastAgentRingSeconds { get; init; }

    /// <summary>How long the customer's phone rang in the last click-to-call attempt (null: not rung, or no attempt yet).</summary>
    public double? LastCustomerRingSeconds { get; init; }
}
