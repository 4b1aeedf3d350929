using CallService.Sip.Registrar;

namespace CallService.Agents;

/// <summary>
/// What the call engine asks about agents: who answers a line, who of them may be rung now, and
/// where their softphones are (the registrar's reachable bindings, each with the flow to send on).
/// </summary>
public sealed class AgentDirectory
{
    private readonly AgentRoster _roster;
    private readonly AgentPresence _presence;
    private readonly IRegistrationStore _store;

    public AgentDirectory(AgentRoster roster, AgentPresence presence, IRegistrationStore store)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(store);
        _roster = roster;
        _presence = presence;
        _store = store;
    }

    /// <summary>Every configured agent, in configuration order.</summary>
    public IReadOnlyList<Agent> Agents => _roster.Agents;

    /// <summary>The agent with <paramref name="id"/> (ignoring case), or null.</summary>
    public Agent? Find(string id) => _roster.Find(id);

    /// <summary>The agent whose softphone registers as <paramref name="sipUser"/>, or null.</summary>
    public Agent? FindBySipUser(string sipUser) => _roster.FindBySipUser(sipUser);

    /// <summary>The agents who answer line <paramref name="lineNumber"/>, in configuration order (the rotation order).</summary>
    public IReadOnlyList<Agent> AgentsForLine(string lineNumber) => [.. _roster.Agents.Where(a => a.Answers(lineNumber))];

    /// <summary>
    /// The agents of line <paramref name="lineNumber"/> who may be rung now: <see cref="AgentState.Available"/>
    /// (registered with a reachable contact, not ringing, on a call, in wrap-up or away), in configuration order.
    /// </summary>
    public IReadOnlyList<Agent> AvailableAgentsForLine(string lineNumber) =>
        [.. _roster.Agents.Where(a => a.Answers(lineNumber) && _presence.GetState(a.Id) == AgentState.Available && ReachableContacts(a).Count > 0)];

    /// <summary>The agent's state; <see cref="AgentState.Offline"/> for an unknown id.</summary>
    public AgentState StateOf(string agentId) => _presence.GetState(agentId);

    /// <summary>
    /// Where to ring the agent: the registered contacts that answer OPTIONS. Send each INVITE to
    /// <see cref="SipBinding.ContactUri"/> over <see cref="SipBinding.Source"/> (the address the
    /// REGISTER came from, which is what reaches a phone behind NAT).
    /// </summary>
    public IReadOnlyList<SipBinding> ReachableContacts(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return [.. _store.GetBindings(agent.AddressOfRecord).Where(b => b.IsReachable)];
    }

    /// <inheritdoc cref="ReachableContacts(Agent)"/>
    public IReadOnlyList<SipBinding> ReachableContacts(string agentId) =>
        _roster.Find(agentId) is { } agent ? ReachableContacts(agent) : [];

    /// <summary>Every registered contact of the agent, reachable or not.</summary>
    public IReadOnlyList<SipBinding> Contacts(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return _store.GetBindings(agent.AddressOfRecord);
    }
}
