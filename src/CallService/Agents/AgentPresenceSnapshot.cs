namespace CallService.Agents;

/// <summary>What an agent's presence is made of at one moment.</summary>
/// <param name="State">The resulting state.</param>
/// <param name="IsRegistered">At least one registered contact answers (not unreachable).</param>
/// <param name="IsAway">Set away by the agent.</param>
/// <param name="RingingCalls">The calls ringing the agent now.</param>
/// <param name="CurrentCall">The call the agent is on, or null.</param>
/// <param name="WrapUpEndsAt">When the wrap-up ends, or null when not in wrap-up.</param>
public sealed record AgentPresenceSnapshot(
    AgentState State,
    bool IsRegistered,
    bool IsAway,
    IReadOnlyList<string> RingingCalls,
    string? CurrentCall,
    DateTimeOffset? WrapUpEndsAt);
