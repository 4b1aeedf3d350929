namespace CallService.Calls;

/// <summary>What a callback needs from the call the caller chose it in (carried by <see cref="RecordCallbackRequest"/>).</summary>
/// <param name="CallId">The call's id (the caller's SIP Call-ID): links the callback to the call record and its notes.</param>
/// <param name="CallerNumber">The number to call back.</param>
/// <param name="CallerDisplayName">The caller's display name, if the INVITE gave one.</param>
/// <param name="Line">The sales line the caller called (the callback goes out in its name).</param>
/// <param name="AgentId">The agent who held the caller (the natural one to call back).</param>
/// <param name="RequestedAt">When the caller pressed 1.</param>
public sealed record CallbackTicket(
    string CallId,
    string CallerNumber,
    string? CallerDisplayName,
    string Line,
    string? AgentId,
    DateTimeOffset RequestedAt);
