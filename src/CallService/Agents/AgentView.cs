namespace CallService.Agents;

/// <summary>An agent as GET /api/agents shows it (no HA1 values).</summary>
/// <param name="Id">The agent's id.</param>
/// <param name="DisplayName">The name in the greeting script.</param>
/// <param name="SipUser">The SIP user the softphone registers as.</param>
/// <param name="Desk">"front-desk", "bar" or "showroom".</param>
/// <param name="Lines">The line numbers the agent answers.</param>
/// <param name="State">"offline", "available", "ringing", "on-call", "away" or "wrap-up".</param>
/// <param name="Registered">At least one registered contact answers.</param>
/// <param name="Away">Set away by the agent (kept while on a call or offline).</param>
/// <param name="WrapUpEndsAt">When the wrap-up ends, or null.</param>
/// <param name="Contacts">The registered contacts.</param>
public sealed record AgentView(
    string Id,
    string DisplayName,
    string SipUser,
    string Desk,
    IReadOnlyList<string> Lines,
    string State,
    bool Registered,
    bool Away,
    DateTimeOffset? WrapUpEndsAt,
    IReadOnlyList<AgentContactView> Contacts);
