namespace CallService.Agents;

/// <summary>An agent's presence: whether calls may be offered to them now.</summary>
public enum AgentState
{
    /// <summary>No reachable registered contact: the agent cannot be rung.</summary>
    Offline,

    /// <summary>Registered, idle, not away: may be rung.</summary>
    Available,

    /// <summary>At least one call is ringing the agent.</summary>
    Ringing,

    /// <summary>The agent answered a call that is still up.</summary>
    OnCall,

    /// <summary>Set away by the agent (desk or API): not rung until available again.</summary>
    Away,

    /// <summary>Writing up the last call; available again when the wrap-up time ends.</summary>
    WrapUp,
}

/// <summary>The names of <see cref="AgentState"/> in the API: "offline", "available", "ringing", "on-call", "away", "wrap-up".</summary>
public static class AgentStates
{
    /// <summary>The API name of <paramref name="state"/>.</summary>
    public static string ToName(this AgentState state) => state switch
    {
        AgentState.Offline => "offline",
        AgentState.Available => "available",
        AgentState.Ringing => "ringing",
        AgentState.OnCall => "on-call",
        AgentState.Away => "away",
        AgentState.WrapUp => "wrap-up",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
