namespace CallService.Agents;

/// <summary>An agent's presence changed.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state now.</param>
public sealed record AgentPresenceChange(string AgentId, AgentState Previous, AgentState Current);
