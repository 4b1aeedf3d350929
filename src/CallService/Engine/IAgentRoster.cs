using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Engine;

/// <summary>What the engine asks of the agents side: who can be rung for a line now, where their
/// softphones are, and the presence changes that ringing and calls cause.</summary>
public interface IAgentRoster
{
    /// <summary>Agents available for <paramref name="line"/> now, in the line's configured order,
    /// each with the contacts (registered and reachable softphones) to ring.</summary>
    IReadOnlyList<AgentTarget> AvailableFor(string line);

    /// <summary>True when the line has agents in the configuration at all (registered or not).</summary>
    bool AnyConfiguredFor(string line);

    /// <summary>True when any agent of the line has a registered softphone (callers may be queued for them).</summary>
    bool AnyRegisteredFor(string line);

    void MarkRinging(string agentId, string callId);

    void MarkOnCall(string agentId, string callId);

    /// <summary>Their ringing or call for <paramref name="callId"/> ended (wrap-up follows a call they talked on).</summary>
    void MarkCallEnded(string agentId, string callId);
}

/// <summary>An agent to ring and where.</summary>
public sealed record AgentTarget(string AgentId, string DisplayName, SipUri AddressOfRecord, IReadOnlyList<AgentContact> Contacts);

/// <summary>One registered softphone: its Contact URI and where requests for it go (the flow it registered from).</summary>
public sealed record AgentContact(SipUri Uri, SipEndPoint Destination);

/// <summary>No agents: every call is answered by the service (the line works before any headset registers).</summary>
public sealed class NoAgentRoster : IAgentRoster
{
    public IReadOnlyList<AgentTarget> AvailableFor(string line) => [];

    public bool AnyRegisteredFor(string line) => false;

    public bool AnyConfiguredFor(string line) => false;

    public void MarkRinging(string agentId, string callId)
    {
    }

    public void MarkOnCall(string agentId, string callId)
    {
    }

    public void MarkCallEnded(string agentId, string callId)
    {
    }
}
