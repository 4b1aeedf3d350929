namespace CallService.Sip.Media;

/// <summary>One direction of a <see cref="MediaBridge"/>, named by who talks and who listens.</summary>
public enum BridgeDirection
{
    /// <summary>The caller's audio, heard by the agent (sent on the agent leg's stream).</summary>
    CallerToAgent,

    /// <summary>The agent's audio, heard by the caller (sent on the caller leg's stream).</summary>
    AgentToCaller,
}
