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

/// <summary>One registered contact of an agent.</summary>
/// <param name="Uri">The contact URI.</param>
/// <param name="Source">Where its REGISTER came from (transport:address:port).</param>
/// <param name="Reachable">False while it does not answer OPTIONS.</param>
/// <param name="ExpiresInSeconds">Seconds until the binding lapses.</param>
/// <param name="UserAgent">The softphone's User-Agent, or null.</param>
public sealed record AgentContactView(string Uri, string Source, bool Reachable, int ExpiresInSeconds, string? UserAgent);

/// <summary>The body of PUT /api/agents/{id}/presence.</summary>
/// <param name="State">"away" or "available".</param>
public sealed record PresenceUpdate(string? State);

/// <summary>The body of a 400 answer.</summary>
/// <param name="Error">What is wrong and what is expected.</param>
public sealed record AgentApiError(string Error);
