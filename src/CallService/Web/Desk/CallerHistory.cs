namespace CallService.Web.Desk;

/// <summary>
/// What the records know of a returning caller ("王先生, 3 previous calls, last request: ..."), from
/// their earlier calls by caller number; the current call does not count.
/// </summary>
/// <param name="PreviousCalls">Earlier calls found (at most <see cref="CallerHistoryLookup.MaxCalls"/>).</param>
/// <param name="More">True when there are more earlier calls than were counted.</param>
/// <param name="Surname">The latest surname the desk wrote down, if any.</param>
/// <param name="Honorific">The honorific written with it.</param>
/// <param name="LastRequest">The latest request written down, if any.</param>
/// <param name="LastCallAt">When the latest earlier call started.</param>
public sealed record CallerHistory(
    int PreviousCalls,
    bool More,
    string? Surname,
    string? Honorific,
    string? LastRequest,
    DateTimeOffset? LastCallAt)
{
    /// <summary>A caller never heard from before.</summary>
    public static CallerHistory None { get; } = new(0, false, null, null, null, null);
}
