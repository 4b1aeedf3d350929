using CallService.Agents;
using CallService.Sip.Messages;

namespace CallService.Engine;

/// <summary>The engine's view of the agents: the configured roster, their presence and the softphones
/// the registrar holds (reachable per OPTIONS qualify), called where they registered from.</summary>
public sealed class AgentDirectoryRoster(AgentDirectory directory, AgentPresence presence) : IAgentRoster
{
    public IReadOnlyList<AgentTarget> AvailableFor(string line) =>
        [.. directory.AvailableAgentsForLine(line).Select(agent => new AgentTarget(
            agent.Id,
            agent.DisplayName,
            SipUri.Parse(agent.AddressOfRecord),
            [.. directory.ReachableContacts(agent).Select(b => new AgentContact(b.ContactUri, b.Source))]))];

    public bool AnyRegisteredFor(string line) => directory.AgentsForLine(line).Any(a => directory.Contacts(a).Count > 0);

    public bool AnyConfiguredFor(string line) => directory.AgentsForLine(line).Count > 0;

    public void MarkRinging(string agentId, string callId) => presence.MarkRinging(agentId, callId);

    public void MarkOnCall(string agentId, string callId) => presence.MarkOnCall(agentId, callId);

    public void MarkCallEnded(string agentId, string callId) => presence.MarkCallEnded(agentId, callId);
}
