using CallService.Sip.Auth;
using CallService.Sip.Registrar;

namespace CallService.Agents;

/// <summary>The registrar's accounts are the agents: their SIP users and configured HA1 values.</summary>
public sealed class AgentAccounts(AgentRoster roster) : IRegistrarAccounts
{
    /// <inheritdoc />
    public string? FindHa1(string username, string realm, DigestAlgorithm family)
    {
        // An HA1 is only valid in the realm it was computed for.
        if (!string.Equals(realm, roster.Realm, StringComparison.Ordinal) || roster.FindBySipUser(username) is not { } agent)
        {
            return null;
        }

        return family == DigestAlgorithm.Md5 ? agent.Ha1Md5 : agent.Ha1Sha256;
    }
}
